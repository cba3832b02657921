/* SPDX-License-Identifier: MIT */
/*
 * include/mmsim/process.h — the C API of user processes on a booted
 * machine: make a task, run system calls as it, touch its memory.
 *
 * No single kernel counterpart: these are the kernel's system-call bodies
 * (mm/mmap.c, mm/mprotect.c, mm/mremap.c, mm/madvise.c, mm/mlock.c,
 * kernel/fork.c, kernel/exit.c, mm/shmem.c) acting on `current`, plus
 * mmsim_access(), the simulated CPU's loads and stores through the MMU.
 *
 * Use (see tests/unit/test_process_*.c):
 *
 *   machine_enter(m);                       a booted machine
 *   struct task_struct *t = mmsim_task_create("probe");   empty mm
 *   set_current(t);
 *   unsigned long a = ksys_mmap_pgoff(0, 1 << 20, PROT_READ | PROT_WRITE,
 *                                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
 *   struct mmsim_access_result r;
 *   mmsim_access(t, a, 4096, MMSIM_WRITE, 0x5a, 4096, &r);  page fault
 *   int pid = mmsim_fork(t);                kernel_clone(SIGCHLD)
 *   mmsim_exit(find_task_by_vpid(pid));     do_group_exit + reap
 *
 * Every call returns what the system call returns: an address, 0, or a
 * negative errno (mmap's and mremap's addresses are unsigned long; an
 * error is a value >= -4095UL, IS_ERR_VALUE()).  The calls act on
 * current; mmsim_access() and mmsim_fork()/mmsim_exit() name the task.
 */
#ifndef _MMSIM_PROCESS_H
#define _MMSIM_PROCESS_H

#include "linux/types.h"
#include "linux/mman.h"
#include "linux/fs.h"
#include "linux/sched.h"

#include "linux/err.h"
#include "mmsim/guest.h"

/* Signals the MMU model raises (include/uapi/asm-generic/signal.h). */
#define SIGBUS	7
#define SIGKILL	9
#define SIGSEGV	11
#define SIGCHLD	17

/* ---- tasks ---------------------------------------------------------------- */

/*
 * A new task with an empty address space (mm_alloc, layout picked by
 * arch_pick_mmap_layout with an 8 MiB stack limit), no VMA, an empty
 * fd table; the first is pid 1 of the machine, its parent none.  NULL
 * when a slab allocation fails.  fs/exec.c (load_elf_binary) fills it.
 */
struct task_struct *mmsim_task_create(const char *comm);
/* fork(2) of @parent: kernel_clone with SIGCHLD; the child's pid or -errno. */
int mmsim_fork(struct task_struct *parent);
/*
 * exit_group(0) of @task then its reaping by the parent: exit_mm (the
 * address space torn down when its last user goes), exit_files, the
 * task_struct freed.  Its children are re-parented to its parent.
 */
void mmsim_exit(struct task_struct *task);
/* Every task of the current machine, in creation order (mmsim's list). */
struct list_head *mmsim_task_list(void);

/* ---- system calls (act on current) --------------------------------------- */

unsigned long ksys_mmap_pgoff(unsigned long addr, unsigned long len,
			      unsigned long prot, unsigned long flags,
			      unsigned long fd, unsigned long pgoff);
int __vm_munmap(unsigned long start, size_t len, bool downgrade);
int do_mprotect_pkey(unsigned long start, size_t len, unsigned long prot,
		     int pkey);
unsigned long __do_sys_mremap(unsigned long addr, unsigned long old_len,
			      unsigned long new_len, unsigned long flags,
			      unsigned long new_addr);
int do_madvise(struct mm_struct *mm, unsigned long start, size_t len_in,
	       int behavior);
/* mlock2(2): flags 0 or MLOCK_ONFAULT; munlock(2). */
int __do_sys_mlock2(unsigned long start, size_t len, int flags);
int __do_sys_munlock(unsigned long start, size_t len);
/* brk(2): the new break, or the old one when it cannot move. */
unsigned long __do_sys_brk(unsigned long brk);

