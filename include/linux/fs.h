/* SPDX-License-Identifier: MIT */
/*
 * include/linux/fs.h — files as mm sees them: inode, address_space
 * (the page cache), file, and the open-file table.
 *
 * Kernel counterparts: include/linux/fs.h, include/linux/fdtable.h,
 * include/linux/shmem_fs.h (Linux 6.1), cut to what tmpfs files mapped
 * by user processes need.  The only file system is the tmpfs root
 * (mm/shmem.c).  An inode is a "shmem_inode_cache" object (776 bytes on
 * x86_64), a file a "filp" object, the fd table a "files_cache" object.
 *
 * The page cache of an inode (address_space.i_pages) is 6.1's xarray
 * (include/linux/xarray.h), indexed by page offset; a tmpfs page out in
 * swap leaves its swap entry there as a value entry (swp_to_radix_entry).
 * A page in it has page->mapping == the address_space and page->index ==
 * its offset, and holds one reference for the cache.  The swap cache's
 * address spaces (mm/swap_state.c) hold pages and workingset shadows the
 * same way, indexed by swap offset.
 */
#ifndef _MMSIM_LINUX_FS_H
#define _MMSIM_LINUX_FS_H

#include "linux/types.h"
#include "linux/xarray.h"
#include "linux/rwsem.h"
#include "linux/spinlock.h"

typedef __INT64_TYPE__ loff_t; /* as the host C library has it: long on LP64 */
typedef unsigned short umode_t;

struct inode;
struct page;
struct vm_area_struct;
struct file_operations;

struct address_space {
	struct inode *host;
	struct xarray i_pages;      /* index -> page, or a value entry */
	unsigned long nrpages;
	int i_mmap_writable;        /* VM_SHARED writable mappings */
	/* the VMAs mapping it, by vm_pgoff (mm/interval_tree.c; 6.1: a tree) */
	struct list_head i_mmap;
	/*
	 * i_mmap_rwsem: i_mmap's changes (write: a VMA linked or unlinked)
	 * against its walks (read: rmap_walk_file, unmap_mapping_range).
	 * After the page lock, before anon_vma->rwsem and the PTE locks.
	 */
	struct rw_semaphore i_mmap_rwsem;
};

static inline void i_mmap_lock_write(struct address_space *mapping)
{
	down_write(&mapping->i_mmap_rwsem);
}

static inline void i_mmap_unlock_write(struct address_space *mapping)
{
	up_write(&mapping->i_mmap_rwsem);
}

static inline void i_mmap_lock_read(struct address_space *mapping)
{
	down_read(&mapping->i_mmap_rwsem);
}

static inline bool i_mmap_trylock_read(struct address_space *mapping)
{
	return down_read_trylock(&mapping->i_mmap_rwsem);
}

static inline void i_mmap_unlock_read(struct address_space *mapping)
{
	up_read(&mapping->i_mmap_rwsem);
}

struct inode {
	umode_t i_mode;
	unsigned long i_ino;
	unsigned int i_nlink;
	atomic_t i_count;
	loff_t i_size;
	unsigned long i_blocks;     /* 512-byte blocks: pages * 8 */
	struct address_space *i_mapping;
	struct address_space i_data;
	unsigned long shmem_flags;  /* shmem_inode_info.flags: VM_NORESERVE */
	/* shmem_inode_info.lock: swapped and i_blocks (6.1: alloced too) */
	spinlock_t shmem_lock;
	unsigned long swapped;      /* shmem_inode_info.swapped: pages in swap */
	char name[64];              /* mmsim: its name on the tmpfs root */
	struct list_head i_sb_list; /* mmsim: on the tmpfs root */
	struct list_head i_live;    /* mmsim: every live shmem inode (teardown) */
};

#define O_RDONLY 00
#define O_WRONLY 01
#define O_RDWR   02
#define O_CREAT  0100
#define O_EXCL   0200
#define O_TRUNC  01000

#define FMODE_READ  0x1
#define FMODE_WRITE 0x2

struct file {
	atomic_long_t f_count;
	unsigned int f_flags;
	unsigned int f_mode;
	loff_t f_pos;
	struct inode *f_inode;
	struct address_space *f_mapping;
	const struct file_operations *f_op;
};

struct file_operations {
	int (*mmap)(struct file *file, struct vm_area_struct *vma);
	unsigned long (*get_unmapped_area)(struct file *file,
					   unsigned long addr,
					   unsigned long len,
					   unsigned long pgoff,
					   unsigned long flags);
};

static inline struct inode *file_inode(const struct file *f)
{
	return f->f_inode;
}

struct file *get_file(struct file *f);
void fput(struct file *file);

/* The open-file table of a task (include/linux/fdtable.h). */
#define NR_OPEN_DEFAULT 64
struct files_struct {
	atomic_t count;
	int next_fd;
	struct file *fd_array[NR_OPEN_DEFAULT];
};

/* The file behind descriptor @fd of current, or NULL (no reference taken). */
struct file *fget_raw_nocount(unsigned int fd);
struct files_struct *dup_fd(struct files_struct *oldf, int *errorp);
void put_files_struct(struct files_struct *files);

#endif /* _MMSIM_LINUX_FS_H */
