/*
 * mmu.h - memory virtualization policy, chosen at boot (mode=ept|shadow):
 * EPT here in mmu.c, shadow paging in shadow.c.
 */
#ifndef HV_MMU_MMU_H
#define HV_MMU_MMU_H

#include "hv/vm.h"

/* Creates the (empty) EPT, or the empty shadow root for the guest's first
 * CR3.  Guest pages are mapped on first touch either way. */
void mmu_init(struct vm *vm, u64 guest_cr3);

/* Maps one guest page into the EPT right away (used when the VMM itself
 * loads the guest image, so those pages do not fault). */
void mmu_map_loaded_page(struct vm *vm, gpa_t gpa, hpa_t hpa);

/* How many 4 KiB pages hold the VMM's second-level tables (EPT, or all
 * cached shadows), and how many top-level tables there are. */
struct mmu_table_count {
	u64 pages, roots;
};
struct mmu_table_count mmu_count_tables(struct vm *vm);

#endif
