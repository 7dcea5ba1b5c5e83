/*
 * vmx.c - Intel VT-x bring-up: is VMX there, turn it on, build the VMCS.
 *
 * SDM vol. 3: 24.6 (discovering support), 24.7 (enabling and entering VMX
 * operation), 25 (VMCS layout), 27.2-27.3 (what VM entry checks).
 */
#include "caps.h"
#include "guest/abi/guest_boot.h"
#include "hv/fmt.h"
#include "hv/log.h"
#include "hv/mmu/ept.h"
#include "hv/vm.h"
#include "hv/x86.h"
#include "vmcs.h"
#include "vmx_defs.h"
#include "vmx_entry.h"
#include "vmx_insn.h"

#define CPUID_1_ECX_VMX BIT(5)

static void read_vendor(char out[13])
{
	struct cpuid_regs r = cpuid(0, 0);
	memcpy(out + 0, &r.ebx, 4);
	memcpy(out + 4, &r.edx, 4);
	memcpy(out + 8, &r.ecx, 4);
	out[12] = '\0';
}

/* May secondary control `bit` be set on this CPU? (SDM A.3.3) */
static bool secondary_allowed(u32 bit)
{
	if (!((rdmsr(MSR_IA32_VMX_PROCBASED_CTLS) >> 32) & CPU_SECONDARY_CONTROLS))
		return false;
	return (rdmsr(MSR_IA32_VMX_PROCBASED_CTLS2) >> 32) & bit;
}

enum run_status vcpu_vendor_probe(struct cpu_caps *caps, char *why, size_t n)
{
	memset(caps, 0, sizeof(*caps));
	read_vendor(caps->vendor);

	if (!(cpuid(1, 0).ecx & CPUID_1_ECX_VMX)) {
		bool amd = str_cmp(caps->vendor, "AuthenticAMD") == 0;
		fmt_snprintf(why, n, "this CPU has no VT-x (CPUID.1:ECX.VMX=0)%s",
			     amd ? "; it is an AMD CPU and hvlab has no SVM backend yet" : "");
		return EXIT_NO_VMX;
	}
	/* SDM 24.7: VMXON needs IA32_FEATURE_CONTROL locked with bit 2 set.
	 * If the firmware locked it without bit 2, only firmware setup can
	 * change that; if it left it unlocked, we set and lock it. */
	u64 fc = rdmsr(MSR_IA32_FEATURE_CONTROL);
	if ((fc & FEATURE_CONTROL_LOCKED) && !(fc & FEATURE_CONTROL_VMX_OUTSIDE_SMX)) {
		fmt_snprintf(why, n, "VMX is disabled by firmware (IA32_FEATURE_CONTROL=0x%llx is locked with bit 2 clear): enable Intel VT-x in the firmware setup",
			     (unsigned long long)fc);
		return EXIT_NO_VMX;
	}
	if (!(fc & FEATURE_CONTROL_LOCKED)) {
		wrmsr(MSR_IA32_FEATURE_CONTROL,
		      fc | FEATURE_CONTROL_LOCKED | FEATURE_CONTROL_VMX_OUTSIDE_SMX);
		pr("vmx: IA32_FEATURE_CONTROL was unlocked (0x%llx): enabled VMX and locked it\n",
		   (unsigned long long)fc);
	}
	caps->virt = true;
	caps->vpid = secondary_allowed(CPU2_ENABLE_VPID);
	caps->unrestricted_guest = secondary_allowed(CPU2_UNRESTRICTED);
	/* IA32_VMX_EPT_VPID_CAP exists only when EPT or VPID may be enabled
	 * (SDM A.10); reading it otherwise raises #GP. */
	if (secondary_allowed(CPU2_ENABLE_EPT)) {
		u64 ec = rdmsr(MSR_IA32_VMX_EPT_VPID_CAP);
		caps->nested_paging = (ec & EPT_CAP_WALK_4) && (ec & EPT_CAP_WB);
		caps->nested_2m = ec & EPT_CAP_2M;
		caps->nested_1g = ec & EPT_CAP_1G;
	}
	return EXIT_PASS;
}

