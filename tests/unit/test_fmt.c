/*
 * test_fmt.c - the log formatter, against exact strings.
 */
#include "hv/fmt.h"
#include "test.h"

#define EXPECT_FMT(expected, ...)                                             \
	do {                                                                  \
		char buf[128];                                                \
		int n = fmt_snprintf(buf, sizeof(buf), __VA_ARGS__);          \
		CHECK(strcmp(buf, expected) == 0 && n == (int)strlen(expected), \
		      "got \"%s\" (%d), want \"%s\"", buf, n, expected);      \
	} while (0)

void test_fmt(void)
{
	/* the shapes hvlab's log lines use */
	EXPECT_FMT("ept: violation gpa=0xa000 access=read -> hpa=0xffa5000",
		   "ept: violation gpa=0x%llx access=%s -> hpa=0x%llx",
		   0xa000ull, "read", 0xffa5000ull);
	EXPECT_FMT("0xb8b3c80f321cd667", "%#llx", 0xb8b3c80f321cd667ull);
	EXPECT_FMT("entry at 0x0000000000011003", "entry at 0x%016llx", 0x11003ull);
	EXPECT_FMT("PT  |", "%-4s|", "PT");
	EXPECT_FMT("  PT|", "%4s|", "PT");
	EXPECT_FMT("abc", "%.3s", "abcdef");
	EXPECT_FMT("ab", "%.*s", 2, "abcdef");
	EXPECT_FMT("-42 42 0", "%d %u %d", -42, 42u, 0);
	EXPECT_FMT("-9223372036854775808", "%lld", (long long)(-9223372036854775807LL - 1));
	EXPECT_FMT("18446744073709551615", "%llu", ~0ull);
	EXPECT_FMT("00ff FF", "%04x %X", 0xffu, 0xffu);
	EXPECT_FMT("x=7 size=3", "x=%zu size=%zd", (size_t)7, (size_t)3);
	EXPECT_FMT("100%", "100%%");
	EXPECT_FMT("c=Z", "c=%c", 'Z');
	/* Misuse that must not crash the VMM; the compiler rightly warns. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
#pragma GCC diagnostic ignored "-Wformat-overflow"
	EXPECT_FMT("(null)", "%s", (const char *)NULL);
	EXPECT_FMT("%q", "%q");
#pragma GCC diagnostic pop

	/* truncation: always terminated, returns the full length */
	char small[8];
	int n = fmt_snprintf(small, sizeof(small), "hvlab: %s", "truncated");
	CHECK(n == 16 && strcmp(small, "hvlab: ") == 0,
	      "n=%d small=\"%s\"", n, small);

	/* string helpers */
	char dst[4];
	str_copy(dst, "abcdef", sizeof(dst));
	CHECK(strcmp(dst, "abc") == 0, "str_copy gave \"%s\"", dst);
	CHECK(str_cmp("ept", "ept") == 0 && str_cmp("ept", "epu") < 0,
	      "str_cmp");
	CHECK(str_ncmp("mode=ept", "mode=shadow", 5) == 0, "str_ncmp");
	CHECK(str_len("") == 0 && str_len("hvlab") == 5, "str_len");
}
