/*
 * cpu.c - GDT and TSS (SDM vol. 3, 3.4.5 and 8.7).
 */
#include "cpu.h"
#include "hv/x86_desc.h"
#include "kernel.h"

static u64 gdt[7] __attribute__((aligned(16)));
static struct tss64 tss __attribute__((aligned(16)));
static u8 df_stack[4096] __attribute__((aligned(16)));	/* IST1: #DF */

void cpu_init(void)
{
	gdt[0] = 0;
	gdt[KERNEL_CS / 8] = GDT_KERNEL_CODE64;
	gdt[KERNEL_DS / 8] = GDT_KERNEL_DATA;
	gdt[USER_CS / 8] = GDT_USER_CODE64;
	gdt[USER_DS / 8] = GDT_USER_DATA;
	gdt_tss_descriptor(&gdt[KERNEL_TSS / 8], (u64)(uintptr_t)&tss,
			   sizeof(tss) - 1);
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
