/*
 * log.c - formatted output to the serial port.
 */
#include <stdarg.h>
#include "fmt.h"
#include "log.h"
#include "platform.h"
#include "serial.h"

static void vpr(const char *fmt, va_list ap)
{
	char line[512];
	int n = fmt_vsnprintf(line, sizeof(line), fmt, ap);
	size_t len = str_len(line);
	serial_write(line, len);
	if ((size_t)n > len)
		serial_puts(" [...line truncated]\n");
}

void pr(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vpr(fmt, ap);
	va_end(ap);
}

void panic(const char *fmt, ...)
{
	va_list ap;
	serial_puts("hvlab: FATAL: ");
	va_start(ap, fmt);
	vpr(fmt, ap);
	va_end(ap);
	platform_exit(EXIT_FAIL);
}
