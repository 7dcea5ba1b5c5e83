/*
 * walk.c - count the memory references of a page walk (see walk.h).
 */
#include "walk.h"

/* The guest's tables, as the CPU reaches them under EPT: each table's
 * guest-physical address goes through an EPT walk first. */
struct guest_via_ept {
	const struct pt_format *ept_fmt;
	const struct pt_mem *ept_mem;
	u64 ept_root;
	int refs;		/* running count */
	bool failed;
};

/* Where pt_walk reads a guest table: first an EPT walk for the table's
 * guest-physical address (m references), then the guest entry (one). */
static u64 *table_via_ept(void *ctx, u64 table_gpa)
{
	struct guest_via_ept *g = ctx;
	struct pt_walk w;
	bool ok = pt_walk(g->ept_fmt, g->ept_mem, g->ept_root,
			  table_gpa & PAGE_MASK, &w);
	g->refs += w.steps;
	if (!ok) {
		g->failed = true;
		return NULL;
	}
	g->refs += 1;	/* the guest entry itself, which pt_walk reads next */
	return g->ept_mem->table(g->ept_mem->ctx, w.pa & PAGE_MASK);
}

struct walk_2d walk_2d(const struct pt_format *ept_fmt, const struct pt_mem *ept_mem,
		       u64 ept_root, u64 guest_root, u64 gva)
{
	struct guest_via_ept g = { ept_fmt, ept_mem, ept_root, 0, false };
	struct pt_mem gmem = { table_via_ept, NULL, &g };
	struct pt_walk gw;
	struct walk_2d r = { 0 };

	bool ok = pt_walk(&pt_ia32e, &gmem, guest_root, gva, &gw);
	r.guest_refs = gw.steps;
	if (!ok || g.failed) {
		r.refs = g.refs;
		return r;
	}
	struct pt_walk ew;		/* and the data's own address */
	ok = pt_walk(ept_fmt, ept_mem, ept_root, gw.pa, &ew);
	r.refs = g.refs + ew.steps;
	r.ok = ok;
	r.gpa = gw.pa;
	r.hpa = ew.pa;
	return r;
}

struct walk_2d walk_1d(const struct pt_mem *mem, u64 root, u64 gva)
{
	struct pt_walk w;
	bool ok = pt_walk(&pt_ia32e, mem, root, gva, &w);
	return (struct walk_2d){ .ok = ok, .hpa = w.pa, .refs = w.steps,
				 .guest_refs = 0 };
}
