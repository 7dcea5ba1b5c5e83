/*
 * shadow.c - shadow page tables: fill on #PF, write-protect the guest's
 * page tables and apply its writes to them, cache one shadow per CR3.
 *
 * A note on the TLB: hvlab does not enable VPID, so every VM entry and exit
 * drops the CPU's cached translations (SDM 29.4.3.1); a shadow entry we
 * change is therefore in effect from the next VM entry on.
 */
#include "hv/arch.h"
#include "hv/exit.h"
#include "hv/fmt.h"
#include "hv/log.h"
#include "hv/vm.h"
#include "pte_insn.h"
#include "shadow.h"
#include "shadow_rules.h"

/* ---- shadow table pages: taken from the pool, recycled ------------------ */

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

static void shadow_free_page(struct vm *vm, u64 page)
{
	*(u64 *)(uintptr_t)page = vm->shadow.free_list;
	vm->shadow.free_list = page;
	vm->shadow.tables--;
	vm->stats.shadow_tables_dropped++;
}

/* Shadow tables are VMM memory, recycled through the free list. */
static struct pt_mem shadow_mem(struct vm *vm)
{
	return (struct pt_mem){ hpa_table, shadow_alloc, vm };
}

/* Frees every table below entry e of a level-`level` table and clears e. */
static void drop_entry(struct vm *vm, u64 *e, int level)
{
	if (!(*e & IA32E_P))
		return;
	if (level > 1) {
		u64 child = *e & PT_ADDR_MASK;
		u64 *t = (u64 *)(uintptr_t)child;
		for (int i = 0; i < PT_ENTRIES; i++)
			drop_entry(vm, &t[i], level - 1);
		shadow_free_page(vm, child);
	}
	*e = 0;
}

static void clear_root(struct vm *vm, hpa_t root)
{
	u64 *t = hpa_ptr(root);
	for (int i = 0; i < PT_ENTRIES; i++)
		drop_entry(vm, &t[i], PT_LEVELS);
}

/* The shadow entry at `level` that covers gva in root, or NULL when the
 * shadow has no table down to that level. */
static bool guest_walk(struct vm *vm, u64 gva, struct pt_walk *w);
static void set_accessed_dirty(struct vm *vm, const struct pt_walk *w, bool dirty);

static u64 *shadow_entry(hpa_t root, u64 gva, int level)
{
	u64 *t = hpa_ptr(root);
	for (int l = PT_LEVELS; l > level; l--) {
		u64 e = t[pt_index(gva, l)];
		if (!(e & IA32E_P))
			return NULL;
		t = (u64 *)(uintptr_t)(e & PT_ADDR_MASK);
	}
	return &t[pt_index(gva, level)];
}

/* Drops, in every cached shadow, what was built from the guest entry that
 * maps [gva, gva + size of a level-`level` entry). */
static void drop_range(struct vm *vm, u64 gva, int level)
{
	for (int r = 0; r < SHADOW_ROOTS; r++) {
		if (!vm->shadow.roots[r].root.v)
			continue;
		u64 *e = shadow_entry(vm->shadow.roots[r].root, gva, level);
		if (e)
			drop_entry(vm, e, level);
	}
}

void shadow_flush(struct vm *vm, const char *why)
{
	u64 before = vm->shadow.tables;
	for (int r = 0; r < SHADOW_ROOTS; r++)
		if (vm->shadow.roots[r].root.v)
			clear_root(vm, vm->shadow.roots[r].root);
	memset(vm->shadow.mapped_rw, 0, vm->ram.size >> PAGE_SHIFT);
	pr_event(EV_SHADOW_CR3_NEW, "shadow: flush (%s) dropped %llu tables\n", why,
	   (unsigned long long)(before - vm->shadow.tables));
}

/* ---- the cache of roots, one per guest CR3 -------------------------------- */

static struct shadow_root *current_root(struct vm *vm)
{
	return &vm->shadow.roots[vm->shadow.current];
}

