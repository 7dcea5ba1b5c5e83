/*
 * guest_boot.h - how the VMM starts the guest, shared by guest/ and hv/.
 *
 * The VMM loads the guest image at GUEST_LOAD_GPA and starts it in 64-bit
 * mode at the entry point named in the image's header (struct
 * guest_image_header, the image's first bytes), with:
 *   - a boot page table that maps the first 1 GiB of guest-physical space
 *     twice with 2 MiB pages: at 0 (identity) and at GUEST_KERNEL_BASE (the
 *     kernel's higher half), PML4, PDPTs and PD at the addresses below;
 *   - a GDT with a 64-bit code segment (0x08), a data segment (0x10) and a
 *     TSS (0x18); no IDT (IDTR limit 0); interrupts disabled;
 *   - RDI = GUEST_BOOT_INFO_GPA, the struct below.
 * Everything else is the guest's to build: its own page tables, its own CR3.
 * The boot structures sit at 64 KiB and up, so the low pages (0x1000, the
 * lecture's example) are free for the guest to map as it likes.
 */
#ifndef GUEST_ABI_GUEST_BOOT_H
#define GUEST_ABI_GUEST_BOOT_H

#include <stdint.h>

#define GUEST_BOOT_GDT_GPA   0x10000
#define GUEST_BOOT_TSS_GPA   0x10800
#define GUEST_BOOT_PML4_GPA  0x11000
#define GUEST_BOOT_PDPT_GPA  0x12000
#define GUEST_BOOT_PD_GPA    0x13000
#define GUEST_BOOT_INFO_GPA  0x14000
#define GUEST_BOOT_PDPT_HI_GPA 0x15000	/* PDPT for the higher half */
#define GUEST_LOAD_GPA       0x100000

/* The guest kernel runs in the top 2 GiB: virtual = GUEST_KERNEL_BASE +
 * guest-physical for its image and its direct map of RAM. */
#define GUEST_KERNEL_BASE 0xffffffff80000000ull

/* The first bytes of the guest image. */
#define GUEST_IMAGE_MAGIC 0x6567616d69747367ull	/* "gstimage" */
struct guest_image_header {
	uint64_t magic;		/* GUEST_IMAGE_MAGIC */
	uint64_t entry;		/* 64-bit entry point (virtual), RDI = boot info */
};

#define GUEST_BOOT_CS 0x08
#define GUEST_BOOT_DS 0x10
#define GUEST_BOOT_TR 0x18

#define GUEST_BOOT_MAGIC 0x746f6f6274736567ull	/* "gestboot" */
#define GUEST_CMDLINE_MAX 256

enum guest_host_mode {
	GUEST_UNDER_EPT = 0,
	GUEST_UNDER_SHADOW = 1,
	GUEST_BARE = 2,		/* no hypervisor */
};

struct guest_boot_info {
	uint64_t magic;		/* GUEST_BOOT_MAGIC */
	uint64_t ram_size;	/* bytes of guest-physical RAM from 0 */
	uint32_t host_mode;	/* enum guest_host_mode */
	uint32_t reserved;
	char cmdline[GUEST_CMDLINE_MAX];
};

#endif
