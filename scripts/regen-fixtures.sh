#!/usr/bin/env bash
# regen-fixtures.sh - boot the real Debian 12 kernel under QEMU and record what it prints.
#
# mmsim is checked against "oracle" figures: the Debian 12 kernel 6.1.0-56-amd64 booted under
# QEMU 7.2 + SeaBIOS 1.16.2 (TCG, no KVM) with `memblock=debug`, dumping its kernel log and
# a set of /proc and /sys files before powering off (see /work/shared/oracle/README.md).
# This script makes such a case, or regenerates a whole list of them:
#
#   1. installs what it needs with apt-get when missing (qemu-system-x86 seabios busybox-static
#      cpio gzip; needs root for that),
#   2. downloads linux-image-6.1.0-56-amd64 with `apt-get download` into a cache directory
#      (default /tmp/mmsim-oracle, or $MMSIM_ORACLE_CACHE, or --cache DIR) and unpacks it there
#      with `dpkg -x` (nothing is installed on the host; nothing fetched belongs in the repo;
#      once the Debian archive drops that version, fetch the .deb from snapshot.debian.org
#      and pass it with --kernel-deb; the script warns if vmlinuz is not the oracle's),
#   3. builds a busybox-static initrd reproducibly (sorted newc cpio, owner 0:0, mtime 0,
#      `gzip -9 -n`) whose /init is scripts/oracle/init.  The gzip stream is padded with NUL
#      bytes (which the kernel's initramfs unpacker skips) to exactly 1,029,674 bytes, the size
#      of the oracle's initrd, because the initrd size moves the RAMDISK placement and with it
#      every later top-down memblock allocation (--initrd-size 0 turns padding off),
#   4. boots the case:
#        qemu-system-x86_64 -accel tcg <machine args> -nographic -no-reboot \
#          -kernel vmlinuz -initrd initrd.gz \
#          -append "console=ttyS0 loglevel=8 memblock=debug [<extra>] nokaslr"
#      under `timeout`, with stdin from /dev/null (the oracle puts the extra arguments before
#      `nokaslr`; --kaslr leaves `nokaslr` out),
#   5. splits the serial console on the guest's marker lines into the oracle's per-case layout
#      (dmesg.log, proc_*, node_meminfo, sys_vm, slab_attrs.tsv, slab_attrs_all.tsv), checks
#      each file against the md5 the guest printed, and writes qemu.txt (same "key: value"
#      format as the oracle's) and status.  With --firmware-info it also keeps firmware.txt
#      (SMBIOS/ACPI table sizes and the firmware memory map, see docs/qemu-firmware.md).
#
# 32-bit ARM (--arch arm): the same steps for Debian's linux-image-6.1.0-50-armmp (armhf,
# 6.1.176-1) on qemu-system-arm: the armhf architecture is added to dpkg (dpkg
# --add-architecture armhf; apt-get update) so that `apt-get download` can fetch the kernel
# and busybox-static:armhf (unpacked with dpkg -x, never installed); the initrd's /init is
# scripts/oracle/init-arm, padded to 887,105 bytes (the ARM oracle's initrd); the boot is
#        qemu-system-arm <machine args> -kernel vmlinuz -dtb vexpress-v2p-ca9.dtb \
#          -initrd initrd.gz -append "console=ttyAMA0 loglevel=8 memblock=debug [<extra>]" \
#          -nographic -no-reboot
# with the device tree of the same kernel package, and the case gets the ARM oracle's files
# (dmesg.log, proc_*, proc_cpuinfo, proc_version, debugfs-memblock-*.txt) plus keylines.txt,
# a summary of the memory lines.  Example (the tests/fixtures/arm/vexpress-a9-512M case):
#       scripts/regen-fixtures.sh --arch arm vexpress-a9-512M tests/fixtures/arm/vexpress-a9-512M \
#           -- -M vexpress-a9 -smp 4 -m 512M
#
# Usage:
#   scripts/regen-fixtures.sh [options] CASE OUTDIR -- <qemu machine args> [-- <extra cmdline>]
#       one case, written to OUTDIR (OUTDIR/<file>).  Example:
#       scripts/regen-fixtures.sh m512M-smp2-pc /tmp/out -- -machine pc-i440fx-7.2 -m 512M -smp 2
#       scripts/regen-fixtures.sh m2G-mem1536M /tmp/out -- -machine pc-i440fx-7.2 -m 2G \
#           -smp 2 -- mem=1536M
#   scripts/regen-fixtures.sh [options] --all [CASEFILE] OUTROOT
#       every case of CASEFILE (default scripts/oracle/cases.txt), each to OUTROOT/<name>/.
#       CASEFILE lines: `name | machine args | extra cmdline [| flags]`; '#' starts a comment.
#       flags (space-separated): `kaslr` (leave out nokaslr), `initrd-size=N` (this case's pad).
#       A name may contain '/' (e.g. kaslr/m8G-smp2-pc) to make subdirectories.
#
# Options:
#   --arch ARCH         x86_64 (default) or arm (vexpress-a9, the armmp kernel)
#   --cache DIR         download/unpack/build directory (default /tmp/mmsim-oracle)
#   --kernel-deb FILE   use this linux-image-6.1.0-56-amd64 .deb instead of downloading it
#   --initrd-size N     pad the initrd to N bytes (default 1029674; 0 = no padding)
#   --timeout SECONDS   per boot (default 240)
#   --jobs N            boots at once with --all (default 1; one TCG boot keeps a core busy)
#   --kaslr             do not add `nokaslr` (single-case mode; in CASEFILE use the 4th field)
#   --firmware-info     also keep firmware.txt in each case directory
#   --keep-raw          also keep console.raw.log in each case directory
#   --only NAME         with --all: only the cases whose name matches this shell pattern
#   --dry-run           print the QEMU command lines and stop
#   --no-install        never call apt-get (fail if something is missing)
#
# Needs: bash, coreutils, awk, dpkg, apt-get (only when something is missing), root (to run
# apt-get and to mknod /dev/console in the initrd staging tree).  A boot takes 15-40 s of one
# core under TCG; the guest gets the memory QEMU is told (-m) but only touches what it uses.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
GUEST_INIT=$SCRIPT_DIR/oracle/init
DEFAULT_CASES=$SCRIPT_DIR/oracle/cases.txt

