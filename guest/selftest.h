/*
 * selftest.h - what the guest kernel runs and checks (see main.c).
 */
#ifndef GUEST_SELFTEST_H
#define GUEST_SELFTEST_H

#include "hv/types.h"

/* The processes of the self-check; true when every one behaved as
 * expected.  *checksum covers the data they verified, in table order. */
bool selftest_processes(u64 *checksum);

/* A live kernel mapping changed to another frame is seen after INVLPG. */
bool selftest_remap(void);

/* A named workload from the command line ("workload=NAME n=N"); false if
 * the name is unknown or a check fails. */
bool workload_run(const char *cmdline, u64 *checksum);

#endif
