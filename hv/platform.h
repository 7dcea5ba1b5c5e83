/*
 * platform.h - how a run ends on the machine we are on.
 *
 * A test harness needs an exit status, and each machine offers a different
 * way to give one:
 *   qemu  - isa-debug-exit device at port 0xf4: QEMU exits with (v << 1) | 1
 *   bochs - magic breakpoint (xchg bx,bx) for success, which the harness'
 *           debugger script turns into status 0; the shutdown port 0x8900
 *           for failure (Bochs exits with status 1)
 *   halt  - real hardware: print the result and halt the CPU
 * The method is detected (never by writing to a port we have not identified)
 * or forced with the boot option exit=qemu|bochs|halt.
 */
#ifndef HV_PLATFORM_H
#define HV_PLATFORM_H

#include "types.h"

enum run_status {
	EXIT_PASS,	/* the guest reported a verified result */
	EXIT_FAIL,	/* anything went wrong */
	EXIT_NO_VMX,	/* this CPU (or its firmware) cannot run hvlab */
};

/* QEMU exit codes seen by the shell: (value << 1) | 1. */
#define QEMU_EXIT_PORT   0xf4
#define QEMU_VALUE_PASS  0x10	/* status 33 */
#define QEMU_VALUE_FAIL  0x11	/* status 35 */
#define QEMU_VALUE_NOVMX 0x12	/* status 37 */
#define BOCHS_SHUTDOWN_PORT 0x8900

enum exit_method { EXIT_METHOD_HALT, EXIT_METHOD_QEMU, EXIT_METHOD_BOCHS };

enum exit_method platform_detect(void);
void platform_set_exit(enum exit_method m);
enum exit_method platform_get_exit(void);
const char *platform_exit_name(enum exit_method m);
const char *run_status_name(enum run_status s);
void platform_exit(enum run_status s) __attribute__((noreturn));

#endif
