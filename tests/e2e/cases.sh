# cases.sh - the end-to-end tests, one function each, read as a table of
# expected behaviour: boot this, on that machine, and the log must say...
# Sourced by run_all.sh after lib.sh.  EXPECTED_CHECKSUM comes from
# tests/tools/expect_checksum.c (computed on the host from guest/pattern.h).

# The lines every successful EPT run must show, in the order of the lecture.
check_ept_pass() {
	expect_status 0
	expect_log '^hvlab: cpu vendor=GenuineIntel vmx=yes ept=yes' "banner"
	expect_log '^hvlab: mode=ept '
	expect_log '^vmx: VMXON ok '
	expect_log '^vmx: VMLAUNCH ok'
	expect_log '^vm: guest entry gva=0xffffffff80100[0-9a-f]+$'
	expect_log '^guest: hello: hvlab guest kernel ram=64M'
	expect_log '^guest: cpuid: vmx=0 hypervisor=1 signature=hvlabhvlabhv$' "VMX hidden"
	# the guest's own page tables: its first write to its PML4 is an EPT violation
	local root gva
	root=$(log_value '^guest: mm: kernel page tables ' root)
	gva=$(printf '0x%x' $((0xffffffff80000000 + root)))
	expect_log "^ept: violation gpa=$root gva=$gva access=write -> hpa=0x[0-9a-f]+ \(new page\)\$" "the guest's PML4, first touch"
	# the lecture: va 0x1000 -> gpa 0xa000 -> some other hpa
	expect_log '^guest: lecture: pid=1 faulted on va=0x1000; maps it -> gpa=0xa000$'
	expect_log '^ept: violation gpa=0xa000 gva=0xffffffff8000a000 access=write -> hpa=0x[0-9a-f]+ \(new page\)$'
	expect_log '^guest: p1: lecture: read va=0x1000 value=0x0$'
	# the 2D walk for that read, counted by hvlab on the real tables
	expect_log '^walk: gva=0x1000 mode=ept refs=24 \(guest entries 4, EPT entries 20\) -> gpa=0xa000 -> hpa=0x[0-9a-f]+$'
	expect_log '^guest: p1: lecture: the hardware.s walk for va=0x1000 costs 24 memory references$'
	local hpa
	hpa=$(log_value '^ept: violation gpa=0xa000 ' hpa)
	[ -n "$hpa" ] && [ "$((hpa))" -ne $((0xa000)) ] ||
		fail "gpa 0xa000 must be backed by a different host page (hpa=$hpa)"
	# the 16 memtest pages, each first touched by a write
	expect_count '^ept: violation gpa=0x80[0-9a-f]000 gva=0xffffff804000[0-9a-f]000 access=write -> hpa=' 16
	expect_log '^guest: memtest: wrote and read 16 pages .* mismatches=0$'
	expect_log "^hypercall: checksum gpa=0x800000 len=0x10000 -> $EXPECTED_CHECKSUM\$" "memtest checksum from the host"
	expect_log "^guest: memtest: checksum guest=$EXPECTED_CHECKSUM vmm=$EXPECTED_CHECKSUM \(same bytes\)\$"
	# the processes: isolation, sharing, demand paging, INVLPG, kills
	expect_log '^guest: selftest: remap va=0x[0-9a-f]+ .* after INVLPG reads 0xbbbbbbbbbbbbbbbb ok$'
	expect_count '^guest: proc: spawn pid=[1-8] name=[a-z-]+ cr3=0x[0-9a-f]+$' 8
	expect_log '^guest: p2: pattern: seed=1 buf=0x10000018 pages=8 mismatches=0$'
	expect_log '^guest: p3: pattern: seed=2 buf=0x10000018 pages=8 mismatches=0$' "same va, own data"
	expect_log '^guest: p5: shared: read 0x5348415245441234 after [0-9]+ yields$'
	expect_log '^guest: p6: heap: 32 blocks mismatches=0; page 0x[0-9a-f]+ after shrink\+regrow reads 0x0 \(want 0\)$'
	expect_log '^guest: proc: killed pid=7 \(kernel-read\): #PF page fault \(error=0x5\)'
	expect_log '^guest: proc: killed pid=8 \(bad-address\): page fault at va=0x30000000 .*not in any region'
	expect_count '^guest: selftest: pid=[1-8] .* ok$' 8
	expect_log '^guest: selftest: memtest=.* all ok$'
	expect_log '^hvlab: result=pass checksum=0x[0-9a-f]+$'
	expect_log '^hvlab: run ended status=pass exit=bochs$'
	expect_no_log 'FATAL|outside guest RAM|FAILED'
	# the statistics agree with the events logged
	local logged
	logged=$(hv_log | grep -c '^ept: violation ')
	expect_log "^stats: exits=[0-9]+ ept-violations=$logged "
	expect_log "^stats: event name=ept-violation count=$logged vmm-cycles=[0-9]+ avg=[0-9]+\$" "the table agrees"
	expect_log '^stats: exit reason=48 name="EPT violation" count=[0-9]+ '
	expect_log '^stats: page-tables guest-pages=unreported guest-roots=unreported ept-pages=[0-9]+ ept-roots=1$'
}

