/*
 * fw.h - the UEFI firmware boundary of the loader.
 *
 * fw.c is the only file that includes GNU-EFI headers or calls through the
 * system table.  Everything here takes and returns plain C types (ASCII
 * strings, u64), so efi_main.c and the VMM never see CHAR16, EFI_STATUS or
 * the MS calling convention.
 *
 * Lifetime: fw_init() first.  Every call below is a boot service and is
 * legal only until fw_exit_boot_services() succeeds; after that they all
 * return failure (fw_print does nothing) instead of calling into firmware
 * that has already shut down (UEFI 2.10, 7.4 ExitBootServices()).  The
 * fw_mmap_* accessors only read the caller's buffer and stay valid.
 */
#ifndef BOOT_EFI_FW_H
#define BOOT_EFI_FW_H

#include "hv/types.h"

/* Remembers the image handle and system table that crt0 passed to efi_main. */
void fw_init(void *image, void *systab);

/* The EFI_STATUS of the last firmware call fw.c made, for "status=0x..."
 * in the log after a function here returned failure. */
u64 fw_last_status(void);

/* Text to the firmware console (ConOut: screen and, under OVMF, COM1 too).
 * ASCII in, '\n' becomes "\r\n". */
void fw_print(const char *ascii);

/* Firmware vendor (ASCII, truncated to size) and the UEFI revision the
 * system table reports, e.g. 0x20046 for 2.70. */
void fw_firmware_info(char *vendor, size_t size, u32 *uefi_revision);

/* Holds off the firmware's timer-driven events while we use hardware it
 * also drives (the two-port fw_cfg protocol: a firmware event selecting
 * another key between our reads would corrupt them).  fw_lock returns the
 * previous level for fw_unlock. */
u64 fw_lock(void);
void fw_unlock(u64 old);

/* Where the firmware loaded this image (LoadedImage->ImageBase/ImageSize). */
bool fw_image_range(u64 *base, u64 *size);

/*
 * The image's LoadOptions as ASCII.  Text means UCS-2 code units 0x01..0x7f
 * (controls other than tab/CR/LF excluded) up to the first NUL; anything
 * else is binary: a Boot#### entry may carry arbitrary OptionalData, which
 * must not become a command line.  *from_shell tells whether the UEFI Shell
 * started us, in which case the first word is the program name.  Text is
 * truncated to size - 1 characters.
 */
enum fw_opts_result { FW_OPTS_NONE, FW_OPTS_TEXT, FW_OPTS_BINARY };
enum fw_opts_result fw_load_options(char *buf, size_t size, bool *from_shell);

/* Result of fw_read_file. */
enum fw_file_result {
	FW_FILE_OK,
	FW_FILE_NOT_FOUND,
	FW_FILE_TOO_BIG,	/* did not fit in size - 1 bytes */
	FW_FILE_ERROR,		/* no file system on our device, read error */
};

/* Reads a whole file from the volume this image was loaded from.  path is
 * ASCII, e.g. "\\EFI\\hvlab\\hvlab.cfg" ('/' is accepted too).  The content
 * is NUL-terminated; *len gets its length. */
enum fw_file_result fw_read_file(const char *path, char *buf, size_t size,
				 size_t *len);
const char *fw_file_result_name(enum fw_file_result r);

/*
 * The memory map lives in a caller-provided buffer (static storage in the
 * loader: allocating it from the firmware's pool would change the very map
 * being read).  Descriptors are desc_size bytes apart, which the firmware
 * chooses and which may exceed the C struct (OVMF: 48 vs 40 bytes).
 */
struct fw_mmap {
	void *buf;
	u64 capacity;		/* bytes available at buf */
	u64 size;		/* bytes the firmware filled in */
	u64 key;		/* MapKey that ExitBootServices() checks */
	u64 desc_size;
	u32 desc_version;
};

/* One descriptor, decoded. */
struct fw_mem {
	u64 base;
	u64 pages;		/* 4 KiB UEFI pages, whatever the CPU's page size */
	u32 type;		/* EFI_MEMORY_TYPE */
	u64 attr;
};

/* Asks the firmware how big the map is now (bytes and descriptor size),
 * without filling anything: used to check the buffer has spare room. */
bool fw_memory_map_size(u64 *bytes, u64 *desc_size);

/* Fills m from GetMemoryMap(). */
bool fw_get_memory_map(struct fw_mmap *m);

/* GetMemoryMap + ExitBootServices, retried while the map key goes stale.
 * On success m holds the final map and boot services are gone; *tries says
 * how many rounds it took. */
bool fw_exit_boot_services(struct fw_mmap *m, u32 *tries);

u32 fw_mmap_count(const struct fw_mmap *m);
void fw_mmap_entry(const struct fw_mmap *m, u32 i, struct fw_mem *out);

/* EfiConventionalMemory: the only type free for the VMM once the loader is
 * gone.  Boot-services code/data is not reclaimed (our stack and the
 * firmware's page tables, GDT and IDT are still in it). */
bool fw_mem_is_free(u32 type);

#endif
