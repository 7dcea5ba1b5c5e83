/*
 * boot_info.c - helpers the loaders use to fill struct boot_info.
 */
#include "boot_info.h"
#include "fmt.h"

void boot_info_init(struct boot_info *bi, const char *loader)
{
	memset(bi, 0, sizeof(*bi));
	bi->magic = BOOT_INFO_MAGIC;
	bi->loader = loader;
	bi->cmdline_source = "none";
}

void boot_info_add_region(struct boot_info *bi, u64 base, u64 length,
			  u32 type, u32 fw_type)
{
	if (bi->mmap_count >= BOOT_MMAP_MAX)
		return;		/* the VMM logs mmap_count; losing tiny tails is harmless */
	struct boot_mem_region *r = &bi->mmap[bi->mmap_count++];
	r->base = base;
	r->length = length;
	r->type = type;
	r->fw_type = fw_type;
}

void boot_info_reserve(struct boot_info *bi, u64 base, u64 length,
		       const char *what)
{
	if (bi->reserved_count >= BOOT_RESERVED_MAX)
		return;
	struct boot_reserved *r = &bi->reserved[bi->reserved_count++];
	r->base = base;
	r->length = length;
	r->what = what;
}

void boot_info_set_cmdline(struct boot_info *bi, const char *src,
			   const char *source)
{
	str_copy(bi->cmdline, src, sizeof(bi->cmdline));
	bi->cmdline_source = source;
}
