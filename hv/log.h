/*
 * log.h - the VMM's serial log.
 *
 * One event per line, shaped "subsystem: event key=value ...", e.g.
 *   ept: violation gpa=0xa000 gva=0x1000 access=read -> hpa=0xfe3c000
 * Tests grep these lines and students read them, so keep them stable and
 * keep the README's list of log lines in step.
 */
#ifndef HV_LOG_H
#define HV_LOG_H

#include "types.h"

void pr(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * log=quiet|events|trace.  quiet: no memory-event lines (the banner, setup
 * lines, errors, the guest's console and the statistics remain); events
 * (the default): also one line per memory event, at most LOG_EVENT_BURST
 * lines of each kind (a storm is cut short and the dropped lines counted);
 * trace: events without a limit, and every VM exit.
 */
enum log_level { LOG_QUIET, LOG_EVENTS, LOG_TRACE };
#define LOG_EVENT_BURST 2000

void log_set_level(enum log_level l);
enum log_level log_get_level(void);

/* A memory-event line of the given kind (enum vm_event, hv/stats.h). */
void pr_event(int kind, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* "stats: log dropped kind=... lines=..." for each kind a storm cut. */
void log_report_dropped(void);

/* Prints "hvlab: FATAL: ..." and ends the run with a failure status. */
void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