void vcpu_vendor_enable(struct host *h)
{
	u64 basic = rdmsr(MSR_IA32_VMX_BASIC);
	u32 revision = (u32)basic & 0x7fffffff;
	hpa_t region = palloc_page(&h->pa);

	/* SDM 24.8: CR0 and CR4 must respect the VMX fixed bits (this sets
	 * CR4.VMXE, among others) before VMXON. */
	write_cr0(vmx_apply_fixed(read_cr0(), rdmsr(MSR_IA32_VMX_CR0_FIXED0),
				  rdmsr(MSR_IA32_VMX_CR0_FIXED1)));
	write_cr4(vmx_apply_fixed(read_cr4() | CR4_VMXE,
				  rdmsr(MSR_IA32_VMX_CR4_FIXED0),
				  rdmsr(MSR_IA32_VMX_CR4_FIXED1)));
	*(u32 *)hpa_ptr(region) = revision;	/* SDM 25.11.5 */
	enum vmx_result r = vmxon(region.v);
	if (r != VMX_OK)
		panic("vmx: VMXON failed (%s) region=0x%llx revision=0x%x cr0=0x%llx cr4=0x%llx\n",
		      r == VMX_FAIL_INVALID ? "VMfailInvalid" : "VMfailValid",
		      (unsigned long long)region.v, revision,
		      (unsigned long long)read_cr0(),
		      (unsigned long long)read_cr4());
	pr("vmx: VMXON ok region=0x%llx revision=0x%x vmcs-size=%llu\n",
	   (unsigned long long)region.v, revision,
	   (unsigned long long)((basic >> 32) & 0x1fff));
}

/* Names of the control bits hvlab asks for, so a missing one is named. */
struct ctl_name { u32 bit; const char *name; };

static const struct ctl_name ctl_names[] = {
	{ CPU_HLT_EXITING, "HLT exiting" },
	{ CPU_UNCOND_IO_EXITING, "unconditional I/O exiting" },
	{ CPU_SECONDARY_CONTROLS, "activate secondary controls" },
	{ CPU2_ENABLE_EPT, "enable EPT" },
	{ EXIT_HOST_ADDR_SPACE, "host address-space size" },
	{ ENTRY_IA32E_MODE, "IA-32e mode guest" },
};

static u32 fit(const char *field, u32 msr_true, u32 msr_legacy,
	       u32 required, u32 optional, u64 *cap_out)
{
	bool has_true = rdmsr(MSR_IA32_VMX_BASIC) & VMX_BASIC_TRUE_CTLS;
	u64 cap = rdmsr(has_true && msr_true ? msr_true : msr_legacy);
	*cap_out = cap;
	struct vmx_ctl_fit f = vmx_fit_controls(cap, required, optional);

	if (f.missing) {
		for (size_t i = 0; i < ARRAY_SIZE(ctl_names); i++)
			if (f.missing & ctl_names[i].bit)
				pr("vmx: this CPU lacks the %s control \"%s\" (bit %d)\n",
				   field, ctl_names[i].name,
				   __builtin_ctz(ctl_names[i].bit));
		panic("vmx: required %s controls 0x%08x not supported (capability MSR 0x%llx)\n",
		      field, f.missing, (unsigned long long)cap);
	}
	return f.value;
}

/*
 * EPT mode: EPT on, guest CR3 loads and INVLPG left to the guest.
 * Shadow mode (SDM 32.3 describes the idea): no EPT; CR3 loads and stores,
 * INVLPG and every #PF exit, so the VMM can keep its shadow in step.
 */
