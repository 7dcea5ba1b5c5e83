/*
 * selftest.c - the guest's self-checks, as a table of processes and what
 * each must do, and the workloads for benchmarks.
 */
#include "abi/checksum.h"
#include "abi/hypercall.h"
#include "abi/syscall.h"
#include "console.h"
#include "hv/fmt.h"
#include "kernel.h"
#include "mm.h"
#include "proc.h"
#include "selftest.h"
#include "x86.h"

struct expect {
	const char *name;
	int program;
	u64 arg;
	bool must_be_killed;	/* the kernel must stop it, the rest go on */
};

static const struct expect selfcheck[] = {
	{ "lecture",       PROG_LECTURE,       0, false },
	{ "pattern-a",     PROG_PATTERN,       1, false },
	{ "pattern-b",     PROG_PATTERN,       2, false },
	{ "shared-writer", PROG_SHARED_WRITER, 0, false },
	{ "shared-reader", PROG_SHARED_READER, 0, false },
	{ "heap",          PROG_HEAP,          0, false },
	{ "kernel-read",   PROG_KERNEL_READ,   0, true },
	{ "bad-address",   PROG_BAD_ADDRESS,   0, true },
};
#define NCHECK (sizeof(selfcheck) / sizeof(selfcheck[0]))

bool selftest_processes(u64 *checksum)
{
	struct proc *ps[NCHECK];
	u64 shared = mm_zalloc();
	bool ok = shared != 0;

	for (u64 i = 0; i < NCHECK; i++) {
		ps[i] = proc_spawn(selfcheck[i].name, selfcheck[i].program,
				   selfcheck[i].arg);
		if (!ps[i])
			return false;
		kprintf("proc: spawn pid=%d name=%s cr3=0x%llx\n", ps[i]->pid,
			ps[i]->name, (unsigned long long)ps[i]->pml4);
	}
	/* The lecture's page: a zeroed frame at a known address, which the
	 * #PF handler maps when process 1 first reads va 0x1000 (proc.c). */
	memset(phys_to_virt(LECTURE_GPA), 0, PAGE_SIZE);
	ps[0]->lecture = true;
	ok &= proc_map_foreign(ps[3], USER_SHARED_VA, shared);
	ok &= proc_map_foreign(ps[4], USER_SHARED_VA, shared);
	kprintf("shared: gpa=0x%llx mapped at va=0x%llx in pid=%d and pid=%d\n",
		(unsigned long long)shared, (unsigned long long)USER_SHARED_VA,
		ps[3]->pid, ps[4]->pid);

	proc_run_all();

	u64 h = CHECKSUM_INIT;
	for (u64 i = 0; i < NCHECK; i++) {
		const struct proc *p = ps[i];
		bool good = selfcheck[i].must_be_killed ?
				    p->killed :
				    !p->killed && p->exit_status == 0 && p->reported;
		kprintf("selftest: pid=%d %s exit=%d killed=%d page-faults=%llu %s\n",
			p->pid, p->name, p->exit_status, p->killed,
			(unsigned long long)p->page_faults, good ? "ok" : "FAILED");
		ok &= good;
		if (p->reported)
			h = checksum_update(h, &p->checksum, sizeof(p->checksum));
	}
	frame_free(&frames, shared);
	*checksum = h;
	return ok;
}

bool selftest_remap(void)
{
	const u64 va = 0xffffff8000000000ull;	/* unused kernel address */
	u64 a = mm_zalloc(), b = mm_zalloc();
	volatile u64 *p = (volatile u64 *)(uintptr_t)va;

	if (!a || !b || !mm_map(kernel_pml4, va, a, IA32E_P | IA32E_RW))
		return false;
	*(u64 *)phys_to_virt(b) = 0xbbbbbbbbbbbbbbbbull;
	*p = 0xaaaaaaaaaaaaaaaaull;
	u64 first = *p;
	mm_unmap(kernel_pml4, va);		/* INVLPG: the TLB forgets a */
	mm_map(kernel_pml4, va, b, IA32E_P | IA32E_RW);
	u64 second = *p;
	bool ok = first == 0xaaaaaaaaaaaaaaaaull &&
		  second == 0xbbbbbbbbbbbbbbbbull &&
		  *(u64 *)phys_to_virt(a) == 0xaaaaaaaaaaaaaaaaull;
	kprintf("selftest: remap va=0x%llx gpa=0x%llx -> gpa=0x%llx, after INVLPG reads 0x%llx %s\n",
		(unsigned long long)va, (unsigned long long)a,
		(unsigned long long)b, (unsigned long long)second,
		ok ? "ok" : "FAILED");
	mm_unmap(kernel_pml4, va);
	frame_free(&frames, a);
	frame_free(&frames, b);
	return ok;
}

