/*
 * trap.h - interrupts and exceptions in the guest kernel.
 *
 * A fault in user mode kills the process (with a message) and the others go
 * on; a #PF on a heap or stack page maps it (demand-zero, proc.c); a fault
 * in the kernel itself prints the fault and ends the run with a failure
 * result, so a kernel bug is a clear message, never a hang.
 */
#ifndef GUEST_TRAP_H
#define GUEST_TRAP_H

#include "hv/x86_desc.h"	/* struct trap_frame */

#define T_PF 14
#define T_SYSCALL 0x80

void trap_init(void);
void trap_disable(void);	/* an empty IDT (the fault=ud-noidt test) */

/* Ends the run: the VMM gets the verdict by VMCALL, or, on bare hardware,
 * the guest prints it itself (main.c). */
void report(int pass, unsigned long long checksum) __attribute__((noreturn));

#endif
