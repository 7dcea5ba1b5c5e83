/*
 * paging.c - build and walk 4-level page tables of either format.
 */
#include "paging.h"

const struct pt_format pt_ia32e = {
	.name = "ia32e",
	.present_mask = IA32E_P,
	.table_flags = IA32E_P | IA32E_RW | IA32E_US,
};

static bool present(const struct pt_format *f, u64 e)
{
	return (e & f->present_mask) != 0;
}

bool pt_map(const struct pt_format *f, const struct pt_mem *m, u64 root,
	    u64 va, u64 pa, int level, u64 leaf_flags)
{
	u64 table = root;

	for (int l = PT_LEVELS; l > level; l--) {
		u64 *t = m->table(m->ctx, table);
		if (!t)
			return false;
		u64 *e = &t[pt_index(va, l)];
		if (!present(f, *e)) {
			u64 next = m->alloc(m->ctx);
			if (!next)
				return false;
			*e = (next & PT_ADDR_MASK) | f->table_flags;
		} else if (l <= 3 && (*e & PT_LARGE)) {
			return false;	/* a large page already covers va */
		}
		table = *e & PT_ADDR_MASK;
	}
	u64 *t = m->table(m->ctx, table);
	if (!t)
		return false;
	t[pt_index(va, level)] = (pa & PT_ADDR_MASK) | leaf_flags |
				 (level > 1 ? PT_LARGE : 0);
	return true;
}

bool pt_walk(const struct pt_format *f, const struct pt_mem *m, u64 root,
	     u64 va, struct pt_walk *w)
{
	u64 table = root;

	*w = (struct pt_walk){ 0 };
	for (int l = PT_LEVELS; l >= 1; l--) {
		u64 *t = m->table(m->ctx, table);
		if (!t)
			return false;
		unsigned i = pt_index(va, l);
		u64 e = t[i];
		w->entry[w->steps] = e;
		w->entry_addr[w->steps] = table + 8ull * i;
		w->steps++;
		if (!present(f, e))
			return false;
		if (l == 1 || (l <= 3 && (e & PT_LARGE))) {
			u64 size = pt_level_size(l);
			w->present = true;
			w->leaf_level = l;
			w->pa = (e & PT_ADDR_MASK & ~(size - 1)) | (va & (size - 1));
			return true;
		}
		table = e & PT_ADDR_MASK;
	}
	return false;
}
