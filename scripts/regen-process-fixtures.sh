#!/usr/bin/env bash
# regen-process-fixtures.sh - run workload scripts on the real Debian 12 kernel under QEMU.
#
# The expected output of `mmsim run` for a workload script (docs: WORKLOAD.md) is what the
# probe (scripts/oracle/probe/, committed as data/probe/probe-<arch>) prints when the same
# script runs on the real kernel.  This script makes those outputs:
#
#   scripts/regen-process-fixtures.sh [options] MACHINE OUTDIR [SCRIPT.mmw...]
#
# MACHINE names the QEMU machine: `pc-m<RAM>-smp<N>` (x86_64, QEMU `pc-i440fx-7.2`) or
# `vexpress-a9-m<RAM>-smp<N>` (32-bit ARM).  Each SCRIPT's probe output is written to
# OUTDIR/<name>.out (default scripts: tests/workloads/*.mmw), and OUTDIR/qemu.txt records
# the QEMU command lines, the kernel command line, the kernel package, the probe's sha256,
# the `mmsim-args:` line (the `mmsim run` options of the same machine) and any script whose
# probe did not exit 0 (a run of chosen scripts into a directory whose qemu.txt is of the
# same probe adds its boots there).  Example:
#   scripts/regen-process-fixtures.sh pc-m512M-smp2 tests/fixtures/process/x86/pc-m512M-smp2
#
# Steps:
#   1. the kernel: x86 `linux-image-6.1.0-56-amd64` 6.1.192-2 (the boot oracle's), ARM
#      `linux-image-6.1.0-50-armmp:armhf` 6.1.176-1 (the ARM boot oracle's; still in the
#      Debian archive when this was written), fetched with `apt-get download` into the cache
#      (default /tmp/mmsim-oracle/process-<arch>, or --cache DIR) and unpacked with
#      `dpkg -x`; nothing is installed and nothing fetched belongs in the repository.
#      ARM also needs busybox-static:armhf (downloaded the same way, after
#      `dpkg --add-architecture armhf`) and the kernel package's vexpress-v2p-ca9.dtb.
#   2. the initrd (busybox-static, newc cpio, gzip): /init = scripts/oracle/init-process,
#      /probe = the probe binary (--probe FILE, default data/probe/probe-<arch>),
#      /helper.mmw, /scripts/<name>.mmw, and with --swap the virtio block modules of the
#      kernel package.  The root file system is the initramfs's tmpfs (no root=).
#   3. the boots: scripts are grouped, up to --per-boot N (default 8) to a boot; each runs
#      as its own `env -i /probe < SCRIPT` (execve of /probe, argv ["/probe"], empty
#      environment) and the files it made are removed before the next, so per-process
#      results never depend on an earlier script.  A script that changes global state
#      (a `sysctl` or `sysfs` line, or a header line `# oracle: own-boot`) gets a boot of
#      its own; `# oracle: swap SIZE` in a script's header gives its boot a virtio disk of
#      SIZE bytes that the guest makes swap (mkswap, swapon) before the probe starts.
#        x86: nice -n 10 qemu-system-x86_64 -accel tcg -machine pc-i440fx-7.2 -m RAM
#               -smp N -nographic -no-reboot -kernel vmlinuz -initrd initrd.gz
#               -append "console=ttyS0 loglevel=8 nokaslr norandmaps numa_balancing=disable"
#               [-drive file=swap.img,format=raw,if=virtio]
#        ARM: nice -n 10 qemu-system-arm -M vexpress-a9 -m RAM -smp N -nographic -no-reboot
#               -kernel vmlinuz -dtb vexpress-v2p-ca9.dtb -initrd initrd.gz
#               -append "console=ttyAMA0 loglevel=8 nokaslr norandmaps numa_balancing=disable"
#               [-drive if=none,file=swap.img,format=raw,id=swap
#                -device virtio-blk-device,drive=swap]
#      at most --jobs N (default 2) at once, each under `timeout` (--timeout, default 900 s).
#   4. the console log is split on the guest's marker lines (==MMSIM== BEGIN/RC/END) into
#      OUTDIR/<name>.out (carriage returns the tty adds removed).
#
# Keeping background work out of the probe's figures (WORKLOAD.md, "The process"):
#   - khugepaged: the guest's /init writes 86400000 (one day) to
#     /sys/kernel/mm/transparent_hugepage/khugepaged/{scan_sleep,alloc_sleep}_millisecs,
#     then, when THP is not `never` (from 512 MiB of RAM up the kernel boots with THP
#     `always`), starts a helper process: the probe on helper.mmw, which maps 4 MiB of
#     anonymous memory, asks for huge pages and writes it (one huge-page fault), then
#     sleeps.  That puts the helper's mm on khugepaged's list; khugepaged, woken because
#     its list was empty, makes its pass over the helper and then sleeps for the day.  The
#     probe, started 3 s later, joins the list without waking it (__khugepaged_enter wakes
#     khugepaged only for an empty list), so khugepaged collapses nothing of the probe
#     (thp_collapse_alloc is printed at the end of each boot in the console log).  Long
#     scan intervals alone would not do: with an empty list khugepaged scans as soon as a
#     process registers.  Below 512 MiB the kernel starts with THP off and khugepaged not
#     running; a script that turns THP on with `sysfs` starts it, and that the recipe
#     cannot quieten in advance (WORKLOAD.md, "Details").
#   - NUMA balancing: `numa_balancing=disable` on the kernel command line (the QEMU
#     machines have one node, where the kernel would not enable it anyway).
#
# Options:
#   --probe FILE     the probe binary (default data/probe/probe-<arch of MACHINE>)
#   --cache DIR      download/unpack/build directory (default /tmp/mmsim-oracle/process-<arch>)
#   --jobs N         boots at once (default 2; each TCG boot keeps a core busy)
#   --per-boot N     scripts per boot (default 8)
#   --timeout S      seconds per boot (default 900)
#   --boot-wait S    seconds a boot may take to reach the first script before it counts as
#                    hung and is made again (default 240; more on a heavily loaded host)
#   --append WORDS   more kernel parameters for every boot (and the mmsim-args line), e.g.
#                    `no_timer_check` on a loaded host, where a TCG guest can fail the
#                    IO-APIC timer check and panic before /init runs
#   --guest-kernel-from NAME
#                    after the boots, measure the memory the rest of the guest holds from
#                    OUTDIR/NAME.out (scripts/measure-guest-kernel.sh: nr_shmem, nr_anon_pages
#                    and nr_free_pages at its first `dump vmstat` against mmsim's; build/mmsim
#                    needed) and add `--guest-kernel BYTES --guest-shmem BYTES --guest-anon
#                    BYTES` to the mmsim-args line (the pressure machines; a swap boot)
#   --keep-raw       keep the console logs as OUTDIR/console-<boot>.log
#   --dry-run        print the boots and their QEMU command lines, run nothing
#   --summarize      boot nothing: write qemu.txt again from the last run's boot directories
#
# Needs: bash, coreutils, dpkg, apt-get (downloads only), cpio, gzip, qemu-system-x86 /
# qemu-system-arm, busybox-static.  A boot takes 15-40 s of one core under TCG plus the
# scripts' run time.
set -euo pipefail

