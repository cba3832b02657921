#!/bin/sh
# Install the Debian packages a build step needs, only when they are missing.
#
#   scripts/deps.sh test    libcmocka-dev (unit and parity tests), tmux (the
#                           inspector's terminal test)
#   scripts/deps.sh bench   libmimalloc-dev libjemalloc-dev libgoogle-perftools-dev
#   scripts/deps.sh build   libfdt-dev (the device tree of ARM machines),
#                           libdw-dev (source files in --calls' tree),
#                           libedit-dev (--inspect's line editing),
#                           libjs-chart.js (the charts --html inlines)
#   scripts/deps.sh browser chromium (the --html page's headless test)
#   scripts/deps.sh arm     the same
#   scripts/deps.sh gdb     gdb (the GDB test of make check)
#   scripts/deps.sh peer    linux-source-6.1 (make peer-check: the kernel's own
#                           user-space tests, built against mmsim)
#
# Runs apt-get as root, or through sudo when that is available.  Prints one
# line naming the package when it has to install something.
set -eu

want=""
case "${1:-}" in
test)  want="libcmocka-dev tmux" ;;
bench) want="libmimalloc-dev libjemalloc-dev libgoogle-perftools-dev" ;;
build|arm) want="libfdt-dev libdw-dev libedit-dev libjs-chart.js" ;;
browser) want="chromium" ;;
gdb)   want="gdb" ;;
peer)  want="linux-source-6.1" ;;
*) echo "usage: scripts/deps.sh build|test|bench|arm|browser|gdb|peer" >&2; exit 2 ;;
esac

missing=""
for p in $want; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "installing Debian packages:$missing" >&2
if [ "$(id -u)" = 0 ]; then
	SUDO=""
elif command -v sudo >/dev/null 2>&1; then
	SUDO="sudo"
else
	echo "error: need root (or sudo) to install:$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# Another apt-get (a second build, unattended upgrades) may hold dpkg's lock:
# wait for it rather than fail.
APT="$SUDO apt-get -o DPkg::Lock::Timeout=600"
$APT install -y -q $missing >/dev/null 2>&1 || {
	$APT update -q >/dev/null 2>&1
	$APT install -y -q $missing >/dev/null
}
