# hvlab - a teaching type-1 hypervisor.  `make` builds everything,
# `make test` runs the whole suite, `make run` boots hvlab in an emulator.

BUILD   ?= build
CC      := gcc
LD      := ld
NASM    := nasm
OBJCOPY := objcopy

WARN    := -Wall -Wextra -Werror
# The VMM: freestanding, no SSE (guest state is not saved), no red zone
# (exceptions and VM exits must not clobber the stack below RSP), and
# position-independent so the same objects link as ELF (GRUB) and PE (UEFI).
HV_CFLAGS := -std=c11 -ffreestanding -fno-stack-protector -fno-builtin \
	-fpic -fvisibility=hidden -mno-red-zone -mgeneral-regs-only \
	-fno-asynchronous-unwind-tables -O2 -g $(WARN) -I.
# The guest kernel: the same rules, linked at a fixed address.
GUEST_CFLAGS := -std=c11 -ffreestanding -fno-stack-protector -fno-builtin \
	-fno-pic -mno-red-zone -mgeneral-regs-only -mcmodel=small \
	-fno-asynchronous-unwind-tables -O2 -g $(WARN) -I. -Iguest
# Host unit tests: the pure parts of hv/ compiled for Linux, with sanitizers.
HOST_CFLAGS := -std=c11 -O1 -g $(WARN) -I. -DHOST_TEST \
	-fsanitize=address,undefined -fno-sanitize-recover=all

HV_C     := $(wildcard hv/*.c hv/mmu/*.c hv/vmx/*.c)
HV_ASM   := hv/trap.asm hv/vmx/vmx_entry.asm
HV_OBJS  := $(HV_C:%.c=$(BUILD)/%.o) $(HV_ASM:%.asm=$(BUILD)/%.o) \
	$(BUILD)/hv/guest_image.o

GUEST_C    := $(wildcard guest/*.c)
GUEST_OBJS := $(BUILD)/guest/entry.o $(BUILD)/guest/trap_asm.o \
	$(GUEST_C:%.c=$(BUILD)/%.o) \
	$(BUILD)/guest/lib/fmt.o $(BUILD)/guest/lib/paging.o

MB2_OBJS := $(BUILD)/boot/mb2/entry.o $(BUILD)/boot/mb2/mb2.o

# Pure code that the host unit tests link (no privileged instructions).
UNIT_SRCS := hv/fmt.c hv/options.c hv/mmu/paging.c hv/mmu/ept.c \
	hv/vmx/caps.c hv/vmx/names.c hv/vmx/check.c
UNIT_TESTS := $(wildcard tests/unit/*.c)

ISO_DIR := $(BUILD)/iso

.PHONY: all test unit e2e run deps clean esp
all: $(BUILD)/hvlab.elf $(BUILD)/hvlab.efi $(BUILD)/hvlab.iso esp

include boot/efi/efi.mk

# ---- the guest kernel ------------------------------------------------------
$(BUILD)/guest/%.o: guest/%.c
	@mkdir -p $(@D)
	$(CC) $(GUEST_CFLAGS) -MMD -c $< -o $@
$(BUILD)/guest/lib/%.o: hv/%.c
	@mkdir -p $(@D)
	$(CC) $(GUEST_CFLAGS) -MMD -c $< -o $@
$(BUILD)/guest/lib/%.o: hv/mmu/%.c
	@mkdir -p $(@D)
	$(CC) $(GUEST_CFLAGS) -MMD -c $< -o $@
$(BUILD)/guest/entry.o: guest/entry.asm
	@mkdir -p $(@D)
	$(NASM) -f elf64 $< -o $@
$(BUILD)/guest/trap_asm.o: guest/trap.asm
	@mkdir -p $(@D)
	$(NASM) -f elf64 $< -o $@
$(BUILD)/guest/guest.elf: $(GUEST_OBJS) linker/guest.ld
	$(LD) -nostdlib -static -z noexecstack -T linker/guest.ld -o $@ $(GUEST_OBJS)
$(BUILD)/guest/guest.bin: $(BUILD)/guest/guest.elf
	$(OBJCOPY) -O binary $< $@

# ---- the hypervisor core ---------------------------------------------------
$(BUILD)/hv/%.o: hv/%.c
	@mkdir -p $(@D)
	$(CC) $(HV_CFLAGS) -MMD -c $< -o $@
$(BUILD)/hv/%.o: hv/%.asm
	@mkdir -p $(@D)
	$(NASM) -f elf64 $< -o $@
$(BUILD)/hv/guest_image.o: hv/guest_image.asm $(BUILD)/guest/guest.bin
	@mkdir -p $(@D)
	$(NASM) -f elf64 -DGUEST_BIN='"$(BUILD)/guest/guest.bin"' $< -o $@

# ---- Multiboot2 image (GRUB) -----------------------------------------------
$(BUILD)/boot/mb2/%.o: boot/mb2/%.c
	@mkdir -p $(@D)
	$(CC) $(HV_CFLAGS) -MMD -c $< -o $@
$(BUILD)/boot/mb2/entry.o: boot/mb2/entry.asm
	@mkdir -p $(@D)
	$(NASM) -f elf64 $< -o $@
$(BUILD)/hvlab.elf: $(MB2_OBJS) $(HV_OBJS) linker/mb2.ld
	$(LD) -nostdlib -static -z noexecstack -z max-page-size=4096 -T linker/mb2.ld \
		-o $@ $(MB2_OBJS) $(HV_OBJS)

# ---- GRUB ISO (BIOS + UEFI) ------------------------------------------------
$(BUILD)/hvlab.iso: $(BUILD)/hvlab.elf boot/grub/grub.cfg
	@rm -rf $(ISO_DIR) && mkdir -p $(ISO_DIR)/boot/grub
	cp $(BUILD)/hvlab.elf $(ISO_DIR)/boot/hvlab.elf
	cp boot/grub/grub.cfg $(ISO_DIR)/boot/grub/grub.cfg
	grub-mkrescue -o $@ $(ISO_DIR) 2>$(BUILD)/grub-mkrescue.log || \
		{ cat $(BUILD)/grub-mkrescue.log; exit 1; }

# ---- tests -----------------------------------------------------------------
$(BUILD)/tests/unit_tests: $(UNIT_TESTS) $(UNIT_SRCS) $(wildcard tests/unit/*.h \
		hv/*.h hv/*/*.h guest/*.h guest/abi/*.h)
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -o $@ $(UNIT_TESTS) $(UNIT_SRCS)

unit: $(BUILD)/tests/unit_tests
	$(BUILD)/tests/unit_tests

e2e: all
	tests/e2e/run_all.sh

test: deps
	$(MAKE) all $(BUILD)/tests/unit_tests
	tests/run_tests.sh

# `make run` installs what is missing first (or prints the apt-get line).
run: deps
	$(MAKE) all
	tests/tools/run.sh

deps:
	tests/tools/install-deps.sh

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
