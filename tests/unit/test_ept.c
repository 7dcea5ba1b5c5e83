/*
 * test_ept.c - EPT entry encoding and EPT-violation decoding
 * (SDM 29.3.2 and table 28-7).
 */
#include "hv/mmu/ept.h"
#include "test.h"

struct qual_case {
	u64 q;
	const char *access;
	bool r, w, x, was_r, was_w, was_x, gla, translation;
};

static const struct qual_case quals[] = {
	/* qualification  access   r  w  x  R  W  X  gla  final */
	{ 0x181,          "read",  1, 0, 0, 0, 0, 0, 1,   1 },	/* first read of a page */
	{ 0x182,          "write", 0, 1, 0, 0, 0, 0, 1,   1 },	/* first write */
	{ 0x184,          "fetch", 0, 0, 1, 0, 0, 0, 1,   1 },	/* first instruction fetch */
	{ 0x083,          "write", 1, 1, 0, 0, 0, 0, 1,   0 },	/* guest PT walk setting A/D */
	{ 0x001,          "read",  1, 0, 0, 0, 0, 0, 0,   0 },	/* no linear address */
	{ 0x18a,          "write", 0, 1, 0, 1, 0, 0, 1,   1 },	/* write to a read-only page */
	{ 0x1bc,          "fetch", 0, 0, 1, 1, 1, 1, 1,   1 },
};

void test_ept(void)
{
	for (size_t i = 0; i < sizeof(quals) / sizeof(quals[0]); i++) {
		const struct qual_case *c = &quals[i];
		struct ept_violation v = ept_decode_violation(c->q);
		CHECK(v.read == c->r && v.write == c->w && v.fetch == c->x &&
			      v.was_readable == c->was_r &&
			      v.was_writable == c->was_w &&
			      v.was_executable == c->was_x &&
			      v.gla_valid == c->gla &&
			      v.gla_translation == c->translation &&
			      strcmp(ept_access_name(&v), c->access) == 0,
		      "qualification 0x%llx", (unsigned long long)c->q);
	}
	/* leaf: RWX + write-back memory type (6) in bits 5:3 */
	CHECK(ept_leaf_flags(EPT_RWX) == 0x37, "leaf flags 0x%llx",
	      (unsigned long long)ept_leaf_flags(EPT_RWX));
	CHECK(ept_leaf_flags(EPT_R) == 0x31, "read-only leaf");
	/* EPTP: WB (6) in bits 2:0, walk length 4-1=3 in bits 5:3 */
	CHECK(ept_eptp(HPA(0xffbc000)) == 0xffbc01e, "eptp 0x%llx",
	      (unsigned long long)ept_eptp(HPA(0xffbc000)));
	CHECK(ept_eptp(HPA(0xffbc123)) == 0xffbc01e, "eptp ignores low bits of root");
	CHECK(pt_ept.present_mask == 7 && pt_ept.table_flags == 7,
	      "EPT present = any of R/W/X");
}
