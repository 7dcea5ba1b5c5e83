/*
 * vmcs_fields.h - VMCS field encodings (SDM vol. 3, appendix B), as one
 * X-macro list so that every field also has a printable name: a failed
 * VMWRITE or a state dump says "GUEST_CR4", not "0x6804".
 *
 * Bits 14:13 of an encoding give the width: 0 = 16-bit, 1 = 64-bit,
 * 2 = 32-bit, 3 = natural width; bits 11:10 the type (control, read-only
 * data, guest state, host state).
 */
#ifndef HV_VMX_VMCS_FIELDS_H
#define HV_VMX_VMCS_FIELDS_H

#define VMCS_FIELDS(F)                                           \
	/* 16-bit */                                             \
	F(VIRTUAL_PROCESSOR_ID, 0x0000)                          \
	F(GUEST_ES_SELECTOR, 0x0800)                             \
	F(GUEST_CS_SELECTOR, 0x0802)                             \
	F(GUEST_SS_SELECTOR, 0x0804)                             \
	F(GUEST_DS_SELECTOR, 0x0806)                             \
	F(GUEST_FS_SELECTOR, 0x0808)                             \
	F(GUEST_GS_SELECTOR, 0x080a)                             \
	F(GUEST_LDTR_SELECTOR, 0x080c)                           \
	F(GUEST_TR_SELECTOR, 0x080e)                             \
	F(HOST_ES_SELECTOR, 0x0c00)                              \
	F(HOST_CS_SELECTOR, 0x0c02)                              \
	F(HOST_SS_SELECTOR, 0x0c04)                              \
	F(HOST_DS_SELECTOR, 0x0c06)                              \
	F(HOST_FS_SELECTOR, 0x0c08)                              \
	F(HOST_GS_SELECTOR, 0x0c0a)                              \
	F(HOST_TR_SELECTOR, 0x0c0c)                              \
	/* 64-bit */                                             \
	F(IO_BITMAP_A, 0x2000)                                   \
	F(IO_BITMAP_B, 0x2002)                                   \
	F(MSR_BITMAP, 0x2004)                                    \
	F(VM_EXIT_MSR_STORE_ADDR, 0x2006)                        \
	F(VM_EXIT_MSR_LOAD_ADDR, 0x2008)                         \
	F(VM_ENTRY_MSR_LOAD_ADDR, 0x200a)                        \
	F(TSC_OFFSET, 0x2010)                                    \
	F(EPT_POINTER, 0x201a)                                   \
	F(GUEST_PHYSICAL_ADDRESS, 0x2400)                        \
	F(VMCS_LINK_POINTER, 0x2800)                             \
	F(GUEST_IA32_DEBUGCTL, 0x2802)                           \
	F(GUEST_IA32_PAT, 0x2804)                                \
	F(GUEST_IA32_EFER, 0x2806)                               \
	F(GUEST_PDPTE0, 0x280a)                                  \
	F(GUEST_PDPTE1, 0x280c)                                  \
	F(GUEST_PDPTE2, 0x280e)                                  \
	F(GUEST_PDPTE3, 0x2810)                                  \
	F(HOST_IA32_PAT, 0x2c00)                                 \
	F(HOST_IA32_EFER, 0x2c02)                                \
	/* 32-bit */                                             \
	F(PIN_BASED_VM_EXEC_CONTROL, 0x4000)                     \
	F(CPU_BASED_VM_EXEC_CONTROL, 0x4002)                     \
	F(EXCEPTION_BITMAP, 0x4004)                              \
	F(PAGE_FAULT_ERROR_CODE_MASK, 0x4006)                    \
	F(PAGE_FAULT_ERROR_CODE_MATCH, 0x4008)                   \
	F(CR3_TARGET_COUNT, 0x400a)                              \
	F(VM_EXIT_CONTROLS, 0x400c)                              \
	F(VM_EXIT_MSR_STORE_COUNT, 0x400e)                       \
	F(VM_EXIT_MSR_LOAD_COUNT, 0x4010)                        \
	F(VM_ENTRY_CONTROLS, 0x4012)                             \
	F(VM_ENTRY_MSR_LOAD_COUNT, 0x4014)                       \
	F(VM_ENTRY_INTR_INFO, 0x4016)                            \
	F(VM_ENTRY_EXCEPTION_ERROR_CODE, 0x4018)                 \
	F(VM_ENTRY_INSTRUCTION_LEN, 0x401a)                      \
	F(TPR_THRESHOLD, 0x401c)                                 \
	F(SECONDARY_VM_EXEC_CONTROL, 0x401e)                     \
	F(VM_INSTRUCTION_ERROR, 0x4400)                          \
	F(VM_EXIT_REASON, 0x4402)                                \
	F(VM_EXIT_INTR_INFO, 0x4404)                             \
	F(VM_EXIT_INTR_ERROR_CODE, 0x4406)                       \
	F(IDT_VECTORING_INFO, 0x4408)                            \
	F(IDT_VECTORING_ERROR_CODE, 0x440a)                      \
	F(VM_EXIT_INSTRUCTION_LEN, 0x440c)                       \
	F(VMX_INSTRUCTION_INFO, 0x440e)                          \
	F(GUEST_ES_LIMIT, 0x4800)                                \
	F(GUEST_CS_LIMIT, 0x4802)                                \
	F(GUEST_SS_LIMIT, 0x4804)                                \
	F(GUEST_DS_LIMIT, 0x4806)                                \
	F(GUEST_FS_LIMIT, 0x4808)                                \
	F(GUEST_GS_LIMIT, 0x480a)                                \
	F(GUEST_LDTR_LIMIT, 0x480c)                              \
	F(GUEST_TR_LIMIT, 0x480e)                                \
	F(GUEST_GDTR_LIMIT, 0x4810)                              \
	F(GUEST_IDTR_LIMIT, 0x4812)                              \
	F(GUEST_ES_AR_BYTES, 0x4814)                             \
	F(GUEST_CS_AR_BYTES, 0x4816)                             \
	F(GUEST_SS_AR_BYTES, 0x4818)                             \
	F(GUEST_DS_AR_BYTES, 0x481a)                             \
	F(GUEST_FS_AR_BYTES, 0x481c)                             \
	F(GUEST_GS_AR_BYTES, 0x481e)                             \
	F(GUEST_LDTR_AR_BYTES, 0x4820)                           \
	F(GUEST_TR_AR_BYTES, 0x4822)                             \
	F(GUEST_INTERRUPTIBILITY_INFO, 0x4824)                   \
	F(GUEST_ACTIVITY_STATE, 0x4826)                          \
	F(GUEST_SYSENTER_CS, 0x482a)                             \
	F(HOST_IA32_SYSENTER_CS, 0x4c00)                         \
	/* natural width */                                      \
	F(CR0_GUEST_HOST_MASK, 0x6000)                           \
	F(CR4_GUEST_HOST_MASK, 0x6002)                           \
	F(CR0_READ_SHADOW, 0x6004)                               \
	F(CR4_READ_SHADOW, 0x6006)                               \
	F(EXIT_QUALIFICATION, 0x6400)                            \
	F(GUEST_LINEAR_ADDRESS, 0x640a)                          \
	F(GUEST_CR0, 0x6800)                                     \
	F(GUEST_CR3, 0x6802)                                     \
	F(GUEST_CR4, 0x6804)                                     \
	F(GUEST_ES_BASE, 0x6806)                                 \
	F(GUEST_CS_BASE, 0x6808)                                 \
	F(GUEST_SS_BASE, 0x680a)                                 \
	F(GUEST_DS_BASE, 0x680c)                                 \
	F(GUEST_FS_BASE, 0x680e)                                 \
	F(GUEST_GS_BASE, 0x6810)                                 \
	F(GUEST_LDTR_BASE, 0x6812)                               \
	F(GUEST_TR_BASE, 0x6814)                                 \
	F(GUEST_GDTR_BASE, 0x6816)                               \
	F(GUEST_IDTR_BASE, 0x6818)                               \
	F(GUEST_DR7, 0x681a)                                     \
	F(GUEST_RSP, 0x681c)                                     \
	F(GUEST_RIP, 0x681e)                                     \
	F(GUEST_RFLAGS, 0x6820)                                  \
	F(GUEST_PENDING_DBG_EXCEPTIONS, 0x6822)                  \
	F(GUEST_SYSENTER_ESP, 0x6824)                            \
	F(GUEST_SYSENTER_EIP, 0x6826)                            \
	F(HOST_CR0, 0x6c00)                                      \
	F(HOST_CR3, 0x6c02)                                      \
	F(HOST_CR4, 0x6c04)                                      \
	F(HOST_FS_BASE, 0x6c06)                                  \
	F(HOST_GS_BASE, 0x6c08)                                  \
	F(HOST_TR_BASE, 0x6c0a)                                  \
	F(HOST_GDTR_BASE, 0x6c0c)                                \
	F(HOST_IDTR_BASE, 0x6c0e)                                \
	F(HOST_IA32_SYSENTER_ESP, 0x6c10)                        \
	F(HOST_IA32_SYSENTER_EIP, 0x6c12)                        \
	F(HOST_RSP, 0x6c14)                                      \
	F(HOST_RIP, 0x6c16)

enum vmcs_field {
#define VMCS_ENUM(name, enc) name = enc,
	VMCS_FIELDS(VMCS_ENUM)
#undef VMCS_ENUM
};

/* "GUEST_CR4" for 0x6804, or "unknown" */
const char *vmcs_field_name(unsigned encoding);

#endif
