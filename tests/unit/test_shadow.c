/*
 * test_shadow.c - shadow paging's reflect-or-fill rules as a table, in the
 * spirit of kvm-unit-tests' access.c: guest PTE bits x CR0.WP x access ->
 * outcome (SDM vol. 3, 4.6 and 4.7).
 */
#include "hv/mmu/shadow_rules.h"
#include "test.h"

#define P IA32E_P
#define RW IA32E_RW
#define US IA32E_US
#define D IA32E_D
#define NX IA32E_NX

/* access: r read, w write, f fetch; u = from user mode */
struct shadow_case {
	u64 upper;		/* flags of the PML4E/PDPTE/PDE (all three) */
	u64 pte;		/* flags of the PTE; 0 = not present */
	bool wp, nxe;
	const char *access;	/* "r" "w" "f" "ur" "uw" "uf" */
	bool fill;
	u32 error;		/* reflected error code */
	u64 shadow;		/* shadow leaf flags on a fill */
	bool set_dirty;
};

static const struct shadow_case cases[] = {
	/* upper          pte               wp nxe acc   fill error shadow              dirty */
	/* not present anywhere: reflect with P=0 */
	{ P | RW | US,    0,                1, 0, "r",   0, 0x0,  0,                   0 },
	{ P | RW | US,    0,                1, 0, "uw",  0, 0x6,  0,                   0 },
	{ 0,              P | RW | US,      1, 0, "ur",  0, 0x4,  0,                   0 },
	{ P | RW | US,    0,                1, 1, "uf",  0, 0x14, 0,                   0 },
	/* present, allowed: fill; clean pages read-only until the first write */
	{ P | RW | US,    P | RW | US,      1, 0, "ur",  1, 0,    P | US,              0 },
	{ P | RW | US,    P | RW | US | D,  1, 0, "ur",  1, 0,    P | US | RW,         0 },
	{ P | RW | US,    P | RW | US,      1, 0, "uw",  1, 0,    P | US | RW,         1 },
	{ P | RW | US,    P | RW,           1, 0, "w",   1, 0,    P | RW,              1 },
	{ P | RW | US,    P | US,           1, 0, "ur",  1, 0,    P | US,              0 },
	{ P | RW,         P | RW | US,      1, 0, "r",   1, 0,    P,                   0 },
	/* user access to a supervisor page: reflect P|U */
	{ P | RW | US,    P | RW,           1, 0, "ur",  0, 0x5,  0,                   0 },
	{ P | RW,         P | RW | US,      1, 0, "uw",  0, 0x7,  0,                   0 },
	/* write to a read-only page */
	{ P | RW | US,    P | US,           1, 0, "uw",  0, 0x7,  0,                   0 },
	{ P | US,         P | RW | US,      1, 0, "uw",  0, 0x7,  0,                   0 },
	{ P | RW | US,    P | US,           1, 0, "w",   0, 0x3,  0,                   0 },
	/* ... which the kernel may do when CR0.WP=0: a supervisor-only RW shadow */
	{ P | RW | US,    P | US,           0, 0, "w",   1, 0,    P | RW,              1 },
	{ P | RW | US,    P | US,           0, 0, "uw",  0, 0x7,  0,                   0 },
	/* NX: only with EFER.NXE */
	{ P | RW | US,    P | RW | US | NX, 1, 1, "uf",  0, 0x15, 0,                   0 },
	{ P | RW | US,    P | RW | US | NX, 1, 0, "uf",  1, 0,    P | US,              0 },
	{ P | RW | US,    P | RW | US | NX, 1, 1, "ur",  1, 0,    P | US | NX,         0 },
	{ P | RW | US | NX, P | RW | US,    1, 1, "f",   0, 0x11, 0,                   0 },
};

static struct guest_access parse(const char *s)
{
	struct guest_access a = { 0 };
	for (; *s; s++) {
		a.user |= *s == 'u';
		a.write |= *s == 'w';
		a.fetch |= *s == 'f';
	}
	return a;
}

void test_shadow(void)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct shadow_case *c = &cases[i];
		struct pt_walk w = { 0 };
		/* a 4-level walk that stops at the first non-present entry */
		for (int l = 0; l < 4; l++) {
			u64 e = (l < 3 ? c->upper : c->pte) | 0x1000;
			w.entry[w.steps++] = e;
			if (!(e & P))
				break;
		}
		w.present = (c->upper & P) && (c->pte & P);
		w.leaf_level = w.present ? 1 : 0;
		struct shadow_decision d = shadow_decide(
			&w, parse(c->access), (struct guest_paging){ c->wp, c->nxe });
		CHECK(d.fill == c->fill && d.pf_error == c->error &&
			      (!c->fill || (d.shadow_flags == c->shadow &&
					    d.set_dirty == c->set_dirty)),
		      "case %zu (upper=0x%llx pte=0x%llx wp=%d nxe=%d %s): fill=%d error=0x%x shadow=0x%llx dirty=%d",
		      i, (unsigned long long)c->upper, (unsigned long long)c->pte,
		      c->wp, c->nxe, c->access, d.fill, d.pf_error,
		      (unsigned long long)d.shadow_flags, d.set_dirty);
	}
	struct guest_access a = guest_access_from_error(0x17);
	CHECK(a.write && a.user && a.fetch, "error code 0x17 decodes to w+u+f");
}