KVER=6.1.0-56-amd64
KPKG=linux-image-$KVER
KPKG_VERSION=6.1.192-2
ORACLE_VMLINUZ_SHA256=26f2e57c99338feaf71c46fa4babdc7e1a6c115943002d109fdb746667104f5f
ORACLE_INITRD_SIZE=1029674
HOST_PACKAGES=(qemu-system-x86 seabios busybox-static cpio gzip)
REPORT_PACKAGES=(busybox-static ipxe-qemu qemu-system-x86 seabios)
CASE_FILES=(dmesg.log proc_zoneinfo proc_buddyinfo proc_pagetypeinfo proc_meminfo
	proc_slabinfo proc_vmallocinfo proc_iomem proc_vmstat proc_cmdline proc_cpuinfo_count
	node_meminfo sys_vm slab_attrs.tsv slab_attrs_all.tsv)

ARCH=x86_64
DEB_ARCH=amd64
QEMU=qemu-system-x86_64
CONSOLE=ttyS0
BUSYBOX=/bin/busybox
DTB=
CACHE=${MMSIM_ORACLE_CACHE:-/tmp/mmsim-oracle}
KERNEL_DEB=
INITRD_SIZE=$ORACLE_INITRD_SIZE
TIMEOUT=240
JOBS=1
KASLR=0
FIRMWARE_INFO=0
KEEP_RAW=0
ONLY='*'
DRY_RUN=0
NO_INSTALL=0

die() { echo "regen-fixtures: $*" >&2; exit 1; }
log() { echo "regen-fixtures: $*" >&2; }
usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }

