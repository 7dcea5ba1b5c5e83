/*
 * vm.h - the per-VM and per-vCPU state.  hvlab runs one VM with one vCPU;
 * all mutable VMM state lives in these two structs (and struct host).
 */
#ifndef HV_VM_H
#define HV_VM_H

#include "arch.h"
#include "host.h"
#include "mmu/guest_ram.h"
#include "mmu/shadow.h"
#include "options.h"
#include "stats.h"
#include "types.h"
#include "vmx/vmx.h"

/* Guest general-purpose registers, in the x86 encoding order (0 = RAX ...
 * 15 = R15) so that instruction operands decoded from exit information index
 * this array directly.  RSP lives in the VMCS; its slot here is unused. */
enum gpr { RAX, RCX, RDX, RBX, RSP, RBP, RSI, RDI,
	   R8, R9, R10, R11, R12, R13, R14, R15, GPR_COUNT };

struct vcpu_regs {
	u64 gpr[GPR_COUNT];
};

struct vcpu {
	struct vm *vm;
	struct vcpu_regs regs;		/* offsets used by hv/vmx/vmx_entry.asm */
	struct vmx_vcpu vmx;		/* backend state */
	u64 exits;
};

#define CONSOLE_LINE_MAX 160

/* The guest's serial port as the VMM emulates it: characters are collected
 * into lines and printed as "guest: <line>". */
struct guest_console {
	char line[CONSOLE_LINE_MAX];
	u32 len;
	u8 lcr;				/* line control register, for DLAB */
};

/* Counters that are not memory events; those (EPT violations, shadow
 * fills, ...) are counted once, in vm->counters (hv/stats.h). */
struct vm_stats {
	u64 ept_outside_ram;
	u64 io_exits;
	u64 cpuid_exits;
	u64 hypercalls;
	u64 shadow_evictions;
	u64 shadow_prefills;		/* shadow entries added at such a write */
	u64 shadow_protects;		/* guest pages found to hold tables */
	u64 shadow_unprotects;
	u64 shadow_tables_dropped;
};

struct vm {
	struct host *host;
	const struct options *opt;
	const struct cpu_caps *caps;
	enum mmu_mode mode;
	struct guest_ram ram;
	hpa_t ept_root;			/* mode=ept */
	int ept_level;			/* leaf level for new mappings: 1, 2, 3 */
	hpa_t ept_large_pool;		/* contiguous host memory for large pages */
	struct shadow_state shadow;	/* mode=shadow */
	gva_t guest_entry;		/* from the image header */
	struct guest_console console;
	struct vm_stats stats;
	struct vm_counters counters;	/* per exit reason and event, with cycles */
	u64 guest_pt_pages, guest_pt_roots;	/* as the guest reported them */
	bool guest_pt_reported;
	struct vcpu vcpu;
	bool result_reported;
	bool stopped;
	enum run_status status;		/* valid once stopped */
};

/* vm.c: build the VM and load the guest into it. */
void vm_init(struct vm *vm, struct host *h, const struct options *o,
	     const struct cpu_caps *caps);

/* The statistics table and page-table accounting (vm.c). */
void vm_print_stats(struct vm *vm, const char *when);

/* The run's verdict, printed once by whoever stops the guest. */
enum run_status vm_stop(struct vm *vm, enum run_status s, const char *why);

#endif
