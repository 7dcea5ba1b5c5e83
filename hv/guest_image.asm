; guest_image.asm - embeds the guest kernel (build/guest/guest.bin, a flat
; binary linked at GUEST_LOAD_GPA) into the hypervisor image.
section .rodata
align 4096
global guest_image_start
global guest_image_end
guest_image_start:
	incbin GUEST_BIN
guest_image_end:
