/*
 * syscall.h - the kernel side of system calls (numbers in abi/syscall.h).
 */
#ifndef GUEST_SYSCALL_H
#define GUEST_SYSCALL_H

#include "hv/types.h"

struct proc;
u64 syscall(struct proc *p, u64 nr, u64 a0, u64 a1, u64 a2);

#endif
