/*
 * main.c - hvlab's first guest: a tiny 64-bit kernel that does what an OS
 * does with memory, so the VMM has real paging traffic to virtualize.
 *
 *   1. say hello on the serial port, look at CPUID
 *   2. build its own 4-level page tables and load its own CR3
 *   3. the lecture's access: read virtual 0x1000, which it maps to
 *      guest-physical 0xa000 (the VMM log shows the host-physical page)
 *   4. write a pattern over 16 pages, read it back, checksum it, and ask
 *      the VMM for its checksum of the same guest-physical pages
 *   5. report pass/fail and the checksum by VMCALL
 *
 * Guest command line (after "--" in the boot options):
 *   fault=outside-ram   touch a guest-physical page beyond RAM (must stop)
 *   fault=ud            execute UD2: the kernel's #UD handler reports it
 *   fault=ud-noidt      execute UD2 with no IDT: the VMM must catch the #DF
 *   fault=pf            read an unmapped address: the #PF handler reports it
 *   fault=cr4           set a CR4 bit no CPU has (the VMM injects #GP)
 */
#include "abi/checksum.h"
#include "abi/guest_boot.h"
#include "abi/hypercall.h"
#include "console.h"
#include "hv/fmt.h"
#include "hv/mmu/paging.h"
#include "pattern.h"
#include "trap.h"
#include "x86.h"

#define PT_POOL_GPA   0x400000ull	/* the guest's page-table pages */
#define PT_POOL_END   0x500000ull
#define IDENTITY_FROM 0x10000ull	/* boot structures, kernel, pool */
#define IDENTITY_TO   0x600000ull
#define LECTURE_VA    0x1000ull
#define LECTURE_GPA   0xa000ull
#define OUTSIDE_VA    0x50000000ull
#define UNMAPPED_VA   0x60000000ull	/* never mapped by the guest */

struct kernel {
	const struct guest_boot_info *boot;
	u64 pool_next;			/* next free page-table page */
	u64 root;			/* our PML4 (guest-physical) */
};

/* Page-table memory: the pool is identity-mapped in both the VMM's boot
 * tables and ours, so a table's guest-physical address is its pointer. */
static u64 *pool_table(void *ctx, u64 gpa)
{
	(void)ctx;
	return (u64 *)(uintptr_t)gpa;
}

static u64 pool_alloc(void *ctx)
{
	struct kernel *k = ctx;
	if (k->pool_next >= PT_POOL_END)
		return 0;
	u64 page = k->pool_next;
	k->pool_next += PAGE_SIZE;
	memset((void *)(uintptr_t)page, 0, PAGE_SIZE);
	return page;
}

static bool map_page(struct kernel *k, u64 va, u64 gpa)
{
	struct pt_mem m = { pool_table, pool_alloc, k };
	return pt_map(&pt_ia32e, &m, k->root, va, gpa, 1,
		      IA32E_P | IA32E_RW);
}

static bool build_page_tables(struct kernel *k)
{
	k->pool_next = PT_POOL_GPA;
	k->root = pool_alloc(k);
	for (u64 a = IDENTITY_FROM; a < IDENTITY_TO; a += PAGE_SIZE)
		if (!map_page(k, a, a))
			return false;
	if (!map_page(k, LECTURE_VA, LECTURE_GPA))
		return false;
	for (u64 p = 0; p < MEMTEST_PAGES; p++)
		if (!map_page(k, MEMTEST_VA + p * PAGE_SIZE,
			      MEMTEST_GPA + p * PAGE_SIZE))
			return false;
	kprintf("paging: own tables root=0x%llx pages=%llu; loading CR3\n",
		(unsigned long long)k->root,
		(unsigned long long)((k->pool_next - PT_POOL_GPA) / PAGE_SIZE));
	write_cr3(k->root);
	return true;
}

void report(int pass, unsigned long long checksum)
{
	kprintf("result: %s checksum=0x%llx\n", pass ? "pass" : "fail", checksum);
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
}

/* The deliberate mistakes the tests use to prove the VMM catches them. */
static void deliberate_fault(struct kernel *k, const char *cmdline)
{
	if (str_cmp(cmdline, "fault=outside-ram") == 0) {
		u64 gpa = k->boot->ram_size + MiB(16);
		map_page(k, OUTSIDE_VA, gpa);
		invlpg(OUTSIDE_VA);
		kprintf("fault: reading va=0x%llx -> gpa=0x%llx, beyond guest RAM\n",
			(unsigned long long)OUTSIDE_VA, (unsigned long long)gpa);
		(void)*(volatile u64 *)(uintptr_t)OUTSIDE_VA;
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
			(unsigned long long)UNMAPPED_VA);
		(void)*(volatile u64 *)(uintptr_t)UNMAPPED_VA;
	}
}

static bool memtest(u64 *checksum)
{
	u64 bad = 0;
	for (u64 p = 0; p < MEMTEST_PAGES; p++) {
		u64 *w = (u64 *)(uintptr_t)(MEMTEST_VA + p * PAGE_SIZE);
		for (u64 i = 0; i < PAGE_SIZE / 8; i++)
			w[i] = pattern_word(p, i);
	}
	u64 h = CHECKSUM_INIT;
	for (u64 p = 0; p < MEMTEST_PAGES; p++) {
		const u64 *w = (const u64 *)(uintptr_t)(MEMTEST_VA + p * PAGE_SIZE);
		for (u64 i = 0; i < PAGE_SIZE / 8; i++)
			bad += w[i] != pattern_word(p, i);
		h = checksum_update(h, w, PAGE_SIZE);
	}
	kprintf("memtest: wrote and read %d pages at va=0x%llx (gpa=0x%llx) mismatches=%llu\n",
		MEMTEST_PAGES, (unsigned long long)MEMTEST_VA,
		(unsigned long long)MEMTEST_GPA, (unsigned long long)bad);
	u64 vmm = vmcall(HC_CHECKSUM_GPA, MEMTEST_GPA, MEMTEST_PAGES * PAGE_SIZE, 0);
	kprintf("memtest: checksum guest=0x%llx vmm=0x%llx %s\n",
		(unsigned long long)h, (unsigned long long)vmm,
		h == vmm ? "(same bytes)" : "(DIFFERENT)");
	*checksum = h;
	return bad == 0 && h == vmm;
}

void guest_main(const struct guest_boot_info *boot)
{
	struct kernel k = { .boot = boot };
	u64 sum = 0;

	console_init();
	trap_init();
	if (boot->magic != GUEST_BOOT_MAGIC) {
		kprintf("hello: bad boot info magic 0x%llx\n",
			(unsigned long long)boot->magic);
		report(false, 0);
	}
	kprintf("hello: hvlab guest kernel ram=%lluM cmdline=\"%s\"\n",
		(unsigned long long)(boot->ram_size >> 20), boot->cmdline);
	show_cpuid();
	if (!build_page_tables(&k)) {
		kprintf("paging: out of page-table pages\n");
		report(false, 0);
	}
	u64 v = *(volatile u64 *)(uintptr_t)LECTURE_VA;
	kprintf("lecture: read va=0x%llx -> gpa=0x%llx value=0x%llx\n",
		(unsigned long long)LECTURE_VA, (unsigned long long)LECTURE_GPA,
		(unsigned long long)v);
	deliberate_fault(&k, boot->cmdline);
	bool ok = memtest(&sum);
	report(ok && v == 0, sum);
}
