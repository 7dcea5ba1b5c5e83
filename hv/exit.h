/*
 * exit.h - vendor-neutral handling of the events that make the guest stop
 * and the VMM run.  The backend (hv/vmx/exit.c) decodes the hardware's exit
 * information and calls these; they know nothing of VMX.
 */
#ifndef HV_EXIT_H
#define HV_EXIT_H

#include "vm.h"

enum exit_action {
	EXIT_RESUME,	/* continue the guest */
	EXIT_STOP,	/* the run is over; vm->status says how */
	EXIT_RETRY,	/* continue without completing the instruction (an
			 * event was injected in its place) */
};

enum exit_action handle_cpuid(struct vcpu *v);
enum exit_action handle_io(struct vcpu *v, u16 port, unsigned size, bool in,
			   u64 *value);
enum exit_action handle_hypercall(struct vcpu *v);
enum exit_action handle_hlt(struct vcpu *v);

/* hv/mmu/mmu.c */
enum exit_action mmu_nested_fault(struct vcpu *v, gpa_t gpa, gva_t gva,
				  bool gva_valid, u64 qualification);
void mmu_dump_nested_path(struct vcpu *v, gpa_t gpa);

/* hv/mmu/shadow.c: the events shadow paging traps. */
enum exit_action mmu_guest_page_fault(struct vcpu *v, gva_t gva, u32 error);
enum exit_action mmu_invlpg(struct vcpu *v, gva_t gva);
u64 mmu_guest_cr3(struct vcpu *v);

/* Translates gva as the hardware would in the active mode, logs the path
 * and returns the number of memory references (hv/mmu/walk.h). */
int mmu_count_walk(struct vcpu *v, gva_t gva);

#endif
