#!/usr/bin/env bash
# bench.sh - `make bench`: every guest workload bare, under EPT (4 KiB and
# 2 MiB EPT pages) and under shadow paging, on two Bochs CPU models, with Bochs' clock tied to the
# instruction count (clock: sync=none, fixed time0) so that the guest's
# RDTSC tick counts repeat exactly from run to run.  Writes
#   build/bench/results.csv   one row per run
#   build/bench/results.md    the table, and the targets checked
#   build/bench/ticks.png     guest ticks relative to bare (gnuplot)
# Host wall time is reported beside the ticks, as a ratio to the bare run
# of the same workload and model in this same invocation.
set -u
cd "$(dirname "$0")/../.."
. tests/e2e/lib.sh

OUT=$BUILD/bench
MODELS=${BENCH_MODELS:-"corei7_skylake_x tigerlake"}
WORKLOADS=${BENCH_WORKLOADS:-"selfcheck spawn pfstorm ctxswitch wset ptchurn"}
MODES="bare ept ept2m shadow"	# ept2m: EPT with ept_pages=2m
JOBS=${JOBS:-2}
rm -rf "$OUT" && mkdir -p "$OUT/runs"
TEST_ROOT=$OUT/runs

# workload -> guest command line (sizes chosen so a run takes seconds)
guest_args() {
	case $1 in
	selfcheck) echo "" ;;
	spawn) echo "workload=spawn n=32" ;;
	pfstorm) echo "workload=pfstorm n=1024" ;;
	ctxswitch) echo "workload=ctxswitch n=300" ;;
	wset) echo "workload=wset n=512" ;;
	ptchurn) echo "workload=ptchurn n=4" ;;
	esac
}

# One run: boot, wait, extract the figures into <dir>/row.
one_run() {
	local model=$1 wl=$2 mode=$3 name iso args t0 t1
	name="$model-$wl-$mode"
	begin_test "$name" >/dev/null
	args=$(guest_args "$wl")
	if [ "$mode" = bare ]; then
		iso=$(make_iso "$name" "$args" "$BUILD/guest/guest.elf")
	else
		local opts="mode=$mode"
		[ "$mode" = ept2m ] && opts="mode=ept ept_pages=2m"
		iso=$(make_iso "$name" "$opts log=quiet${args:+ -- $args}")
	fi
	t0=$(date +%s.%N)
	run_bochs "$model" "$iso"
	t1=$(date +%s.%N)
	local log ticks status exits ptpages reasons
	log=$(log_clean "$T_DIR/serial.log")
	ticks=$(echo "$log" | grep -a -o -E "workload: name=$wl phase=run ticks=[0-9]+" | grep -o -E '[0-9]+$' | head -1)
	if echo "$log" | grep -a -q -E '(hvlab|bare): result=pass'; then status=pass; else status=fail; fi
	exits=$(echo "$log" | grep -a -o -E '^stats: total exits=[0-9]+' | tail -1 | grep -o -E '[0-9]+$')
	ptpages=$(echo "$log" | grep -a -o -E '(ept|shadow)-pages=[0-9]+' | tail -1 | cut -d= -f2)
	# exits by reason, from the final table: "name:count;..."
	reasons=$(echo "$log" | grep -a -E '^stats: exit reason=' | tail -n 20 |
		sed -E 's/^stats: exit reason=[0-9]+ name="([^"]+)" count=([0-9]+).*/\1:\2/' |
		awk 'NF{a[$0]=1} END{s=""; for(k in a) s=s (s?";":"") k; print s}')
	local ptw cr3c cr3n
	ptw=$(echo "$log" | grep -a -o -E '^stats: event name=shadow-pt-write count=[0-9]+' | tail -1 | grep -o -E '[0-9]+$')
	cr3c=$(echo "$log" | grep -a -o -E '^stats: event name=shadow-cr3-cached count=[0-9]+' | tail -1 | grep -o -E '[0-9]+$')
	cr3n=$(echo "$log" | grep -a -o -E '^stats: exit reason=28 name="[^"]+" count=[0-9]+' | tail -1 | grep -o -E '[0-9]+$')
	printf '%s,%s,%s,%s,%s,%s,%s,%.2f,%s,%s,%s,"%s"\n' "$model" "$wl" "$mode" "$status" \
		"${ticks:-}" "${exits:-0}" "${ptpages:-}" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" \
		"${ptw:-}" "${cr3c:-}" "${cr3n:-}" "$reasons" >"$T_DIR/row"
}

echo "bench: $(echo $MODELS | wc -w) models x $(echo $WORKLOADS | wc -w) workloads x $(echo $MODES | wc -w) modes, $JOBS at a time"
running=0
for model in $MODELS; do
	for wl in $WORKLOADS; do
		for mode in $MODES; do
			one_run "$model" "$wl" "$mode" &
			running=$((running + 1))
			if [ "$running" -ge "$JOBS" ]; then wait -n; running=$((running - 1)); fi
		done
	done
done
wait

CSV=$OUT/results.csv
echo "model,workload,mode,status,guest_ticks,exits,vmm_pt_pages,wall_s,shadow_pt_write_events,shadow_cr3_cached_events,cr_access_exits,exits_by_reason" >"$CSV"
for model in $MODELS; do for wl in $WORKLOADS; do for mode in $MODES; do
	cat "$TEST_ROOT/$model-$wl-$mode/row" 2>/dev/null ||
		echo "$model,$wl,$mode,missing,,,,,\"\""
done; done; done >>"$CSV"

tests/bench/report.sh "$CSV" "$OUT"
