/*
 * test_options.c - boot option parsing, as a table: command line in,
 * settings (or the error) out.
 */
#include "hv/options.h"
#include "test.h"

struct opt_case {
	const char *cmdline;
	bool ok;
	enum mmu_mode mode;
	unsigned long long mem;
	enum exit_choice exit;
	const char *guest;
	const char *error;	/* substring of the error message */
};

#define M (1024ull * 1024)
static const struct opt_case cases[] = {
	/* cmdline                          ok     mode            mem        exit               guest          error */
	{ "",                               true,  MMU_MODE_EPT,    64 * M,   EXIT_CHOICE_AUTO,  "",            NULL },
	{ NULL,                             true,  MMU_MODE_EPT,    64 * M,   EXIT_CHOICE_AUTO,  "",            NULL },
	{ "mode=ept",                       true,  MMU_MODE_EPT,    64 * M,   EXIT_CHOICE_AUTO,  "",            NULL },
	{ "mode=shadow",                    true,  MMU_MODE_SHADOW, 64 * M,   EXIT_CHOICE_AUTO,  "",            NULL },
	{ "  mode=shadow\tmem=128M  ",      true,  MMU_MODE_SHADOW, 128 * M,  EXIT_CHOICE_AUTO,  "",            NULL },
	{ "mem=1G exit=qemu",               true,  MMU_MODE_EPT,    1024 * M, EXIT_CHOICE_QEMU,  "",            NULL },
	{ "mem=16384K exit=bochs",          true,  MMU_MODE_EPT,    16 * M,   EXIT_CHOICE_BOCHS, "",            NULL },
	{ "exit=halt",                      true,  MMU_MODE_EPT,    64 * M,   EXIT_CHOICE_HALT,  "",            NULL },
	{ "/boot/hvlab.elf mode=ept",       true,  MMU_MODE_EPT,    64 * M,   EXIT_CHOICE_AUTO,  "",            NULL },
	{ "\\EFI\\BOOT\\BOOTX64.EFI mem=32M", true, MMU_MODE_EPT,   32 * M,   EXIT_CHOICE_AUTO,  "",            NULL },
	{ "hvlab.efi",                      true,  MMU_MODE_EPT,    64 * M,   EXIT_CHOICE_AUTO,  "",            NULL },
	{ "mode=ept -- fault=ud",           true,  MMU_MODE_EPT,    64 * M,   EXIT_CHOICE_AUTO,  "fault=ud",    NULL },
	{ "-- a  b mode=shadow ",           true,  MMU_MODE_EPT,    64 * M,   EXIT_CHOICE_AUTO,  "a  b mode=shadow", NULL },
	{ "--",                             true,  MMU_MODE_EPT,    64 * M,   EXIT_CHOICE_AUTO,  "",            NULL },
	/* errors name the offending option */
	{ "mode=npt",                       false, 0, 0, 0, NULL, "bad value in boot option 'mode=npt'" },
	{ "colour=blue",                    false, 0, 0, 0, NULL, "unknown boot option 'colour=blue'" },
	{ "mode=ept verbose",               false, 0, 0, 0, NULL, "boot option 'verbose' needs a value" },
	{ "mem=64",                         false, 0, 0, 0, NULL, "guest RAM must be a multiple of 2M between 16M and 4G" },
	{ "mem=8M",                         false, 0, 0, 0, NULL, "between 16M and 4G" },
	{ "mem=8G",                         false, 0, 0, 0, NULL, "between 16M and 4G" },
	{ "mem=33M",                        false, 0, 0, 0, NULL, "multiple of 2M" },
	{ "mem=12Q",                        false, 0, 0, 0, NULL, "bad value in boot option 'mem=12Q'" },
	{ "mem=M",                          false, 0, 0, 0, NULL, "bad value" },
	{ "mem=99999999999999999999G",      false, 0, 0, 0, NULL, "bad value" },
	{ "mem=",                           false, 0, 0, 0, NULL, "bad value in boot option 'mem='" },
	{ "exit=reboot",                    false, 0, 0, 0, NULL, "bad value in boot option 'exit=reboot'" },
	{ "MODE=ept",                       false, 0, 0, 0, NULL, "unknown boot option 'MODE=ept'" },
};

void test_options(void)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct opt_case *c = &cases[i];
		struct options o;
		char err[OPT_ERROR_MAX];
		bool ok = options_parse(&o, c->cmdline, err, sizeof(err));

		if (c->ok) {
			CHECK(ok && o.mode == c->mode && o.guest_mem == c->mem &&
				      o.exit == c->exit &&
				      strcmp(o.guest_cmdline, c->guest) == 0,
			      "\"%s\": ok=%d err=\"%s\" mode=%d mem=%llu exit=%d guest=\"%s\"",
			      c->cmdline, ok, err, o.mode,
			      (unsigned long long)o.guest_mem, o.exit,
			      o.guest_cmdline);
		} else {
			CHECK(!ok && strstr(err, c->error),
			      "\"%s\": ok=%d err=\"%s\", want error containing \"%s\"",
			      c->cmdline, ok, err, c->error);
		}
	}
	struct options o;
	char err[OPT_ERROR_MAX];
	options_parse(&o, "mode=shadow", err, sizeof(err));
	CHECK(o.mode_given, "mode= sets mode_given");
	options_parse(&o, "mem=32M", err, sizeof(err));
	CHECK(!o.mode_given, "no mode= leaves mode_given clear");
	options_parse(&o, "", err, sizeof(err));
	CHECK(o.ept_level == 1, "4 KiB EPT pages by default");
	options_parse(&o, "ept_pages=2m", err, sizeof(err));
	CHECK(o.ept_level == 2, "ept_pages=2m");
	options_parse(&o, "ept_pages=1g", err, sizeof(err));
	CHECK(o.ept_level == 3, "ept_pages=1g");
	CHECK(!options_parse(&o, "ept_pages=4m", err, sizeof(err)) &&
		      strstr(err, "ept_pages=4m"),
	      "ept_pages=4m is refused: %s", err);
	CHECK(o.log_level == 1, "log=events by default");
	options_parse(&o, "log=quiet", err, sizeof(err));
	CHECK(o.log_level == 0, "log=quiet");
	options_parse(&o, "log=trace", err, sizeof(err));
	CHECK(o.log_level == 2, "log=trace");
	CHECK(!options_parse(&o, "log=loud", err, sizeof(err)), "log=loud refused");
	options_parse(&o, "break=host-state", err, sizeof(err));
	CHECK(o.break_vmcs == BREAK_HOST_STATE, "break=host-state");
	CHECK(!options_parse(&o, "break=everything", err, sizeof(err)),
	      "break= rejects unknown areas");
	options_parse(&o, "", err, sizeof(err));
	CHECK(o.break_vmcs == BREAK_NONE, "nothing broken by default");
	CHECK(strcmp(mmu_mode_name(MMU_MODE_SHADOW), "shadow") == 0 &&
		      strcmp(mmu_mode_name(MMU_MODE_EPT), "ept") == 0,
	      "mode names");
}
