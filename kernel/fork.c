// SPDX-License-Identifier: MIT
/*
 * kernel/fork.c — tasks and address spaces: the object caches, mm_alloc,
 * dup_mmap (fork's copy of an address space) and kernel_clone.
 *
 * Kernel counterpart: kernel/fork.c (Linux 6.1): proc_caches_init,
 * vm_area_alloc/vm_area_dup/vm_area_free, mm_alloc/mm_init/mmput,
 * dup_mmap, copy_process, kernel_clone.
 *
 * The caches are the kernel's, with its names, object sizes and flags
 * (x86_64 6.1 Debian, read from the boot fixtures' slab_attrs_all.tsv):
 *
 *   mm_struct        1104  HWCACHE_ALIGN            -> 1152-byte slots
 *   vm_area_struct    152                           (merges as 6.1 does)
 *   anon_vma           96  TYPESAFE_BY_RCU + ctor   -> 104-byte slots
 *   anon_vma_chain     64
 *   task_struct      6208  align 64
 *   signal_cache     1152  HWCACHE_ALIGN
 *   files_cache       704  HWCACHE_ALIGN
 *   filp              232  HWCACHE_ALIGN
 *   shmem_inode_cache 776  ctor
 *
 * The kernel makes them in start_kernel (proc_caches_init, anon_vma_init,
 * shmem_init); mmsim makes them when the first task is created, so that
 * a machine that never runs a process boots exactly as before, once per
 * machine under caches_lock (mmsim_proc_state).  The knobs and lists are
 * made with the machine (mmsim_proc_state_init) and never allocate.  mmsim's
 * structures are smaller than the kernel's and live inside the objects
 * (kmem_cache_create_shadowed with host_size <= size adds no shadow).
 *
 * dup_mmap copies every VMA of the parent except VM_DONTCOPY ones (whose
 * size is taken off the child's total_vm), links the copies to the
 * parent's anon_vmas (anon_vma_fork), clears VM_LOCKED_MASK in the child,
 * empties VM_WIPEONFORK VMAs' anon_vma, and copies page tables only where
 * 6.1's vma_needs_copy says so (mm/memory.c: copy_page_range).
 */
#include "linux/kernel.h"
#include "linux/oom.h"
#include "linux/errno.h"
#include "linux/string.h"
#include "linux/slab.h"
#include "linux/gfp.h"
#include "linux/mm.h"
#include "linux/rmap.h"
#include "linux/mman.h"
#include "linux/sched.h"
#include "linux/fs.h"
#include "linux/binfmts.h"
#include "linux/pgtable.h"
#include "linux/mmap_lock.h"
#include "linux/bitmap.h"
#include "mm/process_internal.h"
#include "mmsim/process.h"
#include "mmsim/proc_state.h"
#include "mmsim/host.h"
#include "mmsim/kconfig.h"
#include "mmsim/machine.h"
#include "mmsim/tlb.h"

static __thread struct task_struct *current_task;

struct task_struct *get_current(void)
{
	return current_task;
}

struct task_struct *set_current(struct task_struct *task)
{
	struct task_struct *old = current_task;

	current_task = task;
	return old;
}

static void anon_vma_ctor(void *data)
{
	struct anon_vma *anon_vma = data;

	INIT_LIST_HEAD(&anon_vma->chain_list);
}

static struct kmem_cache *proc_cache(const char *name, unsigned int size,
				     size_t host_size, unsigned int align,
				     slab_flags_t flags, void (*ctor)(void *))
{
	return kmem_cache_create_shadowed(name, size, (unsigned int)host_size,
					  align, flags, ctor);
}

