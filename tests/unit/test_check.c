/*
 * test_check.c - the software VM-entry checks name the field that breaks a
 * rule, and stay quiet for a valid VMCS (the one hvlab builds on Bochs'
 * skylake model, values taken from a real run).
 */
#include "hv/vmx/check.h"
#include "test.h"

static struct vmx_check_state valid(void)
{
	return (struct vmx_check_state){
		.cap_pin = 0x0000007f00000016ull, .cap_cpu = 0xfff9fffe04006172ull,
		.cap_cpu2 = 0x000000ff00000000ull, .cap_exit = 0x00ffffff00036dfbull,
		.cap_entry = 0x0000ffff000011fbull,
		.cr0_fixed0 = 0x80000021, .cr0_fixed1 = 0xffffffff,
		.cr4_fixed0 = 0x2000, .cr4_fixed1 = 0x3727ff,
		.pin = 0x16, .cpu = 0x850061f2, .cpu2 = 0x2,
		.exit = 0x00336ffb, .entry = 0x000093fb, .eptp = 0xffbc01e,
		.host_cr0 = 0x80000033, .host_cr4 = 0x2020,
		.host_cs = 0x08, .host_ss = 0x10, .host_ds = 0x10, .host_es = 0x10,
		.host_fs = 0x10, .host_gs = 0x10, .host_tr = 0x18,
		.host_rip = 0x104000, .host_tr_base = 0x118000,
		.host_gdtr_base = 0x117000, .host_idtr_base = 0x117100,
		.guest_cr0 = 0xe0010033, .guest_cr4 = 0x2020,
		.guest_rflags = 0x2, .guest_efer = 0xd00, .guest_efer_loaded = true,
		.link_pointer = ~0ull, .guest_cs_ar = 0xa09b,
		.guest_ss_ar = 0xc093, .guest_tr_ar = 0x8b, .guest_ldtr_ar = 0x10000,
		.guest_tr_sel = 0x18,
	};
}

struct check_case {
	const char *what;
	enum vmx_check_area area;
	void (*breakit)(struct vmx_check_state *s);
	const char *field;	/* NULL: no rule may fail */
};

static void none(struct vmx_check_state *s) { (void)s; }
static void pin_forbidden(struct vmx_check_state *s) { s->pin |= 0x80000000; }
static void cpu_missing_must1(struct vmx_check_state *s) { s->cpu &= ~0x2u; }
static void eptp_walk(struct vmx_check_state *s) { s->eptp = (s->eptp & ~0x38ull) | 0x08; }
static void eptp_walk5(struct vmx_check_state *s) { s->eptp = (s->eptp & ~0x38ull) | 0x20; }
static void lme_without_paging(struct vmx_check_state *s)
{	/* LME may differ from LMA while paging is off (not IA-32e here) */
	s->cpu2 |= 0x80;
	s->entry &= ~0x200u;
	s->guest_cr0 = 0x30;
	s->guest_cr4 = 0x2000;
	s->guest_efer = 0x100;
}
static void eptp_type(struct vmx_check_state *s) { s->eptp = (s->eptp & ~7ull) | 1; }
static void cr3_targets(struct vmx_check_state *s) { s->cr3_target_count = 5; }
static void host_tr_zero(struct vmx_check_state *s) { s->host_tr = 0; }
static void host_ds_rpl(struct vmx_check_state *s) { s->host_ds = 0x13; }
static void host_cr4_vmxe(struct vmx_check_state *s) { s->host_cr4 &= ~0x2000ull; }
static void host_rip_noncanon(struct vmx_check_state *s) { s->host_rip = 0x0000800000000000ull; }
static void rflags_bit1(struct vmx_check_state *s) { s->guest_rflags = 0; }
static void rflags_reserved(struct vmx_check_state *s) { s->guest_rflags = 0x8002; }
static void link_zero(struct vmx_check_state *s) { s->link_pointer = 0; }
static void cs_l_and_d(struct vmx_check_state *s) { s->guest_cs_ar |= 0x4000; }
static void tr_available(struct vmx_check_state *s) { s->guest_tr_ar = 0x89; }
static void efer_lma(struct vmx_check_state *s) { s->guest_efer &= ~0x400ull; }
static void guest_cr0_ne(struct vmx_check_state *s) { s->guest_cr0 &= ~0x20ull; }
static void guest_no_pae(struct vmx_check_state *s) { s->guest_cr4 &= ~0x20ull; }
static void activity(struct vmx_check_state *s) { s->guest_activity = 7; }
static void unrestricted_real_mode(struct vmx_check_state *s)
{	/* unrestricted guest may run with PE=PG=0, outside IA-32e mode */
	s->cpu2 |= 0x80;
	s->guest_cr0 = 0x30;
	s->entry &= ~0x200u;
	s->guest_efer = 0;
	s->guest_cs_ar = 0x9b;
	s->guest_cr4 = 0x2000;
}

