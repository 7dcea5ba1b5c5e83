; boot.asm - the first bytes of the guest image and its two entries.
;
; Under hvlab: the image starts with a struct guest_image_header
; (guest/abi/guest_boot.h) naming _start; the VMM enters there in 64-bit
; mode on its boot page tables (which map us at GUEST_KERNEL_BASE) with
; RDI = the boot-info block's guest-physical address.
;
; Bare (no hypervisor): the same image is a Multiboot2 kernel.  GRUB enters
; _start32 in 32-bit protected mode, paging off; we build the same two
; mappings the VMM would (identity and higher half, 1 GiB each), switch to
; long mode and call bare_main with the Multiboot2 magic and info pointer.
; Until paging is on, every address here is physical: symbol - KERNEL_BASE.

KERNEL_BASE equ 0xffffffff80000000
%define PHYS(x) ((x) - KERNEL_BASE)

MB2_MAGIC equ 0xe85250d6

section .boot.header
	dq 0x6567616d69747367		; GUEST_IMAGE_MAGIC "gstimage"
	dq _start			; entry (virtual)
align 8
mb2_header:				; Multiboot2 spec 3.1.1
	dd MB2_MAGIC
	dd 0				; i386
	dd mb2_header_end - mb2_header
	dd -(MB2_MAGIC + (mb2_header_end - mb2_header))
align 8
	dw 3, 0				; entry address tag: our 32-bit entry
	dd 12
	dd PHYS(_start32)
align 8
	dw 0, 0				; end tag
	dd 8
mb2_header_end:

section .text
bits 64
global _start
extern guest_main
_start:
	mov rsp, boot_stack_top
	xor ebp, ebp
	call guest_main			; does not return: it reports the result
.dead:
	cli
	hlt
	jmp .dead

bits 32
_start32:
	cli
	mov esp, PHYS(boot_stack_top)
	mov edi, eax			; Multiboot2 magic
	mov esi, ebx			; info (physical)

	; PML4[0] -> identity PDPT, PML4[511] -> higher-half PDPT; both
	; point at one PD of 512 x 2 MiB pages (the first 1 GiB).
	mov eax, PHYS(bare_pdpt_lo)
	or eax, 3
	mov [PHYS(bare_pml4)], eax
	mov eax, PHYS(bare_pdpt_hi)
	or eax, 3
	mov [PHYS(bare_pml4) + 511 * 8], eax
	mov eax, PHYS(bare_pd)
	or eax, 3
	mov [PHYS(bare_pdpt_lo)], eax
	mov [PHYS(bare_pdpt_hi) + 510 * 8], eax
	xor ecx, ecx
.pd:
	mov eax, ecx
	shl eax, 21
	or eax, 0x83			; present, writable, 2 MiB
	mov [PHYS(bare_pd) + ecx * 8], eax
	inc ecx
	cmp ecx, 512
	jb .pd

	mov eax, cr4
	or eax, 1 << 5			; PAE
	mov cr4, eax
	mov eax, PHYS(bare_pml4)
	mov cr3, eax
	mov ecx, 0xc0000080		; EFER: LME, NXE (as under hvlab)
	rdmsr
	or eax, (1 << 8) | (1 << 11)
	wrmsr
	mov eax, cr0
	or eax, (1 << 31) | (1 << 16) | 1	; PG, WP, PE
	mov cr0, eax
	lgdt [PHYS(bare_gdtr)]
	jmp 0x08:PHYS(.long)
bits 64
.long:
	mov ax, 0x10
	mov ds, ax
	mov es, ax
	mov ss, ax
	mov rax, .high			; now jump up to the linked address
	jmp rax
.high:
	mov rsp, boot_stack_top
	xor ebp, ebp
	extern bare_main
	call bare_main			; (magic in edi, info in esi)
	jmp _start.dead

section .rodata
align 16
bare_gdt:
	dq 0
	dq 0x00af9a000000ffff		; 0x08: 64-bit code
	dq 0x00cf92000000ffff		; 0x10: data
bare_gdtr:
	dw bare_gdtr - bare_gdt - 1
	dq PHYS(bare_gdt)

section .bss
align 4096
bare_pml4: resb 4096
bare_pdpt_lo: resb 4096
bare_pdpt_hi: resb 4096
bare_pd: resb 4096
boot_stack: resb 16384
boot_stack_top:
