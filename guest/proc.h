/*
 * proc.h - user processes: each with its own address space (its own PML4,
 * its own CR3), a kernel stack, a heap that grows with sbrk and a stack,
 * both mapped on first touch.  Scheduling is cooperative (yield).
 */
#ifndef GUEST_PROC_H
#define GUEST_PROC_H

#include "hv/types.h"

#define NPROC 64
#define KSTACK_PAGES 1	/* one frame: the kernel's paths are shallow */

enum proc_state { P_UNUSED, P_RUNNABLE, P_RUNNING, P_ZOMBIE };

/* Saved by swtch.asm: callee-saved registers and the return address. */
struct context {
	u64 r15, r14, r13, r12, rbx, rbp, rip;
};

struct proc {
	int pid;
	enum proc_state state;
	const char *name;
	u64 pml4;		/* guest-physical: what CR3 holds while it runs */
	u64 kstack;		/* its kernel stack frame (guest-physical) */
	struct context *ctx;
	u64 brk;		/* heap is [USER_HEAP_VA, brk) */
	bool killed;
	int exit_status;
	u64 checksum;		/* what it reported with SYS_RESULT */
	bool reported;
	bool line_start;	/* for the "pN: " prefix of its output */
	u64 page_faults;	/* demand-zero pages mapped */
	bool lecture;		/* va 0x1000 maps the lecture page, on demand */
};

/* The user image (guest/user/) loaded into a new address space, started
 * at its entry with RDI = program number and RSI = argument. */
struct proc *proc_spawn(const char *name, int program, u64 arg);

/* Maps frame pa (not owned: shared or the lecture page) at va. */
bool proc_map_foreign(struct proc *p, u64 va, u64 pa);

/* Runs every runnable process until none is left (the scheduler). */
void proc_run_all(void);

struct proc *proc_current(void);
void proc_yield(struct proc *p);
void proc_exit(struct proc *p, int status) __attribute__((noreturn));
void proc_kill(struct proc *p, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 2, 3)));

/* Demand paging: maps a zeroed page if va is in the heap or stack. */
bool proc_page_fault(struct proc *p, u64 va, u64 error);

/* sbrk(): grows or shrinks the heap; returns the old break or ~0. */
u64 proc_sbrk(struct proc *p, s64 increment);

/* Called by the scheduler after each full round (round 1, 2, ...), when
 * set: the workloads use it to look at a moment when all are alive. */
extern void (*proc_round_hook)(int round);

/* The process table, for the self-checks to read the outcome. */
struct proc *proc_table(void);

#endif