void shadow_init(struct vm *vm, u64 guest_cr3)
{
	struct shadow_state *s = &vm->shadow;
	u64 frames = vm->ram.size >> PAGE_SHIFT;
	u64 pages = ALIGN_UP(frames * (1 + 1 + 8), PAGE_SIZE) / PAGE_SIZE;
	u8 *mem = hpa_ptr(palloc_pages(&vm->host->pa, pages, PAGE_SIZE));

	if (!mem)
		panic("shadow: out of memory for the page-table tracking\n");
	s->pt_level = mem;
	s->mapped_rw = mem + frames;
	s->pt_base = (u64 *)(mem + 2 * frames);
	s->roots[0].root = HPA(shadow_alloc(vm));
	s->roots[0].guest_cr3 = guest_cr3 & PT_ADDR_MASK;
	if (!s->roots[0].root.v)
		panic("shadow: out of memory for the shadow root\n");
	pr("shadow: root hpa=0x%llx for guest cr3=0x%llx (empty: filled on #PF; %d roots cached at most)\n",
	   (unsigned long long)s->roots[0].root.v, (unsigned long long)guest_cr3,
	   SHADOW_ROOTS);
}

hpa_t shadow_cr3_load(struct vcpu *v, u64 guest_cr3)
{
	struct vm *vm = v->vm;
	struct shadow_state *s = &vm->shadow;
	u64 pml4 = guest_cr3 & PT_ADDR_MASK;
	int victim = 0;

	for (int r = 0; r < SHADOW_ROOTS; r++) {
		if (s->roots[r].root.v && s->roots[r].guest_cr3 == pml4) {
			s->current = r;
			s->roots[r].last_used = ++s->clock;
			vm->counters.pending = EV_SHADOW_CR3_CACHED;
			pr_event(EV_SHADOW_CR3_CACHED, "shadow: cr3 load guest=0x%llx -> shadow root=0x%llx (cached)\n",
			   (unsigned long long)guest_cr3,
			   (unsigned long long)s->roots[r].root.v);
			return s->roots[r].root;
		}
		if (!s->roots[r].root.v ||
		    (s->roots[victim].root.v &&
		     s->roots[r].last_used < s->roots[victim].last_used))
			victim = r;
	}
	struct shadow_root *sr = &s->roots[victim];
	if (sr->root.v) {
		u64 before = s->tables;
		clear_root(vm, sr->root);
		vm->stats.shadow_evictions++;
		pr_event(EV_SHADOW_CR3_NEW, "shadow: evict root=0x%llx of guest cr3=0x%llx (cache full) dropped %llu tables\n",
		   (unsigned long long)sr->root.v, (unsigned long long)sr->guest_cr3,
		   (unsigned long long)(before - s->tables));
	} else {
		sr->root = HPA(shadow_alloc(vm));
		if (!sr->root.v)
			panic("shadow: out of memory for a shadow root\n");
	}
	sr->guest_cr3 = pml4;
	sr->last_used = ++s->clock;
	vm->counters.pending = EV_SHADOW_CR3_NEW;
	s->current = victim;
	pr_event(EV_SHADOW_CR3_NEW, "shadow: cr3 load guest=0x%llx -> shadow root=0x%llx (new)\n",
	   (unsigned long long)guest_cr3, (unsigned long long)sr->root.v);
	return sr->root;
}

u64 mmu_guest_cr3(struct vcpu *v)
{
	return current_root(v->vm)->guest_cr3;
}

/* ---- the guest's own tables, read through the guest-RAM map ------------- */

static u64 *guest_ptr(struct vm *vm, u64 gpa)
{
	hpa_t page;
	enum gram_result r = guest_ram_back(&vm->ram, GPA(gpa & PAGE_MASK), &page);
	if (r == GRAM_OUTSIDE || r == GRAM_NO_MEMORY)
		return NULL;
	return (u64 *)(uintptr_t)(page.v + (gpa & (PAGE_SIZE - 1)));
}

static u64 *guest_table(void *ctx, u64 gpa)
{
	return guest_ptr(ctx, gpa);
}

static bool guest_walk(struct vm *vm, u64 gva, struct pt_walk *w)
{
	struct pt_mem gmem = { guest_table, NULL, vm };
	return pt_walk(&pt_ia32e, &gmem, current_root(vm)->guest_cr3, gva, w);
}

/* Sets A in every entry the walk used, and D in the leaf on a write, as the
 * CPU would have (SDM 4.8).  These are the VMM's writes, not trapped. */
static void set_accessed_dirty(struct vm *vm, const struct pt_walk *w, bool dirty)
{
	for (int i = 0; i < w->steps; i++) {
		u64 *e = guest_ptr(vm, w->entry_addr[i]);
		if (!e)
			continue;
		*e |= IA32E_A;
		if (dirty && i == w->steps - 1)
			*e |= IA32E_D;
	}
}

/* ---- write protection of guest page tables ---------------------------- */

/* Clears R/W in every shadow leaf that maps host page hpa. */
static void write_protect(struct vm *vm, u64 table, int level, u64 hpa)
{
	u64 *t = (u64 *)(uintptr_t)table;
	for (int i = 0; i < PT_ENTRIES; i++) {
		if (!(t[i] & IA32E_P))
			continue;
		if (level > 1)
			write_protect(vm, t[i] & PT_ADDR_MASK, level - 1, hpa);
		else if ((t[i] & PT_ADDR_MASK) == hpa)
			t[i] &= ~IA32E_RW;
	}
}

/* A guest page found in a walk holds a page table: from now on no shadow
 * may let the guest write it without the VMM seeing the write. */
static void track_tables(struct vm *vm, const struct pt_walk *w, u64 gva)
{
	struct shadow_state *s = &vm->shadow;
	for (int i = 0; i < w->steps; i++) {
		u64 gpa = w->entry_addr[i] & PAGE_MASK;
		u64 f = gpa >> PAGE_SHIFT;
		int level = PT_LEVELS - i;
		if (gpa >= vm->ram.size || s->pt_level[f])
			continue;
		s->pt_level[f] = (u8)level;
		s->pt_base[f] = level == PT_LEVELS ? 0 :
				gva & ~(pt_level_size(level + 1) - 1);
		vm->stats.shadow_protects++;
		if (s->mapped_rw[f]) {
			hpa_t h = guest_ram_lookup(&vm->ram, GPA(gpa));
			for (int r = 0; r < SHADOW_ROOTS; r++)
				if (s->roots[r].root.v)
					write_protect(vm, s->roots[r].root.v,
						      PT_LEVELS, h.v);
			s->mapped_rw[f] = 0;
		}
		pr_event(EV_SHADOW_PT_WRITE, "shadow: protect gpa=0x%llx (the guest's level-%d page table for gva 0x%llx...)\n",
		   (unsigned long long)gpa, level, (unsigned long long)s->pt_base[f]);
	}
}

/* Drops what every shadow built from guest table frame f (all of it). */
static void drop_table(struct vm *vm, u64 f)
{
	struct shadow_state *s = &vm->shadow;
	int level = s->pt_level[f];

	if (level == PT_LEVELS) {	/* a PML4: that address space's root */
		for (int r = 0; r < SHADOW_ROOTS; r++)
			if (s->roots[r].root.v &&
			    s->roots[r].guest_cr3 == f << PAGE_SHIFT)
				clear_root(vm, s->roots[r].root);
	} else {
		drop_range(vm, s->pt_base[f], level + 1);
	}
}

/* The guest writes one of its page tables with something other than an
 * 8-byte store: it is using the page as data now (a freed table being
 * cleared, say).  Stop treating it as a table. */
