/*
 * pattern.h - the data the guest's memory test writes, shared with the host
 * test tool (tests/tools/expect.c) that computes the expected checksum.
 */
#ifndef GUEST_PATTERN_H
#define GUEST_PATTERN_H

#include <stdint.h>

#define MEMTEST_PAGES 16
#define MEMTEST_VA    0x40000000ull	/* where the guest maps them */
#define MEMTEST_GPA   0x800000ull	/* which guest-physical pages back them */

/* The 64-bit word at index i of page p: distinct for every word and page. */
static inline uint64_t pattern_word(uint64_t page, uint64_t i)
{
	return ((page << 32) | i) * 0x9e3779b97f4a7c15ull;
}

#endif
