; trap.asm - the VMM's descriptor-table loading and exception entry stubs.
; Any exception in VMX root operation is a hypervisor bug: the stubs build a
; trap_frame (hv/host.c) and call host_trap(), which prints it and stops.

bits 64
default rel
%include "hv/x86_trap.inc"
section .text

; void host_load_gdt(const struct desc_ptr *gdtr, u16 cs, u16 ds, u16 tr)
global host_load_gdt
host_load_gdt:
	lgdt [rdi]
	mov ds, dx
	mov es, dx
	mov ss, dx
	mov fs, dx
	mov gs, dx
	ltr cx
	; reload CS with a far return: push selector, push target
	movzx rsi, si
	push rsi
	lea rax, [.reloaded]
	push rax
	retfq
.reloaded:
	ret

; void host_load_idt(const struct desc_ptr *idtr)
global host_load_idt
host_load_idt:
	lidt [rdi]
	ret

; void host_switch_stack(void (*fn)(void *), void *arg, u64 stack_top)
global host_switch_stack
host_switch_stack:
	mov rsp, rdx
	xor ebp, ebp
	mov rax, rdi
	mov rdi, rsi
	push 0			; fake return address keeps the ABI alignment
	jmp rax

extern host_trap

%assign v 0
%rep 32
TRAP_STUB v, trap_common
%assign v v+1
%endrep

trap_common:
	PUSH_GPRS
	mov rdi, rsp
	and rsp, -16
	call host_trap
.dead:
	cli
	hlt
	jmp .dead

section .data
align 8
global host_trap_stubs
host_trap_stubs:
%assign v 0
%rep 32
	dq trap_stub_%[v]
%assign v v+1
%endrep