/* proc_caches_init, anon_vma_init, shmem_init's cache (see the top). */
static void proc_caches_init(struct mm_proc_state *ps)
{
	const slab_flags_t acct = SLAB_PANIC | SLAB_ACCOUNT;
	const slab_flags_t hw = SLAB_HWCACHE_ALIGN | acct;

	ps->anon_vma_cachep = proc_cache("anon_vma", 96, sizeof(struct anon_vma),
					 0, SLAB_TYPESAFE_BY_RCU | acct,
					 anon_vma_ctor);
	ps->anon_vma_chain_cachep = proc_cache("anon_vma_chain", 64,
					       sizeof(struct anon_vma_chain),
					       0, acct, NULL);
	ps->task_struct_cachep = proc_cache("task_struct", 6208,
					    sizeof(struct task_struct), 64,
					    acct, NULL);
	ps->signal_cachep = proc_cache("signal_cache", 1152,
				       sizeof(struct signal_struct), 0, hw, NULL);
	ps->files_cachep = proc_cache("files_cache", 704,
				      sizeof(struct files_struct), 0, hw, NULL);
	ps->mm_cachep = proc_cache("mm_struct", 1104, sizeof(struct mm_struct),
				   0, hw, NULL);
	ps->vm_area_cachep = proc_cache("vm_area_struct", 152,
					sizeof(struct vm_area_struct), 0, acct,
					NULL);
	ps->filp_cachep = proc_cache("filp", 232, sizeof(struct file), 0, hw,
				     NULL);
	ps->shmem_inode_cachep = proc_cache("shmem_inode_cache", 776,
					    sizeof(struct inode), 0, acct, NULL);
}

/*
 * security/min_addr.c's update_mmap_min_addr: the limit mmap enforces is
 * vm.mmap_min_addr raised to the LSM floor the kernel was built with.
 */
void update_mmap_min_addr(struct mm_proc_state *ps)
{
	unsigned long lsm = (unsigned long)CONFIG_VALUE(CONFIG_LSM_MMAP_MIN_ADDR, 0);

	ps->k_mmap_min_addr = max(ps->k_dac_mmap_min_addr, lsm);
}

/*
 * The process side's knobs and lists at their 6.1 defaults, made with the
 * machine (machine_create), before any simulated CPU runs.  Nothing in
 * simulated memory is allocated here, so a machine that never runs a
 * process boots exactly as before, and the allocator's slow paths (the
 * OOM killer) may read the knobs and the task list at any time.
 */
void mmsim_proc_state_init(struct machine *m)
{
	struct mm_proc_state *ps = host_alloc(sizeof(*ps));

	ps->overcommit_memory = OVERCOMMIT_GUESS;
	ps->overcommit_ratio = 50;
	ps->max_map_count = 65530;          /* DEFAULT_MAX_MAP_COUNT */
	ps->k_dac_mmap_min_addr = (unsigned long)CONFIG_VALUE(CONFIG_DEFAULT_MMAP_MIN_ADDR, 4096);
	update_mmap_min_addr(ps);
	ps->vm_softdirty = IS_ENABLED(CONFIG_MEM_SOFT_DIRTY) ? VM_SOFTDIRTY : 0;
	ps->k_stack_guard_gap = 256UL << PAGE_SHIFT;
	ps->k_fault_around_bytes = 65536;
	ps->split_rss_counting = IS_ENABLED(CONFIG_MMU) &&
		CONFIG_VALUE(CONFIG_NR_CPUS, 1) >=
		CONFIG_VALUE(CONFIG_SPLIT_PTLOCK_CPUS, 999999);
	ps->oom_dump_tasks = 1;
	INIT_LIST_HEAD(&ps->tasks);
	rwlock_init(&ps->k_tasklist_lock);
	init_rwsem(&ps->anon_vma_rcu);
	INIT_LIST_HEAD(&ps->shmem_inodes);
	INIT_LIST_HEAD(&ps->shmem_live_inodes);
	spin_lock_init(&ps->caches_lock);
	ps->nr_tlbs = max(max(m->desc.smp_cpus, m->desc.max_cpus), 1U);
	ps->tlbs = mmsim_tlbs_alloc(ps->nr_tlbs);
	m->proc = ps;
}

/*
 * What the kernel makes at boot and mmsim on first use (see the top): the
 * overcommit reserves (init_user_reserve/init_admin_reserve, from the free
 * memory of that moment), the caches, the zero page.  Once per machine:
 * two CPUs creating their first tasks together wait for one builder.
 */
