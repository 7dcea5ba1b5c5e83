/*
 * console.h - the guest's console: COM1, programmed like real hardware.
 * Under hvlab every port access traps and the VMM prints the guest's lines
 * prefixed "guest: "; on bare hardware the same code drives the real UART.
 */
#ifndef GUEST_CONSOLE_H
#define GUEST_CONSOLE_H

void console_init(void);
void console_putc(char c);
void console_flush(void);	/* wait until every byte has left the UART */

/* From now on, lines go to the hypervisor by hypercall (hvlab only). */
void console_use_hypercalls(void);
void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
