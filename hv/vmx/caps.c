/*
 * caps.c - capability-MSR arithmetic (pure, unit-tested on the host).
 */
#include "caps.h"

struct vmx_ctl_fit vmx_fit_controls(u64 cap_msr, u32 required, u32 optional)
{
	u32 must_be_1 = (u32)cap_msr;
	u32 may_be_1 = (u32)(cap_msr >> 32);
	u32 wanted = required | optional;

	return (struct vmx_ctl_fit){
		.value = (wanted | must_be_1) & may_be_1,
		.missing = required & ~may_be_1,
		.forced = must_be_1 & ~wanted,
	};
}