# The lines every successful shadow-paging run must show.
check_shadow_pass() {
	expect_status 0
	expect_log '^hvlab: mode=shadow '
	expect_log '^shadow: root hpa=0x[0-9a-f]+ for guest cr3=0x11000 '
	expect_log '^vmx: VMLAUNCH ok'
	expect_no_log '^ept: violation'
	# the guest loads its own CR3: the VMM swaps in a shadow root, and a
	# switch back to a process finds its shadow still cached
	local root
	root=$(log_value '^guest: mm: kernel page tables ' root)
	expect_log "^shadow: cr3 load guest=$root -> shadow root=0x[0-9a-f]+ \\(new\\)\$"
	expect_log "^shadow: cr3 load guest=$root -> shadow root=0x[0-9a-f]+ \\(cached\\)\$"
	# the guest's tables are write-protected; its writes to them trap
	expect_log "^shadow: protect gpa=$root \\(the guest's level-4 page table for gva 0x0\\.\\.\\.\\)\$"
	expect_log '^shadow: pt write gva=0xffffffff80[0-9a-f]+ gpa=0x[0-9a-f]+ level=1 index=0 old=0x[0-9a-f]+ new=0x0 \(mov-imm\)$' "the remap self-check's unmap"
	expect_log '^shadow: invlpg gva=0xffffff8000000000 \(not in the shadow\)$' "already dropped by the trapped write"
	expect_log '^shadow: unprotect gpa=0x[0-9a-f]+ \(written with a 1-byte stos: no longer a page table\)$' "a freed table reused as data"
	# the lecture, whole: process 1 reads va 0x1000 -> gpa 0xa000 -> hpa
	expect_log '^guest: lecture: pid=1 faulted on va=0x1000; maps it -> gpa=0xa000$'
	expect_log '^shadow: reflect #PF gva=0x1000 error=0x4 \(not mapped by the guest\)$' "the guest's own fault"
	expect_log '^shadow: fill gva=0x1000 -> gpa=0xa000 -> hpa=0x[0-9a-f]+ ro user$' "the read, retried"
	expect_log '^shadow: fill gva=0x1000 -> gpa=0xa000 -> hpa=0x[0-9a-f]+ rw user write$' "the first write sets D"
	expect_log '^walk: gva=0x1000 mode=shadow refs=4 \(shadow entries 4\) -> hpa=0x[0-9a-f]+$'
	# demand paging is the guest's: its #PFs are reflected to it
	expect_log '^shadow: reflect #PF gva=0x10001000 error=0x6 \(not mapped by the guest\)$'
	expect_log '^shadow: reflect #PF gva=0xffffffff80100000 error=0x5 \(guest forbids the access\)$' "user read of the kernel"
	expect_log "^hypercall: checksum gpa=0x800000 len=0x10000 -> $EXPECTED_CHECKSUM\$"
	expect_count '^guest: selftest: pid=[1-8] .* ok$' 8
	expect_log '^guest: p6: heap: 32 blocks mismatches=0; page 0x[0-9a-f]+ after shrink\+regrow reads 0x0 \(want 0\)$'
	expect_log '^hvlab: result=pass checksum=0x[0-9a-f]+$'
	expect_no_log 'FATAL|outside guest RAM|FAILED'
	# the statistics agree with the events logged
	local fills reflected loads cached writes
	fills=$(hv_log | grep -c '^shadow: fill ')
	reflected=$(hv_log | grep -c '^shadow: reflect ')
	loads=$(hv_log | grep -c '^shadow: cr3 load ')
	cached=$(hv_log | grep -c '^shadow: cr3 load .*(cached)$')
	writes=$(hv_log | grep -c '^shadow: pt write ')
	expect_log "^stats: shadow fills=$fills reflected-pf=$reflected invlpg=[0-9]+ cr3-loads=$loads cached=$cached evictions=[0-9]+\$"
	local prefills
	prefills=$(hv_log | grep -c '^shadow: added to the shadow too: ')
	[ "$prefills" -gt 0 ] || fail "no PTE write was added to the shadow too"
	expect_log "^stats: shadow pt-writes=$writes prefills=$prefills protected=[0-9]+ unprotected=[0-9]+ "
	expect_log "^stats: event name=shadow-fill count=$fills vmm-cycles=[0-9]+ avg=[0-9]+\$" "the table agrees"
	expect_log "^stats: event name=shadow-reflect-pf count=$reflected vmm-cycles=[0-9]+ avg=[0-9]+\$"
	expect_log "^stats: event name=shadow-pt-write count=$writes "
	expect_log "^stats: event name=shadow-cr3-cached count=$cached "
}

