/*
 * serial.h - a polled 16550 UART on COM1 (I/O port 0x3f8), 115200 8N1.
 * Used by both loaders and the VMM; it needs no interrupts and no firmware.
 */
#ifndef HV_SERIAL_H
#define HV_SERIAL_H

#include "types.h"

#define COM1_PORT 0x3f8

void serial_init(void);
void serial_putc(char c);
void serial_write(const char *s, size_t n);
void serial_puts(const char *s);
void serial_flush(void);	/* wait until the transmitter is empty */

#endif
