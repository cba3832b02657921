# SPDX-License-Identifier: MIT
"""scripts/gdb/mmsim.py — GDB helpers for mmsim, in the spirit of the
kernel's scripts/gdb (lx-*) and of crash.

Kernel counterpart: scripts/gdb/linux/*.py (Linux 6.1), crash's kmem/vtop.

Load it with `gdb -x scripts/gdb/mmsim.py --args build/debug/mmsim boot ...`
or let GDB auto-load it from build/debug/mmsim (`make debug` names it in a
.debug_gdb_scripts section; allow it with
`-iex 'add-auto-load-safe-path /path/to/mmsim'`).

Which machine: the kernel's globals live in `struct machine` and code
reaches them through the per-thread `current_machine`.  At every stop this
script sets $mm_machine to the stopped thread's current_machine or, outside
the simulated kernel (e.g. in main() after the boot), to a `struct machine *m`
of the nearest frame that has one.  `mm-machine EXPR` pins another.

The kernel's globals by name: every alias of the form
`#define NAME (current_machine->FIELD)` in the headers (include/mmsim/
machine.h and the others) is turned into a GDB macro over $mm_machine, so
`p max_pfn`, `p memblock`, `p *NODE_DATA(0)` work in every frame and every
build (a `make debug` build also carries the source's own macros).

Commands: mm-memblock, mm-zones, mm-buddy [NODE ZONE], mm-page PFN|ADDR,
mm-slab [CACHE], mm-vmalloc, mm-percpu, mm-vtop ADDR [PID], mm-ps, mm-vmas PID,
mm-machine [EXPR].  Pretty-printers: struct page, struct zone,
struct free_area, and struct list_head when its entries are struct pages.
"""
import os
import re

import gdb

SRC_TOP = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
PAGE_SHIFT = 12
LIST_CAP = 1 << 22   # stop walking a corrupted list after this many entries


# --- the machine -------------------------------------------------------------

def _null(v):
    return v is None or int(v) == 0


def _frame_machine():
    """current_machine of the stopped thread, else an `m` of some frame."""
    # current_machine is a macro (machine_current_checked()) that GDB
    # knows only with -g3; the per-thread variable behind it always exists.
    for name in ("current_machine_raw", "current_machine"):
        try:
            cm = gdb.parse_and_eval(name)
            if not _null(cm):
                return cm
        except gdb.error:
            pass
    try:
        frame = gdb.selected_frame()
    except gdb.error:
        return None
    while frame is not None:
        try:
            block = frame.block()
        except RuntimeError:
            block = None
        while block is not None and not block.is_global:
            for sym in block:
                if sym.name != "m" or not (sym.is_variable or
                                           sym.is_argument):
                    continue
                try:
                    v = sym.value(frame)
                except (gdb.error, RuntimeError):
                    continue
                if (str(v.type.strip_typedefs()) == "struct machine *"
                        and not _null(v)):
                    return v
            block = block.superblock
        frame = frame.older()
    return None


_pinned = [None]


def machine():
    m = _pinned[0] if _pinned[0] is not None else _frame_machine()
    if m is None:
        raise gdb.GdbError("no machine here: stop inside the simulated "
                           "kernel, in a frame with `struct machine *m`, "
                           "or use mm-machine EXPR")
    return m


def _refresh(event=None):
    try:
        m = machine()
        gdb.set_convenience_variable("mm_machine", m)
    except gdb.GdbError:
        pass


ALIAS_RE = re.compile(
    r"^#define\s+([A-Za-z_]\w*)(\([^)]*\))?\s+\(current_machine->(.*)\)\s*$")


def define_alias_macros():
    """`macro define` every current_machine alias of the headers."""
    n = 0
    for root, _dirs, files in os.walk(SRC_TOP):
        if "/build" in root or "/.git" in root or "/tests" in root:
            continue
        for name in files:
            if not name.endswith(".h"):
                continue
            try:
                with open(os.path.join(root, name)) as f:
                    lines = f.readlines()
            except OSError:
                continue
            for line in lines:
                mo = ALIAS_RE.match(line)
                if not mo:
                    continue
                params = mo.group(2) or ""
                gdb.execute("macro define %s%s ($mm_machine->%s)"
                            % (mo.group(1), params, mo.group(3)),
                            to_string=True)
                n += 1
    return n


# --- small readers -------------------------------------------------------------

def ival(v):
    return int(v)


def field_counter(v):
    """atomic_t / atomic_long_t -> int."""
    try:
        return int(v["counter"])
    except gdb.error:
        return int(v)


def list_walk(head, ctype=None, member=None):
    """Addresses (or values of ctype) of the entries of a list_head."""
    head_addr = int(head.address)
    node = head["next"]
    n = 0
    lh_t = gdb.lookup_type("struct list_head").pointer()
    off = 0
    if ctype is not None:
        off = _offsetof(ctype, member)
    while int(node) != head_addr and int(node) != 0:
        if ctype is None:
            yield node
        else:
            yield gdb.Value(int(node) - off).cast(ctype.pointer())
        node = node.cast(lh_t)["next"]
        n += 1
        if n > LIST_CAP:
            raise gdb.GdbError("list at 0x%x: too long (corrupt?)" % head_addr)


