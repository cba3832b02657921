// SPDX-License-Identifier: MIT
/*
 * fs/proc/iomem.c — /proc/iomem: the tree of physical address ranges.
 *
 * Kernel counterpart: kernel/resource.c (Linux 6.1) r_start/r_next/r_show
 * and next_resource().  The tree itself is built by kernel/resource.c's
 * request_resource()/insert_resource(), called from where the kernel
 * calls them (e820 ranges, the kernel image, ROMs, PCI root windows, ...).
 *
 * One line per resource in pre-order (a node, then its children, then its
 * next sibling), two spaces of indent per level below the root (at most
 * five levels), addresses zero-padded to 8 hex digits (4 for a root that
 * ends below 64 KiB, i.e. /proc/ioports):
 *
 *   00100000-1ffdffff : System RAM
 *     01000000-01e01d31 : Kernel code
 *   1ffe0000-1fffffff : Reserved
 *
 * The kernel prints zeros instead of addresses to readers without
 * CAP_SYS_ADMIN; mmsim shows what root sees, as the oracle does.
 */
#include "linux/kernel.h"
#include "linux/ioport.h"
#include "linux/seq_file.h"
#include "fs/proc/internal.h"
#include "mmsim/machine.h"

#define MAX_IORES_LEVEL 5

/* The node after @p in pre-order, or NULL at the end of the tree. */
static struct resource *next_resource(struct resource *p)
{
	if (p->child)
		return p->child;
	while (!p->sibling && p->parent)
		p = p->parent;
	return p->sibling;
}

static void r_show(struct seq_file *m, const struct resource *root,
		   const struct resource *r)
{
	int width = root->end < 0x10000 ? 4 : 8;
	const struct resource *p;
	int depth;

	for (depth = 0, p = r; depth < MAX_IORES_LEVEL; depth++, p = p->parent)
		if (p->parent == root)
			break;
	seq_printf(m, "%*s%0*llx-%0*llx : %s\n", depth * 2, "", width,
		   (unsigned long long)r->start, width,
		   (unsigned long long)r->end, r->name ? r->name : "<BAD>");
}

void iomem_show(struct seq_file *m)
{
	struct resource *root = &iomem_resource, *p;

	for (p = root->child; p; p = next_resource(p))
		r_show(m, root, p);
}
