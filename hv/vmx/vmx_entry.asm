; vmx_entry.asm - the world switch between the VMM and the guest.
;
; int vmx_enter(struct vcpu_regs *regs, int launched)
;   Saves the VMM's callee-saved registers on its stack, points HOST_RSP at
;   that stack, loads the guest's general-purpose registers and executes
;   VMLAUNCH (first time) or VMRESUME.  If the instruction fails it falls
;   through and returns 1 (VMfailInvalid) or 2 (VMfailValid).  If it
;   succeeds, the guest runs until a VM exit, which lands on vmx_exit_stub
;   with RSP = HOST_RSP; that stores the guest's registers and returns 0 from
;   this same call.  So to C, one call = one trip into the guest and back.
;   3 means the VMWRITE of HOST_RSP failed (see vmx_entry.h).
;
; struct vcpu_regs is 16 u64s in x86 encoding order: rax rcx rdx rbx rsp rbp
; rsi rdi r8..r15 (the rsp slot is unused: guest RSP lives in the VMCS).

bits 64
default rel
%include "hv/x86_trap.inc"
section .text

%define HOST_RSP 0x6c14

%define R_RAX 0*8
%define R_RCX 1*8
%define R_RDX 2*8
%define R_RBX 3*8
%define R_RBP 5*8
%define R_RSI 6*8
%define R_RDI 7*8
%define R_R8  8*8
%define R_R9  9*8
%define R_R10 10*8
%define R_R11 11*8
%define R_R12 12*8
%define R_R13 13*8
%define R_R14 14*8
%define R_R15 15*8

global vmx_enter
vmx_enter:
	PUSH_CALLEE_SAVED
	push rdi			; [rsp] = regs, found again at exit

	mov rax, HOST_RSP
	vmwrite rax, rsp
	jbe .vmwrite_failed		; CF or ZF set: VMfail

	cmp esi, 0			; flags survive the MOVs below
	mov rax, [rdi + R_RAX]
	mov rcx, [rdi + R_RCX]
	mov rdx, [rdi + R_RDX]
	mov rbx, [rdi + R_RBX]
	mov rbp, [rdi + R_RBP]
	mov rsi, [rdi + R_RSI]
	mov r8,  [rdi + R_R8]
	mov r9,  [rdi + R_R9]
	mov r10, [rdi + R_R10]
	mov r11, [rdi + R_R11]
	mov r12, [rdi + R_R12]
	mov r13, [rdi + R_R13]
	mov r14, [rdi + R_R14]
	mov r15, [rdi + R_R15]
	mov rdi, [rdi + R_RDI]
	jne .resume
	vmlaunch
	jmp .failed
.resume:
	vmresume
.failed:
	mov eax, 1			; VMfailInvalid (CF=1)
	jc .out
	mov eax, 2			; VMfailValid (ZF=1)
	jmp .out
.vmwrite_failed:
	mov eax, 3
.out:
	pop rdi
	POP_CALLEE_SAVED
	ret

; VM exit: the CPU loaded the host state from the VMCS, so RSP is the value
; vmx_enter wrote to HOST_RSP and [rsp] is the regs pointer it pushed.
global vmx_exit_stub
vmx_exit_stub:
	push rdi			; guest rdi; regs pointer now at [rsp+8]
	mov rdi, [rsp + 8]
	mov [rdi + R_RAX], rax
	mov [rdi + R_RCX], rcx
	mov [rdi + R_RDX], rdx
	mov [rdi + R_RBX], rbx
	mov [rdi + R_RBP], rbp
	mov [rdi + R_RSI], rsi
	mov [rdi + R_R8],  r8
	mov [rdi + R_R9],  r9
	mov [rdi + R_R10], r10
	mov [rdi + R_R11], r11
	mov [rdi + R_R12], r12
	mov [rdi + R_R13], r13
	mov [rdi + R_R14], r14
	mov [rdi + R_R15], r15
	pop rax
	mov [rdi + R_RDI], rax
	xor eax, eax			; 0 = the guest ran and exited
	jmp vmx_enter.out		; same epilogue as a failed entry
