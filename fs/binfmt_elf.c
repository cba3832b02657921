// SPDX-License-Identifier: MIT
/*
 * fs/binfmt_elf.c — loading a static ELF executable into a new address
 * space: load_elf_binary().
 *
 * Kernel counterpart: fs/binfmt_elf.c (Linux 6.1), for executables
 * without an interpreter (ET_EXEC; ELF64 x86_64 and ELF32 ARM).  The steps
 * and their order are 6.1's:
 *
 *   check the header (magic, type, machine, class, program headers)
 *   PT_GNU_STACK decides the stack's VM_EXEC          executable_stack
 *   PF_RANDOMIZE unless randomize_va_space is 0 (norandmaps)
 *   setup_new_exec()      mmap layout (arch_pick_mmap_layout), comm
 *   setup_arg_pages()     the stack VMA at its final top, 128 KiB below
 *   each PT_LOAD          elf_map(): a private file mapping of the pages
 *                         holding [p_offset, p_offset + p_filesz); a
 *                         segment whose memsz is larger than filesz ends
 *                         in bss: set_brk() maps anonymous pages for it
 *                         (vm_brk_flags) before the next segment, and the
 *                         tail of its last file page is zeroed (padzero)
 *   set_brk(elf_bss, elf_brk)   brk starts at the page after the bss
 *   arch_setup_additional_pages()   the vDSO and its data pages
 *   create_elf_tables()   argc, argv, envp, auxv on the stack
 *   mm->start_code .. start_stack; brk randomised when allowed
 *
 * The image is a file on the tmpfs root (fs/exec.c put it there), so the
 * text and data VMAs are file mappings of /probe as on the real system.
 * Not done: interpreters (PT_INTERP), ET_DYN (static PIE), core dumps.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/mm.h"
#include "linux/mman.h"
#include "linux/elf.h"
#include "linux/binfmts.h"
#include "linux/prandom.h"
#include "linux/printk.h"
#include "mmsim/process.h"
#include "mmsim/machine.h"

#include <string.h>

/* One program header, whatever the file's word size. */
struct elf_phdr_h {
	u32 p_type, p_flags;
	u64 p_offset, p_vaddr, p_filesz, p_memsz;
};

/* The header fields the loader uses. */
struct elf_image {
	bool elf64;
	u16 e_type, e_machine, e_phnum;
	u64 e_entry, e_phoff;
	struct elf_phdr_h ph[64];
};

#define ELF_MIN_ALIGN PAGE_SIZE
#define ELF_PAGESTART(v) ((v) & ~(unsigned long)(ELF_MIN_ALIGN - 1))
#define ELF_PAGEOFFSET(v) ((v) & (ELF_MIN_ALIGN - 1))
#define ELF_PAGEALIGN(v) (((v) + ELF_MIN_ALIGN - 1) & ~(ELF_MIN_ALIGN - 1))

static bool machine_is_arm(void)
{
	return current_machine->desc.arch == MMSIM_ARCH_ARM;
}