# The 32-bit ARM oracle: its kernel, QEMU, console, guest init and files.
set_arch_arm() {
	ARCH=arm
	DEB_ARCH=armhf
	KVER=6.1.0-50-armmp
	KPKG=linux-image-$KVER
	KPKG_VERSION=6.1.176-1
	ORACLE_VMLINUZ_SHA256=
	ORACLE_INITRD_SIZE=887105
	INITRD_SIZE=$ORACLE_INITRD_SIZE
	QEMU=qemu-system-arm
	CONSOLE=ttyAMA0
	GUEST_INIT=$SCRIPT_DIR/oracle/init-arm
	HOST_PACKAGES=(qemu-system-arm cpio gzip)
	REPORT_PACKAGES=(qemu-system-arm)
	CASE_FILES=(dmesg.log proc_zoneinfo proc_buddyinfo proc_pagetypeinfo proc_meminfo
		proc_slabinfo proc_vmallocinfo proc_iomem proc_vmstat proc_cmdline proc_cpuinfo
		proc_version debugfs-memblock-memory.txt debugfs-memblock-reserved.txt)
}

# armhf packages can be downloaded (not installed) once dpkg knows the architecture.
ensure_foreign_arch() {
	[ "$DEB_ARCH" = amd64 ] && return 0
	dpkg --print-foreign-architectures | grep -qx "$DEB_ARCH" && return 0
	[ "$NO_INSTALL" = 1 ] && die "dpkg has no $DEB_ARCH architecture (and --no-install given)"
	[ "$(id -u)" = 0 ] || die "run as root to add the $DEB_ARCH architecture to dpkg"
	log "adding the $DEB_ARCH architecture to dpkg"
	dpkg --add-architecture "$DEB_ARCH"
	apt-get update -qq
}

# busybox-static for the guest's architecture, unpacked into $CACHE; sets BUSYBOX.
ensure_guest_busybox() {
	[ "$ARCH" = arm ] || return 0
	BUSYBOX=$CACHE/busybox-$DEB_ARCH/bin/busybox
	[ -x "$BUSYBOX" ] && return 0
	local deb
	deb=$(ls "$CACHE"/busybox-static_*_"$DEB_ARCH".deb 2>/dev/null | head -n1 || true)
	if [ -z "$deb" ]; then
		[ "$NO_INSTALL" = 1 ] && die "no busybox-static $DEB_ARCH .deb in $CACHE"
		(cd "$CACHE" && apt-get download "busybox-static:$DEB_ARCH")
		deb=$(ls "$CACHE"/busybox-static_*_"$DEB_ARCH".deb | head -n1)
	fi
	rm -rf "$CACHE/busybox-$DEB_ARCH"
	dpkg -x "$deb" "$CACHE/busybox-$DEB_ARCH"
	[ -x "$BUSYBOX" ] || die "no bin/busybox in $deb"
}

# --- host set-up ---------------------------------------------------------------------------

ensure_host_packages() {
	local missing=() p
	for p in "${HOST_PACKAGES[@]}"; do
		dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
			missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	[ "$NO_INSTALL" = 1 ] && die "missing packages: ${missing[*]} (and --no-install given)"
	[ "$(id -u)" = 0 ] || die "missing packages: ${missing[*]}; run as root or install them"
	log "installing ${missing[*]}"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
}

