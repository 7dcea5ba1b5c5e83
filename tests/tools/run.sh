#!/usr/bin/env bash
# run.sh - `make run`: boot hvlab in the best emulator on this machine and
# stream its serial log to the terminal.
#   - QEMU with KVM, when /dev/kvm offers VMX (nested virtualization): the
#     UEFI application, hvlab.efi, from build/esp;
#   - otherwise Bochs (emulates VT-x and EPT in software), booting GRUB and
#     the Multiboot2 image.
# Environment: MODE=ept|shadow, or OPTIONS="boot options" for everything
# (default: mode=ept), MODEL=bochs CPU
# model (default corei7_skylake_x), EMULATOR=bochs|kvm to force a choice,
# BOCHS_DEBUG=1 to get Bochs' debugger prompt (<bochs:1>) before the first
# instruction instead of running straight through.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh

OPTIONS=${OPTIONS:-mode=${MODE:-ept}}
MODEL=${MODEL:-corei7_skylake_x}
EMULATOR=${EMULATOR:-}
if [ -z "$EMULATOR" ]; then
	if have_kvm_vmx; then EMULATOR=kvm; else EMULATOR=bochs; fi
fi

begin_test run
echo "hvlab: booting with OPTIONS=\"$OPTIONS\" in $EMULATOR; serial log: $T_DIR/serial.log"
touch "$T_DIR/serial.log"
tail -s 0.2 -n +1 -F "$T_DIR/serial.log" 2>/dev/null &
tailer=$!
case $EMULATOR in
kvm)
	esp=$T_DIR/esp
	cp -r "$BUILD/esp" "$esp"
	echo "$OPTIONS" >"$esp/EFI/hvlab/hvlab.cfg"
	run_qemu_efi kvm "$esp" -cpu host
	;;
bochs)
	iso=$(make_iso run "$OPTIONS")
	if [ -n "${BOCHS_DEBUG:-}" ]; then
		kill "$tailer" 2>/dev/null
		run_bochs "$MODEL" "$iso" interactive
	else
		run_bochs "$MODEL" "$iso"
	fi
	;;
*)
	echo "unknown EMULATOR=$EMULATOR (bochs or kvm)"; T_STATUS=2 ;;
esac
sleep 0.6
kill "$tailer" 2>/dev/null
echo
echo "hvlab: emulator exited with status $T_STATUS"
exit "$T_STATUS"
