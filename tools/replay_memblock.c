// SPDX-License-Identifier: MIT
/*
 * tools/replay_memblock.c — the memblock replay engine.
 *
 * No kernel counterpart.  It turns a memblock=debug kernel log back into
 * memblock calls and checks that mmsim's mm/memblock.c answers each one
 * exactly as the kernel did:
 *
 *   log ──split──> lines ──first dump──> bare machine, memblock rebuilt
 *                                            │
 *   for every later line, in order:          ▼
 *     not memblock's    -> replay_infer.c (silent state changes)
 *     a call            -> the same call through the memblock API, with
 *                          the log's caller text, memblock=debug on
 *     a dump            -> memblock_dump_all()
 *   every line mmsim prints is matched, in order, against the log's next
 *   unmatched memblock line; the first difference stops the replay.
 *
 * An allocation's result line ("memblock_reserve: [...]
 * memblock_alloc_range_nid+...") is printed by mmsim's memblock too, so an
 * allocation at another address is a differing line.  mmsim names its own
 * internal callers without the image's +offset/size; a produced line whose
 * caller is a bare function name equal to the log's caller up to '+' is
 * given the log's spelling (nothing else is rewritten).
 *
 * The machine is "bare" (RAM only, empty memblock), sized to the end of
 * the first dump's memory, with the Debian amd64 configuration — or the
 * armmp one when the log prints 8-digit physical addresses.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/memblock.h"
#include "linux/numa.h"
#include "linux/printk.h"
#include "linux/sizes.h"
#include "mmsim/host.h"
#include "mmsim/kconfig.h"
#include "mmsim/profile.h"
#include "replay_internal.h"
#include "mmsim/machine.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define CONFIG_FILE_X86 "config-6.1.0-56-amd64"
#define CONFIG_FILE_ARM "config-6.1.0-50-armmp"
#define PROFILE_FILE_X86 "debian-6.1.0-56-amd64.profile"

#define NOTHING "" /* "got" when mmsim printed no line */

static int bad_input(struct replay *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int bad_input(struct replay *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->st->err, sizeof(r->st->err), fmt, ap);
	va_end(ap);
	return REPLAY_BAD_INPUT;
}

static int mismatch(struct replay *r, size_t li, const char *got)
{
	struct replay_stats *st = r->st;

	st->mismatch_line =
		li < r->log.nr
			? r->log.lines[li].lineno
			: (r->log.nr ? r->log.lines[r->log.nr - 1].lineno + 1
				     : 1);
	snprintf(st->expected, sizeof(st->expected), "%s",
		 li < r->log.nr ? r->log.lines[li].text : "(end of log)");
	snprintf(st->got, sizeof(st->got), "%s", got);
	return REPLAY_MISMATCH;
}

/* --- the machine ------------------------------------------------------- */

static struct machine *make_machine(struct replay *r, u64 ram_size)
{
	struct machine_desc d;
	struct kconfig *kc;
	struct kernel_profile *prof;
	struct machine *m;
	char path[4096], err[512];

	memset(&d, 0, sizeof(d));
	d.arch = r->inf.arm ? MMSIM_ARCH_ARM : MMSIM_ARCH_X86_64;
	strcpy(d.model, "bare");
	d.ram_size = ram_size;
	d.smp_cpus = d.sockets = d.cores = d.threads = 1;

	if (r->image) {
		d.borrowed_image = true;
		kc = r->inf.arm ? r->image->config_arm : r->image->config_x86;
		prof = r->image->profile;
		goto create;
	}
	snprintf(path, sizeof(path), "%s/configs/%s", host_data_dir(),
		 r->inf.arm ? CONFIG_FILE_ARM : CONFIG_FILE_X86);
	kc = kconfig_load(path, err, sizeof(err));
	if (!kc) {
		bad_input(r, "%s", err);
		return NULL;
	}
	/* a bare machine never reads the image profile; machines need one */
	snprintf(path, sizeof(path), "%s/profiles/%s", host_data_dir(),
		 PROFILE_FILE_X86);
	prof = profile_load(path, err, sizeof(err));
	if (!prof) {
		kconfig_free(kc);
		bad_input(r, "%s", err);
		return NULL;
	}
create:
	m = machine_create(&d, kc, prof, err, sizeof(err));
	if (!m) {
		bad_input(r, "%s: %s", r->log.name, err);
		return NULL;
	}
	m->log.console_enabled = false;
	return m;
}

