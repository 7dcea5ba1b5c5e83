# lib.sh - the end-to-end test harness: boot hvlab in an emulator, wait for
# it to end (or time out), and check what its serial log says.
#
# Each test runs in its own directory under build/tests/<name>/ holding
# serial.log (what hvlab printed), emu.log (the emulator's own output) and,
# for Bochs, bochs.log (where Bochs names failed VM-entry checks).
# Facts about the emulators come from shared/notes/harness.md.

BUILD=${BUILD:-build}
TEST_ROOT=$BUILD/tests
BOCHS_TIMEOUT=${BOCHS_TIMEOUT:-120}
QEMU_TIMEOUT=${QEMU_TIMEOUT:-120}

# ---- reporting ----------------------------------------------------------
T_NAME=""
T_DIR=""
T_STATUS=""
T_FAILS=0

log_clean() {
	# The serial log as text: no CR, no ANSI escapes (GRUB, OVMF), no NULs.
	tr -d '\r\000' <"$1" | sed 's/\x1b\[[0-9;?]*[a-zA-Z]//g'
}

fail() {
	echo "  FAIL: $*"
	T_FAILS=$((T_FAILS + 1))
}

# Lines starting with a known prefix: what hvlab and the guest printed.
hv_log() {
	log_clean "$T_DIR/serial.log" 2>/dev/null |
		grep -a -E '^(loader|hvlab|host|vmx|vm|ept|shadow|walk|trace|guest|io|cr|hypercall|stats|dump): '
}

# The whole serial log as text, for a bare guest (no prefixes to filter on).
raw_log() {
	log_clean "$T_DIR/serial.log" 2>/dev/null
}

# expect_log_raw REGEX: some line of the whole serial log matches.
expect_log_raw() {
	raw_log | grep -a -q -E -- "$1" || fail "no serial line matches /$1/"
}

# expect_log REGEX [WHY]: some line of the hvlab log matches REGEX (ERE).
expect_log() {
	hv_log | grep -q -E -- "$1" || fail "no log line matches /$1/${2:+ ($2)}"
}

# expect_no_log REGEX: no line matches.
expect_no_log() {
	local hit
	hit=$(hv_log | grep -m1 -E -- "$1") && fail "unexpected log line: $hit"
	return 0
}

# expect_count REGEX N: exactly N lines match.
expect_count() {
	local n
	n=$(hv_log | grep -c -E -- "$1")
	[ "$n" -eq "$2" ] || fail "expected $2 lines matching /$1/, found $n"
}

# expect_status N: the emulator ended with exit status N (124 = timeout).
expect_status() {
	if [ "$T_STATUS" = 124 ]; then
		fail "timed out: hvlab hung (no exit within the limit)"
	elif [ "$T_STATUS" != "$1" ]; then
		fail "emulator exit status $T_STATUS, expected $1"
	fi
}

# log_value REGEX KEY: the value of KEY=... on the first line matching REGEX.
log_value() {
	hv_log | grep -m1 -E -- "$1" | grep -o -E "$2=[^ ]+" | head -1 | cut -d= -f2
}

begin_test() {
	T_NAME=$1
	T_DIR=$TEST_ROOT/$1
	T_FAILS=0
	T_STATUS=""
	rm -rf "$T_DIR"
	mkdir -p "$T_DIR"
}

# end_test: prints the verdict; on failure the log tail (and Bochs' own
# error lines, which name a failed VM-entry check) so CI output explains it.
end_test() {
	if [ "$T_FAILS" -eq 0 ]; then
		echo "PASS $T_NAME"
		return 0
	fi
	echo "FAIL $T_NAME ($T_FAILS checks failed); serial log tail:"
	log_clean "$T_DIR/serial.log" 2>/dev/null | grep -a -v '^[[:space:]]*$' |
		tail -n 40 | sed 's/^/  | /'
	if [ -f "$T_DIR/bochs.log" ]; then
		echo "  bochs.log errors:"
		grep -a -E 'VMFAIL|VMENTER|VMEXIT|PANIC|\[.*\] *e\[' "$T_DIR/bochs.log" |
			tail -n 15 | sed 's/^/  | /'
	fi
	return 1
}

# ---- boot media -----------------------------------------------------------

# make_iso NAME CMDLINE [KERNEL]: a GRUB ISO whose only entry boots KERNEL
# (default: hvlab; build/guest/guest.elf for a bare guest) with CMDLINE at
# once (timeout 0).  The shipped build/hvlab.iso is tested separately.
make_iso() {
	local dir=$TEST_ROOT/iso/$1
	rm -rf "$dir" && mkdir -p "$dir/boot/grub"
	cp "${3:-$BUILD/hvlab.elf}" "$dir/boot/hvlab.elf"
	cat >"$dir/boot/grub/grub.cfg" <<-CFG
	serial --unit=0 --speed=115200
	terminal_input serial
	terminal_output serial
	set timeout=0
	menuentry "hvlab test $1" {
		multiboot2 /boot/hvlab.elf $2
		boot
	}
	CFG
	grub-mkrescue -o "$TEST_ROOT/iso/$1.iso" "$dir" >"$dir.log" 2>&1 ||
		{ cat "$dir.log"; return 1; }
	echo "$TEST_ROOT/iso/$1.iso"
}

