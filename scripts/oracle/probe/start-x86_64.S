/*
 * start-x86_64.S - the probe's entry point and jump buffer on x86_64.
 * The kernel's start_thread() leaves argc at the stack pointer (kernel counterpart:
 * fs/binfmt_elf.c create_elf_tables); _start hands that pointer to probe_main.
 * probe_setjmp/probe_longjmp save and restore the System V callee-saved registers,
 * the stack pointer and the return address, so the SIGSEGV/SIGBUS handler can leave
 * a faulting access.  x86_64 needs SA_RESTORER: probe_restorer calls rt_sigreturn.
 */
	.text
	.globl _start
_start:
	xor %ebp, %ebp
	mov %rsp, %rdi
	and $-16, %rsp
	call probe_main
	hlt

	.globl probe_setjmp
probe_setjmp:
	mov %rbx, 0(%rdi)
	mov %rbp, 8(%rdi)
	mov %r12, 16(%rdi)
	mov %r13, 24(%rdi)
	mov %r14, 32(%rdi)
	mov %r15, 40(%rdi)
	lea 8(%rsp), %rdx
	mov %rdx, 48(%rdi)
	mov (%rsp), %rdx
	mov %rdx, 56(%rdi)
	xor %eax, %eax
	ret

	.globl probe_longjmp
probe_longjmp:
	mov 0(%rdi), %rbx
	mov 8(%rdi), %rbp
	mov 16(%rdi), %r12
	mov 24(%rdi), %r13
	mov 32(%rdi), %r14
	mov 40(%rdi), %r15
	mov 48(%rdi), %rsp
	mov $1, %eax
	jmp *56(%rdi)

	.globl probe_restorer
probe_restorer:
	mov $15, %eax
	syscall
	hlt

	.section .note.GNU-stack,"",%progbits
