# hvlab - a teaching type-1 hypervisor.  `make` builds everything,
# `make test` runs the whole suite, `make run` boots hvlab in an emulator.

BUILD   ?= build
CC      := gcc
LD      := ld
NASM    := nasm -I./
OBJCOPY := objcopy

WARN    := -Wall -Wextra -Werror
# The VMM: freestanding, no SSE (guest state is not saved), no red zone
# (exceptions and VM exits must not clobber the stack below RSP), and
# position-independent so the same objects link as ELF (GRUB) and PE (UEFI).
HV_CFLAGS := -std=c11 -ffreestanding -fno-stack-protector -fno-builtin \
	-fpic -fvisibility=hidden -mno-red-zone -mgeneral-regs-only \
	-fno-asynchronous-unwind-tables -O2 -g $(WARN) -I.
# The guest kernel: the same rules, linked in the top 2 GiB (higher half).
GUEST_BASE_CFLAGS := -std=c11 -ffreestanding -fno-stack-protector -fno-builtin \
	-fno-pic -mno-red-zone -mgeneral-regs-only \
	-fno-asynchronous-unwind-tables -O2 -g $(WARN) -I. -Iguest
GUEST_CFLAGS := $(GUEST_BASE_CFLAGS) -mcmodel=kernel
# Its user programs: linked low, at USER_CODE_VA.
USER_CFLAGS := $(GUEST_BASE_CFLAGS) -mcmodel=small
# Host unit tests: the pure parts of hv/ compiled for Linux, with sanitizers.
HOST_CFLAGS := -std=gnu11 -O1 -g $(WARN) -I. -DHOST_TEST \
	-fsanitize=address,undefined -fno-sanitize-recover=all

HV_C     := $(wildcard hv/*.c hv/mmu/*.c hv/vmx/*.c)
HV_ASM   := hv/trap.asm hv/vmx/vmx_entry.asm
HV_OBJS  := $(HV_C:%.c=$(BUILD)/%.o) $(HV_ASM:%.asm=$(BUILD)/%.o) \
	$(BUILD)/hv/guest_image.o

GUEST_C    := $(wildcard guest/*.c)
GUEST_ASM  := guest/boot.asm guest/trap.asm guest/swtch.asm
GUEST_OBJS := $(GUEST_ASM:guest/%.asm=$(BUILD)/guest/%_asm.o) \
	$(GUEST_C:%.c=$(BUILD)/%.o) $(BUILD)/guest/user_image.o \
	$(BUILD)/guest/lib/fmt.o $(BUILD)/guest/lib/paging.o \
	$(BUILD)/guest/lib/x86_desc.o
# The user programs: one image linked at USER_CODE_VA, copied into each process.
USER_C    := $(wildcard guest/user/*.c)
USER_OBJS := $(BUILD)/guest/user/crt_asm.o $(USER_C:%.c=$(BUILD)/%.o) \
	$(BUILD)/guest/user/lib/fmt.o

MB2_OBJS := $(BUILD)/boot/mb2/entry.o $(BUILD)/boot/mb2/mb2.o

# Pure code that the host unit tests link (no privileged instructions),
# from the VMM and from the guest kernel.
UNIT_SRCS := hv/fmt.c hv/options.c hv/x86_desc.c hv/mmu/paging.c hv/mmu/ept.c \
	hv/vmx/caps.c hv/vmx/names.c hv/vmx/check.c hv/mmu/shadow_rules.c hv/mmu/pte_insn.c hv/mmu/walk.c hv/stats.c guest/frame.c
UNIT_TESTS := $(wildcard tests/unit/*.c)

ISO_DIR := $(BUILD)/iso

.PHONY: all test unit e2e run deps clean esp bench
all: $(BUILD)/hvlab.elf $(BUILD)/hvlab.efi $(BUILD)/hvlab.iso esp

include boot/efi/efi.mk

# ---- the guest kernel and its user programs --------------------------------
$(BUILD)/guest/%.o: guest/%.c
	@mkdir -p $(@D)
	$(CC) $(GUEST_CFLAGS) -MMD -c $< -o $@
$(BUILD)/guest/lib/%.o: hv/%.c
	@mkdir -p $(@D)
	$(CC) $(GUEST_CFLAGS) -MMD -c $< -o $@
$(BUILD)/guest/lib/%.o: hv/mmu/%.c
	@mkdir -p $(@D)
	$(CC) $(GUEST_CFLAGS) -MMD -c $< -o $@
$(BUILD)/guest/%_asm.o: guest/%.asm
	@mkdir -p $(@D)
	$(NASM) -f elf64 $< -o $@
$(BUILD)/guest/user/%.o: guest/user/%.c
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) -MMD -c $< -o $@
$(BUILD)/guest/user/lib/%.o: hv/%.c
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) -MMD -c $< -o $@
$(BUILD)/guest/user/crt_asm.o: guest/user/crt.asm
	@mkdir -p $(@D)
	$(NASM) -f elf64 $< -o $@
$(BUILD)/guest/user.elf: $(USER_OBJS) linker/user.ld
	$(LD) -nostdlib -static -z noexecstack --no-warn-rwx-segments -T linker/user.ld -o $@ $(USER_OBJS)
$(BUILD)/guest/user.bin: $(BUILD)/guest/user.elf
	$(OBJCOPY) -O binary $< $@
$(BUILD)/guest/user_image.o: guest/user_image.asm $(BUILD)/guest/user.bin
	$(NASM) -f elf64 -DUSER_BIN='"$(BUILD)/guest/user.bin"' $< -o $@
$(BUILD)/guest/guest.elf: $(GUEST_OBJS) linker/guest.ld
	$(LD) -nostdlib -static -z noexecstack -z max-page-size=4096 \
		-T linker/guest.ld -o $@ $(GUEST_OBJS)
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
# The guest kernel is on it too, for the "bare" entry (no hypervisor).
$(BUILD)/hvlab.iso: $(BUILD)/hvlab.elf $(BUILD)/guest/guest.elf boot/grub/grub.cfg
	@rm -rf $(ISO_DIR) && mkdir -p $(ISO_DIR)/boot/grub
	cp $(BUILD)/hvlab.elf $(ISO_DIR)/boot/hvlab.elf
	cp $(BUILD)/guest/guest.elf $(ISO_DIR)/boot/hvlab-guest.elf
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

# Every workload bare, under EPT and under shadow paging, on two CPU models:
# build/bench/results.md, results.csv and ticks.png (tests/bench/).
bench: deps
	$(MAKE) all
	tests/bench/bench.sh

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
