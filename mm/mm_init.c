// SPDX-License-Identifier: MIT
/*
 * mm/mm_init.c — numbering of zones and migrate types, page links.
 *
 * Kernel counterparts: include/linux/mmzone.h (enum zone_type, migrate
 * types), include/linux/page-flags-layout.h and include/linux/mm.h
 * (set_page_links, page_zonenum, page_to_nid), mm/mm_init.c.
 *
 * The kernel's zone enum has an entry for every zone its .config enables,
 * in the fixed order DMA, DMA32, Normal, HighMem, Movable, Device; the
 * migrate types likewise (Unmovable, Movable, Reclaimable, HighAtomic,
 * CMA if configured, Isolate if configured).  mm_config_init() numbers
 * them the same way for the machine's .config.
 *
 * page->flags (64-bit, SPARSEMEM_VMEMMAP: no section field):
 *   bit 63 ... [ node: NODES_SHIFT bits ][ zone: ZONES_SHIFT bits ] ... flags
 */
#include "linux/kernel.h"
#include "linux/mm.h"
#include "linux/mmzone.h"
#include "linux/memblock.h"
#include "linux/printk.h"
#include "mm/internal.h"
#include "mmsim/kconfig.h"
#include "mmsim/machine.h"

#include <string.h>

static int add_zone(struct mm_config *cfg, const char *name)
{
	cfg->zone_names[cfg->nr_zones] = name;
	return cfg->nr_zones++;
}

static int order_base_2(unsigned long n)
{
	int bits = 0;

	while ((1UL << bits) < n)
		bits++;
	return bits;
}

void mm_config_init(struct mm_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->zone_dma = cfg->zone_dma32 = cfg->zone_highmem = -1;
	cfg->zone_device = -1;
	if (IS_ENABLED(CONFIG_ZONE_DMA))
		cfg->zone_dma = add_zone(cfg, "DMA");
	if (IS_ENABLED(CONFIG_ZONE_DMA32))
		cfg->zone_dma32 = add_zone(cfg, "DMA32");
	cfg->zone_normal = add_zone(cfg, "Normal");
	if (IS_ENABLED(CONFIG_HIGHMEM))
		cfg->zone_highmem = add_zone(cfg, "HighMem");
	cfg->zone_movable = add_zone(cfg, "Movable");
	if (IS_ENABLED(CONFIG_ZONE_DEVICE))
		cfg->zone_device = add_zone(cfg, "Device");

	cfg->migrate_types = MIGRATE_PCPTYPES + 1; /* ... HighAtomic */
	cfg->migrate_cma = cfg->migrate_isolate = -1;
	if (IS_ENABLED(CONFIG_CMA))
		cfg->migrate_cma = cfg->migrate_types++;
	if (IS_ENABLED(CONFIG_MEMORY_ISOLATION))
		cfg->migrate_isolate = cfg->migrate_types++;

	cfg->zones_width = order_base_2((unsigned long)cfg->nr_zones);
	cfg->nodes_width = current_machine->k_numa ?
		(int)CONFIG_VALUE(CONFIG_NODES_SHIFT, 0) : 0;
}

static unsigned int zones_pgshift(void)
{
	return 64 - (unsigned int)current_machine->mmcfg.nodes_width -
	       (unsigned int)current_machine->mmcfg.zones_width;
}

int page_zonenum(const struct page *page)
{
	unsigned long mask = (1UL << current_machine->mmcfg.zones_width) - 1;

	return (int)((page->flags >> zones_pgshift()) & mask);
}

int page_to_nid(const struct page *page)
{
	int width = current_machine->mmcfg.nodes_width;

	if (!width)
		return 0;
	return (int)((page->flags >> (64 - width)) & ((1UL << width) - 1));
}

pg_data_t *page_pgdat(const struct page *page)
{
	return NODE_DATA(page_to_nid(page));
}

struct zone *page_zone(const struct page *page)
{
	return &page_pgdat(page)->node_zones[page_zonenum(page)];
}

void set_page_links(struct page *page, int zone, int nid, unsigned long pfn)
{
	int zw = current_machine->mmcfg.zones_width;
	int nw = current_machine->mmcfg.nodes_width;
	unsigned int zshift = zones_pgshift();

	(void)pfn;
	page->flags &= ~(((1UL << zw) - 1) << zshift);
	page->flags |= ((unsigned long)zone & ((1UL << zw) - 1)) << zshift;
	if (nw) {
		page->flags &= ~(((1UL << nw) - 1) << (64 - nw));
		page->flags |= ((unsigned long)nid & ((1UL << nw) - 1)) << (64 - nw);
	}
}

