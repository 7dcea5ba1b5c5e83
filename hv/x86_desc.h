/*
 * x86_desc.h - the x86-64 descriptor structures (SDM vol. 3, 3.4.5, 6.14,
 * 8.7) and the interrupt frame, shared by the VMM (hv/host.c) and the
 * guest kernel (guest/cpu.c, guest/trap.c): the same hardware, one
 * definition.  Pure encoders in x86_desc.c.
 */
#ifndef HV_X86_DESC_H
#define HV_X86_DESC_H

#include "types.h"

/* Segment descriptors: 64-bit code (L=1) and data, DPL 0 and 3. */
#define GDT_KERNEL_CODE64 0x00af9a000000ffffull
#define GDT_KERNEL_DATA   0x00cf92000000ffffull
#define GDT_USER_CODE64   0x00affa000000ffffull
#define GDT_USER_DATA     0x00cff2000000ffffull

struct tss64 {
	u32 reserved0;
	u64 rsp[3];		/* stacks for CPL 0-2 (rsp[0]: from user mode) */
	u64 reserved1;
	u64 ist[7];		/* interrupt stack table */
	u64 reserved2;
	u16 reserved3;
	u16 iomap_base;
} __attribute__((packed));

struct idt_gate {
	u16 offset_lo;
	u16 selector;
	u8 ist;
	u8 type_attr;
	u16 offset_mid;
	u32 offset_hi;
	u32 reserved;
} __attribute__((packed));

struct desc_ptr {		/* the operand of LGDT/LIDT */
	u16 limit;
	u64 base;
} __attribute__((packed));

/* What the trap stubs (hv/x86_trap.inc) push: general registers, vector,
 * error code (0 when the CPU pushes none), then the CPU's own frame.
 * 176 bytes: with the CPU's 16-byte alignment the handler's stack is
 * ABI-aligned. */
struct trap_frame {
	u64 r15, r14, r13, r12, r11, r10, r9, r8;
	u64 rbp, rdi, rsi, rdx, rcx, rbx, rax;
	u64 vector, error;
	u64 rip, cs, rflags, rsp, ss;
};

/* A present 64-bit interrupt gate (interrupts stay off in the handler). */
struct idt_gate idt_interrupt_gate(u64 handler, u16 selector, u8 dpl, u8 ist);

/* The two GDT slots of an available 64-bit TSS descriptor (SDM 8.2.3). */
void gdt_tss_descriptor(u64 slots[2], u64 base, u32 limit);

/* "#PF page fault" for 14, and so on. */
const char *exception_name(unsigned vector);

#endif
