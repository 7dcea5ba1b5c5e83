/*
 * pte_insn.c - a decoder for the few instructions that write PTEs.
 */
#include "pte_insn.h"

const char *pte_insn_name(enum pte_insn_kind k)
{
	switch (k) {
	case PTE_INSN_MOV_REG: return "mov";
	case PTE_INSN_MOV_IMM: return "mov-imm";
	case PTE_INSN_XCHG: return "xchg";
	case PTE_INSN_CMPXCHG: return "cmpxchg";
	case PTE_INSN_STOS: return "stos";
	default: return "unknown";
	}
}

/* Bytes taken by a ModRM operand after the ModRM byte: SIB and displacement
 * (SDM vol. 2, 2.1.5 and 2.2.1.6: mod=00 rm=101 is RIP-relative disp32). */
static int modrm_tail(const u8 *p, unsigned avail, bool *mem)
{
	u8 modrm = p[0], mod = modrm >> 6, rm = modrm & 7;
	int len = 0;

	*mem = mod != 3;
	if (mod == 3)
		return 0;
	if (rm == 4) {		/* SIB */
		if (avail < 2)
			return -1;
		len = 1;
		if (mod == 0 && (p[1] & 7) == 5)
			len += 4;	/* no base: disp32 */
	} else if (mod == 0 && rm == 5) {
		len = 4;	/* RIP + disp32 */
	}
	if (mod == 1)
		len += 1;
	else if (mod == 2)
		len += 4;
	return len;
}

static u64 read_imm(const u8 *p, unsigned size)
{
	u64 v = 0;
	for (unsigned i = 0; i < size; i++)
		v |= (u64)p[i] << (8 * i);
	return v;
}

struct pte_insn pte_insn_decode(const u8 *b, unsigned n)
{
	struct pte_insn d = { 0 };
	unsigned i = 0;
	bool opsize = false, rex_w = false, rex_r = false;

	/* Legacy prefixes, then REX (which must come last). */
	for (; i < n; i++) {
		if (b[i] == 0x66) opsize = true;
		else if (b[i] == 0xf3) d.rep = true;
		else if (b[i] == 0xf0 || b[i] == 0x2e || b[i] == 0x3e ||
			 b[i] == 0x26 || b[i] == 0x36 || b[i] == 0x64 ||
			 b[i] == 0x65) ;
		else break;
	}
	if (i < n && (b[i] & 0xf0) == 0x40) {
		rex_w = b[i] & 8;
		rex_r = b[i] & 4;
		i++;
	}
	if (i >= n)
		return (struct pte_insn){ 0 };

	unsigned full = rex_w ? 8 : opsize ? 2 : 4;	/* operand size */
	u8 op = b[i++];
	bool two_byte = false;
	if (op == 0x0f) {
		if (i >= n)
			return (struct pte_insn){ 0 };
		two_byte = true;
		op = b[i++];
	}

	if (!two_byte && (op == 0xaa || op == 0xab)) {
		d.kind = PTE_INSN_STOS;
		d.size = op == 0xaa ? 1 : full;
		d.mem = true;
		d.len = i;
		return d;
	}
	if (two_byte && (op == 0xb0 || op == 0xb1)) {
		d.kind = PTE_INSN_CMPXCHG;
		d.size = op == 0xb0 ? 1 : full;
	} else if (!two_byte && (op == 0x88 || op == 0x89)) {
		d.kind = PTE_INSN_MOV_REG;
		d.size = op == 0x88 ? 1 : full;
	} else if (!two_byte && (op == 0x86 || op == 0x87)) {
		d.kind = PTE_INSN_XCHG;
		d.size = op == 0x86 ? 1 : full;
	} else if (!two_byte && (op == 0xc6 || op == 0xc7)) {
		d.kind = PTE_INSN_MOV_IMM;
		d.size = op == 0xc6 ? 1 : full;
	} else {
		return (struct pte_insn){ 0 };
	}
	if (i >= n)
		return (struct pte_insn){ 0 };
	u8 modrm = b[i];
	d.reg = ((modrm >> 3) & 7) | (rex_r ? 8 : 0);
	int tail = modrm_tail(&b[i], n - i, &d.mem);
	if (tail < 0)
		return (struct pte_insn){ 0 };
	i += 1 + (unsigned)tail;
	if (d.kind == PTE_INSN_MOV_IMM) {
		if (((modrm >> 3) & 7) != 0)
			return (struct pte_insn){ 0 };	/* C6/C7 /0 only */
		unsigned isz = d.size == 8 ? 4 : d.size;	/* imm32 for 64-bit */
		if (i + isz > n)
			return (struct pte_insn){ 0 };
		d.imm = read_imm(&b[i], isz);
		if (d.size == 8 && (d.imm & 0x80000000u))
			d.imm |= 0xffffffff00000000ull;	/* sign-extended */
		i += isz;
	}
	if (i > n)
		return (struct pte_insn){ 0 };
	d.len = i;
	return d;
}