# Unpack the kernel package into $CACHE/kernel; sets VMLINUZ.
ensure_kernel() {
	VMLINUZ=$CACHE/kernel/boot/vmlinuz-$KVER
	if [ ! -f "$VMLINUZ" ]; then
		local deb=$KERNEL_DEB
		if [ -z "$deb" ]; then
			deb=$(ls "$CACHE"/"${KPKG}"_*_"$DEB_ARCH".deb 2>/dev/null | head -n1 || true)
		fi
		if [ -z "$deb" ]; then
			[ "$NO_INSTALL" = 1 ] && die "no $KPKG .deb in $CACHE (and --no-install given)"
			log "downloading $KPKG"
			(cd "$CACHE" && { apt-get download "$KPKG:$DEB_ARCH=$KPKG_VERSION" 2>/dev/null ||
				apt-get download "$KPKG:$DEB_ARCH"; })
			deb=$(ls "$CACHE"/"${KPKG}"_*_"$DEB_ARCH".deb | head -n1)
		fi
		log "unpacking $deb"
		rm -rf "$CACHE/kernel.tmp"
		dpkg -x "$deb" "$CACHE/kernel.tmp"
		rm -rf "$CACHE/kernel"
		mv "$CACHE/kernel.tmp" "$CACHE/kernel"
	fi
	[ -f "$VMLINUZ" ] || die "$VMLINUZ not found in the unpacked package"
	VMLINUZ_SHA256=$(sha256sum "$VMLINUZ" | cut -d' ' -f1)
	[ -z "$ORACLE_VMLINUZ_SHA256" ] || [ "$VMLINUZ_SHA256" = "$ORACLE_VMLINUZ_SHA256" ] ||
		log "warning: vmlinuz sha256 $VMLINUZ_SHA256 is not the oracle's kernel"
	if [ "$ARCH" = arm ]; then
		DTB=$CACHE/kernel/usr/lib/linux-image-$KVER/vexpress-v2p-ca9.dtb
		[ -f "$DTB" ] || die "$DTB not found in the unpacked package"
	fi
}

# Build $CACHE/initrd-<sha256>.gz from busybox-static and scripts/oracle/init, NUL-padded to
# $1 bytes (0 = not padded); sets INITRD, INITRD_SHA256, INITRD_BYTES, INITRD_GZIP_SIZE.
declare -A INITRD_BY_SIZE=()
build_initrd() {
	local pad=$1 stage tmp size
	if [ -n "${INITRD_BY_SIZE[$pad]:-}" ]; then
		read -r INITRD INITRD_SHA256 INITRD_BYTES INITRD_GZIP_SIZE <<<"${INITRD_BY_SIZE[$pad]}"
		return
	fi
	[ "$(id -u)" = 0 ] || die "building the initrd needs root (mknod /dev/console)"
	stage=$(mktemp -d "$CACHE/stage.XXXXXX")
	mkdir -p "$stage"/{bin,dev,proc,sys,tmp}
	install -m 0755 "$BUSYBOX" "$stage/bin/busybox"
	install -m 0755 "$GUEST_INIT" "$stage/init"
	mknod -m 0600 "$stage/dev/console" c 5 1
	chmod 0755 "$stage" "$stage"/{bin,dev,proc,sys,tmp}
	find "$stage" -exec touch -h -d @0 {} +
	tmp=$(mktemp "$CACHE/initrd.XXXXXX")
	(cd "$stage" && find . -mindepth 1 | LC_ALL=C sort |
		cpio -o -H newc -R 0:0 --reproducible --quiet) | gzip -9 -n >"$tmp"
	rm -rf "$stage"
	size=$(stat -c %s "$tmp")
	INITRD_GZIP_SIZE=$size
	if [ "$pad" != 0 ]; then
		[ "$size" -le "$pad" ] || die "initrd is $size bytes, more than the $pad asked for"
		truncate -s "$pad" "$tmp"
	fi
	chmod 0644 "$tmp"
	# Content-addressed, so a run in progress never sees its initrd replaced.
	INITRD_SHA256=$(sha256sum "$tmp" | cut -d' ' -f1)
	INITRD=$CACHE/initrd-${INITRD_SHA256:0:16}.gz
	mv -f "$tmp" "$INITRD"
	INITRD_BYTES=$(stat -c %s "$INITRD")
	INITRD_BY_SIZE[$pad]="$INITRD $INITRD_SHA256 $INITRD_BYTES $INITRD_GZIP_SIZE"
	log "initrd $INITRD: $INITRD_BYTES bytes (gzip stream $INITRD_GZIP_SIZE) sha256=$INITRD_SHA256"
}

# --- one boot ------------------------------------------------------------------------------

