/*
 * caps.h - fitting the controls hvlab wants to what this CPU allows.
 *
 * Each VMX control capability MSR holds two 32-bit masks (SDM A.3-A.5):
 *   bits 31:0  "allowed-0": a 1 here means the control MUST be 1
 *   bits 63:32 "allowed-1": a 0 here means the control MUST be 0
 * So the value to program is (wanted | allowed0) & allowed1, and a wanted
 * control that falls out of it is one this CPU does not have.
 */
#ifndef HV_VMX_CAPS_H
#define HV_VMX_CAPS_H

#include "hv/types.h"

struct vmx_ctl_fit {
	u32 value;	/* what to write into the VMCS */
	u32 missing;	/* required bits the CPU cannot set */
	u32 forced;	/* bits the CPU forces on that we did not ask for */
};

/* required: hvlab cannot work without them; optional: used when present. */
struct vmx_ctl_fit vmx_fit_controls(u64 cap_msr, u32 required, u32 optional);

/* Fixed bits of CR0/CR4 in VMX operation (SDM A.7, A.8):
 * a bit set in fixed0 must be 1, a bit clear in fixed1 must be 0. */
static inline u64 vmx_apply_fixed(u64 value, u64 fixed0, u64 fixed1)
{
	return (value | fixed0) & fixed1;
}

#endif
