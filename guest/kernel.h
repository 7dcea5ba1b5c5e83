/*
 * kernel.h - the guest kernel's memory layout and shared helpers.
 *
 * Guest-physical memory (what the kernel manages):
 *   0x0000a000          the lecture's page (mapped at user va 0x1000)
 *   0x00010000-...      boot structures the VMM wrote (unused after boot)
 *   0x00100000-kend     the kernel image
 *   kend-RAM top        free frames (frame.c)
 * Virtual memory, in every address space:
 *   upper half          the kernel: KERNEL_BASE + pa for all of RAM
 *   lower half          the process: code, heap, stack, shared page
 */
#ifndef GUEST_KERNEL_H
#define GUEST_KERNEL_H

#include "abi/guest_boot.h"
#include "hv/types.h"

#define KERNEL_BASE GUEST_KERNEL_BASE
#define KERNEL_RAM_MAX GiB(1)		/* the direct map covers this much */

/* User address-space layout (lower half). */
#define USER_LECTURE_VA 0x1000ull	/* the lecture's "read 1000" */
#define LECTURE_GPA     0xa000ull
#define USER_CODE_VA    0x400000ull
#define USER_HEAP_VA    0x10000000ull
#define USER_HEAP_MAX   MiB(64)
#define USER_SHARED_VA  0x20000000ull
#define USER_STACK_TOP  0x7ffffff000ull
#define USER_STACK_MAX  (64 * PAGE_SIZE)
#define USER_TOP        0x0000800000000000ull

/* Segment selectors of the kernel's own GDT (cpu.c). */
#define KERNEL_CS 0x08
#define KERNEL_DS 0x10
#define USER_CS   (0x18 | 3)
#define USER_DS   (0x20 | 3)
#define KERNEL_TSS 0x28

static inline void *phys_to_virt(u64 pa) { return (void *)(uintptr_t)(pa + KERNEL_BASE); }
static inline u64 virt_to_phys(const void *va) { return (u64)(uintptr_t)va - KERNEL_BASE; }

/* The boot information, as the kernel keeps it. */
extern const struct guest_boot_info *boot_info;

#endif
