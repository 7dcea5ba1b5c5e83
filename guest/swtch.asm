; swtch.asm - switch kernel stacks: the heart of a context switch.
; void swtch(struct context **save, struct context *next)
;   Pushes the callee-saved registers (a struct context, with the return
;   address on top), stores the stack pointer in *save, loads next as the
;   stack pointer, pops its registers and returns into it.
bits 64
%include "hv/x86_trap.inc"
section .text
global swtch
swtch:
	PUSH_CALLEE_SAVED
	mov [rdi], rsp
	mov rsp, rsi
	POP_CALLEE_SAVED
	ret
