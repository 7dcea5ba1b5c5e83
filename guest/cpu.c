/*
 * cpu.c - GDT and TSS (SDM vol. 3, 3.4.5 and 8.7).
 */
#include "cpu.h"
#include "kernel.h"

struct tss64 {
	u32 reserved0;
	u64 rsp[3];
	u64 reserved1;
	u64 ist[7];
	u64 reserved2;
	u16 reserved3;
	u16 iomap_base;
} __attribute__((packed));

static u64 gdt[7] __attribute__((aligned(16)));
static struct tss64 tss __attribute__((aligned(16)));
static u8 df_stack[4096] __attribute__((aligned(16)));	/* IST1: #DF */

struct desc_ptr {
	u16 limit;
	u64 base;
} __attribute__((packed));

void cpu_init(void)
{
	u64 base = (u64)(uintptr_t)&tss, limit = sizeof(tss) - 1;

	gdt[0] = 0;
	gdt[1] = 0x00af9a000000ffffull;	/* 0x08 kernel code, 64-bit */
	gdt[2] = 0x00cf92000000ffffull;	/* 0x10 kernel data */
	gdt[3] = 0x00affa000000ffffull;	/* 0x18 user code, DPL 3 */
	gdt[4] = 0x00cff2000000ffffull;	/* 0x20 user data, DPL 3 */
	gdt[5] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x89ull << 40) |
		 (((base >> 24) & 0xff) << 56);	/* 0x28 TSS, available */
	gdt[6] = base >> 32;
	tss.ist[0] = (u64)(uintptr_t)(df_stack + sizeof(df_stack));
	tss.iomap_base = sizeof(tss);

	struct desc_ptr gdtr = { sizeof(gdt) - 1, (u64)(uintptr_t)gdt };
	__asm__ volatile(
		"lgdt %0\n\t"
		"mov %1, %%ds\n\t"
		"mov %1, %%es\n\t"
		"mov %1, %%ss\n\t"
		"xor %%eax, %%eax\n\t"
		"mov %%ax, %%fs\n\t"
		"mov %%ax, %%gs\n\t"
		"pushq %2\n\t"
		"leaq 1f(%%rip), %%rax\n\t"
		"pushq %%rax\n\t"
		"lretq\n"
		"1:\n\t"
		"ltr %w3"
		: : "m"(gdtr), "r"((u64)KERNEL_DS), "i"(KERNEL_CS),
		    "r"((u64)KERNEL_TSS)
		: "rax", "memory");
}

void cpu_set_kernel_stack(u64 top)
{
	tss.rsp[0] = top;
}
