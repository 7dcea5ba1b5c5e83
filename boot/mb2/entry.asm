; entry.asm - Multiboot2 entry: GRUB jumps here in 32-bit protected mode
; with paging off, EAX = 0x36d76289 and EBX = the Multiboot2 info address
; (Multiboot2 spec, "I386 machine state").  We switch to 64-bit long mode
; with a temporary identity map of the first 4 GiB, then call mb2_main().
; The VMM builds its own page tables later; these only get us into C.

MB2_MAGIC    equ 0xe85250d6
MB2_ARCH_I386 equ 0

section .multiboot
align 8
mb2_header:
	dd MB2_MAGIC
	dd MB2_ARCH_I386
	dd mb2_header_end - mb2_header
	dd -(MB2_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))
	; end tag: type 0, flags 0, size 8
	dw 0
	dw 0
	dd 8
mb2_header_end:

section .bss
align 4096
boot_pml4: resb 4096
boot_pdpt: resb 4096
boot_pd:   resb 4 * 4096		; 4 x 512 x 2 MiB = 4 GiB
boot_stack: resb 16384
boot_stack_top:

section .rodata
align 16
boot_gdt:
	dq 0
	dq 0x00af9a000000ffff		; 0x08: 64-bit code
	dq 0x00cf92000000ffff		; 0x10: data
boot_gdt_end:
boot_gdtr:
	dw boot_gdt_end - boot_gdt - 1
	dq boot_gdt
no_lm_msg: db "hvlab: this CPU cannot run 64-bit code (no long mode)", 13, 10, 0

section .text
bits 32
global _start
_start:
	cli
	mov esp, boot_stack_top
	mov edi, eax			; keep magic and info pointer for C
	mov esi, ebx

	; Long mode present? CPUID.80000001h:EDX bit 29.
	mov eax, 0x80000000
	cpuid
	cmp eax, 0x80000001
	jb .no_long_mode
	mov eax, 0x80000001
	cpuid
	test edx, 1 << 29
	jz .no_long_mode

	; Identity map 0-4 GiB with 2 MiB pages (present, writable, PS).
	mov eax, boot_pdpt
	or eax, 3
	mov [boot_pml4], eax
	xor ecx, ecx
.pdpt_loop:
	mov eax, ecx
	shl eax, 12
	add eax, boot_pd
	or eax, 3
	mov [boot_pdpt + ecx * 8], eax
	inc ecx
	cmp ecx, 4
	jb .pdpt_loop
	xor ecx, ecx
.pd_loop:
	mov eax, ecx
	shl eax, 21			; low 32 bits of the 2 MiB frame
	or eax, 0x83
	mov [boot_pd + ecx * 8], eax
	mov eax, ecx
	shr eax, 11			; high bits: which GiB above 4 GiB (0 here)
	mov [boot_pd + ecx * 8 + 4], eax
	inc ecx
	cmp ecx, 2048
	jb .pd_loop

	; CR4.PAE, CR3, EFER.LME, then CR0.PG|PE (SDM 10.8.5).
	mov eax, cr4
	or eax, 1 << 5
	mov cr4, eax
	mov eax, boot_pml4
	mov cr3, eax
	mov ecx, 0xc0000080
	rdmsr
	or eax, 1 << 8
	wrmsr
	mov eax, cr0
	or eax, (1 << 31) | 1
	mov cr0, eax
	lgdt [boot_gdtr]
	jmp 0x08:.long_mode

.no_long_mode:
	mov esi, no_lm_msg
.print:
	lodsb
	test al, al
	jz .halt
	mov dx, 0x3f8
	out dx, al
	jmp .print
.halt:
	hlt
	jmp .halt

bits 64
.long_mode:
	mov ax, 0x10
	mov ds, ax
	mov es, ax
	mov ss, ax
	mov fs, ax
	mov gs, ax
	mov rsp, boot_stack_top
	mov edi, edi			; zero-extend magic and info pointer
	mov esi, esi
	extern mb2_main
	call mb2_main
.dead:
	cli
	hlt
	jmp .dead