kernel_cmdline() { # extra kaslr
	local c="console=$CONSOLE loglevel=8 memblock=debug"
	[ -n "$1" ] && c="$c $1"
	[ "$2" = 1 ] || [ "$ARCH" = arm ] || c="$c nokaslr"   # no KASLR on 32-bit ARM
	echo "$c"
}

# keylines.txt of an ARM case: the memory lines of the log and the deterministic
# /proc figures, as the ARM oracle case has it.
write_keylines() { # outdir
	local out=$1
	{
		echo "# boot-log memory lines (from dmesg.log)"
		grep -E 'Linux version|Machine model|Memory policy|Reserved memory|cma:|MEMBLOCK|^\[[^]]*\]  (memory|reserved)|Zone ranges|^\[[^]]*\]   [A-Z][a-zA-Z]+ +(\[|empty)|Movable zone|Early memory|node   [0-9]|Initmem|percpu:|pcpu-alloc|Built [0-9]+ zonelists|Kernel command line|hash table entries|mem auto-init|Memory:|SLUB:|DMA: preallocated|Freeing' "$out/dmesg.log" |
			grep -v 'memblock_'
		echo
		echo "# /proc/zoneinfo summary (all zones; batch = per-cpu pageset batch)"
		awk 'function flush() { if (z != "") print z " | batch " b " | start_pfn " s }
		     /^Node/ { flush(); z = $0; b = ""; s = "" }
		     /pages free|^ +(min|low|high|spanned|present|managed|cma) / {
			l = $0; sub(/^ +/, "", l); z = z " | " l }
		     /batch:/ && b == "" { b = $2 }
		     /start_pfn/ { s = $2 }
		     END { flush() }' "$out/proc_zoneinfo"
		echo
		echo "# /proc/meminfo (selected)"
		grep -E '^(MemTotal|MemFree|HighTotal|HighFree|LowTotal|LowFree|Slab|SReclaimable|SUnreclaim|KernelStack|PageTables|VmallocTotal|VmallocUsed|Percpu|CmaTotal|CmaFree):' "$out/proc_meminfo"
		echo
		echo "# virtual-layout evidence: lowest/highest /proc/vmallocinfo areas"
		sort "$out/proc_vmallocinfo" | sed -n '1p;$p'
		cat "$out/debugfs-memblock-memory.txt" "$out/debugfs-memblock-reserved.txt"
	} >"$out/keylines.txt"
}

# Split console.raw.log on the guest's markers into $2; check the md5s; 0 if complete.
split_console() { # raw outdir
	local raw=$1 out=$2
	mkdir -p "$out"
	awk -v dir="$out" '
		{ sub(/\r$/, "") }
		/^==MMSIM== BEGIN / { name = $3; file = dir "/" name; printf "" > file; inside = 1; next }
		/^==MMSIM== END / { if (inside) close(file); print $4 "  " $3 > (dir "/.md5"); inside = 0; next }
		/^==MMSIM== DONE$/ { done = 1; next }
		inside { print > file }
		END { if (done) printf "" > (dir "/.done") }
	' "$raw"
	[ -f "$out/.done" ] || { log "no DONE marker in $raw"; return 1; }
	(cd "$out" && md5sum --quiet -c .md5) >&2 || { log "md5 mismatch in $raw"; return 1; }
	local f
	for f in "${CASE_FILES[@]}"; do
		[ -f "$out/$f" ] || { log "missing $f in $raw"; return 1; }
	done
}

