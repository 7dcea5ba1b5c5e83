/*
 * options.c - parse the boot command line (pure code, unit-tested on the host).
 */
#include "fmt.h"
#include "options.h"

void options_defaults(struct options *o)
{
	memset(o, 0, sizeof(*o));
	o->mode = MMU_MODE_EPT;
	o->guest_mem = GUEST_MEM_DEFAULT;
	o->exit = EXIT_CHOICE_AUTO;
	o->ept_level = 1;
	o->log_level = 1;	/* LOG_EVENTS */
}

const char *mmu_mode_name(enum mmu_mode m)
{
	return m == MMU_MODE_SHADOW ? "shadow" : "ept";
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool ends_with(const char *s, size_t n, const char *suffix)
{
	size_t k = str_len(suffix);
	if (n < k)
		return false;
	for (size_t i = 0; i < k; i++) {
		char c = s[n - k + i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != suffix[i])
			return false;
	}
	return true;
}

static bool looks_like_program(const char *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (w[i] == '/' || w[i] == '\\')
			return true;
	return ends_with(w, n, ".efi") || ends_with(w, n, ".elf");
}

/* "64M" -> bytes.  Accepts K, M, G suffixes (binary); no suffix = bytes. */
static bool parse_size(const char *s, size_t n, u64 *out)
{
	u64 v = 0;
	size_t i = 0;
	if (n == 0)
		return false;
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
		if (v > (~0ull - 9) / 10)
			return false;
		v = v * 10 + (u64)(s[i] - '0');
	}
	if (i == 0)
		return false;
	if (i < n) {
		unsigned shift;
		switch (s[i]) {
		case 'k': case 'K': shift = 10; break;
		case 'm': case 'M': shift = 20; break;
		case 'g': case 'G': shift = 30; break;
		default: return false;
		}
		if (i + 1 != n || v > (~0ull >> shift))
			return false;
		v <<= shift;
	}
	*out = v;
	return true;
}

static bool value_is(const char *v, size_t n, const char *word)
{
	return str_len(word) == n && str_ncmp(v, word, n) == 0;
}

/* The options that take one word out of a fixed list. */
struct choice {
	const char *word;
	int value;
};

static const struct choice mode_words[] = {
	{ "ept", MMU_MODE_EPT }, { "shadow", MMU_MODE_SHADOW }, { NULL, 0 } };
static const struct choice exit_words[] = {
	{ "auto", EXIT_CHOICE_AUTO }, { "qemu", EXIT_CHOICE_QEMU },
	{ "bochs", EXIT_CHOICE_BOCHS }, { "halt", EXIT_CHOICE_HALT }, { NULL, 0 } };
static const struct choice log_words[] = {
	{ "quiet", 0 }, { "events", 1 }, { "trace", 2 }, { NULL, 0 } };
static const struct choice ept_page_words[] = {
	{ "4k", 1 }, { "2m", 2 }, { "1g", 3 }, { NULL, 0 } };
static const struct choice break_words[] = {
	{ "controls", BREAK_CONTROLS }, { "host-state", BREAK_HOST_STATE },
	{ "guest-state", BREAK_GUEST_STATE }, { NULL, 0 } };

/* Finds val in words; false if it is not one of them. */
static bool choose(const struct choice *words, const char *val, size_t vlen,
		   int *out)
{
	for (; words->word; words++)
		if (value_is(val, vlen, words->word)) {
			*out = words->value;
			return true;
		}
	return false;
}

static bool set_option(struct options *o, const char *key, size_t klen,
		       const char *val, size_t vlen, char *err, size_t esz)
{
	int v;
	if (value_is(key, klen, "mode")) {
		if (!choose(mode_words, val, vlen, &v))
			goto bad_value;
		o->mode = (enum mmu_mode)v;
		o->mode_given = true;
		return true;
	}
	if (value_is(key, klen, "mem")) {
		u64 bytes;
		if (!parse_size(val, vlen, &bytes))
			goto bad_value;
		if (bytes < GUEST_MEM_MIN || bytes > GUEST_MEM_MAX ||
		    bytes % MiB(2)) {
			fmt_snprintf(err, esz, "mem=%.*s: guest RAM must be a multiple of 2M between 16M and 4G",
				     (int)vlen, val);
			return false;
		}
		o->guest_mem = bytes;
		return true;
	}
	if (value_is(key, klen, "exit")) {
		if (!choose(exit_words, val, vlen, &v))
			goto bad_value;
		o->exit = (enum exit_choice)v;
		return true;
	}
	if (value_is(key, klen, "log")) {
		if (!choose(log_words, val, vlen, &o->log_level))
			goto bad_value;
		return true;
	}
	if (value_is(key, klen, "ept_pages")) {
		if (!choose(ept_page_words, val, vlen, &o->ept_level))
			goto bad_value;
		return true;
	}
	if (value_is(key, klen, "break")) {
		if (!choose(break_words, val, vlen, &v))
			goto bad_value;
		o->break_vmcs = (enum break_choice)v;
		return true;
	}
	fmt_snprintf(err, esz, "unknown boot option '%.*s' (known: mode= mem= ept_pages= log= exit= break= and -- for guest arguments)",
		     (int)(klen + (vlen ? vlen + 1 : 0)), key);
	return false;

bad_value:
	fmt_snprintf(err, esz, "bad value in boot option '%.*s=%.*s'",
		     (int)klen, key, (int)vlen, val);
	return false;
}

bool options_parse(struct options *o, const char *cmdline, char *err,
		   size_t err_size)
{
	const char *p = cmdline ? cmdline : "";
	bool first = true;

	options_defaults(o);
	err[0] = '\0';
	for (;;) {
		while (is_space(*p))
			p++;
		if (!*p)
			return true;
		const char *w = p;
		while (*p && !is_space(*p))
			p++;
		size_t n = (size_t)(p - w);

		if (first && looks_like_program(w, n)) {
			first = false;
			continue;
		}
		first = false;
		if (n == 2 && w[0] == '-' && w[1] == '-') {
			while (is_space(*p))
				p++;
			size_t len = str_len(p);
			while (len && is_space(p[len - 1]))
				len--;
			if (len >= sizeof(o->guest_cmdline)) {
				fmt_snprintf(err, err_size, "guest command line longer than %d characters",
					     (int)sizeof(o->guest_cmdline) - 1);
				return false;
			}
			memcpy(o->guest_cmdline, p, len);
			o->guest_cmdline[len] = '\0';
			return true;
		}
		size_t k = 0;
		while (k < n && w[k] != '=')
			k++;
		if (k == n) {
			fmt_snprintf(err, err_size, "boot option '%.*s' needs a value (name=value)",
				     (int)n, w);
			return false;
		}
		if (!set_option(o, w, k, w + k + 1, n - k - 1, err, err_size))
			return false;
	}
}