/* The header and program headers of @img, checked as 6.1 checks them. */
static int elf_read(const u8 *img, size_t size, struct elf_image *ei)
{
	size_t phsize;
	int i;

	if (size < sizeof(Elf32_Ehdr) || memcmp(img, "\177ELF", 4))
		return -ENOEXEC;
	ei->elf64 = img[EI_CLASS] == ELFCLASS64;
	if (img[EI_DATA] != ELFDATA2LSB || ei->elf64 == machine_is_arm() ||
	    (ei->elf64 && size < sizeof(Elf64_Ehdr)))
		return -ENOEXEC;
	if (ei->elf64) {
		const Elf64_Ehdr *h = (const void *)img;

		ei->e_type = h->e_type; ei->e_machine = h->e_machine;
		ei->e_phnum = h->e_phnum; ei->e_entry = h->e_entry;
		ei->e_phoff = h->e_phoff;
		phsize = sizeof(Elf64_Phdr);
		if (h->e_phentsize != phsize)
			return -ENOEXEC;
	} else {
		const Elf32_Ehdr *h = (const void *)img;

		ei->e_type = h->e_type; ei->e_machine = h->e_machine;
		ei->e_phnum = h->e_phnum; ei->e_entry = h->e_entry;
		ei->e_phoff = h->e_phoff;
		phsize = sizeof(Elf32_Phdr);
		if (h->e_phentsize != phsize)
			return -ENOEXEC;
	}
	if (ei->e_machine != (machine_is_arm() ? EM_ARM : EM_X86_64))
		return -ENOEXEC;
	if (ei->e_type != ET_EXEC && ei->e_type != ET_DYN)
		return -ENOEXEC;
	/* elf_read_phdrs(): at least one, at most 64 KiB of them */
	if (ei->e_phnum < 1 || ei->e_phnum > 65536U / phsize ||
	    ei->e_phnum > ARRAY_SIZE(ei->ph) ||
	    ei->e_phoff + (u64)ei->e_phnum * phsize > size)
		return -ENOEXEC;
	for (i = 0; i < ei->e_phnum; i++) {
		const u8 *p = img + ei->e_phoff + (size_t)i * phsize;
		struct elf_phdr_h *o = &ei->ph[i];

		if (ei->elf64) {
			const Elf64_Phdr *ph = (const void *)p;

			*o = (struct elf_phdr_h){ ph->p_type, ph->p_flags, ph->p_offset,
						  ph->p_vaddr, ph->p_filesz, ph->p_memsz };
		} else {
			const Elf32_Phdr *ph = (const void *)p;

			*o = (struct elf_phdr_h){ ph->p_type, ph->p_flags, ph->p_offset,
						  ph->p_vaddr, ph->p_filesz, ph->p_memsz };
		}
	}
	return 0;
}

static int make_prot(u32 p_flags)
{
	int prot = 0;

	if (p_flags & PF_R)
		prot |= PROT_READ;
	if (p_flags & PF_W)
		prot |= PROT_WRITE;
	if (p_flags & PF_X)
		prot |= PROT_EXEC;
	return prot;
}

/* Map the file pages of one segment (no bss); the address or -errno. */
static unsigned long elf_map(struct file *filep, unsigned long addr,
			     const struct elf_phdr_h *eppnt, int prot, int type)
{
	unsigned long size = eppnt->p_filesz + ELF_PAGEOFFSET(eppnt->p_vaddr);
	unsigned long off = eppnt->p_offset - ELF_PAGEOFFSET(eppnt->p_vaddr);
	unsigned long map_addr;

	addr = ELF_PAGESTART(addr);
	size = ELF_PAGEALIGN(size);
	if (!size) /* a segment of bss only */
		return addr;
	map_addr = vm_mmap(filep, addr, size, prot, type, off);
	if ((type & MAP_FIXED_NOREPLACE) && map_addr == (unsigned long)-EEXIST)
		pr_info("%d (%s): Uhuuh, elf segment at %lx requested but the memory is mapped already\n",
			current->pid, current->comm, addr);
	return map_addr;
}

/* Anonymous pages for [start, end) of bss, and the break after them. */
static int set_brk(unsigned long start, unsigned long end, int prot)
{
	start = ELF_PAGEALIGN(start);
	end = ELF_PAGEALIGN(end);
	if (end > start) {
		int error = vm_brk_flags(start, end - start,
					 prot & PROT_EXEC ? VM_EXEC : 0);

		if (error)
			return error;
	}
	current->mm->start_brk = current->mm->brk = end;
	return 0;
}

static int copy_to_user_mm(unsigned long addr, const void *buf, size_t len)
{
	int done = access_remote_vm(current->mm, addr, (void *)buf, (int)len,
				    FOLL_WRITE | FOLL_FORCE);

	return done == (int)len ? 0 : -EFAULT;
}

/* Zero the rest of the page the file part of bss ends in. */
static int padzero(unsigned long elf_bss)
{
	static const u8 zeros[PAGE_SIZE];
	unsigned long nbyte = ELF_PAGEOFFSET(elf_bss);
	int done;

	if (!nbyte)
		return 0;
	nbyte = ELF_MIN_ALIGN - nbyte;
	done = access_remote_vm(current->mm, elf_bss, (void *)zeros, (int)nbyte,
				FOLL_WRITE);
	return done == (int)nbyte ? 0 : -EFAULT;
}

