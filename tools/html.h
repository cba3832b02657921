/* SPDX-License-Identifier: MIT */
/*
 * tools/html.h — mmsim boot --html FILE (tools/html.c).
 */
#ifndef _MMSIM_TOOLS_HTML_H
#define _MMSIM_TOOLS_HTML_H

struct machine;
struct calltrace;
struct html_snapshots;

/* Snapshots of the boot, one per start_kernel step (NULL if out of memory). */
struct html_snapshots *html_snapshots_new(void);
/* calltrace_on_return() callback: record the machine after @step. */
void html_snapshot(void *snapshots, const char *step);
void html_snapshots_free(struct html_snapshots *s);

/*
 * Write the page for @m to @path; @ct (its memblock owner records) and
 * @snaps may be NULL.  Returns 0 or -errno after a message.
 */
int html_write(struct machine *m, const char *path, const struct calltrace *ct,
	       struct html_snapshots *snaps);

#endif
