/*
 * frame.h - the guest kernel's physical page allocator: one bit per 4 KiB
 * frame of guest RAM, 1 = in use.  Pure code (no memory access beyond the
 * bitmap), so the host unit tests run it as it is.
 */
#ifndef GUEST_FRAME_H
#define GUEST_FRAME_H

#include "hv/types.h"

struct frame_alloc {
	u64 *bitmap;		/* nframes bits */
	u64 nframes;
	u64 hint;		/* where the next search starts */
	u64 free;		/* frames not in use */
};

/* All frames but frame 0 start free (0 is the "no frame" answer of
 * frame_alloc); reserve what the kernel and firmware hold. */
void frame_init(struct frame_alloc *fa, u64 *bitmap, u64 nframes);
void frame_reserve(struct frame_alloc *fa, u64 pa, u64 len);

/* A free frame's physical address (lowest after the hint), or 0 if none.
 * The frame is not zeroed: that needs a mapping, which is the caller's. */
u64 frame_alloc(struct frame_alloc *fa);

/* Returns a frame; false (and nothing changes) if it was not in use or is
 * outside RAM: a double free is a kernel bug the caller reports. */
bool frame_free(struct frame_alloc *fa, u64 pa);

#endif
