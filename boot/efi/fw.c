/*
 * fw.c - every call the loader makes into UEFI firmware (see fw.h).
 *
 * Calls go through uefi_call_wrapper(): Debian's GNU-EFI is built without
 * the MS ABI, so the compiler emits System V calls and libefi's efi_callN
 * thunks convert them to the Microsoft x64 convention that UEFI functions
 * use (UEFI 2.10, 2.3.4 "x64 Platforms").
 *
 * We deliberately do not call GNU-EFI's InitializeLib(): it lives in the
 * same archive member (libefi.a init.o) as GNU-EFI's own memset/memcpy,
 * which would clash with hv/fmt.c's at link time, and we need none of the
 * library state it sets up.  Only efi_call0..10 (efi_stub.o) come from
 * libefi.
 */
#include <efi.h>

#include "boot/efi/fw.h"

static EFI_HANDLE fw_image;
static EFI_SYSTEM_TABLE *fw_st;
static EFI_BOOT_SERVICES *fw_bs;
static bool fw_gone;		/* ExitBootServices() succeeded */
static EFI_STATUS fw_status;

/* GUIDs as non-const objects: the protocol APIs take EFI_GUID *. */
static EFI_GUID loaded_image_guid = EFI_LOADED_IMAGE_PROTOCOL_GUID;
static EFI_GUID simple_fs_guid = EFI_SIMPLE_FILE_SYSTEM_PROTOCOL_GUID;
static EFI_GUID shell_params_guid = EFI_SHELL_PARAMETERS_PROTOCOL_GUID;

void fw_init(void *image, void *systab)
{
	fw_image = image;
	fw_st = systab;
	fw_bs = fw_st->BootServices;
	fw_gone = false;
}

u64 fw_last_status(void)
{
	return fw_status;
}

static bool ok(EFI_STATUS s)
{
	fw_status = s;
	return !EFI_ERROR(s);
}

/*
 * A protocol interface on a handle.  OpenProtocol(GET_PROTOCOL) rather than
 * HandleProtocol(), which the spec keeps only for old drivers (UEFI 2.10,
 * 7.3.9 OpenProtocol()); GET_PROTOCOL needs no CloseProtocol().
 */
static void *get_protocol(EFI_HANDLE h, EFI_GUID *guid)
{
	void *iface = NULL;
	if (fw_gone || !ok(uefi_call_wrapper(fw_bs->OpenProtocol, 6, h, guid,
					     &iface, fw_image, NULL,
					     EFI_OPEN_PROTOCOL_GET_PROTOCOL)))
		return NULL;
	return iface;
}

/* Our own EFI_LOADED_IMAGE_PROTOCOL (UEFI 2.10, 9.1): load options, image
 * base and size, and the device (ESP) we were loaded from. */
static EFI_LOADED_IMAGE *loaded_image(void)
{
	return get_protocol(fw_image, &loaded_image_guid);
}

/* Simple Text Output (UEFI 2.10, 12.4) takes UCS-2, so convert in chunks. */
void fw_print(const char *ascii)
{
	CHAR16 out[130];
	size_t n = 0;

	if (fw_gone || !fw_st->ConOut)
		return;
	for (const char *p = ascii; *p; p++) {
		if (*p == '\n')
			out[n++] = L'\r';
		out[n++] = (CHAR16)(u8)*p;
		if (n >= 128 || !p[1]) {
			out[n] = 0;
			uefi_call_wrapper(fw_st->ConOut->OutputString, 2,
					  fw_st->ConOut, out);
			n = 0;
		}
	}
}

/* UCS-2 to ASCII; false when a code unit is not printable ASCII text. */
static bool ucs2_to_ascii(const CHAR16 *in, size_t units, char *buf,
			  size_t size)
{
	size_t n = 0;
	for (size_t i = 0; i < units && in[i]; i++) {
		CHAR16 c = in[i];
		if (c >= 0x80 || (c < 0x20 && c != '\t' && c != '\r' && c != '\n'))
			return false;
		if (n + 1 < size)
			buf[n++] = (char)c;
	}
	buf[n] = '\0';
	return true;
}

