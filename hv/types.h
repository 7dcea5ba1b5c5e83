/*
 * types.h - the three address spaces of memory virtualization, as types.
 *
 * A guest-virtual address (gva_t) is what a guest program uses; the guest's
 * page tables turn it into a guest-physical address (gpa_t); EPT (or the
 * VMM's guest-RAM map, in shadow mode) turns that into a host-physical
 * address (hpa_t), which is what the memory bus really sees.
 *
 * They are wrapped in one-member structs so that passing a gpa where an hpa
 * is expected is a compile error, not a silent bug.  Use the constructors
 * (GPA(x)) and the .v member only at the edges: printing, hardware fields.
 */
#ifndef HV_TYPES_H
#define HV_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int64_t s64;

typedef struct { u64 v; } gva_t;	/* guest-virtual  */
typedef struct { u64 v; } gpa_t;	/* guest-physical */
typedef struct { u64 v; } hpa_t;	/* host-physical  */

#define GVA(x) ((gva_t){ (u64)(x) })
#define GPA(x) ((gpa_t){ (u64)(x) })
#define HPA(x) ((hpa_t){ (u64)(x) })

#define PAGE_SHIFT 12
#define PAGE_SIZE  4096ull
#define PAGE_MASK  (~(PAGE_SIZE - 1))
#define KiB(x) ((u64)(x) << 10)
#define MiB(x) ((u64)(x) << 20)
#define GiB(x) ((u64)(x) << 30)

#define ALIGN_UP(x, a)   (((x) + (a) - 1) & ~((u64)(a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((u64)(a) - 1))
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define BIT(n) (1ull << (n))

#endif
