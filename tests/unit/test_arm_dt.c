// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_arm_dt.c — the device tree at boot: QEMU's patching of
 * the blob (host/firmware_arm.c), the kernel's reading of it
 * (drivers/of/fdt.c), and blobs that are not device trees.
 *
 * Scenarios:
 *   - the shipped vexpress DTB on 1 GiB: memory = [0x60000000, 1 GiB),
 *     bootargs = the command line, the initrd range from /chosen, the DTB
 *     itself reserved, the dry-run size of the unflattened tree 40020
 *     bytes (+4), six aliases.  Expect all as the oracle shows them.
 *   - -m 256M patches the memory node: memblock.memory is 256 MiB.
 *   - a blob made here with two memory banks, a /memreserve/ entry and a
 *     reserved-memory child that is normal RAM (no no-map): both banks
 *     in memblock.memory, both reservations in memblock.reserved.
 *   - malformed blobs: empty, truncated header, truncated body, corrupt
 *     magic, a totalsize larger than the blob, garbage: every one is
 *     refused by machine_create() with one error message, never a crash.
 *   - QEMU's limits: -m 2G and -smp 5 are refused.
 */
#include "testmachine.h"

#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/memblock.h"
#include "linux/mm.h"
#include "linux/of_fdt.h"
#include "mmsim/firmware_arm.h"
#include "mmsim/host.h"
#include "mmsim/kconfig.h"
#include "mmsim/profile.h"
#include "mmsim/machine.h"
#include "arch/arm/include/asm/arm_state.h"

#include <libfdt.h>
#include <stdio.h>
#include <string.h>

static struct machine *m;
static void *blob;
static size_t blob_size;

static int teardown(void **state)
{
	if (m)
		test_machine_destroy(m);
	m = NULL;
	host_free(blob);
	blob = NULL;
	return 0;
}

static void load_shipped_dtb(void)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/vexpress-v2p-ca9.dtb", host_data_dir());
	blob = host_read_file(path, &blob_size);
	if (!blob)
		fail_msg("cannot read %s", path);
}

/* machine_create() of the ARM description with @dtb; NULL + @err on failure. */
static struct machine *create_arm(struct machine_desc *d, char *err, size_t len)
{
	char path[4096];
	struct kconfig *kc;
	struct kernel_profile *p;
	struct machine *mm;

	snprintf(path, sizeof(path), "%s/configs/config-6.1.0-50-armmp", host_data_dir());
	kc = kconfig_load(path, err, len);
	if (!kc)
		fail_msg("%s", err);
	snprintf(path, sizeof(path), "%s/profiles/debian-6.1.0-50-armmp.profile",
		 host_data_dir());
	p = profile_load(path, err, len);
	if (!p)
		fail_msg("%s", err);
	mm = machine_create(d, kc, p, err, len);
	if (mm)
		mm->log.console_enabled = false;
	return mm;
}

static void test_shipped_dtb(void **state)
{
	struct machine_desc d;
	const struct memblock_region *r;
	bool dtb_reserved = false;
	int i;

	test_machine_desc_arm(&d);
	snprintf(d.cmdline, sizeof(d.cmdline), "console=ttyAMA0 memblock=debug");
	d.initrd_size = 887105;
	m = test_machine_boot(&d);

	CHECK_EQ("memory.cnt", 1, memblock.memory.cnt);
	CHECK_EQ("memory base", 0x60000000, memblock.memory.regions[0].base);
	CHECK_EQ("memory size", 1ULL << 30, memblock.memory.regions[0].size);
	CHECK_STR("bootargs", "console=ttyAMA0 memblock=debug", boot_command_line);
	CHECK_EQ("initrd start", 0x68000000, m->of->phys_initrd_start);
	CHECK_EQ("initrd size", 887105, m->of->phys_initrd_size);
	CHECK_EQ("DTB at", 0x680d9000, m->arm->atags_pointer);
	CHECK_EQ("DTB totalsize", 2 * (14081 + 10000),
		 fdt_totalsize(__va(m->arm->atags_pointer)));
	for (i = 0; i < (int)memblock.reserved.cnt; i++) {
		r = &memblock.reserved.regions[i];
		if (r->base <= 0x680d9000 && r->base + r->size >= 0x680d9000 + 48162)
			dtb_reserved = true;
	}
	CHECK_EQ("DTB reserved", true, dtb_reserved);
	CHECK_EQ("unflattened size (+4 = 40024)", 40020, m->of->unflat_size);
	CHECK_EQ("nodes (102 + 4 virtio)", 106, m->of->nr_nodes);
	CHECK_EQ("aliases", 6, m->of->nr_aliases);
	CHECK_EQ("reserved-memory regions", 1, m->of->reserved_mem_count);
	CHECK_STR("vram claimed by", "dma", m->of->reserved_mem[0].ops);
	CHECK_EQ("possible CPUs (DT cpu nodes)", 4, nr_cpu_ids);
}

static void test_memory_node_patched(void **state)
{
	struct machine_desc d;

	test_machine_desc_arm(&d);
	d.ram_size = 256ULL << 20;
	m = test_machine_boot(&d);
	CHECK_EQ("memory size", 256ULL << 20, memblock_phys_mem_size());
	CHECK_EQ("end of DRAM", 0x70000000, memblock_end_of_DRAM());
	/* less than 256 MiB: the initrd goes at half RAM, the DTB after it */
	CHECK_EQ("no initrd, DTB at loader_start + 128M", 0x68000000,
		 m->arm->atags_pointer);
}

/* A blob with two banks, a /memreserve/ and a plain reserved-memory child. */
static void build_blob(void)
{
	fdt32_t reg[4];
	int root, node, rmem;

	blob_size = 4096;
	blob = host_alloc(blob_size);
	assert_int_equal(fdt_create_empty_tree(blob, (int)blob_size), 0);
	assert_int_equal(fdt_add_mem_rsv(blob, 0x61f00000, 0x10000), 0);
	root = 0;
	fdt_setprop_u32(blob, root, "#address-cells", 1);
	fdt_setprop_u32(blob, root, "#size-cells", 1);
	fdt_setprop_string(blob, root, "model", "two banks");
	node = fdt_add_subnode(blob, root, "chosen");
	assert_true(node >= 0);
	node = fdt_add_subnode(blob, root, "memory@60000000");
	fdt_setprop_string(blob, node, "device_type", "memory");
	reg[0] = cpu_to_fdt32(0x60000000);
	reg[1] = cpu_to_fdt32(0x08000000);      /* 128 MiB */
	reg[2] = cpu_to_fdt32(0x70000000);
	reg[3] = cpu_to_fdt32(0x08000000);      /* 128 MiB more */
	fdt_setprop(blob, node, "reg", reg, sizeof(reg));
	rmem = fdt_add_subnode(blob, root, "reserved-memory");
	fdt_setprop_u32(blob, rmem, "#address-cells", 1);
	fdt_setprop_u32(blob, rmem, "#size-cells", 1);
	fdt_setprop(blob, rmem, "ranges", NULL, 0);
	node = fdt_add_subnode(blob, rmem, "secure@77000000");
	reg[0] = cpu_to_fdt32(0x77000000);
	reg[1] = cpu_to_fdt32(0x00100000);
	fdt_setprop(blob, node, "reg", reg, 8);
	assert_int_equal(fdt_pack(blob), 0);
	blob_size = fdt_totalsize(blob);
}

static void test_banks_and_reservations(void **state)
{
	struct machine_desc d;

	build_blob();
	test_machine_desc_arm(&d);
	d.dtb = blob;
	d.dtb_size = blob_size;
	m = test_machine_boot(&d);
	/*
	 * QEMU's /memory patch rewrites the first memory node's reg: one
	 * bank of -m bytes.  The second bank is gone, as on the real board.
	 */
	CHECK_EQ("memory.cnt after QEMU's patch", 1, memblock.memory.cnt);
	CHECK_EQ("memblock: /memreserve/", true,
		 memblock_is_region_reserved(0x61f00000, 0x10000));
	CHECK_EQ("memblock: secure@77000000", true,
		 memblock_is_region_reserved(0x77000000, 0x100000));
	CHECK_EQ("reserved-memory regions", 1, m->of->reserved_mem_count);
}

/* A malformed blob is refused by machine_create, with a message. */
static void expect_refused(const void *b, size_t n, const char *what)
{
	struct machine_desc d;
	char err[512] = "";

	test_machine_desc_arm(&d);
	d.dtb = (void *)b;
	d.dtb_size = n;
	m = create_arm(&d, err, sizeof(err));
	if (m)
		fail_msg("%s: machine_create accepted it", what);
	if (!strstr(err, "device tree") && !strstr(err, "truncated"))
		fail_msg("%s: unclear error '%s'", what, err);
}

static void test_malformed_blobs(void **state)
{
	static const char garbage[] = "this is not a flattened device tree at all......";
	char *bad;

	load_shipped_dtb();
	expect_refused(blob, 0, "empty blob");
	expect_refused(blob, 20, "truncated header");
	expect_refused(blob, blob_size / 2, "truncated body");
	expect_refused(garbage, sizeof(garbage), "garbage");

	bad = host_alloc(blob_size);
	memcpy(bad, blob, blob_size);
	bad[0] ^= 0xff;                             /* magic */
	expect_refused(bad, blob_size, "corrupt magic");
	memcpy(bad, blob, blob_size);
	fdt_set_totalsize(bad, (u32)blob_size * 4);  /* larger than the blob */
	expect_refused(bad, blob_size, "totalsize beyond the blob");
	memcpy(bad, blob, blob_size);
	fdt_set_off_dt_struct(bad, (u32)blob_size + 100);
	expect_refused(bad, blob_size, "structure block outside the blob");
	host_free(bad);
}

static void test_board_limits(void **state)
{
	const struct arm_board *b = arm_board_find("vexpress-a9");
	char err[256];

	assert_non_null(b);
	CHECK_EQ("-m 1G accepted", 0, arm_board_check(b, 1ULL << 30, 4, NULL, 0,
						      err, sizeof(err)));
	CHECK_EQ("-m 2G refused", -EINVAL, arm_board_check(b, 2ULL << 30, 4, NULL,
							   0, err, sizeof(err)));
	if (!strstr(err, "cannot model more than 1GB RAM"))
		fail_msg("-m 2G: message '%s'", err);
	CHECK_EQ("-smp 5 refused", -EINVAL, arm_board_check(b, 1ULL << 30, 5, NULL,
							     0, err, sizeof(err)));
	assert_null(arm_board_find("vexpress-a15"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_shipped_dtb, teardown),
		cmocka_unit_test_teardown(test_memory_node_patched, teardown),
		cmocka_unit_test_teardown(test_banks_and_reservations, teardown),
		cmocka_unit_test_teardown(test_malformed_blobs, teardown),
		cmocka_unit_test_teardown(test_board_limits, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
