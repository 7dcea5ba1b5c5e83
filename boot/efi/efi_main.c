/*
 * efi_main.c - hvlab's UEFI loader.
 *
 * GNU-EFI's crt0 applies the image's relocations and calls efi_main().  We
 * then: find the boot options, check the memory-map buffer is big enough,
 * leave boot services, turn the final UEFI memory map into a struct
 * boot_info and call hv_main(), which never returns.  The log goes to COM1,
 * one event per line ("loader: event key=value"), as the VMM's does.
 *
 * Where the options come from, first non-empty source wins:
 *   1. LoadOptions    - UEFI Shell command line or a Boot#### entry's data
 *   2. fw_cfg         - QEMU's -fw_cfg name=opt/hvlab/cmdline,string=...
 *   3. config file    - \EFI\hvlab\hvlab.cfg, then \hvlab.cfg, on our ESP
 * (booted as \EFI\BOOT\BOOTX64.EFI the firmware passes no options at all,
 * hence 2 and 3).
 *
 * Only fw.c talks to the firmware; this file is plain C.
 */
#include "boot/efi/fw.h"
#include "hv/boot_info.h"
#include "hv/fmt.h"
#include "hv/fw_cfg.h"
#include "hv/log.h"
#include "hv/platform.h"
#include "hv/serial.h"
#include "hv/x86.h"

/* EFI_LOAD_ERROR (UEFI 2.10, Appendix D): high bit = error, code 1. */
#define EFI_STATUS_LOAD_ERROR (BIT(63) | 1)

#define FW_CFG_CMDLINE "opt/hvlab/cmdline"

/*
 * Static storage, inside our image (EfiLoaderCode, never "usable"): the VMM
 * keeps using boot_info after ExitBootServices, and allocating buffers from
 * the firmware's pool would change the very memory map we are reading.
 */
static struct boot_info bi;
/* ~512 descriptors at up to 64 bytes (OVMF uses 48); a small VM has ~100. */
static u8 mmap_buf[512 * 64] __attribute__((aligned(16)));
static char raw[8192];		/* options text as read, before cleanup */
static const char *options_error;	/* set when a source is unusable */

u64 efi_main(void *image, void *systab);

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/*
 * Options text -> one line in bi.cmdline.  Skips a UTF-8 byte-order mark
 * (Windows editors write one), drops blank lines and lines whose first
 * non-blank character is '#', trims each line and joins the rest with one
 * space.  Returns the length, or -1 when it does not fit: truncated options
 * would boot with settings nobody asked for.
 */
static int normalize_options(const char *in, char *out, size_t size)
{
	size_t n = 0;

	if ((u8)in[0] == 0xef && (u8)in[1] == 0xbb && (u8)in[2] == 0xbf)
		in += 3;
	while (*in) {
		const char *line = in, *end;
		while (*in && *in != '\n')
			in++;
		end = in;
		if (*in)
			in++;
		while (line < end && is_blank(*line))
			line++;
		while (end > line && is_blank(end[-1]))
			end--;
		if (line == end || *line == '#')
			continue;
		size_t len = (size_t)(end - line);
		if (n + (n ? 1 : 0) + len + 1 > size)
			return -1;
		if (n)
			out[n++] = ' ';
		memcpy(out + n, line, len);
		n += len;
	}
	out[n] = '\0';
	return (int)n;
}

/* Stores text as the options; returns source if that left anything. */
static const char *take(const char *text, const char *source)
{
	char tmp[BOOT_CMDLINE_MAX];

	if (normalize_options(text, tmp, sizeof(tmp)) < 0) {
		options_error = source;
		pr("loader: error options too long source=%s max=%d\n", source,
		   BOOT_CMDLINE_MAX - 1);
		return NULL;
	}
	if (!tmp[0]) {
		pr("loader: options skip source=%s reason=empty\n", source);
		return NULL;
	}
	boot_info_set_cmdline(&bi, tmp, source);
	return source;
}

static bool looks_like_program(const char *w, const char *e)
{
	for (const char *p = w; p < e; p++)
		if (*p == '\\' || *p == '/')
			return true;
	if (e - w < 4)
		return false;
	char ext[5];
	for (int i = 0; i < 4; i++) {
		char c = e[i - 4];
		ext[i] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
	}
	ext[4] = '\0';
	return str_cmp(ext, ".efi") == 0;
}

/*
 * The shell's command line starts with the program name as typed (maybe
 * quoted, maybe without ".efi"); a Boot#### entry's options usually do not,
 * but some boot managers add the path.  Skip the first word when the shell
 * started us or when it looks like a path.
 */
static const char *skip_program_name(const char *s, bool from_shell)
{
	const char *w = s, *e;

	while (is_blank(*w) || *w == '\n')
		w++;
	e = w;
	if (*e == '"') {
		for (e++; *e && *e != '"'; e++)
			;
		if (*e)
			e++;
	} else {
		while (*e && !is_blank(*e) && *e != '\n')
			e++;
	}
	return (from_shell || looks_like_program(w, e)) ? e : w;
}

static const char *options_from_load_options(void)
{
	bool shell;
	enum fw_opts_result r = fw_load_options(raw, sizeof(raw), &shell);

	if (r != FW_OPTS_TEXT) {
		pr("loader: options skip source=load-options reason=%s\n",
		   r == FW_OPTS_BINARY ? "not-text" : "none");
		return NULL;
	}
	pr("loader: load-options from_shell=%s text=\"%s\"\n",
	   shell ? "yes" : "no", raw);
	return take(skip_program_name(raw, shell), "load-options");
}

/* fw_cfg ports exist only under QEMU: check CPUID before touching them. */
static const char *options_from_fw_cfg(void)
{
	const char *why = NULL;

	if (!qemu_cpuid_detected()) {
		pr("loader: options skip source=fw_cfg reason=not-qemu\n");
		return NULL;
	}
	u64 tpl = fw_lock();	/* OVMF uses fw_cfg too */
	if (!fw_cfg_present())
		why = "no-fw_cfg";
	else if (!fw_cfg_read_file(FW_CFG_CMDLINE, raw, sizeof(raw)))
		why = "no-file";
	fw_unlock(tpl);
	if (why) {
		pr("loader: options skip source=fw_cfg reason=%s name=%s\n", why,
		   FW_CFG_CMDLINE);
		return NULL;
	}
	return take(raw, "fw_cfg:" FW_CFG_CMDLINE);
}

static const char *options_from_file(const char *path, const char *source)
{
	size_t len;
	enum fw_file_result r = fw_read_file(path, raw, sizeof(raw), &len);

	if (r != FW_FILE_OK) {
		pr("loader: options skip source=%s reason=%s status=%#lx\n",
		   source, fw_file_result_name(r), fw_last_status());
		if (r == FW_FILE_TOO_BIG)
			options_error = source;
		return NULL;
	}
	return take(raw, source);
}

/* Fills bi.cmdline from the first source with options in it.  False when
 * a source was there but unusable (too long): better stop than guess. */
static bool gather_options(void)
{
	const char *src = options_from_load_options();
	if (!src && !options_error)
		src = options_from_fw_cfg();
	if (!src && !options_error)
		src = options_from_file("\\EFI\\hvlab\\hvlab.cfg",
					"file:\\EFI\\hvlab\\hvlab.cfg");
	if (!src && !options_error)
		src = options_from_file("\\hvlab.cfg", "file:\\hvlab.cfg");
	if (options_error)
		return false;
	pr("loader: options source=%s cmdline=\"%s\"\n", bi.cmdline_source,
	   bi.cmdline);
	return true;
}

static void log_firmware(void)
{
	char vendor[64];
	u32 rev;
	u64 base = 0, size = 0;

	fw_firmware_info(vendor, sizeof(vendor), &rev);
	fw_image_range(&base, &size);
	pr("loader: firmware vendor=\"%s\" uefi=%u.%u image=%#lx size=%#lx\n",
	   vendor, rev >> 16, rev & 0xffff, base, size);
}

/* The map only grows by a few entries between this check and the final
 * GetMemoryMap (our own calls split free ranges), so 16 spare descriptors
 * are plenty; a static buffer cannot grow later. */
static bool memory_map_fits(void)
{
	u64 bytes, desc_size;

	if (!fw_memory_map_size(&bytes, &desc_size))
		return false;
	pr("loader: memory-map bytes=%lu desc_size=%lu capacity=%lu\n",
	   bytes, desc_size, (u64)sizeof(mmap_buf));
	return desc_size && bytes + 16 * desc_size <= sizeof(mmap_buf);
}

static bool same_kind(const struct boot_mem_region *r, u32 type, u32 fw_type)
{
	return r->type == type && r->fw_type == fw_type;
}

/* Appends a region, merging it into the previous one when they touch and
 * have the same types (lossless: fw_type is kept). */
static bool add_region(u64 base, u64 length, u32 type, u32 fw_type)
{
	struct boot_mem_region *last = bi.mmap_count ?
		&bi.mmap[bi.mmap_count - 1] : NULL;

	if (last && same_kind(last, type, fw_type) &&
	    last->base + last->length == base) {
		last->length += length;
		return true;
	}
	if (bi.mmap_count >= BOOT_MMAP_MAX)
		return false;
	boot_info_add_region(&bi, base, length, type, fw_type);
	return true;
}

/* UEFI does not promise an ordered map, and OVMF's is not: with 4 GiB of
 * RAM the range above 4 GiB comes before the 0xb0000000 MMIO window.
 * Sort by base (insertion sort: ~130 entries, mostly in order already),
 * then merge neighbours that now touch. */
static void sort_and_merge_regions(void)
{
	struct boot_mem_region *m = bi.mmap;
	u32 n = bi.mmap_count, out = 0;

	for (u32 i = 1; i < n; i++) {
		struct boot_mem_region r = m[i];
		u32 j = i;
		for (; j > 0 && m[j - 1].base > r.base; j--)
			m[j] = m[j - 1];
		m[j] = r;
	}
	for (u32 i = 0; i < n; i++) {
		if (out && same_kind(&m[out - 1], m[i].type, m[i].fw_type) &&
		    m[out - 1].base + m[out - 1].length == m[i].base)
			m[out - 1].length += m[i].length;
		else
			m[out++] = m[i];
	}
	bi.mmap_count = out;
}

/* UEFI memory map -> boot_info.  Only EfiConventionalMemory is usable:
 * loader code/data hold this image (and so bi and the VMM), boot-services
 * data holds our stack and the firmware's page tables, GDT and IDT, which
 * stay live until the VMM installs its own. */
static void convert_map(const struct fw_mmap *m, u64 *usable, u32 *dropped)
{
	struct fw_mem e;

	*usable = 0;
	*dropped = 0;
	for (u32 i = 0; i < fw_mmap_count(m); i++) {
		fw_mmap_entry(m, i, &e);
		bool is_free = fw_mem_is_free(e.type);
		u64 len = e.pages << 12;	/* UEFI pages are always 4 KiB */
		if (!add_region(e.base, len, is_free ? BOOT_MEM_USABLE :
				BOOT_MEM_OTHER, e.type))
			++*dropped;	/* logged: only past BOOT_MMAP_MAX */
		else if (is_free)
			*usable += len;
	}
	sort_and_merge_regions();
}

/*
 * Before ExitBootServices a failing loader returns to the firmware, which
 * goes on to the next boot option.  Under an emulator the test harness
 * would then wait for its timeout, so end the run with a failure there.
 */
static u64 fail(const char *what)
{
	pr("loader: error %s status=%#lx\n", what, fw_last_status());
	fw_print("[hvlab] loader error: ");
	fw_print(what);
	fw_print(" (see COM1 log)\n");
	enum exit_method m = platform_detect();
	if (m != EXIT_METHOD_HALT) {
		platform_set_exit(m);
		platform_exit(EXIT_FAIL);
	}
	return EFI_STATUS_LOAD_ERROR;
}

u64 efi_main(void *image, void *systab)
{
	struct fw_mmap mm = { .buf = mmap_buf, .capacity = sizeof(mmap_buf) };
	u32 tries, dropped;
	u64 usable;

	serial_init();
	fw_init(image, systab);
	serial_puts("\nloader: hvlab UEFI loader\n");
	fw_print("[hvlab] UEFI loader started, log on COM1 (115200 8N1)\n");
	log_firmware();

	boot_info_init(&bi, "uefi");
	if (!gather_options())
		return fail("bad-options");
	if (!memory_map_fits())
		return fail("memory-map-too-big");

	/* No firmware call between the final GetMemoryMap and a successful
	 * ExitBootServices: any of them could change the map key.  Our own
	 * serial output is fine, it is not a firmware service. */
	if (!fw_exit_boot_services(&mm, &tries)) {
		/* Boot services may be half shut down: no way back. */
		pr("loader: error exit-boot-services status=%#lx tries=%u\n",
		   fw_last_status(), tries);
		platform_set_exit(platform_detect());
		platform_exit(EXIT_FAIL);
	}
	cli();	/* the firmware's IDT and timer handlers are no longer ours to run */
	pr("loader: exit-boot-services ok map_entries=%u tries=%u\n",
	   fw_mmap_count(&mm), tries);

	convert_map(&mm, &usable, &dropped);
	pr("loader: handoff regions=%u usable_mib=%lu dropped=%u\n",
	   bi.mmap_count, usable >> 20, dropped);
	hv_main(&bi);
}
