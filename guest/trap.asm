; trap.asm - the guest kernel's exception entry points.  Each stub pushes a
; dummy error code where the CPU pushes none, then the vector, and joins
; trap_common, which saves the registers and calls trap() (guest/trap.c).
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
	and rsp, -16
	call trap		; reports the fault and does not return
.dead:
	cli
	hlt
	jmp .dead

section .rodata
align 8
global trap_stubs
trap_stubs:
%assign v 0
%rep 32
	dq trap_stub_%[v]
%assign v v+1
%endrep