void fw_firmware_info(char *vendor, size_t size, u32 *uefi_revision)
{
	const CHAR16 *v = fw_st->FirmwareVendor;
	size_t n = 0;

	while (v && v[n] && n + 1 < size) {
		vendor[n] = v[n] < 0x80 ? (char)v[n] : '?';
		n++;
	}
	vendor[n] = '\0';
	*uefi_revision = fw_st->Hdr.Revision;	/* UEFI 2.10, 4.2 table header */
}

/* RaiseTPL(TPL_NOTIFY) masks event notifications at or below NOTIFY
 * (UEFI 2.10, 7.1 RaiseTPL()); unlike cli it is the firmware's own rule. */
u64 fw_lock(void)
{
	if (fw_gone)
		return 0;
	return uefi_call_wrapper(fw_bs->RaiseTPL, 1, TPL_NOTIFY);
}

void fw_unlock(u64 old)
{
	if (!fw_gone)
		uefi_call_wrapper(fw_bs->RestoreTPL, 1, old);
}

bool fw_image_range(u64 *base, u64 *size)
{
	EFI_LOADED_IMAGE *li = loaded_image();
	if (!li)
		return false;
	*base = (u64)(uintptr_t)li->ImageBase;
	*size = li->ImageSize;
	return true;
}

/*
 * LoadOptions is whatever the starter passed: the UEFI Shell passes the
 * whole command line, program name first, and installs the Shell
 * Parameters Protocol on our handle (UEFI Shell 2.2, 2.3); the boot
 * manager passes a Boot#### entry's OptionalData, which need not be text
 * at all (UEFI 2.10, 3.1.3 Load Options).
 */
enum fw_opts_result fw_load_options(char *buf, size_t size, bool *from_shell)
{
	EFI_LOADED_IMAGE *li = loaded_image();

	buf[0] = '\0';
	*from_shell = false;
	if (!li || !li->LoadOptions || li->LoadOptionsSize < 2)
		return FW_OPTS_NONE;
	*from_shell = get_protocol(fw_image, &shell_params_guid) != NULL;
	if (!ucs2_to_ascii(li->LoadOptions, li->LoadOptionsSize / 2, buf, size)) {
		buf[0] = '\0';
		return FW_OPTS_BINARY;
	}
	return FW_OPTS_TEXT;
}

static bool ascii_to_ucs2(const char *in, CHAR16 *out, size_t units)
{
	size_t n = 0;
	for (; in[n]; n++) {
		if (n + 1 >= units)
			return false;
		out[n] = in[n] == '/' ? L'\\' : (CHAR16)(u8)in[n];
	}
	out[n] = 0;
	return true;
}

/* The root directory of the volume our image came from: Simple File System
 * on LoadedImage->DeviceHandle (UEFI 2.10, 13.4 OpenVolume()). */
static EFI_FILE_HANDLE open_root(void)
{
	EFI_LOADED_IMAGE *li = loaded_image();
	EFI_SIMPLE_FILE_SYSTEM_PROTOCOL *fs;
	EFI_FILE_HANDLE root;

	if (!li || !(fs = get_protocol(li->DeviceHandle, &simple_fs_guid)))
		return NULL;
	if (!ok(uefi_call_wrapper(fs->OpenVolume, 2, fs, &root)))
		return NULL;
	return root;
}

/* Read() returns fewer bytes only at end of file (UEFI 2.10, 13.5 Read());
 * one extra byte tells "exactly fits" from "too big". */
static enum fw_file_result read_all(EFI_FILE_HANDLE f, char *buf,
				    size_t size, size_t *len)
{
	size_t got = 0;
	for (;;) {
		char probe;
		bool full = got + 1 >= size;
		UINTN n = full ? 1 : size - 1 - got;
		if (!ok(uefi_call_wrapper(f->Read, 3, f, &n,
					  full ? &probe : buf + got)))
			return FW_FILE_ERROR;
		if (n == 0)
			break;
		if (full)
			return FW_FILE_TOO_BIG;
		got += n;
	}
	buf[got] = '\0';
	*len = got;
	return FW_FILE_OK;
}

