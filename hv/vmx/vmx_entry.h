/*
 * vmx_entry.h - the world switch in vmx_entry.asm.
 */
#ifndef HV_VMX_VMX_ENTRY_H
#define HV_VMX_VMX_ENTRY_H

struct vcpu_regs;

enum vmx_enter_result {
	VMX_ENTER_EXITED = 0,		/* the guest ran and a VM exit came back */
	VMX_ENTER_FAIL_INVALID = 1,	/* VMLAUNCH/VMRESUME: VMfailInvalid */
	VMX_ENTER_FAIL_VALID = 2,	/* VMfailValid: see VM_INSTRUCTION_ERROR */
	VMX_ENTER_HOST_RSP_FAILED = 3,	/* the VMWRITE of HOST_RSP failed */
};

/* Loads the guest registers, VMLAUNCH (launched == 0) or VMRESUME; returns
 * at the next VM exit with the guest registers saved in *regs. */
int vmx_enter(struct vcpu_regs *regs, int launched);

/* HOST_RIP: where every VM exit lands. */
void vmx_exit_stub(void);

#endif
