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

/* Prints "hvlab: FATAL: ..." and ends the run with a failure status. */
void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
