/*
 * mb2.c - the Multiboot2 loader: turn GRUB's information tags into a
 * struct boot_info and hand over to the VMM (Multiboot2 specification,
 * "Boot information format").
 */
#include <stdarg.h>
#include "hv/boot_info.h"
#include "hv/fmt.h"
#include "hv/platform.h"
#include "hv/serial.h"

#define MB2_BOOTLOADER_MAGIC 0x36d76289u

#define MB2_TAG_END     0
#define MB2_TAG_CMDLINE 1
#define MB2_TAG_MODULE  3
#define MB2_TAG_MMAP    6

#define MB2_MEM_AVAILABLE 1

struct mb2_tag {
	u32 type;
	u32 size;
};

struct mb2_mmap_entry {
	u64 base;
	u64 length;
	u32 type;
	u32 reserved;
};

struct mb2_tag_mmap {
	u32 type, size;
	u32 entry_size, entry_version;
	/* entries follow */
};

struct mb2_tag_module {
	u32 type, size;
	u32 start, end;
};

/* Linker symbols (linker/mb2.ld): where this image sits in memory. */
extern char __image_start[], __image_end[];

/* Static: this is where the VMM finds it after the handoff. */
static struct boot_info boot_info;

static void add_mmap(struct boot_info *bi, const struct mb2_tag_mmap *t)
{
	const u8 *p = (const u8 *)(t + 1);
	const u8 *end = (const u8 *)t + t->size;

	for (; p + sizeof(struct mb2_mmap_entry) <= end; p += t->entry_size) {
		const struct mb2_mmap_entry *e = (const void *)p;
		boot_info_add_region(bi, e->base, e->length,
				     e->type == MB2_MEM_AVAILABLE ?
					     BOOT_MEM_USABLE : BOOT_MEM_OTHER,
				     e->type);
	}
}

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
	char line[160];
	va_list ap;
	va_start(ap, fmt);
	fmt_vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	serial_puts(line);
}

void mb2_main(u32 magic, u64 info) __attribute__((noreturn));
void mb2_main(u32 magic, u64 info)
{
	struct boot_info *bi = &boot_info;

	serial_init();
	serial_puts("loader: hvlab multiboot2 loader\n");
	if (magic != MB2_BOOTLOADER_MAGIC) {
		say("loader: error: not started by a Multiboot2 loader (eax=0x%x)\n", magic);
		platform_set_exit(platform_detect());
		platform_exit(EXIT_FAIL);
	}
	boot_info_init(bi, "multiboot2");
	u32 total = *(const u32 *)(uintptr_t)info;
	boot_info_reserve(bi, (u64)(uintptr_t)__image_start,
			  (u64)(__image_end - __image_start), "hvlab image");
	boot_info_reserve(bi, info, total, "multiboot2 info");

	for (const struct mb2_tag *t = (const void *)(uintptr_t)(info + 8);
	     t->type != MB2_TAG_END;
	     t = (const void *)((const u8 *)t + ALIGN_UP(t->size, 8))) {
		if (t->type == MB2_TAG_CMDLINE)
			boot_info_set_cmdline(bi, (const char *)(t + 1),
					      "multiboot2 command line");
		else if (t->type == MB2_TAG_MMAP)
			add_mmap(bi, (const void *)t);
		else if (t->type == MB2_TAG_MODULE) {
			const struct mb2_tag_module *m = (const void *)t;
			boot_info_reserve(bi, m->start, m->end - m->start,
					  "multiboot2 module");
		}
	}
	say("loader: image 0x%llx-0x%llx\n",
	    (unsigned long long)(uintptr_t)__image_start,
	    (unsigned long long)(uintptr_t)__image_end);
	say("loader: memory map entries=%u, handing over to the VMM\n",
	    bi->mmap_count);
	hv_main(bi);
}