static void setup_controls(struct vcpu *v)
{
	struct vmx_vcpu *x = &v->vmx;
	bool shadow = v->vm->mode == MMU_MODE_SHADOW;
	u32 cpu_required = CPU_HLT_EXITING | CPU_UNCOND_IO_EXITING |
			   (shadow ? CPU_CR3_LOAD_EXITING | CPU_CR3_STORE_EXITING |
					     CPU_INVLPG_EXITING :
				     CPU_SECONDARY_CONTROLS);

	x->pin = fit("pin-based", MSR_IA32_VMX_TRUE_PINBASED,
		     MSR_IA32_VMX_PINBASED_CTLS, 0, 0, &x->cap_pin);
	x->cpu = fit("primary processor-based", MSR_IA32_VMX_TRUE_PROCBASED,
		     MSR_IA32_VMX_PROCBASED_CTLS, cpu_required, 0, &x->cap_cpu);
	/* The secondary controls (and their capability MSR) exist only when
	 * the primary controls allow activating them (SDM A.3.3). */
	if (x->cpu & CPU_SECONDARY_CONTROLS)
		x->cpu2 = fit("secondary processor-based", 0,
			      MSR_IA32_VMX_PROCBASED_CTLS2,
			      shadow ? 0 : CPU2_ENABLE_EPT, 0, &x->cap_cpu2);
	x->exit = fit("VM-exit", MSR_IA32_VMX_TRUE_EXIT, MSR_IA32_VMX_EXIT_CTLS,
		      EXIT_HOST_ADDR_SPACE, EXIT_SAVE_EFER | EXIT_LOAD_EFER,
		      &x->cap_exit);
	x->entry = fit("VM-entry", MSR_IA32_VMX_TRUE_ENTRY,
		       MSR_IA32_VMX_ENTRY_CTLS, ENTRY_IA32E_MODE, ENTRY_LOAD_EFER,
		       &x->cap_entry);
	/* EFER is loaded both ways or not at all: a half-enabled pair would
	 * load a field we never write (SDM 27.2.2, 27.3.1.1). */
	x->load_efer = (x->entry & ENTRY_LOAD_EFER) && (x->exit & EXIT_LOAD_EFER);
	if (!x->load_efer) {
		x->entry &= ~ENTRY_LOAD_EFER;
		x->exit &= ~(EXIT_LOAD_EFER | EXIT_SAVE_EFER);
	}
	/* Only read when EPT is on: the MSR may not exist otherwise (A.10). */
	if (x->cpu2 & CPU2_ENABLE_EPT) {
		u64 ec = rdmsr(MSR_IA32_VMX_EPT_VPID_CAP);
		bool invept = ec & EPT_CAP_INVEPT;
		x->invept_single = invept && (ec & EPT_CAP_INVEPT_SINGLE);
		x->invept_all = invept && (ec & EPT_CAP_INVEPT_ALL);
	}

	vmcs_write32(PIN_BASED_VM_EXEC_CONTROL, x->pin);
	vmcs_write32(CPU_BASED_VM_EXEC_CONTROL, x->cpu);
	if (x->cpu & CPU_SECONDARY_CONTROLS)
		vmcs_write32(SECONDARY_VM_EXEC_CONTROL, x->cpu2);
	vmcs_write32(VM_EXIT_CONTROLS, x->exit);
	vmcs_write32(VM_ENTRY_CONTROLS, x->entry);
	/* #DF only: a guest without a working IDT ends up there, and the VMM
	 * reports it; other exceptions belong to the guest's own handlers. */
	vmcs_write32(EXCEPTION_BITMAP, BIT(8) | (shadow ? BIT(14) : 0));
	/* Every field the CPU consults is written: after VMCLEAR their contents
	 * are not defined (SDM 25.11.3).  Mask/match 0 with bit 14 clear: no
	 * #PF exits (SDM 25.6.3). */
	vmcs_write32(PAGE_FAULT_ERROR_CODE_MASK, 0);
	vmcs_write32(PAGE_FAULT_ERROR_CODE_MATCH, 0);
	vmcs_write32(VM_ENTRY_EXCEPTION_ERROR_CODE, 0);
	vmcs_write32(VM_ENTRY_INSTRUCTION_LEN, 0);
	vmcs_write32(CR3_TARGET_COUNT, 0);
	vmcs_write32(VM_EXIT_MSR_STORE_COUNT, 0);
	vmcs_write32(VM_EXIT_MSR_LOAD_COUNT, 0);
	vmcs_write32(VM_ENTRY_MSR_LOAD_COUNT, 0);
	vmcs_write32(VM_ENTRY_INTR_INFO, 0);
	if (!shadow) {
		x->eptp = ept_eptp(v->vm->ept_root);
		vmcs_write64(EPT_POINTER, x->eptp);
	}
	pr("vmx: controls pin=0x%08x cpu=0x%08x cpu2=0x%08x exit=0x%08x entry=0x%08x eptp=0x%llx exceptions=0x%x\n",
	   x->pin, x->cpu, x->cpu2, x->exit, x->entry,
	   (unsigned long long)x->eptp, vmcs_read32(EXCEPTION_BITMAP));
}


