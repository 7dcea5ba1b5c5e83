/*
 * fmt.h - a small printf formatter, freestanding (no libc in the VMM).
 *
 * Supports: %s %c %d %i %u %x %X %p %%, the flags '-', '0', '#', a field
 * width (number or *), a precision for %s (.N or .*), and the length modifiers hh h l ll z.
 * Output is always NUL-terminated; the return value is the length the full
 * output would have had (as C's snprintf), so truncation can be detected.
 */
#ifndef HV_FMT_H
#define HV_FMT_H

#include <stdarg.h>
#include "types.h"

int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Freestanding string helpers the VMM uses (the compiler may also emit calls
 * to memcpy/memset, so those two keep their standard names). */
size_t str_len(const char *s);
int str_cmp(const char *a, const char *b);
int str_ncmp(const char *a, const char *b, size_t n);
void str_copy(char *dst, const char *src, size_t size);	/* always terminates */
void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

#endif