def list_len(head):
    return sum(1 for _ in list_walk(head))


def _offsetof(ctype, member):
    return int(gdb.parse_and_eval("(unsigned long)&((%s *)0)->%s"
                                  % (ctype, member)))


def page_type():
    return gdb.lookup_type("struct page")


def page_size_bytes():
    return page_type().sizeof


def pfn_to_page(pfn):
    m = machine()
    mem_map = m["mm"]["mem_map"]
    if not _null(mem_map):
        return mem_map + (pfn - int(m["mm"]["arch_pfn_offset"]))
    return m["mm"]["vmemmap"] + pfn


def page_to_pfn(page):
    m = machine()
    mem_map = m["mm"]["mem_map"]
    size = page_size_bytes()
    if not _null(mem_map):
        return ((int(page) - int(mem_map)) // size
                + int(m["mm"]["arch_pfn_offset"]))
    return (int(page) - int(m["mm"]["vmemmap"])) // size


def is_page_pointer(addr):
    """Does host address @addr lie in the memory map of the machine?"""
    try:
        m = machine()
    except gdb.GdbError:
        return False
    size = page_size_bytes()
    mem_map = m["mm"]["mem_map"]
    npages = int(m["k_max_pfn"]) + 1
    if not _null(mem_map):
        base = int(mem_map)
    else:
        base = int(m["mm"]["vmemmap"])
        if base == 0:
            return False
    return base <= addr < base + npages * size and (addr - base) % size == 0


def enum_names(tname, prefix):
    """{value: NAME} of the enumerators of @tname starting with @prefix."""
    out = {}
    try:
        t = gdb.lookup_type(tname)
    except gdb.error:
        return out
    for f in t.fields():
        if f.name.startswith(prefix):
            out[f.enumval] = f.name[len(prefix):]
    return out


def enum_value(tname, name):
    t = gdb.lookup_type(tname)
    for f in t.fields():
        if f.name == name:
            return f.enumval
    raise gdb.GdbError("%s has no %s" % (tname, name))


def migratetype_names(m):
    cfg = m["mmcfg"]
    names = ["Unmovable", "Movable", "Reclaimable", "HighAtomic"]
    n = int(cfg["migrate_types"])
    names += ["?"] * max(0, n - len(names))
    if int(cfg["migrate_cma"]) >= 0:
        names[int(cfg["migrate_cma"])] = "CMA"
    if int(cfg["migrate_isolate"]) >= 0:
        names[int(cfg["migrate_isolate"])] = "Isolate"
    return names[:n]


def zones(m, node=None, zone=None):
    """(nid, zone index, struct zone) of each populated zone."""
    nr_nodes = int(m["k_nr_node_ids"]) or 1
    nr_zones = int(m["mmcfg"]["nr_zones"])
    for nid in range(nr_nodes):
        if node is not None and nid != node:
            continue
        pgdat = m["mm"]["node_data"][nid]
        if _null(pgdat):
            continue
        for zi in range(nr_zones):
            z = pgdat["node_zones"][zi]
            if zone is not None:
                if zone.isdigit() and zi != int(zone):
                    continue
                if not zone.isdigit() and z["name"].string() != zone:
                    continue
            elif int(z["spanned_pages"]) == 0:
                continue
            yield nid, zi, z


def zone_free_pages(z):
    return field_counter(z["vm_stat"][enum_value("enum zone_stat_item",
                                                 "NR_FREE_PAGES")])


def parse_int(text):
    try:
        return int(gdb.parse_and_eval(text))
    except gdb.error as e:
        raise gdb.GdbError("not a number or expression: %s (%s)" % (text, e))


# --- commands -------------------------------------------------------------------

class MmCommand(gdb.Command):
    def __init__(self, name):
        super().__init__(name, gdb.COMMAND_DATA)


class MmMachine(MmCommand):
    """mm-machine [EXPR]: show, or pin, the machine the mm-* commands read.
With EXPR (a struct machine *), use it until `mm-machine auto`."""

    def __init__(self):
        super().__init__("mm-machine")

    def invoke(self, arg, from_tty):
        arg = arg.strip()
        if arg == "auto":
            _pinned[0] = None
        elif arg:
            _pinned[0] = gdb.parse_and_eval(arg).cast(
                gdb.lookup_type("struct machine").pointer())
        _refresh()
        m = machine()
        print("machine 0x%x: %s %s, %d MiB, %d CPUs" % (
            int(m), m["desc"]["model"].string(),
            "arm" if int(m["arch"]["arch"]) else "x86_64",
            int(m["desc"]["ram_size"]) >> 20, int(m["desc"]["smp_cpus"])))


