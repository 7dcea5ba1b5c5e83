/*
 * vmx.h - Intel VT-x backend state for one vCPU.  Only hv/vmx/ looks inside.
 */
#ifndef HV_VMX_VMX_H
#define HV_VMX_VMX_H

#include "hv/types.h"

struct vmx_vcpu {
	hpa_t vmcs;		/* this vCPU's VMCS region */
	bool launched;		/* VMLAUNCH done: next entry is VMRESUME */
	u64 eptp;
	u64 cr0_fixed0, cr0_fixed1, cr4_fixed0, cr4_fixed1;
	u64 cr0_mask, cr4_mask;	/* bits the guest may not change on its own */
	bool load_efer;		/* "load IA32_EFER" entry control in use */
	bool invept_single;	/* single-context INVEPT supported */
	bool invept_all;	/* all-context INVEPT supported */
	/* The controls as programmed, and the capability MSRs they were fitted
	 * to, for dumps and for re-checking a failed VM entry (check.c). */
	u32 pin, cpu, cpu2, exit, entry;
	u64 cap_pin, cap_cpu, cap_cpu2, cap_exit, cap_entry;
};

#endif
