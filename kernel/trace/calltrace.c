// SPDX-License-Identifier: MIT
/*
 * kernel/trace/calltrace.c — the call tree of the simulated kernel.
 *
 * Kernel counterpart: the function_graph tracer (kernel/trace/
 * trace_functions_graph.c).  The kernel patches an mcount call at every
 * function entry and a return trampoline; mmsim's kernel-side objects are
 * compiled with -finstrument-functions, so every function calls
 * __cyg_profile_func_enter() first and __cyg_profile_func_exit() last.
 * This file is compiled without it (the Makefile leaves kernel/trace/ and
 * host/ out), so the hooks do not trace themselves.
 *
 * Off (no trace attached to the machine, the normal case) a hook costs a
 * load of current_machine and a test.  On, the hooks keep a
 * calling-context tree:
 *
 *   root ── start_kernel ×1 ─┬─ setup_arch ×1 ── ...
 *                            └─ mm_init ×1 ── mem_init ×1 ── memblock_free_all
 *                                                  └─ __free_pages_core ×N
 *
 * One node per distinct path of functions from the root; entering a
 * function finds (or appends, so children stay in first-call order) the
 * child of the current node for that function and counts the call;
 * leaving goes back to the parent.  Memory is bounded by the number of
 * distinct paths, not of calls.  A longjmp out of a frame (panic) skips
 * exits: an exit that does not match the current node unwinds to the
 * nearest ancestor that matches.
 *
 * Only the thread that created the trace records (simulated CPU threads
 * may run kernel code at the same time).
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "mmsim/calltrace.h"
#include "mmsim/host_symbols.h"
#include "mmsim/machine.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define CT_NOTES 3               /* distinct notes kept per node */
#define CT_MAX_DEPTH 512         /* deeper calls are counted, not kept */
#define CT_CHUNK 4096            /* nodes per allocation */

#define notrace __attribute__((no_instrument_function))

struct ct_node {
	unsigned long fn;
	unsigned long count;
	struct ct_node *parent, *child, *last_child, *sibling;
	struct ct_node *hit;        /* the child entered last (lookup cache) */
	char *notes[CT_NOTES];
	bool more_notes;
	bool stop;                  /* the function calltrace_stop_at() named */
	bool watch;                 /* calltrace_on_return()'s parent */
	int depth;
};

struct ct_chunk {
	struct ct_chunk *next;
	unsigned int used;
	struct ct_node nodes[CT_CHUNK];
};

struct calltrace {
	pthread_t owner;
	struct ct_node root;
	struct ct_node *cur;
	int lost_depth;             /* frames entered past CT_MAX_DEPTH */
	unsigned long calls, nr_nodes;
	struct ct_chunk *chunks;
	const char *stop_name;      /* calltrace_stop_at() */
	void (*stop_fn)(void *arg);
	void *stop_arg;
	bool stopped;
	const char *watch_name;     /* calltrace_on_return() */
	void (*watch_fn)(void *arg, const char *func);
	void *watch_arg;
	struct calltrace_owner *owners;  /* calltrace_owner() records */
	size_t nr_owners, max_owners;
};

static struct calltrace *recording(void);

notrace struct calltrace *calltrace_create(void)
{
	struct calltrace *ct = host_alloc(sizeof(*ct));

	if (!ct)
		return NULL;
	ct->owner = pthread_self();
	ct->cur = &ct->root;
	return ct;
}

notrace void calltrace_destroy(struct calltrace *ct)
{
	struct ct_chunk *c, *next;
	unsigned int i;
	int j;

	if (!ct)
		return;
	for (c = ct->chunks; c; c = next) {
		next = c->next;
		for (i = 0; i < c->used; i++)
			for (j = 0; j < CT_NOTES; j++)
				host_free(c->nodes[i].notes[j]);
		host_free(c);
	}
	host_free(ct->owners);
	host_free(ct);
}

notrace void calltrace_attach(struct machine *m, struct calltrace *ct)
{
	m->calltrace = ct;
}

notrace void calltrace_stop_at(struct calltrace *ct, const char *func,
			       void (*fn)(void *arg), void *arg)
{
	ct->stop_name = func;
	ct->stop_fn = fn;
	ct->stop_arg = arg;
}

notrace void calltrace_on_return(struct calltrace *ct, const char *parent,
				 void (*fn)(void *arg, const char *func), void *arg)
{
	ct->watch_name = parent;
	ct->watch_fn = fn;
	ct->watch_arg = arg;
}

