/*
 * exit.c - the VMX run loop: enter the guest, decode why it exited, hand the
 * event to the generic handlers, resume.  Failures print what a person needs
 * to see why (SDM vol. 3 chapter 28 for exit information).
 */
#include "hv/exit.h"
#include "hv/host.h"
#include "hv/fmt.h"
#include "hv/log.h"
#include "hv/x86.h"
#include "caps.h"
#include "check.h"
#include "vmcs.h"
#include "vmx_defs.h"
#include "vmx_entry.h"
#include "vmx_insn.h"


static void skip_instruction(void)
{
	vmcs_write64(GUEST_RIP, vmcs_read64(GUEST_RIP) +
				vmcs_read32(VM_EXIT_INSTRUCTION_LEN));
}

static u64 *gpr_slot(struct vcpu *v, unsigned reg)
{
	return &v->regs.gpr[reg & 15];
}

static u64 read_gpr(struct vcpu *v, unsigned reg)
{
	return reg == RSP ? vmcs_read64(GUEST_RSP) : *gpr_slot(v, reg);
}

/* ---- state dumps ------------------------------------------------------- */

void vcpu_vendor_dump_guest(struct vcpu *v)
{
	const u64 *g = v->regs.gpr;
	pr("dump: guest rip=0x%llx rsp=0x%llx rflags=0x%llx\n",
	   (unsigned long long)vmcs_read64(GUEST_RIP),
	   (unsigned long long)vmcs_read64(GUEST_RSP),
	   (unsigned long long)vmcs_read64(GUEST_RFLAGS));
	pr("dump: rax=0x%llx rbx=0x%llx rcx=0x%llx rdx=0x%llx\n",
	   (unsigned long long)g[RAX], (unsigned long long)g[RBX],
	   (unsigned long long)g[RCX], (unsigned long long)g[RDX]);
	pr("dump: rsi=0x%llx rdi=0x%llx rbp=0x%llx r8=0x%llx\n",
	   (unsigned long long)g[RSI], (unsigned long long)g[RDI],
	   (unsigned long long)g[RBP], (unsigned long long)g[R8]);
	pr("dump: cr0=0x%llx (shadow 0x%llx) cr3=0x%llx cr4=0x%llx (shadow 0x%llx)\n",
	   (unsigned long long)vmcs_read64(GUEST_CR0),
	   (unsigned long long)vmcs_read64(CR0_READ_SHADOW),
	   (unsigned long long)vmcs_read64(GUEST_CR3),
	   (unsigned long long)vmcs_read64(GUEST_CR4),
	   (unsigned long long)vmcs_read64(CR4_READ_SHADOW));
	pr("dump: cs=0x%x ar=0x%x ss=0x%x ar=0x%x tr=0x%x ar=0x%x gdtr=0x%llx/0x%x idtr=0x%llx/0x%x\n",
	   vmcs_read16(GUEST_CS_SELECTOR), vmcs_read32(GUEST_CS_AR_BYTES),
	   vmcs_read16(GUEST_SS_SELECTOR), vmcs_read32(GUEST_SS_AR_BYTES),
	   vmcs_read16(GUEST_TR_SELECTOR), vmcs_read32(GUEST_TR_AR_BYTES),
	   (unsigned long long)vmcs_read64(GUEST_GDTR_BASE),
	   vmcs_read32(GUEST_GDTR_LIMIT),
	   (unsigned long long)vmcs_read64(GUEST_IDTR_BASE),
	   vmcs_read32(GUEST_IDTR_LIMIT));
	if (v->vmx.load_efer)
		pr("dump: efer=0x%llx\n",
		   (unsigned long long)vmcs_read64(GUEST_IA32_EFER));
	pr("dump: interruptibility=0x%x activity=%u idt-vectoring=0x%x exits=%llu\n",
	   vmcs_read32(GUEST_INTERRUPTIBILITY_INFO),
	   vmcs_read32(GUEST_ACTIVITY_STATE), vmcs_read32(IDT_VECTORING_INFO),
	   (unsigned long long)v->exits);
}