class MmMemblock(MmCommand):
    """mm-memblock: memblock's memory and reserved regions (memblock_dump_all's
format), with bottom_up and current_limit."""

    def __init__(self):
        super().__init__("mm-memblock")

    def invoke(self, arg, from_tty):
        mb = machine()["memblock_st"]["mb"]
        print("MEMBLOCK configuration: bottom_up=%d current_limit=0x%x" % (
            int(mb["bottom_up"]), int(mb["current_limit"])))
        for tname in ("memory", "reserved"):
            t = mb[tname]
            cnt = int(t["cnt"])
            print(" %s.cnt  = 0x%x (max %d, total 0x%x bytes)" % (
                tname, cnt, int(t["max"]), int(t["total_size"])))
            for i in range(cnt):
                r = t["regions"][i]
                base, size = int(r["base"]), int(r["size"])
                nid = int(r["nid"])
                where = " on node %d" % nid \
                    if nid < int(machine()["k_max_numnodes"]) else ""
                print(" %s[0x%x]\t[0x%016x-0x%016x], 0x%x bytes%s "
                      "flags: 0x%x" % (tname, i, base, base + size - 1 if size
                                       else base, size, where,
                                       int(r["flags"])))


class MmZones(MmCommand):
    """mm-zones: every populated zone of every node: pfn span, spanned,
present and managed pages, free pages, watermarks, lowmem_reserve."""

    def __init__(self):
        super().__init__("mm-zones")

    def invoke(self, arg, from_tty):
        m = machine()
        nr_zones = int(m["mmcfg"]["nr_zones"])
        for nid, zi, z in zones(m):
            start = int(z["zone_start_pfn"])
            wm = z["_watermark"]
            print("Node %d, zone %8s  pfn 0x%x-0x%x" % (
                nid, z["name"].string(), start,
                start + int(z["spanned_pages"])))
            print("  spanned %d present %d managed %d free %d" % (
                int(z["spanned_pages"]), int(z["present_pages"]),
                field_counter(z["managed_pages"]), zone_free_pages(z)))
            print("  min %d low %d high %d boost %d  lowmem_reserve %s" % (
                int(wm[0]), int(wm[1]), int(wm[2]), int(z["watermark_boost"]),
                [int(z["lowmem_reserve"][i]) for i in range(nr_zones)]))
            print("  pcp high %d batch %d" % (int(z["pageset_high"]),
                                              int(z["pageset_batch"])))


class MmBuddy(MmCommand):
    """mm-buddy [NODE ZONE]: the buddy allocator's free lists, pages per
order and migratetype (list lengths walked), with nr_free.  ZONE is a
name (DMA32) or an index; without arguments, every populated zone."""

    def __init__(self):
        super().__init__("mm-buddy")

    def invoke(self, arg, from_tty):
        m = machine()
        argv = gdb.string_to_argv(arg)
        node = int(argv[0]) if argv else None
        zone = argv[1] if len(argv) > 1 else None
        names = migratetype_names(m)
        orders = int(m["mmcfg"]["order_max"])
        found = False
        for nid, zi, z in zones(m, node, zone):
            found = True
            print("Node %d, zone %s: free blocks per order" % (
                nid, z["name"].string()))
            print("  order %s   nr_free" % "".join(
                "%12s" % n for n in names))
            for order in range(orders):
                fa = z["free_area"][order]
                counts = [list_len(fa["free_list"][t])
                          for t in range(len(names))]
                nr_free = int(fa["nr_free"])
                mark = "" if sum(counts) == nr_free else \
                    "  (lists hold %d)" % sum(counts)
                print("  %5d %s %9d%s" % (order, "".join(
                    "%12d" % c for c in counts), nr_free, mark))
        if not found:
            raise gdb.GdbError("no such zone: %s" % arg)


def page_node_zone(m, flags):
    """Node and zone numbers from the top bits of page->flags
    (set_page_links: [node][zone] below bit 64)."""
    nw = int(m["mmcfg"]["nodes_width"])
    zw = int(m["mmcfg"]["zones_width"])
    nid = (flags >> (64 - nw)) & ((1 << nw) - 1) if nw else 0
    zi = (flags >> (64 - nw - zw)) & ((1 << zw) - 1) if zw else 0
    return nid, zi


def page_flag_names(flags):
    names = enum_names("enum pageflags", "PG_")
    out = [n for bit, n in sorted(names.items())
           if not n.startswith("_") and bit < 32 and flags & (1 << bit)]
    return out


# page->mapping's low bits (include/linux/page-flags.h)
PAGE_MAPPING_ANON = 0x1
PAGE_MAPPING_FLAGS = 0x3


