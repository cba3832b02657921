#!/bin/bash
# tests/cli/run_json.sh — `mmsim run --json FILE`: the processes at the end
# of the run against `dump maps` and `dump status` of the same run.
. "$(dirname "$0")/lib.bash"

printf 'a = mmap 0 64K rw- private,anon\nwrite $a 8K\nfork kid\nkid: write $a 4K\ndump maps\ndump status\n' >"$TMPD/s.mmw"
run run --json "$TMPD/r.json" "$TMPD/s.mmw"
if sanitizer_report; then
	not_ok "run --json" "$(head -5 "$TMPD/err")"
elif [ "$RC" -ne 0 ]; then
	not_ok "run --json" "exit status $RC" "$(head -3 "$TMPD/err")"
elif ! command -v python3 >/dev/null; then
	ok "run --json # SKIP no python3"
else
	ok "run --json"
	# main's VMAs (start-end perms) and VmRSS as dump maps/status print them
	want=$(sed -n '/^5: dump maps$/,/^5: end$/p' "$TMPD/out" | grep -v '^5: ' | awk '{print $1, $2}'
	       grep '^VmRSS:' "$TMPD/out" | awk '{print "VmRSS", $2}')
	got=$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
p = d["processes"][0]
for v in p["vmas"]:
    print("%08x-%08x %s" % (v["start"], v["end"], v["flags"]))
print("VmRSS", p["status"]["VmRSS"])
print("procs", len(d["processes"]), "zones" in d)' "$TMPD/r.json" 2>&1)
	if [ "$got" = "$want
procs 2 True" ]; then
		ok "--json: main's VMAs and VmRSS as dump maps/status, 2 processes, the machine views"
	else
		not_ok "--json against dump maps/status" "expected: $(echo $want) procs 2 True" "got: $(echo $got)"
	fi
fi
expect_reject "--json: cannot write '/nonexistent/x.json'" run --json /nonexistent/x.json "$TMPD/s.mmw"
done_testing
