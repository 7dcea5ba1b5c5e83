/*
 * mmu.h - memory virtualization policy, chosen at boot (mode=ept|shadow).
 * This version implements EPT; shadow paging is a later issue.
 */
#ifndef HV_MMU_MMU_H
#define HV_MMU_MMU_H

#include "hv/vm.h"

/* Creates the (empty) EPT for vm.  Guest pages are mapped on first touch. */
void mmu_init(struct vm *vm);

/* Maps one guest page into the EPT right away (used when the VMM itself
 * loads the guest image, so those pages do not fault). */
void mmu_map_loaded_page(struct vm *vm, gpa_t gpa, hpa_t hpa);

#endif