def page_owner(page, pfn):
    """What the page is: buddy, slab, reserved, ... (a short phrase)."""
    flags = int(page["flags"])
    ptype = int(page["page_type"]) & 0xffffffff
    names = enum_names("enum pageflags", "PG_")
    bits = {n: b for b, n in names.items()}
    if (ptype & 0xf0000080) == 0xf0000000:
        return "free in the buddy allocator, order %d" % int(page["private"])
    if flags & (1 << bits.get("slab", 9)):
        try:
            slab = page.address.cast(gdb.lookup_type("struct slab").pointer())
            cache = slab["slab_cache"]
            return "slab of cache %s (inuse %d of %d)" % (
                cache["name"].string(), int(slab["inuse"]),
                int(slab["objects"]))
        except gdb.error:
            return "slab"
    if flags & (1 << bits.get("reserved", 12)):
        return "reserved (memblock, never freed to the buddy allocator)"
    if (int(page["compound_head"]) & 1):
        return "tail page of a compound page (head 0x%x)" % (
            int(page["compound_head"]) - 1)
    if field_counter(page["_refcount"]) == 0:
        return "free (on a per-CPU list, or not yet initialised)"
    mapping = int(page["mapping"])
    if mapping & PAGE_MAPPING_ANON:
        return "anonymous page: anon_vma 0x%x, index 0x%x" % (
            mapping & ~PAGE_MAPPING_FLAGS, int(page["index"]))
    if mapping:
        try:
            host = gdb.Value(mapping).cast(gdb.lookup_type(
                "struct address_space").pointer())["host"]
            name = host["name"].string() if not _null(host) else "?"
        except gdb.error:
            name = "?"
        return "page cache of %s, index 0x%x" % (name, int(page["index"]))
    return "allocated"


class MmPage(MmCommand):
    """mm-page PFN|ADDR: one struct page: flags decoded, refcount, mapcount,
node and zone, and what owns it.  A number up to max_pfn is a PFN; above
it, an address: a struct page *, a host pointer into the simulated RAM, a
direct-map kernel address (x86), or else a physical address."""

    def __init__(self):
        super().__init__("mm-page")

    def invoke(self, arg, from_tty):
        m = machine()
        if not arg.strip():
            raise gdb.GdbError("usage: mm-page PFN|ADDR")
        val = parse_int(arg)
        max_pfn = int(m["k_max_pfn"])
        ram = int(m["ram"]["base"])
        span = int(m["ram"]["span"])
        if val <= max_pfn:
            pfn = val
        elif is_page_pointer(val):
            pfn = page_to_pfn(gdb.Value(val))
        elif ram <= val < ram + span:
            pfn = (val - ram) >> PAGE_SHIFT
        elif int(m["arch"]["arch"]) == 0 and \
                val >= int(m["x86"]["page_offset_base"]) and \
                val - int(m["x86"]["page_offset_base"]) < span:
            pfn = (val - int(m["x86"]["page_offset_base"])) >> PAGE_SHIFT
        else:
            pfn = val >> PAGE_SHIFT
        if pfn > max_pfn:
            raise gdb.GdbError("pfn 0x%x is beyond max_pfn 0x%x" % (pfn, max_pfn))
        page = pfn_to_page(pfn).dereference()
        flags = int(page["flags"])
        nid, zi = page_node_zone(m, flags)
        zname = m["mmcfg"]["zone_names"][zi]
        print("page 0x%x  pfn 0x%x  phys 0x%x" % (int(page.address), pfn,
                                                 pfn << PAGE_SHIFT))
        print("  flags 0x%x: %s" % (flags, "|".join(page_flag_names(flags))
                                    or "-"))
        print("  node %d zone %s  refcount %d  mapcount %d" % (
            nid, zname.string() if not _null(zname) else str(zi),
            field_counter(page["_refcount"]),
            field_counter(page["_mapcount"]) + 1))
        print("  %s" % page_owner(page, pfn))


class MmSlab(MmCommand):
    """mm-slab [CACHE]: the slab caches (name, object size, slab object
size, objects per slab, order, align, refcount); with CACHE, that cache's
per-node slabs and partial lists."""

    def __init__(self):
        super().__init__("mm-slab")

    def invoke(self, arg, from_tty):
        m = machine()
        want = arg.strip()
        caches = list(list_walk(m["slub"]["slab_caches"],
                                gdb.lookup_type("struct kmem_cache"), "list"))
        if not want:
            print("%-24s %8s %8s %6s %5s %6s %4s" % (
                "name", "objsize", "size", "objs", "order", "align", "refs"))
        shown = 0
        for s in caches:
            name = s["name"].string()
            if want and name != want:
                continue
            oo = int(s["oo"]["x"])
            shown += 1
            print("%-24s %8d %8d %6d %5d %6d %4d" % (
                name, int(s["object_size"]), int(s["size"]), oo & 0xffff,
                oo >> 16, int(s["align"]), int(s["refcount"])))
            if want:
                self.detail(m, s)
        if want and not shown:
            raise gdb.GdbError("no slab cache named %s" % want)

    def detail(self, m, s):
        nodes = int(m["k_nr_node_ids"]) or 1
        print("  min_partial %d  cpu_partial %d  inuse %d" % (
            int(s["min_partial"]), int(s["cpu_partial"]), int(s["inuse"])))
        for nid in range(nodes):
            n = s["node"][nid]
            if _null(n):
                continue
            fields = [f.name for f in n.dereference().type.fields()]
            line = "  node %d: nr_partial %d" % (nid, int(n["nr_partial"]))
            for f in ("nr_slabs", "total_objects"):
                if f in fields:
                    line += "  %s %d" % (f, field_counter(n[f]))
            print(line)


