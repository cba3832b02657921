/*
 * start-arm.S - the probe's entry point and jump buffer on 32-bit ARM (EABI, ARM state).
 * The kernel's start_thread() leaves argc at the stack pointer; _start hands that
 * pointer to probe_main.  probe_setjmp/probe_longjmp save and restore r4-r11, sp and
 * lr (the probe uses no floating point, so no VFP registers), so the SIGSEGV/SIGBUS
 * handler can leave a faulting access.
 */
	.file "start-arm.S"
	.syntax unified
	.arm
	.text
	.globl _start
_start:
	mov r0, sp
	bic sp, sp, #7
	bl probe_main
1:	b 1b

	.globl probe_setjmp
probe_setjmp:
	mov r12, sp
	stmia r0, {r4-r12, lr}
	mov r0, #0
	bx lr

	.globl probe_longjmp
probe_longjmp:
	ldmia r0, {r4-r12, lr}
	mov sp, r12
	mov r0, #1
	bx lr

	.section .note.GNU-stack,"",%progbits
