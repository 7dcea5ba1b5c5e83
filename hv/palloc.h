/*
 * palloc.h - the VMM's host page allocator.
 *
 * The VMM owns one contiguous stretch of free RAM (the "pool"), picked from
 * the loader's memory map.  Pages are handed out from the top down, zeroed.
 * Nothing is freed in this version: a run is short and its needs are known.
 * Allocating from the top makes host-physical addresses look different from
 * the guest-physical ones near zero, which is the point of the log.
 */
#ifndef HV_PALLOC_H
#define HV_PALLOC_H

#include "boot_info.h"
#include "types.h"

/* host.c identity-maps at most the first 512 GiB (one PML4 slot). */
#define PALLOC_LIMIT GiB(512)

struct palloc {
	u64 base;	/* lowest address of the pool */
	u64 next;	/* pages are taken from [base, next), top down */
	u64 top;	/* end of the pool */
	u64 pages_used;
};

/* Picks the largest usable stretch of the memory map (minus reserved ranges
 * and the first MiB).  Returns false if none is at least min_bytes. */
bool palloc_init(struct palloc *pa, const struct boot_info *bi, u64 min_bytes);

/* One zeroed 4 KiB page, or HPA 0 when the pool is empty. */
hpa_t palloc_page(struct palloc *pa);

/* n contiguous zeroed pages aligned to align bytes (a power of two). */
hpa_t palloc_pages(struct palloc *pa, u64 n, u64 align);

u64 palloc_free_bytes(const struct palloc *pa);

/* Page tables in VMM memory (the VMM's own, EPT): reached by their
 * host-physical address, new ones taken from the pool (hv/mmu/paging.h). */
struct pt_mem;
struct pt_mem palloc_pt_mem(struct palloc *pa);
u64 *hpa_table(void *unused, u64 hpa);

/* The VMM runs identity-mapped: a host-physical address is its pointer. */
static inline void *hpa_ptr(hpa_t a) { return (void *)(uintptr_t)a.v; }
static inline hpa_t ptr_hpa(const void *p) { return HPA((uintptr_t)p); }

#endif
