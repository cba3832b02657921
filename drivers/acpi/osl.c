// SPDX-License-Identifier: MIT
/*
 * drivers/acpi/osl.c — how ACPI maps firmware memory: tables, and the
 * SystemMemory regions its interpreter reads.
 *
 * Kernel counterpart: drivers/acpi/osl.c (Linux 6.1): acpi_os_map_iomem,
 * acpi_os_map_memory, acpi_os_unmap_iomem, acpi_map_lookup, acpi_map,
 * acpi_os_drop_map_ref.
 *
 * Before acpi_early_init() sets acpi_permanent_mmap, a mapping is a
 * temporary early_memremap() (__acpi_map_table); mmsim's early code reads
 * tables through the direct map, so that is __va() here.  From then on
 * every mapping is kept on a list, acpi_ioremaps, with a reference count,
 * and a request that falls inside an existing mapping reuses it:
 *
 *   acpi_os_map_memory(0x1ffe19df, 0x74)   FADT   new: ioremap 1 page
 *   acpi_os_map_memory(0x1ffe0040, 0x199f) DSDT   new: ioremap 2 pages
 *   acpi_os_map_memory(0x1ffe0000, 0x40)   FACS   inside the DSDT's: ref++
 *   acpi_os_map_memory(0x1ffe1a53, 0x80)   MADT   inside the FADT's: ref++
 *
 * which is why /proc/vmallocinfo shows fewer acpi_os_map_iomem areas than
 * there are tables.  A range that is RAM the kernel knows (page_is_ram())
 * is kmap()ed instead: on x86_64 that is its direct-map address, no area.
 *
 * Dropping the last reference unmaps (iounmap).  The kernel defers that
 * to a workqueue after an RCU grace period; mmsim has neither and unmaps
 * at once.  The acpi_ioremap records are kmalloc'ed, as in the kernel.
 */
#include "linux/kernel.h"
#include "linux/io.h"
#include "linux/ioport.h"
#include "linux/mm.h"
#include "linux/printk.h"
#include "linux/slab.h"
#include "drivers/acpi/internal.h"
#include "mmsim/machine.h"

#define acpi (current_machine->acpi)

struct acpi_ioremap {
	struct list_head list;
	void *virt;              /* first byte of the first page */
	phys_addr_t phys;        /* page aligned */
	u64 size;                /* whole pages */
	unsigned long refcount;
};

/* The mapping that covers [phys, phys + size), or NULL. */
static struct acpi_ioremap *acpi_map_lookup(phys_addr_t phys, u64 size)
{
	struct acpi_ioremap *map;

	list_for_each_entry(map, &acpi->ioremaps, list)
		if (map->phys <= phys && phys + size <= map->phys + map->size)
			return map;
	return NULL;
}

static struct acpi_ioremap *acpi_map_lookup_virt(void *virt, u64 size)
{
	struct acpi_ioremap *map;

	list_for_each_entry(map, &acpi->ioremaps, list)
		if ((char *)map->virt <= (char *)virt &&
		    (char *)virt + size <= (char *)map->virt + map->size)
			return map;
	return NULL;
}

/*
 * RAM: kmap() (the direct map on x86_64, single pages only); anything
 * else: acpi_os_ioremap() = ioremap_cache().  The kernel inlines both
 * into acpi_os_map_iomem(), whose name the vmalloc area records.
 */
static void *acpi_map(phys_addr_t phys, u64 size)
{
	unsigned long pfn = (unsigned long)(phys >> PAGE_SHIFT);

	if (page_is_ram(pfn)) {
		if (size > PAGE_SIZE)
			return NULL;
		return __va((phys_addr_t)pfn << PAGE_SHIFT);
	}
	return __ioremap_caller(phys, (unsigned long)size, _PAGE_CACHE_MODE_WB,
				"acpi_os_map_iomem", false);
}

static void acpi_unmap(phys_addr_t pg_off, void *virt)
{
	if (!page_is_ram((unsigned long)(pg_off >> PAGE_SHIFT)))
		iounmap(virt);
}

/*
 * A pointer to physical [phys, phys + size): an existing mapping that
 * covers it (one more reference), or a new one.  NULL without memory or
 * address space.
 */
void *acpi_os_map_iomem(phys_addr_t phys, u64 size)
{
	struct acpi_ioremap *map;
	void *virt;

	if (!acpi->permanent_mmap)
		return __va(phys);	/* __acpi_map_table(): early, temporary */
	map = acpi_map_lookup(phys, size);
	if (map) {
		map->refcount++;
		goto out;
	}
	map = kzalloc(sizeof(*map), GFP_KERNEL);
	if (!map)
		return NULL;
	virt = acpi_map(phys, size);
	if (!virt) {
		kfree(map);
		return NULL;
	}
	INIT_LIST_HEAD(&map->list);
	map->virt = (void *)((unsigned long)virt & PAGE_MASK);
	map->phys = round_down(phys, PAGE_SIZE);
	map->size = round_up(phys + size, PAGE_SIZE) - map->phys;
	map->refcount = 1;
	list_add_tail(&map->list, &acpi->ioremaps);
out:
	return (char *)map->virt + (phys - map->phys);
}

void *acpi_os_map_memory(phys_addr_t phys, u64 size)
{
	return acpi_os_map_iomem(phys, size);
}

/* Drop one reference to the mapping holding [virt, virt + size). */
void acpi_os_unmap_iomem(void *virt, u64 size)
{
	struct acpi_ioremap *map;

	if (!acpi->permanent_mmap)
		return;		/* __acpi_unmap_table() */
	map = acpi_map_lookup_virt(virt, size);
	if (!map) {
		pr_warn("ACPI: %s: bad address %p\n", __func__, virt);
		WARN_ON(1);
		return;
	}
	if (--map->refcount)
		return;
	list_del(&map->list);
	acpi_unmap(map->phys, map->virt);
	kfree(map);
}

void acpi_os_unmap_memory(void *virt, u64 size)
{
	acpi_os_unmap_iomem(virt, size);
}