static const struct check_case cases[] = {
	{ "valid controls", CHECK_CONTROLS, none, NULL },
	{ "valid host", CHECK_HOST, none, NULL },
	{ "valid guest", CHECK_GUEST, none, NULL },
	{ "pin control not allowed", CHECK_CONTROLS, pin_forbidden, "PIN_BASED_VM_EXEC_CONTROL" },
	{ "must-be-1 control clear", CHECK_CONTROLS, cpu_missing_must1, "CPU_BASED_VM_EXEC_CONTROL" },
	{ "EPTP walk length 2", CHECK_CONTROLS, eptp_walk, "EPT_POINTER" },
	{ "EPTP 5-level walk is a legal encoding", CHECK_CONTROLS, eptp_walk5, NULL },
	{ "LME without paging is fine", CHECK_GUEST, lme_without_paging, NULL },
	{ "EPTP memory type", CHECK_CONTROLS, eptp_type, "EPT_POINTER" },
	{ "CR3 target count", CHECK_CONTROLS, cr3_targets, "CR3_TARGET_COUNT" },
	{ "host TR 0", CHECK_HOST, host_tr_zero, "HOST_TR_SELECTOR" },
	{ "host DS with RPL", CHECK_HOST, host_ds_rpl, "HOST_DS_SELECTOR" },
	{ "host CR4 without VMXE", CHECK_HOST, host_cr4_vmxe, "HOST_CR4" },
	{ "host RIP not canonical", CHECK_HOST, host_rip_noncanon, "HOST_RIP" },
	{ "RFLAGS bit 1", CHECK_GUEST, rflags_bit1, "GUEST_RFLAGS" },
	{ "RFLAGS reserved bit", CHECK_GUEST, rflags_reserved, "GUEST_RFLAGS" },
	{ "link pointer", CHECK_GUEST, link_zero, "VMCS_LINK_POINTER" },
	{ "CS with L and D", CHECK_GUEST, cs_l_and_d, "GUEST_CS_AR_BYTES" },
	{ "TR not busy", CHECK_GUEST, tr_available, "GUEST_TR_AR_BYTES" },
	{ "EFER.LMA vs entry control", CHECK_GUEST, efer_lma, "GUEST_IA32_EFER" },
	{ "guest CR0.NE clear", CHECK_GUEST, guest_cr0_ne, "GUEST_CR0" },
	{ "64-bit guest without PAE", CHECK_GUEST, guest_no_pae, "GUEST_CR4" },
	{ "activity state", CHECK_GUEST, activity, "GUEST_ACTIVITY_STATE" },
	{ "unrestricted real mode is fine", CHECK_GUEST, unrestricted_real_mode, NULL },
};

void test_check(void)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct check_case *c = &cases[i];
		struct vmx_check_state s = valid();
		struct vmx_check_failure f[8];
		c->breakit(&s);
		int n = vmx_check(&s, c->area, f, 8);
		if (!c->field) {
			CHECK(n == 0, "%s: %d rules failed, first %s: %s", c->what,
			      n, n ? f[0].field : "", n ? f[0].rule : "");
			continue;
		}
		bool named = false;
		for (int k = 0; k < n && k < 8; k++)
			named |= strcmp(f[k].field, c->field) == 0;
		CHECK(n >= 1 && named, "%s: want %s named, got %d failures (%s)",
		      c->what, c->field, n, n ? f[0].field : "none");
	}
	/* more failures than room: all counted, only max reported */
	struct vmx_check_state s = valid();
	struct vmx_check_failure one[1];
	s.guest_rflags = 0;
	s.link_pointer = 0;
	CHECK(vmx_check(&s, CHECK_GUEST, one, 1) == 2, "count beyond max");
}
