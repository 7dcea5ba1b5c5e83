/*
 * vmcs.c - VMREAD/VMWRITE that fail loudly, with the field's name.
 */
#include "hv/log.h"
#include "vmcs.h"
#include "vmx_defs.h"
#include "vmx_insn.h"

u32 vmcs_instruction_error(void)
{
	u64 e = 0;
	if (vmread(VM_INSTRUCTION_ERROR, &e) != VMX_OK)
		return 0;
	return (u32)e;
}

static void __attribute__((noreturn))
vmcs_fail(const char *insn, enum vmcs_field f, u64 value, enum vmx_result r)
{
	if (r == VMX_FAIL_INVALID)
		panic("vmx: %s field=%s (0x%04x) value=0x%llx failed: no current VMCS (VMfailInvalid)\n",
		      insn, vmcs_field_name(f), (unsigned)f,
		      (unsigned long long)value);
	u32 e = vmcs_instruction_error();
	panic("vmx: %s field=%s (0x%04x) value=0x%llx failed: VM-instruction error %u (%s)\n",
	      insn, vmcs_field_name(f), (unsigned)f, (unsigned long long)value,
	      e, vmx_instruction_error_name(e));
}

u64 vmcs_read(enum vmcs_field f)
{
	u64 v = 0;
	enum vmx_result r = vmread(f, &v);
	if (r != VMX_OK)
		vmcs_fail("VMREAD", f, 0, r);
	return v;
}

void vmcs_write(enum vmcs_field f, u64 value)
{
	enum vmx_result r = vmwrite(f, value);
	if (r != VMX_OK)
		vmcs_fail("VMWRITE", f, value, r);
}