t_bochs_shipped_iso_skylake() {	# the ISO users get: default entry, no key
	run_bochs corei7_skylake_x "$BUILD/hvlab.iso"
	check_ept_pass
	expect_log '^hvlab: options source=multiboot2 command line cmdline="mode=ept"$'
}

t_bochs_ept_tigerlake() {
	run_bochs tigerlake "$(make_iso ept mode=ept)"
	check_ept_pass
}

t_bochs_ept_icelake() {
	run_bochs corei7_icelake_u "$(make_iso ept-icelake '')"
	check_ept_pass
	expect_log '^hvlab: mode=ept \(default\)$'
}

t_bochs_guest_ram_128m() {
	run_bochs corei7_skylake_x "$(make_iso mem128 'mem=128M')"
	expect_status 0
	expect_log '^vm: guest RAM gpa=0x0-0x8000000 \(128 MiB\)'
	expect_log '^guest: hello: hvlab guest kernel ram=128M'
	expect_log '^guest: mm: kernel page tables root=0x[0-9a-f]+ direct map of 128 MiB '
	expect_log "^hypercall: checksum gpa=0x800000 len=0x10000 -> $EXPECTED_CHECKSUM\$"
	expect_log '^hvlab: result=pass checksum=0x[0-9a-f]+$'
}

# ---- things that must fail, clearly ----------------------------------------

t_bochs_no_vmx_ryzen() {	# a CPU without VT-x: a clear error, not a hang
	run_bochs ryzen "$(make_iso novmx mode=ept)"
	expect_status 1
	expect_log '^hvlab: cpu vendor=AuthenticAMD vmx=no '
	expect_log '^hvlab: error: this CPU has no VT-x \(CPUID.1:ECX.VMX=0\)'
	expect_log '^hvlab: run ended status=no-vmx exit=bochs$'
	expect_no_log '^vmx: VMXON'
}

t_bochs_no_ept_penryn() {	# VMX without EPT: falls back to shadow paging
	run_bochs core2_penryn_t9600 "$(make_iso noept '')"
	expect_log '^hvlab: cpu vendor=GenuineIntel vmx=yes ept=no '
	expect_log '^hvlab: this CPU has VMX but no EPT: falling back to shadow paging$'
	expect_log '^hvlab: mode=shadow \(default\)$'
	check_shadow_pass
}

t_bochs_outside_ram() {		# the guest maps a gpa beyond its RAM
	run_bochs corei7_skylake_x "$(make_iso outside 'mode=ept -- fault=outside-ram')"
	expect_status 1
	expect_log '^guest: fault: reading va=0xffffff8000400000 -> gpa=0x5000000, beyond guest RAM$'
	expect_log '^ept: violation gpa=0x5000000 gva=0xffffff8000400000 access=read outside guest RAM \(size=0x4000000\): stopping the guest$'
	expect_log '^dump: guest rip=0xffffffff801[0-9a-f]+ '
	expect_log '^vm: guest stopped status=fail reason="guest touched memory outside its RAM"$'
	expect_no_log '^hvlab: result=pass'
}

