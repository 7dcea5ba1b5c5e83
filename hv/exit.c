/*
 * exit.c - what the VMM does for CPUID, port I/O, hypercalls and HLT.
 */
#include "exit.h"
#include "fmt.h"
#include "guest/abi/checksum.h"
#include "guest/abi/hypercall.h"
#include "log.h"
#include "x86.h"

#define CPUID_ECX_VMX       BIT(5)
#define CPUID_ECX_HYPERVISOR BIT(31)
#define CPUID_HV_LEAF       0x40000000u

/*
 * CPUID passes through, with two edits: the VMX bit is cleared (the guest
 * cannot use VMX: hvlab does not emulate it) and the "hypervisor present"
 * bit is set, with hvlab's signature at leaf 0x40000000, as KVM and others
 * do, so that a guest can tell it is virtualized.
 */
enum exit_action handle_cpuid(struct vcpu *v)
{
	u64 *g = v->regs.gpr;
	u32 leaf = (u32)g[RAX], sub = (u32)g[RCX];
	struct cpuid_regs r;

	v->vm->stats.cpuid_exits++;
	if (leaf == CPUID_HV_LEAF) {
		r.eax = CPUID_HV_LEAF;
		memcpy(&r.ebx, "hvla", 4);
		memcpy(&r.ecx, "bhvl", 4);
		memcpy(&r.edx, "abhv", 4);
	} else {
		r = cpuid(leaf, sub);
		if (leaf == 1) {
			r.ecx &= ~CPUID_ECX_VMX;
			r.ecx |= CPUID_ECX_HYPERVISOR;
		}
	}
	g[RAX] = r.eax;
	g[RBX] = r.ebx;
	g[RCX] = r.ecx;
	g[RDX] = r.edx;
	return EXIT_RESUME;
}

/* ---- the guest's COM1, emulated -------------------------------------- */

#define GUEST_COM1 0x3f8
#define UART_LSR_THRE_TEMT 0x60	/* transmitter empty: the guest may send */
#define UART_LCR_DLAB 0x80

static void console_flush(struct guest_console *c)
{
	c->line[c->len] = '\0';
	pr("guest: %s\n", c->line);
	c->len = 0;
}

static void console_putc(struct guest_console *c, char ch)
{
	if (ch == '\r')
		return;
	if (ch == '\n') {
		console_flush(c);
		return;
	}
	if (c->len + 1 >= CONSOLE_LINE_MAX)
		console_flush(c);
	c->line[c->len++] = (ch >= 32 && ch < 127) ? ch : '?';
}

static u8 uart_read(struct guest_console *c, unsigned reg)
{
	switch (reg) {
	case 3: return c->lcr;
	case 5: return UART_LSR_THRE_TEMT;
	default: return 0;
	}
}

static void uart_write(struct guest_console *c, unsigned reg, u8 val)
{
	if (reg == 0 && !(c->lcr & UART_LCR_DLAB))
		console_putc(c, (char)val);
	else if (reg == 3)
		c->lcr = val;
	/* IER, FCR, MCR and the divisor latch change nothing we emulate. */
}

enum exit_action handle_io(struct vcpu *v, u16 port, unsigned size, bool in,
			   u64 *value)
{
	struct vm *vm = v->vm;

	vm->stats.io_exits++;
	if (port >= GUEST_COM1 && port < GUEST_COM1 + 8 && size == 1) {
		if (in)
			*value = uart_read(&vm->console, port - GUEST_COM1);
		else
			uart_write(&vm->console, port - GUEST_COM1, (u8)*value);
		return EXIT_RESUME;
	}
	pr("io: guest %s port=0x%x size=%u: not a device this VM has\n",
	   in ? "read" : "write", port, size);
	vm_stop(vm, EXIT_FAIL, "guest accessed an I/O port it does not own");
	return EXIT_STOP;
}

/* HC_CONSOLE_WRITE: the same console, fed a line at a time from guest
 * memory (read through the guest-RAM map, so only the guest's own RAM). */
