/*
 * progs.c - the user programs.  One image holds them all; a process is
 * started with a program number and an argument (abi/syscall.h).  Each
 * checks what it can see and reports a checksum of the data it verified.
 */
#include "abi/checksum.h"
#include "hv/fmt.h"
#include "kernel.h"
#include "ulib.h"

/* The same word for the same (seed, index) in every run and every mode. */
static u64 word(u64 seed, u64 i)
{
	return ((seed << 40) ^ i) * 0x9e3779b97f4a7c15ull;
}

/* The lecture: read virtual address 0x1000.  The kernel mapped it to
 * guest-physical 0xa000 and printed so; the VMM's log shows the host page. */
static int lecture(void)
{
	volatile u64 *p = (volatile u64 *)USER_LECTURE_VA;
	u64 v = *p;
	printf("lecture: read va=0x%llx value=0x%llx\n",
	       (unsigned long long)USER_LECTURE_VA, (unsigned long long)v);
	u64 refs = sys3(SYS_WALK, USER_LECTURE_VA, 0, 0);
	if (refs != SYS_ERROR)
		printf("lecture: the hardware's walk for va=0x%llx costs %llu memory references\n",
		       (unsigned long long)USER_LECTURE_VA, (unsigned long long)refs);
	*p = 0x1000;
	result(checksum_update(CHECKSUM_INIT, (const void *)p, sizeof(u64)));
	return v == 0 && *p == 0x1000 ? 0 : 1;
}

/* Isolation: two of these run at once with different seeds, get the same
 * heap address from malloc, and must each see only their own data after
 * switching back and forth. */
static int pattern(u64 seed)
{
	const u64 words = 8 * PAGE_SIZE / 8;
	u64 *buf = malloc(words * 8);
	u64 bad = 0;

	for (u64 i = 0; i < words; i++)
		buf[i] = word(seed, i);
	for (int round = 0; round < 3; round++)
		yield();
	for (u64 i = 0; i < words; i++)
		bad += buf[i] != word(seed, i);
	printf("pattern: seed=%llu buf=%p pages=8 mismatches=%llu\n",
	       (unsigned long long)seed, (void *)buf, (unsigned long long)bad);
	result(checksum_update(CHECKSUM_INIT, buf, words * 8));
	return bad ? 1 : 0;
}

/* A shared page: the writer's store must be seen by the reader. */
static int shared_writer(void)
{
	volatile u64 *s = (volatile u64 *)USER_SHARED_VA;
	*s = SHARED_MAGIC | 0x1234;
	printf("shared: wrote 0x%llx at va=0x%llx\n", (unsigned long long)*s,
	       (unsigned long long)USER_SHARED_VA);
	result(*s);
	return 0;
}

static int shared_reader(void)
{
	volatile u64 *s = (volatile u64 *)USER_SHARED_VA;
	for (int i = 0; i < 100; i++) {
		if (*s == (SHARED_MAGIC | 0x1234)) {
			printf("shared: read 0x%llx after %d yields\n",
			       (unsigned long long)*s, i);
			result(*s);
			return 0;
		}
		yield();
	}
	printf("shared: never saw the writer's data\n");
	return 1;
}

/* Must not work: the kernel half is supervisor-only. */
static int kernel_read(void)
{
	printf("isolation: reading kernel va=0x%llx from user mode\n",
	       (unsigned long long)(KERNEL_BASE + 0x100000));
	u64 v = *(volatile u64 *)(uintptr_t)(KERNEL_BASE + 0x100000);
	printf("isolation: BROKEN, read 0x%llx\n", (unsigned long long)v);
	return 1;
}

static int bad_address(void)
{
	printf("bad: touching va=0x30000000, outside every region\n");
	*(volatile u64 *)0x30000000 = 1;
	printf("bad: BROKEN, the write worked\n");
	return 1;
}

/* malloc and free, then the heap shrinks (the kernel unmaps the page and
 * INVLPGs it) and grows again: the page must come back zeroed, not with
 * the old data a stale TLB entry would show. */