t_bochs_guest_exception() {	# UD2 without an IDT ends in #DF, which we trap
	run_bochs corei7_skylake_x "$(make_iso ud-noidt 'mode=ept -- fault=ud-noidt')"
	expect_status 1
	expect_log '^guest: fault: executing UD2 with no IDT$'
	expect_log '^vm: guest exception vector=8 \(#DF double fault\)'
	expect_log '^dump: cr0=0x[0-9a-f]+ '
	expect_log '^vm: guest stopped status=fail reason="exception the VMM did not expect"$'
}

# Kernel faults the guest handles itself: a message and a failure result.
t_bochs_guest_kernel_ud() {
	run_bochs corei7_skylake_x "$(make_iso ud 'mode=ept -- fault=ud')"
	expect_status 1
	expect_log '^guest: trap: vector=6 \(#UD invalid opcode\) error=0x0 rip=0xffffffff801[0-9a-f]+ '
	expect_log '^hvlab: result=fail checksum=0x0$'
	expect_log '^vm: guest stopped status=fail reason="guest reported failure"$'
	expect_no_log '^vm: guest exception'
}

t_bochs_guest_kernel_pf() {
	run_bochs tigerlake "$(make_iso pf 'mode=ept -- fault=pf')"
	expect_status 1
	expect_log '^guest: fault: reading unmapped va=0xffffff8000800000$'
	expect_log '^guest: trap: vector=14 \(#PF page fault\) error=0x0 rip=0xffffffff801[0-9a-f]+ rsp=0x[0-9a-f]+ cr2=0xffffff8000800000$'
	expect_log '^hvlab: result=fail checksum=0x0$'
}

t_bochs_unknown_option() {
	run_bochs corei7_skylake_x "$(make_iso badopt 'mode=ept colour=blue')"
	expect_status 1
	expect_log "^hvlab: error: unknown boot option 'colour=blue'"
	expect_no_log '^vmx: VMXON'
}

t_bochs_not_enough_memory() {	# 512 MiB of guest RAM on a 256 MiB machine
	run_bochs corei7_skylake_x "$(make_iso bigmem 'mem=512M')"
	expect_status 1
	expect_log '^hvlab: FATAL: host: not enough free memory: need 524 MiB \(guest RAM 512 MiB \+ 12 MiB for the VMM\)'
}

# ---- a broken VMCS: the error, its SDM meaning, and the field named -------

t_bochs_break_controls() {
	run_bochs corei7_skylake_x "$(make_iso brk-ctl 'break=controls')"
	expect_status 1
	expect_log '^vmx: VMLAUNCH failed: VM-instruction error 7 \(VM entry with invalid control field\(s\)\)$'
	expect_log '^vmx: check failed: EPT_POINTER=0x[0-9a-f]+1a: memory type \(bits 2:0\) must be UC \(0\) or WB \(6\) \(SDM 27.2.1.1\)$'
	expect_log '^dump: controls .* eptp=0x[0-9a-f]+1a$' "the dump shows the VMCS as it is"
	expect_log '^dump: controls pin='
	expect_no_log '^guest: '
}

t_bochs_break_host_state() {
	run_bochs corei7_skylake_x "$(make_iso brk-host 'break=host-state')"
	expect_status 1
	expect_log '^vmx: VMLAUNCH failed: VM-instruction error 8 \(VM entry with invalid host-state field\(s\)\)$'
	expect_log '^vmx: check failed: HOST_TR_SELECTOR=0x0: must not be 0 \(SDM 27.2.3\)$'
	expect_log '^dump: host cr0='
}

t_bochs_break_guest_state() {
	run_bochs tigerlake "$(make_iso brk-guest 'break=guest-state')"
	expect_status 1
	expect_log '^vmx: VM-entry failure reason=33 \(VM-entry failure: invalid guest state\)'
	expect_no_log '^vmx: VMLAUNCH ok' "a failed entry is not a launch"
	expect_log '^vmx: check failed: GUEST_RFLAGS=0x0: bit 1 must be 1 \(SDM 27.3.1.4\)$'
	expect_log '^dump: guest rip=0xffffffff80100[0-9a-f]+ '
	expect_log '^vm: guest stopped status=fail reason="VM entry failed"$'
}

BOCHS_TESTS="t_bochs_break_controls t_bochs_break_host_state t_bochs_break_guest_state
t_bochs_shipped_iso_skylake t_bochs_ept_tigerlake t_bochs_ept_icelake
t_bochs_guest_ram_128m t_bochs_no_vmx_ryzen t_bochs_no_ept_penryn
t_bochs_outside_ram t_bochs_guest_exception t_bochs_guest_kernel_ud
t_bochs_guest_kernel_pf t_bochs_unknown_option
t_bochs_not_enough_memory"

