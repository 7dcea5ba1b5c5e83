/*
 * main.c - the VMM from the loader's handoff to the end of the run.
 *
 *   1. serial, banner, boot options          (knows nothing of the loader)
 *   2. take over the machine: memory pool, page tables, GDT/IDT, stack
 *   3. check the CPU can virtualize, enter VMX operation
 *   4. build the VM (guest RAM, EPT, guest image), run it, report
 */
#include "arch.h"
#include "boot_info.h"
#include "fmt.h"
#include "host.h"
#include "log.h"
#include "options.h"
#include "platform.h"
#include "serial.h"
#include "vm.h"
#include "x86.h"

/* The VMM's state, all of it: one machine, one VM.  Static storage because
 * nothing else is trustworthy at this point (the loader's memory is gone). */
static struct host host;
static struct options opts;
static struct cpu_caps caps;
static struct vm vm;

static void apply_exit_choice(enum exit_choice c)
{
	switch (c) {
	case EXIT_CHOICE_QEMU: platform_set_exit(EXIT_METHOD_QEMU); break;
	case EXIT_CHOICE_BOCHS: platform_set_exit(EXIT_METHOD_BOCHS); break;
	case EXIT_CHOICE_HALT: platform_set_exit(EXIT_METHOD_HALT); break;
	case EXIT_CHOICE_AUTO: break;
	}
}

static void print_banner(void)
{
	pr("hvlab: cpu vendor=%s vmx=%s ept=%s ept-2m=%s ept-1g=%s vpid=%s unrestricted-guest=%s\n",
	   caps.vendor, caps.virt ? "yes" : "no",
	   caps.nested_paging ? "yes" : "no", caps.nested_2m ? "yes" : "no",
	   caps.nested_1g ? "yes" : "no", caps.vpid ? "yes" : "no",
	   caps.unrestricted_guest ? "yes" : "no");
}

static void choose_mode(void)
{
	if (opts.mode == MMU_MODE_EPT && !caps.nested_paging) {
		pr("hvlab: this CPU has VMX but no EPT: falling back to shadow paging\n");
		opts.mode = MMU_MODE_SHADOW;
	}
	pr("hvlab: mode=%s (%s)\n", mmu_mode_name(opts.mode),
	   opts.mode_given ? "chosen at boot" : "default");
}

static void print_summary(void)
{
	struct vm_stats *s = &vm.stats;
	const struct counter *ev = vm.counters.event;
	pr("stats: exits=%llu ept-violations=%llu ept-outside-ram=%llu io=%llu cpuid=%llu hypercalls=%llu\n",
	   (unsigned long long)vm.vcpu.exits,
	   (unsigned long long)ev[EV_EPT_VIOLATION].count,
	   (unsigned long long)s->ept_outside_ram,
	   (unsigned long long)s->io_exits, (unsigned long long)s->cpuid_exits,
	   (unsigned long long)s->hypercalls);
	if (vm.mode == MMU_MODE_SHADOW) {
		pr("stats: shadow fills=%llu reflected-pf=%llu invlpg=%llu cr3-loads=%llu cached=%llu evictions=%llu\n",
		   (unsigned long long)ev[EV_SHADOW_FILL].count,
		   (unsigned long long)ev[EV_SHADOW_REFLECT].count,
		   (unsigned long long)ev[EV_SHADOW_INVLPG].count,
		   (unsigned long long)(ev[EV_SHADOW_CR3_CACHED].count +
					ev[EV_SHADOW_CR3_NEW].count),
		   (unsigned long long)ev[EV_SHADOW_CR3_CACHED].count,
		   (unsigned long long)s->shadow_evictions);
		pr("stats: shadow pt-writes=%llu prefills=%llu protected=%llu unprotected=%llu tables-dropped=%llu tables-now=%llu\n",
		   (unsigned long long)ev[EV_SHADOW_PT_WRITE].count,
		   (unsigned long long)s->shadow_prefills,
		   (unsigned long long)s->shadow_protects,
		   (unsigned long long)s->shadow_unprotects,
		   (unsigned long long)s->shadow_tables_dropped,
		   (unsigned long long)vm.shadow.tables);
	}
	pr("stats: guest-pages-backed=%llu host-pages-used=%llu\n",
	   (unsigned long long)vm.ram.pages_backed,
	   (unsigned long long)host.pa.pages_used);
}

/* Runs on the VMM's own stack (host_init allocated it). */
static void __attribute__((noreturn)) hv_run(void *unused)
{
	char why[200];
	(void)unused;

	enum run_status st = vcpu_vendor_probe(&caps, why, sizeof(why));
	print_banner();
	if (st != EXIT_PASS) {
		pr("hvlab: error: %s\n", why);
		platform_exit(st);
	}
	choose_mode();
	vcpu_vendor_enable(&host);
	vm_init(&vm, &host, &opts, &caps);
	vcpu_vendor_setup(&vm.vcpu);
	st = vcpu_vendor_run(&vm.vcpu);
	print_summary();
	vm_print_stats(&vm, "end of run");
	if (st == EXIT_PASS && !vm.result_reported)
		st = EXIT_FAIL;
	platform_exit(st);
}

void hv_main(struct boot_info *bi)
{
	char err[OPT_ERROR_MAX];

	cli();
	serial_init();
	platform_set_exit(platform_detect());
	pr("hvlab: hypervisor start loader=%s\n", bi->loader);
	if (bi->magic != BOOT_INFO_MAGIC)
		panic("boot_info has a bad magic number: loader and VMM do not match\n");
	pr("hvlab: options source=%s cmdline=\"%s\"\n", bi->cmdline_source,
	   bi->cmdline);
	if (!options_parse(&opts, bi->cmdline, err, sizeof(err))) {
		pr("hvlab: error: %s\n", err);
		platform_exit(EXIT_FAIL);
	}
	apply_exit_choice(opts.exit);
	log_set_level((enum log_level)opts.log_level);
	pr("hvlab: options mode=%s mem=%lluM exit=%s log=%s guest=\"%s\"\n",
	   mmu_mode_name(opts.mode), (unsigned long long)(opts.guest_mem >> 20),
	   platform_exit_name(platform_get_exit()),
	   opts.log_level == 0 ? "quiet" : opts.log_level == 2 ? "trace" : "events",
	   opts.guest_cmdline);
	host_init(&host, bi, opts.guest_mem);
	host_switch_stack(hv_run, NULL, host.stack_top.v);
}