static __thread struct mm_proc_state *proc_state_building; /* this thread builds it */

static void proc_state_complete(struct mm_proc_state *ps)
{
	spin_lock(&ps->caches_lock);
	proc_state_building = ps;
	if (!ps->caches_ready) {
		ps->user_reserve_kbytes = min(nr_free_pages() / 32, 1UL << 17) *
					  (PAGE_SIZE / 1024);
		ps->admin_reserve_kbytes = min(nr_free_pages() / 32, 1UL << 13) *
					   (PAGE_SIZE / 1024);
		proc_caches_init(ps);
		ps->zero_page = alloc_page(GFP_KERNEL | __GFP_ZERO);
		__atomic_store_n(&ps->caches_ready, true, __ATOMIC_RELEASE);
	}
	proc_state_building = NULL;
	spin_unlock(&ps->caches_lock);
}

struct mm_proc_state *mmsim_proc_knobs(void)
{
	return current_machine->proc;
}

/* The process side of the current machine, its caches made (see above). */
struct mm_proc_state *mmsim_proc_state(void)
{
	struct mm_proc_state *ps = current_machine->proc;

	/*
	 * The builder itself may come back here (an allocation of the
	 * caches reclaiming): it gets the state as built so far.
	 */
	if (!__atomic_load_n(&ps->caches_ready, __ATOMIC_ACQUIRE) &&
	    proc_state_building != ps)
		proc_state_complete(ps);
	return ps;
}

/* Give back what mmsim_proc_state() took (the machine is going away). */
void mmsim_proc_state_free(struct machine *m)
{
	if (!m->proc)
		return;
	spin_lock_destroy(&m->proc->caches_lock);
	mmsim_tlbs_free(m->proc->tlbs, m->proc->nr_tlbs);
	host_free(m->proc);
	m->proc = NULL;
}

struct list_head *mmsim_task_list(void)
{
	return &mmsim_proc_knobs()->tasks;
}

/*
 * Does a task before @t on the task list use @t's mm?  Threads share one,
 * so a walk over every address space (the validators, MGLRU's mm walk)
 * takes each at the first of its tasks and skips it at the others.
 */
bool mmsim_mm_seen_before(struct task_struct *t)
{
	struct task_struct *u;

	list_for_each_entry(u, mmsim_task_list(), tasks) {
		if (u == t)
			return false;
		if (u->mm == t->mm)
			return true;
	}
	return false;
}

struct task_struct *find_task_by_vpid(int nr)
{
	struct task_struct *t, *found = NULL;

	read_lock(&tasklist_lock);      /* 6.1: RCU over the pid hash */
	list_for_each_entry(t, mmsim_task_list(), tasks)
		if (t->pid == nr) {
			found = t;
			break;
		}
	read_unlock(&tasklist_lock);
	return found;
}

/* ---- VMAs ----------------------------------------------------------------- */

struct vm_area_struct *vm_area_alloc(struct mm_struct *mm)
{
	struct vm_area_struct *vma;

	vma = kmem_cache_zalloc(mmsim_proc_state()->vm_area_cachep, GFP_KERNEL);
	if (!vma)
		return NULL;
	vma->vm_mm = mm;
	INIT_LIST_HEAD(&vma->anon_vma_chain);
	INIT_LIST_HEAD(&vma->vm_list);
	INIT_LIST_HEAD(&vma->shared);
	return vma;
}

struct vm_area_struct *vm_area_dup(struct vm_area_struct *orig)
{
	struct vm_area_struct *new;

	new = kmem_cache_alloc(mmsim_proc_state()->vm_area_cachep, GFP_KERNEL);
	if (!new)
		return NULL;
	*new = *orig;
	INIT_LIST_HEAD(&new->anon_vma_chain);
	INIT_LIST_HEAD(&new->vm_list);
	INIT_LIST_HEAD(&new->shared);
	return new;
}