# ---- QEMU + OVMF: the UEFI application ------------------------------------

# An ESP of our own for one test: the built hvlab.efi, and hvlab.cfg with
# the given options (empty: no config file at all).
make_esp() {
	local esp=$T_DIR/esp
	mkdir -p "$esp/EFI/BOOT" "$esp/EFI/hvlab"
	cp "$BUILD/hvlab.efi" "$esp/EFI/BOOT/BOOTX64.EFI"
	[ -n "$1" ] && printf '# written by the test\n%s\n' "$1" >"$esp/EFI/hvlab/hvlab.cfg"
	echo "$esp"
}

# TCG has no VT-x: hvlab must load, read its options, leave boot services,
# and then say clearly that it cannot run, with status 37 (no-vmx).
t_qemu_tcg_no_vtx() {
	run_qemu_efi tcg "$(make_esp 'mode=ept mem=32M')"
	expect_status 37
	expect_log '^loader: '
	expect_log '^loader: options source=file:\\EFI\\hvlab\\hvlab.cfg cmdline="mode=ept mem=32M"'
	expect_log '^loader: exit-boot-services ok '
	expect_log '^hvlab: hypervisor start loader=uefi$'
	expect_log '^hvlab: options mode=ept mem=32M exit=qemu '
	expect_log '^host: page tables root=0x[0-9a-f]+ identity '
	expect_log '^hvlab: cpu vendor=[A-Za-z]+ vmx=no '
	expect_log '^hvlab: error: this CPU has no VT-x \(CPUID.1:ECX.VMX=0\)'
	expect_log '^hvlab: run ended status=no-vmx exit=qemu$'
}

# QEMU's fw_cfg string beats the config file; a bad option is refused
# before anything else happens (status 35: fail).
t_qemu_tcg_fw_cfg_options() {
	run_qemu_efi tcg "$(make_esp 'mode=ept')" \
		-fw_cfg 'name=opt/hvlab/cmdline,string=mode=ept flavour=vanilla'
	expect_status 35
	expect_log '^loader: options source=fw_cfg:opt/hvlab/cmdline cmdline="mode=ept flavour=vanilla"$'
	expect_log "^hvlab: error: unknown boot option 'flavour=vanilla'"
	expect_no_log '^hvlab: cpu vendor='
}

# The shipped ISO under UEFI: OVMF -> GRUB (EFI) -> Multiboot2 hvlab.elf.
t_qemu_tcg_iso_uefi() {
	run_qemu tcg -cdrom "$BUILD/hvlab.iso"
	expect_status 37
	expect_log '^loader: hvlab multiboot2 loader$'
	expect_log '^hvlab: options source=multiboot2 command line cmdline="mode=ept"$'
	expect_log '^hvlab: error: this CPU has no VT-x'
}

# With KVM and nested VMX (an Intel host that offers it) the whole run.
t_qemu_kvm_full() {
	if ! have_kvm_vmx; then
		SKIP_REASON="no KVM with nested VMX here (/dev/kvm, a vmx CPU flag and kvm_intel nested=Y are all needed)"
		return
	fi
	run_qemu_efi kvm "$(make_esp 'mode=ept')" -cpu host
	expect_status 33
	expect_log '^hvlab: hypervisor start loader=uefi$'
	expect_log '^vmx: VMLAUNCH ok'
	expect_log '^ept: violation gpa=0xa000 gva=0xffffffff8000a000 access=write -> hpa=0x[0-9a-f]+ \(new page\)$'
	expect_log '^walk: gva=0x1000 mode=ept refs=24 '
	expect_log "^hypercall: checksum gpa=0x800000 len=0x10000 -> $EXPECTED_CHECKSUM\$"
	expect_count '^guest: selftest: pid=[1-8] .* ok$' 8
	expect_log '^hvlab: result=pass checksum=0x[0-9a-f]+$'
	expect_log '^hvlab: run ended status=pass exit=qemu$'
}

QEMU_TESTS="t_qemu_tcg_no_vtx t_qemu_tcg_fw_cfg_options t_qemu_tcg_iso_uefi t_qemu_kvm_full"

