/*
 * boot_info.h - what a loader hands to the VMM.
 *
 * Two loaders exist: boot/efi (UEFI, GNU-EFI) and boot/mb2 (Multiboot2, for
 * GRUB).  Each fills one struct boot_info and calls hv_main().  From then on
 * the VMM makes no firmware or GRUB call: everything it needs is in here.
 */
#ifndef HV_BOOT_INFO_H
#define HV_BOOT_INFO_H

#include "types.h"

#define BOOT_INFO_MAGIC   0x68766c6162696e66ull	/* "hvlabinf" */
#define BOOT_MMAP_MAX     256
#define BOOT_CMDLINE_MAX  512
#define BOOT_RESERVED_MAX 8

/* Memory the VMM may take for itself (host page tables, EPT, guest RAM). */
enum boot_mem_type {
	BOOT_MEM_USABLE = 1,	/* free RAM after the loader is gone */
	BOOT_MEM_OTHER = 2,	/* anything else: firmware, MMIO, ACPI, ... */
};

struct boot_mem_region {
	u64 base;
	u64 length;
	u32 type;		/* enum boot_mem_type */
	u32 fw_type;		/* the firmware's own type number, for the log */
};

/* A range inside a usable region that must not be handed out (image, stack...). */
struct boot_reserved {
	u64 base;
	u64 length;
	const char *what;
};

struct boot_info {
	u64 magic;			/* BOOT_INFO_MAGIC */
	const char *loader;		/* "uefi" or "multiboot2" */
	char cmdline[BOOT_CMDLINE_MAX];	/* boot options, NUL-terminated ASCII */
	const char *cmdline_source;	/* where the options came from, for the log */
	u32 mmap_count;
	struct boot_mem_region mmap[BOOT_MMAP_MAX];
	u32 reserved_count;
	struct boot_reserved reserved[BOOT_RESERVED_MAX];
};

/* The VMM's entry point.  Never returns: the run ends by platform_exit(). */
void hv_main(struct boot_info *bi) __attribute__((noreturn));

/* Helpers a loader uses to fill the struct (hv/boot_info.c). */
void boot_info_init(struct boot_info *bi, const char *loader);
void boot_info_add_region(struct boot_info *bi, u64 base, u64 length,
			  u32 type, u32 fw_type);
void boot_info_reserve(struct boot_info *bi, u64 base, u64 length,
		       const char *what);
void boot_info_set_cmdline(struct boot_info *bi, const char *src,
			   const char *source);

#endif
