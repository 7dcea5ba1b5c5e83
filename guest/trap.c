/*
 * trap.c - IDT setup and the dispatch of every interrupt and exception.
 */
#include "console.h"
#include "kernel.h"
#include "proc.h"
#include "syscall.h"
#include "trap.h"
#include "x86.h"

extern const u64 trap_stubs[33];	/* 0-31, then 0x80 */

static struct idt_gate idt[256] __attribute__((aligned(16)));

void trap_init(void)
{
	for (int v = 0; v < 32; v++)	/* #DF on its own stack (IST1) */
		idt[v] = idt_interrupt_gate(trap_stubs[v], KERNEL_CS, 0, v == 8);
	/* system calls: the one gate user mode may use */
	idt[T_SYSCALL] = idt_interrupt_gate(trap_stubs[32], KERNEL_CS, 3, 0);
	struct desc_ptr idtr = { sizeof(idt) - 1, (u64)(uintptr_t)idt };
	__asm__ volatile("lidt %0" : : "m"(idtr));
}

void trap_disable(void)
{
	struct desc_ptr idtr = { 0, 0 };
	__asm__ volatile("lidt %0" : : "m"(idtr));
}

static const char *trap_name(u64 v)
{
	return exception_name((unsigned)v);
}

static void __attribute__((noreturn)) kernel_fault(struct trap_frame *f, u64 cr2)
{
	kprintf("trap: vector=%llu (%s) error=0x%llx rip=0x%llx rsp=0x%llx cr2=0x%llx\n",
		(unsigned long long)f->vector, trap_name(f->vector),
		(unsigned long long)f->error, (unsigned long long)f->rip,
		(unsigned long long)f->rsp, (unsigned long long)cr2);
	kprintf("trap: a kernel fault: stopping with a failure result\n");
	report(0, 0);
}

void trap(struct trap_frame *f);
void trap(struct trap_frame *f)
{
	bool from_user = (f->cs & 3) == 3;
	struct proc *p = proc_current();
	u64 cr2 = read_cr2();

	if (f->vector == T_SYSCALL && from_user) {
		f->rax = syscall(p, f->rax, f->rdi, f->rsi, f->rdx);
		return;
	}
	/* A #PF on a user address, from the process or from the kernel
	 * working for it (a system call's buffer): demand paging. */
	if (f->vector == T_PF && p && cr2 < USER_TOP) {
		if (proc_page_fault(p, cr2, f->error))
			return;
		proc_kill(p, "page fault at va=0x%llx (error=0x%llx rip=0x%llx): not in any region of the process",
			  (unsigned long long)cr2, (unsigned long long)f->error,
			  (unsigned long long)f->rip);
	}
	if (from_user && p)
		proc_kill(p, "%s (error=0x%llx) at rip=0x%llx cr2=0x%llx",
			  trap_name(f->vector), (unsigned long long)f->error,
			  (unsigned long long)f->rip, (unsigned long long)cr2);
	kernel_fault(f, cr2);
}
