/*
 * check.c - name the VMCS field that made VM entry fail (see check.h).
 */
#include "check.h"
#include "vmx_defs.h"

struct checker {
	struct vmx_check_failure *out;
	int max, n;
};

static void rule(struct checker *c, bool ok, const char *field, u64 value,
		 const char *what, const char *sdm)
{
	if (ok)
		return;
	if (c->n < c->max)
		c->out[c->n] = (struct vmx_check_failure){ field, value, what, sdm };
	c->n++;
}

/* A control value fits its capability MSR (allowed-0 / allowed-1). */
static bool fits(u32 value, u64 cap)
{
	u32 must_be_1 = (u32)cap, may_be_1 = (u32)(cap >> 32);
	return (value & must_be_1) == must_be_1 && !(value & ~may_be_1);
}

static bool canonical(u64 a)
{
	return (u64)((s64)(a << 16) >> 16) == a;
}

static bool fixed_ok(u64 v, u64 fixed0, u64 fixed1)
{
	return (v & fixed0) == fixed0 && !(v & ~fixed1);
}

static void check_controls(struct checker *c, const struct vmx_check_state *s)
{
	const char *fit = "bits must be allowed by the capability MSR";
	rule(c, fits(s->pin, s->cap_pin), "PIN_BASED_VM_EXEC_CONTROL", s->pin,
	     fit, "27.2.1.1");
	rule(c, fits(s->cpu, s->cap_cpu), "CPU_BASED_VM_EXEC_CONTROL", s->cpu,
	     fit, "27.2.1.1");
	if (s->cpu & CPU_SECONDARY_CONTROLS)
		rule(c, fits(s->cpu2, s->cap_cpu2), "SECONDARY_VM_EXEC_CONTROL",
		     s->cpu2, fit, "27.2.1.1");
	rule(c, fits(s->exit, s->cap_exit), "VM_EXIT_CONTROLS", s->exit, fit,
	     "27.2.1.2");
	rule(c, fits(s->entry, s->cap_entry), "VM_ENTRY_CONTROLS", s->entry, fit,
	     "27.2.1.3");
	rule(c, s->cr3_target_count <= 4, "CR3_TARGET_COUNT",
	     s->cr3_target_count, "at most 4", "27.2.1.1");
	if ((s->cpu & CPU_SECONDARY_CONTROLS) && (s->cpu2 & CPU2_ENABLE_EPT)) {
		u64 mt = s->eptp & 7, walk = (s->eptp >> 3) & 7;
		rule(c, mt == 0 || mt == 6, "EPT_POINTER", s->eptp,
		     "memory type (bits 2:0) must be UC (0) or WB (6)", "27.2.1.1");
		rule(c, walk == 3 || walk == 4, "EPT_POINTER", s->eptp,
		     "bits 5:3 must be 3 (4-level walk) or, where supported, 4",
		     "27.2.1.1");
		rule(c, !(s->eptp & 0xfff0000000000f80ull), "EPT_POINTER",
		     s->eptp, "reserved bits must be 0", "27.2.1.1");
	}
}

static void check_host(struct checker *c, const struct vmx_check_state *s)
{
	rule(c, fixed_ok(s->host_cr0, s->cr0_fixed0, s->cr0_fixed1), "HOST_CR0",
	     s->host_cr0, "must respect IA32_VMX_CR0_FIXED0/1", "27.2.2");
	rule(c, fixed_ok(s->host_cr4, s->cr4_fixed0, s->cr4_fixed1), "HOST_CR4",
	     s->host_cr4, "must respect IA32_VMX_CR4_FIXED0/1", "27.2.2");
	static const char *const names[] = {
		"HOST_CS_SELECTOR", "HOST_SS_SELECTOR", "HOST_DS_SELECTOR",
		"HOST_ES_SELECTOR", "HOST_FS_SELECTOR", "HOST_GS_SELECTOR",
		"HOST_TR_SELECTOR" };
	const u16 sel[] = { s->host_cs, s->host_ss, s->host_ds, s->host_es,
			    s->host_fs, s->host_gs, s->host_tr };
	for (int i = 0; i < 7; i++)
		rule(c, !(sel[i] & 7), names[i], sel[i],
		     "RPL and TI (bits 2:0) must be 0", "27.2.3");
	rule(c, s->host_cs != 0, "HOST_CS_SELECTOR", s->host_cs,
	     "must not be 0", "27.2.3");
	rule(c, s->host_tr != 0, "HOST_TR_SELECTOR", s->host_tr,
	     "must not be 0", "27.2.3");
	if (s->exit & EXIT_HOST_ADDR_SPACE) {
		rule(c, s->host_cr4 & BIT(5), "HOST_CR4", s->host_cr4,
		     "PAE must be 1 for a 64-bit host", "27.2.4");
		rule(c, canonical(s->host_rip), "HOST_RIP", s->host_rip,
		     "must be canonical", "27.2.4");
	}
	const char *bn[] = { "HOST_FS_BASE", "HOST_GS_BASE", "HOST_TR_BASE",
			     "HOST_GDTR_BASE", "HOST_IDTR_BASE" };
	const u64 bv[] = { s->host_fs_base, s->host_gs_base, s->host_tr_base,
			   s->host_gdtr_base, s->host_idtr_base };
	for (int i = 0; i < 5; i++)
		rule(c, canonical(bv[i]), bn[i], bv[i], "must be canonical",
		     "27.2.3");
}

