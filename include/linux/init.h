/* SPDX-License-Identifier: MIT */
/*
 * include/linux/init.h — registering kernel command-line parameters.
 *
 * Kernel counterpart: include/linux/init.h (early_param, __setup).
 *
 * As in the kernel, each registration is a small struct placed in a linker
 * section; kernel/params.c walks the section between the __start_ and
 * __stop_ symbols the linker provides.  So a subsystem registers its own
 * parameters next to their handlers, and nothing else needs to know.
 *
 *   early_param("mem", parse_memopt)   parsed by parse_early_param(), from
 *                                      setup_arch(), before memblock exists
 *   __setup("slub_min_objects=", f)    parsed later by start_kernel()
 *
 * A handler returns 0 when it accepted the value.  An early handler that
 * returns non-zero makes the kernel print "Malformed early option".
 *
 * The kernel is built for one architecture, so arch/x86's "mem" handler
 * never meets an ARM machine.  mmsim links every architecture into one
 * program: each registration records the file it was made in, and
 * kernel/params.c runs the handlers of arch/ARCH/ only on machines of
 * that architecture (setup_param_applies()).  Likewise a handler the
 * kernel compiles only with some option (an #ifdef CONFIG_NUMA around
 * it, or a file built only with CONFIG_DMA_CMA) is registered with
 * __setup_if() / early_param_if() naming that option, and runs only on
 * machines whose .config has it; elsewhere the parameter is unknown, as
 * in that kernel.
 */
#ifndef _MMSIM_LINUX_INIT_H
#define _MMSIM_LINUX_INIT_H

#include "linux/types.h"

struct obs_kernel_param {
	const char *str;
	int (*setup_func)(char *);
	int early;
	const char *file; /* __FILE__ of the registration: arch/x86/..., mm/... */
	const char *config; /* "CONFIG_..." the kernel builds it under, or NULL */
};

#define __setup_param_if(str, unique_id, fn, early, config)                 \
	static const struct obs_kernel_param __setup_##unique_id              \
		__attribute__((used, section("mmsim_setup"), aligned(8))) = { \
			str, fn, early, __FILE__, config                      \
		}
#define __setup_param(str, unique_id, fn, early)                            \
	__setup_param_if(str, unique_id, fn, early, NULL)

#define __setup(str, fn) __setup_param(str, fn, fn, 0)
#define early_param(str, fn) __setup_param(str, fn, fn, 1)
#define __setup_if(config, str, fn) __setup_param_if(str, fn, fn, 0, config)
#define early_param_if(config, str, fn) __setup_param_if(str, fn, fn, 1, config)

extern const struct obs_kernel_param __start_mmsim_setup[];
extern const struct obs_kernel_param __stop_mmsim_setup[];

bool setup_param_applies(const struct obs_kernel_param *p);

#endif /* _MMSIM_LINUX_INIT_H */
