/*
 * test_frame.c - the guest kernel's frame allocator (guest/frame.c).
 */
#include "guest/frame.h"
#include "test.h"

void test_frame(void)
{
	u64 bitmap[2];			/* 128 frames */
	struct frame_alloc fa;

	frame_init(&fa, bitmap, 100);
	CHECK(fa.free == 99, "all but frame 0 free after init: %llu",
	      (unsigned long long)fa.free);
	frame_reserve(&fa, 0, 0x10000);	/* frames 0-15 */
	frame_reserve(&fa, 0x8000, 0x1000);	/* already reserved: no double count */
	CHECK(fa.free == 84, "reserve 16 frames: %llu free", (unsigned long long)fa.free);
	u64 a = frame_alloc(&fa), b = frame_alloc(&fa);
	CHECK(a == 0x10000 && b == 0x11000, "lowest free first: 0x%llx 0x%llx",
	      (unsigned long long)a, (unsigned long long)b);
	CHECK(frame_free(&fa, a), "free a");
	CHECK(!frame_free(&fa, a), "double free is refused");
	CHECK(!frame_free(&fa, 0x10010), "unaligned free is refused");
	CHECK(!frame_free(&fa, 100 * 4096), "free outside RAM is refused");
	CHECK(frame_alloc(&fa) == a, "a freed low frame is reused first");
	frame_reserve(&fa, 0x12000, 99 * 4096);	/* the rest, past the end too */
	CHECK(fa.free == 0, "everything in use: %llu", (unsigned long long)fa.free);
	CHECK(frame_alloc(&fa) == 0, "an empty allocator returns 0");
	CHECK(frame_free(&fa, b) && frame_alloc(&fa) == b && fa.free == 0,
	      "free then alloc round trip");
	/* a partial page is reserved whole; frame 0 is never handed out */
	frame_init(&fa, bitmap, 128);
	frame_reserve(&fa, 0x1800, 0x10);
	CHECK(fa.free == 126 && frame_alloc(&fa) == 0x2000,
	      "frames 0 and 1 skipped, free=%llu", (unsigned long long)fa.free);
}