void vm_area_free(struct vm_area_struct *vma)
{
	kmem_cache_free(mmsim_proc_state()->vm_area_cachep, vma);
}

/* ---- address spaces ---------------------------------------------------------- */

static int mm_alloc_pgd(struct mm_struct *mm)
{
	mm->pgd = pgd_alloc(mm);
	return mm->pgd ? 0 : -ENOMEM;
}

static void mm_free_pgd(struct mm_struct *mm)
{
	pgd_free(mm, mm->pgd);
	mm->pgd = NULL;
}

static struct mm_struct *mm_init(struct mm_struct *mm)
{
	vma_mt_init(mm);
	INIT_LIST_HEAD(&mm->pmd_huge_pte);
	mmap_init_lock(mm);
	spin_lock_init(&mm->page_table_lock);
	mm->mm_users.counter = 1;
	mm->mm_count.counter = 1;
	if (!mm->task_size)             /* a fork's copy keeps the parent's */
		mm->task_size = TASK_SIZE_MAX;
	if (mm_alloc_pgd(mm)) {
		kmem_cache_free(mmsim_proc_state()->mm_cachep, mm);
		return NULL;
	}
	return mm;
}

struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm;

	mm = kmem_cache_zalloc(mmsim_proc_state()->mm_cachep, GFP_KERNEL);
	if (!mm)
		return NULL;
	return mm_init(mm);
}

void mmdrop(struct mm_struct *mm)
{
	if (__atomic_sub_fetch(&mm->mm_count.counter, 1, __ATOMIC_ACQ_REL))
		return;
	mm_free_pgd(mm);
	kmem_cache_free(mmsim_proc_state()->mm_cachep, mm);
}

void mmput(struct mm_struct *mm)
{
	if (__atomic_sub_fetch(&mm->mm_users.counter, 1, __ATOMIC_ACQ_REL))
		return;
	khugepaged_exit(mm);            /* before exit_mmap */
	exit_mmap(mm);
	if (mm->exe_file)
		fput(mm->exe_file);
	mmdrop(mm);
}

/* Unwind a half-made child mm: every VMA made so far goes. */
static int dup_mmap(struct mm_struct *mm, struct mm_struct *oldmm)
{
	struct vm_area_struct *mpnt, *tmp;
	MA_STATE(old_mas, &oldmm->mm_mt, 0, 0);
	MA_STATE(mas, &mm->mm_mt, 0, 0);
	unsigned long charge;
	int retval = 0;

	/* 6.1: the parent's lock for writing, then the child's, nested */
	mmap_write_lock(oldmm);
	mmap_write_lock_nested(mm, 1);
	mm->total_vm = oldmm->total_vm;
	mm->data_vm = oldmm->data_vm;
	mm->exec_vm = oldmm->exec_vm;
	mm->stack_vm = oldmm->stack_vm;
	khugepaged_fork(mm, oldmm);

	/* 6.1: room for all entries at once, then one store per VMA */
	retval = mas_expected_entries(&mas, (unsigned long)oldmm->map_count);
	if (retval)
		goto out;
	mas_for_each(&old_mas, mpnt, ULONG_MAX) {
		if (mpnt->vm_flags & VM_DONTCOPY) {
			vm_stat_account(mm, mpnt->vm_flags, -(long)vma_pages(mpnt));
			continue;
		}
		charge = 0;
		if (mpnt->vm_flags & VM_ACCOUNT) {
			charge = vma_pages(mpnt);
			if (security_vm_enough_memory_mm(oldmm, (long)charge)) {
				retval = -ENOMEM;
				break;
			}
		}
		tmp = vm_area_dup(mpnt);
		if (!tmp) {
			vm_unacct_memory((long)charge);
			retval = -ENOMEM;
			break;
		}
		tmp->vm_mm = mm;
		if (tmp->vm_flags & VM_WIPEONFORK) {
			tmp->anon_vma = NULL;
		} else if (anon_vma_fork(tmp, mpnt)) {
			vm_area_free(tmp);
			vm_unacct_memory((long)charge);
			retval = -ENOMEM;
			break;
		}
		tmp->vm_flags &= ~VM_LOCKED_MASK;
		if (tmp->vm_file) {
			get_file(tmp->vm_file);
			shmem_vma_link_after(tmp, mpnt);
		}
		mas.index = tmp->vm_start;
		mas.last = tmp->vm_end - 1;
		mas_store(&mas, tmp);
		if (mas_is_err(&mas)) {
			/* not yet in the tree: unwound here, not by exit_mmap */
			if (tmp->vm_file) {
				shmem_vma_unlink(tmp);
				fput(tmp->vm_file);
			}
			unlink_anon_vmas(tmp);
			vm_area_free(tmp);
			vm_unacct_memory((long)charge);
			retval = -ENOMEM;
			break;
		}
		mm->map_count++;
		if (!(tmp->vm_flags & VM_WIPEONFORK))
			retval = copy_page_range(tmp, mpnt);
		if (tmp->vm_ops && tmp->vm_ops->open)
			tmp->vm_ops->open(tmp);
		if (retval)
			break;
	}
	mas_destroy(&mas);
out:
	mmap_write_unlock(mm);
	flush_tlb_mm(oldmm);    /* the parent's PTEs were write-protected */
	mmap_write_unlock(oldmm);
	return retval;
}

