/*
 * test_paging.c - the shared page-table builder and walker, on both formats
 * (IA-32e and EPT), with tables in ordinary host memory.
 */
#include <stdlib.h>
#include "hv/mmu/ept.h"
#include "hv/mmu/paging.h"
#include "test.h"

/* A page-table memory for tests: pages from aligned_alloc, whose addresses
 * stand in for physical addresses (the walker only needs a table pointer). */
struct test_mem {
	void *pages[64];
	int n;
	int limit;	/* allocation fails after this many pages */
};

static u64 *tm_table(void *ctx, u64 addr)
{
	(void)ctx;
	return (u64 *)(uintptr_t)addr;
}

static u64 tm_alloc(void *ctx)
{
	struct test_mem *t = ctx;
	if (t->n >= t->limit)
		return 0;
	void *p = aligned_alloc(4096, 4096);
	memset(p, 0, 4096);
	t->pages[t->n++] = p;
	return (u64)(uintptr_t)p;
}

static void tm_free(struct test_mem *t)
{
	for (int i = 0; i < t->n; i++)
		free(t->pages[i]);
	t->n = 0;
}

struct map_case {
	const char *what;
	const struct pt_format *fmt;
	u64 va, pa;
	int level;
	u64 flags;
	u64 probe;		/* address to walk */
	u64 want_pa;
	int want_steps;		/* entries read = memory references */
	int want_tables;	/* pages allocated, including the root */
};

#define RW (IA32E_P | IA32E_RW)
static const struct map_case map_cases[] = {
	{ "4K ia32e", &pt_ia32e, 0x1000, 0xa000, 1, RW, 0x1234, 0xa234, 4, 4 },
	{ "4K ia32e high", &pt_ia32e, 0x7fffffffe000ull, 0x3000, 1, RW, 0x7fffffffefffull, 0x3fff, 4, 4 },
	{ "2M ia32e", &pt_ia32e, 0x40000000, 0x200000, 2, RW, 0x40012345, 0x212345, 3, 3 },
	{ "1G ia32e", &pt_ia32e, 0x80000000ull, 0x40000000, 3, RW, 0x80000008ull, 0x40000008, 2, 2 },
	{ "4K ept", &pt_ept, 0xa000, 0xffa5000, 1, 0x37, 0xa010, 0xffa5010, 4, 4 },
	{ "2M ept", &pt_ept, 0x200000, 0x1e00000, 2, 0x37, 0x3fffff, 0x1ffffff, 3, 3 },
	{ "1G ept", &pt_ept, 0, 0x40000000, 3, 0x37, 0x123, 0x40000123, 2, 2 },
};

static void test_map_and_walk(void)
{
	for (size_t i = 0; i < sizeof(map_cases) / sizeof(map_cases[0]); i++) {
		const struct map_case *c = &map_cases[i];
		struct test_mem t = { .limit = 64 };
		struct pt_mem m = { tm_table, tm_alloc, &t };
		u64 root = tm_alloc(&t);
		struct pt_walk w;

		bool mapped = pt_map(c->fmt, &m, root, c->va, c->pa, c->level,
				     c->flags);
		bool found = pt_walk(c->fmt, &m, root, c->probe, &w);
		CHECK(mapped && found && w.pa == c->want_pa &&
			      w.steps == c->want_steps &&
			      w.leaf_level == c->level && t.n == c->want_tables,
		      "%s: mapped=%d found=%d pa=0x%llx steps=%d level=%d tables=%d",
		      c->what, mapped, found, (unsigned long long)w.pa, w.steps,
		      w.leaf_level, t.n);
		/* the leaf keeps the flags it was given (plus PS above 4K) */
		u64 leaf = w.entry[w.steps - 1];
		CHECK((leaf & 0xfff & ~PT_LARGE) == (c->flags & 0xfff) &&
			      !!(leaf & PT_LARGE) == (c->level > 1),
		      "%s: leaf=0x%llx", c->what, (unsigned long long)leaf);
		/* a neighbouring page of the same size is not mapped */
		u64 next = c->va + pt_level_size(c->level);
		CHECK(!pt_walk(c->fmt, &m, root, next, &w) && !w.present,
		      "%s: 0x%llx must not be present", c->what,
		      (unsigned long long)next);
		tm_free(&t);
	}
}