notrace void calltrace_owner(unsigned long long base, unsigned long long size,
			     const char *caller)
{
	struct calltrace *ct = recording();
	struct calltrace_owner *o;

	if (!ct || !size)
		return;
	if (ct->nr_owners == ct->max_owners) {
		size_t max = ct->max_owners ? 2 * ct->max_owners : 256;

		o = host_alloc(max * sizeof(*o));
		if (!o)
			return;
		if (ct->owners)
			memcpy(o, ct->owners, ct->nr_owners * sizeof(*o));
		host_free(ct->owners);
		ct->owners = o;
		ct->max_owners = max;
	}
	o = &ct->owners[ct->nr_owners++];
	o->base = base;
	o->size = size;
	snprintf(o->caller, sizeof(o->caller), "%s", caller ? caller : "?");
	if (strchr(o->caller, '+'))     /* "setup_arch+0x2e/0x90" */
		*strchr(o->caller, '+') = '\0';
}

notrace const struct calltrace_owner *calltrace_owners(const struct calltrace *ct,
						       size_t *nr)
{
	*nr = ct->nr_owners;
	return ct->owners;
}

notrace bool calltrace_stopped(const struct calltrace *ct)
{
	return ct->stopped;
}

notrace void calltrace_stats(const struct calltrace *ct, unsigned long *calls,
			     unsigned long *nodes)
{
	*calls = ct->calls;
	*nodes = ct->nr_nodes;
}

static notrace struct ct_node *node_new(struct calltrace *ct)
{
	struct ct_chunk *c = ct->chunks;

	if (!c || c->used == CT_CHUNK) {
		c = host_alloc(sizeof(*c));
		if (!c)
			return NULL;
		c->next = ct->chunks;
		ct->chunks = c;
	}
	ct->nr_nodes++;
	return &c->nodes[c->used++];
}

/* The child of @parent for function @fn, appended when new. */
static notrace struct ct_node *child_of(struct calltrace *ct,
					struct ct_node *parent, unsigned long fn)
{
	struct ct_node *n = parent->hit;

	if (n && n->fn == fn)
		return n;
	for (n = parent->child; n; n = n->sibling)
		if (n->fn == fn)
			goto found;
	n = node_new(ct);
	if (!n)
		return NULL;
	n->fn = fn;
	if (ct->stop_name || ct->watch_name) {
		char name[128];

		host_symbol_name(fn, name, sizeof(name));
		n->stop = ct->stop_name && !strcmp(name, ct->stop_name);
		n->watch = ct->watch_name && !strcmp(name, ct->watch_name);
	}
	n->parent = parent;
	n->depth = parent->depth + 1;
	if (parent->last_child)
		parent->last_child->sibling = n;
	else
		parent->child = n;
	parent->last_child = n;
found:
	parent->hit = n;
	return n;
}

static notrace struct calltrace *recording(void)
{
	/* the machine's trace, if this thread is the one it records (the
	 * unchecked pointer: hooks also run where no machine is current) */
	struct machine *m = current_machine_raw;
	struct calltrace *ct;

	if (likely(!m || !m->calltrace))
		return NULL;
	ct = m->calltrace;
	return pthread_equal(ct->owner, pthread_self()) ? ct : NULL;
}

notrace void __cyg_profile_func_enter(void *fn, void *site)
{
	struct calltrace *ct = recording();
	struct ct_node *n;

	if (!ct)
		return;
	ct->calls++;
	if (ct->lost_depth || ct->cur->depth >= CT_MAX_DEPTH) {
		ct->lost_depth++;
		return;
	}
	n = child_of(ct, ct->cur, (unsigned long)fn);
	if (!n) {
		ct->lost_depth++;
		return;
	}
	n->count++;
	ct->cur = n;
	if (unlikely(n->stop) && !ct->stopped) {
		struct machine *m = current_machine;

		ct->stopped = true;
		m->calltrace = NULL;    /* the callback's own calls are not traced */
		ct->stop_fn(ct->stop_arg);
		m->calltrace = ct;
	}
}

/* A child of the calltrace_on_return() function has returned. */
static notrace void returned_from(struct calltrace *ct, struct ct_node *n)
{
	struct machine *m = current_machine;
	char name[128];

	m->calltrace = NULL;    /* the callback's own calls are not traced */
	ct->watch_fn(ct->watch_arg, host_symbol_name(n->fn, name, sizeof(name)));
	m->calltrace = ct;
}

notrace void __cyg_profile_func_exit(void *fn, void *site)
{
	struct calltrace *ct = recording();
	struct ct_node *n;

	if (!ct)
		return;
	if (ct->lost_depth) {
		ct->lost_depth--;
		return;
	}
	for (n = ct->cur; n != &ct->root; n = n->parent)
		if (n->fn == (unsigned long)fn) {
			ct->cur = n->parent;
			if (unlikely(n->parent->watch))
				returned_from(ct, n);
			return;
		}
}

