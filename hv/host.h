/*
 * host.h - the VMM's own machine state: its memory pool, page tables,
 * GDT/TSS/IDT and stack.  One per machine, set up by host_init() before any
 * VM exists.  The VMX host-state area of the VMCS is filled from here.
 */
#ifndef HV_HOST_H
#define HV_HOST_H

#include "boot_info.h"
#include "palloc.h"
#include "types.h"
#include "x86_desc.h"

#define HOST_CS 0x08
#define HOST_DS 0x10
#define HOST_TR 0x18
#define HOST_GDT_ENTRIES 5		/* null, code, data, TSS (two slots) */
#define HOST_STACK_PAGES 16

struct host {
	const struct boot_info *bi;
	struct palloc pa;
	hpa_t cr3;			/* root of the VMM's identity map */
	u64 mapped_bytes;		/* [0, mapped_bytes) is identity-mapped */
	bool has_1g_pages;
	u64 gdt[HOST_GDT_ENTRIES] __attribute__((aligned(16)));
	struct tss64 tss __attribute__((aligned(16)));
	struct idt_gate idt[32] __attribute__((aligned(16)));
	hpa_t stack_top;
};

/* Memory the VMM needs besides guest RAM: per guest page 8 bytes of
 * frame array, up to 10 bytes of shadow-paging bookkeeping and about 8
 * bytes of EPT or shadow tables (1/128 of guest RAM covers all three),
 * plus 8 MiB for host page tables, VMXON region, VMCS and stacks. */
static inline u64 host_pool_overhead(u64 guest_mem)
{
	return guest_mem / 128 + MiB(8);
}

/* Builds page tables, GDT, TSS and IDT and loads them.  Panics on failure. */
void host_init(struct host *h, const struct boot_info *bi, u64 guest_mem);

/* Calls fn(arg) on the stack whose top is given; fn must not return. */
void host_switch_stack(void (*fn)(void *), void *arg, u64 stack_top)
	__attribute__((noreturn));

#endif