static struct mm_struct *dup_mm(struct task_struct *tsk, struct mm_struct *oldmm)
{
	struct mm_struct *mm;

	mm = kmem_cache_alloc(mmsim_proc_state()->mm_cachep, GFP_KERNEL);
	if (!mm)
		return NULL;
	memcpy(mm, oldmm, sizeof(*mm));
	clear_bit(MMF_VM_HUGEPAGE, &mm->flags); /* not in MMF_INIT_MASK */
	memset(&mm->rss_stat, 0, sizeof(mm->rss_stat));
	mm->pgtables_bytes.counter = 0;
	mm->map_count = 0;
	mm->locked_vm = 0;
	mm->pinned_vm.counter = 0;
	mm->pgd = NULL;
	if (!mm_init(mm))
		return NULL;
	mm->owner = tsk;
	if (mm->exe_file)
		get_file(mm->exe_file);
	if (dup_mmap(mm, oldmm)) {
		mm->owner = NULL;
		mmput(mm);
		return NULL;
	}
	mm->hiwater_rss = get_mm_rss(mm);
	mm->hiwater_vm = mm->total_vm;
	return mm;
}

/* ---- tasks -------------------------------------------------------------------- */

static struct task_struct *alloc_task(const char *comm)
{
	struct mm_proc_state *ps = mmsim_proc_state();
	struct task_struct *t;
	int i;

	t = kmem_cache_zalloc(ps->task_struct_cachep, GFP_KERNEL);
	if (!t)
		return NULL;
	t->signal = kmem_cache_zalloc(ps->signal_cachep, GFP_KERNEL);
	if (!t->signal) {
		kmem_cache_free(ps->task_struct_cachep, t);
		return NULL;
	}
	t->signal->sigcnt.counter = 1;
	for (i = 0; i < RLIM_NLIMITS; i++)
		t->signal->rlim[i].rlim_cur = t->signal->rlim[i].rlim_max =
			RLIM_INFINITY;
	t->signal->rlim[RLIMIT_STACK].rlim_cur = 8UL << 20; /* _STK_LIM */
	t->signal->rlim[RLIMIT_MEMLOCK].rlim_cur = 8UL << 20;
	t->signal->rlim[RLIMIT_MEMLOCK].rlim_max = 8UL << 20;
	strncpy(t->comm, comm, TASK_COMM_LEN - 1);
	INIT_LIST_HEAD(&t->children);
	INIT_LIST_HEAD(&t->sibling);
	t->machine = current_machine;
	write_lock_irq(&tasklist_lock);
	t->pid = t->tgid = ++ps->last_pid;
	list_add_tail(&t->tasks, &ps->tasks);
	ps->nr_tasks++;
	write_unlock_irq(&tasklist_lock);
	return t;
}