/* What the VMCS holds now (not what we meant to write). */
static void dump_host_and_controls(void)
{
	pr("dump: controls pin=0x%08x cpu=0x%08x cpu2=0x%08x exit=0x%08x entry=0x%08x eptp=0x%llx\n",
	   vmcs_read32(PIN_BASED_VM_EXEC_CONTROL),
	   vmcs_read32(CPU_BASED_VM_EXEC_CONTROL),
	   vmcs_read32(SECONDARY_VM_EXEC_CONTROL),
	   vmcs_read32(VM_EXIT_CONTROLS), vmcs_read32(VM_ENTRY_CONTROLS),
	   (unsigned long long)vmcs_read64(EPT_POINTER));
	pr("dump: host cr0=0x%llx cr3=0x%llx cr4=0x%llx cs=0x%x tr=0x%x rip=0x%llx\n",
	   (unsigned long long)vmcs_read64(HOST_CR0),
	   (unsigned long long)vmcs_read64(HOST_CR3),
	   (unsigned long long)vmcs_read64(HOST_CR4),
	   vmcs_read16(HOST_CS_SELECTOR), vmcs_read16(HOST_TR_SELECTOR),
	   (unsigned long long)vmcs_read64(HOST_RIP));
}

/* Re-check one VMCS area in software and name each field that breaks a
 * rule (check.c): the CPU itself only reports which area failed. */
static void explain_entry_failure(struct vcpu *v, enum vmx_check_area area)
{
	const struct vmx_vcpu *x = &v->vmx;
	struct vmx_check_state s = {
		.cap_pin = x->cap_pin, .cap_cpu = x->cap_cpu,
		.cap_cpu2 = x->cap_cpu2, .cap_exit = x->cap_exit,
		.cap_entry = x->cap_entry,
		.cr0_fixed0 = x->cr0_fixed0, .cr0_fixed1 = x->cr0_fixed1,
		.cr4_fixed0 = x->cr4_fixed0, .cr4_fixed1 = x->cr4_fixed1,
		.pin = vmcs_read32(PIN_BASED_VM_EXEC_CONTROL),
		.cpu = vmcs_read32(CPU_BASED_VM_EXEC_CONTROL),
		.cpu2 = vmcs_read32(SECONDARY_VM_EXEC_CONTROL),
		.exit = vmcs_read32(VM_EXIT_CONTROLS),
		.entry = vmcs_read32(VM_ENTRY_CONTROLS),
		.cr3_target_count = vmcs_read32(CR3_TARGET_COUNT),
		.eptp = vmcs_read64(EPT_POINTER),
		.host_cr0 = vmcs_read64(HOST_CR0), .host_cr4 = vmcs_read64(HOST_CR4),
		.host_cs = vmcs_read16(HOST_CS_SELECTOR),
		.host_ss = vmcs_read16(HOST_SS_SELECTOR),
		.host_ds = vmcs_read16(HOST_DS_SELECTOR),
		.host_es = vmcs_read16(HOST_ES_SELECTOR),
		.host_fs = vmcs_read16(HOST_FS_SELECTOR),
		.host_gs = vmcs_read16(HOST_GS_SELECTOR),
		.host_tr = vmcs_read16(HOST_TR_SELECTOR),
		.host_rip = vmcs_read64(HOST_RIP),
		.host_fs_base = vmcs_read64(HOST_FS_BASE),
		.host_gs_base = vmcs_read64(HOST_GS_BASE),
		.host_tr_base = vmcs_read64(HOST_TR_BASE),
		.host_gdtr_base = vmcs_read64(HOST_GDTR_BASE),
		.host_idtr_base = vmcs_read64(HOST_IDTR_BASE),
		.guest_cr0 = vmcs_read64(GUEST_CR0), .guest_cr4 = vmcs_read64(GUEST_CR4),
		.guest_rflags = vmcs_read64(GUEST_RFLAGS),
		.guest_efer_loaded = x->load_efer,
		.guest_efer = x->load_efer ? vmcs_read64(GUEST_IA32_EFER) : 0,
		.link_pointer = vmcs_read64(VMCS_LINK_POINTER),
		.guest_cs_ar = vmcs_read32(GUEST_CS_AR_BYTES),
		.guest_ss_ar = vmcs_read32(GUEST_SS_AR_BYTES),
		.guest_tr_ar = vmcs_read32(GUEST_TR_AR_BYTES),
		.guest_ldtr_ar = vmcs_read32(GUEST_LDTR_AR_BYTES),
		.guest_tr_sel = vmcs_read16(GUEST_TR_SELECTOR),
		.guest_activity = vmcs_read32(GUEST_ACTIVITY_STATE),
		.guest_interruptibility = vmcs_read32(GUEST_INTERRUPTIBILITY_INFO),
	};
	struct vmx_check_failure f[8];
	int n = vmx_check(&s, area, f, 8);

	for (int i = 0; i < n && i < 8; i++)
		pr("vmx: check failed: %s=0x%llx: %s (SDM %s)\n", f[i].field,
		   (unsigned long long)f[i].value, f[i].rule, f[i].sdm);
	if (n == 0)
		pr("vmx: no rule in hv/vmx/check.c explains it: see SDM 27.2-27.3\n");
}

