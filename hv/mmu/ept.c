/*
 * ept.c - EPT entry format and exit-qualification decoding (pure code).
 * The walker and builder are the shared ones in paging.c.
 */
#include "ept.h"

/* An EPT entry is present when any of R, W, X is set (SDM 29.3.2); an
 * intermediate entry gets all three so the leaf decides the permissions. */
const struct pt_format pt_ept = {
	.name = "ept",
	.present_mask = EPT_RWX,
	.table_flags = EPT_RWX,
};

struct ept_violation ept_decode_violation(u64 q)
{
	return (struct ept_violation){
		.read = q & BIT(0),
		.write = q & BIT(1),
		.fetch = q & BIT(2),
		.was_readable = q & BIT(3),
		.was_writable = q & BIT(4),
		.was_executable = q & BIT(5),
		.gla_valid = q & BIT(7),
		.gla_translation = (q & BIT(7)) && (q & BIT(8)),
	};
}

const char *ept_access_name(const struct ept_violation *v)
{
	if (v->write)
		return "write";
	if (v->fetch)
		return "fetch";
	return "read";
}
