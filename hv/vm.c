/*
 * vm.c - create the VM: guest RAM, EPT, and the guest's boot environment.
 */
#include "fmt.h"
#include "guest/abi/guest_boot.h"
#include "log.h"
#include "mmu/mmu.h"
#include "stats.h"
#include "mmu/paging.h"
#include "vm.h"

/* The guest kernel image, embedded by hv/guest_image.asm. */
extern const u8 guest_image_start[], guest_image_end[];

/* Writes into guest memory at load time and maps the pages in the EPT right
 * away: the VMM putting the guest in place is not the guest's first touch. */
static void load(struct vm *vm, u64 gpa, const void *src, u64 n, const char *what)
{
	if (!guest_ram_write(&vm->ram, GPA(gpa), src, n))
		panic("vm: cannot load %s at gpa=0x%llx (guest RAM 0x%llx bytes)\n",
		      what, (unsigned long long)gpa,
		      (unsigned long long)vm->ram.size);
	for (u64 a = ALIGN_DOWN(gpa, PAGE_SIZE); a < gpa + n; a += PAGE_SIZE) {
		hpa_t h = guest_ram_lookup(&vm->ram, GPA(a));
		mmu_map_loaded_page(vm, GPA(a), h);
	}
	pr("vm: load %s gpa=0x%llx-0x%llx -> hpa=0x%llx...\n", what,
	   (unsigned long long)gpa, (unsigned long long)(gpa + n),
	   (unsigned long long)(guest_ram_lookup(&vm->ram, GPA(gpa)).v |
				(gpa & (PAGE_SIZE - 1))));
}

/* Identity map of the first 1 GiB of guest-physical space with 2 MiB pages:
 * enough for the guest to run until it loads its own CR3.  The tables are
 * composed in one scratch host page, then copied into guest memory. */
static void load_boot_page_tables(struct vm *vm)
{
	u64 *t = hpa_ptr(palloc_page(&vm->host->pa));
	u64 flags = IA32E_P | IA32E_RW;

	if (!t)
		panic("vm: out of memory\n");
	/* PML4[0] -> identity; PML4[511] -> the higher half, whose PDPT entry
	 * 510 (0xffffffff80000000) reuses the same PD. */
	t[0] = GUEST_BOOT_PDPT_GPA | flags;
	t[pt_index(GUEST_KERNEL_BASE, 4)] = GUEST_BOOT_PDPT_HI_GPA | flags;
	load(vm, GUEST_BOOT_PML4_GPA, t, PAGE_SIZE, "boot-pml4");
	memset(t, 0, PAGE_SIZE);
	t[pt_index(GUEST_KERNEL_BASE, 3)] = GUEST_BOOT_PD_GPA | flags;
	load(vm, GUEST_BOOT_PDPT_HI_GPA, t, PAGE_SIZE, "boot-pdpt-high");
	memset(t, 0, PAGE_SIZE);
	t[0] = GUEST_BOOT_PD_GPA | flags;
	load(vm, GUEST_BOOT_PDPT_GPA, t, PAGE_SIZE, "boot-pdpt");
	for (u64 i = 0; i < PT_ENTRIES; i++)
		t[i] = (i << 21) | flags | IA32E_PS;
	load(vm, GUEST_BOOT_PD_GPA, t, PAGE_SIZE, "boot-pd");
}

static void load_boot_gdt(struct vm *vm)
{
	u64 tss_base = GUEST_BOOT_TSS_GPA, tss_limit = 0x67;
	u64 gdt[5] = {
		0,
		0x00af9b000000ffffull,	/* 0x08: 64-bit code, accessed */
		0x00cf93000000ffffull,	/* 0x10: data, accessed */
		/* 0x18: 64-bit TSS, busy (type 11), as VM entry requires */
		(tss_limit & 0xffff) | ((tss_base & 0xffffff) << 16) |
			(0x8bull << 40) | (((tss_base >> 24) & 0xff) << 56),
		tss_base >> 32,
	};
	u8 tss[0x68] = { 0 };

	load(vm, GUEST_BOOT_GDT_GPA, gdt, sizeof(gdt), "boot-gdt");
	load(vm, GUEST_BOOT_TSS_GPA, tss, sizeof(tss), "boot-tss");
}

