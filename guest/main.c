/*
 * main.c - hvlab's guest kernel: a small 64-bit OS that does what an OS
 * does with memory, so that the hypervisor has real paging to virtualize.
 *
 *   1. its own GDT, TSS and IDT; then its own page tables (mm.c), with the
 *      kernel in the higher half and nothing in the lower half
 *   2. a memory test on fixed guest-physical pages, checked against the
 *      VMM's own view of them (HC_CHECKSUM_GPA)
 *   3. a live kernel mapping changed and seen after INVLPG
 *   4. user processes, each in its own address space, with demand-paged
 *      heap and stack: the self-check table in selftest.c, or a workload
 *   5. one verdict and checksum to the VMM by VMCALL
 *
 * Guest command line (after "--" in hvlab's boot options):
 *   workload=spawn|pfstorm|ctxswitch|wset [n=N]   a benchmark workload
 *   fault=ud            execute UD2: the kernel's #UD handler reports it
 *   fault=ud-noidt      execute UD2 with no IDT: the VMM must catch the #DF
 *   fault=pf            read an unmapped kernel address: #PF handler reports
 *   fault=cr4           set a CR4 bit no CPU has (the VMM injects #GP)
 *   fault=outside-ram   map and read a guest-physical page beyond RAM
 */
#include "abi/checksum.h"
#include "abi/guest_boot.h"
#include "abi/hypercall.h"
#include "console.h"
#include "cpu.h"
#include "hv/fmt.h"
#include "kernel.h"
#include "mm.h"
#include "pattern.h"
#include "selftest.h"
#include "trap.h"
#include "x86.h"

const struct guest_boot_info *boot_info;
extern char __kernel_end[];

#define MEMTEST_KVA   0xffffff8040000000ull	/* where the kernel maps them */
#define OUTSIDE_KVA   0xffffff8000400000ull
#define UNMAPPED_KVA  0xffffff8000800000ull	/* never mapped */

void bare_report(int pass, u64 checksum) __attribute__((noreturn));

static bool bare(void)
{
	return boot_info && boot_info->host_mode == GUEST_BARE;
}

void report(int pass, unsigned long long checksum)
{
	kprintf("result: %s checksum=0x%llx\n", pass ? "pass" : "fail", checksum);
	if (bare())
		bare_report(pass, checksum);	/* VMCALL would be #UD here */
	vmcall(HC_REPORT_RESULT, pass ? 1 : 0, checksum, 0);
	for (;;)	/* the VMM never resumes us after a result */
		__asm__ volatile("cli; hlt");
}

static void show_cpuid(void)
{
	u32 r[4];
	char sig[13];
	cpuid(1, r);
	bool vmx = r[2] & BIT(5), hv = r[2] & BIT(31);
	cpuid(0x40000000, r);
	memcpy(sig, &r[1], 4);
	memcpy(sig + 4, &r[2], 4);
	memcpy(sig + 8, &r[3], 4);
	sig[12] = '\0';
	kprintf("cpuid: vmx=%d hypervisor=%d signature=%s\n", vmx, hv,
		hv ? sig : "none");
	if (hv && str_cmp(sig, "hvlabhvlabhv") == 0) {
		console_use_hypercalls();
		kprintf("console: under hvlab: one hypercall per line from here on\n");
	}
}

/* The deliberate mistakes the tests use to prove they are caught. */
static void deliberate_fault(const char *cmdline)
{
	if (str_cmp(cmdline, "fault=outside-ram") == 0) {
		u64 gpa = boot_info->ram_size + MiB(16);
		mm_map(kernel_pml4, OUTSIDE_KVA, gpa, IA32E_P | IA32E_RW);
		kprintf("fault: reading va=0x%llx -> gpa=0x%llx, beyond guest RAM\n",
			(unsigned long long)OUTSIDE_KVA, (unsigned long long)gpa);
		(void)*(volatile u64 *)(uintptr_t)OUTSIDE_KVA;
	} else if (str_cmp(cmdline, "fault=cr4") == 0) {
		u64 cr4;
		__asm__ volatile("mov %%cr4, %0" : "=r"(cr4));
		kprintf("fault: setting reserved CR4 bit 31 (cr4 was 0x%llx)\n",
			(unsigned long long)cr4);
		__asm__ volatile("mov %0, %%cr4" : : "r"(cr4 | BIT(31)));
	} else if (str_cmp(cmdline, "fault=ud") == 0) {
		kprintf("fault: executing UD2\n");
		__asm__ volatile("ud2");
	} else if (str_cmp(cmdline, "fault=ud-noidt") == 0) {
		trap_disable();
		kprintf("fault: executing UD2 with no IDT\n");
		__asm__ volatile("ud2");
	} else if (str_cmp(cmdline, "fault=pf") == 0) {
		kprintf("fault: reading unmapped va=0x%llx\n",
			(unsigned long long)UNMAPPED_KVA);
		(void)*(volatile u64 *)(uintptr_t)UNMAPPED_KVA;
	}
}

