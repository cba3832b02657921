/* SPDX-License-Identifier: MIT */
/*
 * include/linux/ioport.h — the resource tree (/proc/iomem).
 *
 * Kernel counterpart: include/linux/ioport.h, kernel/resource.c.  A
 * resource is a named [start, end] range; children nest inside their
 * parent, siblings are sorted and do not overlap.  struct resource has
 * the kernel's 64-byte layout, so arrays of them can live in memory that
 * memblock allocated, as e820__reserve_resources() does.
 */
#ifndef _MMSIM_LINUX_IOPORT_H
#define _MMSIM_LINUX_IOPORT_H

#include "linux/types.h"

struct resource {
	resource_size_t start;
	resource_size_t end;
	const char *name;
	unsigned long flags;
	unsigned long desc;
	struct resource *parent, *sibling, *child;
};

_Static_assert(sizeof(struct resource) == 64, "struct resource is 64 bytes");

#define IORESOURCE_IO 0x00000100
#define IORESOURCE_MEM 0x00000200
#define IORESOURCE_BUSY 0x80000000
#define IORESOURCE_SYSTEM_RAM (IORESOURCE_MEM | 0x01000000)

#define IORES_DESC_NONE 0
#define IORES_DESC_ACPI_TABLES 3
#define IORES_DESC_ACPI_NV_STORAGE 4
#define IORES_DESC_PERSISTENT_MEMORY 5
#define IORES_DESC_PERSISTENT_MEMORY_LEGACY 6
#define IORES_DESC_RESERVED 7
#define IORES_DESC_SOFT_RESERVED 8

/* The root of the memory resource tree of the current machine. */
struct resource *iomem_resource_root(void);
#define iomem_resource (*iomem_resource_root())

int request_resource(struct resource *root, struct resource *new);
int insert_resource(struct resource *parent, struct resource *new);
struct resource *lookup_resource(struct resource *root, resource_size_t start);
/* 1 if page frame @pfn lies in "System RAM", else 0. */
int page_is_ram(unsigned long pfn);

static inline resource_size_t resource_size(const struct resource *res)
{
	return res->end - res->start + 1;
}

#endif /* _MMSIM_LINUX_IOPORT_H */
