/*
 * walk.h - the hardware's page walk, done in software and counted.
 *
 * Under EPT every guest page-table entry sits at a guest-physical address
 * that must itself be translated through EPT before the CPU can read it:
 * a "2D" walk.  With n guest levels and m EPT levels per translation, one
 * TLB miss costs n x (m + 1) + m memory references: n guest entries, each
 * preceded by an m-step EPT walk, and one last EPT walk for the data's
 * address.  4-level tables on 4 KiB EPT pages: 4 x 5 + 4 = 24.  With 2 MiB
 * EPT pages m = 3 (19), with 1 GiB pages m = 2 (14).  Shadow paging walks
 * one table, 4 references.  walk_2d() counts them on the real tables.
 */
#ifndef HV_MMU_WALK_H
#define HV_MMU_WALK_H

#include "paging.h"

struct walk_2d {
	bool ok;		/* translated all the way */
	u64 gpa;		/* the guest's translation */
	u64 hpa;		/* and the host's */
	int refs;		/* memory references: guest entries + EPT entries */
	int guest_refs;		/* of which guest page-table entries */
};

/* Translates gva through the guest's tables at guest_root (guest-physical)
 * and, for every guest-physical address met, through ept (host memory),
 * counting each entry read.  ept_mem reaches EPT tables; host_ptr turns a
 * host-physical address into a pointer (the guest's tables are read
 * through it once EPT gives their host address). */
struct walk_2d walk_2d(const struct pt_format *ept_fmt, const struct pt_mem *ept_mem,
		       u64 ept_root, u64 guest_root, u64 gva);

/* One-dimensional walk (shadow paging: the shadow table maps gva -> hpa). */
struct walk_2d walk_1d(const struct pt_mem *mem, u64 root, u64 gva);

#endif