/* ---- the stack tables (create_elf_tables) ---------------------------- */

/*
 * The values of the per-architecture auxv entries.  AT_HWCAP and
 * AT_MINSIGSTKSZ depend on the CPU; these are QEMU's default CPU models'
 * (qemu64 without XSAVE; cortex-a9), which nothing mmsim prints depends on.
 */
#define X86_ELF_HWCAP     0x078bfbffUL
#define X86_MINSIGSTKSZ   0x6f0UL
#define ARM_ELF_HWCAP     0x0007b0d7UL  /* swp half thumb fastmult vfp edsp neon vfpv3 tls */
#define ARM_ELF_HWCAP2    0UL

struct auxv {
	u64 v[64];
	int n;
};

static void aux(struct auxv *a, u64 id, u64 val)
{
	a->v[a->n++] = id;
	a->v[a->n++] = val;
}

/* Store one elf_addr_t (8 or 4 bytes) at @addr. */
static int put_word(unsigned long addr, u64 v, bool w64)
{
	u32 v32 = (u32)v;

	return copy_to_user_mm(addr, w64 ? (const void *)&v : (const void *)&v32,
			       w64 ? 8 : 4);
}

static int create_elf_tables(struct linux_binprm *bprm, const struct elf_image *ex,
			     unsigned long e_entry, unsigned long phdr_addr)
{
	struct mm_struct *mm = current->mm;
	const bool w64 = ex->elf64;
	const unsigned long word = w64 ? 8 : 4;
	const char *k_platform = machine_is_arm() ? "v7l" : "x86_64";
	unsigned long p = bprm->p, u_platform, u_rand_bytes, sp, argv_p;
	unsigned char k_rand_bytes[16];
	struct auxv a = { .n = 0 };
	int items, ei_index, i;

	p = arch_align_stack(p);
	p -= strlen(k_platform) + 1;
	u_platform = p;
	if (copy_to_user_mm(u_platform, k_platform, strlen(k_platform) + 1))
		return -EFAULT;
	prandom_bytes_state(current_machine->exec_rnd, k_rand_bytes, sizeof(k_rand_bytes));
	p -= sizeof(k_rand_bytes);
	u_rand_bytes = p;
	if (copy_to_user_mm(u_rand_bytes, k_rand_bytes, sizeof(k_rand_bytes)))
		return -EFAULT;

	/* ARCH_DLINFO first, then the generic entries in 6.1's order */
	if (mm->vdso)
		aux(&a, AT_SYSINFO_EHDR, (unsigned long)mm->vdso);
	if (!machine_is_arm())
		aux(&a, AT_MINSIGSTKSZ, X86_MINSIGSTKSZ);
	aux(&a, AT_HWCAP, machine_is_arm() ? ARM_ELF_HWCAP : X86_ELF_HWCAP);
	aux(&a, AT_PAGESZ, PAGE_SIZE);
	aux(&a, AT_CLKTCK, 100);
	aux(&a, AT_PHDR, phdr_addr);
	aux(&a, AT_PHENT, w64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr));
	aux(&a, AT_PHNUM, ex->e_phnum);
	aux(&a, AT_BASE, 0);
	aux(&a, AT_FLAGS, 0);
	aux(&a, AT_ENTRY, e_entry);
	aux(&a, AT_UID, 0);
	aux(&a, AT_EUID, 0);
	aux(&a, AT_GID, 0);
	aux(&a, AT_EGID, 0);
	aux(&a, AT_SECURE, (u64)bprm->secureexec);
	aux(&a, AT_RANDOM, u_rand_bytes);
	if (machine_is_arm())
		aux(&a, AT_HWCAP2, ARM_ELF_HWCAP2);
	else
		aux(&a, AT_HWCAP2, 0x2); /* elf_hwcap2: HWCAP2_FSGSBASE */
	aux(&a, AT_EXECFN, bprm->exec);
	aux(&a, AT_PLATFORM, u_platform);
	aux(&a, AT_NULL, 0);
	for (i = 0; i < a.n && i < AT_VECTOR_SIZE; i++)
		mm->saved_auxv[i] = (unsigned long)a.v[i];
	ei_index = a.n;

	sp = p - (unsigned long)ei_index * word;        /* STACK_ADD */
	items = (bprm->argc + 1) + (bprm->envc + 1) + 1;
	bprm->p = (sp - (unsigned long)items * word) & ~15UL; /* STACK_ROUND */
	sp = bprm->p;
	if (!find_extend_vma(mm, bprm->p))
		return -EFAULT;
	if (put_word(sp, (u64)bprm->argc, w64))
		return -EFAULT;
	sp += word;
	argv_p = mm->arg_end = mm->arg_start;
	for (i = 0; i < bprm->argc; i++) {
		char c = 1;

		if (put_word(sp, argv_p, w64))
			return -EFAULT;
		sp += word;
		while (c) { /* strnlen_user */
			if (access_remote_vm(mm, argv_p, &c, 1, FOLL_FORCE) != 1)
				return -EFAULT;
			argv_p++;
		}
	}
	if (put_word(sp, 0, w64))
		return -EFAULT;
	sp += word;
	mm->arg_end = argv_p;
	mm->env_start = mm->env_end = argv_p; /* no environment */
	if (put_word(sp, 0, w64))
		return -EFAULT;
	sp += word;
	for (i = 0; i < ei_index; i++, sp += word)
		if (put_word(sp, a.v[i], w64))
			return -EFAULT;
	return 0;
}

