/*
 * test_walk.c - the 2D walk, counted on real tables: 4-level guest tables
 * under 4-level EPT cost 24 memory references with 4 KiB EPT pages, 19
 * with 2 MiB and 14 with 1 GiB pages; a shadow table costs 4.
 */
#include <stdlib.h>
#include <sys/mman.h>
#include "hv/mmu/ept.h"
#include "hv/mmu/walk.h"
#include "test.h"

static u64 *ident(void *ctx, u64 a) { (void)ctx; return (u64 *)(uintptr_t)a; }
static void *pages[64];
static int npages;

static u64 page_alloc(void *ctx)
{
	(void)ctx;
	void *p = aligned_alloc(4096, 4096);
	memset(p, 0, 4096);
	pages[npages++] = p;
	return (u64)(uintptr_t)p;
}

static void free_pages(void)
{
	while (npages)
		free(pages[--npages]);
}

/* Guest-physical layout of the guest's own tables and data. */
#define G_PML4 0x1000
#define G_PDPT 0x2000
#define G_PD   0x3000
#define G_PT   0x4000
#define G_DATA 0xa000
#define LECTURE_GVA    0x1000

/* Guest RAM is one host region; EPT maps gpa -> base + gpa with leaves of
 * pt_level_size(level).  The guest's tables are written into the region. */
static int count_refs(int ept_level, u64 *gpa_out)
{
	u64 span = 2ull << 30;
	u8 *raw = mmap(NULL, span, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	u64 base = ALIGN_UP((u64)(uintptr_t)raw, 1ull << 30);
	struct pt_mem m = { ident, page_alloc, NULL };
	u64 ept_root = page_alloc(NULL);

	u64 *pml4 = (u64 *)(uintptr_t)(base + G_PML4);
	u64 *pdpt = (u64 *)(uintptr_t)(base + G_PDPT);
	u64 *pd = (u64 *)(uintptr_t)(base + G_PD);
	u64 *pt = (u64 *)(uintptr_t)(base + G_PT);
	pml4[0] = G_PDPT | 7;
	pdpt[0] = G_PD | 7;
	pd[0] = G_PT | 7;
	pt[pt_index(LECTURE_GVA, 1)] = G_DATA | 7;

	if (ept_level == 1) {
		const u64 pages[] = { G_PML4, G_PDPT, G_PD, G_PT, G_DATA };
		for (int i = 0; i < 5; i++)
			pt_map(&pt_ept, &m, ept_root, pages[i], base + pages[i], 1,
			       ept_leaf_flags(EPT_RWX));
	} else {
		pt_map(&pt_ept, &m, ept_root, 0, base, ept_level,
		       ept_leaf_flags(EPT_RWX));
	}
	struct walk_2d w = walk_2d(&pt_ept, &m, ept_root, G_PML4, LECTURE_GVA + 0x18);
	*gpa_out = w.ok && w.hpa == base + G_DATA + 0x18 && w.guest_refs == 4 ?
			   w.gpa : 0;
	munmap(raw, span);
	free_pages();
	return w.refs;
}

void test_walk(void)
{
	static const struct { int ept_level; int refs; } cases[] = {
		{ 1, 24 },	/* 4 KiB EPT pages: 4 x (4 + 1) + 4 */
		{ 2, 19 },	/* 2 MiB: 4 x (3 + 1) + 3 */
		{ 3, 14 },	/* 1 GiB: 4 x (2 + 1) + 2 */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		u64 gpa = 0;
		int refs = count_refs(cases[i].ept_level, &gpa);
		CHECK(refs == cases[i].refs && gpa == G_DATA + 0x18,
		      "EPT leaf level %d: %d references (want %d), gpa=0x%llx",
		      cases[i].ept_level, refs, cases[i].refs,
		      (unsigned long long)gpa);
	}
	/* shadow paging: one 4-level walk of the shadow table */
	struct pt_mem m = { ident, page_alloc, NULL };
	u64 root = page_alloc(NULL);
	pt_map(&pt_ia32e, &m, root, LECTURE_GVA, 0x123000, 1, IA32E_P | IA32E_US);
	struct walk_2d w = walk_1d(&m, root, LECTURE_GVA);
	CHECK(w.ok && w.refs == 4 && w.hpa == 0x123000, "shadow: %d references",
	      w.refs);
	/* a walk that stops early counts what it read */
	w = walk_1d(&m, root, 0xffff800000000000ull);	/* PML4 slot 256 */
	CHECK(!w.ok && w.refs == 1, "absent at the top: %d reference", w.refs);
	free_pages();
}
