/*
 * trap.c - IDT setup and the C side of exception handling.
 */
#include "abi/guest_boot.h"
#include "console.h"
#include "hv/types.h"
#include "trap.h"

struct idt_gate {
	u16 offset_lo, selector;
	u8 ist, type_attr;
	u16 offset_mid;
	u32 offset_hi, reserved;
} __attribute__((packed));

struct desc_ptr {
	u16 limit;
	u64 base;
} __attribute__((packed));

/* The frame guest/trap.asm builds. */
struct trap_frame {
	u64 r15, r14, r13, r12, r11, r10, r9, r8;
	u64 rbp, rdi, rsi, rdx, rcx, rbx, rax;
	u64 vector, error;
	u64 rip, cs, rflags, rsp, ss;
};

extern const u64 trap_stubs[32];

/* The IDT lives in the kernel's .bss; it is the kernel's own table, not a
 * per-process one. */
static struct idt_gate idt[32] __attribute__((aligned(16)));

static const char *const names[32] = {
	"#DE divide error", "#DB debug", "NMI", "#BP breakpoint", "#OF overflow",
	"#BR bound range", "#UD invalid opcode", "#NM device not available",
	"#DF double fault", "coprocessor overrun", "#TS invalid TSS",
	"#NP segment not present", "#SS stack fault",
	"#GP general protection", "#PF page fault", "reserved",
	"#MF x87 error", "#AC alignment check", "#MC machine check",
	"#XM SIMD error", "#VE virtualization exception",
	"#CP control protection",
};

void trap_init(void)
{
	for (int v = 0; v < 32; v++) {
		u64 off = trap_stubs[v];
		idt[v] = (struct idt_gate){
			.offset_lo = (u16)off,
			.selector = GUEST_BOOT_CS,
			.type_attr = 0x8e,	/* present, DPL 0, interrupt gate */
			.offset_mid = (u16)(off >> 16),
			.offset_hi = (u32)(off >> 32),
		};
	}
	struct desc_ptr idtr = { sizeof(idt) - 1, (u64)(uintptr_t)idt };
	__asm__ volatile("lidt %0" : : "m"(idtr));
}

void trap_disable(void)
{
	struct desc_ptr idtr = { 0, 0 };
	__asm__ volatile("lidt %0" : : "m"(idtr));
}

void trap(struct trap_frame *f);
void trap(struct trap_frame *f)
{
	u64 cr2;
	__asm__ volatile("mov %%cr2, %0" : "=r"(cr2));
	kprintf("trap: vector=%llu (%s) error=0x%llx rip=0x%llx rsp=0x%llx cr2=0x%llx\n",
		(unsigned long long)f->vector,
		f->vector < 32 && names[f->vector] ? names[f->vector] : "reserved",
		(unsigned long long)f->error, (unsigned long long)f->rip,
		(unsigned long long)f->rsp, (unsigned long long)cr2);
	kprintf("trap: a kernel fault: stopping with a failure result\n");
	report(0, 0);
}
