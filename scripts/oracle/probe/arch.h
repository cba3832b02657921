/*
 * arch.h - the probe's system-call layer for x86_64 and 32-bit ARM (EABI).
 *
 * The probe runs without libc: this header gives it raw system calls (the "syscall"
 * instruction with the x86_64 register convention, "svc 0" with the call number in r7
 * on ARM EABI), the call numbers it uses, the layout of the few kernel structures it
 * passes (sigaction, stack_t, siginfo), its own start code (_start hands the initial
 * stack pointer to probe_main) and a setjmp/longjmp pair the SIGSEGV/SIGBUS handler
 * uses to abandon a faulting access.  Kernel counterparts: arch/x86/entry/syscalls/
 * syscall_64.tbl and arch/arm/tools/syscall.tbl.
 */
#ifndef PROBE_ARCH_H
#define PROBE_ARCH_H

typedef unsigned long ulong;
typedef unsigned long long u64;
typedef long long s64;

#if defined(__x86_64__)

#define NR_read 0
#define NR_write 1
#define NR_close 3
#define NR_mmap 9
#define NR_mprotect 10
#define NR_munmap 11
#define NR_brk 12
#define NR_rt_sigaction 13
#define NR_pread64 17
#define NR_pwrite64 18
#define NR_mremap 25
#define NR_madvise 28
#define NR_nanosleep 35
#define NR_fork 57
#define NR_wait4 61
#define NR_ftruncate 77
#define NR_sigaltstack 131
#define NR_munlock 150
#define NR_exit_group 231
#define NR_openat 257
#define NR_unlinkat 263
#define NR_pipe2 293
#define NR_mlock2 325
#define NR_lseek 8
#define NR_poll 7

#define SA_RESTORER 0x04000000

static inline long sc6(long n, long a, long b, long c, long d, long e, long f)
{
	long ret;
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	register long r9 __asm__("r9") = f;
	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}

/* siginfo_t: si_signo, si_errno, si_code, padding, then si_addr for SIGSEGV/SIGBUS. */
#define SI_ADDR_OFFSET 16

#elif defined(__arm__)

#define NR_exit_group 248
#define NR_fork 2
#define NR_read 3
#define NR_write 4
#define NR_close 6
#define NR_lseek 19
#define NR_poll 168
#define NR_brk 45
#define NR_munmap 91
#define NR_wait4 114
#define NR_mprotect 125
#define NR_munlock 151
#define NR_nanosleep 162
#define NR_mremap 163
#define NR_rt_sigaction 174
#define NR_pread64 180
#define NR_pwrite64 181
#define NR_sigaltstack 186
#define NR_mmap2 192
#define NR_ftruncate64 194
#define NR_madvise 220
#define NR_openat 322
#define NR_unlinkat 328
#define NR_pipe2 359
#define NR_mlock2 390

static inline long sc6(long n, long a, long b, long c, long d, long e, long f)
{
	register long r7 __asm__("r7") = n;
	register long r0 __asm__("r0") = a;
	register long r1 __asm__("r1") = b;
	register long r2 __asm__("r2") = c;
	register long r3 __asm__("r3") = d;
	register long r4 __asm__("r4") = e;
	register long r5 __asm__("r5") = f;
	__asm__ volatile("svc 0"
			 : "+r"(r0)
			 : "r"(r7), "r"(r1), "r"(r2), "r"(r3), "r"(r4), "r"(r5)
			 : "memory");
	return r0;
}

#define SI_ADDR_OFFSET 12

#else
#error "the probe supports x86_64 and 32-bit ARM only"
#endif

#define sc0(n) sc6(n, 0, 0, 0, 0, 0, 0)
#define sc1(n, a) sc6(n, (long)(a), 0, 0, 0, 0, 0)
#define sc2(n, a, b) sc6(n, (long)(a), (long)(b), 0, 0, 0, 0)
#define sc3(n, a, b, c) sc6(n, (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define sc4(n, a, b, c, d) sc6(n, (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)
#define sc5(n, a, b, c, d, e) sc6(n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), 0)

/* struct sigaction as rt_sigaction(2) takes it (kernel layout, 8-byte mask). */
struct k_sigaction {
	void *handler;
	ulong flags;
	void *restorer;
	unsigned int mask[2];
};

/* stack_t */
struct k_stack {
	void *sp;
	int flags;
	ulong size;
};

/* Jump buffer: callee-saved registers, stack pointer and return address. */
typedef ulong jmpbuf_t[16];
int probe_setjmp(jmpbuf_t jb) __attribute__((returns_twice));
void probe_longjmp(jmpbuf_t jb) __attribute__((noreturn));

#endif
