# efi.mk - build hvlab.efi, the UEFI application, with Debian's GNU-EFI
# (crt0, linker script and libraries in /usr/lib, headers in
# /usr/include/efi).  Included by the top-level Makefile.
#
# GNU-EFI builds a relocatable ELF shared object, which objcopy turns into a
# PE32+ image.  The hypervisor core objects ($(HV_OBJS)) are already
# position-independent with hidden visibility, so the very same objects go
# into hvlab.elf (Multiboot2) and hvlab.efi: one VMM, two loaders.

EFI_INC  := /usr/include/efi
EFI_LIB  := /usr/lib
EFI_CRT0 := $(EFI_LIB)/crt0-efi-x86_64.o
EFI_LDS  := $(EFI_LIB)/elf_x86_64_efi.lds

# GNU-EFI headers only for boot/efi/: 16-bit wchar_t so L"" is UCS-2, and
# EFI_FUNCTION_WRAPPER selects uefi_call_wrapper (Debian's libefi has no
# MS-ABI build).
EFI_CFLAGS := $(HV_CFLAGS) -I$(EFI_INC) -I$(EFI_INC)/x86_64 -fshort-wchar \
	-DEFI_FUNCTION_WRAPPER

# -shared -Bsymbolic: a self-contained PIC object; -z defs: an undefined
# symbol is a link error rather than a dynamic import nothing would resolve.
EFI_LDFLAGS := -nostdlib -znocombreloc -z defs -z noexecstack -T $(EFI_LDS) \
	-shared -Bsymbolic -L$(EFI_LIB)

# What GNU-EFI's script produces that belongs in the PE (.rodata, .bss and
# .got are folded into .data by that script).
EFI_SECTIONS := -j .text -j .sdata -j .data -j .dynamic -j .dynsym \
	-j .rel -j .rela -j '.rel.*' -j '.rela.*' -j .reloc

EFI_OBJS := $(BUILD)/boot/efi/efi_main.o $(BUILD)/boot/efi/fw.o

$(BUILD)/boot/efi/%.o: boot/efi/%.c
	@mkdir -p $(@D)
	$(CC) $(EFI_CFLAGS) -MMD -c $< -o $@

# Link, then refuse any relocation GNU-EFI's _relocate() cannot apply: it
# would stop the image with EFI_LOAD_ERROR before efi_main runs.
$(BUILD)/hvlab.so: $(EFI_OBJS) $(HV_OBJS)
	$(LD) $(EFI_LDFLAGS) $(EFI_CRT0) $(EFI_OBJS) $(HV_OBJS) -lefi -lgnuefi -o $@
	@if readelf -rW $@ | grep -E '^[0-9a-f]+ +[0-9a-f]+ R_X86_64_' | \
		grep -v R_X86_64_RELATIVE; then \
		echo "efi.mk: relocations other than R_X86_64_RELATIVE in $@" >&2; \
		rm -f $@; exit 1; fi

$(BUILD)/hvlab.efi: $(BUILD)/hvlab.so
	$(OBJCOPY) $(EFI_SECTIONS) --target efi-app-x86_64 $< $@

# The ESP as a directory: QEMU serves it as a FAT disk, and it is what to
# copy onto a USB stick's FAT partition for real hardware.
esp: $(BUILD)/hvlab.efi boot/efi/hvlab.cfg
	mkdir -p $(BUILD)/esp/EFI/BOOT $(BUILD)/esp/EFI/hvlab
	cp $(BUILD)/hvlab.efi $(BUILD)/esp/EFI/BOOT/BOOTX64.EFI
	cp boot/efi/hvlab.cfg $(BUILD)/esp/EFI/hvlab/hvlab.cfg
