// SPDX-License-Identifier: MIT
/*
 * drivers/acpi/tables.c — finding and listing the firmware's ACPI tables.
 *
 * Kernel counterparts: drivers/acpi/tables.c (acpi_table_init,
 * acpi_reserve_initial_tables, acpi_table_parse_entries),
 * drivers/acpi/acpica/tbxfroot.c (finding the RSDP), tbutils.c and
 * tbprint.c (walking the RSDT, printing each header).
 *
 * Early in setup_arch() the kernel locates the RSDP ("RSD PTR ") in the
 * BIOS read-only area 0xe0000-0xfffff (or the EBDA), walks the RSDT,
 * installs each table — the FADT pulls in the DSDT and FACS right after
 * itself — and prints one line per table.  Then it reserves every table
 * in memblock so nothing allocates over them before ACPI is up.
 */
#include "linux/kernel.h"
#include "linux/acpi.h"
#include "linux/memblock.h"
#include "linux/mm.h"
#include "linux/printk.h"
#include "arch/x86/include/asm/setup.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"
#include "mmsim/track.h"

#include <string.h>

#include "drivers/acpi/internal.h"

#define acpi (current_machine->acpi)

void acpi_state_init(void)
{
	int i;

	if (!acpi)
		acpi = host_alloc(sizeof(*acpi));
	INIT_LIST_HEAD(&acpi->ioremaps);
	for (i = 0; i < 256; i++)
		acpi->pxm_to_node[i] = NUMA_NO_NODE;
	for (i = 0; i < MMSIM_MAX_NUMNODES_LIMIT; i++)
		acpi->node_to_pxm[i] = -1;
}

void acpi_state_destroy(void)
{
	host_free(acpi);
	acpi = NULL;
}

static bool ram_has(phys_addr_t pa, u64 len)
{
	return pa + len <= current_machine->ram.span;
}

/*
 * The kernel reads the tables early through early_memremap(), a mapping
 * of its own that KASAN does not check; what lies there is whatever the
 * memory holds, even after memmap=exactmap gave it to memblock and it was
 * allocated and freed.  mmsim reads through the direct map, whose freed
 * pages AddressSanitizer poisons, so the early readers copy the bytes out
 * with a copy the sanitizer does not check (a byte loop: memcpy would be
 * intercepted).
 */
__attribute__((no_sanitize_address))
static void acpi_early_read(void *dst, phys_addr_t pa, size_t len)
{
	const volatile u8 *src = __va(pa);
	u8 *d = dst;

	while (len--)
		*d++ = *src++;
}

static u8 checksum(const u8 *p, u32 len)
{
	u8 sum = 0;

	while (len--)
		sum += *p++;
	return sum;
}

/* Scan [start, start + len) on 16-byte boundaries for a valid RSDP. */
static phys_addr_t scan_rsdp(phys_addr_t start, u64 len)
{
	phys_addr_t pa;

	if (!ram_has(start, len))
		return 0;
	for (pa = start; pa < start + len; pa += 16) {
		u8 p[20];

		acpi_early_read(p, pa, sizeof(p));
		if (!memcmp(p, "RSD PTR ", 8) && !checksum(p, 20))
			return pa;
	}
	return 0;
}

/* ACPICA's search: the first KiB of the EBDA, then 0xe0000-0xfffff. */
static phys_addr_t acpi_find_root_pointer(void)
{
	unsigned int ebda = get_bios_ebda();
	phys_addr_t rsdp = 0;

	if (ebda > 0x400)
		rsdp = scan_rsdp(ebda, 1024);
	if (!rsdp)
		rsdp = scan_rsdp(0xe0000, 0x20000);
	return rsdp;
}

static void print_rsdp(phys_addr_t pa)
{
	struct acpi_table_rsdp r, *rsdp = &r;

	acpi_early_read(&r, pa, sizeof(r));
	pr_info("ACPI: RSDP 0x%016llX %06X (v%.2d %-6.6s)\n",
		(unsigned long long)pa, rsdp->revision > 0 ? rsdp->length : 20,
		rsdp->revision, rsdp->oem_id);
}