class MmVmalloc(MmCommand):
    """mm-vmalloc: the busy vmap areas in address order, with size, pages,
the caller and the kind (vmalloc, ioremap, vmap, vm_map_ram)."""

    def __init__(self):
        super().__init__("mm-vmalloc")

    def invoke(self, arg, from_tty):
        m = machine()
        st = m["vmalloc_st"]
        print("VMALLOC_START 0x%x  VMALLOC_END 0x%x" % (int(st["base"]),
                                                      int(st["end"])))
        kinds = [(0x1, "ioremap"), (0x2, "vmalloc"), (0x4, "vmap"),
                 (0x8, "user"), (0x10, "dma-coherent")]
        n = 0
        for va in list_walk(st["busy_list"],
                            gdb.lookup_type("struct vmap_area"), "list"):
            start, end = int(va["va_start"]), int(va["va_end"])
            vm = va["vm"]
            if _null(vm):
                print("0x%016x-0x%016x %8d vm_map_ram" % (start, end,
                                                          end - start))
            else:
                flags = int(vm["flags"])
                what = " ".join(k for b, k in kinds if flags & b)
                caller = vm["caller"].string() if not _null(vm["caller"]) \
                    else "?"
                pages = int(vm["nr_pages"])
                print("0x%016x-0x%016x %8d %s%s %s" % (
                    start, end, int(vm["size"]), caller,
                    " pages=%d" % pages if pages else "", what))
            n += 1
        print("%d busy areas, %d pages vmalloc'ed" % (
            n, field_counter(st["nr_vmalloc_pages"])))


class MmPercpu(MmCommand):
    """mm-percpu: the per-CPU allocator's geometry, each CPU's offset, and
its chunks by slot (free bytes, pages populated)."""

    def __init__(self):
        super().__init__("mm-percpu")

    def invoke(self, arg, from_tty):
        m = machine()
        p = m["pcpu"]
        print("unit_size %d (%d pages)  nr_units %d  atom_size %d  "
              "nr_groups %d  base_addr 0x%x" % (
                  int(p["unit_size"]), int(p["unit_pages"]),
                  int(p["nr_units"]), int(p["atom_size"]),
                  int(p["nr_groups"]), int(p["base_addr"])))
        ncpu = int(m["k_nr_cpu_ids"])
        offs = p["per_cpu_offset"]
        shown = min(ncpu, 16)
        print("__per_cpu_offset: %s%s" % (
            " ".join("%d:0x%x" % (c, int(offs[c])) for c in range(shown)),
            " ..." if ncpu > shown else ""))
        if _null(p["chunk_lists"]):
            print("no chunks yet")
            return
        ctype = gdb.lookup_type("struct pcpu_chunk")
        for slot in range(int(p["nr_slots"])):
            for c in list_walk(p["chunk_lists"][slot], ctype, "list"):
                tag = ""
                if int(c) == int(p["first_chunk"]):
                    tag = " (first chunk)"
                elif int(c) == int(p["reserved_chunk"]):
                    tag = " (reserved chunk)"
                print("slot %2d: chunk 0x%x base 0x%x free %d bytes, "
                      "%d/%d pages populated%s" % (
                          slot, int(c), int(c["base_addr"]),
                          int(c["free_bytes"]), int(c["nr_populated"]),
                          int(c["nr_pages"]), tag))


def read_u64(addr):
    return int(gdb.Value(addr).cast(
        gdb.lookup_type("unsigned long long").pointer()).dereference())


def read_u32(addr):
    return int(gdb.Value(addr).cast(
        gdb.lookup_type("unsigned int").pointer()).dereference())


# --- processes ----------------------------------------------------------------------

def tasks(m):
    """The task_structs of the machine's task list (kernel/fork.c)."""
    proc = m["proc"]
    if _null(proc):
        return
    ttype = gdb.lookup_type("struct task_struct")
    for t in list_walk(proc["tasks"], ttype, "tasks"):
        yield t


def task_by_pid(m, text):
    pid = parse_int(text)
    for t in tasks(m):
        if int(t["pid"]) == pid:
            if _null(t["mm"]):
                raise gdb.GdbError("PID %d has no address space (exited)" % pid)
            return t
    raise gdb.GdbError("no process with PID %d (mm-ps lists them)" % pid)


# Maple tree node encoding (lib/maple_tree.c): an encoded node is the
# 256-byte-aligned node address | type << 3 | 4; ma_root holds it | 2.
MT_TYPE_SHIFT = 3
MT_TYPE_MASK = 0xf
MT_NODE_MASK = 0xff
MT_LEAF_64, MT_RANGE_64, MT_ARANGE_64 = 1, 2, 3
ULONG_MAX = 0xffffffffffffffff


def _mt_is_node(entry):
    return (entry & 3) == 2 and entry > 4096


