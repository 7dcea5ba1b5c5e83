/*
 * shadow_rules.h - what a shadow-paging VMM decides on a guest #PF, given
 * the guest's own page-table walk: reflect the fault to the guest (it would
 * have faulted on real hardware too) or fill a shadow entry (the fault only
 * happened because the shadow did not have the translation yet).
 *
 * The permission rules are the CPU's (SDM vol. 3, 4.6 "Access Rights" and
 * 4.7 "Page-Fault Exceptions"): a user access needs U/S=1 at every level, a
 * write needs R/W=1 at every level (for supervisor writes only when
 * CR0.WP=1), a fetch from an NX page faults when EFER.NXE=1.  Pure code:
 * tests/unit/test_shadow.c checks it as a table.
 */
#ifndef HV_MMU_SHADOW_RULES_H
#define HV_MMU_SHADOW_RULES_H

#include "paging.h"

/* #PF error-code bits (SDM 4.7). */
#define PF_P BIT(0)	/* the translation was present: a protection fault */
#define PF_W BIT(1)	/* a write */
#define PF_U BIT(2)	/* from user mode (CPL 3) */
#define PF_I BIT(4)	/* an instruction fetch */

struct guest_access {
	bool write, user, fetch;
};

struct guest_paging {
	bool wp;	/* CR0.WP */
	bool nxe;	/* EFER.NXE */
};

struct shadow_decision {
	bool fill;		/* false: reflect a #PF with pf_error */
	u32 pf_error;
	u64 shadow_flags;	/* for a fill: P, RW, US, NX of the shadow leaf */
	bool set_dirty;		/* the guest leaf's D bit must be set */
};

/* The access as the CPU reported it in the #PF error code. */
struct guest_access guest_access_from_error(u32 error);

struct shadow_decision shadow_decide(const struct pt_walk *w,
				     struct guest_access a,
				     struct guest_paging m);

#endif