static void print_table_header(phys_addr_t pa)
{
	struct acpi_table_header hdr, *h = &hdr;

	acpi_early_read(&hdr, pa, sizeof(hdr));
	if (!memcmp(h->signature, "FACS", 4)) {
		pr_info("ACPI: %-4.4s 0x%016llX %06X\n", h->signature,
			(unsigned long long)pa, h->length);
		return;
	}
	pr_info("ACPI: %-4.4s 0x%016llX %06X (v%.2d %-6.6s %-8.8s %08X %-4.4s %08X)\n",
		h->signature, (unsigned long long)pa, h->length, h->revision,
		h->oem_id, h->oem_table_id, h->oem_revision, h->asl_compiler_id,
		h->asl_compiler_revision);
}

static void install_table(phys_addr_t pa)
{
	struct acpi_table_header hdr, *h = &hdr;
	struct acpi_table_desc *d;

	if (!pa || !ram_has(pa, sizeof(*h)) || acpi->nr_tables >= ACPI_MAX_TABLES)
		return;
	acpi_early_read(&hdr, pa, sizeof(hdr));
	if (!ram_has(pa, h->length))
		return;
	d = &acpi->tables[acpi->nr_tables++];
	d->address = pa;
	d->length = h->length;
	memcpy(d->signature, h->signature, 4);
	d->signature[4] = '\0';
	print_table_header(pa);
}

