; trap.asm - the guest kernel's interrupt entry and exit.  Each stub pushes
; a dummy error code where the CPU pushes none, then the vector, and joins
; trap_common, which saves the registers as a struct trap_frame (trap.h)
; and calls trap().  trapret restores them and returns with IRETQ, to the
; kernel or to user mode; a new process starts life there too (proc.c).
bits 64
section .text
extern trap

; Vectors with a CPU-pushed error code (SDM vol. 3, 6.3.1): 8, 10-14, 17, 21.
%macro STUB 1
trap_stub_%1:
%if %1 == 8 || (%1 >= 10 && %1 <= 14) || %1 == 17 || %1 == 21
%else
	push 0
%endif
	push %1
	jmp trap_common
%endmacro

%assign v 0
%rep 32
STUB v
%assign v v+1
%endrep
STUB 128			; int 0x80: system calls

trap_common:
	push rax
	push rbx
	push rcx
	push rdx
	push rsi
	push rdi
	push rbp
	push r8
	push r9
	push r10
	push r11
	push r12
	push r13
	push r14
	push r15
	mov rdi, rsp
	call trap		; the frame is 16-byte aligned: see trap.h
global trapret
trapret:
	pop r15
	pop r14
	pop r13
	pop r12
	pop r11
	pop r10
	pop r9
	pop r8
	pop rbp
	pop rdi
	pop rsi
	pop rdx
	pop rcx
	pop rbx
	pop rax
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