static void unprotect(struct vcpu *v, u64 gpa, u64 gva, const struct pte_insn *in)
{
	struct vm *vm = v->vm;
	u64 f = gpa >> PAGE_SHIFT;

	pr_event(EV_SHADOW_PT_WRITE, "shadow: unprotect gpa=0x%llx (written with a %u-byte %s: no longer a page table)\n",
	   (unsigned long long)(gpa & PAGE_MASK), in->size,
	   pte_insn_name(in->kind));
	drop_table(vm, f);
	vm->shadow.pt_level[f] = 0;
	vm->stats.shadow_unprotects++;
	u64 *e = shadow_entry(current_root(vm)->root, gva, 1);
	if (e)
		*e = 0;		/* refilled writable on the retry */
}

/* Reads up to n instruction bytes at guest rip (they may span two pages). */
static unsigned fetch_insn(struct vm *vm, u64 rip, u8 *buf, unsigned n)
{
	unsigned got = 0;
	while (got < n) {
		struct pt_walk w;
		if (!guest_walk(vm, rip + got, &w))
			break;
		const u8 *p = (const u8 *)guest_ptr(vm, w.pa);
		if (!p)
			break;
		unsigned in_page = PAGE_SIZE - ((rip + got) & (PAGE_SIZE - 1));
		for (unsigned i = 0; i < in_page && got < n; i++)
			buf[got++] = p[i];
	}
	return got;
}

/*
 * The guest just made a PTE present in the address space it runs on: add
 * the same translation to the shadow now, so that the access the guest is
 * about to retry does not fault a second time.  (Both tables get the entry:
 * the guest's by the emulated write, ours here.)  The guest's A bits are
 * set now, as if accessed.
 */
static void prefill(struct vcpu *v, u64 gva, u64 pt_gpa)
{
	struct vm *vm = v->vm;
	struct pt_walk w;

	if (!guest_walk(vm, gva, &w) || w.leaf_level != 1 ||
	    (w.entry_addr[w.steps - 1] & PAGE_MASK) != (pt_gpa & PAGE_MASK))
		return;		/* not reachable through this table from here */
	bool user = true;
	for (int i = 0; i < w.steps; i++)
		user &= (w.entry[i] & IA32E_US) != 0;
	struct shadow_decision d = shadow_decide(
		&w, (struct guest_access){ .user = user },
		vcpu_vendor_guest_paging(v));
	hpa_t hpa;
	enum gram_result r = guest_ram_back(&vm->ram, GPA(w.pa & PAGE_MASK), &hpa);
	if (!d.fill || r == GRAM_OUTSIDE || r == GRAM_NO_MEMORY)
		return;
	if (vm->shadow.pt_level[w.pa >> PAGE_SHIFT])
		d.shadow_flags &= ~IA32E_RW;
	struct pt_mem smem = shadow_mem(vm);
	if (!pt_map(&pt_ia32e, &smem, current_root(vm)->root.v, gva, hpa.v, 1,
		    d.shadow_flags))
		return;
	set_accessed_dirty(vm, &w, false);
	if (d.shadow_flags & IA32E_RW)
		vm->shadow.mapped_rw[w.pa >> PAGE_SHIFT] = 1;
	vm->stats.shadow_prefills++;
	pr_event(EV_SHADOW_PT_WRITE, "shadow: added to the shadow too: gva=0x%llx -> gpa=0x%llx -> hpa=0x%llx %s%s\n",
	   (unsigned long long)gva, (unsigned long long)(w.pa & PAGE_MASK),
	   (unsigned long long)hpa.v, d.shadow_flags & IA32E_RW ? "rw" : "ro",
	   d.shadow_flags & IA32E_US ? " user" : " kernel");
}

/* Performs the guest's write to its page table at gpa (SDM vol. 2 for the
 * semantics of each form), then drops the shadow entries built from the
 * entry it changed. */
static enum exit_action emulate_pt_write(struct vcpu *v, u64 gva, u64 gpa)
{
	struct vm *vm = v->vm;
	u64 *g = v->regs.gpr;
	u8 bytes[15];
	u64 rip = vcpu_vendor_get_rip(v);
	unsigned n = fetch_insn(vm, rip, bytes, sizeof(bytes));
	struct pte_insn in = pte_insn_decode(bytes, n);