/* ---- workloads ---------------------------------------------------------- */

static u64 arg_value(const char *cmdline, const char *key, u64 dflt)
{
	size_t k = str_len(key);
	for (const char *s = cmdline; *s; s++) {
		if ((s == cmdline || s[-1] == ' ') && str_ncmp(s, key, k) == 0 &&
		    s[k] == '=') {
			u64 v = 0;
			for (s += k + 1; *s >= '0' && *s <= '9'; s++)
				v = v * 10 + (u64)(*s - '0');
			return v;
		}
	}
	return dflt;
}

struct workload {
	const char *name;
	int program;
	u64 procs;		/* how many processes */
	u64 n_default;		/* the argument each gets */
	const char *what;
};

static const struct workload workloads[] = {
	{ "spawn", PROG_TOUCH, 0, 64, "many short-lived processes (n of them)" },
	{ "pfstorm", PROG_PFSTORM, 1, 512, "one process maps n pages by touching them" },
	{ "ctxswitch", PROG_YIELDER, 2, 1000, "two processes yield n times each" },
	{ "wset", PROG_WSET, 1, 1024, "n pages touched in random order" },
	{ "ptchurn", PROG_PTCHURN, 2, 16, "two processes map, move, protect and unmap pages for n rounds" },
	{ "ptcount", PROG_YIELDER, 0, 4, "n processes alive at once (each yields n times): count the page tables" },
};

/* ptcount: after the first round every process has run once and is still
 * alive.  Count the guest's page tables then, and have the VMM print its
 * own (shadow or EPT) next to them: the lecture's N + N versus N + 1. */
static void report_page_tables(int round)
{
	if (round != 1)
		return;
	u64 tables = mm_count_kernel_tables(), roots = 1;
	for (int k = 0; k < NPROC; k++) {
		const struct proc *p = &proc_table()[k];
		if (p->state == P_RUNNABLE || p->state == P_RUNNING) {
			tables += mm_count_tables(p->pml4);
			roots++;
		}
	}
	kprintf("ptcount: guest page-table pages=%llu top-level tables=%llu (%llu processes + the kernel)\n",
		(unsigned long long)tables, (unsigned long long)roots,
		(unsigned long long)(roots - 1));
	if (boot_info->host_mode != GUEST_BARE)
		vmcall(HC_PT_REPORT, tables, roots, 0);
}

bool workload_run(const char *cmdline, u64 *checksum)
{
	const char *w = cmdline + str_len("workload=");
	for (u64 i = 0; i < sizeof(workloads) / sizeof(workloads[0]); i++) {
		const struct workload *wl = &workloads[i];
		size_t len = str_len(wl->name);
		if (str_ncmp(w, wl->name, len) != 0 || (w[len] && w[len] != ' '))
			continue;
		u64 n = arg_value(cmdline, "n", wl->n_default);
		bool ptcount = str_cmp(wl->name, "ptcount") == 0;
		u64 procs = wl->procs ? wl->procs : n;
		u64 h = CHECKSUM_INIT, killed = 0;
		proc_round_hook = ptcount ? report_page_tables : NULL;
		kprintf("workload: name=%s n=%llu: %s\n", wl->name,
			(unsigned long long)n, wl->what);
		u64 t0 = rdtsc();
		for (u64 k = 0; k < procs; k++) {
			if (!proc_spawn(wl->name, wl->program, n))
				return false;
			if (!wl->procs && !ptcount)	/* spawn: one at a time */
				proc_run_all();
		}
		proc_run_all();
		u64 t1 = rdtsc();
		for (int k = 0; k < NPROC; k++) {
			const struct proc *p = &proc_table()[k];
			if (p->pid == 0)
				continue;
			killed += p->killed;
			if (p->reported)
				h = checksum_update(h, &p->checksum, sizeof(p->checksum));
		}
		kprintf("workload: name=%s phase=run ticks=%llu processes=%llu killed=%llu\n",
			wl->name, (unsigned long long)(t1 - t0),
			(unsigned long long)procs, (unsigned long long)killed);
		*checksum = h;
		return killed == 0;
	}
	kprintf("workload: unknown name in \"%s\" (known: spawn pfstorm ctxswitch wset ptchurn ptcount)\n",
		cmdline);
	return false;
}