#define AR_UNUSABLE BIT(16)
#define AR_TYPE(ar) ((ar) & 0xf)
#define AR_P(ar)    ((ar) & BIT(7))
#define AR_L(ar)    ((ar) & BIT(13))
#define AR_DB(ar)   ((ar) & BIT(14))

static void check_guest(struct checker *c, const struct vmx_check_state *s)
{
	bool unrestricted = (s->cpu & CPU_SECONDARY_CONTROLS) &&
			    (s->cpu2 & CPU2_UNRESTRICTED);
	/* unrestricted guests may clear PE and PG (27.3.1.1) */
	u64 cr0_fixed0 = unrestricted ? s->cr0_fixed0 & ~(u64)0x80000001 :
					s->cr0_fixed0;
	bool ia32e = s->entry & ENTRY_IA32E_MODE;

	rule(c, fixed_ok(s->guest_cr0, cr0_fixed0, s->cr0_fixed1), "GUEST_CR0",
	     s->guest_cr0, "must respect IA32_VMX_CR0_FIXED0/1", "27.3.1.1");
	rule(c, fixed_ok(s->guest_cr4, s->cr4_fixed0, s->cr4_fixed1), "GUEST_CR4",
	     s->guest_cr4, "must respect IA32_VMX_CR4_FIXED0/1", "27.3.1.1");
	if (ia32e) {
		rule(c, s->guest_cr0 & BIT(31), "GUEST_CR0", s->guest_cr0,
		     "PG must be 1 in an IA-32e mode guest", "27.3.1.1");
		rule(c, s->guest_cr4 & BIT(5), "GUEST_CR4", s->guest_cr4,
		     "PAE must be 1 in an IA-32e mode guest", "27.3.1.1");
	}
	if (s->guest_efer_loaded) {
		rule(c, !!(s->guest_efer & BIT(10)) == ia32e, "GUEST_IA32_EFER",
		     s->guest_efer,
		     "LMA must equal the \"IA-32e mode guest\" entry control",
		     "27.3.1.1");
		if (s->guest_cr0 & BIT(31))
			rule(c, !!(s->guest_efer & BIT(8)) ==
				     !!(s->guest_efer & BIT(10)),
			     "GUEST_IA32_EFER", s->guest_efer,
			     "LME must equal LMA when CR0.PG is 1", "27.3.1.1");
	}
	rule(c, s->guest_rflags & BIT(1), "GUEST_RFLAGS", s->guest_rflags,
	     "bit 1 must be 1", "27.3.1.4");
	rule(c, !(s->guest_rflags & 0xffffffffffc08028ull), "GUEST_RFLAGS",
	     s->guest_rflags, "reserved bits 63:22, 15, 5, 3 must be 0",
	     "27.3.1.4");
	/* Any other value must point at a valid shadow VMCS; hvlab uses none. */
	rule(c, s->link_pointer == ~0ull, "VMCS_LINK_POINTER", s->link_pointer,
	     "must be all ones (hvlab has no shadow VMCS)", "27.3.1.5");
	if (ia32e && !(s->guest_cs_ar & AR_UNUSABLE))
		rule(c, !(AR_L(s->guest_cs_ar) && AR_DB(s->guest_cs_ar)),
		     "GUEST_CS_AR_BYTES", s->guest_cs_ar,
		     "L and D/B must not both be 1", "27.3.1.2");
	rule(c, !(s->guest_cs_ar & AR_UNUSABLE) && AR_P(s->guest_cs_ar),
	     "GUEST_CS_AR_BYTES", s->guest_cs_ar, "CS must be usable and present",
	     "27.3.1.2");
	rule(c, !(s->guest_tr_ar & AR_UNUSABLE) && AR_P(s->guest_tr_ar) &&
		     (AR_TYPE(s->guest_tr_ar) == 11 ||
		      (!ia32e && AR_TYPE(s->guest_tr_ar) == 3)),
	     "GUEST_TR_AR_BYTES", s->guest_tr_ar,
	     "TR must be a present, busy TSS (type 11 in IA-32e mode)", "27.3.1.2");
	rule(c, !(s->guest_tr_sel & 4), "GUEST_TR_SELECTOR", s->guest_tr_sel,
	     "TI must be 0", "27.3.1.2");
	rule(c, s->guest_activity <= 3, "GUEST_ACTIVITY_STATE",
	     s->guest_activity, "must be 0-3", "27.3.1.5");
	rule(c, (s->guest_interruptibility & 3) != 3,
	     "GUEST_INTERRUPTIBILITY_INFO", s->guest_interruptibility,
	     "blocking by STI and by MOV SS must not both be set", "27.3.1.5");
}

int vmx_check(const struct vmx_check_state *s, enum vmx_check_area area,
	      struct vmx_check_failure *out, int max)
{
	struct checker c = { out, max, 0 };
	switch (area) {
	case CHECK_CONTROLS: check_controls(&c, s); break;
	case CHECK_HOST: check_host(&c, s); break;
	case CHECK_GUEST: check_guest(&c, s); break;
	}
	return c.n;
}
