/*
 * test_names.c - names printed for exit reasons, VM-instruction errors and
 * VMCS fields (SDM appendix B, appendix C, table 31-1).
 */
#include "hv/vmx/vmcs_fields.h"
#include "hv/x86_desc.h"
#include "hv/vmx/vmx_defs.h"
#include "test.h"

void test_names(void)
{
	static const struct { u32 reason; const char *name; } reasons[] = {
		{ 0, "exception or NMI" }, { 2, "triple fault" },
		{ 10, "CPUID" }, { 12, "HLT" }, { 18, "VMCALL" },
		{ 28, "control-register access" }, { 30, "I/O instruction" },
		{ 33, "VM-entry failure: invalid guest state" },
		{ 48, "EPT violation" }, { 49, "EPT misconfiguration" },
		{ 35, "unknown exit reason" }, { 1000, "unknown exit reason" },
	};
	for (size_t i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
		CHECK(strcmp(vmx_exit_reason_name(reasons[i].reason),
			     reasons[i].name) == 0,
		      "exit reason %u: %s", reasons[i].reason,
		      vmx_exit_reason_name(reasons[i].reason));

	static const struct { u32 err; const char *name; } errors[] = {
		{ 7, "VM entry with invalid control field(s)" },
		{ 8, "VM entry with invalid host-state field(s)" },
		{ 12, "VMREAD/VMWRITE from/to unsupported VMCS component" },
		{ 0, "unknown error number" }, { 14, "unknown error number" },
		{ 99, "unknown error number" },
	};
	for (size_t i = 0; i < sizeof(errors) / sizeof(errors[0]); i++)
		CHECK(strcmp(vmx_instruction_error_name(errors[i].err),
			     errors[i].name) == 0,
		      "error %u: %s", errors[i].err,
		      vmx_instruction_error_name(errors[i].err));

	static const struct { unsigned enc; const char *name; } fields[] = {
		{ 0x6804, "GUEST_CR4" }, { 0x681e, "GUEST_RIP" },
		{ 0x201a, "EPT_POINTER" }, { 0x4002, "CPU_BASED_VM_EXEC_CONTROL" },
		{ 0x6c14, "HOST_RSP" }, { 0x0c0c, "HOST_TR_SELECTOR" },
		{ 0x4826, "GUEST_ACTIVITY_STATE" }, { 0x1234, "unknown" },
	};
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		CHECK(strcmp(vmcs_field_name(fields[i].enc), fields[i].name) == 0,
		      "field 0x%x: %s", fields[i].enc,
		      vmcs_field_name(fields[i].enc));
	/* the enum and the encodings agree on a few fields the asm uses */
	CHECK(HOST_RSP == 0x6c14 && VM_EXIT_REASON == 0x4402 &&
		      GUEST_PHYSICAL_ADDRESS == 0x2400,
	      "field encodings");
}

/* The descriptor encoders shared by the VMM and the guest (hv/x86_desc.c). */
void test_x86_desc(void)
{
	struct idt_gate g = idt_interrupt_gate(0xffffffff80101234ull, 0x08, 3, 1);
	CHECK(g.offset_lo == 0x1234 && g.offset_mid == 0x8010 &&
		      g.offset_hi == 0xffffffff && g.selector == 0x08 &&
		      g.ist == 1 && g.type_attr == 0xee,
	      "interrupt gate DPL 3, IST 1: type_attr=0x%x", g.type_attr);
	u64 slots[2];
	gdt_tss_descriptor(slots, 0xffffffff80123456ull, 0x67);
	CHECK(slots[0] == 0x8000891234560067ull && slots[1] == 0xffffffff,
	      "TSS descriptor 0x%llx 0x%llx", (unsigned long long)slots[0],
	      (unsigned long long)slots[1]);
	CHECK(strcmp(exception_name(14), "#PF page fault") == 0 &&
		      strcmp(exception_name(40), "reserved") == 0,
	      "exception names");
	CHECK(sizeof(struct trap_frame) == 176 && sizeof(struct tss64) == 104 &&
		      sizeof(struct idt_gate) == 16,
	      "structure sizes the hardware and the asm rely on");
}
