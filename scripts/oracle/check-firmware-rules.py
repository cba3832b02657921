#!/usr/bin/env python3
"""Check the QEMU 7.2 + SeaBIOS 1.16.2 firmware rules of docs/qemu-firmware.md against boots.

For every case directory given (oracle or tests/fixtures/x86/extra; each has qemu.txt and
dmesg.log), compute from the QEMU command line alone what the firmware hands the kernel and
what the kernel prints about it in setup_arch(), and compare with the boot's own log:

  e820      the BIOS-e820 table
  ramdisk   the RAMDISK: line (where linuxboot_dma.bin put the initrd)
  mptable   "found SMP MP-table" and the two smp_scan_config memblock_reserve lines
  smbios    SMBIOS structure-table length (needs firmware.txt; explains the RSDP address)
  acpi      RSDP/RSDT/FACP/DSDT/FACS/APIC/HPET/SRAT/MCFG/WAET lines, addresses and lengths
  reserve   "ACPI: Reserving ... table memory" and their memblock_reserve lines
  srat      "SRAT: PXM ..." and "ACPI: SRAT: Node ..." lines
  misc      DMI: line, "smpboot: Allowing", "available for PCI devices"

Usage: check-firmware-rules.py [-v] [--markdown] CASE_DIR...   (exit status 1 if a check fails)
       check-firmware-rules.py --predict [--initrd-size N] -- <qemu machine args>
           print the lines the rules predict for a machine that was never booted
"""
import re
import sys

KiB, MiB, GiB = 1 << 10, 1 << 20, 1 << 30
TiB = 1 << 40


def align_down(x, a):
    return x - (x % a)


def align_up(x, a):
    return align_down(x + a - 1, a)


# --- the QEMU command line -----------------------------------------------------------------

def parse_size(s, default_unit=MiB):
    m = re.fullmatch(r"(\d+)([KMGT]?)[bB]?", s)
    if not m:
        raise ValueError("size " + s)
    unit = {"": default_unit, "K": KiB, "M": MiB, "G": GiB, "T": TiB}[m.group(2)]
    return int(m.group(1)) * unit


def parse_opts(s):
    out, first = {}, None
    for i, part in enumerate(s.split(",")):
        if "=" in part:
            k, v = part.split("=", 1)
            out[k] = v
        elif i == 0:
            first = part
    return first, out