/* --- matching what mmsim prints against the log ------------------------ */

static size_t next_unmatched(const struct replay *r, size_t li)
{
	while (li < r->log.nr &&
	       (r->log.lines[li].kind == RP_OTHER || r->consumed[li]))
		li++;
	return li;
}

static const char *last_word(const char *s)
{
	const char *sp = strrchr(s, ' ');

	return sp ? sp + 1 : s;
}

/*
 * @ours with its bare internal caller ("memblock_alloc_range_nid") spelt
 * as the log spells the same function ("memblock_alloc_range_nid+0xb0/
 * 0x13d"), when everything before the caller is identical.
 */
static void complete_caller(char *out, size_t size, const char *ours,
			    const char *theirs)
{
	const char *oc = last_word(ours), *tc;
	size_t on = (size_t)(oc - ours), cn = strlen(oc);

	snprintf(out, size, "%s", ours);
	if (!theirs || oc == ours || strchr(oc, '+'))
		return;
	tc = last_word(theirs);
	if ((size_t)(tc - theirs) != on || strncmp(ours, theirs, on) ||
	    strncmp(tc, oc, cn) || tc[cn] != '+')
		return;
	snprintf(out, size, "%s", theirs);
}

/*
 * Is a record mmsim printed one of memblock's lines?  Its own notes may
 * start like one ("memblock_free_late: no page allocator yet ...") but do
 * not parse as a call.
 */
static bool is_memblock_output(const char *text)
{
	enum rp_kind kind = rp_classify(text);
	struct rp_call c;

	if (kind == RP_OTHER)
		return false;
	return !rp_kind_is_call(kind) || !rp_parse_call(text, &c);
}

static bool is_alloc_result(const char *text)
{
	struct rp_call c;

	return rp_classify(text) == RP_RESERVE && !rp_parse_call(text, &c) &&
	       !strcmp(c.func, "memblock_alloc_range_nid");
}

/*
 * Match every record printed since the last call, in order, against the
 * log's unmatched memblock lines from line @from on.  Records that are not
 * memblock lines (mmsim's own notes) are not part of the comparison.
 * @results counts the allocation results among them.
 */
static int settle(struct replay *r, size_t from, bool count, int *results)
{
	struct printk_log *log = &r->m->log;
	size_t j = from;
	char text[1024];

	for (; r->log_seen < log->nr; r->log_seen++) {
		const struct log_record *rec = &log->recs[r->log_seen];

		if (!is_memblock_output(rec->text))
			continue;
		j = next_unmatched(r, j);
		complete_caller(text, sizeof(text), rec->text,
				j < r->log.nr ? r->log.lines[j].text : NULL);
		if (r->emit)
			r->emit(rec->ts_nsec, text, r->opaque);
		if (count)
			r->st->lines_replayed++;
		if (j >= r->log.nr || strcmp(text, r->log.lines[j].text)) {
			r->log_seen++;
			return mismatch(r, j, text);
		}
		if (count)
			r->st->lines_equal++;
		if (results && is_alloc_result(text))
			(*results)++;
		r->consumed[j++] = true;
	}
	return 0;
}

/* --- rebuilding the first dump ----------------------------------------- */

static u64 dump_ram_end(const struct rp_dump *d)
{
	u64 end = SZ_2M;
	size_t i;

	for (i = 0; i < d->nr_memory; i++)
		end = max(end, d->memory[i].base + d->memory[i].size);
	return ALIGN(end, (u64)SZ_2M);
}

/*
 * Put the dump's regions into the empty memblock with debug output off,
 * then print the dump again and match it against the log's: the rebuilt
 * state is exactly the dumped one, or the replay stops here.
 */