enum fw_file_result fw_read_file(const char *path, char *buf, size_t size,
				 size_t *len)
{
	CHAR16 wpath[256];
	EFI_FILE_HANDLE root, f;
	enum fw_file_result r;

	*len = 0;
	if (!size || !ascii_to_ucs2(path, wpath, ARRAY_SIZE(wpath)))
		return FW_FILE_ERROR;
	buf[0] = '\0';
	if (!(root = open_root()))
		return FW_FILE_ERROR;
	if (ok(uefi_call_wrapper(root->Open, 5, root, &f, wpath,
				 EFI_FILE_MODE_READ, 0))) {
		r = read_all(f, buf, size, len);
		uefi_call_wrapper(f->Close, 1, f);
	} else {
		r = fw_status == EFI_NOT_FOUND ? FW_FILE_NOT_FOUND : FW_FILE_ERROR;
	}
	uefi_call_wrapper(root->Close, 1, root);
	return r;
}

const char *fw_file_result_name(enum fw_file_result r)
{
	switch (r) {
	case FW_FILE_OK: return "ok";
	case FW_FILE_NOT_FOUND: return "not-found";
	case FW_FILE_TOO_BIG: return "too-big";
	default: return "error";
	}
}

/*
 * GetMemoryMap() (UEFI 2.10, 7.2): with a too-small buffer it fails with
 * EFI_BUFFER_TOO_SMALL and writes the size it needs, which is how we learn
 * the current size without filling anything.
 */
bool fw_memory_map_size(u64 *bytes, u64 *desc_size)
{
	UINTN size = 0, key, dsize = 0;
	UINT32 ver;
	EFI_STATUS s;

	if (fw_gone)
		return false;
	s = uefi_call_wrapper(fw_bs->GetMemoryMap, 5, &size, NULL, &key,
			      &dsize, &ver);
	fw_status = s;
	if (s != EFI_BUFFER_TOO_SMALL && EFI_ERROR(s))
		return false;
	*bytes = size;
	*desc_size = dsize;
	return true;
}

/* No boot services after the first ExitBootServices() attempt except
 * GetMemoryMap(), so this must not print or allocate. */
static bool get_map(struct fw_mmap *m)
{
	UINTN size = m->capacity, key = 0, dsize = 0;
	UINT32 ver = 0;

	if (!ok(uefi_call_wrapper(fw_bs->GetMemoryMap, 5, &size,
				  (EFI_MEMORY_DESCRIPTOR *)m->buf, &key,
				  &dsize, &ver)))
		return false;
	m->size = size;
	m->key = key;
	m->desc_size = dsize;
	m->desc_version = ver;
	return true;
}

bool fw_get_memory_map(struct fw_mmap *m)
{
	return !fw_gone && get_map(m);
}

/*
 * ExitBootServices() (UEFI 2.10, 7.4) fails with EFI_INVALID_PARAMETER when
 * MapKey is stale: something (a timer event, a driver's notify function)
 * allocated or freed memory since GetMemoryMap().  The firmware may already
 * have shut down part of itself on a failed call, so the only thing we may
 * do before retrying is GetMemoryMap() into the same, big-enough buffer.
 */
bool fw_exit_boot_services(struct fw_mmap *m, u32 *tries)
{
	*tries = 0;
	if (fw_gone)
		return false;
	while (*tries < 8) {
		++*tries;
		if (!get_map(m))
			return false;
		if (ok(uefi_call_wrapper(fw_bs->ExitBootServices, 2, fw_image,
					 m->key))) {
			fw_gone = true;
			return true;
		}
		if (fw_status != EFI_INVALID_PARAMETER)
			return false;
	}
	return false;
}

u32 fw_mmap_count(const struct fw_mmap *m)
{
	return m->desc_size ? (u32)(m->size / m->desc_size) : 0;
}

/* Step by the firmware's desc_size, never by sizeof(EFI_MEMORY_DESCRIPTOR):
 * the spec lets descriptors grow (UEFI 2.10, 7.2 GetMemoryMap()). */
void fw_mmap_entry(const struct fw_mmap *m, u32 i, struct fw_mem *out)
{
	const EFI_MEMORY_DESCRIPTOR *d = (const EFI_MEMORY_DESCRIPTOR *)
		((const u8 *)m->buf + (u64)i * m->desc_size);
	out->base = d->PhysicalStart;
	out->pages = d->NumberOfPages;
	out->type = d->Type;
	out->attr = d->Attribute;
}

bool fw_mem_is_free(u32 type)
{
	return type == EfiConventionalMemory;
}