class Machine:
    """What QEMU 7.2 builds from the command line (only the parts the firmware reads)."""

    def __init__(self, args, initrd_size):
        self.kind = None
        self.ram = 128 * MiB
        smp, objects, numa = "1", {}, []
        it = iter(args)
        for a in it:
            if a in ("-machine", "-M"):
                name, _ = parse_opts(next(it))
                self.kind = "q35" if "q35" in name else "pc"
            elif a == "-m":
                first, o = parse_opts(next(it))
                self.ram = parse_size(o.get("size", first))
            elif a == "-smp":
                smp = next(it)
            elif a == "-object":
                _, o = parse_opts(next(it))
                if "id" in o and "size" in o:
                    objects[o["id"]] = parse_size(o["size"])
            elif a == "-numa":
                typ, o = parse_opts(next(it))
                if typ == "node":
                    numa.append(o)
        self.initrd_size = initrd_size
        self.parse_smp(smp)
        self.nodes = []     # (nodeid, bytes), in nodeid order
        self.cpu_node = {}  # cpu index -> node id
        for o in sorted(numa, key=lambda o: int(o.get("nodeid", 0))):
            nid = int(o["nodeid"])
            size = objects[o["memdev"]] if "memdev" in o else parse_size(o.get("mem", "0"))
            self.nodes.append((nid, size))
            for rng in o.get("cpus", "").split(":"):
                if rng:
                    lo, _, hi = rng.partition("-")
                    for c in range(int(lo), int(hi or lo) + 1):
                        self.cpu_node[c] = nid
        self.layout()

    def parse_smp(self, spec):
        first, o = parse_opts(spec)
        cpus = int(o.get("cpus", first or 0))
        sockets, cores, threads = (int(o.get(k, 0)) for k in ("sockets", "cores", "threads"))
        maxcpus = int(o.get("maxcpus", 0))
        # machine_parse_smp_config(), 7.2 machine types prefer cores over sockets
        maxcpus = maxcpus or cpus
        if cores == 0:
            sockets = sockets or 1
            threads = threads or 1
            cores = maxcpus // (sockets * threads)
        elif sockets == 0:
            threads = threads or 1
            sockets = maxcpus // (cores * threads)
        if threads == 0:
            threads = maxcpus // (sockets * cores)
        maxcpus = maxcpus or sockets * cores * threads
        self.cpus, self.maxcpus = cpus or maxcpus, maxcpus
        self.sockets, self.cores, self.threads = sockets, cores, threads
        tbits = (threads - 1).bit_length()
        cbits = (cores - 1).bit_length()
        self.apic_ids = []
        for i in range(maxcpus):
            t, c, s = i % threads, (i // threads) % cores, i // (threads * cores)
            self.apic_ids.append((s << (cbits + tbits)) | (c << tbits) | t)
        self.apic_id_limit = self.apic_ids[-1] + 1

    def layout(self):
        # pc_init1() / pc_q35_init(): where RAM is split around the 32-bit PCI hole
        if self.kind == "pc":
            lowmem = 0xE0000000
            if self.ram >= lowmem:
                lowmem = 0xC0000000
        else:
            lowmem = 0x80000000 if self.ram >= 0xB0000000 else 0xB0000000
        if self.ram >= lowmem:
            self.below_4g, self.above_4g = lowmem, self.ram - lowmem
        else:
            self.below_4g, self.above_4g = self.ram, 0
        # pc_memory_init(): AMD (qemu64) vCPU, relocate high RAM past the HyperTransport hole
        hole64 = 2 * GiB if self.kind == "pc" else 32 * GiB
        max_used = align_up(4 * GiB + self.above_4g, GiB) + hole64 - 1
        self.above_4g_start = 1 * TiB if max_used >= 0xFD00000000 else 4 * GiB


# --- SMBIOS (QEMU smbios.c tables + SeaBIOS type 0) -------------------------------------------

SEABIOS_VERSION = "1.16.2-debian-1.16.2-1"


def smbios_length(m):
    desc = {"pc": "Standard PC (i440FX + PIIX, 1996)", "q35": "Standard PC (Q35 + ICH9, 2009)"}
    mname = {"pc": "pc-i440fx-7.2", "q35": "pc-q35-7.2"}[m.kind]

    def strs(*ss):  # formatted area: each string + NUL, then the closing NUL (2 NULs if none)
        return sum(len(s) + 1 for s in ss) + 1 if ss else 2

    n = 24 + strs("SeaBIOS", SEABIOS_VERSION, "04/01/2014")         # type 0 (SeaBIOS)
    n += 27 + strs("QEMU", desc[m.kind], mname)                     # type 1
    n += 22 + strs("QEMU", mname)                                   # type 3
    n += sum(42 + strs("CPU%2x" % i, "QEMU", mname) for i in range(m.sockets))  # type 4
    n += 23 + strs()                                                # type 16
    dimms = (m.ram + 16 * GiB - 1) // (16 * GiB)
    n += sum(40 + strs("DIMM %d" % i, "QEMU") for i in range(dimms))  # type 17
    n += (31 + strs()) * (2 if m.above_4g else 1)                   # type 19 per RAM range
    n += 11 + strs()                                                # type 32
    n += 4 + strs()                                                 # type 127
    return n


# --- ACPI tables (QEMU acpi-build.c) ----------------------------------------------------------

def int_len(v):
    """AML encoding size of an Integer: ZeroOp/OneOp, BytePrefix, WordPrefix, DWordPrefix."""
    return 1 if v in (0, 1) else 2 if v <= 0xFF else 3 if v <= 0xFFFF else 5


def pkg(content):
    """Size of a package whose body (everything after PkgLength) is `content` bytes,
    including the PkgLength encoding itself (1..4 bytes)."""
    for n, limit in ((1, 0x3F), (2, 0xFFF), (3, 0xFFFFF), (4, 0xFFFFFFF)):
        if content + n <= limit:
            return content + n
    raise ValueError(content)


def dsdt_length(m):
    """Length of the DSDT: a fixed part per machine type plus the CPU hotplug AML of
    build_cpus_aml(), which has one object per possible CPU (see docs/qemu-firmware.md)."""
    base = DSDT_FIXED[m.kind]
    numa = bool(m.nodes)
    ctfy = 0   # body of Method(CTFY): one If(LEqual(Arg0, i)) { Notify(Cxxx, Arg1) } per CPU
    cpus = 0   # the CPU objects
    for i in range(m.maxcpus):
        u = int_len(i)
        ctfy += 1 + pkg(1 + 1 + u + 1 + 4 + 1)
        body = 1 + pkg(4 + 1 + 1 + 4 + u)                   # Method(_STA) { Return(CSTA(i)) }
        body += 1 + 4 + 1 + pkg(2 + 8)                      # Name(_MAT, Buffer(8) {...})
        if i:
            body += 1 + pkg(4 + 1 + 4 + u)                  # Method(_EJ0, 1) { CEJ0(i) }
        body += 1 + pkg(4 + 1 + 4 + u + 3)                  # Method(_OST, 3) { COST(i, ...) }
        if numa:
            body += 1 + 4 + int_len(m.cpu_node.get(i, 0))   # Name(_PXM, node)
        cpus += 2 + pkg(4 + 1 + 4 + 1 + body)               # Processor(Cxxx, i, 0, 0) {...}
    ctfy_m = 1 + pkg(4 + 1 + ctfy)
    cpus_dev = 2 + pkg(CPUS_DEV_OTHER + int_len(m.maxcpus) + ctfy_m + cpus)
    sb_scope = 1 + pkg(SB_SCOPE_OTHER + cpus_dev)
    return base + sb_scope


# Measured from the smp2 DSDTs (firmware.txt hex dumps): the bytes outside Scope(\_SB) that
# holds the CPUS device, the other contents of that scope, and of the CPUS device.
# Same CPU AML on both machines (Processor() objects, legacy CPU hotplug _INI).
DSDT_FIXED = {"pc": 5468, "q35": 7337}
CPUS_DEV_OTHER = 750  # "\\_SB.CPUS" name, _HID, _CID, CSTA, CEJ0, CSCN less its maxcpus integer, COST
SB_SCOPE_OTHER = 174  # "_SB_" name, Device(\_SB.PCI0.PRES)


class Firmware:
    """What SeaBIOS 1.16.2 builds, in its allocation order."""

    FSEG_TOP = 0xF5C80  # ZoneFSeg free top after the PIR table (fixed by the SeaBIOS build)

    def __init__(self, m):
        self.m = m
        # MP table (mptable_setup): one CPU entry per package, in APIC-ID steps
        pkgcpus = m.cores * m.threads
        pkgcpus = 1 if pkgcpus <= 1 else 1 << (pkgcpus - 1).bit_length()
        entries = len(range(0, m.apic_id_limit, pkgcpus))
        self.mpc_len = 44 + 20 * entries + 8 + 8 + 8 + 8 * 2 + 8 * 11 + 8 * 2
        fseg = self.FSEG_TOP
        self.mp = None
        if m.apic_id_limit <= 255 and 16 + self.mpc_len <= 600:
            self.mp = align_down(fseg - 16 - self.mpc_len, 16)
            fseg = self.mp
        # SMBIOS: structure table in the f-segment when <= 600 bytes, else in ZoneHigh
        self.smbios_len = smbios_length(m)
        high = m.below_4g  # ZoneHigh = last 16 MiB of RAM below 4 GiB, allocated top-down
        if self.smbios_len <= 600:
            fseg = align_down(fseg - self.smbios_len, 16)
        else:
            high = align_down(high - self.smbios_len, 16)
        self.smbios_ep = align_down(fseg - 31, 16)
        self.rsdp = align_down(self.smbios_ep - 20, 16)
        # ACPI tables blob (romfile loader): 128 KiB, 64-byte aligned, in ZoneHigh
        self.tables = self.acpi_tables()
        blob = align_up(sum(t[1] for t in self.tables), 0x20000)
        self.acpi_base = align_down(high - blob, 64)
        low = self.acpi_base
        if m.kind == "q35":
            # AHCI port of the default (empty) SATA CD-ROM: list 1K@1K, fis 256@256, cmd 256@256
            low = align_down(low - 1024, 1024)
            low = align_down(low - 256, 256)
            low = align_down(low - 256, 256)
        # malloc_prepboot(): unused ZoneHigh below the lowest allocation returns to RAM
        self.low_ram_end = align_down(low, 4096)

    def acpi_tables(self):
        m = self.m
        t = [("FACS", 64), ("DSDT", dsdt_length(m)), ("FACP", 0x74 if m.kind == "pc" else 0xF4)]
        t.append(("APIC", 44 + 8 * m.maxcpus + 12 + 10 * 5 + 6))
        t.append(("HPET", 0x38))
        if m.nodes:
            # at least nodes + 2 memory entries: QEMU pads with disabled (flags 0) ones
            nmem = max(len(self.srat_memory()), len(m.nodes) + 2)
            t.append(("SRAT", 48 + 16 * m.maxcpus + 40 * nmem))
        if m.kind == "q35":
            t.append(("MCFG", 0x3C))
        t.append(("WAET", 0x28))
        t.append(("RSDT", 36 + 4 * (len(t) - 2)))
        return t

    def srat_memory(self):
        """build_srat() memory affinity entries: (node, base, length)."""
        m, out, nxt = self.m, [], 0
        for nid, size in m.nodes:
            base, ln = nxt, size
            nxt = base + ln
            if base <= 0xA0000 < nxt:
                ln -= nxt - 0xA0000
                if ln > 0:
                    out.append((nid, base, ln))
                if nxt <= 0x100000:
                    nxt = 0x100000
                    continue
                base, ln = 0x100000, nxt - 0x100000
            if base <= m.below_4g < nxt:
                ln -= nxt - m.below_4g
                if ln > 0:
                    out.append((nid, base, ln))
                base = m.above_4g_start
                ln = nxt - m.below_4g
                nxt = base + ln
            if ln > 0:
                out.append((nid, base, ln))
        return out

    def e820(self):
        m = self.m
        e = [(0, 0x9FC00, "usable"), (0x9FC00, 0xA0000, "reserved"),
             (0xF0000, 0x100000, "reserved"), (0x100000, self.low_ram_end, "usable"),
             (self.low_ram_end, m.below_4g, "reserved")]
        if m.kind == "q35":
            e += [(0xB0000000, 0xC0000000, "reserved"), (0xFED1C000, 0xFED20000, "reserved")]
        e.append((0xFFFC0000, 0x100000000, "reserved"))
        if m.above_4g:
            e.append((m.above_4g_start, m.above_4g_start + m.above_4g, "usable"))
        e.append((0xFD00000000, 0x10000000000, "reserved"))
        return sorted(e)

    def ramdisk(self):
        top = align_down(self.low_ram_end, 0x10000)   # INT 15h E801 as linuxboot_dma reads it
        start = align_down(top - self.m.initrd_size, 4096)
        return start, align_up(start + self.m.initrd_size, 4096) - 1


# --- what the kernel prints --------------------------------------------------------------------

def expected_lines(m, fw):
    """{rule: [expected log lines]} in log order (timestamps stripped)."""
    exp = {}
    exp["e820"] = ["BIOS-e820: [mem %#018x-%#018x] %s" % (s, e - 1, t) for s, e, t in fw.e820()]
    s, e = fw.ramdisk()
    exp["ramdisk"] = ["RAMDISK: [mem %#010x-%#010x]" % (s, e)]
    if fw.mp is not None:
        cfg = fw.mp + 16
        exp["mptable"] = [
            "found SMP MP-table at [mem %#010x-%#010x]" % (fw.mp, fw.mp + 15),
            "memblock_reserve: [%#018x-%#018x] smp_scan_config+0xa7/0xff" % (fw.mp, fw.mp + 15),
            "memblock_reserve: [%#018x-%#018x] smp_scan_config+0xbe/0xff"
            % (cfg, cfg + fw.mpc_len - 1)]
    else:
        exp["mptable"] = []
    addr, hdr = fw.acpi_base, {}
    for name, ln in fw.tables:
        hdr[name] = (addr, ln)
        addr += ln
    rev = {"FACP": 1 if m.kind == "pc" else 3}
    oem = "(v%02d BOCHS  BXPC     00000001 BXPC 00000001)"
    acpi = ["ACPI: RSDP 0x%016X 000014 (v00 BOCHS )" % fw.rsdp]
    order = ["RSDT", "FACP", "DSDT", "FACS"] + [n for n, _ in fw.tables
                                                 if n not in ("RSDT", "FACP", "DSDT", "FACS")]
    for n in order:
        a, ln = hdr[n]
        tail = "" if n == "FACS" else " " + oem % rev.get(n, 1)
        acpi.append("ACPI: %s 0x%016X %06X%s" % (n, a, ln, tail))
    exp["acpi"] = acpi
    res = []
    for n in order[1:]:
        a, ln = hdr[n]
        res.append("ACPI: Reserving %s table memory at [mem %#x-%#x]" % (n, a, a + ln - 1))
        res.append("memblock_reserve: [%#018x-%#018x] acpi_reserve_initial_tables+0x51/0x61"
                   % (a, a + ln - 1))
    exp["reserve"] = res
    if m.nodes:
        srat = ["SRAT: PXM %d -> APIC 0x%02x -> Node %d" % (m.cpu_node.get(i, 0), aid,
                                                          m.cpu_node.get(i, 0))
                for i, aid in enumerate(m.apic_ids)]
        srat += ["ACPI: SRAT: Node %d PXM %d [mem %#010x-%#010x]" % (n, n, b, b + ln - 1)
                 for n, b, ln in fw.srat_memory()]
        exp["srat"] = srat
    dmi = {"pc": "QEMU Standard PC (i440FX + PIIX, 1996)",
           "q35": "QEMU Standard PC (Q35 + ICH9, 2009)"}[m.kind]
    gs, gsz = pci_gap(fw.e820())
    exp["misc"] = ["DMI: %s, BIOS %s 04/01/2014" % (dmi, SEABIOS_VERSION),
                   "smpboot: Allowing %d CPUs, %d hotplug CPUs" % (m.maxcpus,
                                                                   m.maxcpus - m.cpus),
                   "[mem %#010x-%#010x] available for PCI devices" % (gs, gs + gsz - 1)]
    return exp


def pci_gap(e820):
    """e820__setup_pci_gap(): the largest gap below 4 GiB, after the kernel's own e820 edits
    (page 0 made reserved, 0xa0000-0xfffff removed; neither changes the answer here)."""
    last, gapstart, gapsize = 1 << 32, None, 0x400000
    for s, e, _ in sorted(e820, reverse=True):
        if last > e and last - e >= gapsize:
            gapstart, gapsize = e, last - e
        if s < last:
            last = s
    return gapstart, gapsize


# --- comparing ---------------------------------------------------------------------------------

STAMP = re.compile(r"^\[\s*\d+\.\d+\] ")


def observed(dmesg):
    lines = []
    for ln in open(dmesg, errors="replace"):
        ln = STAMP.sub("", ln.rstrip("\n"))
        if ln.startswith("Kernel command line:"):
            break
        lines.append(ln)
    return lines


def check_case(d, verbose):
    kv = {}
    for ln in open(d + "/qemu.txt"):
        k, _, v = ln.rstrip("\n").partition(": ")
        kv.setdefault(k, v)
    size = int(re.search(r"size=(\d+)", kv["initrd"]).group(1))
    m = Machine(kv["qemu_machine_args"].split(), size)
    fw = Firmware(m)
    exp = expected_lines(m, fw)
    obs = observed(d + "/dmesg.log")
    pats = {"e820": r"^BIOS-e820:", "ramdisk": r"^RAMDISK:", "mptable": r"SMP MP-table|smp_scan",
            "acpi": r"^ACPI: (RSDP|RSDT|FACP|DSDT|FACS|APIC|HPET|SRAT|MCFG|WAET|SLIT) 0x",
            "reserve": r"^ACPI: Reserving|acpi_reserve_initial_tables",
            "srat": r"^SRAT: PXM|^ACPI: SRAT: Node",
            "misc": r"^DMI:|^smpboot: Allowing|available for PCI devices"}
    results = {}
    for rule, want in exp.items():
        got = [ln for ln in obs if re.search(pats[rule], ln)]
        results[rule] = (got == want, want, got)
    fwinfo = d + "/firmware.txt"
    try:
        for ln in open(fwinfo):
            f = ln.rstrip("\n").split("\t")
            if f[0] == "dmi_tables_len":
                want, got = [str(fw.smbios_len)], [f[1]]
                results["smbios"] = (want == got, want, got)
    except FileNotFoundError:
        pass
    return m, results


def predict(argv):
    size = 1029674
    if argv[:1] == ["--initrd-size"]:
        size, argv = int(argv[1]), argv[2:]
    if argv[:1] == ["--"]:
        argv = argv[1:]
    m = Machine(argv, size)
    fw = Firmware(m)
    print("# below_4g=%#x above_4g=%#x (at %#x) low RAM end=%#x ACPI base=%#x smbios=%d bytes"
          % (m.below_4g, m.above_4g, m.above_4g_start, fw.low_ram_end, fw.acpi_base,
             fw.smbios_len))
    for rule, lines in expected_lines(m, fw).items():
        for ln in lines:
            print("%-8s %s" % (rule, ln))
    return 0


def main(argv):
    if argv[:1] == ["--predict"]:
        return predict(argv[1:])
    verbose = "-v" in argv
    markdown = "--markdown" in argv
    dirs = [a.rstrip("/") for a in argv if a not in ("-v", "--markdown")]
    rules = ["e820", "ramdisk", "mptable", "smbios", "acpi", "reserve", "srat", "misc"]
    if markdown:
        print("| case | " + " | ".join(rules) + " |")
        print("|---|" + "---|" * len(rules))
    else:
        print("%-40s %s" % ("case", " ".join("%-7s" % r for r in rules)))
    bad = 0
    for d in dirs:
        _, res = check_case(d, verbose)
        cells = []
        for r in rules:
            if r not in res:
                cells.append("-")
            else:
                ok = res[r][0]
                cells.append("ok" if ok else "FAIL")
                bad += not ok
        name = d.split("/x86/")[-1]
        if markdown:
            print("| %s | %s |" % (name, " | ".join(cells)))
            continue
        print("%-40s %s" % (name, " ".join("%-7s" % c for c in cells)))
        for r in rules:
            if r in res and (verbose or not res[r][0]):
                ok, want, got = res[r]
                if not ok:
                    for ln in sorted(set(want) - set(got)):
                        print("    %-8s want: %s" % (r, ln))
                    for ln in sorted(set(got) - set(want)):
                        print("    %-8s  got: %s" % (r, ln))
                    if set(want) == set(got):
                        print("    %-8s order differs" % r)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
