#!/usr/bin/env python3
"""Compare two boots of the same case, ignoring what is not deterministic.

Usage: compare-case.py REFERENCE_DIR NEW_DIR [...more NEW_DIR pairs as REF NEW REF NEW]

Used to check that scripts/regen-fixtures.sh reproduces the oracle: the figures the oracle
README calls deterministic with `nokaslr` must match exactly -- every memblock line and the rest
of the kernel log up to the start of user space, less timing lines and asynchronous messages;
(after SMP bring-up the log is compared as a sorted list, since asynchronous messages change
order); the zoneinfo geometry (spanned/present/managed/min/low/high/protection, pageset high/batch);
MemTotal; iomem; slab geometry; sys_vm; cmdline; CPU count.  Live counters are not compared.
"""
import re
import sys

STAMP = re.compile(r"^\[\s*\d+\.\d+\] ")
# Lines whose text carries timings, dates, random values or async ordering.
NOISE = re.compile(
    r"tsc:|BogoMIPS|deferred pages initialised|audit\(|rtc_cmos|clocksource|"
    r"Calibrating delay|random:|hpet|sched_clock|Console: colour|printk: console|"
    r"Freeing SMP alternatives|x86/mm: Checked W\+X|Unstable clock|trace_clock|on the kernel|"
    r"If you want to keep|workingset|ima:|evm:|clk:|kvm-clock|"
    r"calibrate_delay_direct|Probably due to long platform|"
    r"^input: |^\.\.\.\. node  #|^ #\d|APIC calibration not consistent|APIC delta adjusted")


def dmesg_lines(path):
    """The log up to SMP bring-up in order; after it (asynchronous work) as a sorted list."""
    early, late = [], []
    cur = early
    for ln in open(path, errors="replace"):
        ln = STAMP.sub("", ln.rstrip("\n"))
        if ln.startswith("smp: Bringing up secondary CPUs"):
            cur = late
        if not NOISE.search(ln):
            cur.append(ln)
    return early + ["-- after SMP bring-up, sorted --"] + sorted(late)


ZONE_KEYS = re.compile(r"^\s*(Node|pages free|\s*min|\s*low|\s*high|\s*spanned|\s*present|"
                       r"\s*managed|\s*protection|\s*cma|\s+high:|\s+batch:|\s*cpu:)")


def zoneinfo(path):
    keep = []
    for ln in open(path):
        s = ln.strip()
        if s.startswith("pages free"):
            continue
        if re.match(r"^(Node \d+, zone|min |low |high |spanned |present |managed |"
                    r"protection:|high:|batch:|cpu:)", s):
            keep.append(s)
    return keep


def meminfo_total(path):
    return [ln.strip() for ln in open(path) if ln.startswith(("MemTotal", "Hugepagesize"))]


def same_lines(name, a, b):
    if a == b:
        return True
    import difflib
    print("  %s differs:" % name)
    for d in list(difflib.unified_diff(a, b, lineterm="", n=0))[2:22]:
        print("    " + d)
    return False


def compare(ref, new):
    ok = True
    print("%s vs %s" % (ref, new))
    ok &= same_lines("dmesg.log", dmesg_lines(ref + "/dmesg.log"), dmesg_lines(new + "/dmesg.log"))
    ok &= same_lines("proc_zoneinfo", zoneinfo(ref + "/proc_zoneinfo"),
                     zoneinfo(new + "/proc_zoneinfo"))
    ok &= same_lines("proc_meminfo", meminfo_total(ref + "/proc_meminfo"),
                     meminfo_total(new + "/proc_meminfo"))
    for f in ("proc_iomem", "proc_cmdline", "proc_cpuinfo_count", "sys_vm", "slab_attrs.tsv",
              "slab_attrs_all.tsv"):
        ok &= same_lines(f, open(ref + "/" + f).read().splitlines(),
                         open(new + "/" + f).read().splitlines())
    print("  " + ("same" if ok else "DIFFERENT"))
    return ok


def main(argv):
    if len(argv) < 2 or len(argv) % 2:
        print(__doc__)
        return 2
    ok = True
    for i in range(0, len(argv), 2):
        ok &= compare(argv[i].rstrip("/"), argv[i + 1].rstrip("/"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