static void setup_host_state(struct host *h, struct vmx_vcpu *x)
{
	vmcs_write64(HOST_CR0, read_cr0());
	vmcs_write64(HOST_CR3, read_cr3());
	vmcs_write64(HOST_CR4, read_cr4());
	vmcs_write16(HOST_CS_SELECTOR, HOST_CS);
	vmcs_write16(HOST_SS_SELECTOR, HOST_DS);
	vmcs_write16(HOST_DS_SELECTOR, HOST_DS);
	vmcs_write16(HOST_ES_SELECTOR, HOST_DS);
	vmcs_write16(HOST_FS_SELECTOR, HOST_DS);
	vmcs_write16(HOST_GS_SELECTOR, HOST_DS);
	vmcs_write16(HOST_TR_SELECTOR, HOST_TR);
	vmcs_write64(HOST_FS_BASE, 0);
	vmcs_write64(HOST_GS_BASE, 0);
	vmcs_write64(HOST_TR_BASE, (u64)(uintptr_t)&h->tss);
	vmcs_write64(HOST_GDTR_BASE, (u64)(uintptr_t)h->gdt);
	vmcs_write64(HOST_IDTR_BASE, (u64)(uintptr_t)h->idt);
	vmcs_write32(HOST_IA32_SYSENTER_CS, 0);
	vmcs_write64(HOST_IA32_SYSENTER_ESP, 0);
	vmcs_write64(HOST_IA32_SYSENTER_EIP, 0);
	if (x->load_efer)
		vmcs_write64(HOST_IA32_EFER, rdmsr(MSR_IA32_EFER));
	vmcs_write64(HOST_RIP, (u64)(uintptr_t)vmx_exit_stub);
	/* HOST_RSP is written by vmx_enter() on every entry. */
}

/* Segment access rights in the VMCS format (SDM 25.4.1, table 25-2). */
#define AR_CODE64 0xa09b	/* P, S, type 11 (code, RX, accessed), L, G */
#define AR_DATA   0xc093	/* P, S, type 3 (data, RW, accessed), D/B, G */
#define AR_TSS64_BUSY 0x008b	/* P, type 11 (busy 64-bit TSS) */
#define AR_UNUSABLE BIT(16)

static void setup_guest_segments(void)
{
	static const enum vmcs_field data_sel[] = {
		GUEST_ES_SELECTOR, GUEST_SS_SELECTOR, GUEST_DS_SELECTOR,
		GUEST_FS_SELECTOR, GUEST_GS_SELECTOR };
	/* ES, CS, SS, DS, FS, GS fields are laid out in that order, 2 apart. */
	for (size_t i = 0; i < ARRAY_SIZE(data_sel); i++) {
		unsigned idx = (data_sel[i] - GUEST_ES_SELECTOR) / 2;
		vmcs_write16(data_sel[i], GUEST_BOOT_DS);
		vmcs_write64(GUEST_ES_BASE + 2 * idx, 0);
		vmcs_write32(GUEST_ES_LIMIT + 2 * idx, 0xffffffff);
		vmcs_write32(GUEST_ES_AR_BYTES + 2 * idx, AR_DATA);
	}
	vmcs_write16(GUEST_CS_SELECTOR, GUEST_BOOT_CS);
	vmcs_write64(GUEST_CS_BASE, 0);
	vmcs_write32(GUEST_CS_LIMIT, 0xffffffff);
	vmcs_write32(GUEST_CS_AR_BYTES, AR_CODE64);
	vmcs_write16(GUEST_TR_SELECTOR, GUEST_BOOT_TR);
	vmcs_write64(GUEST_TR_BASE, GUEST_BOOT_TSS_GPA);
	vmcs_write32(GUEST_TR_LIMIT, 0x67);
	vmcs_write32(GUEST_TR_AR_BYTES, AR_TSS64_BUSY);
	vmcs_write16(GUEST_LDTR_SELECTOR, 0);
	vmcs_write64(GUEST_LDTR_BASE, 0);
	vmcs_write32(GUEST_LDTR_LIMIT, 0);
	vmcs_write32(GUEST_LDTR_AR_BYTES, AR_UNUSABLE);
	vmcs_write64(GUEST_GDTR_BASE, GUEST_BOOT_GDT_GPA);
	vmcs_write32(GUEST_GDTR_LIMIT, 5 * 8 - 1);
	vmcs_write64(GUEST_IDTR_BASE, 0);
	vmcs_write32(GUEST_IDTR_LIMIT, 0);
}

