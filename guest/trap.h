/*
 * trap.h - the guest kernel's exception handling: an IDT whose handlers
 * print the fault and end the run with a failure result, so that a kernel
 * bug is a clear message and never a hang or a silent triple fault.
 */
#ifndef GUEST_TRAP_H
#define GUEST_TRAP_H

/* Builds the IDT (vectors 0-31) and loads it. */
void trap_init(void);

/* Loads an empty IDT again (the fault=ud-noidt test uses it). */
void trap_disable(void);

/* Reports the verdict to the VMM and stops (guest/main.c). */
void report(int pass, unsigned long long checksum) __attribute__((noreturn));

#endif
