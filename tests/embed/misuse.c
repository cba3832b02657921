// SPDX-License-Identifier: MIT
/*
 * tests/embed/misuse.c — the misuse cases of the public API, built against
 * the installed library by tests/cli/embed.sh.  argv[1] picks the case;
 * each must end in one line on stderr and a non-zero status, never a
 * crash:
 *   no-machine       kmalloc on a thread with no current machine (exit 70)
 *   after-destroy    kmalloc after the current machine was destroyed (70)
 *   enter-destroyed  mmsim_enter() on a destroyed machine (-EINVAL)
 *   enter-unbooted   mmsim_enter() before mmsim_boot() (-EINVAL)
 *   bad-cpu          mmsim_enter() with a CPU the machine lacks (-EINVAL)
 */
#include "mmsim/mmsim.h"
#include "linux/slab.h"

#include <stdio.h>
#include <string.h>

static struct machine *make(int boot)
{
	struct mmsim_desc d;
	char err[256];
	struct machine *m;

	mmsim_desc_init(&d);
	m = mmsim_create(&d, err, sizeof(err));
	if (!m || (boot && mmsim_boot(m)))
		return NULL;
	return m;
}

int main(int argc, char **argv)
{
	const char *c = argc > 1 ? argv[1] : "";
	struct machine *m;

	if (!strcmp(c, "no-machine")) {
		kfree(kmalloc(8, GFP_KERNEL));
		return 0;
	}
	m = make(strcmp(c, "enter-unbooted") != 0);
	if (!m)
		return 3;
	if (!strcmp(c, "after-destroy")) {
		mmsim_enter(m, 0);
		mmsim_destroy(m);
		kfree(kmalloc(8, GFP_KERNEL));
		return 0;
	}
	if (!strcmp(c, "enter-destroyed")) {
		mmsim_destroy(m);
		return mmsim_enter(m, 0) == -22 ? 1 : 0;
	}
	if (!strcmp(c, "enter-unbooted") || !strcmp(c, "bad-cpu")) {
		int ret = mmsim_enter(m, c[0] == 'b' ? 7 : 0);

		mmsim_destroy(m);
		return ret == -22 ? 1 : 0;
	}
	return 3;
}