/* ---- load_elf_binary --------------------------------------------------- */

/* The PT_LOAD loop: map each segment, bss between them. */
static int map_segments(struct linux_binprm *bprm, const struct elf_image *ex,
			unsigned long *phdr_addr, unsigned long *elf_bss_out,
			unsigned long *elf_brk_out, int *bss_prot_out)
{
	struct mm_struct *mm = current->mm;
	unsigned long elf_bss = 0, elf_brk = 0, start_code = ~0UL, end_code = 0;
	unsigned long start_data = 0, end_data = 0;
	int bss_prot = 0, i, first_pt_load = 1;

	for (i = 0; i < ex->e_phnum; i++) {
		const struct elf_phdr_h *ph = &ex->ph[i];
		int elf_prot, elf_flags = MAP_PRIVATE;
		unsigned long k, error;

		if (ph->p_type != PT_LOAD)
			continue;
		if (elf_brk > elf_bss) { /* a bss before this segment */
			int ret = set_brk(elf_bss, elf_brk, bss_prot);

			if (ret)
				return ret;
			if (ELF_PAGEOFFSET(elf_bss)) {
				static const u8 zeros[PAGE_SIZE];
				unsigned long nbyte = ELF_MIN_ALIGN - ELF_PAGEOFFSET(elf_bss);

				if (nbyte > elf_brk - elf_bss)
					nbyte = elf_brk - elf_bss;
				access_remote_vm(mm, elf_bss, (void *)zeros, (int)nbyte,
						 FOLL_WRITE); /* clear_user: errors ignored */
			}
		}
		elf_prot = make_prot(ph->p_flags);
		elf_flags |= first_pt_load ? MAP_FIXED_NOREPLACE : MAP_FIXED;
		error = elf_map(bprm->file, ph->p_vaddr, ph, elf_prot, elf_flags);
		if (IS_ERR_VALUE(error))
			return (int)(long)error;
		first_pt_load = 0;
		if (ph->p_offset <= ex->e_phoff && ex->e_phoff < ph->p_offset + ph->p_filesz)
			*phdr_addr = ex->e_phoff - ph->p_offset + ph->p_vaddr;
		k = ph->p_vaddr;
		if ((ph->p_flags & PF_X) && k < start_code)
			start_code = k;
		if (start_data < k)
			start_data = k;
		k = ph->p_vaddr + ph->p_filesz;
		if (k > elf_bss)
			elf_bss = k;
		if ((ph->p_flags & PF_X) && end_code < k)
			end_code = k;
		if (end_data < k)
			end_data = k;
		k = ph->p_vaddr + ph->p_memsz;
		if (k > elf_brk) {
			bss_prot = elf_prot;
			elf_brk = k;
		}
	}
	mm->start_code = start_code;
	mm->end_code = end_code;
	mm->start_data = start_data;
	mm->end_data = end_data;
	*elf_bss_out = elf_bss;
	*elf_brk_out = elf_brk;
	*bss_prot_out = bss_prot;
	return 0;
}

