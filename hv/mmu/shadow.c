/*
 * shadow.c - fill, drop and flush shadow page-table entries.
 */
#include "hv/arch.h"
#include "hv/exit.h"
#include "hv/fmt.h"
#include "hv/log.h"
#include "hv/vm.h"
#include "shadow.h"
#include "shadow_rules.h"

/* ---- shadow table pages: taken from the pool, recycled on flush --------- */

static u64 shadow_alloc(void *ctx)
{
	struct vm *vm = ctx;
	struct shadow_state *s = &vm->shadow;
	u64 page = s->free_list;

	if (page) {
		s->free_list = *(u64 *)(uintptr_t)page;
		memset((void *)(uintptr_t)page, 0, PAGE_SIZE);
	} else {
		page = palloc_page(&vm->host->pa).v;
	}
	if (page)
		s->tables++;
	return page;
}

static u64 *host_table(void *ctx, u64 hpa)
{
	(void)ctx;
	return (u64 *)(uintptr_t)hpa;	/* shadow tables are VMM memory */
}

static struct pt_mem shadow_mem(struct vm *vm)
{
	return (struct pt_mem){ host_table, shadow_alloc, vm };
}

/* Returns every table below `table` to the free list. */
static void release(struct vm *vm, u64 table, int level)
{
	u64 *t = (u64 *)(uintptr_t)table;
	for (int i = 0; i < PT_ENTRIES && level > 1; i++) {
		if (!(t[i] & IA32E_P))
			continue;
		u64 child = t[i] & PT_ADDR_MASK;
		release(vm, child, level - 1);
		*(u64 *)(uintptr_t)child = vm->shadow.free_list;
		vm->shadow.free_list = child;
		vm->shadow.tables--;
	}
	memset(t, 0, PAGE_SIZE);
}

void shadow_flush(struct vm *vm, const char *why)
{
	u64 before = vm->shadow.tables;
	release(vm, vm->shadow.root.v, PT_LEVELS);
	vm->stats.shadow_tables_dropped += before - vm->shadow.tables;
	if (why)
		pr("shadow: flush (%s) dropped %llu tables\n", why,
		   (unsigned long long)(before - vm->shadow.tables));
}

void shadow_init(struct vm *vm, u64 guest_cr3)
{
	vm->shadow.root = HPA(shadow_alloc(vm));
	vm->shadow.guest_cr3 = guest_cr3;
	if (!vm->shadow.root.v)
		panic("shadow: out of memory for the shadow root\n");
	pr("shadow: root hpa=0x%llx for guest cr3=0x%llx (empty: filled on #PF)\n",
	   (unsigned long long)vm->shadow.root.v, (unsigned long long)guest_cr3);
}

hpa_t shadow_cr3_load(struct vcpu *v, u64 guest_cr3)
{
	struct vm *vm = v->vm;
	u64 before = vm->shadow.tables;

	vm->stats.shadow_cr3_loads++;
	release(vm, vm->shadow.root.v, PT_LEVELS);
	vm->stats.shadow_tables_dropped += before - vm->shadow.tables;
	pr("shadow: cr3 load guest=0x%llx -> shadow root=0x%llx (flushed %llu tables)\n",
	   (unsigned long long)guest_cr3, (unsigned long long)vm->shadow.root.v,
	   (unsigned long long)(before - vm->shadow.tables));
	vm->shadow.guest_cr3 = guest_cr3;
	return vm->shadow.root;
}

u64 mmu_guest_cr3(struct vcpu *v)
{
	return v->vm->shadow.guest_cr3;
}

/* ---- the guest's own tables, read through the guest-RAM map ------------- */

static u64 *guest_table(void *ctx, u64 gpa)
{
	struct vm *vm = ctx;
	hpa_t page;
	enum gram_result r = guest_ram_back(&vm->ram, GPA(gpa & PAGE_MASK), &page);
	if (r == GRAM_OUTSIDE || r == GRAM_NO_MEMORY)
		return NULL;
	return (u64 *)(uintptr_t)(page.v + (gpa & (PAGE_SIZE - 1)));
}

/* Sets A in every entry the walk used, and D in the leaf on a write, as the
 * CPU would have (SDM 4.8). */
static void set_accessed_dirty(struct vm *vm, const struct pt_walk *w, bool dirty)
{
	for (int i = 0; i < w->steps; i++) {
		u64 *e = guest_table(vm, w->entry_addr[i]);
		if (!e)
			continue;
		*e |= IA32E_A;
		if (dirty && i == w->steps - 1)
			*e |= IA32E_D;
	}
}

enum exit_action mmu_guest_page_fault(struct vcpu *v, gva_t gva, u32 error)
{
	struct vm *vm = v->vm;
	struct pt_mem gmem = { guest_table, NULL, vm };
	struct pt_walk w;

	pt_walk(&pt_ia32e, &gmem, vm->shadow.guest_cr3 & PT_ADDR_MASK, gva.v, &w);
	struct shadow_decision d = shadow_decide(&w, guest_access_from_error(error),
						 vcpu_vendor_guest_paging(v));
	if (!d.fill) {
		/* The guest's own tables say no: a real CPU would fault too. */
		vm->stats.shadow_reflected++;
		pr("shadow: reflect #PF gva=0x%llx error=0x%x (%s)\n",
		   (unsigned long long)gva.v, d.pf_error,
		   d.pf_error & PF_P ? "guest forbids the access" :
				       "not mapped by the guest");
		vcpu_vendor_inject_page_fault(v, gva, d.pf_error);
		return EXIT_RETRY;
	}
	gpa_t gpa = GPA(w.pa & PAGE_MASK);
	hpa_t hpa;
	enum gram_result r = guest_ram_back(&vm->ram, gpa, &hpa);
	if (r == GRAM_OUTSIDE || r == GRAM_NO_MEMORY) {
		vm->stats.ept_outside_ram += r == GRAM_OUTSIDE;
		pr("shadow: gva=0x%llx maps gpa=0x%llx outside guest RAM (size=0x%llx): stopping the guest\n",
		   (unsigned long long)gva.v, (unsigned long long)gpa.v,
		   (unsigned long long)vm->ram.size);
		vcpu_vendor_dump_guest(v);
		vm_stop(vm, EXIT_FAIL, "guest touched memory outside its RAM");
		return EXIT_STOP;
	}
	set_accessed_dirty(vm, &w, d.set_dirty);
	struct pt_mem smem = shadow_mem(vm);
	if (!pt_map(&pt_ia32e, &smem, vm->shadow.root.v, gva.v & PAGE_MASK, hpa.v,
		    1, d.shadow_flags)) {
		vm_stop(vm, EXIT_FAIL, "VMM out of memory for shadow tables");
		return EXIT_STOP;
	}
	vm->stats.shadow_fills++;
	pr("shadow: fill gva=0x%llx -> gpa=0x%llx -> hpa=0x%llx %s%s%s%s\n",
	   (unsigned long long)gva.v,
	   (unsigned long long)(gpa.v | (gva.v & (PAGE_SIZE - 1))),
	   (unsigned long long)(hpa.v | (gva.v & (PAGE_SIZE - 1))),
	   d.shadow_flags & IA32E_RW ? "rw" : "ro",
	   d.shadow_flags & IA32E_US ? " user" : " kernel",
	   r == GRAM_NEW ? " (new page)" : "",
	   error & PF_W ? " write" : "");
	return EXIT_RESUME;
}

enum exit_action mmu_invlpg(struct vcpu *v, gva_t gva)
{
	struct vm *vm = v->vm;
	struct pt_mem smem = shadow_mem(vm);
	struct pt_walk w;
	bool cached = pt_walk(&pt_ia32e, &smem, vm->shadow.root.v, gva.v, &w);

	vm->stats.shadow_invlpg++;
	if (cached)
		*(u64 *)(uintptr_t)w.entry_addr[w.steps - 1] = 0;
	pr("shadow: invlpg gva=0x%llx %s\n", (unsigned long long)gva.v,
	   cached ? "dropped the shadow entry" : "(not in the shadow)");
	return EXIT_RESUME;
}
