/*
 * ulib.h - the user programs' little C library: system calls, printf and
 * malloc (on top of sbrk).
 */
#ifndef GUEST_USER_ULIB_H
#define GUEST_USER_ULIB_H

#include "abi/syscall.h"
#include "hv/types.h"

static inline u64 sys3(u64 nr, u64 a, u64 b, u64 c)
{
	u64 ret;
	__asm__ volatile("int $0x80" : "=a"(ret) : "a"(nr), "D"(a), "S"(b), "d"(c)
			 : "memory");
	return ret;
}

static inline void *sbrk(s64 inc) { return (void *)(uintptr_t)sys3(SYS_SBRK, (u64)inc, 0, 0); }
static inline void yield(void) { sys3(SYS_YIELD, 0, 0, 0); }
static inline void result(u64 checksum) { sys3(SYS_RESULT, checksum, 0, 0); }
static inline int getpid(void) { return (int)sys3(SYS_GETPID, 0, 0, 0); }
static inline u64 ticks(void) { return sys3(SYS_TICKS, 0, 0, 0); }

void printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void *malloc(u64 size);
void free(void *p);

#endif
