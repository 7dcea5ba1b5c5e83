; trap.asm - the guest kernel's interrupt entry and exit.  Each stub pushes
; a dummy error code where the CPU pushes none, then the vector, and joins
; trap_common (macros in hv/x86_trap.inc), which saves the registers as a struct trap_frame (trap.h)
; and calls trap().  trapret restores them and returns with IRETQ, to the
; kernel or to user mode; a new process starts life there too (proc.c).
bits 64
%include "hv/x86_trap.inc"
section .text
extern trap

%assign v 0
%rep 32
TRAP_STUB v, trap_common
%assign v v+1
%endrep
TRAP_STUB 128, trap_common	; int 0x80: system calls

trap_common:
	PUSH_GPRS
	mov rdi, rsp
	call trap		; the frame is 16-byte aligned: see trap.h
global trapret
trapret:
	POP_GPRS
	add rsp, 16		; vector and error code
	iretq

section .rodata
align 8
global trap_stubs
trap_stubs:
%assign v 0
%rep 32
	dq trap_stub_%[v]
%assign v v+1
%endrep
	dq trap_stub_128