	if (in.kind == PTE_INSN_UNKNOWN || !in.mem ||
	    (in.kind != PTE_INSN_MOV_IMM && in.kind != PTE_INSN_STOS &&
	     in.reg == RSP)) {
		pr("shadow: page-table write at gva=0x%llx by an instruction hvlab does not emulate: rip=0x%llx bytes=%02x %02x %02x %02x %02x %02x\n",
		   (unsigned long long)gva, (unsigned long long)rip, bytes[0],
		   bytes[1], bytes[2], bytes[3], bytes[4], bytes[5]);
		vcpu_vendor_dump_guest(v);
		vm_stop(vm, EXIT_FAIL, "unemulated page-table write");
		return EXIT_STOP;
	}
	if (in.size != 8 || (gpa & 7)) {
		unprotect(v, gpa, gva, &in);
		return EXIT_RETRY;	/* the guest redoes it on a writable page */
	}

	u64 *dst = guest_ptr(vm, gpa);
	u64 old = *dst, src;
	switch (in.kind) {
	case PTE_INSN_MOV_IMM: src = in.imm; break;
	case PTE_INSN_STOS: src = g[RAX]; break;
	default: src = g[in.reg]; break;
	}
	u64 new = src;
	if (in.kind == PTE_INSN_CMPXCHG) {
		u64 fl = vcpu_vendor_get_rflags(v) & ~(u64)RFLAGS_ZF_BIT;
		if (old == g[RAX])
			fl |= RFLAGS_ZF_BIT;
		else
			new = old, g[RAX] = old;
		vcpu_vendor_set_rflags(v, fl);
	}
	*dst = new;
	if (in.kind == PTE_INSN_XCHG)
		g[in.reg] = old;

	u64 f = gpa >> PAGE_SHIFT;
	int level = vm->shadow.pt_level[f];
	u64 index = (gpa & (PAGE_SIZE - 1)) / 8;
	vm->counters.pending = EV_SHADOW_PT_WRITE;
	pr_event(EV_SHADOW_PT_WRITE, "shadow: pt write gva=0x%llx gpa=0x%llx level=%d index=%llu old=0x%llx new=0x%llx (%s)\n",
	   (unsigned long long)gva, (unsigned long long)gpa, level,
	   (unsigned long long)index, (unsigned long long)old,
	   (unsigned long long)new, pte_insn_name(in.kind));
	if (old != new) {
		if (level == PT_LEVELS) {
			/* entry index of a PML4: in the roots built from it */
			u64 span = pt_level_size(PT_LEVELS);
			u64 e_gva = index * span;
			if (index >= PT_ENTRIES / 2)
				e_gva |= 0xffff000000000000ull;	/* canonical */
			for (int r = 0; r < SHADOW_ROOTS; r++)
				if (vm->shadow.roots[r].root.v &&
				    vm->shadow.roots[r].guest_cr3 == (gpa & PAGE_MASK))
					drop_entry(vm, shadow_entry(vm->shadow.roots[r].root,
								    e_gva, PT_LEVELS),
						   PT_LEVELS);
		} else {
			u64 e_gva = vm->shadow.pt_base[f] + index * pt_level_size(level);
			drop_range(vm, e_gva, level);
			if (level == 1 && (new & IA32E_P))
				prefill(v, e_gva, gpa);
		}
	}
	bool again = false;
	if (in.kind == PTE_INSN_STOS) {
		bool down = vcpu_vendor_get_rflags(v) & RFLAGS_DF_BIT;
		g[RDI] += down ? (u64)-8 : 8;
		if (in.rep)
			again = --g[RCX] != 0;
	}
	if (!again)
		vcpu_vendor_set_rip(v, rip + in.len);
	return EXIT_RETRY;	/* RIP already where it must be */
}

/* ---- the #PF exit ------------------------------------------------------- */