/* ---- exit handlers ----------------------------------------------------- */

/* I/O exit qualification (SDM 28.2.1, table 28-5). */
static enum exit_action exit_io(struct vcpu *v, u64 q)
{
	unsigned size = (unsigned)(q & 7) + 1;
	bool in = q & BIT(3);
	u16 port = (u16)(q >> 16);

	if (q & BIT(4)) {	/* INS/OUTS */
		pr("io: string I/O at port=0x%x is not emulated\n", port);
		vm_stop(v->vm, EXIT_FAIL, "string I/O");
		return EXIT_STOP;
	}
	u64 mask = size == 4 ? 0xffffffffull : size == 2 ? 0xffff : 0xff;
	u64 value = v->regs.gpr[RAX] & mask;
	enum exit_action a = handle_io(v, port, size, in, &value);
	if (a == EXIT_RESUME && in) {
		/* A 32-bit IN zero-extends into RAX; 8/16-bit keep the rest. */
		v->regs.gpr[RAX] = size == 4 ? (u32)value :
				   (v->regs.gpr[RAX] & ~mask) | (value & mask);
	}
	return a;
}

/* Makes the next VM entry deliver #GP(0) to the guest (SDM 27.6.1): valid,
 * hardware exception (type 3), with an error code, vector 13. */
static void inject_gp(void)
{
	vmcs_write32(VM_ENTRY_EXCEPTION_ERROR_CODE, 0);
	vmcs_write32(VM_ENTRY_INTR_INFO, BIT(31) | BIT(11) | (3u << 8) | 13);
}

/* Would a real CPU raise #GP for this MOV to CR0/CR4?  (SDM vol. 3, 2.5 and
 * the MOV CR instruction page): reserved bits 63:32, a CR4 feature bit this
 * CPU lacks (outside VMX's fixed1), or paging off while in long mode. */
static bool cr_write_faults(const struct vmx_vcpu *x, unsigned cr, u64 val)
{
	if (val >> 32)
		return true;
	if (cr == 4)
		return (val & ~x->cr4_fixed1) != 0;
	return !(val & CR0_PG) && (vmcs_read32(VM_ENTRY_CONTROLS) & ENTRY_IA32E_MODE);
}

/*
 * MOV to CR0/CR4 of a bit the VMM owns (guest/host mask), or to CR3 on CPUs
 * that force CR3 exiting (SDM 28.2.1, table 28-3).  The guest gets the value
 * it asked for in the read shadow; the real register keeps the VMX fixed bits.
 */