static u32 read_u32(phys_addr_t pa)
{
	u8 p[4];

	acpi_early_read(p, pa, sizeof(p));
	return (u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
}

/* The FADT brings its DSDT and FACS in right behind it. */
static void install_fadt_children(phys_addr_t fadt)
{
	install_table(read_u32(fadt + ACPI_FADT_OFFSET_DSDT));
	install_table(read_u32(fadt + ACPI_FADT_OFFSET_FACS));
}

int acpi_table_init(void)
{
	struct acpi_table_header hdr, *rsdt = &hdr;
	struct acpi_table_rsdp rsdp;
	phys_addr_t rsdt_pa;
	u32 i, n;

	acpi->rsdp = acpi_find_root_pointer();
	if (!acpi->rsdp)
		return -1;
	pr_info("ACPI: Early table checksum verification disabled\n");
	print_rsdp(acpi->rsdp);

	acpi_early_read(&rsdp, acpi->rsdp, sizeof(rsdp));
	rsdt_pa = rsdp.rsdt_physical_address;
	if (!ram_has(rsdt_pa, sizeof(*rsdt)))
		return -1;
	print_table_header(rsdt_pa);
	acpi_early_read(&hdr, rsdt_pa, sizeof(hdr));
	/*
	 * The kernel's acpi_tb_parse_root_table() refuses a root table
	 * shorter than its header (e.g. memory the tables were in, given
	 * to memblock by memmap=exactmap and reused before this point).
	 */
	if (rsdt->length < sizeof(*rsdt) || !ram_has(rsdt_pa, rsdt->length)) {
		pr_err("ACPI BIOS Error (bug): Invalid table length 0x%X in RSDT/XSDT\n",
		       rsdt->length);
		return -1;
	}
	n = (rsdt->length - (u32)sizeof(*rsdt)) / 4;
	for (i = 0; i < n; i++) {
		phys_addr_t pa = read_u32(rsdt_pa + sizeof(*rsdt) + 4 * i);

		install_table(pa);
		if (acpi->nr_tables &&
		    !strcmp(acpi->tables[acpi->nr_tables - 1].signature, "FACP"))
			install_fadt_children(pa);
	}
	return 0;
}

/* Keep memblock off the tables until ACPI has copied what it needs. */
void acpi_reserve_initial_tables(void)
{
	int i;

	for (i = 0; i < acpi->nr_tables; i++) {
		struct acpi_table_desc *d = &acpi->tables[i];
		phys_addr_t start = d->address;
		phys_addr_t size = d->length;

		pr_info("ACPI: Reserving %4.4s table memory at [mem 0x%llx-0x%llx]\n",
			d->signature, (unsigned long long)start,
			(unsigned long long)(start + size - 1));
		memblock_reserve(start, size);
		/*
		 * From here the tables are in use: read in place (the kernel
		 * through its early mappings, mmsim through the direct map),
		 * even where memmap=exactmap let memblock allocate and free
		 * them first, so the sanitizer's poison on them goes.
		 */
		mmsim_track_alloc_phys(start, size);
	}
}

void acpi_boot_table_init(void)
{
	if (acpi_table_init())
		return; /* no ACPI: the kernel falls back to the MP table */
	acpi_reserve_initial_tables();
}

/*
 * ACPICA's acpi_reallocate_root_table(), from acpi_early_init(): the early
 * tables were installed with their headers only ("Early table checksum
 * verification disabled"), so each is now verified in full, in
 * root-table order (FADT, DSDT, FACS, then the RSDT's others): mapped for
 * good with acpi_os_map_memory(), its checksum checked (the FACS has
 * none).  A table that fails stays unverified and unmapped (the kernel
 * uninstalls it; nothing in mmsim reads it after boot).  The kernel then
 * copies the root table list to a kmalloc'ed array (not modelled: nothing
 * reads it here).  Returns 0, or -1 without ACPI.
 */
int acpi_reallocate_root_table(void)
{
	int i;

	if (!acpi || !acpi->rsdp || acpi->table_validation)
		return -1;
	acpi->table_validation = true;
	for (i = 0; i < acpi->nr_tables; i++) {
		struct acpi_table_desc *d = &acpi->tables[i];

		if (d->verified)
			continue;
		d->pointer = acpi_os_map_memory(d->address, d->length);
		if (d->pointer && (!memcmp(d->signature, "FACS", 4) ||
				   !checksum(d->pointer, d->length))) {
			d->verified = true;
			continue;
		}
		pr_err("ACPI: %4.4s 0x%016llX Attempted table install failed\n",
		       d->signature, (unsigned long long)d->address);
		if (d->pointer)
			acpi_os_unmap_memory(d->pointer, d->length);
		d->pointer = NULL;
	}
	return 0;
}

struct acpi_table_header *acpi_get_table(const char *sig)
{
	int i;

	for (i = 0; i < acpi->nr_tables; i++)
		if (!strncmp(acpi->tables[i].signature, sig, 4))
			return __va(acpi->tables[i].address);
	return NULL;
}

/*
 * Call @handler for every sub-table of type @entry_id after the first
 * @table_size bytes of table @id.  Returns the number found, or -ENODEV.
 */
int acpi_table_parse_entries(const char *id, unsigned long table_size,
			     int entry_id, acpi_tbl_entry_handler handler,
			     unsigned int max_entries)
{
	struct acpi_table_header *t = acpi_get_table(id);
	unsigned long p, end;
	int count = 0;

	if (!t)
		return -19; /* -ENODEV */
	end = (unsigned long)t + t->length;
	for (p = (unsigned long)t + table_size; p + 2 <= end;) {
		struct acpi_subtable_header *e = (void *)p;

		if (!e->length)
			break;
		if (e->type == entry_id &&
		    (!max_entries || count < (int)max_entries)) {
			if (handler(e, end))
				return -22; /* -EINVAL */
			count++;
		}
		p += e->length;
	}
	return count;
}

/* -- SRAT helpers shared with drivers/acpi/numa/srat.c -- */
bool acpi_srat_disabled(void)
{
	return acpi->srat_disabled;
}

void acpi_bad_srat(void)
{
	pr_err("SRAT: SRAT not used.\n");
	acpi->srat_disabled = true;
}

int acpi_map_pxm_to_node(int pxm)
{
	int node;

	if (pxm < 0 || pxm >= 256)
		return NUMA_NO_NODE;
	node = acpi->pxm_to_node[pxm];
	if (node == NUMA_NO_NODE) {
		for (node = 0; node < MAX_NUMNODES; node++)
			if (acpi->node_to_pxm[node] < 0)
				break;
		if (node >= MAX_NUMNODES)
			return NUMA_NO_NODE;
		acpi->pxm_to_node[pxm] = node;
		acpi->node_to_pxm[node] = pxm;
	}
	return node;
}

void acpi_record_cpu(int apicid)
{
	if (acpi->nr_cpus < MMSIM_MAX_CPUS)
		acpi->cpu_apicid[acpi->nr_cpus++] = apicid;
}

int cpu_to_apicid(int cpu)
{
	if (acpi && cpu < acpi->nr_cpus)
		return acpi->cpu_apicid[cpu];
	return cpu;
}

int acpi_nr_possible_cpus(void)
{
	return acpi ? acpi->nr_cpus : 0;
}
