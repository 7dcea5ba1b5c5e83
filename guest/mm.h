/*
 * mm.h - the guest kernel's address spaces: one kernel page table whose
 * upper half every process shares, and a lower half per process.
 */
#ifndef GUEST_MM_H
#define GUEST_MM_H

#include "frame.h"
#include "hv/mmu/paging.h"

/* A leaf this address space does not own (shared or lecture page): freeing
 * the address space leaves the frame alone.  An "available" PTE bit. */
#define PTE_NOT_OWNED BIT(9)
#define PTE_USER_RW (IA32E_P | IA32E_RW | IA32E_US)

extern struct frame_alloc frames;
extern u64 kernel_pml4;		/* guest-physical */

/* Builds the kernel's page tables (direct map of RAM at KERNEL_BASE with
 * 2 MiB pages) and loads them into CR3. */
void mm_init(u64 ram_size, u64 kernel_end_pa);

/* A zeroed frame, or 0 when guest RAM is exhausted. */
u64 mm_zalloc(void);

/* A new address space: empty lower half, the kernel's upper half. */
u64 mm_new_aspace(void);

/* Maps one 4 KiB page; false when out of memory. */
bool mm_map(u64 pml4, u64 va, u64 pa, u64 flags);

/* Removes the mapping of va (INVLPG when pml4 is the live one) and returns
 * the frame that was mapped, 0 if none. */
u64 mm_unmap(u64 pml4, u64 va);

/* Replaces the flags of the live mapping at va (INVLPG when live). */
bool mm_set_flags(u64 pml4, u64 va, u64 flags);

/* The leaf entry for va (0 if unmapped). */
u64 mm_lookup(u64 pml4, u64 va);

/* Frees every lower-half table and every frame the space owns. */
void mm_free_aspace(u64 pml4);

/* How many page-table pages (all levels) a space's lower half uses, its
 * PML4 included; and the kernel's whole table. */
u64 mm_count_tables(u64 pml4);
u64 mm_count_kernel_tables(void);

#endif
