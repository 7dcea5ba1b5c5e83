/*
 * console.c - a polled 8250/16550 driver and printf for the guest.
 */
#include <stdarg.h>
#include "console.h"
#include "hv/fmt.h"
#include "x86.h"

#define COM1 0x3f8

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
