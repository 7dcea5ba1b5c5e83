/*
 * cpu.h - the guest kernel's own GDT and TSS (the VMM's boot GDT is only
 * good for getting started: it has no user segments).
 */
#ifndef GUEST_CPU_H
#define GUEST_CPU_H

#include "hv/types.h"

/* Loads the GDT (kernel and user segments, a TSS) and the task register. */
void cpu_init(void);

/* The stack the CPU switches to on an interrupt from user mode. */
void cpu_set_kernel_stack(u64 top);

#endif
