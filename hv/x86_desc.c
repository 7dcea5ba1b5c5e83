/*
 * x86_desc.c - encoders for descriptors, and exception names.
 */
#include "x86_desc.h"

struct idt_gate idt_interrupt_gate(u64 handler, u16 selector, u8 dpl, u8 ist)
{
	return (struct idt_gate){
		.offset_lo = (u16)handler,
		.selector = selector,
		.ist = ist,
		.type_attr = (u8)(0x8e | (dpl << 5)),	/* P, type 14 */
		.offset_mid = (u16)(handler >> 16),
		.offset_hi = (u32)(handler >> 32),
	};
}

void gdt_tss_descriptor(u64 slots[2], u64 base, u32 limit)
{
	slots[0] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
		   (0x89ull << 40) |		/* P, type 9: available TSS */
		   ((u64)((limit >> 16) & 0xf) << 48) |
		   (((base >> 24) & 0xff) << 56);
	slots[1] = base >> 32;
}

static const char *const names[32] = {
	"#DE divide error", "#DB debug", "NMI", "#BP breakpoint",
	"#OF overflow", "#BR bound range", "#UD invalid opcode",
	"#NM device not available", "#DF double fault",
	"coprocessor overrun", "#TS invalid TSS", "#NP segment not present",
	"#SS stack fault", "#GP general protection", "#PF page fault",
	"reserved", "#MF x87 error", "#AC alignment check",
	"#MC machine check", "#XM SIMD error", "#VE virtualization exception",
	"#CP control protection",
};

const char *exception_name(unsigned v)
{
	return v < 32 && names[v] ? names[v] : "reserved";
}
