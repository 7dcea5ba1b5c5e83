/*
 * log.c - formatted output to the serial port.
 */
#include <stdarg.h>
#include "fmt.h"
#include "log.h"
#include "platform.h"
#include "serial.h"
#include "stats.h"

static void vpr(const char *fmt, va_list ap)
{
	char line[512];
	int n = fmt_vsnprintf(line, sizeof(line), fmt, ap);
	size_t len = str_len(line);
	serial_write(line, len);
	if ((size_t)n > len)
		serial_puts(" [...line truncated]\n");
}

/* The log's own state, machine-wide like the serial port it writes to. */
static enum log_level level = LOG_EVENTS;
static u64 printed[EV_COUNT], dropped[EV_COUNT];

void log_set_level(enum log_level l) { level = l; }
enum log_level log_get_level(void) { return level; }

void pr_event(int kind, const char *fmt, ...)
{
	va_list ap;
	if (level == LOG_QUIET || kind < 0 || kind >= EV_COUNT)
		return;
	if (level == LOG_EVENTS && printed[kind] >= LOG_EVENT_BURST) {
		dropped[kind]++;
		return;
	}
	printed[kind]++;
	va_start(ap, fmt);
	vpr(fmt, ap);
	va_end(ap);
}

void log_report_dropped(void)
{
	for (int k = 0; k < EV_COUNT; k++)
		if (dropped[k])
			pr("stats: log dropped kind=%s lines=%llu (log=events prints %d of each kind)\n",
			   vm_event_name((enum vm_event)k),
			   (unsigned long long)dropped[k], LOG_EVENT_BURST);
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
