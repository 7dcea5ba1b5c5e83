/*
 * fw_cfg.h - read QEMU's firmware configuration device (fw_cfg).
 *
 * QEMU hands the guest named blobs through fw_cfg; a test run passes boot
 * options as  -fw_cfg name=opt/hvlab/cmdline,string=...  without rebuilding
 * the boot image.  On x86 the device is two I/O ports: 0x510 (16-bit key
 * selector, write) and 0x511 (data, one byte per read, auto-incrementing).
 *
 * Port I/O to a device that is not there can do anything on real hardware,
 * so: call fw_cfg_present() and fw_cfg_read_file() only after
 * qemu_cpuid_detected() (or something equally sure) said we run under QEMU.
 * Vendor-neutral, firmware-neutral: both loaders may use it.
 */
#ifndef HV_FW_CFG_H
#define HV_FW_CFG_H

#include "types.h"

#define FW_CFG_PORT_SEL   0x510
#define FW_CFG_PORT_DATA  0x511
#define FW_CFG_SIGNATURE  0x0000	/* reads "QEMU" */
#define FW_CFG_FILE_DIR   0x0019	/* the directory of named files */
#define FW_CFG_NAME_MAX   56		/* name[] in a directory entry, with NUL */

/* CPUID says: a hypervisor (CPUID.1:ECX bit 31) whose leaf 0x40000000
 * signature is QEMU's TCG ("TCGTCGTCGTCG") or KVM ("KVMKVMKVM").  Only reads
 * CPUID, so it is safe anywhere. */
bool qemu_cpuid_detected(void);

/* The fw_cfg signature key reads "QEMU". */
bool fw_cfg_present(void);

/* Copies the named file (e.g. "opt/hvlab/cmdline") into buf, truncated to
 * size - 1 bytes and NUL-terminated.  False when there is no such file. */
bool fw_cfg_read_file(const char *name, char *buf, size_t size);

#endif