# The whole script is one function, read by bash before it runs, so that editing this file
# while a run is going on cannot change what the run does.
main() {
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$SCRIPT_DIR/.." && pwd)
GUEST_INIT=$SCRIPT_DIR/oracle/init-process
HELPER=$SCRIPT_DIR/oracle/probe/helper.mmw

PROBE=
CACHE=
JOBS=2
PER_BOOT=8
TIMEOUT=900
EXTRA_APPEND=
BOOT_WAIT=240
KEEP_RAW=0
GUEST_KERNEL_FROM=
DRY_RUN=0
SUMMARIZE=0

die() { echo "regen-process-fixtures: $*" >&2; exit 1; }
log() { echo "regen-process-fixtures: $*" >&2; }
usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }

while [ $# -gt 0 ]; do
	case $1 in
	--probe) PROBE=$(realpath "$2"); shift 2 ;;
	--cache) CACHE=$2; shift 2 ;;
	--jobs) JOBS=$2; shift 2 ;;
	--per-boot) PER_BOOT=$2; shift 2 ;;
	--timeout) TIMEOUT=$2; shift 2 ;;
	--append) EXTRA_APPEND=$2; shift 2 ;;
	--boot-wait) BOOT_WAIT=$2; shift 2 ;;
	--keep-raw) KEEP_RAW=1; shift ;;
	--guest-kernel-from) GUEST_KERNEL_FROM=$2; shift 2 ;;
	--summarize) SUMMARIZE=1; shift ;;
	--dry-run) DRY_RUN=1; shift ;;
	-h|--help) usage ;;
	--) shift; break ;;
	-*) die "unknown option $1" ;;
	*) break ;;
	esac
