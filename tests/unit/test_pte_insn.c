/*
 * test_pte_insn.c - the PTE-write instruction decoder, as a table of
 * encodings (checked against the SDM's opcode tables and objdump).
 */
#include "hv/mmu/pte_insn.h"
#include "test.h"

struct insn_case {
	const char *what;
	u8 bytes[16];
	unsigned n;
	enum pte_insn_kind kind;
	unsigned len, size, reg;
	u64 imm;
	bool rep, mem;
};

static const struct insn_case cases[] = {
	{ "mov [rax],rdx",           { 0x48, 0x89, 0x10 }, 3, PTE_INSN_MOV_REG, 3, 8, 2, 0, 0, 1 },
	{ "mov [rdi+rax*8],rsi",     { 0x48, 0x89, 0x34, 0xc7 }, 4, PTE_INSN_MOV_REG, 4, 8, 6, 0, 0, 1 },
	{ "mov [rbx+0x10],r9",       { 0x4c, 0x89, 0x4b, 0x10 }, 4, PTE_INSN_MOV_REG, 4, 8, 9, 0, 0, 1 },
	{ "mov [rip+0x1234],rcx",    { 0x48, 0x89, 0x0d, 0x34, 0x12, 0, 0 }, 7, PTE_INSN_MOV_REG, 7, 8, 1, 0, 0, 1 },
	{ "mov [rsp+0x100],rax",     { 0x48, 0x89, 0x84, 0x24, 0, 1, 0, 0 }, 8, PTE_INSN_MOV_REG, 8, 8, 0, 0, 0, 1 },
	{ "mov [disp32+rax*8],rdx",  { 0x48, 0x89, 0x14, 0xc5, 0, 0x10, 0, 0 }, 8, PTE_INSN_MOV_REG, 8, 8, 2, 0, 0, 1 },
	{ "mov [rax],edx",           { 0x89, 0x10 }, 2, PTE_INSN_MOV_REG, 2, 4, 2, 0, 0, 1 },
	{ "mov [rax],dx",            { 0x66, 0x89, 0x10 }, 3, PTE_INSN_MOV_REG, 3, 2, 2, 0, 0, 1 },
	{ "mov [rdi],sil",           { 0x40, 0x88, 0x37 }, 3, PTE_INSN_MOV_REG, 3, 1, 6, 0, 0, 1 },
	{ "mov rax,rdx (no memory)", { 0x48, 0x89, 0xd0 }, 3, PTE_INSN_MOV_REG, 3, 8, 2, 0, 0, 0 },
	{ "mov qword [rax],0",       { 0x48, 0xc7, 0x00, 0, 0, 0, 0 }, 7, PTE_INSN_MOV_IMM, 7, 8, 0, 0, 0, 1 },
	{ "mov qword [rax+8],-1",    { 0x48, 0xc7, 0x40, 0x08, 0xff, 0xff, 0xff, 0xff }, 8, PTE_INSN_MOV_IMM, 8, 8, 0, ~0ull, 0, 1 },
	{ "mov byte [rdi],0x5a",     { 0xc6, 0x07, 0x5a }, 3, PTE_INSN_MOV_IMM, 3, 1, 0, 0x5a, 0, 1 },
	{ "xchg [rdi],rax",          { 0x48, 0x87, 0x07 }, 3, PTE_INSN_XCHG, 3, 8, 0, 0, 0, 1 },
	{ "lock cmpxchg [rdi],rsi",  { 0xf0, 0x48, 0x0f, 0xb1, 0x37 }, 5, PTE_INSN_CMPXCHG, 5, 8, 6, 0, 0, 1 },
	{ "rep stosq",               { 0xf3, 0x48, 0xab }, 3, PTE_INSN_STOS, 3, 8, 0, 0, 1, 1 },
	{ "stosb",                   { 0xaa }, 1, PTE_INSN_STOS, 1, 1, 0, 0, 0, 1 },
	{ "add [rax],rdx: not a PTE write", { 0x48, 0x01, 0x10 }, 3, PTE_INSN_UNKNOWN, 0, 0, 0, 0, 0, 0 },
	{ "c7 /1: invalid",          { 0x48, 0xc7, 0x08, 0, 0, 0, 0 }, 7, PTE_INSN_UNKNOWN, 0, 0, 0, 0, 0, 0 },
	{ "truncated",               { 0x48, 0x89 }, 2, PTE_INSN_UNKNOWN, 0, 0, 0, 0, 0, 0 },
	{ "truncated imm",           { 0x48, 0xc7, 0x00, 0 }, 4, PTE_INSN_UNKNOWN, 0, 0, 0, 0, 0, 0 },
};

void test_pte_insn(void)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct insn_case *c = &cases[i];
		struct pte_insn d = pte_insn_decode(c->bytes, c->n);
		bool ok = d.kind == c->kind;
		if (ok && c->kind != PTE_INSN_UNKNOWN)
			ok = d.len == c->len && d.size == c->size &&
			     d.reg == c->reg && d.imm == c->imm &&
			     d.rep == c->rep && d.mem == c->mem;
		CHECK(ok, "%s: kind=%s len=%u size=%u reg=%u imm=0x%llx rep=%d mem=%d",
		      c->what, pte_insn_name(d.kind), d.len, d.size, d.reg,
		      (unsigned long long)d.imm, d.rep, d.mem);
	}
}
