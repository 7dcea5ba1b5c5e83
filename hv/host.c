/*
 * host.c - take over the machine: our own page tables, GDT, TSS and IDT.
 *
 * Whatever the firmware or GRUB left (page tables in boot-services memory,
 * a GDT we do not know) may be gone or reused after the handoff, so the VMM
 * builds its own (see also harness notes on ExitBootServices).  The same
 * values go into the VMCS host-state area: every VM exit lands here.
 */
#include "fmt.h"
#include "host.h"
#include "log.h"
#include "mmu/paging.h"
#include "x86.h"

/* Assembly helpers in hv/trap.asm. */
void host_load_gdt(const struct desc_ptr *gdtr, u16 cs, u16 ds, u16 tr);
void host_load_idt(const struct desc_ptr *idtr);
extern const u64 host_trap_stubs[32];

static u64 highest_address(const struct boot_info *bi)
{
	u64 top = GiB(4);	/* the low 4 GiB always: BIOS areas, MMIO holes */
	for (u32 i = 0; i < bi->mmap_count; i++) {
		u64 end = bi->mmap[i].base + bi->mmap[i].length;
		if (end > top)
			top = end;
	}
	return top;
}

static void build_page_tables(struct host *h)
{
	struct pt_mem m = palloc_pt_mem(&h->pa);
	u64 top = highest_address(h->bi);
	int level = h->has_1g_pages ? 3 : 2;
	u64 step = pt_level_size(level);

	if (top > PALLOC_LIMIT)
		top = PALLOC_LIMIT;	/* one PML4 slot; the pool stays below */
	h->cr3 = palloc_page(&h->pa);
	if (!h->cr3.v)
		panic("host: out of memory for page tables\n");
	h->mapped_bytes = ALIGN_UP(top, GiB(1));
	for (u64 a = 0; a < h->mapped_bytes; a += step)
		if (!pt_map(&pt_ia32e, &m, h->cr3.v, a, a, level,
			    IA32E_P | IA32E_RW))
			panic("host: cannot map 0x%llx\n", (unsigned long long)a);
	write_cr3(h->cr3.v);
	pr("host: page tables root=0x%llx identity 0-0x%llx with %s pages\n",
	   (unsigned long long)h->cr3.v, (unsigned long long)h->mapped_bytes,
	   level == 3 ? "1G" : "2M");
}

static void build_gdt(struct host *h)
{
	h->gdt[0] = 0;
	h->gdt[HOST_CS / 8] = GDT_KERNEL_CODE64;
	h->gdt[HOST_DS / 8] = GDT_KERNEL_DATA;
	gdt_tss_descriptor(&h->gdt[HOST_TR / 8], (u64)(uintptr_t)&h->tss,
			   sizeof(h->tss) - 1);
	h->tss.iomap_base = sizeof(h->tss);	/* no I/O bitmap */

	struct desc_ptr gdtr = { sizeof(h->gdt) - 1, (u64)(uintptr_t)h->gdt };
	host_load_gdt(&gdtr, HOST_CS, HOST_DS, HOST_TR);
}

/* #DF gets its own stack (IST1, SDM 6.14.5): a VMM stack overflow ends in
 * a #DF whose handler must not need the overflowed stack to report it. */
static void build_idt(struct host *h)
{
	hpa_t df_stack = palloc_page(&h->pa);
	if (!df_stack.v)
		panic("host: out of memory for the #DF stack\n");
	h->tss.ist[0] = df_stack.v + PAGE_SIZE;
	for (int v = 0; v < 32; v++)
		h->idt[v] = idt_interrupt_gate(host_trap_stubs[v], HOST_CS, 0,
					       v == 8 ? 1 : 0);
	struct desc_ptr idtr = { sizeof(h->idt) - 1, (u64)(uintptr_t)h->idt };
	host_load_idt(&idtr);
}

void host_init(struct host *h, const struct boot_info *bi, u64 guest_mem)
{
	u64 overhead = host_pool_overhead(guest_mem);
	u64 need = guest_mem + overhead;

	h->bi = bi;
	if (!palloc_init(&h->pa, bi, need))
		panic("host: not enough free memory: need %llu MiB (guest RAM %llu MiB + %llu MiB for the VMM), largest free block is %llu MiB\n",
		      (unsigned long long)(need >> 20),
		      (unsigned long long)(guest_mem >> 20),
		      (unsigned long long)(overhead >> 20),
		      (unsigned long long)((h->pa.top - h->pa.base) >> 20));
	/* Use only what we need, from the top of the block. */
	h->pa.base = h->pa.top - need;
	pr("host: memory pool hpa=0x%llx-0x%llx (%llu MiB)\n",
	   (unsigned long long)h->pa.base, (unsigned long long)h->pa.top,
	   (unsigned long long)(need >> 20));

	h->has_1g_pages = cpuid(0x80000000, 0).eax >= 0x80000001 &&
			  (cpuid(0x80000001, 0).edx & BIT(26));
	build_page_tables(h);
	build_gdt(h);
	build_idt(h);
	hpa_t stack = palloc_pages(&h->pa, HOST_STACK_PAGES, PAGE_SIZE);
	if (!stack.v)
		panic("host: out of memory for the VMM stack\n");
	h->stack_top = HPA(stack.v + HOST_STACK_PAGES * PAGE_SIZE);
}

/* A fault inside the VMM itself is a bug in hvlab: say where, then stop. */
void host_trap(struct trap_frame *f)
{
	pr("host: EXCEPTION vector=%llu (%s) error=0x%llx in the VMM\n",
	   (unsigned long long)f->vector, exception_name((unsigned)f->vector),
	   (unsigned long long)f->error);
	pr("host:   rip=0x%llx cs=0x%llx rflags=0x%llx rsp=0x%llx cr2=0x%llx\n",
	   (unsigned long long)f->rip, (unsigned long long)f->cs,
	   (unsigned long long)f->rflags, (unsigned long long)f->rsp,
	   (unsigned long long)read_cr2());
	pr("host:   rax=0x%llx rbx=0x%llx rcx=0x%llx rdx=0x%llx rsi=0x%llx rdi=0x%llx\n",
	   (unsigned long long)f->rax, (unsigned long long)f->rbx,
	   (unsigned long long)f->rcx, (unsigned long long)f->rdx,
	   (unsigned long long)f->rsi, (unsigned long long)f->rdi);
	panic("unexpected exception in the hypervisor\n");
}