static enum exit_action exit_cr_access(struct vcpu *v, u64 q)
{
	struct vmx_vcpu *x = &v->vmx;
	unsigned cr = q & 15, type = (q >> 4) & 3, reg = (q >> 8) & 15;

	if (type == 0) {	/* MOV to CR */
		u64 val = read_gpr(v, reg);
		if ((cr == 0 || cr == 4) && cr_write_faults(x, cr, val)) {
			pr("cr: guest wrote cr%u=0x%llx: a real CPU raises #GP, injecting it\n",
			   cr, (unsigned long long)val);
			inject_gp();
			return EXIT_RETRY;
		}
		if ((cr == 0 || cr == 4) && v->vm->mode == MMU_MODE_SHADOW)
			shadow_flush(v->vm, cr == 0 ? "guest wrote CR0" :
						      "guest wrote CR4");
		switch (cr) {
		case 0:
			vmcs_write64(CR0_READ_SHADOW, val);
			vmcs_write64(GUEST_CR0, vmx_apply_fixed(val, x->cr0_fixed0, x->cr0_fixed1));
			return EXIT_RESUME;
		case 3:
			vmcs_write64(GUEST_CR3, v->vm->mode == MMU_MODE_SHADOW ?
					 shadow_cr3_load(v, val).v : val);
			return EXIT_RESUME;
		case 4:
			vmcs_write64(CR4_READ_SHADOW, val);
			vmcs_write64(GUEST_CR4, vmx_apply_fixed(val, x->cr4_fixed0, x->cr4_fixed1));
			return EXIT_RESUME;
		}
	} else if (type == 1 && cr == 3) {	/* MOV from CR3 */
		u64 cr3 = v->vm->mode == MMU_MODE_SHADOW ? mmu_guest_cr3(v) :
							   vmcs_read64(GUEST_CR3);
		if (reg == RSP)
			vmcs_write64(GUEST_RSP, cr3);
		else
			*gpr_slot(v, reg) = cr3;
		return EXIT_RESUME;
	}
	pr("cr: access cr%u type=%u reg=%u not emulated (qualification=0x%llx)\n",
	   cr, type, reg, (unsigned long long)q);
	vcpu_vendor_dump_guest(v);
	vm_stop(v->vm, EXIT_FAIL, "unemulated control-register access");
	return EXIT_STOP;
}

/* Exception or NMI the exception bitmap sent to us (SDM 25.6.3). */
static enum exit_action exit_exception(struct vcpu *v)
{
	u32 info = vmcs_read32(VM_EXIT_INTR_INFO);
	u32 vec = info & 0xff;
	u32 idt = vmcs_read32(IDT_VECTORING_INFO);

	/* Shadow paging: every guest #PF comes here first.  The faulting
	 * address is in the exit qualification (CR2 is not written). */
	if (vec == 14 && v->vm->mode == MMU_MODE_SHADOW)
		return mmu_guest_page_fault(v, GVA(vmcs_read64(EXIT_QUALIFICATION)),
					    vmcs_read32(VM_EXIT_INTR_ERROR_CODE));

	pr("vm: guest exception vector=%u (%s) error=0x%x rip=0x%llx\n", vec,
	   exception_name(vec),
	   (info & BIT(11)) ? vmcs_read32(VM_EXIT_INTR_ERROR_CODE) : 0,
	   (unsigned long long)vmcs_read64(GUEST_RIP));
	if (idt & BIT(31))
		pr("vm:   while delivering vector=%u (%s): the guest could not handle it\n",
		   idt & 0xff, exception_name(idt & 0xff));
	vcpu_vendor_dump_guest(v);
	vm_stop(v->vm, EXIT_FAIL, "exception the VMM did not expect");
	return EXIT_STOP;
}

