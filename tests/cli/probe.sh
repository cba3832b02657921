#!/bin/bash
# tests/cli/probe.sh — the process oracle's probe: `make probe` rebuilds the committed
# data/probe/probe-x86_64 and probe-arm byte for byte with the same compilers (each check
# is skipped, as a passing "ok # skip", when its compiler is missing), every workload
# script and documented example parses (the probe exits 2 on a line it cannot parse,
# before running anything), and the fixtures have an output for every script.
. "$(dirname "$0")/lib.bash"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)

if command -v gcc >/dev/null && [ "$(uname -m)" = x86_64 ]; then
	if make -s -C "$ROOT" BUILD="$TMPD/b" "$TMPD/b/probe/probe-x86_64" >"$TMPD/mk" 2>&1 &&
		cmp -s "$TMPD/b/probe/probe-x86_64" "$ROOT/data/probe/probe-x86_64"; then
		ok "make probe rebuilds data/probe/probe-x86_64 byte for byte"
	else
		not_ok "make probe rebuilds data/probe/probe-x86_64 byte for byte" \
			"$(head -3 "$TMPD/mk")" "sha256 built: $(sha256sum <"$TMPD/b/probe/probe-x86_64" 2>&1)"
	fi
else
	ok "# skip no x86_64 gcc"
fi
if command -v arm-linux-gnueabihf-gcc >/dev/null; then
	if make -s -C "$ROOT" BUILD="$TMPD/b" "$TMPD/b/probe/probe-arm" >"$TMPD/mk" 2>&1 &&
		cmp -s "$TMPD/b/probe/probe-arm" "$ROOT/data/probe/probe-arm"; then
		ok "make probe rebuilds data/probe/probe-arm byte for byte"
	else
		not_ok "make probe rebuilds data/probe/probe-arm byte for byte" "$(head -3 "$TMPD/mk")"
	fi
else
	ok "# skip no arm-linux-gnueabihf-gcc"
fi

# Parsing only: a script whose last line is unparsable exits 2 before running anything,
# and says so for that last line (or that main has exited there); any earlier bad line
# would be named instead.
if [ "$(uname -m)" = x86_64 ]; then
	for s in "$ROOT"/tests/workloads/*.mmw "$ROOT"/scripts/examples/*.mmw; do
		n=${s#"$ROOT"/}
		[ "${s##*/}" = parse-error.mmw ] && continue
		last=$(($(wc -l <"$s") + 1))
		{ cat "$s"; echo "not-an-operation"; } | "$ROOT/data/probe/probe-x86_64" >"$TMPD/out" 2>"$TMPD/err"
		rc=$?
		if [ $rc = 2 ] && [ ! -s "$TMPD/out" ] && grep -qE "line $last: (unknown operation|main has exited)" "$TMPD/err"; then
			ok "$n parses"
		else
			not_ok "$n parses" "exit $rc" "stderr: $(head -2 "$TMPD/err")"
		fi
	done
fi
done_testing