t_bochs_guest_cr4_reserved() {	# the VMM owns CR4 bits; a bad write gets #GP
	run_bochs corei7_skylake_x "$(make_iso cr4 'mode=ept -- fault=cr4')"
	expect_status 1
	expect_log '^guest: fault: setting reserved CR4 bit 31 \(cr4 was 0x20\)$' "the guest reads its shadow, without VMXE"
	expect_log '^cr: guest wrote cr4=0x80000020: a real CPU raises #GP, injecting it$'
	# the guest's own #GP handler sees it, exactly as on a real CPU
	expect_log '^guest: trap: vector=13 \(#GP general protection\) error=0x0 '
	expect_log '^hvlab: result=fail checksum=0x0$'
}
BOCHS_TESTS="$BOCHS_TESTS t_bochs_guest_cr4_reserved"

# ---- the guest kernel without a hypervisor -------------------------------

# The same guest, bare (GRUB boots it directly), under EPT, under shadow
# paging, and under the no-EPT fallback, must verify the same data: same
# self-checks, same checksum.
t_bochs_same_result_every_mode() {
	local bare ept shadow fallback ept2m
	run_bochs corei7_skylake_x "$(make_iso bare '' "$BUILD/guest/guest.elf")"
	expect_status 0
	expect_log_raw '^bare: no hypervisor; booted by Multiboot2'
	expect_log_raw '^cpuid: vmx=1 hypervisor=0 signature=none$'
	expect_log_raw "^memtest: checksum guest=$EXPECTED_CHECKSUM \\(no hypervisor to compare with\\)\$"
	expect_log_raw '^selftest: memtest=.* all ok$'
	bare=$(raw_log | grep -m1 -E '^bare: result=pass checksum=' | grep -o -E 'checksum=0x[0-9a-f]+$' | cut -d= -f2)
	mv "$T_DIR/serial.log" "$T_DIR/serial-bare.log"

	run_bochs corei7_skylake_x "$(make_iso cmp-ept mode=ept)"
	check_ept_pass
	ept=$(log_value '^hvlab: result=pass ' checksum)
	mv "$T_DIR/serial.log" "$T_DIR/serial-ept.log"

	run_bochs corei7_skylake_x "$(make_iso cmp-shadow mode=shadow)"
	check_shadow_pass
	shadow=$(log_value '^hvlab: result=pass ' checksum)
	mv "$T_DIR/serial.log" "$T_DIR/serial-shadow.log"

	run_bochs core2_penryn_t9600 "$(make_iso cmp-fallback '')"
	check_shadow_pass
	fallback=$(log_value '^hvlab: result=pass ' checksum)
	mv "$T_DIR/serial.log" "$T_DIR/serial-fallback.log"

	# 2 MiB EPT pages: two EPT violations in all, a 19-reference walk
	run_bochs tigerlake "$(make_iso cmp-ept2m 'mode=ept ept_pages=2m')"
	expect_status 0
	expect_log '^ept: 2M pages: guest RAM backed by hpa=0x[0-9a-f]+-0x[0-9a-f]+, mapped a large page at a time$'
	expect_log '^ept: violation gpa=0x800000 gva=0xffffff8040000000 access=write -> hpa=0x[0-9a-f]+ \(2M page gpa=0x800000-0xa00000 mapped\)$'
	expect_log '^walk: gva=0x1000 mode=ept refs=19 \(guest entries 4, EPT entries 15\) -> gpa=0xa000 -> hpa=0x[0-9a-f]+$'
	expect_count '^ept: violation ' 2
	ept2m=$(log_value '^hvlab: result=pass ' checksum)

	echo "  checksums: bare=$bare ept=$ept shadow=$shadow fallback=$fallback ept2m=$ept2m"
	[ -n "$bare" ] && [ "$bare" = "$ept" ] && [ "$ept" = "$shadow" ] &&
		[ "$shadow" = "$fallback" ] && [ "$fallback" = "$ept2m" ] ||
		fail "checksums differ: bare=$bare ept=$ept shadow=$shadow fallback=$fallback ept2m=$ept2m"
}

