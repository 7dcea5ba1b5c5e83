/*
 * shadow.h - shadow paging: memory virtualization without EPT.
 *
 * With EPT off, the CPU walks only one page table, the one CR3 points to.
 * So the VMM points CR3 at a shadow table that maps guest-virtual straight
 * to host-physical, built from the guest's own tables (guest-virtual ->
 * guest-physical) and the guest-RAM map (guest-physical -> host-physical).
 * The guest never sees it: its CR3 reads return its own value.
 *
 * This version keeps the shadow as a virtual TLB: entries are filled on
 * #PF, dropped on INVLPG, and all dropped when the guest loads CR3 (as a
 * TLB is flushed) or changes a paging bit of CR0/CR4.  That is exact for a
 * guest that follows the architecture's TLB rules, as ours does.
 */
#ifndef HV_MMU_SHADOW_H
#define HV_MMU_SHADOW_H

#include "hv/types.h"

struct vm;
struct vcpu;

struct shadow_state {
	hpa_t root;		/* the shadow PML4: what the real CR3 holds */
	u64 guest_cr3;		/* what the guest believes CR3 holds */
	u64 free_list;		/* recycled shadow table pages (HPA chain) */
	u64 tables;		/* shadow table pages in use, the root included */
};

void shadow_init(struct vm *vm, u64 guest_cr3);

/* The guest loads CR3: drop the shadow, return the root for the real CR3. */
hpa_t shadow_cr3_load(struct vcpu *v, u64 guest_cr3);

/* A paging bit of CR0/CR4 changed: every shadow entry may be wrong. */
void shadow_flush(struct vm *vm, const char *why);

#endif
