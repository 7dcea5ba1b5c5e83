/*
 * mmu.c - EPT mode: fill the EPT one page at a time, on EPT violations.
 *
 * The guest's first touch of any guest-physical page finds no EPT entry, and
 * the CPU exits with an EPT violation (SDM 29.3.3.2).  We pick a host page
 * for it (guest_ram.c), add the 4 KiB leaf to the EPT, and let the guest
 * retry the same instruction: no guest RIP change (harness notes).
 */
#include "ept.h"
#include "hv/exit.h"
#include "hv/fmt.h"
#include "hv/log.h"
#include "mmu.h"
#include "walk.h"

/* EPT tables are VMM memory, from the pool. */
static struct pt_mem ept_mem(struct vm *vm)
{
	return palloc_pt_mem(&vm->host->pa);
}

/*
 * ept_pages=2m|1g: the CPU must support that EPT leaf size (IA32_VMX_EPT_
 * VPID_CAP), and the guest's RAM must be backed by host memory that is
 * contiguous and aligned to it, so it is set aside in one block now.  A
 * large EPT page may only cover guest RAM, never beyond it (or the guest
 * would reach memory it does not own): 1g needs RAM in whole GiB.
 * All of guest RAM gets its host memory at once; the EPT entries still
 * appear one large page at a time, on first touch.
 */
static void choose_ept_pages(struct vm *vm)
{
	int want = vm->opt->ept_level;
	u64 size = pt_level_size(want);
	const char *why = NULL;

	vm->ept_level = 1;
	if (want == 1)
		return;
	if ((want == 2 && !vm->caps->nested_2m) || (want == 3 && !vm->caps->nested_1g))
		why = "this CPU's EPT has no pages of that size";
	else if (vm->ram.size % size)
		why = "guest RAM is not a whole number of them";
	else if (!(vm->ept_large_pool = palloc_pages(&vm->host->pa,
						     vm->ram.size >> PAGE_SHIFT,
						     size)).v)
		why = "no aligned block of host memory that large";
	if (why) {
		pr("ept: ept_pages=%s not possible (%s): using 4k pages\n",
		   want == 2 ? "2m" : "1g", why);
		return;
	}
	vm->ept_level = want;
	guest_ram_assign(&vm->ram, GPA(0), vm->ept_large_pool, vm->ram.size);
	pr("ept: %s pages: guest RAM backed by hpa=0x%llx-0x%llx, mapped a large page at a time\n",
	   want == 2 ? "2M" : "1G", (unsigned long long)vm->ept_large_pool.v,
	   (unsigned long long)(vm->ept_large_pool.v + vm->ram.size));
}

/* With large EPT pages: the first touch anywhere in a large region of
 * guest RAM maps the whole region with one EPT entry. */
static bool map_large(struct vm *vm, gpa_t gpa, struct ept_violation *ev,
		      const char *gva_text)
{
	u64 size = pt_level_size(vm->ept_level);
	gpa_t base = GPA(gpa.v & ~(size - 1));
	struct pt_mem m = ept_mem(vm);

	if (vm->ept_level == 1 || gpa.v >= vm->ram.size)
		return false;
	hpa_t hpa = HPA(vm->ept_large_pool.v + base.v);
	if (!pt_map(&pt_ept, &m, vm->ept_root.v, base.v, hpa.v, vm->ept_level,
		    ept_leaf_flags(EPT_RWX)))
		return false;
	pr_event(EV_EPT_VIOLATION, "ept: violation gpa=0x%llx %s access=%s -> hpa=0x%llx (%s page gpa=0x%llx-0x%llx mapped)\n",
	   (unsigned long long)gpa.v, gva_text, ept_access_name(ev),
	   (unsigned long long)(hpa.v + (gpa.v - base.v)),
	   vm->ept_level == 2 ? "2M" : "1G", (unsigned long long)base.v,
	   (unsigned long long)(base.v + size));
	return true;
}

void mmu_init(struct vm *vm, u64 guest_cr3)
{
	if (vm->mode == MMU_MODE_SHADOW) {
		shadow_init(vm, guest_cr3);
		return;
	}
	vm->ept_root = palloc_page(&vm->host->pa);
	if (!vm->ept_root.v)
		panic("ept: out of memory for the EPT root\n");
	choose_ept_pages(vm);
	pr("ept: root hpa=0x%llx (empty: guest pages are mapped on first touch)\n",
	   (unsigned long long)vm->ept_root.v);
}

static bool ept_map(struct vm *vm, gpa_t gpa, hpa_t hpa)
{
	struct pt_mem m = ept_mem(vm);
	return pt_map(&pt_ept, &m, vm->ept_root.v, gpa.v & PAGE_MASK, hpa.v, 1,
		      ept_leaf_flags(EPT_RWX));
}

void mmu_map_loaded_page(struct vm *vm, gpa_t gpa, hpa_t hpa)
{
	if (vm->ept_level > 1)
		return;		/* mapped a large page at a time, on first touch */
	if (vm->mode == MMU_MODE_SHADOW)
		return;		/* the shadow fills itself on first use */
	if (!ept_map(vm, gpa, hpa))
		panic("ept: cannot map gpa=0x%llx\n", (unsigned long long)gpa.v);
}