def mt_entries(tree):
    """(first, last, entry) of each non-empty range of a maple tree, in
    index order: the leaves walked left to right, each slot's range
    bounded by its node's pivots as mas_next walks them."""
    root = int(tree["ma_root"])
    if root == 0:
        return
    if not _mt_is_node(root):
        yield 0, 0, root        # a lone entry at index 0
        return
    stack = [(root & ~2, 0, ULONG_MAX)]
    out = []
    while stack:
        enode, lo, hi = stack.pop()
        kind = (enode >> MT_TYPE_SHIFT) & MT_TYPE_MASK
        node = gdb.Value(enode & ~MT_NODE_MASK).cast(
            gdb.lookup_type("struct maple_node").pointer()).dereference()
        if kind == MT_ARANGE_64:
            body = node["ma64"]
        elif kind in (MT_LEAF_64, MT_RANGE_64):
            body = node["mr64"]
        else:
            raise gdb.GdbError("maple node 0x%x: type %d not walked" %
                               (enode & ~MT_NODE_MASK, kind))
        nslots = body["slot"].type.range()[1] + 1
        npivots = body["pivot"].type.range()[1] + 1
        children = []
        first = lo
        for i in range(nslots):
            last = int(body["pivot"][i]) if i < npivots else hi
            if i > 0 and last == 0:
                break           # past the node's data
            entry = int(body["slot"][i])
            if entry:
                if kind == MT_LEAF_64:
                    out.append((first, last, entry))
                else:
                    children.append((entry, first, last))
            if last >= hi:
                break
            first = last + 1
        stack.extend(reversed(children))
    for item in sorted(out):
        yield item


def vma_ops_name(vma):
    """vm_ops->name(vma) ([vdso], [vvar], ...): called in the inferior when
it runs, else the name of the function that would say it."""
    ops = vma["vm_ops"]
    if _null(ops) or _null(ops["name"]):
        return None
    fn = int(ops["name"])
    try:
        return gdb.parse_and_eval(
            "((const char *(*)(struct vm_area_struct *))0x%x)"
            "((struct vm_area_struct *)0x%x)" % (fn, int(vma.address))).string()
    except gdb.error:
        block = gdb.block_for_pc(fn)
        return "<%s>" % (block.function.name if block and block.function
                         else "vm_ops->name")


def vma_name(vma, mm):
    f = vma["vm_file"]
    if not _null(f):
        return f["f_inode"]["name"].string()
    name = vma_ops_name(vma)
    if name:
        return name
    if int(vma["vm_start"]) <= int(mm["brk"]) and \
            int(vma["vm_end"]) >= int(mm["start_brk"]):
        return "[heap]"
    start = int(mm["start_stack"])
    if int(vma["vm_start"]) <= start < int(vma["vm_end"]):
        return "[stack]"
    return ""


VM_FLAG_BITS = [(0x1, "r"), (0x2, "w"), (0x4, "x")]
VM_SHARED = 0x8


def vma_perms(flags):
    s = "".join(c if flags & bit else "-" for bit, c in VM_FLAG_BITS)
    return s + ("s" if flags & VM_SHARED else "p")


class MmPs(MmCommand):
    """mm-ps: the user processes (pid, parent, comm, mm, resident pages in
the mm's counters)."""

    def __init__(self):
        super().__init__("mm-ps")

    def invoke(self, arg, from_tty):
        m = machine()
        print("%7s %7s  %-16s %18s  %s" % ("PID", "PPID", "COMM", "MM",
                                           "RSS(pages)"))
        n = 0
        for t in tasks(m):
            mm = t["mm"]
            rss = 0
            if not _null(mm):
                counts = mm["rss_stat"]["count"]
                for k in range(counts.type.range()[1] + 1):
                    if k != 2:          # MM_SWAPENTS is not resident
                        rss += max(0, field_counter(counts[k]))
            parent = t["real_parent"]
            print("%7d %7d  %-16s %18s  %d" % (
                int(t["pid"]), 0 if _null(parent) else int(parent["pid"]),
                t["comm"].string(), "0x%x" % int(mm), rss))
            n += 1
        if not n:
            print("no user processes (mmsim boot stops before /init; "
                  "debug `mmsim run` to have some)")


class MmVmas(MmCommand):
    """mm-vmas PID: the VMAs of a process, read from its mm's maple tree
(mm->mm_mt) in address order, as /proc/PID/maps lists them."""

    def __init__(self):
        super().__init__("mm-vmas")

    def invoke(self, arg, from_tty):
        argv = gdb.string_to_argv(arg)
        if len(argv) != 1:
            raise gdb.GdbError("usage: mm-vmas PID (mm-ps lists them)")
        t = task_by_pid(machine(), argv[0])
        mm = t["mm"].dereference()
        vtype = gdb.lookup_type("struct vm_area_struct").pointer()
        print("PID %d %s: mm 0x%x, %d VMAs" % (int(t["pid"]), t["comm"].string(),
                                               int(t["mm"]), int(mm["map_count"])))
        print("%18s %18s %5s %8s %10s  %s" % ("VM_START", "VM_END", "PERMS",
                                              "FLAGS", "PGOFF", "NAME"))
        for first, last, entry in mt_entries(mm["mm_mt"]):
            vma = gdb.Value(entry).cast(vtype).dereference()
            start, end = int(vma["vm_start"]), int(vma["vm_end"])
            note = ""
            if first != start or last != end - 1:
                note = "  (tree range 0x%x-0x%x disagrees)" % (first, last)
            flags = int(vma["vm_flags"])
            print("%#18x %#18x %5s %8x %10x  %s%s" % (
                start, end, vma_perms(flags), flags, int(vma["vm_pgoff"]),
                vma_name(vma, mm), note))


