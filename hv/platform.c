/*
 * platform.c - detect the machine (QEMU, Bochs, real hardware) and end a run.
 */
#include "fmt.h"
#include "fw_cfg.h"
#include "log.h"
#include "platform.h"
#include "serial.h"
#include "x86.h"

/*
 * The one piece of machine-wide state outside the VM struct: how to end the
 * run.  It must exist before any VM does, since "this CPU has no VMX" has to
 * end the run too.
 */
static enum exit_method exit_method = EXIT_METHOD_HALT;

/* Bochs' BIOS publishes an ACPI RSDP with OEM ID "BOCHS " in the BIOS area.
 * (QEMU's SeaBIOS does too, which is why QEMU is tested first.)  Reading
 * memory is harmless on any machine; only a match enables port writes. */
static bool bochs_bios_present(void)
{
	for (u64 a = 0xe0000; a < 0x100000; a += 16) {
		const char *p = (const char *)(uintptr_t)a;
		if (memcmp(p, "RSD PTR ", 8) == 0)
			return memcmp(p + 9, "BOCHS ", 6) == 0;
	}
	return false;
}

enum exit_method platform_detect(void)
{
	/* A hypervisor bit set means we are not on bare metal: QEMU if its
	 * signature and fw_cfg device say so, else some other hypervisor we
	 * cannot ask to end the run. */
	if (cpuid(1, 0).ecx & BIT(31))
		return qemu_cpuid_detected() && fw_cfg_present() ?
			       EXIT_METHOD_QEMU : EXIT_METHOD_HALT;
	if (bochs_bios_present())
		return EXIT_METHOD_BOCHS;
	return EXIT_METHOD_HALT;
}

void platform_set_exit(enum exit_method m)
{
	exit_method = m;
}

enum exit_method platform_get_exit(void)
{
	return exit_method;
}

const char *platform_exit_name(enum exit_method m)
{
	switch (m) {
	case EXIT_METHOD_QEMU: return "qemu";
	case EXIT_METHOD_BOCHS: return "bochs";
	default: return "halt";
	}
}

const char *run_status_name(enum run_status s)
{
	switch (s) {
	case EXIT_PASS: return "pass";
	case EXIT_NO_VMX: return "no-vmx";
	default: return "fail";
	}
}

void platform_exit(enum run_status s)
{
	cli();
	pr("hvlab: run ended status=%s exit=%s\n", run_status_name(s),
	   platform_exit_name(exit_method));
	serial_flush();		/* the emulator may stop at the next instruction */
	switch (exit_method) {
	case EXIT_METHOD_QEMU:
		outl(QEMU_EXIT_PORT, s == EXIT_PASS ? QEMU_VALUE_PASS :
			s == EXIT_NO_VMX ? QEMU_VALUE_NOVMX : QEMU_VALUE_FAIL);
		break;
	case EXIT_METHOD_BOCHS:
		if (s == EXIT_PASS) {
			/* Magic breakpoint: the harness' debugger script quits
			 * with status 0.  A no-op on any other CPU. */
			__asm__ volatile("xchg %%bx, %%bx" ::: "memory");
		} else {
			for (const char *p = "Shutdown"; *p; p++)
				outb(BOCHS_SHUTDOWN_PORT, (u8)*p);
		}
		break;
	default:
		break;
	}
	pr("hvlab: halted\n");
	halt_forever();
	__builtin_unreachable();
}