/* 16 fixed guest-physical pages, mapped at MEMTEST_KVA: write a pattern,
 * read it back, and compare the checksum with the VMM's view. */
static bool memtest(u64 *checksum)
{
	u64 bad = 0, h = CHECKSUM_INIT;
	for (u64 p = 0; p < MEMTEST_PAGES; p++)
		if (!mm_map(kernel_pml4, MEMTEST_KVA + p * PAGE_SIZE,
			    MEMTEST_GPA + p * PAGE_SIZE, IA32E_P | IA32E_RW))
			return false;
	for (u64 p = 0; p < MEMTEST_PAGES; p++) {
		u64 *w = (u64 *)(uintptr_t)(MEMTEST_KVA + p * PAGE_SIZE);
		for (u64 i = 0; i < PAGE_SIZE / 8; i++)
			w[i] = pattern_word(p, i);
	}
	for (u64 p = 0; p < MEMTEST_PAGES; p++) {
		const u64 *w = (const u64 *)(uintptr_t)(MEMTEST_KVA + p * PAGE_SIZE);
		for (u64 i = 0; i < PAGE_SIZE / 8; i++)
			bad += w[i] != pattern_word(p, i);
		h = checksum_update(h, w, PAGE_SIZE);
	}
	kprintf("memtest: wrote and read %d pages at va=0x%llx (gpa=0x%llx) mismatches=%llu\n",
		MEMTEST_PAGES, (unsigned long long)MEMTEST_KVA,
		(unsigned long long)MEMTEST_GPA, (unsigned long long)bad);
	if (bare()) {
		kprintf("memtest: checksum guest=0x%llx (no hypervisor to compare with)\n",
			(unsigned long long)h);
		*checksum = h;
		return bad == 0;
	}
	u64 vmm = vmcall(HC_CHECKSUM_GPA, MEMTEST_GPA, MEMTEST_PAGES * PAGE_SIZE, 0);
	kprintf("memtest: checksum guest=0x%llx vmm=0x%llx %s\n",
		(unsigned long long)h, (unsigned long long)vmm,
		h == vmm ? "(same bytes)" : "(DIFFERENT)");
	*checksum = h;
	return bad == 0 && h == vmm;
}

void guest_main(u64 boot_info_gpa);
void guest_main(u64 boot_info_gpa)
{
	boot_info = phys_to_virt(boot_info_gpa);
	console_init();	/* again in bare mode: harmless */
	cpu_init();
	trap_init();
	if (boot_info->magic != GUEST_BOOT_MAGIC) {
		kprintf("hello: bad boot info magic 0x%llx\n",
			(unsigned long long)boot_info->magic);
		report(0, 0);
	}
	kprintf("hello: hvlab guest kernel ram=%lluM cmdline=\"%s\"\n",
		(unsigned long long)(boot_info->ram_size >> 20), boot_info->cmdline);
	show_cpuid();
	mm_init(boot_info->ram_size, virt_to_phys(__kernel_end));
	frame_reserve(&frames, MEMTEST_GPA, MEMTEST_PAGES * PAGE_SIZE);
	deliberate_fault(boot_info->cmdline);

	u64 sum_mem = 0, sum_procs = 0;
	bool ok = memtest(&sum_mem);
	ok &= selftest_remap();
	if (str_ncmp(boot_info->cmdline, "workload=", 9) == 0) {
		ok &= workload_run(boot_info->cmdline, &sum_procs);
	} else {
		u64 t0 = rdtsc();
		ok &= selftest_processes(&sum_procs);
		kprintf("workload: name=selfcheck phase=run ticks=%llu processes=8 killed=2\n",
			(unsigned long long)(rdtsc() - t0));
	}
	u64 h = checksum_update(CHECKSUM_INIT, &sum_mem, sizeof(sum_mem));
	h = checksum_update(h, &sum_procs, sizeof(sum_procs));
	kprintf("selftest: memtest=0x%llx processes=0x%llx frames-free=%llu %s\n",
		(unsigned long long)sum_mem, (unsigned long long)sum_procs,
		(unsigned long long)frames.free, ok ? "all ok" : "FAILED");
	report(ok, h);
}
