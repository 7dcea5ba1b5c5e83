/*
 * options.h - boot options, the same on every boot path.
 *
 *   mode=ept|shadow        how guest memory is virtualized      (ept)
 *   mem=SIZE               guest RAM, e.g. 64M, 128M, 1G         (64M)
 *   exit=auto|qemu|bochs|halt  how the run ends                 (auto)
 *   log=quiet|events|trace how much the log says (hv/log.h)      (events)
 *   ept_pages=4k|2m|1g     EPT page size: 4k shows every first touch,
 *                          large pages are the fast setting           (4k)
 *   break=controls|host-state|guest-state
 *                          deliberately break one VMCS area before the
 *                          first VM entry, to see how entry failures are
 *                          reported (a lab exercise and a test)       (none)
 *   -- ARGS                everything after "--" is the guest's command line
 *
 * A leading program name (UEFI shell, GRUB) is skipped: the first word is
 * ignored when it contains '/' or '\' or ends in ".efi"/".elf".
 * Unknown options and bad values are errors: the run stops with a message
 * naming the option, rather than booting with a setting nobody asked for.
 */
#ifndef HV_OPTIONS_H
#define HV_OPTIONS_H

#include "types.h"

enum mmu_mode { MMU_MODE_EPT, MMU_MODE_SHADOW };
enum exit_choice { EXIT_CHOICE_AUTO, EXIT_CHOICE_QEMU, EXIT_CHOICE_BOCHS, EXIT_CHOICE_HALT };
enum break_choice { BREAK_NONE, BREAK_CONTROLS, BREAK_HOST_STATE, BREAK_GUEST_STATE };

#define OPT_GUEST_CMDLINE_MAX 256
#define OPT_ERROR_MAX 160

#define GUEST_MEM_DEFAULT MiB(64)
#define GUEST_MEM_MIN     MiB(16)
#define GUEST_MEM_MAX     GiB(4)

struct options {
	enum mmu_mode mode;
	bool mode_given;		/* mode= was on the command line */
	u64 guest_mem;			/* bytes, a multiple of 2 MiB */
	enum exit_choice exit;
	enum break_choice break_vmcs;
	int ept_level;			/* EPT leaf level: 1 (4k), 2 (2m), 3 (1g) */
	int log_level;			/* enum log_level (hv/log.h) */
	char guest_cmdline[OPT_GUEST_CMDLINE_MAX];
};

void options_defaults(struct options *o);

/* Parses cmdline into o (starting from the defaults).  Returns true on
 * success; on failure writes a one-line reason into err. */
bool options_parse(struct options *o, const char *cmdline, char *err,
		   size_t err_size);

const char *mmu_mode_name(enum mmu_mode m);

#endif