static int rebuild(struct replay *r)
{
	const struct rp_dump *d = &r->first;
	size_t i;

	memblock_set_debug(false);
	/* e820__memblock_setup() / arm_memblock_init() allowed resizing */
	memblock_allow_resize();
	for (i = 0; i < d->nr_memory; i++) {
		const struct rp_region *g = &d->memory[i];

		if (memblock_add_node(g->base, g->size,
				      g->nid < 0 ? MAX_NUMNODES : g->nid,
				      (enum memblock_flags)g->flags))
			return bad_input(
				r,
				"%s: cannot rebuild memory region %#llx+%#llx",
				r->log.name, (unsigned long long)g->base,
				(unsigned long long)g->size);
	}
	for (i = 0; i < d->nr_reserved; i++) {
		const struct rp_region *g = &d->reserved[i];

		if (g->flags)
			return bad_input(
				r,
				"%s: reserved region %#llx has flags %#x, which 6.1 never sets",
				r->log.name, (unsigned long long)g->base,
				g->flags);
		if (!g->size)
			continue;
		memblock_reserve(g->base, g->size);
		if (g->nid >= 0)
			memblock_set_node(g->base, g->size, &memblock.reserved,
					  g->nid);
	}
	/*
	 * The kernel's counters, as printed: memblock_trim_memory() (called
	 * by e820__memblock_setup) shrinks regions to whole pages without
	 * updating memory.total_size, so it can exceed the regions' sum; the
	 * difference is what the validator is told was trimmed.
	 */
	r->m->memblock_st.memory_trim_slack =
		d->memory_size - memblock.memory.total_size;
	memblock.memory.total_size = d->memory_size;
	memblock.reserved.total_size = d->reserved_size;
	rp_infer_init(r);
	memblock_set_debug(true);
	r->log_seen = r->m->log.nr;
	memblock_dump_all();
	return settle(r, d->head, false, NULL);
}

/* --- replaying one line ------------------------------------------------ */

/* Does the request read memblock.current_limit? */
static bool reads_limit(const struct rp_call *c)
{
	switch (c->kind) {
	case RP_ALLOC_TRY_NID:
	case RP_ALLOC_TRY_NID_RAW:
	case RP_ALLOC_EXACT_NID_RAW:
		return true;
	case RP_PHYS_ALLOC_RANGE:
		return c->max_addr == MEMBLOCK_ALLOC_ACCESSIBLE ||
		       c->max_addr == MEMBLOCK_ALLOC_NOLEAKTRACE;
	default:
		return false;
	}
}

/* The byte count of a printed range [base-last], in phys_addr_t. */
static u64 range_size(const struct rp_call *c)
{
	return (c->last - c->base + 1) & PHYS_ADDR_MAX;
}

static void do_call(const struct rp_call *c)
{
	u64 size = range_size(c);

	switch (c->kind) {
	case RP_RESERVE:
		memblock_reserve_caller(c->base, size, c->caller);
		break;
	case RP_PHYS_FREE:
		memblock_phys_free_caller(c->base, size, c->caller);
		break;
	case RP_ADD:
		memblock_add_caller(c->base, size, c->caller);
		break;
	case RP_ADD_NODE:
		memblock_add_node_caller(c->base, size, c->nid,
					 (enum memblock_flags)c->flags,
					 c->caller);
		break;
	case RP_REMOVE:
		memblock_remove_caller(c->base, size, c->caller);
		break;
	case RP_FREE_LATE:
		memblock_free_late_caller(c->base, size, c->caller);
		break;
	case RP_PHYS_ALLOC_RANGE:
		memblock_phys_alloc_range_caller(c->size, c->align, c->from,
						 c->max_addr, c->caller);
		break;
	case RP_ALLOC_TRY_NID:
		memblock_alloc_try_nid_caller(c->size, c->align, c->from,
					      c->max_addr, c->nid, c->caller);
		break;
	case RP_ALLOC_TRY_NID_RAW:
		memblock_alloc_try_nid_raw_caller(c->size, c->align, c->from,
						  c->max_addr, c->nid,
						  c->caller);
		break;
	case RP_ALLOC_EXACT_NID_RAW:
		memblock_alloc_exact_nid_raw_caller(c->size, c->align, c->from,
						    c->max_addr, c->nid,
						    c->caller);
		break;
	default:
		break;
	}
}