/*
 * Guest control registers.  VMX forces some CR0/CR4 bits (NE, VMXE, ...) to
 * fixed values while the guest runs (SDM 24.8).  The guest/host masks own
 * those bits: the guest reads the read shadow (what it believes it wrote)
 * and a write that would change an owned bit exits to the VMM.
 */
static void setup_guest_control_regs(struct vmx_vcpu *x, struct vm *vm)
{
	bool shadow = vm->mode == MMU_MODE_SHADOW;
	u64 cr0 = CR0_PE | CR0_MP | CR0_ET | CR0_NE | CR0_WP | CR0_PG;
	u64 cr4 = CR4_PAE;
	u64 efer = EFER_LME | EFER_LMA | EFER_NXE;

	x->cr0_fixed0 = rdmsr(MSR_IA32_VMX_CR0_FIXED0);
	x->cr0_fixed1 = rdmsr(MSR_IA32_VMX_CR0_FIXED1);
	x->cr4_fixed0 = rdmsr(MSR_IA32_VMX_CR4_FIXED0);
	x->cr4_fixed1 = rdmsr(MSR_IA32_VMX_CR4_FIXED1);
	x->cr0_mask = x->cr0_fixed0 | ~x->cr0_fixed1;
	x->cr4_mask = x->cr4_fixed0 | ~x->cr4_fixed1;
	/* Shadow paging also owns the bits that change how the guest's tables
	 * are read: a write to them exits and drops the shadow. */
	if (shadow) {
		x->cr0_mask |= CR0_PG | CR0_WP;
		x->cr4_mask |= CR4_PSE | CR4_PAE | CR4_PGE | BIT(20) | BIT(21);
	}

	vmcs_write64(CR0_GUEST_HOST_MASK, x->cr0_mask);
	vmcs_write64(CR0_READ_SHADOW, cr0);
	vmcs_write64(GUEST_CR0, vmx_apply_fixed(cr0, x->cr0_fixed0, x->cr0_fixed1));
	vmcs_write64(CR4_GUEST_HOST_MASK, x->cr4_mask);
	vmcs_write64(CR4_READ_SHADOW, cr4);
	vmcs_write64(GUEST_CR4, vmx_apply_fixed(cr4, x->cr4_fixed0, x->cr4_fixed1));
	/* EPT: the guest's own table.  Shadow: the shadow root; the guest's
	 * value lives in vm->shadow.guest_cr3 and is what its reads return. */
	vmcs_write64(GUEST_CR3, shadow ? vm->shadow.roots[0].root.v :
				       GUEST_BOOT_PML4_GPA);
	if (x->load_efer)
		vmcs_write64(GUEST_IA32_EFER, efer);
}

static void setup_guest_state(struct vcpu *v)
{
	setup_guest_segments();
	setup_guest_control_regs(&v->vmx, v->vm);
	vmcs_write64(GUEST_DR7, 0x400);
	vmcs_write64(GUEST_RSP, 0);
	vmcs_write64(GUEST_RIP, v->vm->guest_entry.v);
	vmcs_write64(GUEST_RFLAGS, RFLAGS_FIXED);	/* IF=0 */
	vmcs_write64(GUEST_PENDING_DBG_EXCEPTIONS, 0);
	vmcs_write64(GUEST_IA32_DEBUGCTL, 0);
	vmcs_write32(GUEST_SYSENTER_CS, 0);
	vmcs_write64(GUEST_SYSENTER_ESP, 0);
	vmcs_write64(GUEST_SYSENTER_EIP, 0);
	vmcs_write32(GUEST_INTERRUPTIBILITY_INFO, 0);
	vmcs_write32(GUEST_ACTIVITY_STATE, 0);	/* active */
	vmcs_write64(VMCS_LINK_POINTER, ~0ull);	/* SDM 27.3.1.5 */
	v->regs.gpr[RDI] = GUEST_BOOT_INFO_GPA;	/* the guest's first argument */
}

/* break=...: one wrong field per VMCS area, each a rule of SDM 27.2-27.3, so
 * that the failure reports can be seen (and tested) for real. */