static int heap(void)
{
	void *blocks[32];
	u64 bad = 0, h = CHECKSUM_INIT;

	for (u64 i = 0; i < 32; i++) {
		u64 n = 16 + i * 97;
		blocks[i] = malloc(n);
		memset(blocks[i], (int)i, n);
	}
	for (u64 i = 0; i < 32; i += 2)
		free(blocks[i]);
	for (u64 i = 0; i < 32; i += 2) {
		blocks[i] = malloc(16 + i * 97);
		memset(blocks[i], (int)i, 16 + i * 97);
	}
	for (u64 i = 0; i < 32; i++) {
		const u8 *b = blocks[i];
		for (u64 k = 0; k < 16 + i * 97; k++)
			bad += b[k] != (u8)i;
		h = checksum_update(h, b, 16 + i * 97);
	}
	u8 *cur = sbrk(0);
	sbrk((s64)(ALIGN_UP((u64)(uintptr_t)cur, PAGE_SIZE) - (u64)(uintptr_t)cur));
	volatile u8 *page = sbrk(PAGE_SIZE);
	page[0] = 0x5a;
	sbrk(-(s64)PAGE_SIZE);
	sbrk(PAGE_SIZE);
	u8 again = page[0];
	printf("heap: 32 blocks mismatches=%llu; page %p after shrink+regrow reads 0x%x (want 0)\n",
	       (unsigned long long)bad, (void *)page, again);
	result(h);
	return bad == 0 && again == 0 ? 0 : 1;
}

/* ---- workloads ---------------------------------------------------------- */

static int touch(void)
{
	volatile u8 *p = sbrk(PAGE_SIZE);
	p[0] = 1;
	return 0;
}

static int pfstorm(u64 pages)
{
	u8 *base = sbrk((s64)(pages * PAGE_SIZE));
	u64 sum = 0;
	for (u64 i = 0; i < pages; i++)
		base[i * PAGE_SIZE] = (u8)i;
	for (u64 i = 0; i < pages; i++)
		sum += base[i * PAGE_SIZE];
	result(sum);
	return 0;
}

static int yielder(u64 n)
{
	for (u64 i = 0; i < n; i++)
		yield();
	result(n);
	return 0;
}

static int wset(u64 pages)
{
	u64 *base = sbrk((s64)(pages * PAGE_SIZE));
	u64 x = 12345, sum = 0;
	for (u64 i = 0; i < pages; i++)
		base[i * 512] = i;
	for (u64 i = 0; i < 4 * pages; i++) {
		x = x * 6364136223846793005ull + 1442695040888963407ull;
		u64 *w = &base[(x >> 33) % pages * 512 + (x >> 20) % 512];
		*w += 1;
		sum += *w;
	}
	result(sum);
	return 0;
}

/* The guest rewriting its own page tables, hard: every page of the churn
 * region is mapped, written, moved to another frame, made read-only,
 * writable again, and unmapped, each step with INVLPG in the kernel; the
 * data must survive every step (and, under shadow paging, every trapped
 * page-table write). */
static int ptchurn(u64 rounds)
{
	const u64 pages = 8;
	u64 bad = 0, h = CHECKSUM_INIT;

	for (u64 r = 0; r < rounds; r++) {
		for (u64 p = 0; p < pages; p++) {
			u64 va = USER_CHURN_VA + p * PAGE_SIZE;
			u64 *w = (u64 *)(uintptr_t)va;
			bad += sys3(SYS_REMAP, va, REMAP_NEW, 0) != 0;
			for (u64 i = 0; i < 512; i++)
				w[i] = word(r * 16 + p, i);
			bad += sys3(SYS_REMAP, va, REMAP_MOVE, 0) != 0;
			bad += sys3(SYS_REMAP, va, REMAP_RO, 0) != 0;
			for (u64 i = 0; i < 512; i++)
				bad += w[i] != word(r * 16 + p, i);
			bad += sys3(SYS_REMAP, va, REMAP_RW, 0) != 0;
			w[0] += 1;
			h = checksum_update(h, w, PAGE_SIZE);
			bad += sys3(SYS_REMAP, va, REMAP_UNMAP, 0) != 0;
		}
		yield();
	}
	printf("ptchurn: rounds=%llu pages=%llu mismatches=%llu\n",
	       (unsigned long long)rounds, (unsigned long long)pages,
	       (unsigned long long)bad);
	result(h);
	return bad ? 1 : 0;
}

int umain(int prog, u64 arg);
int umain(int prog, u64 arg)
{
	switch (prog) {
	case PROG_LECTURE: return lecture();
	case PROG_PATTERN: return pattern(arg);
	case PROG_SHARED_WRITER: return shared_writer();
	case PROG_SHARED_READER: return shared_reader();
	case PROG_KERNEL_READ: return kernel_read();
	case PROG_BAD_ADDRESS: return bad_address();
	case PROG_HEAP: return heap();
	case PROG_TOUCH: return touch();
	case PROG_PFSTORM: return pfstorm(arg);
	case PROG_YIELDER: return yielder(arg);
	case PROG_WSET: return wset(arg);
	case PROG_PTCHURN: return ptchurn(arg);
	default:
		printf("no program %d\n", prog);
		return 1;
	}
}
