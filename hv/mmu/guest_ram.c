/*
 * guest_ram.c - lazily backed guest RAM.
 */
#include "guest_ram.h"
#include "hv/fmt.h"

bool guest_ram_init(struct guest_ram *r, struct palloc *pa, u64 size)
{
	u64 n = size >> PAGE_SHIFT;
	u64 pages = ALIGN_UP(n * sizeof(hpa_t), PAGE_SIZE) >> PAGE_SHIFT;
	hpa_t a = palloc_pages(pa, pages, PAGE_SIZE);

	r->size = size;
	r->frames = hpa_ptr(a);
	r->pages_backed = 0;
	r->pa = pa;
	return a.v != 0;
}

enum gram_result guest_ram_back(struct guest_ram *r, gpa_t gpa, hpa_t *hpa)
{
	if (gpa.v >= r->size)
		return GRAM_OUTSIDE;
	hpa_t *slot = &r->frames[gpa.v >> PAGE_SHIFT];
	if (slot->v) {
		*hpa = *slot;
		return GRAM_MAPPED;
	}
	hpa_t page = palloc_page(r->pa);
	/* Never back a guest page with the host page of the same number: the
	 * log should always show two different addresses for one page.  (The
	 * page skipped here is simply left unused.) */
	if (page.v == (gpa.v & PAGE_MASK))
		page = palloc_page(r->pa);
	if (!page.v)
		return GRAM_NO_MEMORY;
	*slot = page;
	*hpa = page;
	r->pages_backed++;
	return GRAM_NEW;
}

hpa_t guest_ram_lookup(const struct guest_ram *r, gpa_t gpa)
{
	if (gpa.v >= r->size)
		return HPA(0);
	return r->frames[gpa.v >> PAGE_SHIFT];
}

void guest_ram_assign(struct guest_ram *r, gpa_t gpa, hpa_t hpa, u64 len)
{
	for (u64 off = 0; off < len; off += PAGE_SIZE)
		r->frames[(gpa.v + off) >> PAGE_SHIFT] = HPA(hpa.v + off);
	r->pages_backed += len >> PAGE_SHIFT;
}

bool guest_ram_write(struct guest_ram *r, gpa_t gpa, const void *src, u64 n)
{
	const u8 *s = src;
	while (n) {
		hpa_t page;
		enum gram_result res = guest_ram_back(r, gpa, &page);
		if (res == GRAM_OUTSIDE || res == GRAM_NO_MEMORY)
			return false;
		u64 off = gpa.v & (PAGE_SIZE - 1);
		u64 chunk = PAGE_SIZE - off < n ? PAGE_SIZE - off : n;
		memcpy((u8 *)hpa_ptr(page) + off, s, chunk);
		s += chunk;
		n -= chunk;
		gpa.v += chunk;
	}
	return true;
}
