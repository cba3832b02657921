// SPDX-License-Identifier: MIT
/*
 * host/json.c — the streaming JSON writer of include/mmsim/json.h.
 *
 * No kernel counterpart.  Output is indented one level per nesting so
 * that diffs of two runs read well; strings are escaped as RFC 8259
 * requires (quote, backslash, control characters).
 */
#include "mmsim/json.h"

#include <math.h>

void json_init(struct json_out *j, FILE *f)
{
	j->f = f;
	j->depth = 0;
	j->need_comma[0] = false;
}

static void put_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

/* Comma, newline, indentation and the key of the next value. */
static void next_value(struct json_out *j, const char *key)
{
	if (j->need_comma[j->depth])
		fputc(',', j->f);
	if (j->depth)
		fprintf(j->f, "\n%*s", 2 * j->depth, "");
	j->need_comma[j->depth] = true;
	if (key) {
		put_string(j->f, key);
		fputs(": ", j->f);
	}
}

static void begin(struct json_out *j, const char *key, char open)
{
	next_value(j, key);
	fputc(open, j->f);
	if (j->depth < JSON_MAX_DEPTH - 1)
		j->depth++;
	j->closer[j->depth] = open == '{' ? '}' : ']';
	j->need_comma[j->depth] = false;
}

void json_begin_object(struct json_out *j, const char *key)
{
	begin(j, key, '{');
}

void json_begin_array(struct json_out *j, const char *key)
{
	begin(j, key, '[');
}

/* Close the innermost object or array. */
void json_end(struct json_out *j)
{
	char c;

	if (j->depth == 0)
		return;
	c = j->closer[j->depth--];
	fprintf(j->f, "\n%*s%c", 2 * j->depth, "", c);
	if (j->depth == 0)
		fputc('\n', j->f);
}

void json_u64(struct json_out *j, const char *key, unsigned long long v)
{
	next_value(j, key);
	fprintf(j->f, "%llu", v);
}

void json_i64(struct json_out *j, const char *key, long long v)
{
	next_value(j, key);
	fprintf(j->f, "%lld", v);
}

void json_double(struct json_out *j, const char *key, double v)
{
	next_value(j, key);
	if (isfinite(v))
		fprintf(j->f, "%.6g", v);
	else
		fputs("null", j->f);
}

void json_str(struct json_out *j, const char *key, const char *s)
{
	next_value(j, key);
	put_string(j->f, s ? s : "");
}

void json_bool(struct json_out *j, const char *key, bool v)
{
	next_value(j, key);
	fputs(v ? "true" : "false", j->f);
}
