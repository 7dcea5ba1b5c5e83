/*
 * main.c - runs every unit-test group and prints the summary.
 */
#include "test.h"

struct test_counts test_counts;

int main(void)
{
	static const struct { const char *name; void (*fn)(void); } groups[] = {
		{ "fmt", test_fmt },
		{ "options", test_options },
		{ "paging", test_paging },
		{ "ept", test_ept },
		{ "caps", test_caps },
		{ "names", test_names },
		{ "check", test_check },
		{ "frame", test_frame },
		{ "shadow", test_shadow },
		{ "pte_insn", test_pte_insn },
		{ "x86_desc", test_x86_desc },
		{ "walk", test_walk },
		{ "stats", test_stats },
	};
	for (size_t i = 0; i < sizeof(groups) / sizeof(groups[0]); i++) {
		int before = test_counts.passed + test_counts.failed;
		groups[i].fn();
		printf("unit group %-8s %d cases\n", groups[i].name,
		       test_counts.passed + test_counts.failed - before);
	}
	printf("unit: %d passed, %d failed\n", test_counts.passed,
	       test_counts.failed);
	return test_counts.failed ? 1 : 0;
}
