/*
 * serial.c - polled 16550 UART driver for the host side (COM1).
 *
 * Register offsets and bits are those of the 8250/16550 family: THR/RBR at
 * +0, IER +1, FCR +2, LCR +3, MCR +4, LSR +5.  Divisor latch = 115200/baud.
 */
#include "serial.h"
#include "x86.h"

#define UART_THR 0
#define UART_IER 1
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define UART_DLL 0
#define UART_DLM 1

#define LCR_8N1  0x03
#define LCR_DLAB 0x80
#define LSR_THRE 0x20
#define LSR_TEMT 0x40

/* Waits (bounded, in case there is no UART) until every queued byte has
 * left the transmitter. */
void serial_flush(void)
{
	for (int spin = 0; spin < 100000; spin++)
		if (inb(COM1_PORT + UART_LSR) & LSR_TEMT)
			break;
}

void serial_init(void)
{
	/* The FIFO reset below would drop what an earlier stage queued. */
	serial_flush();
	outb(COM1_PORT + UART_IER, 0x00);		/* no interrupts: we poll */
	outb(COM1_PORT + UART_LCR, LCR_DLAB);
	outb(COM1_PORT + UART_DLL, 1);			/* 115200 / 1 */
	outb(COM1_PORT + UART_DLM, 0);
	outb(COM1_PORT + UART_LCR, LCR_8N1);
	outb(COM1_PORT + UART_FCR, 0x07);		/* enable + clear FIFOs */
	outb(COM1_PORT + UART_MCR, 0x03);		/* DTR, RTS */
}

void serial_putc(char c)
{
	/* Bounded wait: a missing UART must not hang the hypervisor. */
	for (int spin = 0; spin < 100000; spin++)
		if (inb(COM1_PORT + UART_LSR) & LSR_THRE)
			break;
	outb(COM1_PORT + UART_THR, (u8)c);
}

void serial_write(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			serial_putc('\r');
		serial_putc(s[i]);
	}
}

void serial_puts(const char *s)
{
	while (*s) {
		if (*s == '\n')
			serial_putc('\r');
		serial_putc(*s++);
	}
}
