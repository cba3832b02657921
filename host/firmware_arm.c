// SPDX-License-Identifier: MIT
/*
 * host/firmware_arm.c — QEMU 7.2's vexpress-a9 board and its built-in
 * Linux boot loader (hw/arm/vexpress.c, hw/arm/boot.c), for a zImage
 * booted with -dtb and -initrd.
 *
 * No kernel counterpart: this is what runs before the kernel.  The rules,
 * each checked against the oracle boot (tests/fixtures/arm/):
 *
 *   RAM        one bank at 0x60000000 (the "legacy" A9 memory map); QEMU
 *              refuses more than 1 GiB ("cannot model more than 1GB RAM")
 *              and more than 4 CPUs; its default is 128 MiB.
 *   zImage     loaded at loader_start + 0x10000; the decompressor moves
 *              the kernel to (its own address & 0xf8000000) + TEXT_OFFSET
 *              (AUTO_ZRELADDR), i.e. PHYS_OFFSET = 0x60000000.
 *   initrd     at loader_start + min(RAM / 2, 128 MiB), page aligned
 *              (0x68000000 for 256 MiB and more).
 *   DTB        the -dtb file, opened into a buffer of 2 * (size + 10000)
 *              bytes (QEMU's load_device_tree), patched, and placed on the
 *              first 4 KiB boundary after the initrd:
 *                /memory  reg = <0x60000000 RAM>      (QEMU sets it from -m)
 *                /chosen  bootargs, linux,initrd-start, linux,initrd-end
 *                /virtio_mmio@10013000 .. @10013600    4 transports, added
 *                         last-first (each new node goes first), with
 *                         compatible, reg, interrupt-parent, interrupts,
 *                         dma-coherent
 *              The oracle confirms it to the byte: its DTB reservation is
 *              48162 = 2 * (14081 + 10000) bytes at 0x680d9000, and the
 *              kernel unflattens exactly these 106 nodes (40024 bytes).
 *   entry      r0 = 0, r1 = the board id (ignored with a DTB), r2 = DTB.
 *
 * A blob that libfdt does not accept (truncated, corrupt, not a DTB) is
 * refused here with one message; the kernel side never sees it.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/sizes.h"
#include "linux/mm.h"
#include "mmsim/firmware_arm.h"
#include "mmsim/host.h"
#include "arch/arm/include/asm/arm_state.h"
#include "mmsim/machine.h"

#include <libfdt.h>
#include <stdio.h>
#include <string.h>

#define KERNEL_LOAD_ADDR 0x00010000ULL   /* hw/arm/boot.c */
#define INITRD_MAX_OFFSET SZ_128M
#define DTB_ALIGN 4096                   /* 32-bit kernels: not the initrd's page */
#define DTB_SLACK 10000                  /* load_device_tree(): (size + 10000) * 2 */

static const struct arm_board boards[] = {
	{
		.name = "vexpress-a9",
		.loader_start = 0x60000000ULL,
		.ram_max = SZ_1G,
		.ram_default = SZ_128M,
		.max_cpus = 4,
		.virtio_base = 0x10013000ULL,
		.nr_virtio = 4,
		.midr = 0x410fc090,
		.cpu_name = "ARMv7 Processor",
		.cpu_arch_name = "ARMv7",
		.cache_desc = "PIPT / VIPT nonaliasing data cache, VIPT nonaliasing instruction cache",
	},
};

const struct arm_board *arm_board_find(const char *model)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(boards); i++)
		if (!strcmp(boards[i].name, model))
			return &boards[i];
	return NULL;
}

/*
 * Two blobs the fuzzer made break Debian 12's libfdt (1.6.1)
 * fdt_check_full(): it dereferences the name of each top-level node
 * without checking fdt_get_name()'s NULL (a version-4 blob whose root name
 * has no '/'), and it loops for ever on a property whose length wraps the
 * offset back onto itself (fdt_next_tag() then returns the same offset).
 * Walk the tags first, as it does, and say what is wrong; NULL when
 * nothing is (fdt_check_full() then names any other fault).
 */
static const char *fdt_walk_fault(const void *fdt, size_t size)
{
	int offset = 0, next = 0, depth = 0, len;
	uint32_t tag;

	/* fdt_check_full() refuses these itself, before any tag */
	if (fdt_check_header(fdt) || fdt_totalsize(fdt) > size)
		return NULL;
	do {
		offset = next;
		tag = fdt_next_tag(fdt, offset, &next);
		if (next < 0)
			return NULL;    /* a bad tag: fdt_check_full() says which */
		if (tag != FDT_END && next <= offset)
			return "a property's length wraps round the structure block";
		if (tag == FDT_BEGIN_NODE && ++depth == 1 &&
		    !fdt_get_name(fdt, offset, &len))
			return "a top-level node has no valid name";
		if (tag == FDT_END_NODE && --depth < 0)
			return NULL;
	} while (tag != FDT_END);
	return NULL;
}

int arm_board_check(const struct arm_board *b, u64 ram_size,
		    unsigned int cpus, const void *dtb, size_t dtb_size,
		    char *err, size_t errlen)
{
	const char *fault;
	int ret;

	if (ram_size > b->ram_max) {
		snprintf(err, errlen, "%s: cannot model more than %lluGB RAM (-m %lluM)",
			 b->name, (unsigned long long)(b->ram_max >> 30),
			 (unsigned long long)(ram_size >> 20));
		return -EINVAL;
	}
	if (ram_size & (SZ_1M - 1)) {
		snprintf(err, errlen, "%s: RAM size %llu is not a whole number of MiB",
			 b->name, (unsigned long long)ram_size);
		return -EINVAL;
	}
	if (cpus > b->max_cpus) {
		snprintf(err, errlen,
			 "Invalid SMP CPUs %u. The max CPUs supported by machine '%s' is %u",
			 cpus, b->name, b->max_cpus);
		return -EINVAL;
	}
	if (!dtb)
		return 0;
	if (dtb_size < sizeof(struct fdt_header)) {
		snprintf(err, errlen, "device tree blob of %zu bytes is truncated (a header alone is %zu)",
			 dtb_size, sizeof(struct fdt_header));
		return -EINVAL;
	}
	fault = fdt_walk_fault(dtb, dtb_size);
	if (fault) {
		snprintf(err, errlen, "not a valid device tree blob: %s", fault);
		return -EINVAL;
	}
	ret = fdt_check_full(dtb, dtb_size);
	if (ret) {
		snprintf(err, errlen, "not a valid device tree blob: %s",
			 fdt_strerror(ret));
		return -EINVAL;
	}
	if (fdt_path_offset(dtb, "/chosen") < 0 && fdt_path_offset(dtb, "/") < 0) {
		snprintf(err, errlen, "device tree blob has no root node");
		return -EINVAL;
	}
	return 0;
}

int arm_boot_layout(const struct arm_board *b, u64 ram_size, u64 initrd_size,
		    size_t dtb_file_size, struct arm_boot_layout *out,
		    char *err, size_t errlen)
{
	u64 ram_end = b->loader_start + ram_size;

	memset(out, 0, sizeof(*out));
	out->zimage = b->loader_start + KERNEL_LOAD_ADDR;
	out->initrd_start = PAGE_ALIGN(b->loader_start +
				       min(ram_size / 2, (u64)INITRD_MAX_OFFSET));
	out->initrd_size = initrd_size;
	if (initrd_size > ram_end - out->initrd_start) {
		snprintf(err, errlen,
			 "could not load initrd: %llu bytes do not fit in RAM above %#llx",
			 (unsigned long long)initrd_size,
			 (unsigned long long)out->initrd_start);
		return -EINVAL;
	}
	out->dtb_size = 2 * ((u64)dtb_file_size + DTB_SLACK);
	out->dtb_start = ALIGN(out->initrd_start + initrd_size, (u64)DTB_ALIGN);
	if (out->dtb_start + out->dtb_size > ram_end) {
		snprintf(err, errlen, "Not enough space for DTB after kernel/initrd");
		return -EINVAL;
	}
	return 0;
}

/* The blob to boot: --dtb, else the board's DTB shipped in data/. */
static void *load_default_dtb(size_t *size, char *err, size_t errlen)
{
	char path[4096];
	void *blob;

	snprintf(path, sizeof(path), "%s/vexpress-v2p-ca9.dtb", host_data_dir());
	blob = host_read_file(path, size);
	if (!blob)
		snprintf(err, errlen, "cannot read the default device tree %s", path);
	return blob;
}

int arm_firmware_describe(struct machine *m, u64 *span, char *err,
			  size_t errlen)
{
	const struct arm_board *b = arm_board_find(m->desc.model);
	struct arm_boot_layout l;
	int ret;

	if (!strcmp(m->desc.model, "bare")) {
		/* tests and replay: RAM and nothing else; memblock starts empty */
		*span = ALIGN(m->desc.ram_size, (u64)SZ_2M);
		return 0;
	}
	if (!b) {
		snprintf(err, errlen, "unknown ARM machine type '%s'", m->desc.model);
		return -EINVAL;
	}
	if (!m->desc.dtb) {
		m->desc.dtb = load_default_dtb(&m->desc.dtb_size, err, errlen);
		if (!m->desc.dtb)
			return -ENOENT;
	}
	ret = arm_board_check(b, m->desc.ram_size, m->desc.smp_cpus,
			      m->desc.dtb, m->desc.dtb_size, err, errlen);
	if (!ret)
		ret = arm_boot_layout(b, m->desc.ram_size, m->desc.initrd_size,
				      m->desc.dtb_size, &l, err, errlen);
	if (ret)
		return ret;
	arm_st.board = b;
	arm_st.fw_zimage = l.zimage;
	arm_st.fw_initrd_start = l.initrd_start;
	arm_st.fw_initrd_size = l.initrd_size;
	arm_st.fw_dtb_start = l.dtb_start;
	arm_st.fw_dtb_size = l.dtb_size;
	*span = b->loader_start + m->desc.ram_size;
	return 0;
}

/* setprop that reports which property QEMU could not set. */
static int dt_set(void *fdt, int node, const char *name, const void *val,
		  int len, char *err, size_t errlen)
{
	int ret = fdt_setprop(fdt, node, name, val, len);

	if (ret)
		snprintf(err, errlen, "cannot set %s in the device tree: %s", name,
			 fdt_strerror(ret));
	return ret ? -EINVAL : 0;
}

static u32 root_cells(const void *fdt, const char *name)
{
	const fdt32_t *p = fdt_getprop(fdt, 0, name, NULL);

	return p ? fdt32_to_cpu(*p) : (strcmp(name, "#size-cells") ? 2 : 1);
}

/* Encode @v in @cells big-endian cells at @out; returns the bytes used. */
static int put_cells(fdt32_t *out, u32 cells, u64 v)
{
	if (cells == 2) {
		out[0] = cpu_to_fdt32((u32)(v >> 32));
		out[1] = cpu_to_fdt32((u32)v);
		return 8;
	}
	out[0] = cpu_to_fdt32((u32)v);
	return 4;
}

/* QEMU's arm_load_dtb(): memory, chosen, then the board's modify_dtb. */
static int patch_dtb(struct machine *m, void *fdt, char *err, size_t errlen)
{
	const struct arm_board *b = arm_st.board;
	u32 ac = root_cells(fdt, "#address-cells"), sc = root_cells(fdt, "#size-cells");
	fdt32_t cells[8];
	int node, len, ret, i, intc;

	node = fdt_path_offset(fdt, "/memory");
	if (node < 0)
		node = fdt_add_subnode(fdt, 0, "memory");
	if (node < 0)
		goto nospace;
	if (!fdt_getprop(fdt, node, "device_type", NULL) &&
	    (ret = dt_set(fdt, node, "device_type", "memory", 7, err, errlen)))
		return ret;
	len = put_cells(cells, ac, b->loader_start);
	len += put_cells(cells + len / 4, sc, m->desc.ram_size);
	ret = dt_set(fdt, fdt_path_offset(fdt, "/memory"), "reg", cells, len,
		     err, errlen);
	if (ret)
		return ret;

	node = fdt_path_offset(fdt, "/chosen");
	if (node < 0 && (node = fdt_add_subnode(fdt, 0, "chosen")) < 0)
		goto nospace;
	if (m->desc.cmdline[0] &&
	    (ret = dt_set(fdt, node, "bootargs", m->desc.cmdline,
			  (int)strlen(m->desc.cmdline) + 1, err, errlen)))
		return ret;
	if (arm_st.fw_initrd_size) {
		len = put_cells(cells, ac, arm_st.fw_initrd_start);
		ret = dt_set(fdt, fdt_path_offset(fdt, "/chosen"),
			     "linux,initrd-start", cells, len, err, errlen);
		len = put_cells(cells, ac, arm_st.fw_initrd_start +
					    arm_st.fw_initrd_size);
		if (!ret)
			ret = dt_set(fdt, fdt_path_offset(fdt, "/chosen"),
				     "linux,initrd-end", cells, len, err, errlen);
		if (ret)
			return ret;
	}

	/* vexpress_modify_dtb(): virtio-mmio transports wired to the GIC */
	intc = fdt_node_offset_by_compatible(fdt, -1, "arm,cortex-a9-gic");
	if (intc < 0)
		return 0;       /* QEMU only warns: no virtio in the tree */
	intc = (int)fdt_get_phandle(fdt, intc);
	for (i = (int)b->nr_virtio - 1; i >= 0; i--) {
		u64 addr = b->virtio_base + 0x200ULL * (unsigned int)i;
		char name[64];

		snprintf(name, sizeof(name), "virtio_mmio@%llx",
			 (unsigned long long)addr);
		node = fdt_add_subnode(fdt, 0, name);
		if (node < 0)
			goto nospace;
		if ((ret = dt_set(fdt, node, "compatible", "virtio,mmio", 12,
				  err, errlen)))
			return ret;
		len = put_cells(cells, ac, addr);
		len += put_cells(cells + len / 4, sc, 0x200);
		if ((ret = dt_set(fdt, node, "reg", cells, len, err, errlen)))
			return ret;
		cells[0] = cpu_to_fdt32((u32)intc);
		if ((ret = dt_set(fdt, node, "interrupt-parent", cells, 4, err,
				  errlen)))
			return ret;
		cells[0] = cpu_to_fdt32(0);
		cells[1] = cpu_to_fdt32(40 + (u32)i);
		cells[2] = cpu_to_fdt32(1);
		if ((ret = dt_set(fdt, node, "interrupts", cells, 12, err, errlen)) ||
		    (ret = dt_set(fdt, node, "dma-coherent", NULL, 0, err, errlen)))
			return ret;
	}
	return 0;
nospace:
	snprintf(err, errlen, "device tree: no room to add a node");
	return -EINVAL;
}

/*
 * Write the initrd (its contents are not simulated: a recognisable fill)
 * and the patched DTB into RAM; set the entry registers.
 */
/* The -dtb blob opened into its place in RAM and patched. */
static int write_dtb(struct machine *m, char *err, size_t errlen)
{
	void *fdt = __va(arm_st.fw_dtb_start);
	int ret = fdt_open_into(m->desc.dtb, fdt, (int)arm_st.fw_dtb_size);

	if (ret) {
		snprintf(err, errlen, "cannot open the device tree: %s",
			 fdt_strerror(ret));
		return -EINVAL;
	}
	return patch_dtb(m, fdt, err, errlen);
}

int arm_firmware_load_cmdline(struct machine *m, char *err, size_t errlen)
{
	if (!strcmp(m->desc.model, "bare"))
		return 0;
	return write_dtb(m, err, errlen);
}

int arm_firmware_load(struct machine *m, char *err, size_t errlen)
{
	int ret;

	if (!strcmp(m->desc.model, "bare"))
		return 0;
	if (arm_st.fw_initrd_size)
		memset(__va(arm_st.fw_initrd_start), 0x5a, arm_st.fw_initrd_size);
	ret = write_dtb(m, err, errlen);
	if (ret)
		return ret;
	arm_st.boot_r1 = 0xffffffff;
	arm_st.boot_r2 = (u32)arm_st.fw_dtb_start;
	return 0;
}

void arm_firmware_release(struct machine *m)
{
	(void)m;
}
