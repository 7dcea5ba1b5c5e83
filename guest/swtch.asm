; swtch.asm - switch kernel stacks: the heart of a context switch.
; void swtch(struct context **save, struct context *next)
;   Pushes the callee-saved registers (a struct context, with the return
;   address on top), stores the stack pointer in *save, loads next as the
;   stack pointer, pops its registers and returns into it.
bits 64
section .text
global swtch
swtch:
	push rbp
	push rbx
	push r12
	push r13
	push r14
	push r15
	mov [rdi], rsp
	mov rsp, rsi
	pop r15
	pop r14
	pop r13
	pop r12
	pop rbx
	pop rbp
	ret
