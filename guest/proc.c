/*
 * proc.c - processes, the scheduler and demand paging.
 */
#include <stdarg.h>
#include "console.h"
#include "cpu.h"
#include "hv/fmt.h"
#include "kernel.h"
#include "mm.h"
#include "proc.h"
#include "trap.h"
#include "x86.h"

void swtch(struct context **save, struct context *next);	/* swtch.asm */
void trapret(void);						/* trap.asm */
extern const u8 user_image_start[], user_image_end[];		/* user_image.asm */

static struct proc procs[NPROC];
static struct proc *current;
static struct context *scheduler_ctx;
static int next_pid = 1;
void (*proc_round_hook)(int round);

struct proc *proc_current(void) { return current; }
struct proc *proc_table(void) { return procs; }

static bool load_user_image(struct proc *p)
{
	u64 size = (u64)(user_image_end - user_image_start);
	for (u64 off = 0; off < size; off += PAGE_SIZE) {
		u64 pa = mm_zalloc();
		if (!pa || !mm_map(p->pml4, USER_CODE_VA + off, pa, PTE_USER_RW))
			return false;
		u64 n = size - off < PAGE_SIZE ? size - off : PAGE_SIZE;
		memcpy(phys_to_virt(pa), user_image_start + off, n);
	}
	return true;
}

/* The kernel stack of a new process holds a trap frame that "returns" to
 * user mode at the image's entry, and below it a context that swtch()
 * "returns" into trapret.  The first switch to it thus enters user mode. */
static void setup_kernel_stack(struct proc *p, int program, u64 arg)
{
	u8 *top = (u8 *)phys_to_virt(p->kstack) + KSTACK_PAGES * PAGE_SIZE;
	struct trap_frame *tf = (struct trap_frame *)(top - sizeof(*tf));
	memset(tf, 0, sizeof(*tf));
	tf->rip = USER_CODE_VA;
	tf->cs = USER_CS;
	tf->rflags = 0x2;		/* IF=0: nothing interrupts us */
	tf->rsp = USER_STACK_TOP;
	tf->ss = USER_DS;
	tf->rdi = (u64)program;
	tf->rsi = arg;
	struct context *c = (struct context *)((u8 *)tf - sizeof(*c));
	memset(c, 0, sizeof(*c));
	c->rip = (u64)(uintptr_t)trapret;
	p->ctx = c;
}

struct proc *proc_spawn(const char *name, int program, u64 arg)
{
	struct proc *p = NULL;
	for (int i = 0; i < NPROC && !p; i++)
		if (procs[i].state == P_UNUSED)
			p = &procs[i];
	if (!p)
		return NULL;
	memset(p, 0, sizeof(*p));
	p->pid = next_pid++;
	p->name = name;
	p->brk = USER_HEAP_VA;
	p->line_start = true;
	p->pml4 = mm_new_aspace();
	p->kstack = mm_zalloc();
	if (!p->pml4 || !p->kstack || !load_user_image(p)) {
		kprintf("proc: out of memory spawning %s\n", name);
		return NULL;
	}
	setup_kernel_stack(p, program, arg);
	p->state = P_RUNNABLE;
	return p;
}

bool proc_map_foreign(struct proc *p, u64 va, u64 pa)
{
	return mm_map(p->pml4, va, pa, PTE_USER_RW | PTE_NOT_OWNED);
}

/* Back to the scheduler; returns when the scheduler picks p again. */
static void sched(struct proc *p)
{
	swtch(&p->ctx, scheduler_ctx);
}

void proc_yield(struct proc *p)
{
	p->state = P_RUNNABLE;
	sched(p);
}

void proc_exit(struct proc *p, int status)
{
	p->exit_status = status;
	p->state = P_ZOMBIE;
	sched(p);
	for (;;)	/* a zombie is never scheduled again */
		;
}

void proc_kill(struct proc *p, const char *fmt, ...)
{
	char why[160];
	va_list ap;
	va_start(ap, fmt);
	fmt_vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	kprintf("proc: killed pid=%d (%s): %s\n", p->pid, p->name, why);
	p->killed = true;
	proc_exit(p, -1);
}

/* The scheduler: round robin over the table until nothing can run.  It
 * runs on the boot stack with the kernel's own page tables; each switch
 * loads the process's CR3, and the CPU's TLB sees a new address space. */
void proc_run_all(void)
{
	for (int round = 1, ran = 1; ran; round++) {
		ran = 0;
		for (int i = 0; i < NPROC; i++) {
			struct proc *p = &procs[i];
			if (p->state != P_RUNNABLE)
				continue;
			ran = 1;
			current = p;
			p->state = P_RUNNING;
			cpu_set_kernel_stack((u64)(uintptr_t)phys_to_virt(p->kstack) +
					     KSTACK_PAGES * PAGE_SIZE);
			write_cr3(p->pml4);
			swtch(&scheduler_ctx, p->ctx);
			write_cr3(kernel_pml4);
			current = NULL;
			if (p->state == P_ZOMBIE) {
				mm_free_aspace(p->pml4);
				frame_free(&frames, p->kstack);
				p->state = P_UNUSED;
				p->pml4 = 0;
			}
		}
		if (ran && proc_round_hook)
			proc_round_hook(round);
	}
}

static bool in_heap(const struct proc *p, u64 va)
{
	return va >= USER_HEAP_VA && va < p->brk;
}

static bool in_stack(u64 va)
{
	return va < USER_STACK_TOP && va >= USER_STACK_TOP - USER_STACK_MAX;
}

bool proc_page_fault(struct proc *p, u64 va, u64 error)
{
	/* error bit 0: the page was present (a protection fault) */
	if (error & 1)
		return false;
	/* The lecture's page: "the process reads 0x1000, the OS maps it to
	 * guest-physical 0xa000" happens right here, in the #PF handler. */
	if (p->lecture && (va & PAGE_MASK) == USER_LECTURE_VA) {
		kprintf("lecture: pid=%d faulted on va=0x%llx; maps it -> gpa=0x%llx\n",
			p->pid, (unsigned long long)va,
			(unsigned long long)LECTURE_GPA);
		return proc_map_foreign(p, USER_LECTURE_VA, LECTURE_GPA);
	}
	if (!(in_heap(p, va) || in_stack(va)))
		return false;
	u64 pa = mm_zalloc();
	if (!pa || !mm_map(p->pml4, va & PAGE_MASK, pa, PTE_USER_RW))
		return false;
	p->page_faults++;
	return true;
}

u64 proc_sbrk(struct proc *p, s64 inc)
{
	u64 old = p->brk, new = old + (u64)inc;
	if (new < USER_HEAP_VA || new > USER_HEAP_VA + USER_HEAP_MAX)
		return ~0ull;
	/* Shrinking: unmap and free every page wholly above the new break;
	 * mm_unmap's INVLPG makes the old page unreachable at once. */
	for (u64 va = ALIGN_UP(new, PAGE_SIZE); va < ALIGN_UP(old, PAGE_SIZE);
	     va += PAGE_SIZE) {
		u64 pa = mm_unmap(p->pml4, va);
		if (pa)
			frame_free(&frames, pa);
	}
	p->brk = new;
	return old;
}
