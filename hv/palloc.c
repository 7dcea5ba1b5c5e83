/*
 * palloc.c - choose the VMM's memory pool and hand out pages from it.
 */
#include "fmt.h"
#include "mmu/paging.h"
#include "palloc.h"

/* Largest piece of [base, end) that avoids every reserved range. */
static void best_piece(const struct boot_info *bi, u64 base, u64 end,
		       u64 *best_base, u64 *best_len)
{
	/* Cut at each reserved range that overlaps, keep what is left on
	 * each side, recursively (the list is short). */
	for (u32 i = 0; i < bi->reserved_count; i++) {
		u64 rb = ALIGN_DOWN(bi->reserved[i].base, PAGE_SIZE);
		u64 re = ALIGN_UP(bi->reserved[i].base + bi->reserved[i].length,
				  PAGE_SIZE);
		if (re <= base || rb >= end)
			continue;
		if (rb > base)
			best_piece(bi, base, rb, best_base, best_len);
		if (re < end)
			best_piece(bi, re, end, best_base, best_len);
		return;
	}
	if (end > base && end - base > *best_len) {
		*best_base = base;
		*best_len = end - base;
	}
}

bool palloc_init(struct palloc *pa, const struct boot_info *bi, u64 min_bytes)
{
	u64 best_base = 0, best_len = 0;

	for (u32 i = 0; i < bi->mmap_count; i++) {
		const struct boot_mem_region *r = &bi->mmap[i];
		if (r->type != BOOT_MEM_USABLE)
			continue;
		u64 base = ALIGN_UP(r->base, PAGE_SIZE);
		u64 end = ALIGN_DOWN(r->base + r->length, PAGE_SIZE);
		if (base < MiB(1))	/* leave real-mode memory to the BIOS */
			base = MiB(1);
		if (end > PALLOC_LIMIT)	/* only what host.c identity-maps */
			end = PALLOC_LIMIT;
		if (end > base)
			best_piece(bi, base, end, &best_base, &best_len);
	}
	memset(pa, 0, sizeof(*pa));
	pa->base = best_base;
	pa->next = pa->top = best_base + best_len;
	return best_len >= min_bytes;
}

hpa_t palloc_pages(struct palloc *pa, u64 n, u64 align)
{
	u64 bytes = n * PAGE_SIZE;
	if (pa->next - pa->base < bytes)
		return HPA(0);
	u64 a = ALIGN_DOWN(pa->next - bytes, align);
	if (a < pa->base)
		return HPA(0);
	pa->next = a;
	pa->pages_used += n;
	memset((void *)(uintptr_t)a, 0, bytes);
	return HPA(a);
}

hpa_t palloc_page(struct palloc *pa)
{
	return palloc_pages(pa, 1, PAGE_SIZE);
}

u64 *hpa_table(void *unused, u64 hpa)
{
	(void)unused;
	return (u64 *)(uintptr_t)hpa;
}

static u64 table_alloc(void *pa)
{
	return palloc_page(pa).v;
}

struct pt_mem palloc_pt_mem(struct palloc *pa)
{
	return (struct pt_mem){ hpa_table, table_alloc, pa };
}

u64 palloc_free_bytes(const struct palloc *pa)
{
	return pa->next - pa->base;
}
