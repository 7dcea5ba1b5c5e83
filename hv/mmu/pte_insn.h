/*
 * pte_insn.h - decode the instruction with which a guest kernel writes a
 * page-table entry, so that shadow paging can perform the write itself.
 *
 * When a guest writes a write-protected page-table page, the CPU reports a
 * #PF with the linear address but neither the value nor the length of the
 * instruction (an exception exit has no instruction length, SDM 28.2.5).
 * So the VMM decodes it: the forms a kernel uses for a PTE, in 64-bit mode
 * (SDM vol. 2: MOV 88/89/C6/C7, XCHG 86/87, CMPXCHG 0F B0/B1, STOS AA/AB).
 * Anything else is reported by name and stops the guest.  Pure code.
 */
#ifndef HV_MMU_PTE_INSN_H
#define HV_MMU_PTE_INSN_H

#include "hv/types.h"

enum pte_insn_kind {
	PTE_INSN_UNKNOWN,
	PTE_INSN_MOV_REG,	/* mov [mem], reg */
	PTE_INSN_MOV_IMM,	/* mov [mem], imm */
	PTE_INSN_XCHG,		/* xchg [mem], reg */
	PTE_INSN_CMPXCHG,	/* cmpxchg [mem], reg */
	PTE_INSN_STOS,		/* (rep) stos [rdi], al/ax/eax/rax */
};

struct pte_insn {
	enum pte_insn_kind kind;
	unsigned len;		/* bytes, prefixes included */
	unsigned size;		/* bytes written: 1, 2, 4 or 8 */
	unsigned reg;		/* source register (x86 number, REX.R applied) */
	u64 imm;		/* for MOV_IMM, sign-extended to size */
	bool rep;		/* STOS with a REP prefix */
	bool mem;		/* the destination is memory (ModRM mod != 3) */
};

/* Decodes the instruction in bytes[0..n).  kind UNKNOWN if it is not one
 * of the forms above (or n is too short); name() says what it is. */
struct pte_insn pte_insn_decode(const u8 *bytes, unsigned n);
const char *pte_insn_name(enum pte_insn_kind k);

#endif