static enum exit_action reflect(struct vcpu *v, gva_t gva, u32 error)
{
	v->vm->counters.pending = EV_SHADOW_REFLECT;
	pr_event(EV_SHADOW_REFLECT, "shadow: reflect #PF gva=0x%llx error=0x%x (%s)\n",
	   (unsigned long long)gva.v, error,
	   error & PF_P ? "guest forbids the access" : "not mapped by the guest");
	vcpu_vendor_inject_page_fault(v, gva, error);
	return EXIT_RETRY;
}

enum exit_action mmu_guest_page_fault(struct vcpu *v, gva_t gva, u32 error)
{
	struct vm *vm = v->vm;
	struct pt_walk w;

	guest_walk(vm, gva.v, &w);
	struct shadow_decision d = shadow_decide(&w, guest_access_from_error(error),
						 vcpu_vendor_guest_paging(v));
	if (!d.fill)
		return reflect(v, gva, d.pf_error);	/* the guest's own fault */

	gpa_t gpa = GPA(w.pa);
	hpa_t hpa;
	enum gram_result r = guest_ram_back(&vm->ram, GPA(gpa.v & PAGE_MASK), &hpa);
	if (r == GRAM_OUTSIDE || r == GRAM_NO_MEMORY) {
		vm->stats.ept_outside_ram += r == GRAM_OUTSIDE;
		pr("shadow: gva=0x%llx maps gpa=0x%llx outside guest RAM (size=0x%llx): stopping the guest\n",
		   (unsigned long long)gva.v, (unsigned long long)gpa.v,
		   (unsigned long long)vm->ram.size);
		vcpu_vendor_dump_guest(v);
		vm_stop(vm, EXIT_FAIL, "guest touched memory outside its RAM");
		return EXIT_STOP;
	}
	track_tables(vm, &w, gva.v);
	set_accessed_dirty(vm, &w, d.set_dirty);

	u64 f = gpa.v >> PAGE_SHIFT;
	if (vm->shadow.pt_level[f]) {
		if (error & PF_W)	/* the guest writes one of its tables */
			return emulate_pt_write(v, gva.v, gpa.v);
		d.shadow_flags &= ~IA32E_RW;	/* ... which it may only read */
	}
	struct pt_mem smem = shadow_mem(vm);
	if (!pt_map(&pt_ia32e, &smem, current_root(vm)->root.v, gva.v & PAGE_MASK,
		    hpa.v, 1, d.shadow_flags)) {
		vm_stop(vm, EXIT_FAIL, "VMM out of memory for shadow tables");
		return EXIT_STOP;
	}
	if (d.shadow_flags & IA32E_RW)
		vm->shadow.mapped_rw[f] = 1;
	vm->counters.pending = EV_SHADOW_FILL;
	pr_event(EV_SHADOW_FILL, "shadow: fill gva=0x%llx -> gpa=0x%llx -> hpa=0x%llx %s%s%s%s\n",
	   (unsigned long long)gva.v, (unsigned long long)gpa.v,
	   (unsigned long long)(hpa.v | (gpa.v & (PAGE_SIZE - 1))),
	   d.shadow_flags & IA32E_RW ? "rw" : "ro",
	   d.shadow_flags & IA32E_US ? " user" : " kernel",
	   r == GRAM_NEW ? " (new page)" : "", error & PF_W ? " write" : "");
	return EXIT_RESUME;
}

enum exit_action mmu_invlpg(struct vcpu *v, gva_t gva)
{
	struct vm *vm = v->vm;
	u64 *e = shadow_entry(current_root(vm)->root, gva.v, 1);
	bool cached = e && (*e & IA32E_P);

	vm->counters.pending = EV_SHADOW_INVLPG;
	if (cached)
		*e = 0;
	pr_event(EV_SHADOW_INVLPG, "shadow: invlpg gva=0x%llx %s\n", (unsigned long long)gva.v,
	   cached ? "dropped the shadow entry" : "(not in the shadow)");
	return EXIT_RESUME;
}
