/*
 * test.h - a very small unit-test harness for hvlab's pure code, compiled
 * for Linux.  A test case is one row of a table or one named check; each
 * prints a line only when it fails, and main() ends with the summary line
 * "unit: N passed, N failed".
 */
#ifndef TESTS_UNIT_TEST_H
#define TESTS_UNIT_TEST_H

#include <stdio.h>
#include <string.h>

struct test_counts {
	int passed, failed;
};
extern struct test_counts test_counts;

/* Records one case.  name/row identify it in the failure message. */
#define CHECK(cond, ...)                                                     \
	do {                                                                 \
		if (cond) {                                                  \
			test_counts.passed++;                                \
		} else {                                                     \
			test_counts.failed++;                                \
			printf("FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond); \
			printf(__VA_ARGS__);                                 \
			printf("\n");                                        \
		}                                                            \
	} while (0)

void test_fmt(void);
void test_options(void);
void test_paging(void);
void test_ept(void);
void test_caps(void);
void test_names(void);
void test_check(void);
void test_frame(void);
void test_shadow(void);
void test_pte_insn(void);
void test_x86_desc(void);
void test_walk(void);
void test_stats(void);

#endif