/*
 * After an allocation that printed no result: if the log's next memblock
 * line is an allocation result, the kernel's allocation succeeded and
 * mmsim's did not.
 */
static int check_result(struct replay *r, size_t li, int results)
{
	size_t j;

	if (results) {
		r->st->allocs_verified++;
		return 0;
	}
	j = next_unmatched(r, li);
	if (j < r->log.nr && is_alloc_result(r->log.lines[j].text))
		return mismatch(r, j, NOTHING);
	return 0;
}

/*
 * A result with no request line before it.  alloc_node_data()'s is
 * replayed as the memblock_phys_alloc_try_nid() it is; any other is
 * reserved where the log says and counted as not verified.
 */
static int replay_bare_result(struct replay *r, size_t li,
			      const struct rp_call *c)
{
	int nid, results = 0, ret;

	rp_infer_before_call(r, c, true);
	ret = settle(r, li, true, NULL);
	if (ret)
		return ret;
	if (rp_infer_node_data(r, li, c, &nid)) {
		memblock_phys_alloc_try_nid(range_size(c), SMP_CACHE_BYTES,
					    nid);
		ret = settle(r, li, true, &results);
		return ret ? ret : check_result(r, li, results);
	}
	memblock_reserve_caller(c->base, range_size(c), c->caller);
	r->st->allocs_unverified++;
	return settle(r, li, true, NULL);
}

static int replay_line(struct replay *r, size_t li)
{
	const struct rp_line *l = &r->log.lines[li];
	struct rp_call c;
	int ret, results = 0;

	switch (l->kind) {
	case RP_DUMP_HEAD:
		rp_infer_before_call(r, NULL, false);
		ret = settle(r, li, true, NULL);
		if (ret)
			return ret;
		memblock_dump_all();
		return settle(r, li, true, NULL);
	case RP_DUMP_BODY:
	case RP_MEMBLOCK_MSG:
		return mismatch(r, li, NOTHING);
	default:
		break;
	}
	if (rp_parse_call(l->text, &c))
		return bad_input(r, "%s:%d: malformed memblock line: '%s'",
				 r->log.name, l->lineno, l->text);
	if (!strcmp(c.func, "memblock_double_array"))
		return mismatch(r, li, NOTHING); /* a resize mmsim did not do */
	if (c.kind == RP_RESERVE && !strcmp(c.func, "memblock_alloc_range_nid"))
		return replay_bare_result(r, li, &c);

	rp_infer_before_call(r, &c, reads_limit(&c));
	ret = settle(r, li, true, NULL);
	if (ret)
		return ret;
	do_call(&c);
	ret = settle(r, li, true, &results);
	if (ret || !rp_kind_is_alloc(c.kind))
		return ret;
	return check_result(r, li, results);
}

/*
 * After every replayed line memblock's invariants must hold (sorted,
 * merged, totals right).  The validator's complaint is the mismatch.
 */
static int check_invariants(struct replay *r, size_t li)
{
	struct printk_log *log = &r->m->log;
	const char *why = "memblock_validate() failed";

	if (!memblock_validate())
		return 0;
	if (log->nr > r->log_seen)
		why = log->recs[log->nr - 1].text;
	r->log_seen = log->nr;
	return mismatch(r, li, why);
}

static int walk(struct replay *r, size_t start)
{
	size_t li;
	int ret;

	for (li = start; li < r->log.nr; li++) {
		const struct rp_line *l = &r->log.lines[li];

		if (l->kind == RP_OTHER) {
			rp_infer_line(r, l->text);
			ret = settle(r, li, true, NULL);
		} else if (!r->consumed[li]) {
			ret = replay_line(r, li);
			/* the call printed nothing where the log has its line */
			if (!ret && !r->consumed[li])
				ret = mismatch(r, li, NOTHING);
			if (!ret)
				ret = check_invariants(r, li);
		} else {
			ret = 0;
		}
		if (ret)
			return ret;
	}
	return REPLAY_EQUAL;
}

