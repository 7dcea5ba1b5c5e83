/*
 * guest_ram.h - the guest-physical -> host-physical map of guest RAM.
 *
 * Guest RAM is [0, size) in guest-physical space.  Each 4 KiB guest page
 * gets a host page the first time anyone needs it (the guest touching it, or
 * the VMM loading the guest image), never earlier.  Both MMU modes use this
 * one map: EPT copies entries from it into the EPT; shadow paging will use
 * it to turn the guest's GPAs into the HPAs of its shadow entries.
 */
#ifndef HV_MMU_GUEST_RAM_H
#define HV_MMU_GUEST_RAM_H

#include "hv/palloc.h"
#include "hv/types.h"

struct guest_ram {
	u64 size;		/* bytes */
	hpa_t *frames;		/* frames[gpa >> 12]: backing page, 0 = none yet */
	u64 pages_backed;
	struct palloc *pa;
};

enum gram_result {
	GRAM_MAPPED,		/* already backed */
	GRAM_NEW,		/* a fresh zeroed host page was just assigned */
	GRAM_OUTSIDE,		/* gpa is not guest RAM */
	GRAM_NO_MEMORY,		/* the VMM's pool is exhausted */
};

/* Allocates the frame array; false if the pool cannot hold it. */
bool guest_ram_init(struct guest_ram *r, struct palloc *pa, u64 size);

/* The host page backing gpa's page, assigning one if needed. */
enum gram_result guest_ram_back(struct guest_ram *r, gpa_t gpa, hpa_t *hpa);

/* Like guest_ram_back but never assigns: HPA 0 if not backed. */
hpa_t guest_ram_lookup(const struct guest_ram *r, gpa_t gpa);

/* Backs [gpa, gpa + len) with the contiguous host memory at hpa (for a
 * large EPT page: one entry maps it all). */
void guest_ram_assign(struct guest_ram *r, gpa_t gpa, hpa_t hpa, u64 len);

/* Copy into guest-physical memory (backing pages as needed).  Used by the
 * VMM to load the guest; false if any byte falls outside RAM. */
bool guest_ram_write(struct guest_ram *r, gpa_t gpa, const void *src, u64 n);

#endif
