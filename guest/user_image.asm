; user_image.asm - the user programs (build/guest/user.bin, linked at
; USER_CODE_VA) embedded in the kernel, which copies them into each process.
section .rodata
align 4096
global user_image_start
global user_image_end
user_image_start:
	incbin USER_BIN
user_image_end:
