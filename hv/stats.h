/*
 * stats.h - what the VMM spent its time on: per exit reason and per memory
 * event, how many and how many cycles inside the VMM (RDTSC from the exit
 * to the next entry).  Printed as a table when the guest stops and on the
 * guest's request (HC_STATS).
 */
#ifndef HV_STATS_H
#define HV_STATS_H

#include "types.h"

#define STAT_EXIT_MAX 80

/* Memory-virtualization events: one exit may be one of these. */
enum vm_event {
	EV_NONE = -1,
	EV_EPT_VIOLATION,
	EV_SHADOW_FILL,		/* hidden fault: the shadow lacked the entry */
	EV_SHADOW_REFLECT,	/* the guest's own #PF, reflected */
	EV_SHADOW_PT_WRITE,	/* a guest page-table write trapped */
	EV_SHADOW_CR3_CACHED,
	EV_SHADOW_CR3_NEW,
	EV_SHADOW_INVLPG,
	EV_COUNT,
};

struct counter {
	u64 count;
	u64 cycles;
};

struct vm_counters {
	struct counter exit[STAT_EXIT_MAX];
	struct counter event[EV_COUNT];
	u64 exits, cycles;		/* totals */
	enum vm_event pending;		/* set by a handler for this exit */
};

const char *vm_event_name(enum vm_event e);

/* Adds one exit (and the event its handler reported) to the counters. */
void stats_account(struct vm_counters *c, unsigned reason, u64 cycles);

/* One table row, "stats: exit reason=48 name=\"EPT violation\" count=...". */
int stats_format_exit(char *buf, size_t n, unsigned reason, const char *name,
		      const struct counter *k);
int stats_format_event(char *buf, size_t n, enum vm_event e,
		       const struct counter *k);

#endif
