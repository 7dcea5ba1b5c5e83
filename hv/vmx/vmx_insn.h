/*
 * vmx_insn.h - the VMX instructions as inline functions.
 *
 * Every VMX instruction reports its outcome in RFLAGS (SDM 31.2):
 *   CF=1        VMfailInvalid (no current VMCS to hold an error number)
 *   ZF=1        VMfailValid   (error number in VM_INSTRUCTION_ERROR)
 *   CF=ZF=0     VMsucceed
 * Each wrapper returns one of these; callers must check it.
 */
#ifndef HV_VMX_VMX_INSN_H
#define HV_VMX_VMX_INSN_H

#include "hv/types.h"

enum vmx_result { VMX_OK = 0, VMX_FAIL_INVALID = 1, VMX_FAIL_VALID = 2 };

#define VMX_RESULT_FROM_FLAGS(cf, zf) \
	((cf) ? VMX_FAIL_INVALID : (zf) ? VMX_FAIL_VALID : VMX_OK)

static inline enum vmx_result vmxon(u64 phys)
{
	u8 cf, zf;
	__asm__ volatile("vmxon %2" : "=@ccc"(cf), "=@ccz"(zf) : "m"(phys) : "memory");
	return VMX_RESULT_FROM_FLAGS(cf, zf);
}

static inline enum vmx_result vmclear(u64 phys)
{
	u8 cf, zf;
	__asm__ volatile("vmclear %2" : "=@ccc"(cf), "=@ccz"(zf) : "m"(phys) : "memory");
	return VMX_RESULT_FROM_FLAGS(cf, zf);
}

static inline enum vmx_result vmptrld(u64 phys)
{
	u8 cf, zf;
	__asm__ volatile("vmptrld %2" : "=@ccc"(cf), "=@ccz"(zf) : "m"(phys) : "memory");
	return VMX_RESULT_FROM_FLAGS(cf, zf);
}

static inline enum vmx_result vmread(u64 field, u64 *value)
{
	u8 cf, zf;
	__asm__ volatile("vmread %3, %0"
			 : "=rm"(*value), "=@ccc"(cf), "=@ccz"(zf)
			 : "r"(field));
	return VMX_RESULT_FROM_FLAGS(cf, zf);
}

static inline enum vmx_result vmwrite(u64 field, u64 value)
{
	u8 cf, zf;
	__asm__ volatile("vmwrite %3, %2"
			 : "=@ccc"(cf), "=@ccz"(zf)
			 : "r"(field), "rm"(value)
			 : "memory");
	return VMX_RESULT_FROM_FLAGS(cf, zf);
}

/* INVEPT types (SDM 31.3, INVEPT). */
#define INVEPT_SINGLE_CONTEXT 1
#define INVEPT_ALL_CONTEXT    2

static inline enum vmx_result invept(u64 type, u64 eptp)
{
	struct { u64 eptp, zero; } desc = { eptp, 0 };
	u8 cf, zf;
	__asm__ volatile("invept %2, %3"
			 : "=@ccc"(cf), "=@ccz"(zf)
			 : "m"(desc), "r"(type)
			 : "memory");
	return VMX_RESULT_FROM_FLAGS(cf, zf);
}

#endif
