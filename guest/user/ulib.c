/*
 * ulib.c - printf and a small first-fit malloc for the user programs.
 */
#include <stdarg.h>
#include "hv/fmt.h"
#include "ulib.h"

void printf(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	int n = fmt_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(buf) - 1)
		n = sizeof(buf) - 1;
	sys3(SYS_WRITE, (u64)(uintptr_t)buf, (u64)n, 0);
}

/* Every block has a header; free blocks stay in place and are reused by
 * the first request that fits.  The heap grows with sbrk, a page or more
 * at a time, and its pages appear on first touch (the kernel's #PF). */
struct block {
	u64 size;		/* bytes after the header */
	bool free;
	struct block *next;
};

static struct block *head, *tail;

void *malloc(u64 size)
{
	size = ALIGN_UP(size, 16);
	for (struct block *b = head; b; b = b->next)
		if (b->free && b->size >= size) {
			b->free = false;
			return b + 1;
		}
	u64 total = ALIGN_UP(sizeof(struct block) + size, 16);
	struct block *b = sbrk((s64)total);
	if ((u64)(uintptr_t)b == SYS_ERROR)
		return NULL;
	b->size = total - sizeof(struct block);
	b->free = false;
	b->next = NULL;
	if (tail)
		tail->next = b;
	else
		head = b;
	tail = b;
	return b + 1;
}

void free(void *p)
{
	if (p)
		((struct block *)p - 1)->free = true;
}