static void load_boot_info(struct vm *vm)
{
	struct guest_boot_info gbi = {
		.magic = GUEST_BOOT_MAGIC,
		.ram_size = vm->ram.size,
		.host_mode = vm->mode == MMU_MODE_SHADOW ? GUEST_UNDER_SHADOW :
							   GUEST_UNDER_EPT,
	};
	str_copy(gbi.cmdline, vm->opt->guest_cmdline, sizeof(gbi.cmdline));
	load(vm, GUEST_BOOT_INFO_GPA, &gbi, sizeof(gbi), "boot-info");
}

void vm_init(struct vm *vm, struct host *h, const struct options *o,
	     const struct cpu_caps *caps)
{
	u64 image_size = (u64)(guest_image_end - guest_image_start);

	memset(vm, 0, sizeof(*vm));
	vm->host = h;
	vm->opt = o;
	vm->caps = caps;
	vm->mode = o->mode;
	vm->vcpu.vm = vm;
	vm->counters.pending = EV_NONE;
	if (!guest_ram_init(&vm->ram, &h->pa, o->guest_mem))
		panic("vm: out of memory for the guest-RAM map\n");
	pr("vm: guest RAM gpa=0x0-0x%llx (%llu MiB), backed on first touch\n",
	   (unsigned long long)vm->ram.size,
	   (unsigned long long)(vm->ram.size >> 20));
	mmu_init(vm, GUEST_BOOT_PML4_GPA);
	load_boot_gdt(vm);
	load_boot_page_tables(vm);
	load_boot_info(vm);
	const struct guest_image_header *hdr = (const void *)guest_image_start;
	if (image_size < sizeof(*hdr) || hdr->magic != GUEST_IMAGE_MAGIC)
		panic("vm: the embedded guest image has no valid header\n");
	load(vm, GUEST_LOAD_GPA, guest_image_start, image_size, "guest-kernel");
	vm->guest_entry = GVA(hdr->entry);
	pr("vm: guest entry gva=0x%llx\n", (unsigned long long)hdr->entry);
}

void vm_print_stats(struct vm *vm, const char *when)
{
	char row[200];
	struct vm_counters *c = &vm->counters;

	pr("stats: table (%s) mode=%s\n", when, mmu_mode_name(vm->mode));
	for (unsigned r = 0; r < STAT_EXIT_MAX; r++) {
		if (!c->exit[r].count)
			continue;
		stats_format_exit(row, sizeof(row), r, vcpu_vendor_exit_name(r),
				  &c->exit[r]);
		pr("%s\n", row);
	}
	for (int e = 0; e < EV_COUNT; e++) {
		bool shadow_event = e != EV_EPT_VIOLATION;
		if ((vm->mode == MMU_MODE_SHADOW) != shadow_event)
			continue;
		stats_format_event(row, sizeof(row), (enum vm_event)e,
				   &c->event[e]);
		pr("%s\n", row);
	}
	log_report_dropped();
	pr("stats: total exits=%llu vmm-cycles=%llu\n",
	   (unsigned long long)c->exits, (unsigned long long)c->cycles);

	struct mmu_table_count t = mmu_count_tables(vm);
	char guest[64] = "guest-pages=unreported guest-roots=unreported";
	if (vm->guest_pt_reported)
		fmt_snprintf(guest, sizeof(guest), "guest-pages=%llu guest-roots=%llu",
			     (unsigned long long)vm->guest_pt_pages,
			     (unsigned long long)vm->guest_pt_roots);
	pr("stats: page-tables %s %s-pages=%llu %s-roots=%llu\n", guest,
	   vm->mode == MMU_MODE_SHADOW ? "shadow" : "ept",
	   (unsigned long long)t.pages, vm->mode == MMU_MODE_SHADOW ? "shadow" : "ept",
	   (unsigned long long)t.roots);
}

enum run_status vm_stop(struct vm *vm, enum run_status s, const char *why)
{
	if (!vm->stopped) {
		vm->stopped = true;
		vm->status = s;
		pr("vm: guest stopped status=%s reason=\"%s\"\n",
		   run_status_name(s), why);
	}
	return vm->status;
}
