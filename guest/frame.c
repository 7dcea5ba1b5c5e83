/*
 * frame.c - bitmap allocator of guest-physical frames.
 */
#include "frame.h"

static bool used(const struct frame_alloc *fa, u64 f)
{
	return fa->bitmap[f / 64] & (1ull << (f % 64));
}

static void set_used(struct frame_alloc *fa, u64 f, bool on)
{
	if (on)
		fa->bitmap[f / 64] |= 1ull << (f % 64);
	else
		fa->bitmap[f / 64] &= ~(1ull << (f % 64));
}

void frame_init(struct frame_alloc *fa, u64 *bitmap, u64 nframes)
{
	fa->bitmap = bitmap;
	fa->nframes = nframes;
	fa->hint = 0;
	fa->free = nframes;
	for (u64 i = 0; i < (nframes + 63) / 64; i++)
		bitmap[i] = 0;
	frame_reserve(fa, 0, PAGE_SIZE);	/* 0 means "no frame" */
}

void frame_reserve(struct frame_alloc *fa, u64 pa, u64 len)
{
	u64 first = pa >> PAGE_SHIFT;
	u64 end = (pa + len + PAGE_SIZE - 1) >> PAGE_SHIFT;
	for (u64 f = first; f < end && f < fa->nframes; f++) {
		if (!used(fa, f))
			fa->free--;
		set_used(fa, f, true);
	}
}

u64 frame_alloc(struct frame_alloc *fa)
{
	for (u64 n = 0; n < fa->nframes; n++) {
		u64 f = (fa->hint + n) % fa->nframes;
		if (!used(fa, f)) {
			set_used(fa, f, true);
			fa->free--;
			fa->hint = f + 1;
			return f << PAGE_SHIFT;
		}
	}
	return 0;
}

bool frame_free(struct frame_alloc *fa, u64 pa)
{
	u64 f = pa >> PAGE_SHIFT;
	if ((pa & (PAGE_SIZE - 1)) || f >= fa->nframes || !used(fa, f))
		return false;
	set_used(fa, f, false);
	fa->free++;
	if (f < fa->hint)
		fa->hint = f;	/* reuse low frames first: deterministic layouts */
	return true;
}