done
[ $# -ge 2 ] || usage
MACHINE=$1
OUTDIR=$2
shift 2
SCRIPTS=("$@")
EXPLICIT=1
[ ${#SCRIPTS[@]} -gt 0 ] || { SCRIPTS=("$ROOT"/tests/workloads/*.mmw); EXPLICIT=0; }

case $MACHINE in
pc-m*-smp*)
	ARCH=x86
	RAM=${MACHINE#pc-m}; RAM=${RAM%-smp*}; SMP=${MACHINE##*-smp}
	KVER=6.1.0-56-amd64; KPKG_VERSION=6.1.192-2; DEB_ARCH=amd64
	QEMU=(qemu-system-x86_64 -accel tcg -machine pc-i440fx-7.2 -m "$RAM" -smp "$SMP")
	CONSOLE=ttyS0
	# The initramfs is memblock-reserved until after fork_init(), so its size moves
	# max_threads and with it RLIMIT_SIGPENDING (status SigQ).  Each boot's initrd.gz holds
	# other scripts, but all the x86 ones of this setup were 1043479..1044842 bytes: 256
	# pages, like this figure (one bigger initrd, 1115979 bytes, was 273 pages).
	MMSIM_ARGS="-M pc -m $RAM -smp $SMP --initrd-size 1044842"
	PROBE=${PROBE:-$ROOT/data/probe/probe-x86_64}
	MODULES=(virtio_ring virtio virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci virtio_blk)
	BUSYBOX=/bin/busybox
	;;
vexpress-a9-m*-smp*)
	ARCH=arm
	RAM=${MACHINE#vexpress-a9-m}; RAM=${RAM%-smp*}; SMP=${MACHINE##*-smp}
	KVER=6.1.0-50-armmp; KPKG_VERSION=6.1.176-1; DEB_ARCH=armhf
	QEMU=(qemu-system-arm -M vexpress-a9 -m "$RAM" -smp "$SMP")
	CONSOLE=ttyAMA0
	MMSIM_ARGS="--arch arm -M vexpress-a9 -m $RAM -smp $SMP"
	PROBE=${PROBE:-$ROOT/data/probe/probe-arm}
	MODULES=(virtio_ring virtio virtio_mmio virtio_blk)
	;;
*) die "unknown machine '$MACHINE' (pc-m<RAM>-smp<N> or vexpress-a9-m<RAM>-smp<N>)" ;;
esac
CACHE=${CACHE:-${MMSIM_ORACLE_CACHE:-/tmp/mmsim-oracle}/process-$ARCH}
CMDLINE="console=$CONSOLE loglevel=8 nokaslr norandmaps numa_balancing=disable${EXTRA_APPEND:+ $EXTRA_APPEND}"
[ -f "$PROBE" ] || die "no probe binary $PROBE (make probe, or --probe FILE)"
mkdir -p "$CACHE" "$OUTDIR"
OUTDIR=$(realpath "$OUTDIR")

# --- kernel, busybox ------------------------------------------------------------------------

KPKG=linux-image-$KVER
ensure_kernel() {
	VMLINUZ=$CACHE/kernel/boot/vmlinuz-$KVER
	[ -f "$VMLINUZ" ] && return 0
	local deb
	deb=$(ls "$CACHE"/"${KPKG}"_*_"$DEB_ARCH".deb 2>/dev/null | head -n1 || true)
	if [ -z "$deb" ]; then
		if [ "$DEB_ARCH" != amd64 ] && ! dpkg --print-foreign-architectures | grep -qx "$DEB_ARCH"; then
			dpkg --add-architecture "$DEB_ARCH"
			apt-get update -qq
		fi
		log "downloading $KPKG:$DEB_ARCH"
		(cd "$CACHE" && { apt-get download "$KPKG:$DEB_ARCH=$KPKG_VERSION" 2>/dev/null ||
			apt-get download "$KPKG:$DEB_ARCH"; })
		deb=$(ls "$CACHE"/"${KPKG}"_*_"$DEB_ARCH".deb | head -n1)
	fi
	rm -rf "$CACHE/kernel"
	dpkg -x "$deb" "$CACHE/kernel"
	[ -f "$VMLINUZ" ] || die "no $VMLINUZ in $deb"
}

ensure_busybox() {
	[ "$ARCH" = arm ] || return 0
	BUSYBOX=$CACHE/busybox/bin/busybox
	[ -x "$BUSYBOX" ] && return 0
	local deb
	deb=$(ls "$CACHE"/busybox-static_*_"$DEB_ARCH".deb 2>/dev/null | head -n1 || true)
	if [ -z "$deb" ]; then
		(cd "$CACHE" && apt-get download "busybox-static:$DEB_ARCH")
		deb=$(ls "$CACHE"/busybox-static_*_"$DEB_ARCH".deb | head -n1)
	fi
	rm -rf "$CACHE/busybox"
	dpkg -x "$deb" "$CACHE/busybox"
}

# --- boots ----------------------------------------------------------------------------------

# own-boot scripts: sysctl/sysfs lines, `# oracle: own-boot`, `# oracle: swap SIZE`.
needs_own_boot() {
	grep -qE '^[[:space:]]*([A-Za-z0-9_.-]+:[[:space:]]+)?(sysctl|sysfs)[[:space:]]' "$1" ||
		grep -qE '^#[[:space:]]*oracle:[[:space:]]*(own-boot|swap)' "$1"
}
swap_size() {
	sed -n 's/^#[[:space:]]*oracle:[[:space:]]*swap[[:space:]]\+\([0-9]\+[KMG]\?\).*/\1/p' "$1" |
		head -n1
}

BOOTS=()
group=()
flush_group() {
	[ ${#group[@]} -gt 0 ] && BOOTS+=("${group[*]}")
	group=()
}
for s in "${SCRIPTS[@]}"; do
	[ -f "$s" ] || die "no script $s"
	s=$(realpath "$s")
	if needs_own_boot "$s"; then
		BOOTS+=("$s")
	else
		group+=("$s")
		[ ${#group[@]} -ge "$PER_BOOT" ] && flush_group
	fi
done
flush_group

qemu_cmd() { # $1 = boot dir, $2 = swap size or empty
	local cmd=(nice -n 10 timeout "$TIMEOUT" "${QEMU[@]}" -nographic -no-reboot
		-kernel "$VMLINUZ")
	[ "$ARCH" = arm ] && cmd+=(-dtb "$CACHE/kernel/usr/lib/linux-image-$KVER/vexpress-v2p-ca9.dtb")
	cmd+=(-initrd "$1/initrd.gz" -append "$CMDLINE")
	if [ -n "$2" ]; then
		if [ "$ARCH" = arm ]; then
			cmd+=(-drive "if=none,file=$1/swap.img,format=raw,id=swap"
				-device virtio-blk-device,drive=swap)
		else
			cmd+=(-drive "file=$1/swap.img,format=raw,if=virtio")
		fi
	fi
	printf '%s\n' "${cmd[@]}"
}

build_initrd() { # $1 = boot dir, $2 = swap size or empty, rest = scripts
	local dir=$1 swap=$2
	shift 2
	local st=$dir/root
	rm -rf "$st"
	mkdir -p "$st/bin" "$st/scripts" "$st/dev" "$st/proc" "$st/sys"
	cp "$BUSYBOX" "$st/bin/busybox"
	cp "$GUEST_INIT" "$st/init"
	cp "$PROBE" "$st/probe"
	cp "$HELPER" "$st/helper.mmw"
	chmod 755 "$st/init" "$st/probe" "$st/bin/busybox"
	local s
	for s in "$@"; do cp "$s" "$st/scripts/"; done
	if [ -n "$swap" ]; then
		mkdir -p "$st/modules"
		local m f
		: >"$st/modules/order"
		for m in "${MODULES[@]}"; do
			f=$(find "$CACHE/kernel/lib/modules/$KVER" -name "$m.ko*" | head -n1)
			[ -n "$f" ] || continue # built into this kernel (ARM: virtio, virtio_ring)
			case $f in
			*.xz) xz -dc "$f" >"$st/modules/$m.ko" ;;
			*) cp "$f" "$st/modules/$m.ko" ;;
			esac
			echo "$m.ko" >>"$st/modules/order"
		done
		echo "$swap" >"$st/swap.conf"
		truncate -s "$swap" "$dir/swap.img"
	fi
	(cd "$st" && find . -mindepth 1 | LC_ALL=C sort |
		cpio -o -H newc -R 0:0 --reproducible --quiet) | gzip -9 -n >"$dir/initrd.gz"
}

split_console() { # $1 = console log; writes OUTDIR/<name>.out, prints "name rc" lines
	tr -d '\r' <"$1" | awk -v out="$OUTDIR" '
		/^==MMSIM== BEGIN / { name = $3; file = out "/" name ".out"; printf "" > file; on = 1; next }
		/^==MMSIM== RC / { on = 0; close(file); print $3, $4; next }
		/^==MMSIM== / { on = 0; next }
		on { print >> file }'
}

run_boot() { # $1 = index; scripts in BOOTS[$1]
	local i=$1 dir=$CACHE/boots/$MACHINE/$1
	read -r -a list <<<"${BOOTS[$i]}"
	local swap=
	[ ${#list[@]} -eq 1 ] && swap=$(swap_size "${list[0]}")
	mkdir -p "$dir"
	build_initrd "$dir" "$swap" "${list[@]}"
	mapfile -t cmd < <(qemu_cmd "$dir" "$swap")
	local t0=$SECONDS
	# A TCG guest on a loaded host sometimes panics in its timer check ("IO-APIC + timer
	# doesn't work!") or hangs before /init gets going; a boot that panics, or has not
	# reached the first script --boot-wait seconds (240) after QEMU started, is killed
	# and made again.
	local try qpid t1 bad
	for try in 1 2 3; do
		"${cmd[@]}" </dev/null >"$dir/console.log" 2>&1 &
		qpid=$!
		t1=$SECONDS
		bad=0
		while kill -0 $qpid 2>/dev/null; do
			if grep -aqs 'Kernel panic - not syncing' "$dir/console.log" ||
				{ [ $((SECONDS - t1)) -gt "$BOOT_WAIT" ] &&
					! grep -aqs '^==MMSIM== SETUP' "$dir/console.log"; }; then
				bad=1
				sleep 2
				kill $qpid 2>/dev/null || true
				break
			fi
			sleep 2
		done
		wait $qpid || true
		[ $bad = 1 ] || break
		log "boot $i: kernel panic or hang before the first script (try $try), booting again"
	done
	split_console "$dir/console.log" >"$dir/rc.txt"
	grep -h '^==MMSIM== \(SETUP\|DONE\)' <(tr -d '\r' <"$dir/console.log") >"$dir/setup.txt" || true
	local want got
	want=${#list[@]}
	got=$(wc -l <"$dir/rc.txt")
	[ "$KEEP_RAW" = 1 ] && cp "$dir/console.log" "$OUTDIR/console-$i.log"
	log "boot $i: $got/$want scripts in $((SECONDS - t0)) s ($(cat "$dir/setup.txt" | tr '\n' ' '))"
	{
		echo "boot $i: ${list[*]##*/}"
		[ -n "$swap" ] && echo "swap $swap"
		cat "$dir/setup.txt"
		printf '%s ' "${cmd[@]}"
		echo
	} >"$dir/summary.txt"
}

if [ "$DRY_RUN" = 1 ]; then
	VMLINUZ=$CACHE/kernel/boot/vmlinuz-$KVER
	for i in "${!BOOTS[@]}"; do
		echo "boot $i: ${BOOTS[$i]}"
	done
	exit 0
fi

ensure_kernel
ensure_busybox
[ "$SUMMARIZE" = 1 ] || rm -rf "$CACHE/boots/$MACHINE"
export -f run_boot build_initrd qemu_cmd split_console swap_size log die
running=0
for i in "${!BOOTS[@]}"; do
	[ "$SUMMARIZE" = 1 ] && break
	run_boot "$i" &
	running=$((running + 1))
	if [ $running -ge "$JOBS" ]; then
		wait -n || true
		running=$((running - 1))
	fi
done
wait

# --- qemu.txt ---------------------------------------------------------------------------------
# A run of chosen scripts into a directory that already has a qemu.txt of the same probe
# adds its boots to it; otherwise qemu.txt is written anew.
probe_sha=$(sha256sum "$PROBE" | cut -d' ' -f1)
if [ $EXPLICIT = 1 ] && [ -f "$OUTDIR/qemu.txt" ]; then
	grep -qx "probe-sha256: $probe_sha" "$OUTDIR/qemu.txt" ||
		die "$OUTDIR/qemu.txt is of another probe: regenerate the whole machine"
	HEADER=0
else
	HEADER=1
fi
header() {
	echo "machine: $MACHINE"
	echo "kernel-package: $KPKG:$DEB_ARCH $(dpkg-deb -f "$(ls "$CACHE"/"${KPKG}"_*_"$DEB_ARCH".deb | head -n1)" Version)"
	echo "vmlinuz-sha256: $(sha256sum "$VMLINUZ" | cut -d' ' -f1)"
	echo "qemu: $(${QEMU[0]} --version | head -n1)"
	echo "cmdline: $CMDLINE"
	echo "probe: ${PROBE#"$ROOT"/}"
	echo "probe-sha256: $probe_sha"
	echo "mmsim-args: $MMSIM_ARGS --append \"$CMDLINE\""
	echo "guest: tmpfs root (initramfs), /probe run as env -i /probe < SCRIPT, scripts/oracle/init-process"
	echo "khugepaged: scan_sleep_millisecs=86400000 alloc_sleep_millisecs=86400000, helper registered when THP is not never"
}
boots() {
	local i dir name rc
	for i in "${!BOOTS[@]}"; do
		dir=$CACHE/boots/$MACHINE/$i
		[ -f "$dir/summary.txt" ] || continue
		sed 's/^/boot: /' "$dir/summary.txt" | sed "s|$CACHE/boots/$MACHINE/[0-9]*/||g"
		while read -r name rc; do
			[ "$rc" = 0 ] || echo "exit: $name $rc"
		done <"$dir/rc.txt"
	done
}
if [ $HEADER = 1 ]; then
	{ header; boots; } >"$OUTDIR/qemu.txt"
else
	boots >>"$OUTDIR/qemu.txt"
fi
missing=0
for s in "${SCRIPTS[@]}"; do
	n=${s##*/}
	n=${n%.mmw}
	[ -f "$OUTDIR/$n.out" ] || { log "no output for $n"; missing=$((missing + 1)); }
done
if [ -n "$GUEST_KERNEL_FROM" ]; then
	log "guest memory from $GUEST_KERNEL_FROM: $("$SCRIPT_DIR"/measure-guest-kernel.sh --write "$OUTDIR" "$GUEST_KERNEL_FROM")"
fi
log "done: ${#SCRIPTS[@]} scripts, $missing without output, in $OUTDIR"
[ $missing = 0 ]
}
main "$@"
exit
