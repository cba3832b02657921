#!/bin/bash
# tests/cli/see_html.sh — mmsim boot --html FILE: one self-contained page
# (tools/html.c, data/html/), loaded in Debian's headless chromium: no
# console errors, every section drawn, its figures equal /proc's, and a
# screenshot (BUILD/see-html.png).  Skipped, with the reason, when
# chromium is missing and cannot be installed.
. "$(dirname "$0")/lib.bash"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SHOT="$(dirname "$MMSIM")/see-html.png"

if expect_boot boot -m 2G --html "$TMPD/page.html"; then
	if [ -s "$TMPD/page.html" ] && ! grep -qiE '<script[^>]* src=|<link[^>]* href=|@import' "$TMPD/page.html"; then
		ok "--html wrote one page that loads nothing from elsewhere"
	else
		not_ok "--html wrote one self-contained page" "$(grep -oiE '<script[^>]* src=[^>]*>|<link[^>]*>' "$TMPD/page.html" | head -3)"
	fi
fi
expect_reject "/no/such/dir/p.html" boot --html /no/such/dir/p.html

browser=$(command -v chromium || true)
if [ -z "$browser" ]; then
	"$ROOT/scripts/deps.sh" browser >/dev/null 2>&1
	browser=$(command -v chromium || true)
fi
if [ -z "$browser" ]; then
	ok "# SKIP headless browser: chromium is not installed and scripts/deps.sh browser could not install it"
	done_testing
	exit 0
fi
[ -s "$TMPD/page.html" ] || { not_ok "no page to load"; done_testing; exit 0; }

chrome() {
	timeout 180 "$browser" --headless=new --no-sandbox --disable-gpu --hide-scrollbars \
		--user-data-dir="$TMPD/chrome" --enable-logging=stderr --v=0 \
		--virtual-time-budget=15000 "$@" "file://$TMPD/page.html"
}
chrome --dump-dom >"$TMPD/dom.html" 2>"$TMPD/console.log"
if grep -q 'data-ready="1"' "$TMPD/dom.html" && ! grep -q '<title>mmsim error' "$TMPD/dom.html"; then
	ok "the page ran to the end"
else
	not_ok "the page ran to the end" "title: $(grep -o '<title>[^<]*' "$TMPD/dom.html")" \
		"$(grep -i 'console' "$TMPD/console.log" | head -3)"
fi
# the page writes nothing to the console: any message is a failure
if grep -qE 'CONSOLE[:(]' "$TMPD/console.log"; then
	not_ok "no console errors" "$(grep -E 'CONSOLE[:(]' "$TMPD/console.log" | head -3)"
else
	ok "no console errors"
fi
n=$(grep -o '<canvas' "$TMPD/dom.html" | wc -l)
if [ "$n" -ge 8 ]; then ok "charts drawn ($n)"; else not_ok "charts drawn" "expected >= 8 canvases, got $n"; fi

# the page's figures against /proc of the same machine
run boot -m 2G --proc buddyinfo --proc meminfo
cell() { sed -n "s/.*id=\"$1\"[^>]*>\([^<]*\)<.*/\1/p" "$TMPD/dom.html" | head -1 | tr -d ','; }
while read -r node zone rest; do
	got=""
	for o in 0 1 2 3 4 5 6 7 8 9 10; do got="$got $(cell "nr_free-$node-$zone-$o")"; done
	if [ "$(echo $got)" = "$(echo $rest)" ]; then ok "page's free blocks of node $node $zone equal /proc/buddyinfo"
	else not_ok "page's free blocks of node $node $zone equal /proc/buddyinfo" "expected: $rest" "got: $got"; fi
done < <(awk '/^Node [0-9]+, zone/ { n = $2; sub(",", "", n); z = $4; $1 = $2 = $3 = $4 = ""; print n, z, $0 }' "$TMPD/out")
memtotal=$(awk '/^MemTotal:/ { print $2 " kB" }' "$TMPD/out")
if [ -n "$memtotal" ] && [ "$(cell sum-managed-kb)" = "$memtotal" ]; then ok "page's MemTotal equals /proc/meminfo"
else not_ok "page's MemTotal equals /proc/meminfo" "expected: $memtotal" "got: $(cell sum-managed-kb)"; fi

chrome --window-size=1400,5400 --screenshot="$SHOT" >/dev/null 2>&1
if [ -s "$SHOT" ] && [ "$(head -c 4 "$SHOT" | tail -c 3)" = "PNG" ]; then ok "screenshot taken ($SHOT)"
else not_ok "screenshot taken" "no PNG at $SHOT"; fi

done_testing
