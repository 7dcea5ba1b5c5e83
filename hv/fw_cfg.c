/*
 * fw_cfg.c - QEMU fw_cfg over the legacy I/O ports (see fw_cfg.h).
 *
 * Layout from QEMU's docs/specs/fw_cfg.rst: selecting a key resets the data
 * offset to 0; the file directory (key 0x19) is a big-endian u32 count
 * followed by that many 64-byte entries { be32 size; be16 select;
 * be16 reserved; char name[56]; }.
 */
#include "fmt.h"
#include "fw_cfg.h"
#include "x86.h"

/* Directory entry as stored (all integers big-endian). */
struct fw_cfg_file {
	u8 size[4];
	u8 select[2];
	u8 reserved[2];
	char name[FW_CFG_NAME_MAX];
};

bool qemu_cpuid_detected(void)
{
	char sig[13];
	if (!(cpuid(1, 0).ecx & BIT(31)))
		return false;	/* real CPUs leave the hypervisor bit clear */
	struct cpuid_regs r = cpuid(0x40000000, 0);
	memcpy(sig + 0, &r.ebx, 4);
	memcpy(sig + 4, &r.ecx, 4);
	memcpy(sig + 8, &r.edx, 4);
	sig[12] = '\0';
	return str_cmp(sig, "TCGTCGTCGTCG") == 0 ||
	       str_ncmp(sig, "KVMKVMKVM", 9) == 0;
}

static void fw_cfg_select(u16 key)
{
	outw(FW_CFG_PORT_SEL, key);
}

static void fw_cfg_read(void *buf, size_t n)
{
	u8 *p = buf;
	while (n--)
		*p++ = inb(FW_CFG_PORT_DATA);
}

static u32 be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

static u16 be16(const u8 *p)
{
	return (u16)(p[0] << 8 | p[1]);
}

bool fw_cfg_present(void)
{
	char sig[4];
	fw_cfg_select(FW_CFG_SIGNATURE);
	fw_cfg_read(sig, sizeof(sig));
	return memcmp(sig, "QEMU", 4) == 0;
}

/* Walks the directory for name; fills the entry's key and size. */
static bool fw_cfg_find(const char *name, u16 *select, u32 *size)
{
	u8 raw[4];
	struct fw_cfg_file f;

	fw_cfg_select(FW_CFG_FILE_DIR);
	fw_cfg_read(raw, sizeof(raw));
	u32 count = be32(raw);
	for (u32 i = 0; i < count && i < 4096; i++) {	/* bound a bad count */
		fw_cfg_read(&f, sizeof(f));
		f.name[FW_CFG_NAME_MAX - 1] = '\0';
		if (str_cmp(f.name, name) == 0) {
			*select = be16(f.select);
			*size = be32(f.size);
			return true;
		}
	}
	return false;
}

bool fw_cfg_read_file(const char *name, char *buf, size_t size)
{
	u16 select;
	u32 len;

	if (!size || !fw_cfg_find(name, &select, &len))
		return false;
	if (len > size - 1)
		len = (u32)(size - 1);
	fw_cfg_select(select);
	fw_cfg_read(buf, len);
	buf[len] = '\0';
	return true;
}