enum exit_action mmu_nested_fault(struct vcpu *v, gpa_t gpa, gva_t gva,
				  bool gva_valid, u64 qualification)
{
	struct vm *vm = v->vm;
	struct ept_violation ev = ept_decode_violation(qualification);
	char gva_text[32] = "gva=none";
	hpa_t hpa;

	vm->counters.pending = EV_EPT_VIOLATION;
	if (gva_valid)
		fmt_snprintf(gva_text, sizeof(gva_text), "gva=0x%llx",
			     (unsigned long long)gva.v);

	if (map_large(vm, gpa, &ev, gva_text)) {
		vcpu_vendor_flush_nested_tlb(v);
		return EXIT_RESUME;
	}
	switch (guest_ram_back(&vm->ram, gpa, &hpa)) {
	case GRAM_OUTSIDE:
		vm->stats.ept_outside_ram++;
		pr("ept: violation gpa=0x%llx %s access=%s outside guest RAM (size=0x%llx): stopping the guest\n",
		   (unsigned long long)gpa.v, gva_text, ept_access_name(&ev),
		   (unsigned long long)vm->ram.size);
		vcpu_vendor_dump_guest(v);
		vm_stop(vm, EXIT_FAIL, "guest touched memory outside its RAM");
		return EXIT_STOP;
	case GRAM_NO_MEMORY:
		pr("ept: violation gpa=0x%llx: the VMM is out of memory\n",
		   (unsigned long long)gpa.v);
		vm_stop(vm, EXIT_FAIL, "VMM out of memory");
		return EXIT_STOP;
	case GRAM_MAPPED:
		/* Backed but not in the EPT, or present with too few rights:
		 * hvlab maps RAM read/write/execute, so this is a bug. */
		pr("ept: violation gpa=0x%llx %s access=%s on a page already mapped (allowed r=%d w=%d x=%d)\n",
		   (unsigned long long)gpa.v, gva_text, ept_access_name(&ev),
		   ev.was_readable, ev.was_writable, ev.was_executable);
		mmu_dump_nested_path(v, gpa);
		vm_stop(vm, EXIT_FAIL, "unexpected EPT violation");
		return EXIT_STOP;
	case GRAM_NEW:
		break;
	}
	if (!ept_map(vm, gpa, hpa)) {
		pr("ept: out of memory for EPT tables at gpa=0x%llx\n",
		   (unsigned long long)gpa.v);
		vm_stop(vm, EXIT_FAIL, "VMM out of memory");
		return EXIT_STOP;
	}
	pr_event(EV_EPT_VIOLATION, "ept: violation gpa=0x%llx %s access=%s -> hpa=0x%llx (new page)\n",
	   (unsigned long long)gpa.v, gva_text, ept_access_name(&ev),
	   (unsigned long long)(hpa.v | (gpa.v & (PAGE_SIZE - 1))));
	/* Not strictly needed (a not-present entry is never cached, and the
	 * exit itself drops translations for this address, SDM 29.4.3.1),
	 * but it is the rule to follow whenever the EPT changes. */
	vcpu_vendor_flush_nested_tlb(v);
	return EXIT_RESUME;
}

static u64 count_tables(u64 table, int level)
{
	const u64 *t = (const u64 *)(uintptr_t)table;
	u64 n = 1;
	for (int i = 0; i < PT_ENTRIES && level > 1; i++)
		if ((t[i] & EPT_RWX) && !(t[i] & PT_LARGE))
			n += count_tables(t[i] & PT_ADDR_MASK, level - 1);
	return n;
}

struct mmu_table_count mmu_count_tables(struct vm *vm)
{
	if (vm->mode == MMU_MODE_SHADOW) {
		struct mmu_table_count c = { vm->shadow.tables, 0 };
		for (int r = 0; r < SHADOW_ROOTS; r++)
			c.roots += vm->shadow.roots[r].root.v != 0;
		return c;
	}
	return (struct mmu_table_count){ count_tables(vm->ept_root.v, PT_LEVELS), 1 };
}

int mmu_count_walk(struct vcpu *v, gva_t gva)
{
	struct vm *vm = v->vm;
	struct pt_mem m = ept_mem(vm);
	u64 cr3 = vcpu_vendor_hw_cr3(v) & PT_ADDR_MASK;

	if (vm->mode == MMU_MODE_SHADOW) {
		struct walk_2d w = walk_1d(&m, cr3, gva.v);
		pr("walk: gva=0x%llx mode=shadow refs=%d (shadow entries %d) -> hpa=0x%llx%s\n",
		   (unsigned long long)gva.v, w.refs, w.refs,
		   (unsigned long long)w.hpa, w.ok ? "" : " (not in the shadow yet)");
		return w.refs;
	}
	struct walk_2d w = walk_2d(&pt_ept, &m, vm->ept_root.v, cr3, gva.v);
	pr("walk: gva=0x%llx mode=ept refs=%d (guest entries %d, EPT entries %d) -> gpa=0x%llx -> hpa=0x%llx%s\n",
	   (unsigned long long)gva.v, w.refs, w.guest_refs, w.refs - w.guest_refs,
	   (unsigned long long)w.gpa, (unsigned long long)w.hpa,
	   w.ok ? "" : " (incomplete)");
	return w.refs;
}

void mmu_dump_nested_path(struct vcpu *v, gpa_t gpa)
{
	static const char *const level_names[] = { "", "PT", "PD", "PDPT", "PML4" };
	struct pt_mem m = ept_mem(v->vm);
	struct pt_walk w;

	pt_walk(&pt_ept, &m, v->vm->ept_root.v, gpa.v, &w);
	pr("ept: path for gpa=0x%llx (root hpa=0x%llx):\n",
	   (unsigned long long)gpa.v, (unsigned long long)v->vm->ept_root.v);
	for (int i = 0; i < w.steps; i++)
		pr("ept:   %-4s entry at hpa=0x%llx = 0x%016llx\n",
		   level_names[PT_LEVELS - i],
		   (unsigned long long)w.entry_addr[i],
		   (unsigned long long)w.entry[i]);
	if (w.present)
		pr("ept:   -> hpa=0x%llx\n", (unsigned long long)w.pa);
	else
		pr("ept:   -> not present\n");
}