class MmVtop(MmCommand):
    """mm-vtop ADDR [PID]: translate a virtual address through the page
tables, level by level, as the MMU walks them: the kernel's (init_mm)
without PID, the process's (its mm->pgd) with one."""

    def __init__(self):
        super().__init__("mm-vtop")

    def invoke(self, arg, from_tty):
        argv = gdb.string_to_argv(arg)
        if not argv or len(argv) > 2:
            raise gdb.GdbError("usage: mm-vtop ADDR [PID]")
        m = machine()
        va = parse_int(argv[0]) & 0xffffffffffffffff
        ram = int(m["ram"]["base"])
        arm = int(m["arch"]["arch"]) != 0
        if len(argv) == 2:
            t = task_by_pid(m, argv[1])
            pgd = int(t["mm"]["pgd"])
            if not pgd:
                raise gdb.GdbError("PID %d has no page tables" % int(t["pid"]))
            print("PID %d %s: pgd at host 0x%x" % (int(t["pid"]),
                                                  t["comm"].string(), pgd))
            if arm:
                self.walk_arm(va & 0xffffffff, pgd, ram)
            else:
                self.walk_x86(va, pgd, ram)
            return
        if arm:
            # swapper_pg_dir: 16 KiB below _text, in the hardware's format
            pgdir = int(m["arm"]["image"]["pgdir"])
            if not pgdir:
                raise gdb.GdbError("no kernel page tables yet")
            self.walk_arm(va & 0xffffffff, ram + pgdir, ram)
            return
        pgd = m["k_init_mm"]["pgd"]
        if _null(pgd):
            raise gdb.GdbError("no kernel page tables yet (init_mm.pgd NULL)")
        pob = int(m["x86"]["page_offset_base"])
        print("PAGE_OFFSET 0x%x  VMALLOC_START 0x%x  vmemmap 0x%x" % (
            pob, int(m["x86"]["vmalloc_base"]), int(m["x86"]["vmemmap_base"])))
        self.walk_x86(va, int(pgd), ram)

    def walk_x86(self, va, table, ram):
        mask = 0x000ffffffffff000
        levels = [("PGD", 39), ("PUD", 30), ("PMD", 21), ("PTE", 12)]
        print("virtual 0x%x" % va)
        for name, shift in levels:
            idx = (va >> shift) & 511
            entry = read_u64(table + idx * 8)
            print("  %s[%3d] @ host 0x%x = 0x%016x" % (name, idx,
                                                       table + idx * 8, entry))
            if not entry & 1:
                print("  not present")
                return
            if name in ("PUD", "PMD") and entry & 0x80:
                size = 1 << shift
                phys = (entry & mask & ~(size - 1)) | (va & (size - 1))
                print("  %s page -> physical 0x%x" % (
                    "1G" if name == "PUD" else "2M", phys))
                return
            if name == "PTE":
                print("  -> physical 0x%x" % ((entry & mask) | (va & 0xfff)))
                return
            table = ram + (entry & mask)

    def walk_arm(self, va, table, ram):
        idx = va >> 20
        l1 = read_u32(table + idx * 4)
        print("virtual 0x%x" % va)
        print("  L1[%4d] = 0x%08x" % (idx, l1))
        kind = l1 & 3
        if kind == 2:
            if l1 & (1 << 18):
                phys = (l1 & 0xff000000) | (va & 0x00ffffff)
                print("  supersection -> physical 0x%x" % phys)
            else:
                phys = (l1 & 0xfff00000) | (va & 0x000fffff)
                print("  section -> physical 0x%x" % phys)
            return
        if kind != 1:
            print("  not present")
            return
        l2_table = ram + (l1 & 0xfffffc00)
        idx2 = (va >> 12) & 0xff
        l2 = read_u32(l2_table + idx2 * 4)
        print("  L2[%3d] = 0x%08x" % (idx2, l2))
        # Linux's PTE pages (kernel's and user's, pgtable-2level.h) keep
        # the Linux PTE 2 KiB below its hardware twin: young, dirty, ...
        linux = read_u32(l2_table - 2048 + idx2 * 4)
        print("  Linux PTE = 0x%08x (%s)" % (linux, " ".join(
            n for b, n in ((0, "present"), (1, "young"), (6, "dirty"),
                           (7, "rdonly"), (8, "user"), (9, "xn"),
                           (11, "none")) if linux & (1 << b)) or "empty"))
        if l2 & 2:
            print("  -> physical 0x%x" % ((l2 & 0xfffff000) | (va & 0xfff)))
        elif l2 & 1:
            print("  large page -> physical 0x%x" % (
                (l2 & 0xffff0000) | (va & 0xffff)))
        else:
            print("  not present")


