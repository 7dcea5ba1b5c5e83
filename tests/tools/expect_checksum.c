/*
 * expect_checksum.c - prints the checksum the guest's memory test must
 * report, computed on the host from the pattern definition alone.  The e2e
 * tests compare it with the "hvlab: result=pass checksum=..." log line, so a
 * guest (or VMM) that loses or aliases a page cannot pass.
 */
#include <stdio.h>
#include "guest/abi/checksum.h"
#include "guest/pattern.h"

int main(void)
{
	uint64_t h = CHECKSUM_INIT;
	for (uint64_t p = 0; p < MEMTEST_PAGES; p++)
		for (uint64_t i = 0; i < 4096 / 8; i++) {
			uint64_t w = pattern_word(p, i);
			h = checksum_update(h, &w, sizeof(w));
		}
	printf("0x%llx\n", (unsigned long long)h);
	return 0;
}
