/*
 * checksum.h - the checksum used in results (FNV-1a, 64-bit), shared by the
 * guest, the VMM and the host tests so all three compute the same number.
 */
#ifndef GUEST_ABI_CHECKSUM_H
#define GUEST_ABI_CHECKSUM_H

#include <stddef.h>
#include <stdint.h>

#define CHECKSUM_INIT 0xcbf29ce484222325ull

static inline uint64_t checksum_update(uint64_t h, const void *data, size_t n)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

#endif
