/*
 * ept.h - Extended Page Tables: guest-physical -> host-physical
 * (SDM vol. 3, 29.3 "The Extended Page Table Mechanism").
 *
 * EPT is a second page table that the CPU walks for every guest-physical
 * address the guest produces, including the addresses of the guest's own
 * page-table entries.  hvlab starts with an empty EPT and fills it one 4 KiB
 * page at a time, on EPT violations, so every first touch is visible.
 */
#ifndef HV_MMU_EPT_H
#define HV_MMU_EPT_H

#include "paging.h"

/* EPT entry bits (SDM 29.3.2, tables 29-1 .. 29-6). */
#define EPT_R BIT(0)
#define EPT_W BIT(1)
#define EPT_X BIT(2)
#define EPT_RWX (EPT_R | EPT_W | EPT_X)
#define EPT_MT_SHIFT 3			/* leaf memory type, bits 5:3 */
#define EPT_MT_UC 0ull
#define EPT_MT_WB 6ull
#define EPT_IGNORE_PAT BIT(6)
#define EPT_ACCESSED BIT(8)
#define EPT_DIRTY BIT(9)

/* EPTP (SDM 25.6.11): memory type in bits 2:0, walk length - 1 in 5:3. */
#define EPTP_WALK_4 (3ull << 3)

extern const struct pt_format pt_ept;

/* A leaf entry for normal RAM: WB, the given permissions. */
static inline u64 ept_leaf_flags(u64 perms)
{
	return (perms & EPT_RWX) | (EPT_MT_WB << EPT_MT_SHIFT);
}

static inline u64 ept_eptp(hpa_t root)
{
	return (root.v & PT_ADDR_MASK) | EPTP_WALK_4 | EPT_MT_WB;
}

/* Exit qualification of an EPT violation (SDM 28.2.1, table 28-7). */
struct ept_violation {
	bool read, write, fetch;		/* what the guest tried */
	bool was_readable, was_writable, was_executable; /* what EPT allowed */
	bool gla_valid;				/* guest-linear address field valid */
	bool gla_translation;			/* access to the final page, not a PT walk */
};

struct ept_violation ept_decode_violation(u64 qualification);

/* "read", "write" or "fetch" (the first that applies). */
const char *ept_access_name(const struct ept_violation *v);

#endif
