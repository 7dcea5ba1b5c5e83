#!/usr/bin/env bash
# report.sh CSV OUTDIR - turn bench.sh's CSV into results.md and a chart.
set -u
CSV=$1
OUT=$2
MD=$OUT/results.md

awk -F, '
function strip(s) { gsub(/"/, "", s); return s }
NR == 1 { next }
{
	m = $1; w = $2; mode = $3
	key = m SUBSEP w SUBSEP mode
	status[key] = $4; ticks[key] = $5; exits[key] = $6; pt[key] = $7
	wall[key] = $8; ptw[key] = $9; cr3c[key] = $10; crx[key] = $11
	r = ""; for (i = 12; i <= NF; i++) r = r (i > 12 ? "," : "") $i
	reasons[key] = strip(r)
	if (!(m in seen_m)) { seen_m[m] = 1; models[++nm] = m }
	if (!(w in seen_w)) { seen_w[w] = 1; wls[++nw] = w }
}
function ratio(a, b) { return (a != "" && b != "" && b > 0) ? sprintf("%.3f", a / b) : "-" }
function top(r,    n, parts, i, best, bestc, kv, out, k, used) {
	# the three most frequent exit reasons, "name count"
	n = split(r, parts, ";"); out = ""
	for (k = 0; k < 3; k++) {
		best = ""; bestc = -1
		for (i = 1; i <= n; i++) {
			if (parts[i] == "" || used[i]) continue
			split(parts[i], kv, ":")
			if (kv[2] + 0 > bestc) { bestc = kv[2] + 0; best = i }
		}
		if (best == "") break
		used[best] = 1; split(parts[best], kv, ":")
		out = out (out ? ", " : "") kv[1] " " kv[2]
	}
	return out == "" ? "-" : out
}
END {
	print "# hvlab benchmark results\n"
	print "Modes: bare (no hypervisor), ept (4 KiB EPT pages), ept2m (`ept_pages=2m`), shadow (shadow paging).\n"
	print "Bochs 2.7 with `clock: sync=none, time0=946684800`: guest ticks (RDTSC in the guest, around the workload'"'"'s run phase) repeat exactly from run to run. hvlab runs with `log=quiet`. Host wall time is for the whole boot, GRUB included, relative to the bare run of the same workload in the same invocation.\n"
	for (i = 1; i <= nm; i++) {
		m = models[i]
		printf "## %s\n\n", m
		print "| workload | mode | result | guest ticks | ticks / bare | VM exits | top exit reasons | VMM page-table pages | wall s | wall / bare |"
		print "|---|---|---|---:|---:|---:|---|---:|---:|---:|"
		for (j = 1; j <= nw; j++) {
			w = wls[j]; b = m SUBSEP w SUBSEP "bare"
			split("bare ept ept2m shadow", modes, " ")
			for (k = 1; k <= 4; k++) {
				key = m SUBSEP w SUBSEP modes[k]
				printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", w, modes[k], status[key], ticks[key], ratio(ticks[key], ticks[b]), modes[k] == "bare" ? "-" : exits[key], modes[k] == "bare" ? "-" : top(reasons[key]), modes[k] == "bare" ? "-" : pt[key], wall[key], ratio(wall[key], wall[b])
			}
		}
		print ""
	}
	print "## Targets\n"
	for (i = 1; i <= nm; i++) {
		m = models[i]
		b = ticks[m SUBSEP "selfcheck" SUBSEP "bare"]
		split("ept ept2m", em, " ")
		for (q = 1; q <= 2; q++) {
			e = ticks[m SUBSEP "selfcheck" SUBSEP em[q]]
			if (b == "" || e == "")
				continue
			o = (e - b) * 100 / b
			printf "- %s: EPT (%s pages) adds %.1f%% guest ticks over bare on the self-check workload (target: at most 2%%): %s.\n", m, q == 1 ? "4 KiB" : "2 MiB", o, o <= 2 ? "met" : "missed"
		}
		for (j = 1; j <= nw; j++) {
			key = m SUBSEP wls[j] SUBSEP "shadow"
			if (ptw[key] != "")
				printf "- %s, %s, shadow: %s page-table writes trapped, one VM exit each (an event is counted per exit); %s CR3 loads found their shadow cached, out of %s control-register exits.\n", m, wls[j], ptw[key], cr3c[key], crx[key] == "" ? 0 : crx[key]
		}
		for (j = 1; j <= nw; j++) {
			w = wls[j]; es = ticks[m SUBSEP w SUBSEP "ept"]; ss = ticks[m SUBSEP w SUBSEP "shadow"]
			if (es != "" && ss != "" && es > 0)
				printf "- %s, %s: shadow paging takes %.2f times the guest ticks of EPT.\n", m, w, ss / es
		}
	}
}' "$CSV" >"$MD"

# Chart: guest ticks relative to bare, per workload: EPT (4K, 2M) and shadow.
DAT=$OUT/ticks.dat
awk -F, 'NR > 1 && $5 != "" { t[$1 "," $2 "," $3] = $5; if (!($2 in s)) { s[$2] = 1; o[++n] = $2 }; m = $1 }
	END {
	      for (i = 1; i <= n; i++) { w = o[i]; b = t[m "," w ",bare"]
	      if (b > 0) printf "%s %.3f %.3f %.3f\n", w, t[m "," w ",ept"] / b, t[m "," w ",ept2m"] / b, t[m "," w ",shadow"] / b } }' "$CSV" >"$DAT"
MODEL=$(awk -F, 'NR > 1 { m = $1 } END { print m }' "$CSV")
if command -v gnuplot >/dev/null; then
	gnuplot <<-GP
	set terminal pngcairo size 900,450 font "sans,11"
	set output "$OUT/ticks.png"
	set title "Guest ticks relative to bare ($MODEL, Bochs)"
	set style data histograms
	set style histogram clustered gap 1
	set style fill solid 0.8 border -1
	set ylabel "ticks / bare"
	set logscale y
	set yrange [0.8:*]
	set key top left
	set grid ytics
	plot "$DAT" using 2:xtic(1) title "EPT, 4 KiB pages", "" using 3 title "EPT, 2 MiB pages", "" using 4 title "shadow paging"
	GP
	echo "bench: chart $OUT/ticks.png"
else
	echo "bench: gnuplot missing: no chart (tests/tools/install-deps.sh installs it)"
fi
echo "bench: table $MD, data $CSV"
