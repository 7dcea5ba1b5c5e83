/*
 * stats.c - exit and event counters (pure; formatting unit-tested).
 */
#include "fmt.h"
#include "stats.h"

static const char *const event_names[EV_COUNT] = {
	[EV_EPT_VIOLATION] = "ept-violation",
	[EV_SHADOW_FILL] = "shadow-fill",
	[EV_SHADOW_REFLECT] = "shadow-reflect-pf",
	[EV_SHADOW_PT_WRITE] = "shadow-pt-write",
	[EV_SHADOW_CR3_CACHED] = "shadow-cr3-cached",
	[EV_SHADOW_CR3_NEW] = "shadow-cr3-new",
	[EV_SHADOW_INVLPG] = "shadow-invlpg",
};

const char *vm_event_name(enum vm_event e)
{
	return e >= 0 && e < EV_COUNT ? event_names[e] : "none";
}

void stats_account(struct vm_counters *c, unsigned reason, u64 cycles)
{
	if (reason < STAT_EXIT_MAX) {
		c->exit[reason].count++;
		c->exit[reason].cycles += cycles;
	}
	if (c->pending >= 0 && c->pending < EV_COUNT) {
		c->event[c->pending].count++;
		c->event[c->pending].cycles += cycles;
	}
	c->pending = EV_NONE;
	c->exits++;
	c->cycles += cycles;
}

static u64 avg(const struct counter *k)
{
	return k->count ? k->cycles / k->count : 0;
}

int stats_format_exit(char *buf, size_t n, unsigned reason, const char *name,
		      const struct counter *k)
{
	return fmt_snprintf(buf, n, "stats: exit reason=%u name=\"%s\" count=%llu vmm-cycles=%llu avg=%llu",
			    reason, name, (unsigned long long)k->count,
			    (unsigned long long)k->cycles,
			    (unsigned long long)avg(k));
}

int stats_format_event(char *buf, size_t n, enum vm_event e,
		       const struct counter *k)
{
	return fmt_snprintf(buf, n, "stats: event name=%s count=%llu vmm-cycles=%llu avg=%llu",
			    vm_event_name(e), (unsigned long long)k->count,
			    (unsigned long long)k->cycles,
			    (unsigned long long)avg(k));
}