# ---- Bochs ------------------------------------------------------------------

# run_bochs MODEL ISO [interactive]: boots ISO on a Bochs CPU model,
# headless; sets T_STATUS.  With "interactive" the debugger prompt is the
# terminal's (no time limit): type c to run, Ctrl-C to stop, quit to end.  Bochs exits 0 through the magic breakpoint (hvlab's "pass"),
# 1 through the shutdown port (hvlab's "fail"), 124 on our timeout.
run_bochs() {
	local model=$1 iso=$2 mode=${3:-batch} dir
	dir=$(cd "$T_DIR" && pwd)
	cat >"$T_DIR/bochsrc" <<-RC
	megs: 256
	romimage: file=/usr/share/bochs/BIOS-bochs-latest
	vgaromimage: file=/usr/share/bochs/VGABIOS-lgpl-latest
	cpu: model=$model, count=1, ips=50000000, reset_on_triple_fault=0, ignore_bad_msrs=0
	ata0-master: type=cdrom, path=$(cd "$(dirname "$iso")" && pwd)/$(basename "$iso"), status=inserted
	boot: cdrom
	clock: sync=none, time0=946684800
	com1: enabled=1, mode=file, dev=$dir/serial.log
	magic_break: enabled=1
	panic: action=fatal
	error: action=report
	log: $dir/bochs.log
	display_library: rfb, options="timeout=0"
	sound: driver=dummy
	speaker: enabled=1, mode=dummy
	RC
	printf 'c\nquit\n' >"$T_DIR/bochs.rc"
	# The rfb display listens on a TCP port: give it a private network
	# namespace when we can, so nothing is opened to the network.
	local netns=""
	unshare -n true 2>/dev/null && netns="unshare -n"
	if [ "$mode" = interactive ]; then
		$netns bochs -q -f "$T_DIR/bochsrc"
		T_STATUS=$?
		return
	fi
	$netns timeout "$BOCHS_TIMEOUT" bochs -q -f "$T_DIR/bochsrc" \
		-rc "$T_DIR/bochs.rc" </dev/null >"$T_DIR/emu.log" 2>&1
	T_STATUS=$?
	touch "$T_DIR/serial.log"
}

# ---- QEMU + OVMF ----------------------------------------------------------

OVMF_CODE=${OVMF_CODE:-/usr/share/OVMF/OVMF_CODE_4M.fd}
OVMF_VARS=${OVMF_VARS:-/usr/share/OVMF/OVMF_VARS_4M.fd}

# run_qemu ACCEL [QEMU ARGS...]: boots OVMF with the given boot media; sets
# T_STATUS.  isa-debug-exit turns hvlab's verdict into status (v << 1) | 1:
# 33 pass, 35 fail, 37 no VT-x (hv/platform.h).  0 means a reset or triple
# fault (-no-reboot), never success.
run_qemu() {
	local accel=$1
	shift
	cp "$OVMF_VARS" "$T_DIR/OVMF_VARS.fd"
	timeout "$QEMU_TIMEOUT" qemu-system-x86_64 \
		-machine q35 -accel "$accel" -m 512M \
		-display none -monitor none -no-reboot -net none \
		-serial "file:$T_DIR/serial.log" \
		-drive "if=pflash,format=raw,readonly=on,file=$OVMF_CODE" \
		-drive "if=pflash,format=raw,file=$T_DIR/OVMF_VARS.fd" \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		"$@" </dev/null >"$T_DIR/emu.log" 2>&1
	T_STATUS=$?
	touch "$T_DIR/serial.log"
}

# run_qemu_efi ACCEL ESP_DIR [QEMU ARGS...]: the ESP directory as a FAT disk
# (a discarded snapshot: the guest cannot change the directory).
run_qemu_efi() {
	local accel=$1 esp=$2
	shift 2
	run_qemu "$accel" -drive "format=raw,file=fat:$esp,snapshot=on" "$@"
}

# Does this machine offer KVM with VMX to a guest (nested virtualization)?
# /dev/kvm usable, a VT-x host CPU, and kvm_intel loaded with nested=Y.
have_kvm_vmx() {
	[ -r /dev/kvm ] && [ -w /dev/kvm ] && grep -q -w vmx /proc/cpuinfo &&
		grep -q -E '^(Y|1)$' /sys/module/kvm_intel/parameters/nested 2>/dev/null
}