notrace bool calltrace_active(void)
{
	return recording() != NULL;
}

notrace void calltrace_note(const char *fmt, ...)
{
	struct calltrace *ct = recording();
	struct ct_node *n;
	char buf[160];
	va_list ap;
	int i;

	if (!ct || ct->lost_depth || ct->cur == &ct->root)
		return;
	n = ct->cur;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	for (i = 0; i < CT_NOTES && n->notes[i]; i++)
		if (!strcmp(n->notes[i], buf))
			return;
	if (i == CT_NOTES)
		n->more_notes = true;
	else
		n->notes[i] = host_strdup(buf);
}

/* ---- printing ---------------------------------------------------------- */

struct ct_print {
	FILE *out;
	int max_depth;              /* levels below the subtree's root; <0 all */
	char prefix[2 * CT_MAX_DEPTH * 4];
};

static notrace const char *node_name(const struct ct_node *n, char *buf,
				     size_t size)
{
	return host_symbol_name(n->fn, buf, size);
}

/* Columns taken by UTF-8 text (the box characters, "×"). */
static notrace int display_width(const char *s)
{
	int w = 0;

	for (; *s; s++)
		w += ((unsigned char)*s & 0xc0) != 0x80;
	return w;
}

static notrace void print_line(struct ct_print *p, const struct ct_node *n,
			       const char *branch)
{
	char name[128], file[128], left[512];
	int i, len, width;

	len = snprintf(left, sizeof(left), "%s%s%s", p->prefix, branch,
		       node_name(n, name, sizeof(name)));
	if (n->count > 1 && len < (int)sizeof(left))
		snprintf(left + len, sizeof(left) - len, " ×%lu", n->count);
	width = display_width(left);
	fprintf(p->out, "%s%*s  %s", left, width < 60 ? 60 - width : 0, "",
		host_symbol_file(n->fn, file, sizeof(file)));
	if (n->notes[0])
		fprintf(p->out, "%*s", 26 - (int)strlen(file), "");
	for (i = 0; i < CT_NOTES && n->notes[i]; i++)
		fprintf(p->out, "%s%s", i ? ", " : " ", n->notes[i]);
	if (n->more_notes)
		fputs(", …", p->out);
	fputc('\n', p->out);
}

/* The children of @n, drawn with box characters, @level levels down. */
static notrace void print_children(struct ct_print *p, const struct ct_node *n,
				   int level)
{
	const struct ct_node *c;
	size_t plen = strlen(p->prefix);

	if (p->max_depth >= 0 && level > p->max_depth)
		return;
	for (c = n->child; c; c = c->sibling) {
		bool last = !c->sibling;

		print_line(p, c, last ? "└─ " : "├─ ");
		if (plen + 8 >= sizeof(p->prefix))
			continue;
		strcat(p->prefix, last ? "   " : "│  ");
		print_children(p, c, level + 1);
		p->prefix[plen] = '\0';
	}
}

/* "start_kernel → mm_init" above a subtree found deeper in the tree. */
static notrace void print_path(struct ct_print *p, const struct ct_node *n)
{
	const struct ct_node *chain[CT_MAX_DEPTH + 1];
	char name[128];
	int k = 0;

	for (n = n->parent; n && n->parent; n = n->parent)
		chain[k++] = n;
	if (!k)
		return;
	fputs("called from:", p->out);
	while (k--)
		fprintf(p->out, " %s%s", node_name(chain[k], name, sizeof(name)),
			k ? " →" : "");
	fputc('\n', p->out);
}

/* Print every outermost node named @func below @n; counts them in *@found. */
static notrace void print_named(struct ct_print *p, const struct ct_node *n,
				const char *func, int *found)
{
	const struct ct_node *c;
	char name[128];

	for (c = n->child; c; c = c->sibling) {
		if (!strcmp(node_name(c, name, sizeof(name)), func)) {
			if ((*found)++)
				fputc('\n', p->out);
			print_path(p, c);
			print_line(p, c, "");
			print_children(p, c, 1);
			continue;
		}
		print_named(p, c, func, found);
	}
}

notrace int calltrace_print(struct calltrace *ct, FILE *out, const char *func,
			    int depth)
{
	struct ct_print p = { .out = out, .max_depth = depth };
	int found = 0;

	if (!func) {
		print_children(&p, &ct->root, 1);
		return 0;
	}
	print_named(&p, &ct->root, func, &found);
	return found ? 0 : -ENOENT;
}