/* arch_randomize_brk(): up to 32 MiB (x86_64) / 32 MiB (ARM) above. */
static unsigned long arch_randomize_brk(struct mm_struct *mm)
{
	unsigned long range = 0x02000000UL, r;

	r = prandom_u32_state(current_machine->exec_rnd) % (range >> PAGE_SHIFT);
	return PAGE_ALIGN(mm->brk + (r << PAGE_SHIFT));
}

int load_elf_binary(struct linux_binprm *bprm)
{
	struct elf_image *ex = host_alloc(sizeof(*ex));
	struct mm_struct *mm = current->mm;
	unsigned long phdr_addr = 0, elf_bss, elf_brk;
	int executable_stack = EXSTACK_DEFAULT, bss_prot, retval, i;

	retval = elf_read(bprm->image, bprm->image_size, ex);
	if (retval)
		goto out;
	retval = -ENOEXEC;
	if (ex->e_type != ET_EXEC)
		goto out; /* static PIE: not done */
	for (i = 0; i < ex->e_phnum; i++) {
		if (ex->ph[i].p_type == PT_INTERP)
			goto out; /* dynamically linked: not done */
		if (ex->ph[i].p_type == PT_GNU_STACK)
			executable_stack = ex->ph[i].p_flags & PF_X ?
				EXSTACK_ENABLE_X : EXSTACK_DISABLE_X;
	}
	if (randomize_va_space)
		current->flags |= PF_RANDOMIZE;
	/*
	 * begin_new_exec -> exec_mmap: from here the task runs on the new mm.
	 * 6.1 copied the strings onto the new stack while current->mm was
	 * still the old one, so those pages were counted into the new mm
	 * directly, and exec_mmap's sync_mm_rss(old_mm) left the task's rss
	 * cache empty.  mmsim's task was on the new mm all along: folding
	 * its cache into that mm now gives the same counters and events.
	 */
	sync_mm_rss(mm);
	setup_new_exec(bprm);
	retval = setup_arg_pages(bprm, bprm->stack_top, executable_stack);
	if (retval)
		goto out;
	retval = map_segments(bprm, ex, &phdr_addr, &elf_bss, &elf_brk, &bss_prot);
	if (retval)
		goto out;
	retval = set_brk(elf_bss, elf_brk, bss_prot);
	if (retval)
		goto out;
	if (elf_bss != elf_brk && padzero(elf_bss)) {
		retval = -EFAULT;
		goto out;
	}
	retval = arch_setup_additional_pages(bprm, 0);
	if (retval)
		goto out;
	retval = create_elf_tables(bprm, ex, ex->e_entry, phdr_addr);
	if (retval)
		goto out;
	mm->start_stack = bprm->p;
	if ((current->flags & PF_RANDOMIZE) && randomize_va_space > 1)
		mm->brk = mm->start_brk = arch_randomize_brk(mm);
out:
	host_free(ex);
	return retval;
}

/* The PT_LOAD segments of @image (for the caller's start-up population). */
int elf_load_segments(const void *image, size_t size, struct elf_segment *segs,
		      int max)
{
	struct elf_image *ex = host_alloc(sizeof(*ex));
	int n = 0, i, ret = elf_read(image, size, ex);

	for (i = 0; !ret && i < ex->e_phnum && n < max; i++) {
		if (ex->ph[i].p_type != PT_LOAD)
			continue;
		segs[n].start = ex->ph[i].p_vaddr;
		segs[n].end = ex->ph[i].p_vaddr + ex->ph[i].p_memsz;
		segs[n].writable = ex->ph[i].p_flags & PF_W;
		n++;
	}
	host_free(ex);
	return ret ? ret : n;
}
