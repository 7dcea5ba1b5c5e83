/*
 * shadow.h - shadow paging: memory virtualization without EPT.
 *
 * With EPT off, the CPU walks only one page table, the one CR3 points to.
 * So the VMM points CR3 at a shadow table that maps guest-virtual straight
 * to host-physical, built from the guest's own tables (guest-virtual ->
 * guest-physical) and the guest-RAM map (guest-physical -> host-physical).
 * The guest never sees it: its CR3 reads return its own value.
 *
 * Keeping the shadows true (shadow.c):
 *   - a shadow entry is filled on the guest's #PF, when the guest's tables
 *     allow the access (shadow_rules.c), else the #PF is the guest's own;
 *   - every guest page that holds a page table is write-protected in every
 *     shadow; the guest's write to it traps, the VMM performs it
 *     (pte_insn.c decodes the instruction) and drops the shadow entries
 *     that came from the changed entry;
 *   - so shadows stay valid across CR3 loads: a small cache of shadow
 *     roots, keyed by guest CR3, makes a switch back to a process cheap.
 */
#ifndef HV_MMU_SHADOW_H
#define HV_MMU_SHADOW_H

#include "hv/types.h"

struct vm;
struct vcpu;

#define SHADOW_ROOTS 8		/* cached address spaces */

struct shadow_root {
	u64 guest_cr3;		/* the guest's CR3 (its PML4, guest-physical) */
	hpa_t root;		/* our PML4 for it; 0 = slot unused */
	u64 last_used;		/* for evicting the least recently used */
};

struct shadow_state {
	struct shadow_root roots[SHADOW_ROOTS];
	int current;		/* roots[current] is in the real CR3 */
	u64 clock;
	u64 free_list;		/* recycled shadow table pages (HPA chain) */
	u64 tables;		/* shadow table pages in use, roots included */
	/* Per guest frame (guest RAM / 4 KiB): */
	u8 *pt_level;		/* 0, or the level of the page table it holds */
	u64 *pt_base;		/* the first guest-virtual address it maps */
	u8 *mapped_rw;		/* some shadow maps the frame writable */
};

void shadow_init(struct vm *vm, u64 guest_cr3);

/* The guest loads CR3: the cached or a new shadow root for the real CR3. */
hpa_t shadow_cr3_load(struct vcpu *v, u64 guest_cr3);

/* A paging bit of CR0/CR4 changed: every shadow entry may be wrong. */
void shadow_flush(struct vm *vm, const char *why);

#endif