static enum exit_action exit_entry_failure(struct vcpu *v, u32 reason)
{
	u32 basic = reason & 0xffff;
	u64 q = vmcs_read64(EXIT_QUALIFICATION);

	/* SDM 27.8: qualification 2 = PDPTE load, 3 = NMI injection, 4 = link
	 * pointer; otherwise a guest-state check failed (27.3.1). */
	pr("vmx: VM-entry failure reason=%u (%s) qualification=%llu\n", basic,
	   vmx_exit_reason_name(basic), (unsigned long long)q);
	if (basic == EXIT_REASON_ENTRY_INVALID_GUEST)
		explain_entry_failure(v, CHECK_GUEST);
	vcpu_vendor_dump_guest(v);
	dump_host_and_controls();
	vm_stop(v->vm, EXIT_FAIL, "VM entry failed");
	return EXIT_STOP;
}

/*
 * An exit can interrupt the CPU while it delivers an event to the guest: an
 * EPT violation on the guest's IDT, stack or TSS page, say.  The event is
 * then in the IDT-vectoring information (SDM 28.2.4) and is lost unless the
 * VMM injects it again on the next entry (SDM 27.6, 29.2.4).
 */
static void reinject_vectored_event(void)
{
	u32 idt = vmcs_read32(IDT_VECTORING_INFO);
	u32 type = (idt >> 8) & 7;

	if (!(idt & BIT(31)))
		return;
	if (idt & BIT(11))
		vmcs_write32(VM_ENTRY_EXCEPTION_ERROR_CODE,
			     vmcs_read32(IDT_VECTORING_ERROR_CODE));
	/* software interrupt, privileged or software exception: resume after
	 * the instruction that raised it */
	if (type == 4 || type == 5 || type == 6)
		vmcs_write32(VM_ENTRY_INSTRUCTION_LEN,
			     vmcs_read32(VM_EXIT_INSTRUCTION_LEN));
	vmcs_write32(VM_ENTRY_INTR_INFO, idt & ~BIT(12));	/* 30:12 reserved */
}

static enum exit_action dispatch(struct vcpu *v, u32 reason)
{
	u32 basic = reason & 0xffff;
	enum exit_action a;

	if (reason & EXIT_REASON_FAILED_ENTRY)
		return exit_entry_failure(v, reason);

	switch (basic) {
	case EXIT_REASON_CPUID:
		a = handle_cpuid(v);
		break;
	case EXIT_REASON_IO:
		a = exit_io(v, vmcs_read64(EXIT_QUALIFICATION));
		break;
	case EXIT_REASON_VMCALL:
		a = handle_hypercall(v);
		break;
	case EXIT_REASON_HLT:
		return handle_hlt(v);
	case EXIT_REASON_CR_ACCESS:
		a = exit_cr_access(v, vmcs_read64(EXIT_QUALIFICATION));
		break;
	case EXIT_REASON_EPT_VIOLATION:
		/* Fault-like: the guest retries the instruction, RIP unchanged. */
		a = mmu_nested_fault(v, GPA(vmcs_read64(GUEST_PHYSICAL_ADDRESS)),
				     GVA(vmcs_read64(GUEST_LINEAR_ADDRESS)),
				     vmcs_read64(EXIT_QUALIFICATION) & BIT(7),
				     vmcs_read64(EXIT_QUALIFICATION));
		if (a == EXIT_RESUME)
			reinject_vectored_event();
		return a;
	case EXIT_REASON_EPT_MISCONFIG:
		pr("ept: misconfiguration at gpa=0x%llx\n",
		   (unsigned long long)vmcs_read64(GUEST_PHYSICAL_ADDRESS));
		mmu_dump_nested_path(v, GPA(vmcs_read64(GUEST_PHYSICAL_ADDRESS)));
		vm_stop(v->vm, EXIT_FAIL, "EPT misconfiguration");
		return EXIT_STOP;
	case EXIT_REASON_EXCEPTION_NMI:
		/* Fault-like: no RIP change; an event this exit cut short is
		 * delivered again unless we injected one in its place. */
		a = exit_exception(v);
		if (a == EXIT_RESUME)
			reinject_vectored_event();
		return a == EXIT_RETRY ? EXIT_RESUME : a;
	case EXIT_REASON_INVLPG:
		a = mmu_invlpg(v, GVA(vmcs_read64(EXIT_QUALIFICATION)));
		break;
	case EXIT_REASON_TRIPLE_FAULT:
		pr("vm: guest triple fault (an exception while delivering #DF)\n");
		vcpu_vendor_dump_guest(v);
		vm_stop(v->vm, EXIT_FAIL, "triple fault");
		return EXIT_STOP;
	default:
		pr("vmx: unhandled exit reason=%u (%s) qualification=0x%llx\n",
		   basic, vmx_exit_reason_name(basic),
		   (unsigned long long)vmcs_read64(EXIT_QUALIFICATION));
		vcpu_vendor_dump_guest(v);
		vm_stop(v->vm, EXIT_FAIL, "unhandled VM exit");
		return EXIT_STOP;
	}
	if (a == EXIT_RESUME)
		skip_instruction();
	return a == EXIT_RETRY ? EXIT_RESUME : a;
}

