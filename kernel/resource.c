// SPDX-License-Identifier: MIT
/*
 * kernel/resource.c — the tree of named physical ranges (/proc/iomem).
 *
 * Kernel counterpart: kernel/resource.c (request_resource,
 * insert_resource).
 *
 *   iomem_resource [0, 2^phys_bits - 1]
 *     child ──> "Reserved" ──sibling──> "System RAM" ──> ...
 *                                          child ──> "Kernel code" ...
 *
 * request_resource() adds a range that must fit in a gap of the parent's
 * children; insert_resource() also accepts a range that covers existing
 * children, and makes them its own children (the e820 "System RAM" that
 * later takes "Kernel code" under it is the classic case).
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/ioport.h"
#include "linux/mm.h"
#include "mmsim/machine.h"

struct resource *iomem_resource_root(void)
{
	struct resource *r = &current_machine->iomem_root;

	if (!r->name) {
		r->name = "PCI mem";
		r->start = 0;
		r->end = (1ULL << 46) - 1; /* x86_phys_bits of the boot CPU */
		r->flags = IORESOURCE_MEM;
	}
	return r;
}

/* Link @new among @root's children; the conflicting child, or NULL. */
static struct resource *__request_resource(struct resource *root,
					   struct resource *new)
{
	resource_size_t start = new->start, end = new->end;
	struct resource *tmp, **p;

	if (end < start)
		return root;
	if (start < root->start || end > root->end)
		return root;
	p = &root->child;
	for (;;) {
		tmp = *p;
		if (!tmp || tmp->start > end) {
			new->sibling = tmp;
			*p = new;
			new->parent = root;
			return NULL;
		}
		p = &tmp->sibling;
		if (tmp->end < start)
			continue;
		return tmp;
	}
}

int request_resource(struct resource *root, struct resource *new)
{
	return __request_resource(root, new) ? -EBUSY : 0;
}

/*
 * Insert @new, adopting the children it covers.  Returns the resource in
 * the way when @new partly overlaps one, NULL on success.
 */
static struct resource *__insert_resource(struct resource *parent,
					  struct resource *new)
{
	struct resource *first, *next;

	for (;; parent = first) {
		first = __request_resource(parent, new);
		if (!first)
			return first;
		if (first == parent)
			return first;
		if (first->start > new->start || first->end < new->end)
			break;
		if (first->start == new->start && first->end == new->end)
			break;
	}
	/* @new covers some children: find all of them */
	for (next = first;; next = next->sibling) {
		if (next->start < new->start || next->end > new->end)
			return next;
		if (!next->sibling)
			break;
		if (next->sibling->start > new->end)
			break;
	}
	new->parent = parent;
	new->sibling = next->sibling;
	new->child = first;
	next->sibling = NULL;
	for (next = first; next; next = next->sibling)
		next->parent = new;
	if (parent->child == first) {
		parent->child = new;
	} else {
		next = parent->child;
		while (next->sibling != first)
			next = next->sibling;
		next->sibling = new;
	}
	return NULL;
}

int insert_resource(struct resource *parent, struct resource *new)
{
	return __insert_resource(parent, new) ? -EBUSY : 0;
}

struct resource *lookup_resource(struct resource *root, resource_size_t start)
{
	struct resource *res;

	for (res = root->child; res; res = res->sibling)
		if (res->start == start)
			break;
	return res;
}

/*
 * Is page frame @pfn inside a "System RAM" resource (kernel/resource.c's
 * page_is_ram(), through walk_system_ram_range())?  The e820 RAM entries
 * are children of the root, so one level is searched.
 */
int page_is_ram(unsigned long pfn)
{
	resource_size_t addr = (resource_size_t)pfn << PAGE_SHIFT;
	struct resource *res;

	for (res = iomem_resource.child; res; res = res->sibling)
		if ((res->flags & IORESOURCE_SYSTEM_RAM) == IORESOURCE_SYSTEM_RAM &&
		    res->start <= addr && addr + PAGE_SIZE - 1 <= res->end)
			return 1;
	return 0;
}
