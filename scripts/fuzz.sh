#!/bin/bash
# scripts/fuzz.sh BUILD SECONDS NAME... — run each libFuzzer target for
# SECONDS at nice 19, one after another (the machine is shared), starting
# from its committed seeds (tests/fuzz/corpus/NAME) and keeping what it
# finds in BUILD/corpus/NAME.  Crashing inputs land in BUILD/findings/NAME.
# Prints one line per target: executions, corpus size, findings.
set -u
build=$1 secs=$2; shift 2
status=0
printf '%-10s %12s %8s %s\n' target executions corpus findings
for name in "$@"; do
	bin="$build/tests/fuzz/fuzz_$name"
	corpus="$build/corpus/$name" findings="$build/findings/$name"
	mkdir -p "$corpus" "$findings"
	log="$build/fuzz_$name.log"
	nice -n 19 "$bin" -max_total_time="$secs" -print_final_stats=1 \
		-artifact_prefix="$findings/" -timeout=25 -rss_limit_mb=4096 \
		"$corpus" "tests/fuzz/corpus/$name" >"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	n=$(ls "$findings" | wc -l)
	printf '%-10s %12s %8s %s\n' "$name" "${execs:-?}" "$(ls "$corpus" | wc -l)" "$n"
	[ "$rc" -eq 0 ] && [ "$n" -eq 0 ] || status=1
done
exit $status
