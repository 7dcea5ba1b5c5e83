/*
 * paging.h - one description of a 4-level x86 page table, used for
 * the VMM's own tables (IA-32e format), for walking the guest's tables,
 * and for EPT (SDM vol. 3, 4.5 and 29.3).  Both formats have 512 entries of
 * 8 bytes per 4 KiB table, index bits 47:39 / 38:30 / 29:21 / 20:12, the
 * address of the next level in bits 51:12 and a "large page" bit 7 at the
 * PDPT and PD levels.  What differs is which bits say "present" and which
 * permission bits an intermediate entry needs: that is all a format holds.
 */
#ifndef HV_MMU_PAGING_H
#define HV_MMU_PAGING_H

#include "hv/types.h"

#define PT_LEVELS 4
#define PT_ENTRIES 512
#define PT_ADDR_MASK 0x000ffffffffff000ull
#define PT_LARGE BIT(7)

/* Level numbers: 4 = PML4, 3 = PDPT (1 GiB leaves), 2 = PD (2 MiB), 1 = PT. */
static inline unsigned pt_index(u64 addr, int level)
{
	return (unsigned)(addr >> (PAGE_SHIFT + 9 * (level - 1))) & 511;
}

static inline u64 pt_level_size(int level)
{
	return 1ull << (PAGE_SHIFT + 9 * (level - 1));
}

struct pt_format {
	const char *name;
	u64 present_mask;	/* entry present if any of these bits is set */
	u64 table_flags;	/* flags of an entry that points to a table */
};

/* IA-32e paging: P=bit 0; tables get P|RW|US so the leaf decides. */
#define IA32E_P   BIT(0)
#define IA32E_RW  BIT(1)
#define IA32E_US  BIT(2)
#define IA32E_PWT BIT(3)
#define IA32E_PCD BIT(4)
#define IA32E_A   BIT(5)
#define IA32E_D   BIT(6)
#define IA32E_PS  BIT(7)
#define IA32E_G   BIT(8)
#define IA32E_NX  BIT(63)

extern const struct pt_format pt_ia32e;

/* Where page-table memory comes from and how it is reached.  In the VMM a
 * table address is host-physical and identity-mapped; in the host unit tests
 * it is a malloc'd page; for a guest walk it is guest-physical and must be
 * translated first. */
struct pt_mem {
	u64 *(*table)(void *ctx, u64 table_addr);	/* NULL: unreachable */
	u64 (*alloc)(void *ctx);			/* 0: out of memory */
	void *ctx;
};

/* Maps one page of pt_level_size(level) at va to pa with leaf flags.
 * Intermediate tables are allocated as needed.  Returns false when memory
 * runs out or a larger mapping is in the way. */
bool pt_map(const struct pt_format *f, const struct pt_mem *m, u64 root,
	    u64 va, u64 pa, int level, u64 leaf_flags);

/* The result of a software walk: every entry read, top level first. */
struct pt_walk {
	int steps;			/* entries read (memory references) */
	u64 entry[PT_LEVELS];		/* entry[i] read at step i */
	u64 entry_addr[PT_LEVELS];	/* where it was read (table address + 8*index) */
	int leaf_level;			/* level of the leaf, 0 if not present */
	bool present;
	u64 pa;				/* translated address if present */
};

/* Walks root for va.  Stops at the first non-present entry. */
bool pt_walk(const struct pt_format *f, const struct pt_mem *m, u64 root,
	     u64 va, struct pt_walk *w);

#endif
