/*
 * check.h - a software copy of some of the checks VM entry makes (SDM vol. 3,
 * 27.2 "Checks on VMX controls and host-state area" and 27.3.1 "Checks on
 * the guest state area").
 *
 * The CPU only says "VM entry with invalid control field(s)" (error 7),
 * "... invalid host-state field(s)" (error 8) or "invalid guest state" (exit
 * reason 33), never which field.  When that happens hvlab re-checks the VMCS
 * against the rules below and names every field that breaks one.  The rules
 * are a subset of the SDM's (those a hand-built VMCS most often breaks);
 * "no rule matched" means look further in the SDM, not that all is well.
 *
 * Pure code: it works on a snapshot, so the host unit tests can feed it
 * broken states and check that the right field is named.
 */
#ifndef HV_VMX_CHECK_H
#define HV_VMX_CHECK_H

#include "hv/types.h"

struct vmx_check_state {
	/* capability MSRs as used to fit the controls */
	u64 cap_pin, cap_cpu, cap_cpu2, cap_exit, cap_entry;
	u64 cr0_fixed0, cr0_fixed1, cr4_fixed0, cr4_fixed1;
	/* controls */
	u32 pin, cpu, cpu2, exit, entry, cr3_target_count;
	u64 eptp;
	/* host state */
	u64 host_cr0, host_cr4;
	u16 host_cs, host_ss, host_ds, host_es, host_fs, host_gs, host_tr;
	u64 host_rip, host_fs_base, host_gs_base, host_tr_base;
	u64 host_gdtr_base, host_idtr_base;
	/* guest state */
	u64 guest_cr0, guest_cr4, guest_rflags, guest_efer, link_pointer;
	bool guest_efer_loaded;		/* "load IA32_EFER" entry control */
	u32 guest_cs_ar, guest_ss_ar, guest_tr_ar, guest_ldtr_ar;
	u16 guest_tr_sel;
	u32 guest_activity, guest_interruptibility;
};

struct vmx_check_failure {
	const char *field;	/* VMCS field name */
	u64 value;
	const char *rule;	/* what must hold */
	const char *sdm;	/* where the rule is */
};

enum vmx_check_area { CHECK_CONTROLS, CHECK_HOST, CHECK_GUEST };

/* Fills up to max failures for the area; returns how many rules failed. */
int vmx_check(const struct vmx_check_state *s, enum vmx_check_area area,
	      struct vmx_check_failure *out, int max);

#endif
