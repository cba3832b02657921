// SPDX-License-Identifier: MIT
/*
 * host/swapdev.c — the simulated swap disk.
 *
 * No kernel counterpart: this is the hardware under mm/page_io.c, the
 * virtio disk the oracle's QEMU gets for `--swap SIZE`.  Its bytes are one
 * anonymous host mapping of SIZE bytes, MAP_NORESERVE: a disk of any size
 * costs host memory only for the sectors written.  A page written to it
 * is copied out of simulated RAM, so what comes back on a read is what
 * the disk holds, not what RAM still happens to hold.
 *
 *   byte 0            4096                                 SIZE
 *   | header (mkswap) | slot 1 | slot 2 | ...  | last_page |
 */
#include "mmsim/host.h"
#include "linux/errno.h"

#include <string.h>
#include <sys/mman.h>

struct swap_device {
	unsigned char *base;
	u64 size;
};

struct swap_device *host_swapdev_create(u64 size)
{
	struct swap_device *dev;
	void *base;

	if (!size || host_should_fail())
		return NULL;
	base = mmap(NULL, size, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (base == MAP_FAILED)
		return NULL;
	dev = host_alloc(sizeof(*dev));
	dev->base = base;
	dev->size = size;
	return dev;
}

void host_swapdev_destroy(struct swap_device *dev)
{
	if (!dev)
		return;
	munmap(dev->base, dev->size);
	host_free(dev);
}

u64 host_swapdev_size(const struct swap_device *dev)
{
	return dev->size;
}

int host_swapdev_io(struct swap_device *dev, u64 off, void *buf, size_t len,
		    bool write)
{
	if (off > dev->size || len > dev->size - off)
		return -EIO;
	if (write)
		memcpy(dev->base + off, buf, len);
	else
		memcpy(buf, dev->base + off, len);
	return 0;
}