write_qemu_txt() { # name outdir cmdline started margs... -- cmd...
	local name=$1 out=$2 cmdline=$3 started=$4 p
	shift 4
	local margs=()
	while [ "$1" != -- ]; do margs+=("$1"); shift; done
	shift
	{
		echo "case: $name"
		echo "qemu_command: $(printf '%q ' "$@" | sed 's/ $//')"
		echo "kernel_cmdline: $cmdline"
		echo "qemu_machine_args: ${margs[*]}"
		echo "kernel: $VMLINUZ sha256=$VMLINUZ_SHA256"
		echo "initrd: $INITRD size=$INITRD_BYTES sha256=$INITRD_SHA256"
		echo "qemu_version: $($QEMU --version | head -n1)"
		for p in "${REPORT_PACKAGES[@]}"; do
			echo "package: $(dpkg-query -W -f '${Package} ${Version}' "$p" 2>/dev/null || echo "$p -")"
		done
		echo "notes: stdin=/dev/null, stdout(serial+muxed monitor)=console.raw.log," \
			"timeout=${TIMEOUT}s, host=$(uname -m) TCG, initrd gzip stream" \
			"$INITRD_GZIP_SIZE bytes NUL-padded to $INITRD_BYTES, made by scripts/regen-fixtures.sh"
		echo "started: $started"
	} >"$out/qemu.txt"
}

run_case() { # name outdir extra kaslr margs...
	local name=$1 outdir=$2 extra=$3 kaslr=$4
	shift 4
	local margs=("$@") cmdline work started t0 t1 rc=0 wall f
	cmdline=$(kernel_cmdline "$extra" "$kaslr")
	local cmd=(qemu-system-x86_64 -accel tcg "${margs[@]}" -nographic -no-reboot
		-kernel "$VMLINUZ" -initrd "$INITRD" -append "$cmdline")
	[ "$ARCH" = arm ] &&
		cmd=("$QEMU" "${margs[@]}" -kernel "$VMLINUZ" -dtb "$DTB" -initrd "$INITRD"
			-append "$cmdline" -nographic -no-reboot)
	if [ "$DRY_RUN" = 1 ]; then
		echo "$name: $(printf '%q ' "${cmd[@]}")"
		return 0
	fi
	work=$(mktemp -d "$CACHE/run.XXXXXX")
	started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
	t0=$(date +%s.%N)
	timeout "$TIMEOUT" "${cmd[@]}" </dev/null >"$work/console.raw.log" 2>"$work/qemu.stderr" ||
		rc=$?
	t1=$(date +%s.%N)
	wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
	if [ "$rc" != 0 ] || ! split_console "$work/console.raw.log" "$work/out"; then
		log "$name: FAILED (rc=$rc, ${wall}s); console log and qemu stderr kept in $work"
		return 1
	fi
	mkdir -p "$outdir"
	for f in "${CASE_FILES[@]}"; do
		mv -f "$work/out/$f" "$outdir/$f"
	done
	[ "$FIRMWARE_INFO" = 1 ] && mv -f "$work/out/firmware.txt" "$outdir/firmware.txt"
	[ "$KEEP_RAW" = 1 ] && mv -f "$work/console.raw.log" "$outdir/console.raw.log"
	write_qemu_txt "$name" "$outdir" "$cmdline" "$started" "${margs[@]}" -- "${cmd[@]}"
	[ "$ARCH" = arm ] && write_keylines "$outdir"
	printf 'OK\trc=%s\twall_s=%s\n' "$rc" "$wall" >"$outdir/status"
	rm -rf "$work"
	log "$name: OK (${wall}s) -> $outdir"
}

# --- case lists ----------------------------------------------------------------------------