/* --- the whole replay --------------------------------------------------- */

static size_t find_first_dump(const struct rp_log *log)
{
	size_t i;

	for (i = 0; i < log->nr; i++)
		if (log->lines[i].kind == RP_DUMP_HEAD)
			return i;
	return log->nr;
}

/* The kernel command line, from the "Command line:" line before the dump. */
static void read_cmdline(struct replay *r, size_t head)
{
	size_t i;

	for (i = 0; i < head; i++)
		if (!strncmp(r->log.lines[i].text, "Command line: ", 14)) {
			snprintf(r->cmdline, sizeof(r->cmdline), "%s",
				 r->log.lines[i].text + 14);
			return;
		}
	for (i = head; i < r->log.nr; i++) /* ARM prints it later */
		if (!strncmp(r->log.lines[i].text,
			     "Kernel command line: ", 21)) {
			snprintf(r->cmdline, sizeof(r->cmdline), "%s",
				 r->log.lines[i].text + 21);
			return;
		}
}

/* Every memblock call line after the first dump must parse. */
static int check_calls(struct replay *r)
{
	struct rp_call c;
	size_t li;

	for (li = r->first.end; li < r->log.nr; li++) {
		const struct rp_line *l = &r->log.lines[li];

		if (rp_kind_is_call(l->kind) && rp_parse_call(l->text, &c))
			return bad_input(r,
					 "%s:%d: malformed memblock line: '%s'",
					 r->log.name, l->lineno, l->text);
	}
	return 0;
}

/* The log read and checked: lines, the first dump, every call line. */
static int parse(struct replay *r, const char *text, const char *name)
{
	size_t head;

	if (rp_log_split(&r->log, text, name))
		return bad_input(r, "%s: the file is empty", name);
	head = find_first_dump(&r->log);
	if (head == r->log.nr)
		return bad_input(
			r,
			"%s: no 'MEMBLOCK configuration:' dump (was the kernel booted with memblock=debug?)",
			name);
	if (rp_parse_dump(&r->log, head, &r->first, r->st->err,
			  sizeof(r->st->err)))
		return REPLAY_BAD_INPUT;
	if (check_calls(r))
		return REPLAY_BAD_INPUT;
	read_cmdline(r, head);
	r->inf.arm = r->st->arm = r->first.pa_digits == 8;
	return 0;
}

static int prepare(struct replay *r, const char *text, const char *name)
{
	int ret = parse(r, text, name);

	if (ret)
		return ret;
	r->consumed = host_alloc(r->log.nr * sizeof(*r->consumed));
	r->m = make_machine(r, dump_ram_end(&r->first));
	if (!r->m)
		return REPLAY_BAD_INPUT;
	r->old_machine = machine_enter(r->m);
	return 0;
}

int replay_memblock_parse(const char *text, const char *name,
			  struct replay_stats *st)
{
	struct replay r;
	int ret;

	memset(st, 0, sizeof(*st));
	memset(&r, 0, sizeof(r));
	r.st = st;
	ret = parse(&r, text, name);
	rp_dump_free(&r.first);
	rp_log_free(&r.log);
	return ret;
}

int replay_memblock(const char *text, const char *name, replay_emit_fn emit,
		    void *opaque, struct replay_stats *st)
{
	return replay_memblock_image(text, name, emit, opaque, st, NULL);
}

int replay_memblock_image(const char *text, const char *name, replay_emit_fn emit,
			  void *opaque, struct replay_stats *st,
			  const struct replay_image *image)
{
	struct replay r;
	int ret;

	memset(st, 0, sizeof(*st));
	memset(&r, 0, sizeof(r));
	r.st = st;
	r.image = image;
	r.emit = emit;
	r.opaque = opaque;
	ret = prepare(&r, text, name);
	if (!ret)
		ret = rebuild(&r);
	if (!ret)
		ret = walk(&r, r.first.end);
	if (r.m) {
		machine_enter(r.old_machine);
		machine_destroy(r.m);
	}
	host_free(r.consumed);
	rp_dump_free(&r.first);
	rp_log_free(&r.log);
	return ret;
}
