/*
 * bare.c - the guest kernel without a hypervisor: booted by GRUB as a
 * Multiboot2 kernel, it builds the boot-info block the VMM would have
 * given it, runs the same self-checks and prints its verdict itself.
 */
#include "abi/guest_boot.h"
#include "console.h"
#include "hv/fmt.h"
#include "kernel.h"
#include "x86.h"

#define MB2_BOOTLOADER_MAGIC 0x36d76289u

void guest_main(u64 boot_info_gpa);

/* Static: the kernel keeps pointing at it. */
static struct guest_boot_info bare_info;

struct mb2_tag { u32 type, size; };
struct mb2_mmap_entry { u64 base, length; u32 type, reserved; };

/* RAM the kernel can use: the usable region that holds the kernel (1 MiB),
 * up to the 1 GiB the boot mapping covers, in whole 2 MiB pages. */
static u64 ram_top(const u8 *tag)
{
	u32 entry_size = *(const u32 *)(tag + 8);
	u64 top = 0;
	for (const u8 *p = tag + 16; p + sizeof(struct mb2_mmap_entry) <=
				     tag + ((const struct mb2_tag *)tag)->size;
	     p += entry_size) {
		const struct mb2_mmap_entry *e = (const void *)p;
		if (e->type == 1 && e->base <= MiB(1) && e->base + e->length > MiB(1))
			top = e->base + e->length;
	}
	if (top > KERNEL_RAM_MAX)
		top = KERNEL_RAM_MAX;
	return ALIGN_DOWN(top, MiB(2));
}

void bare_main(u32 magic, u32 info);
void bare_main(u32 magic, u32 info)
{
	console_init();
	if (magic != MB2_BOOTLOADER_MAGIC) {
		kprintf("bare: not started by a Multiboot2 loader (eax=0x%x)\n", magic);
		return;
	}
	bare_info.magic = GUEST_BOOT_MAGIC;
	bare_info.host_mode = GUEST_BARE;
	const u8 *mbi = phys_to_virt(info);
	u32 total = *(const u32 *)mbi;
	for (const u8 *t = mbi + 8; t < mbi + total;
	     t += ALIGN_UP(((const struct mb2_tag *)t)->size, 8)) {
		u32 type = ((const struct mb2_tag *)t)->type;
		if (type == 0)
			break;
		if (type == 1)		/* command line */
			str_copy(bare_info.cmdline, (const char *)(t + 8),
				 sizeof(bare_info.cmdline));
		else if (type == 6)	/* memory map */
			bare_info.ram_size = ram_top(t);
	}
	kprintf("bare: no hypervisor; booted by Multiboot2, ram=%lluM\n",
		(unsigned long long)(bare_info.ram_size >> 20));
	guest_main(virt_to_phys(&bare_info));
}

/* Bochs' BIOS has an ACPI RSDP with OEM ID "BOCHS " (the VMM's
 * hv/platform.c checks the same, through its identity map). */
static bool under_bochs(void)
{
	for (u64 a = 0xe0000; a < 0x100000; a += 16) {
		const char *p = phys_to_virt(a);
		if (memcmp(p, "RSD PTR ", 8) == 0)
			return memcmp(p + 9, "BOCHS ", 6) == 0;
	}
	return false;
}

/* The bare run's verdict, in the VMM's words, and its end: the Bochs
 * harness's magic breakpoint (a no-op elsewhere) for a pass, its shutdown
 * port for a failure, else halt. */
void bare_report(int pass, u64 checksum) __attribute__((noreturn));
void bare_report(int pass, u64 checksum)
{
	kprintf("bare: result=%s checksum=0x%llx\n", pass ? "pass" : "fail",
		(unsigned long long)checksum);
	console_flush();	/* Bochs stops at the next instruction */
	if (pass)
		__asm__ volatile("xchg %%bx, %%bx" ::: "memory");
	else if (under_bochs())
		for (const char *p = "Shutdown"; *p; p++)
			outb(0x8900, (u8)*p);
	for (;;)
		__asm__ volatile("cli; hlt");
}