trim() { local s=$1; s=${s#"${s%%[![:space:]]*}"}; echo "${s%"${s##*[![:space:]]}"}"; }

run_all() { # casefile outroot
	local casefile=$1 outroot=$2 line name margs extra flags failed=0 n=0
	[ -f "$casefile" ] || die "no case file $casefile"
	while IFS= read -r line || [ -n "$line" ]; do
		line=${line%%#*}
		[ -n "$(trim "$line")" ] || continue
		IFS='|' read -r name margs extra flags <<<"$line"
		name=$(trim "$name"); extra=$(trim "${extra:-}"); flags=$(trim "${flags:-}")
		# shellcheck disable=SC2254
		case $name in $ONLY) ;; *) continue ;; esac
		local kaslr=0 pad=$INITRD_SIZE flag
		for flag in $flags; do
			case $flag in
			kaslr) kaslr=1 ;;
			initrd-size=*) pad=${flag#initrd-size=} ;;
			*) die "$casefile: unknown flag '$flag' for $name" ;;
			esac
		done
		[ "$DRY_RUN" = 1 ] || build_initrd "$pad"
		local -a marr
		read -ra marr <<<"$margs"
		if [ "$DRY_RUN" = 1 ]; then
			run_case "$name" "$outroot/$name" "$extra" "$kaslr" "${marr[@]}"
			continue
		fi
		while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do
			wait -n || failed=$((failed + 1))
		done
		run_case "$name" "$outroot/$name" "$extra" "$kaslr" "${marr[@]}" &
		n=$((n + 1))
	done <"$casefile"
	while [ "$(jobs -rp | wc -l)" -gt 0 ]; do
		wait -n || failed=$((failed + 1))
	done
	[ "$DRY_RUN" = 1 ] && return 0
	log "$n case(s) run, $failed failed"
	[ "$failed" = 0 ]
}

# --- main ----------------------------------------------------------------------------------

main() {
	local all=0 pos=()
	while [ $# -gt 0 ]; do
		case $1 in
		--arch)
			case $2 in
			arm) set_arch_arm ;;
			x86_64) ;;
			*) die "unknown --arch $2 (x86_64 or arm)" ;;
			esac
			shift 2 ;;
		--cache) CACHE=$2; shift 2 ;;
		--kernel-deb) KERNEL_DEB=$(readlink -f "$2"); shift 2 ;;
		--initrd-size) INITRD_SIZE=$2; shift 2 ;;
		--timeout) TIMEOUT=$2; shift 2 ;;
		--jobs) JOBS=$2; shift 2 ;;
		--kaslr) KASLR=1; shift ;;
		--firmware-info) FIRMWARE_INFO=1; shift ;;
		--keep-raw) KEEP_RAW=1; shift ;;
		--only) ONLY=$2; shift 2 ;;
		--dry-run) DRY_RUN=1; shift ;;
		--no-install) NO_INSTALL=1; shift ;;
		--all) all=1; shift ;;
		-h|--help) usage ;;
		--) break ;;
		-*) die "unknown option $1 (see --help)" ;;
		*) pos+=("$1"); shift ;;
		esac
	done
	mkdir -p "$CACHE"
	CACHE=$(cd "$CACHE" && pwd)
	if [ "$all" = 1 ]; then
		[ $# -eq 0 ] || die "--all takes [CASEFILE] OUTROOT, not '--' arguments"
		case ${#pos[@]} in
		1) set -- "$DEFAULT_CASES" "${pos[0]}" ;;
		2) set -- "${pos[0]}" "${pos[1]}" ;;
		*) usage ;;
		esac
		local casefile outroot
		casefile=$(readlink -f "$1")
		mkdir -p "$2"; outroot=$(cd "$2" && pwd)
		prepare
		run_all "$casefile" "$outroot"
		return
	fi
	[ ${#pos[@]} -eq 2 ] && [ "${1:-}" = -- ] || usage
	shift
	local margs=() extra=()
	while [ $# -gt 0 ] && [ "$1" != -- ]; do margs+=("$1"); shift; done
	[ $# -gt 0 ] && { shift; extra=("$@"); }
	[ ${#margs[@]} -gt 0 ] || die "no QEMU machine arguments after --"
	prepare
	mkdir -p "${pos[1]}"
	run_case "${pos[0]}" "$(cd "${pos[1]}" && pwd)" "${extra[*]}" "$KASLR" "${margs[@]}"
}

prepare() {
	if [ "$DRY_RUN" = 1 ]; then
		VMLINUZ=$CACHE/kernel/boot/vmlinuz-$KVER INITRD=$CACHE/initrd-SHA256.gz
		return
	fi
	ensure_host_packages
	ensure_foreign_arch
	ensure_kernel
	ensure_guest_busybox
	build_initrd "$INITRD_SIZE"
}

main "$@"