# Workloads: each runs to a verified end and prints its tick count.
t_bochs_workloads() {
	local w mode
	for w in "spawn n=8" "pfstorm n=64" "ctxswitch n=50" "wset n=64"; do
		mode=ept
		[ "${w%% *}" = spawn ] || [ "${w%% *}" = wset ] && mode=shadow
		run_bochs tigerlake "$(make_iso "wl-${w%% *}" "mode=$mode -- workload=$w")"
		expect_status 0
		expect_log "^guest: workload: name=${w%% *} n=${w##*=}: "
		expect_log "^guest: workload: name=${w%% *} phase=run ticks=[0-9]+ processes=[0-9]+ killed=0$"
		expect_log '^stats: total exits=[0-9]+ vmm-cycles=[0-9]+$'
		expect_log '^hvlab: result=pass checksum=0x[0-9a-f]+$'
		mv "$T_DIR/serial.log" "$T_DIR/serial-${w%% *}.log"
	done
	# the lecture's count: N processes -> N+1 guest roots; N+1 (and the
	# boot CR3's) shadow roots, or one EPT root
	run_bochs tigerlake "$(make_iso wl-ptcount-ept 'mode=ept -- workload=ptcount n=4')"
	expect_log '^guest: ptcount: guest page-table pages=[0-9]+ top-level tables=5 \(4 processes \+ the kernel\)$'
	expect_log '^stats: page-tables guest-pages=[0-9]+ guest-roots=5 ept-pages=[0-9]+ ept-roots=1$'
	mv "$T_DIR/serial.log" "$T_DIR/serial-ptcount-ept.log"
	run_bochs tigerlake "$(make_iso wl-ptcount-shadow 'mode=shadow -- workload=ptcount n=4')"
	expect_log '^stats: page-tables guest-pages=[0-9]+ guest-roots=5 shadow-pages=[0-9]+ shadow-roots=6$' "5 + the boot CR3's"
	mv "$T_DIR/serial.log" "$T_DIR/serial-ptcount-shadow.log"
	# the guest rewriting its own page tables: same data under both MMUs
	local sums=""
	for mode in ept shadow; do
		run_bochs corei7_skylake_x "$(make_iso "wl-churn-$mode" "mode=$mode -- workload=ptchurn n=3")"
		expect_status 0
		expect_count '^guest: p[12]: ptchurn: rounds=3 pages=8 mismatches=0$' 2
		expect_log '^guest: workload: name=ptchurn phase=run ticks=[0-9]+ processes=2 killed=0$'
		sums="$sums $(log_value '^hvlab: result=pass ' checksum)"
		mv "$T_DIR/serial.log" "$T_DIR/serial-ptchurn-$mode.log"
	done
	set -- $sums
	[ "$#" = 2 ] && [ "$1" = "$2" ] || fail "ptchurn checksums differ between EPT and shadow:$sums"
	touch "$T_DIR/serial.log"
}
BOCHS_TESTS="$BOCHS_TESTS t_bochs_same_result_every_mode t_bochs_workloads"


# log=quiet|events|trace, and a storm cut short with the drop counted.
t_bochs_log_levels() {
	run_bochs tigerlake "$(make_iso log-quiet 'mode=ept log=quiet')"
	expect_status 0
	expect_log '^hvlab: options mode=ept mem=64M exit=bochs log=quiet '
	expect_no_log '^ept: violation'
	expect_log '^stats: event name=ept-violation count=[1-9][0-9]* vmm-cycles=[0-9]+ avg=[0-9]+$'
	expect_log '^hvlab: result=pass checksum=0x[0-9a-f]+$'
	mv "$T_DIR/serial.log" "$T_DIR/serial-quiet.log"

	run_bochs tigerlake "$(make_iso log-trace 'mode=ept log=trace')"
	expect_status 0
	local traced total
	traced=$(hv_log | grep -c '^trace: exit reason=')
	total=$(log_value '^stats: total exits=' exits)
	[ "$traced" -gt 0 ] && [ "$traced" = "$total" ] ||
		fail "log=trace printed $traced exits, the statistics count $total"
	mv "$T_DIR/serial.log" "$T_DIR/serial-trace.log"

	run_bochs tigerlake "$(make_iso log-storm 'mode=ept -- workload=pfstorm n=2500')"
	expect_status 0
	local shown dropped events
	shown=$(hv_log | grep -c '^ept: violation ')
	dropped=$(log_value '^stats: log dropped kind=ept-violation ' lines)
	events=$(log_value '^stats: event name=ept-violation ' count)
	[ "$shown" = 2000 ] && [ -n "$dropped" ] && [ $((shown + dropped)) = "$events" ] ||
		fail "storm: $shown lines shown + ${dropped:-0} dropped != $events events"
}
BOCHS_TESTS="$BOCHS_TESTS t_bochs_log_levels"
