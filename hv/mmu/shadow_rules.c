/*
 * shadow_rules.c - reflect or fill (see shadow_rules.h).
 */
#include "shadow_rules.h"

struct guest_access guest_access_from_error(u32 e)
{
	return (struct guest_access){
		.write = e & PF_W, .user = e & PF_U, .fetch = e & PF_I,
	};
}

static u32 error_bits(struct guest_access a, struct guest_paging m, bool present)
{
	return (present ? PF_P : 0) | (a.write ? PF_W : 0) | (a.user ? PF_U : 0) |
	       (a.fetch && m.nxe ? PF_I : 0);
}

struct shadow_decision shadow_decide(const struct pt_walk *w,
				     struct guest_access a,
				     struct guest_paging m)
{
	struct shadow_decision d = { 0 };
	bool user_ok = true, write_ok = true, nx = false;

	if (!w->present) {
		d.pf_error = error_bits(a, m, false);
		return d;
	}
	for (int i = 0; i < w->steps; i++) {
		user_ok &= (w->entry[i] & IA32E_US) != 0;
		write_ok &= (w->entry[i] & IA32E_RW) != 0;
		nx |= m.nxe && (w->entry[i] & IA32E_NX);
	}
	bool violation = (a.user && !user_ok) ||
			 (a.write && !write_ok && (a.user || m.wp)) ||
			 (a.fetch && nx);
	if (violation) {
		d.pf_error = error_bits(a, m, true);
		return d;
	}

	bool dirty = (w->entry[w->steps - 1] & IA32E_D) || a.write;
	d.fill = true;
	d.set_dirty = a.write;
	d.shadow_flags = IA32E_P | (user_ok ? IA32E_US : 0) | (nx ? IA32E_NX : 0);
	if (write_ok && dirty)
		d.shadow_flags |= IA32E_RW;	/* clean pages stay read-only
						 * until the first write sets D */
	else if (!write_ok && a.write) {
		/* CR0.WP=0: the kernel may write a read-only page.  The shadow
		 * entry allows that write but only to the kernel, so a later
		 * user access faults again and is decided on its own. */
		d.shadow_flags = (d.shadow_flags & ~IA32E_US) | IA32E_RW;
	}
	return d;
}