# --- pretty-printers -------------------------------------------------------------

class PagePrinter:
    def __init__(self, val):
        self.val = val

    def to_string(self):
        try:
            addr = int(self.val.address)
            pfn = page_to_pfn(gdb.Value(addr)) if is_page_pointer(addr) \
                else None
            flags = int(self.val["flags"])
            s = "struct page"
            if pfn is not None:
                s += " pfn 0x%x" % pfn
            s += " flags 0x%x [%s] refcount %d mapcount %d" % (
                flags, "|".join(page_flag_names(flags)) or "-",
                field_counter(self.val["_refcount"]),
                field_counter(self.val["_mapcount"]) + 1)
            if pfn is not None:
                s += " (%s)" % page_owner(self.val, pfn)
            return s
        except (gdb.error, gdb.GdbError, gdb.MemoryError) as e:
            return "struct page (unreadable: %s)" % e


class ZonePrinter:
    def __init__(self, val):
        self.val = val

    def to_string(self):
        z = self.val
        try:
            if _null(z["name"]):
                return "struct zone (not initialised)"
            wm = z["_watermark"]
            return ("struct zone %s node %d: pfn 0x%x +%d spanned, "
                    "%d present, %d managed, %d free, wmark %d/%d/%d" % (
                        z["name"].string(), int(z["node"]),
                        int(z["zone_start_pfn"]), int(z["spanned_pages"]),
                        int(z["present_pages"]),
                        field_counter(z["managed_pages"]),
                        zone_free_pages(z), int(wm[0]), int(wm[1]),
                        int(wm[2])))
        except (gdb.error, gdb.GdbError, gdb.MemoryError) as e:
            return "struct zone (unreadable: %s)" % e


class FreeAreaPrinter:
    def __init__(self, val):
        self.val = val

    def to_string(self):
        fa = self.val
        try:
            counts = [list_len(fa["free_list"][t]) for t in range(
                int(machine()["mmcfg"]["migrate_types"]))]
            return "free_area nr_free %d, per migratetype %s" % (
                int(fa["nr_free"]), counts)
        except (gdb.error, gdb.GdbError, gdb.MemoryError) as e:
            return "free_area (unreadable: %s)" % e


class PageListPrinter:
    """A list_head whose entries are struct pages (buddy, pcp, lru)."""
    SHOW = 8

    def __init__(self, val, pfns):
        self.val = val
        self.pfns = pfns

    def to_string(self):
        n = len(self.pfns)
        head = ", ".join("0x%x" % p for p in self.pfns[:self.SHOW])
        more = ", ..." if n > self.SHOW else ""
        return "list of %d page%s: pfn %s%s" % (n, "" if n == 1 else "s",
                                                 head, more)


def _page_list_pfns(val):
    """PFNs of a list_head's entries if they are struct pages, else None."""
    try:
        nxt = int(val["next"])
        if nxt == 0 or nxt == int(val.address):
            return None
        off = _offsetof("struct page", "lru")
        if not is_page_pointer(nxt - off):
            return None
        pfns = []
        for node in list_walk(val):
            addr = int(node) - off
            if not is_page_pointer(addr):
                return None
            pfns.append(page_to_pfn(gdb.Value(addr)))
            if len(pfns) > 1 << 16:
                break
        return pfns
    except (gdb.error, gdb.GdbError, gdb.MemoryError, RuntimeError):
        return None


def mmsim_lookup(val):
    t = val.type.strip_typedefs()
    if t.code != gdb.TYPE_CODE_STRUCT:
        return None
    name = t.tag
    if name == "page":
        return PagePrinter(val)
    if name == "zone":
        return ZonePrinter(val)
    if name == "free_area":
        return FreeAreaPrinter(val)
    if name == "list_head":
        pfns = _page_list_pfns(val)
        if pfns is not None:
            return PageListPrinter(val, pfns)
    return None


def register():
    for cls in (MmMachine, MmMemblock, MmZones, MmBuddy, MmPage, MmSlab,
                MmVmalloc, MmPercpu, MmVtop, MmPs, MmVmas):
        cls()
    gdb.pretty_printers.append(mmsim_lookup)
    gdb.events.stop.connect(_refresh)
    # The lazy memory map (mm/memmap_lazy.c) fills a host page of struct
    # pages on its first access, from a SIGBUS handler (host/lazymem.c):
    # let those signals through to the program without stopping.
    gdb.execute("handle SIGBUS nostop noprint pass", to_string=True)
    n = define_alias_macros()
    print("mmsim: mm-* commands, pretty-printers and %d kernel globals "
          "(p max_pfn, p memblock, p *NODE_DATA(0)) loaded" % n)


register()
