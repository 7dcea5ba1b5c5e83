#!/usr/bin/env bash
# install-deps.sh - installs the Debian/Ubuntu packages hvlab builds and
# tests with.  As root it runs apt-get; otherwise it prints the exact
# command to run.  Prints nothing to do when everything is there.
set -eu
PKGS="build-essential nasm gnu-efi binutils grub-common grub-pc-bin \
grub-efi-amd64-bin xorriso mtools dosfstools bochs bochsbios vgabios \
qemu-system-x86 ovmf util-linux coreutils gnuplot-nox"

missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "hvlab needs these packages:$missing"
	echo "run:  sudo apt-get install -y$missing"
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq $missing >/dev/null
