/*
 * test_caps.c - fitting controls to capability MSRs (SDM A.3-A.5) and CR
 * fixed bits (A.7-A.8).
 */
#include "hv/vmx/caps.h"
#include "test.h"

struct fit_case {
	const char *what;
	u64 msr;		/* allowed-1 in 63:32, allowed-0 in 31:0 */
	u32 required, optional;
	u32 value, missing, forced;
};

static const struct fit_case fits[] = {
	{ "nothing wanted: the must-be-1 bits",
	  0xffffffff00000016ull, 0, 0, 0x16, 0, 0x16 },
	{ "wanted and allowed",
	  0xffffffff00000016ull, 0x80, 0, 0x96, 0, 0x16 },
	{ "required but not allowed",
	  0x0000ff7f00000016ull, 0x80, 0, 0x16, 0x80, 0x16 },
	{ "optional and not allowed: silently left out",
	  0x0000ff7f00000016ull, 0, 0x80, 0x16, 0, 0x16 },
	{ "optional and allowed",
	  0x000000ff00000000ull, 0x01, 0x80, 0x81, 0, 0 },
	{ "skylake-like primary controls",
	  0xfff9fffe0401e172ull, 0x81000080, 0, 0x8501e1f2, 0, 0x0401e172 & ~0x81000080u },
	{ "secondary: EPT missing (penryn-like)",
	  0x0000004100000000ull, 0x2, 0, 0, 0x2, 0 },
};

void test_caps(void)
{
	for (size_t i = 0; i < sizeof(fits) / sizeof(fits[0]); i++) {
		const struct fit_case *c = &fits[i];
		struct vmx_ctl_fit f = vmx_fit_controls(c->msr, c->required,
							c->optional);
		CHECK(f.value == c->value && f.missing == c->missing &&
			      f.forced == c->forced,
		      "%s: value=0x%x missing=0x%x forced=0x%x", c->what,
		      f.value, f.missing, f.forced);
	}
	/* CR0 with Bochs-like fixed bits: PE, NE, PG forced on */
	u64 fixed0 = 0x80000021, fixed1 = 0xffffffff;
	CHECK(vmx_apply_fixed(0x80010033, fixed0, fixed1) == 0x80010033,
	      "already valid CR0 unchanged");
	CHECK(vmx_apply_fixed(0x80010013, fixed0, fixed1) == 0x80010033,
	      "CR0.NE forced on");
	CHECK(vmx_apply_fixed(0x2020, 0x2000, 0x3727ff) == 0x2020 &&
		      vmx_apply_fixed(0x400020, 0x2000, 0x3727ff) == 0x2020,
	      "CR4: VMXE forced on, an unsupported bit forced off");
}
