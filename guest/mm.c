/*
 * mm.c - page tables of the guest kernel, built with the same
 * hv/mmu/paging.c code the VMM uses for its own tables and for EPT.
 */
#include "console.h"
#include "hv/fmt.h"
#include "kernel.h"
#include "mm.h"
#include "x86.h"

struct frame_alloc frames;
u64 kernel_pml4;

/* One bit per frame of up to KERNEL_RAM_MAX of guest RAM. */
static u64 frame_bitmap[KERNEL_RAM_MAX / PAGE_SIZE / 64];

static u64 *table_ptr(void *ctx, u64 pa)
{
	(void)ctx;
	return phys_to_virt(pa);	/* tables are reached by the direct map */
}

static u64 table_alloc(void *ctx)
{
	(void)ctx;
	return mm_zalloc();
}

static const struct pt_mem kmem = { table_ptr, table_alloc, NULL };

u64 mm_zalloc(void)
{
	u64 pa = frame_alloc(&frames);
	if (pa)
		memset(phys_to_virt(pa), 0, PAGE_SIZE);
	return pa;
}

void mm_init(u64 ram_size, u64 kernel_end_pa)
{
	if (ram_size > KERNEL_RAM_MAX)
		ram_size = KERNEL_RAM_MAX;
	frame_init(&frames, frame_bitmap, ram_size / PAGE_SIZE);
	/* Everything below the kernel's end: BIOS areas, the VMM's boot
	 * structures, the lecture page, the kernel itself. */
	frame_reserve(&frames, 0, kernel_end_pa);
	kernel_pml4 = mm_zalloc();
	for (u64 pa = 0; pa < ram_size; pa += MiB(2))
		if (!pt_map(&pt_ia32e, &kmem, kernel_pml4, KERNEL_BASE + pa, pa,
			    2, IA32E_P | IA32E_RW))
			kprintf("mm: out of memory building the kernel map\n");
	write_cr3(kernel_pml4);
	kprintf("mm: kernel page tables root=0x%llx direct map of %llu MiB at 0x%llx, %llu frames free\n",
		(unsigned long long)kernel_pml4,
		(unsigned long long)(ram_size >> 20),
		(unsigned long long)KERNEL_BASE, (unsigned long long)frames.free);
}

u64 mm_new_aspace(void)
{
	u64 pml4 = mm_zalloc();
	if (!pml4)
		return 0;
	u64 *dst = phys_to_virt(pml4), *src = phys_to_virt(kernel_pml4);
	for (int i = PT_ENTRIES / 2; i < PT_ENTRIES; i++)
		dst[i] = src[i];	/* the shared kernel half */
	return pml4;
}

bool mm_map(u64 pml4, u64 va, u64 pa, u64 flags)
{
	return pt_map(&pt_ia32e, &kmem, pml4, va, pa, 1, flags);
}

u64 mm_lookup(u64 pml4, u64 va)
{
	struct pt_walk w;
	if (!pt_walk(&pt_ia32e, &kmem, pml4, va, &w) || w.leaf_level != 1)
		return 0;
	return w.entry[w.steps - 1];
}

u64 mm_unmap(u64 pml4, u64 va)
{
	struct pt_walk w;
	if (!pt_walk(&pt_ia32e, &kmem, pml4, va, &w) || w.leaf_level != 1)
		return 0;
	u64 *pte = phys_to_virt(w.entry_addr[w.steps - 1]);
	u64 old = *pte;
	*pte = 0;
	/* The TLB may still hold the old translation: drop it (only this
	 * CPU's, and only if this is the address space it is using). */
	if (read_cr3() == pml4)
		invlpg(va);
	return old & PT_ADDR_MASK;
}

bool mm_set_flags(u64 pml4, u64 va, u64 flags)
{
	struct pt_walk w;
	if (!pt_walk(&pt_ia32e, &kmem, pml4, va, &w) || w.leaf_level != 1)
		return false;
	u64 *pte = phys_to_virt(w.entry_addr[w.steps - 1]);
	*pte = (*pte & PT_ADDR_MASK) | flags;
	if (read_cr3() == pml4)
		invlpg(va);	/* the old permissions may be cached */
	return true;
}

/* Walks entries [first, end) of the top table and everything below them:
 * frees (when free_all) and counts the tables.  Large pages have none. */
static u64 walk_range(u64 table, int level, int first, int end, bool free_all);

static u64 walk_tables(u64 table, int level, bool free_all)
{
	return walk_range(table, level, 0,
			  level == PT_LEVELS ? PT_ENTRIES / 2 : PT_ENTRIES, free_all);
}

static u64 walk_range(u64 table, int level, int first, int end, bool free_all)
{
	u64 *t = phys_to_virt(table);
	u64 count = 1;

	for (int i = first; i < end; i++) {
		u64 e = t[i];
		if (!(e & IA32E_P) || (level > 1 && level < PT_LEVELS && (e & IA32E_PS)))
			continue;
		if (level > 1)
			count += walk_tables(e & PT_ADDR_MASK, level - 1, free_all);
		else if (free_all && !(e & PTE_NOT_OWNED))
			frame_free(&frames, e & PT_ADDR_MASK);
	}
	if (free_all)
		frame_free(&frames, table);
	return count;
}

void mm_free_aspace(u64 pml4)
{
	walk_tables(pml4, PT_LEVELS, true);
}

u64 mm_count_tables(u64 pml4)
{
	return walk_tables(pml4, PT_LEVELS, false);
}

u64 mm_count_kernel_tables(void)
{
	return walk_range(kernel_pml4, PT_LEVELS, 0, PT_ENTRIES, false);
}