void free_task(struct task_struct *t)
{
	struct mm_proc_state *ps = mmsim_proc_state();

	write_lock_irq(&tasklist_lock);
	list_del(&t->tasks);
	ps->nr_tasks--;
	write_unlock_irq(&tasklist_lock);
	oom_reaper_forget(t);
	exit_oom_victim(t);
	if (t->signal->oom_mm)
		mmdrop(t->signal->oom_mm);
	kmem_cache_free(ps->signal_cachep, t->signal);
	kmem_cache_free(ps->task_struct_cachep, t);
}

struct task_struct *mmsim_task_create(const char *comm)
{
	struct task_struct *t = alloc_task(comm);

	if (!t)
		return NULL;
	t->files = kmem_cache_zalloc(mmsim_proc_state()->files_cachep, GFP_KERNEL);
	t->mm = t->files ? mm_alloc() : NULL;
	if (!t->mm) {
		if (t->files)
			kmem_cache_free(mmsim_proc_state()->files_cachep, t->files);
		free_task(t);
		return NULL;
	}
	t->files->count.counter = 1;
	t->mm->owner = t;
	t->active_mm = t->mm;
	if (current_machine->desc.arch == MMSIM_ARCH_ARM) {
		/* the layout load_elf_binary would pick, for a task that never execs */
		struct task_struct *old = set_current(t);

		t->mm->task_size = TASK_SIZE_ARM;
		arm_pick_mmap_layout(t->mm, task_rlimit(t, RLIMIT_STACK));
		set_current(old);
	} else {
		arch_pick_mmap_layout(t->mm, task_rlimit(t, RLIMIT_STACK));
	}
	return t;
}

/* copy_process for fork(): a new task sharing nothing but copies. */
static struct task_struct *copy_process(struct task_struct *parent)
{
	struct task_struct *p = alloc_task(parent->comm);
	int err = 0;

	if (!p)
		return ERR_PTR(-ENOMEM);
	memcpy(p->signal->rlim, parent->signal->rlim, sizeof(p->signal->rlim));
	p->signal->oom_score_adj = parent->signal->oom_score_adj;
	p->signal->oom_score_adj_min = parent->signal->oom_score_adj_min;
	p->personality = parent->personality;
	p->flags = parent->flags & ~PF_EXITING;
	p->files = dup_fd(parent->files, &err);
	if (!p->files)
		goto bad;
	p->mm = dup_mm(p, parent->mm);
	if (!p->mm) {
		err = -ENOMEM;
		put_files_struct(p->files);
		goto bad;
	}
	p->active_mm = p->mm;
	write_lock_irq(&tasklist_lock);
	p->real_parent = p->parent = parent;
	list_add_tail(&p->sibling, &parent->children);
	write_unlock_irq(&tasklist_lock);
	return p;
bad:
	free_task(p);
	return ERR_PTR(err);
}

/* fork(2) as kernel_clone({.exit_signal = SIGCHLD}) on behalf of @parent. */
int mmsim_fork(struct task_struct *parent)
{
	struct task_struct *old = set_current(parent);
	struct task_struct *p = copy_process(parent);

	set_current(old);
	if (IS_ERR(p))
		return (int)PTR_ERR(p);
	return p->pid;
}

/*
 * fork_init()'s set_max_threads(): as many threads as fit in 1/8 of the
 * RAM there is at this point of start_kernel (THREAD_SIZE each), within
 * [MIN_THREADS, FUTEX_TID_MASK]; init's RLIMIT_NPROC and RLIMIT_SIGPENDING
 * are half of it (SigQ in /proc/PID/status).
 */
void fork_init(void)
{
	unsigned long thread_size = current_machine->desc.arch == MMSIM_ARCH_ARM ?
				    8192 : 16384;
	u64 threads = (u64)totalram_pages() * PAGE_SIZE / (thread_size * 8);

	if (threads < 20)
		threads = 20;
	if (threads > 0x3fffffff)
		threads = 0x3fffffff;
	current_machine->k_max_threads = (unsigned long)threads;
}
