/* SPDX-License-Identifier: MIT */
/*
 * include/mmsim/json_views.h — a booted machine's figures as JSON
 * (tools/json_views.c; the format is docs/json.md).
 */
#ifndef _MMSIM_JSON_VIEWS_H
#define _MMSIM_JSON_VIEWS_H

struct json_out;
struct machine;

/* Write "mmsim", "machine", "zones", "slabs", "vmalloc" into the open object. */
void json_machine_views(struct json_out *j, struct machine *m);

#endif /* _MMSIM_JSON_VIEWS_H */
