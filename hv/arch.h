/*
 * arch.h - what the generic VMM asks of a virtualization backend.
 *
 * hv/vmx/ implements these for Intel VT-x; an AMD SVM backend (hv/svm/)
 * would implement the same calls.  Nothing outside the backend knows about
 * VMCSs, VMX instructions or exit-reason numbers.
 */
#ifndef HV_ARCH_H
#define HV_ARCH_H

#include "mmu/shadow_rules.h"
#include "platform.h"
#include "types.h"

struct host;
struct vcpu;

/* What the CPU offers for memory virtualization, as the generic code sees it. */
struct cpu_caps {
	char vendor[13];		/* CPUID vendor string */
	bool virt;			/* hardware virtualization (VMX) usable */
	bool nested_paging;		/* EPT */
	bool nested_2m, nested_1g;	/* large EPT pages */
	bool vpid;
	bool unrestricted_guest;
};

/* Checks that this CPU can run guests.  On failure writes the reason (a full
 * sentence for the user) and returns the status the run should end with. */
enum run_status vcpu_vendor_probe(struct cpu_caps *caps, char *why, size_t n);

/* Enters virtualization operation (VMXON) on this CPU; panics on failure. */
void vcpu_vendor_enable(struct host *h);

/* Prepares the vCPU's control structure (VMCS) from v->vm. */
void vcpu_vendor_setup(struct vcpu *v);

/* Runs the guest until it stops; returns how the run ends. */
enum run_status vcpu_vendor_run(struct vcpu *v);

/* Invalidates cached guest-physical translations after an EPT change. */
void vcpu_vendor_flush_nested_tlb(struct vcpu *v);

/* Shadow paging: the guest's CR0.WP and EFER.NXE as the guest set them. */
struct guest_paging vcpu_vendor_guest_paging(struct vcpu *v);

/* Shadow paging: deliver #PF(error) at gva to the guest on the next entry
 * (CR2 = gva), as the CPU would have. */
void vcpu_vendor_inject_page_fault(struct vcpu *v, gva_t gva, u32 error);

/* A printable name for the backend's exit reason number. */
const char *vcpu_vendor_exit_name(unsigned reason);

/* The guest's current privilege level. */
unsigned vcpu_vendor_guest_cpl(struct vcpu *v);

/* The CR3 the hardware uses for the guest (EPT: the guest's own;
 * shadow: the shadow root). */
u64 vcpu_vendor_hw_cr3(struct vcpu *v);

/* The guest's RIP and RFLAGS, for emulating one instruction. */
u64 vcpu_vendor_get_rip(struct vcpu *v);
void vcpu_vendor_set_rip(struct vcpu *v, u64 rip);
u64 vcpu_vendor_get_rflags(struct vcpu *v);
void vcpu_vendor_set_rflags(struct vcpu *v, u64 rflags);
#define RFLAGS_ZF_BIT BIT(6)
#define RFLAGS_DF_BIT BIT(10)

/* Prints the guest's registers and control state, for error reports. */
void vcpu_vendor_dump_guest(struct vcpu *v);

#endif