/* Files on the tmpfs root (mm/shmem.c, fs/open.c, fs/read_write.c). */
long do_sys_open(int dfd, const char *filename, int flags, umode_t mode);
long do_sys_ftruncate(unsigned int fd, loff_t length, int small);
long ksys_pwrite64(unsigned int fd, const char *buf, size_t count, loff_t pos);
long ksys_pread64(unsigned int fd, char *buf, size_t count, loff_t pos);
int close_fd(unsigned int fd);
long do_unlinkat(int dfd, const char *name);
#define AT_FDCWD (-100)

/* ---- user memory through the MMU ------------------------------------------ */

enum mmsim_access_op {
	MMSIM_READ,   /* one byte load every @step bytes */
	MMSIM_WRITE,  /* one byte store of @byte every @step bytes */
	MMSIM_FILL,   /* store @byte in every byte (step ignored) */
	MMSIM_CHECK,  /* load every byte and compare with @byte */
};

struct mmsim_access_result {
	int sig;              /* 0, SIGSEGV, SIGBUS or SIGKILL */
	unsigned long addr;   /* the faulting address when sig != 0 or -EAGAIN */
	bool mismatch;        /* MMSIM_CHECK: a byte differed */
	unsigned long mismatch_addr;
	u8 value;             /* ... and what it held */
};

/*
 * Run the accesses of [addr, addr + len) as @task's CPU would: each goes
 * through a walk of the task's page tables; a missing or insufficient
 * translation is a page fault (arch/x86/mm/fault.c: do_user_addr_fault),
 * which maps the page or delivers a signal.  Accesses stop at the first
 * signal (result->sig, result->addr) or, for MMSIM_CHECK, at the first
 * mismatch.  Returns 0 when the run completed or stopped as above
 * (the signal number is also returned: 0, SIGSEGV, SIGBUS, SIGKILL when
 * the OOM killer chose the task), -EINVAL for a step of 0, -ESRCH for a
 * task without an mm, -EAGAIN when one access kept faulting without the
 * fault fixing it (an mmsim failure, not the program's: logged with
 * pr_err, result->addr the address, result->sig 0; the accesses before it
 * were done).  Sets accessed/dirty bits in the PTEs as the MMU does.
 */
int mmsim_access(struct task_struct *task, unsigned long addr,
		 unsigned long len, enum mmsim_access_op op, u8 byte,
		 unsigned long step, struct mmsim_access_result *result);

/* ---- simulated time (kernel/kthread.c, include/linux/kthread.h) ------------- */

/*
 * Kernel threads (kswapd, kcompactd, ...), timers and work items run only
 * at scheduling points.  `mmsim run` makes one after each script line and
 * moves the clock for `sleep`; an embedder calls these the same way:
 * schedule_sim_point() between two system calls, sim_clock_advance(ns)
 * to let simulated time pass.
 */
void schedule_sim_point(void);
void sim_clock_advance(unsigned long long ns);


/* ---- knobs (sysctl vm.*, /sys/kernel/mm/transparent_hugepage) --------------- */

/*
 * The process-side kernel state of a machine (overcommit, mmap_min_addr,
 * max_map_count, THP modes, the task list and pid counter, the tmpfs
 * root, the zero pages).  Host-allocated on first use; freed with the
 * machine.
 */
struct mm_proc_state;
struct mm_proc_state *mmsim_proc_state(void);

/*
 * @mm's rss counter @member as its page tables have it: the mm's own
 * counter plus what the tasks using @mm still hold in their caches
 * (SPLIT_RSS_COUNTING, include/linux/mm_types_task.h).  get_mm_counter()
 * is what /proc shows; this is what tests and checkers compare.
 */
unsigned long mmsim_mm_counter_exact(struct mm_struct *mm, int member);

/* The ARM/x86 checkers (DEBUG builds and tests): 0 or -EUCLEAN + message. */
int mmsim_validate_mm(struct mm_struct *mm, char *msg, size_t msglen);
int mmsim_validate_processes(char *msg, size_t msglen);

#endif /* _MMSIM_PROCESS_H */