static void break_on_purpose(enum break_choice b)
{
	switch (b) {
	case BREAK_CONTROLS:	/* EPT memory type 2 is reserved on every CPU */
		vmcs_write64(EPT_POINTER, (vmcs_read64(EPT_POINTER) & ~7ull) | 2);
		break;
	case BREAK_HOST_STATE:	/* the host TR selector must not be 0 */
		vmcs_write16(HOST_TR_SELECTOR, 0);
		break;
	case BREAK_GUEST_STATE:	/* RFLAGS bit 1 must be 1 */
		vmcs_write64(GUEST_RFLAGS, 0);
		break;
	case BREAK_NONE:
		return;
	}
	pr("vmx: break=%s: the VMCS was broken on purpose (boot option)\n",
	   b == BREAK_CONTROLS ? "controls" :
	   b == BREAK_HOST_STATE ? "host-state" : "guest-state");
}

void vcpu_vendor_setup(struct vcpu *v)
{
	struct host *h = v->vm->host;
	struct vmx_vcpu *x = &v->vmx;
	u32 revision = (u32)rdmsr(MSR_IA32_VMX_BASIC) & 0x7fffffff;

	x->vmcs = palloc_page(&h->pa);
	*(u32 *)hpa_ptr(x->vmcs) = revision;
	if (vmclear(x->vmcs.v) != VMX_OK || vmptrld(x->vmcs.v) != VMX_OK)
		panic("vmx: VMCLEAR/VMPTRLD of vmcs=0x%llx failed (error %u: %s)\n",
		      (unsigned long long)x->vmcs.v, vmcs_instruction_error(),
		      vmx_instruction_error_name(vmcs_instruction_error()));
	pr("vmx: VMCS ready vmcs=0x%llx (VMCLEAR, VMPTRLD ok)\n",
	   (unsigned long long)x->vmcs.v);
	setup_controls(v);
	setup_host_state(h, x);
	setup_guest_state(v);
	break_on_purpose(v->vm->opt->break_vmcs);
}

/* CPL is SS.DPL (SDM 5.5), bits 6:5 of the access rights. */
unsigned vcpu_vendor_guest_cpl(struct vcpu *v)
{
	(void)v;
	return (vmcs_read32(GUEST_SS_AR_BYTES) >> 5) & 3;
}

u64 vcpu_vendor_hw_cr3(struct vcpu *v) { (void)v; return vmcs_read64(GUEST_CR3); }

u64 vcpu_vendor_get_rip(struct vcpu *v) { (void)v; return vmcs_read64(GUEST_RIP); }
void vcpu_vendor_set_rip(struct vcpu *v, u64 rip) { (void)v; vmcs_write64(GUEST_RIP, rip); }
u64 vcpu_vendor_get_rflags(struct vcpu *v) { (void)v; return vmcs_read64(GUEST_RFLAGS); }
void vcpu_vendor_set_rflags(struct vcpu *v, u64 f) { (void)v; vmcs_write64(GUEST_RFLAGS, f); }

struct guest_paging vcpu_vendor_guest_paging(struct vcpu *v)
{
	return (struct guest_paging){
		.wp = vmcs_read64(CR0_READ_SHADOW) & CR0_WP,
		.nxe = v->vmx.load_efer ? vmcs_read64(GUEST_IA32_EFER) & EFER_NXE :
					  rdmsr(MSR_IA32_EFER) & EFER_NXE,
	};
}

/* #PF is a hardware exception with an error code (SDM 25.8.3); CR2 is not
 * part of the VMCS, so the VMM loads it and VM entry leaves it alone. */
void vcpu_vendor_inject_page_fault(struct vcpu *v, gva_t gva, u32 error)
{
	(void)v;
	write_cr2(gva.v);
	vmcs_write32(VM_ENTRY_EXCEPTION_ERROR_CODE, error);
	vmcs_write32(VM_ENTRY_INTR_INFO, BIT(31) | BIT(11) | (3u << 8) | 14);
}

void vcpu_vendor_flush_nested_tlb(struct vcpu *v)
{
	if (!v->vmx.invept_single && !v->vmx.invept_all)
		return;	/* no INVEPT: then only not-present -> present changes
			 * are safe, and those are all hvlab makes */
	u64 type = v->vmx.invept_single ? INVEPT_SINGLE_CONTEXT :
					  INVEPT_ALL_CONTEXT;
	if (invept(type, v->vmx.eptp) != VMX_OK)
		panic("vmx: INVEPT type %llu failed\n", (unsigned long long)type);
}