static bool console_from_guest(struct vm *vm, gpa_t gpa, u64 len)
{
	if (len > 256 || gpa.v + len < gpa.v || gpa.v + len > vm->ram.size)
		return false;
	for (u64 i = 0; i < len; i++) {
		hpa_t page = guest_ram_lookup(&vm->ram, GPA((gpa.v + i) & PAGE_MASK));
		if (!page.v)
			return false;
		console_putc(&vm->console,
			     *((const char *)hpa_ptr(page) + ((gpa.v + i) & (PAGE_SIZE - 1))));
	}
	return true;
}

/* ---- hypercalls (guest/abi/hypercall.h) ------------------------------- */

/* One hypercall may not keep the VMM busy for long. */
#define HC_CHECKSUM_MAX MiB(16)

static u64 checksum_gpa(struct vm *vm, gpa_t gpa, u64 len, bool *ok)
{
	u64 h = CHECKSUM_INIT;
	*ok = !(gpa.v & (PAGE_SIZE - 1)) && !(len & (PAGE_SIZE - 1)) &&
	      len <= HC_CHECKSUM_MAX && gpa.v + len >= gpa.v &&
	      gpa.v + len <= vm->ram.size;
	for (u64 a = gpa.v; *ok && a < gpa.v + len; a += PAGE_SIZE) {
		hpa_t page = guest_ram_lookup(&vm->ram, GPA(a));
		static const u8 zero_page[PAGE_SIZE];
		/* A page never touched reads as zeros, as it would in the guest. */
		h = checksum_update(h, page.v ? hpa_ptr(page) : zero_page,
				    PAGE_SIZE);
	}
	return h;
}

enum exit_action handle_hypercall(struct vcpu *v)
{
	struct vm *vm = v->vm;
	u64 *g = v->regs.gpr;
	bool ok;

	vm->stats.hypercalls++;
	if (vcpu_vendor_guest_cpl(v) != 0) {
		pr("hypercall: rax=0x%llx from user mode refused\n",
		   (unsigned long long)g[RAX]);
		g[RAX] = HC_ERROR;
		return EXIT_RESUME;
	}
	switch (g[RAX]) {
	case HC_REPORT_RESULT:
		vm->result_reported = true;
		pr("hvlab: result=%s checksum=0x%llx\n",
		   g[RBX] == 1 ? "pass" : "fail", (unsigned long long)g[RCX]);
		vm_stop(vm, g[RBX] == 1 ? EXIT_PASS : EXIT_FAIL,
			g[RBX] == 1 ? "guest reported pass" :
				      "guest reported failure");
		return EXIT_STOP;
	case HC_CHECKSUM_GPA:
		g[RAX] = checksum_gpa(vm, GPA(g[RBX]), g[RCX], &ok);
		if (!ok)
			g[RAX] = HC_ERROR;
		pr("hypercall: checksum gpa=0x%llx len=0x%llx -> 0x%llx\n",
		   (unsigned long long)g[RBX], (unsigned long long)g[RCX],
		   (unsigned long long)g[RAX]);
		return EXIT_RESUME;
	case HC_STATS:
		vm_print_stats(vm, "guest request");
		g[RAX] = 0;
		return EXIT_RESUME;
	case HC_PT_REPORT:
		vm->guest_pt_pages = g[RBX];
		vm->guest_pt_roots = g[RCX];
		vm->guest_pt_reported = true;
		vm_print_stats(vm, "guest page-table report");
		g[RAX] = 0;
		return EXIT_RESUME;
	case HC_CONSOLE_WRITE:
		g[RAX] = console_from_guest(vm, GPA(g[RBX]), g[RCX]) ? 0 : HC_ERROR;
		return EXIT_RESUME;
	case HC_WALK:
		g[RAX] = (u64)mmu_count_walk(v, GVA(g[RBX]));
		return EXIT_RESUME;
	default:
		pr("hypercall: unknown number rax=0x%llx\n",
		   (unsigned long long)g[RAX]);
		g[RAX] = HC_ERROR;
		return EXIT_RESUME;
	}
}

/* With interrupts off and nothing to wake it, a halted guest is done, but it
 * never said how it went: that is a failure, not a hang. */
enum exit_action handle_hlt(struct vcpu *v)
{
	pr("vm: guest executed HLT without reporting a result\n");
	vm_stop(v->vm, EXIT_FAIL, "guest halted");
	return EXIT_STOP;
}