static enum run_status entry_instruction_failed(struct vcpu *v, int rc)
{
	const char *insn = v->vmx.launched ? "VMRESUME" : "VMLAUNCH";

	if (rc == VMX_ENTER_FAIL_INVALID) {
		pr("vmx: %s failed: VMfailInvalid (no current VMCS)\n", insn);
	} else if (rc == VMX_ENTER_HOST_RSP_FAILED) {
		pr("vmx: VMWRITE of HOST_RSP failed before %s: error %u (%s)\n",
		   insn, vmcs_instruction_error(),
		   vmx_instruction_error_name(vmcs_instruction_error()));
	} else {
		u32 e = vmcs_instruction_error();
		pr("vmx: %s failed: VM-instruction error %u (%s)\n", insn, e,
		   vmx_instruction_error_name(e));
		if (e == 7)
			explain_entry_failure(v, CHECK_CONTROLS);
		else if (e == 8)
			explain_entry_failure(v, CHECK_HOST);
		vcpu_vendor_dump_guest(v);
		dump_host_and_controls();
	}
	return vm_stop(v->vm, EXIT_FAIL, "VM entry instruction failed");
}

const char *vcpu_vendor_exit_name(unsigned reason)
{
	return vmx_exit_reason_name(reason);
}

enum run_status vcpu_vendor_run(struct vcpu *v)
{
	for (;;) {
		int rc = vmx_enter(&v->regs, v->vmx.launched);
		/* The VMM's share of the time: from here to the next entry. */
		u64 t_exit = rdtsc();
		if (rc != VMX_ENTER_EXITED)
			return entry_instruction_failed(v, rc);
		u32 reason = vmcs_read32(VM_EXIT_REASON);
		/* A VM-entry failure also arrives here, as an exit with bit 31
		 * set: only a real exit proves the guest ran. */
		if (!v->vmx.launched && !(reason & EXIT_REASON_FAILED_ENTRY)) {
			v->vmx.launched = true;
			pr("vmx: VMLAUNCH ok: the guest is running\n");
		}
		v->exits++;
		if (log_get_level() == LOG_TRACE)
			pr("trace: exit reason=%u (%s) rip=0x%llx qualification=0x%llx\n",
			   reason & 0xffff, vmx_exit_reason_name(reason & 0xffff),
			   (unsigned long long)vmcs_read64(GUEST_RIP),
			   (unsigned long long)vmcs_read64(EXIT_QUALIFICATION));
		enum exit_action a = dispatch(v, reason);
		stats_account(&v->vm->counters, reason & 0xffff, rdtsc() - t_exit);
		if (a == EXIT_STOP)
			return v->vm->status;
	}
}
