/*
 * syscall.c - what each system call does.
 */
#include "abi/hypercall.h"
#include "abi/syscall.h"
#include "console.h"
#include "hv/fmt.h"
#include "kernel.h"
#include "mm.h"
#include "proc.h"
#include "syscall.h"
#include "x86.h"

/* Console output of a process: each line starts "pN: ".  The kernel reads
 * the user's buffer directly (its address space is live); a page of it
 * that is not there yet faults and is mapped like any user access. */
static u64 sys_write(struct proc *p, u64 buf, u64 len)
{
	if (len > 4096 || buf >= USER_TOP || len > USER_TOP - buf)
		return SYS_ERROR;
	const char *s = (const char *)(uintptr_t)buf;
	for (u64 i = 0; i < len; i++) {
		if (p->line_start)
			kprintf("p%d: ", p->pid);
		console_putc(s[i]);
		p->line_start = s[i] == '\n';
	}
	return len;
}

/* A process edits its own page table: the kernel does it, on the live
 * address space, with INVLPG after each change (mm.c). */
static u64 sys_remap(struct proc *p, u64 va, u64 op)
{
	if (va < USER_CHURN_VA || va >= USER_CHURN_VA + USER_CHURN_PAGES * PAGE_SIZE ||
	    (va & (PAGE_SIZE - 1)))
		return SYS_ERROR;
	u64 old = mm_lookup(p->pml4, va) & PT_ADDR_MASK, pa;
	switch (op) {
	case REMAP_NEW:
		if (old || !(pa = mm_zalloc()))
			return SYS_ERROR;
		return mm_map(p->pml4, va, pa, PTE_USER_RW) ? 0 : SYS_ERROR;
	case REMAP_MOVE:
		if (!old || !(pa = mm_zalloc()))
			return SYS_ERROR;
		memcpy(phys_to_virt(pa), phys_to_virt(old), PAGE_SIZE);
		mm_unmap(p->pml4, va);
		frame_free(&frames, old);
		return mm_map(p->pml4, va, pa, PTE_USER_RW) ? 0 : SYS_ERROR;
	case REMAP_RO:
		return mm_set_flags(p->pml4, va, IA32E_P | IA32E_US) ? 0 : SYS_ERROR;
	case REMAP_RW:
		return mm_set_flags(p->pml4, va, PTE_USER_RW) ? 0 : SYS_ERROR;
	case REMAP_UNMAP:
		if (!old)
			return SYS_ERROR;
		mm_unmap(p->pml4, va);
		frame_free(&frames, old);
		return 0;
	}
	return SYS_ERROR;
}

u64 syscall(struct proc *p, u64 nr, u64 a0, u64 a1, u64 a2)
{
	(void)a2;
	switch (nr) {
	case SYS_WRITE:
		return sys_write(p, a0, a1);
	case SYS_SBRK:
		return proc_sbrk(p, (s64)a0);
	case SYS_YIELD:
		proc_yield(p);
		return 0;
	case SYS_EXIT:
		proc_exit(p, (int)a0);
	case SYS_RESULT:
		p->checksum = a0;
		p->reported = true;
		return 0;
	case SYS_GETPID:
		return (u64)p->pid;
	case SYS_TICKS:
		return rdtsc();
	case SYS_REMAP:
		return sys_remap(p, a0, a1);
	case SYS_WALK:	/* the kernel asks the VMM; user mode may not */
		if (boot_info->host_mode == GUEST_BARE)
			return SYS_ERROR;
		return vmcall(HC_WALK, a0, 0, 0);
	default:
		proc_kill(p, "unknown system call %llu", (unsigned long long)nr);
	}
}
