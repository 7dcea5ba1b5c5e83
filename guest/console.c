/*
 * console.c - a polled 8250/16550 driver and printf for the guest.
 */
#include <stdarg.h>
#include "abi/hypercall.h"
#include "console.h"
#include "hv/fmt.h"
#include "kernel.h"
#include "x86.h"

#define COM1 0x3f8

/* Under hvlab, once detected, whole lines go to the VMM by hypercall
 * (HC_CONSOLE_WRITE): one VM exit per line rather than one per character.
 * On bare hardware the UART is all there is. */
static bool paravirt;
static char line[160];
static unsigned line_len;

void console_use_hypercalls(void)
{
	paravirt = true;
}

static void line_flush(void)
{
	vmcall(HC_CONSOLE_WRITE, virt_to_phys(line), line_len, 0);
	line_len = 0;
}

void console_init(void)
{
	outb(COM1 + 1, 0x00);	/* no interrupts */
	outb(COM1 + 3, 0x80);	/* DLAB */
	outb(COM1 + 0, 1);	/* 115200 baud */
	outb(COM1 + 1, 0);
	outb(COM1 + 3, 0x03);	/* 8N1 */
}

void console_putc(char c)
{
	if (paravirt) {
		line[line_len++] = c;
		if (c == '\n' || line_len == sizeof(line))
			line_flush();
		return;
	}
	while (!(inb(COM1 + 5) & 0x20))
		;
	outb(COM1, (unsigned char)c);
}

void console_flush(void)
{
	for (int spin = 0; spin < 100000; spin++)
		if (inb(COM1 + 5) & 0x40)	/* transmitter empty */
			break;
}

void kprintf(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	fmt_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	for (const char *p = buf; *p; p++)
		console_putc(*p);
}
