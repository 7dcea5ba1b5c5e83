/*
 * test_stats.c - exit/event accounting and the table rows' exact shape.
 */
#include "hv/stats.h"
#include "test.h"

void test_stats(void)
{
	struct vm_counters c = { .pending = EV_NONE };
	char row[160];

	c.pending = EV_EPT_VIOLATION;
	stats_account(&c, 48, 1000);
	c.pending = EV_EPT_VIOLATION;
	stats_account(&c, 48, 3000);
	stats_account(&c, 30, 500);		/* no event: an I/O exit */
	stats_account(&c, 200, 7);		/* out of the table: totals only */
	CHECK(c.exit[48].count == 2 && c.exit[48].cycles == 4000 &&
		      c.exit[30].count == 1 && c.exits == 4 && c.cycles == 4507,
	      "exit counters");
	CHECK(c.event[EV_EPT_VIOLATION].count == 2 &&
		      c.event[EV_EPT_VIOLATION].cycles == 4000 &&
		      c.pending == EV_NONE,
	      "event counters and pending cleared");

	stats_format_exit(row, sizeof(row), 48, "EPT violation", &c.exit[48]);
	CHECK(strcmp(row, "stats: exit reason=48 name=\"EPT violation\" count=2 vmm-cycles=4000 avg=2000") == 0,
	      "exit row: %s", row);
	stats_format_event(row, sizeof(row), EV_EPT_VIOLATION,
			   &c.event[EV_EPT_VIOLATION]);
	CHECK(strcmp(row, "stats: event name=ept-violation count=2 vmm-cycles=4000 avg=2000") == 0,
	      "event row: %s", row);
	struct counter zero = { 0 };
	stats_format_event(row, sizeof(row), EV_SHADOW_FILL, &zero);
	CHECK(strcmp(row, "stats: event name=shadow-fill count=0 vmm-cycles=0 avg=0") == 0,
	      "an empty row divides by nothing: %s", row);
	CHECK(strcmp(vm_event_name(EV_COUNT), "none") == 0 &&
		      strcmp(vm_event_name(EV_SHADOW_CR3_CACHED), "shadow-cr3-cached") == 0,
	      "event names");
}
