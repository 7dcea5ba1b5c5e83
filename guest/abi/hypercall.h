/*
 * hypercall.h - the hvlab hypercall ABI, shared by guest/ and hv/.
 *
 * The guest executes VMCALL with the call number in RAX and arguments in
 * RBX, RCX, RDX.  The VMM returns a value in RAX (HC_ERROR for an unknown
 * call or bad arguments) and resumes after the VMCALL, except for
 * HC_REPORT_RESULT, which ends the run.
 */
#ifndef GUEST_ABI_HYPERCALL_H
#define GUEST_ABI_HYPERCALL_H

/* Report the guest's verdict and stop.  RBX: 1 = pass, 0 = fail.
 * RCX: checksum of the data the guest verified.  The VMM logs
 * "hvlab: result=pass checksum=0x..." and ends the run with that status. */
#define HC_REPORT_RESULT 1

/* Checksum guest-physical memory as the VMM sees it.  RBX: guest-physical
 * address, RCX: length in bytes (both 4 KiB aligned, at most 16 MiB).  Returns the
 * checksum (see checksum.h) in RAX.  The VMM reads through its own
 * guest-physical -> host-physical map, so a guest that compares this with
 * its own checksum over the same bytes proves both sides see one memory. */
#define HC_CHECKSUM_GPA 2

/* Translate RBX (a guest-virtual address of the current address space) the
 * way the hardware does in the active mode and count the memory references
 * (hv/mmu/walk.h): 24 under EPT with 4 KiB pages, 4 under shadow paging.
 * The VMM logs "walk: ..." and returns the count in RAX. */
#define HC_WALK 3

/* Print the VMM's statistics table now (exits and events with cycles,
 * page-table accounting). */
#define HC_STATS 4

/* The guest's own page-table count, for the accounting: RBX = 4 KiB pages
 * holding guest page tables, RCX = top-level tables (address spaces).
 * The VMM prints its table with them. */
#define HC_PT_REPORT 5

/* A paravirtual console: RBX = guest-physical address of the text, RCX =
 * its length (at most 256 bytes).  The VMM prints it as if the guest had
 * written it to its serial port, one exit per line instead of one per
 * character. */
#define HC_CONSOLE_WRITE 6

/* Only the guest kernel (CPL 0) may make hypercalls; from user mode every
 * call fails with HC_ERROR. */
#define HC_ERROR (~0ull)

#endif
