/*
 * vmx_defs.h - VMX architectural constants: capability MSRs, control bits,
 * exit reasons (SDM vol. 3 chapters 25-28, appendix A and C).
 */
#ifndef HV_VMX_VMX_DEFS_H
#define HV_VMX_VMX_DEFS_H

#include "hv/types.h"

/* Capability MSRs (SDM appendix A). */
#define MSR_IA32_VMX_BASIC           0x480
#define MSR_IA32_VMX_PINBASED_CTLS   0x481
#define MSR_IA32_VMX_PROCBASED_CTLS  0x482
#define MSR_IA32_VMX_EXIT_CTLS       0x483
#define MSR_IA32_VMX_ENTRY_CTLS      0x484
#define MSR_IA32_VMX_MISC            0x485
#define MSR_IA32_VMX_CR0_FIXED0      0x486
#define MSR_IA32_VMX_CR0_FIXED1      0x487
#define MSR_IA32_VMX_CR4_FIXED0      0x488
#define MSR_IA32_VMX_CR4_FIXED1      0x489
#define MSR_IA32_VMX_PROCBASED_CTLS2 0x48b
#define MSR_IA32_VMX_EPT_VPID_CAP    0x48c
#define MSR_IA32_VMX_TRUE_PINBASED   0x48d
#define MSR_IA32_VMX_TRUE_PROCBASED  0x48e
#define MSR_IA32_VMX_TRUE_EXIT       0x48f
#define MSR_IA32_VMX_TRUE_ENTRY      0x490

#define VMX_BASIC_TRUE_CTLS BIT(55)	/* the TRUE_* MSRs exist (A.1) */

/* Pin-based controls (SDM 25.6.1). */
#define PIN_EXT_INTR_EXITING   BIT(0)
#define PIN_NMI_EXITING        BIT(3)

/* Primary processor-based controls (SDM 25.6.2, table 25-6). */
#define CPU_HLT_EXITING        BIT(7)
#define CPU_INVLPG_EXITING     BIT(9)
#define CPU_CR3_LOAD_EXITING   BIT(15)
#define CPU_CR3_STORE_EXITING  BIT(16)
#define CPU_UNCOND_IO_EXITING  BIT(24)
#define CPU_USE_IO_BITMAPS     BIT(25)
#define CPU_USE_MSR_BITMAPS    BIT(28)
#define CPU_SECONDARY_CONTROLS BIT(31)

/* Secondary processor-based controls (SDM 25.6.2, table 25-7). */
#define CPU2_ENABLE_EPT        BIT(1)
#define CPU2_ENABLE_VPID       BIT(5)
#define CPU2_UNRESTRICTED      BIT(7)

/* VM-exit controls (SDM 25.7.1). */
#define EXIT_HOST_ADDR_SPACE   BIT(9)
#define EXIT_SAVE_PAT          BIT(18)
#define EXIT_LOAD_PAT          BIT(19)
#define EXIT_SAVE_EFER         BIT(20)
#define EXIT_LOAD_EFER         BIT(21)

/* VM-entry controls (SDM 25.8.1). */
#define ENTRY_IA32E_MODE       BIT(9)
#define ENTRY_LOAD_PAT         BIT(14)
#define ENTRY_LOAD_EFER        BIT(15)

/* IA32_VMX_EPT_VPID_CAP bits (SDM A.10). */
#define EPT_CAP_WALK_4         BIT(6)
#define EPT_CAP_WB             BIT(14)
#define EPT_CAP_2M             BIT(16)
#define EPT_CAP_1G             BIT(17)
#define EPT_CAP_INVEPT         BIT(20)
#define EPT_CAP_INVEPT_SINGLE  BIT(25)
#define EPT_CAP_INVEPT_ALL     BIT(26)

/* Basic exit reasons (SDM appendix C). */
enum vmx_exit_reason {
	EXIT_REASON_EXCEPTION_NMI = 0,
	EXIT_REASON_EXTERNAL_INTERRUPT = 1,
	EXIT_REASON_TRIPLE_FAULT = 2,
	EXIT_REASON_INIT = 3,
	EXIT_REASON_CPUID = 10,
	EXIT_REASON_HLT = 12,
	EXIT_REASON_INVLPG = 14,
	EXIT_REASON_VMCALL = 18,
	EXIT_REASON_CR_ACCESS = 28,
	EXIT_REASON_IO = 30,
	EXIT_REASON_RDMSR = 31,
	EXIT_REASON_WRMSR = 32,
	EXIT_REASON_ENTRY_INVALID_GUEST = 33,
	EXIT_REASON_ENTRY_MSR_LOADING = 34,
	EXIT_REASON_ENTRY_MACHINE_CHECK = 41,
	EXIT_REASON_EPT_VIOLATION = 48,
	EXIT_REASON_EPT_MISCONFIG = 49,
	EXIT_REASON_MAX = 75,
};

#define EXIT_REASON_FAILED_ENTRY BIT(31)	/* bit 31 of the exit reason */

/* Names for the log, from SDM appendix C and the error table of 31.4. */
const char *vmx_exit_reason_name(u32 basic_reason);
const char *vmx_instruction_error_name(u32 error);

#endif
