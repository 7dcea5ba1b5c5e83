/*
 * syscall.h - the guest kernel's system calls, shared by the kernel and
 * the user programs (guest/user/).  A process executes INT 0x80 with the
 * number in RAX and arguments in RDI, RSI, RDX; the result comes back in
 * RAX (~0 for an error).
 */
#ifndef GUEST_ABI_SYSCALL_H
#define GUEST_ABI_SYSCALL_H

#define SYS_WRITE  1	/* (buf, len): print to the console */
#define SYS_SBRK   2	/* (increment): grow/shrink the heap, old break */
#define SYS_YIELD  3	/* (): let another process run */
#define SYS_EXIT   4	/* (status): end this process */
#define SYS_RESULT 5	/* (checksum): the data this process verified */
#define SYS_GETPID 6	/* (): this process's id */
#define SYS_TICKS  7	/* (): the time-stamp counter */
#define SYS_WALK   9	/* (va): ask the hypervisor to count the page walk */
#define SYS_REMAP  8	/* (va, op): change this process's own page table
			 * at va in the churn region (REMAP_* below) */

#define USER_CHURN_VA    0x30000000000ull	/* the region SYS_REMAP edits */
#define USER_CHURN_PAGES 64
enum remap_op {
	REMAP_NEW,	/* map a fresh zeroed page */
	REMAP_MOVE,	/* copy the page to a new frame and map that instead */
	REMAP_RO,	/* make the mapping read-only */
	REMAP_RW,	/* make it writable again */
	REMAP_UNMAP,	/* remove it (and free the frame) */
};

#define SYS_ERROR (~0ull)

/* The user programs: the number a process is started with (RDI). */
enum user_program {
	PROG_LECTURE,		/* read va 0x1000 */
	PROG_PATTERN,		/* fill the heap, yield, verify (arg: seed) */
	PROG_SHARED_WRITER,	/* write the shared page */
	PROG_SHARED_READER,	/* wait for the writer's data */
	PROG_KERNEL_READ,	/* try to read kernel memory (must be killed) */
	PROG_BAD_ADDRESS,	/* touch an unmapped address (must be killed) */
	PROG_HEAP,		/* malloc/free, sbrk shrink and regrow */
	PROG_TOUCH,		/* touch one heap page and exit (spawn storm) */
	PROG_PFSTORM,		/* map arg pages by touching them */
	PROG_YIELDER,		/* yield arg times */
	PROG_WSET,		/* arg pages, touched in random order */
	PROG_PTCHURN,		/* map, move, protect, unmap pages, arg rounds */
};

#define SHARED_MAGIC 0x5348415245440000ull	/* "SHARED" */

#endif
