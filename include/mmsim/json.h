/* SPDX-License-Identifier: MIT */
/*
 * include/mmsim/json.h — a small streaming JSON writer (host/json.c) for
 * the machine-readable output of the tools (--json FILE, docs/json.md).
 *
 * No kernel counterpart.  Values are written as they come; the writer
 * keeps only the comma state of each open level:
 *
 *   json_begin_object(j, NULL);          {
 *   json_u64(j, "pages", 4);               "pages": 4,
 *   json_begin_array(j, "orders");         "orders": [
 *   json_u64(j, NULL, 1);                    1
 *   json_end(j);                           ]
 *   json_end(j);                         }
 *
 * A key is given inside objects and NULL inside arrays.
 */
#ifndef _MMSIM_JSON_H
#define _MMSIM_JSON_H

#include "linux/types.h"
#include <stdio.h>

#define JSON_MAX_DEPTH 32

struct json_out {
	FILE *f;
	int depth;
	bool need_comma[JSON_MAX_DEPTH];
	char closer[JSON_MAX_DEPTH];    /* '}' or ']' of each open level */
};

void json_init(struct json_out *j, FILE *f);
void json_begin_object(struct json_out *j, const char *key);
void json_begin_array(struct json_out *j, const char *key);
void json_end(struct json_out *j);
void json_u64(struct json_out *j, const char *key, unsigned long long v);
void json_i64(struct json_out *j, const char *key, long long v);
void json_double(struct json_out *j, const char *key, double v);
void json_str(struct json_out *j, const char *key, const char *s);
void json_bool(struct json_out *j, const char *key, bool v);

#endif /* _MMSIM_JSON_H */
