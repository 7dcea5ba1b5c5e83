; entry.asm - the guest kernel's first instruction.  The VMM (or GRUB, in
; bare mode later) starts us in 64-bit mode with RDI = boot info (see
; guest/abi/guest_boot.h).  We only need a stack before C.
bits 64
section .text.entry
global _start
extern guest_main
_start:
	mov rsp, guest_stack_top
	xor ebp, ebp
	call guest_main			; does not return: it reports by VMCALL
.dead:
	cli
	hlt
	jmp .dead

section .bss
align 16
guest_stack: resb 16384
guest_stack_top:
