; crt.asm - where every user process starts (USER_CODE_VA, the first byte
; of the user image): RDI = program number, RSI = argument (abi/syscall.h).
bits 64
section .text.entry
global _start
extern umain
_start:
	xor ebp, ebp
	call umain		; returns the exit status
	mov rdi, rax
	mov eax, 4		; SYS_EXIT
	int 0x80
.dead:
	jmp .dead