static void test_walk_details(void)
{
	struct test_mem t = { .limit = 64 };
	struct pt_mem m = { tm_table, tm_alloc, &t };
	u64 root = tm_alloc(&t);
	struct pt_walk w;

	/* an empty table: one reference, then "not present" */
	CHECK(!pt_walk(&pt_ia32e, &m, root, 0x1000, &w) && w.steps == 1 &&
		      w.leaf_level == 0,
	      "empty walk steps=%d", w.steps);
	/* two pages share the intermediate tables */
	pt_map(&pt_ia32e, &m, root, 0x1000, 0xa000, 1, RW);
	pt_map(&pt_ia32e, &m, root, 0x2000, 0xb000, 1, RW);
	CHECK(t.n == 4, "two 4K pages in one PT need 4 tables, got %d", t.n);
	pt_walk(&pt_ia32e, &m, root, 0x2000, &w);
	CHECK(w.entry_addr[0] == root && w.entry_addr[3] % 4096 == 2 * 8,
	      "entry addresses: pml4e at root+0, pte at index 2");
	/* an intermediate entry carries the format's table flags */
	CHECK((w.entry[0] & 0xfff) == pt_ia32e.table_flags,
	      "pml4e flags 0x%llx", (unsigned long long)(w.entry[0] & 0xfff));
	/* a 4K mapping inside an existing 2M page is refused */
	pt_map(&pt_ia32e, &m, root, 0x200000, 0x400000, 2, RW);
	CHECK(!pt_map(&pt_ia32e, &m, root, 0x201000, 0x1000, 1, RW),
	      "4K inside a 2M page must fail");
	tm_free(&t);

	/* running out of table memory fails cleanly */
	struct test_mem tiny = { .limit = 2 };
	struct pt_mem mt = { tm_table, tm_alloc, &tiny };
	u64 r2 = tm_alloc(&tiny);
	CHECK(!pt_map(&pt_ept, &mt, r2, 0x1000, 0x2000, 1, EPT_RWX),
	      "pt_map must fail when allocation fails");
	tm_free(&tiny);

	/* EPT: present means any of R/W/X; an entry with none is absent */
	struct test_mem te = { .limit = 64 };
	struct pt_mem me = { tm_table, tm_alloc, &te };
	u64 r3 = tm_alloc(&te);
	pt_map(&pt_ept, &me, r3, 0x5000, 0x9000, 1, EPT_X);
	CHECK(pt_walk(&pt_ept, &me, r3, 0x5000, &w) && w.pa == 0x9000,
	      "execute-only EPT page is present");
	pt_map(&pt_ept, &me, r3, 0x6000, 0x9000, 1, EPT_MT_WB << EPT_MT_SHIFT);
	CHECK(!pt_walk(&pt_ept, &me, r3, 0x6000, &w) && w.steps == 4,
	      "EPT leaf without R/W/X is not present");
	tm_free(&te);

	/* index arithmetic */
	CHECK(pt_index(0x7fffffffffffull, 4) == 255 &&
		      pt_index(0x40201000ull, 3) == 1 &&
		      pt_index(0x40201000ull, 2) == 1 &&
		      pt_index(0x40201000ull, 1) == 1,
	      "pt_index");
	CHECK(pt_level_size(1) == 4096 && pt_level_size(2) == 2ull << 20 &&
		      pt_level_size(3) == 1ull << 30,
	      "pt_level_size");
}

void test_paging(void)
{
	test_map_and_walk();
	test_walk_details();
}
