/* SPDX-License-Identifier: MIT */
/*
 * tools/replay_internal.h — what the pieces of the memblock replay share.
 *
 * No kernel counterpart.  Three files, one job each:
 *
 *   replay_log.c       the log as text: lines, timestamps, which lines are
 *                      memblock's, and the fields of each (pure parsing)
 *   replay_infer.c     state changes the log does not print, inferred
 *                      from the lines around them (x86 and ARM knowledge)
 *   replay_memblock.c  the engine: builds the machine, rebuilds the first
 *                      dump, replays every call and compares the output
 *
 * None of them contains allocator logic: every change to memblock goes
 * through the memblock API of mm/memblock.c.
 */
#ifndef _MMSIM_TOOLS_REPLAY_INTERNAL_H
#define _MMSIM_TOOLS_REPLAY_INTERNAL_H

#include "linux/types.h"
#include "mmsim/replay_memblock.h"

struct machine;

/* What a log line is, as far as the replay cares. */
enum rp_kind {
	RP_OTHER = 0, /* not printed by memblock */
	RP_RESERVE, /* memblock_reserve: [a-b] caller */
	RP_PHYS_FREE, /* memblock_phys_free: [a-b] caller */
	RP_ADD, /* memblock_add: [a-b] caller */
	RP_ADD_NODE, /* memblock_add_node: [a-b] nid=N flags=F caller */
	RP_REMOVE, /* memblock_remove: [a-b] caller */
	RP_FREE_LATE, /* memblock_free_late: [a-b] caller */
	RP_PHYS_ALLOC_RANGE, /* memblock_phys_alloc_range: N bytes align=... */
	RP_ALLOC_TRY_NID, /* memblock_alloc_try_nid: N bytes align=... nid= */
	RP_ALLOC_TRY_NID_RAW,
	RP_ALLOC_EXACT_NID_RAW,
	RP_DUMP_HEAD, /* MEMBLOCK configuration: */
	RP_DUMP_BODY, /* the lines of a dump after its head */
	RP_MEMBLOCK_MSG, /* memblock: ... (array doubling) */
};

struct rp_line {
	int lineno; /* 1-based, in the file */
	char *text; /* without the timestamp and the newline */
	enum rp_kind kind;
};

struct rp_log {
	const char *name;
	char *buf; /* the file's text, split in place */
	struct rp_line *lines;
	size_t nr;
};

/* The fields of one memblock call line. */
struct rp_call {
	enum rp_kind kind;
	u64 base, last; /* range lines: [base-last], as printed */
	u64 size, align; /* request lines */
	u64 from, max_addr;
	int nid; /* NUMA_NO_NODE when not printed */
	unsigned int flags;
	const char *caller; /* the caller as printed, e.g. "f+0x1/0x2" */
	char func[96]; /* the caller's function: "f" */
};

struct rp_region {
	u64 base, size;
	int nid; /* -1: printed without " on node N" */
	unsigned int flags;
};

/* One parsed `MEMBLOCK configuration:` dump. */
struct rp_dump {
	size_t head, end; /* line indices: [head, end) */
	int pa_digits; /* 8 (32-bit phys_addr_t) or 16 */
	u64 memory_size, reserved_size;
	struct rp_region *memory, *reserved;
	size_t nr_memory, nr_reserved;
};

/* replay_log.c */
int rp_log_split(struct rp_log *log, const char *text, const char *name);
void rp_log_free(struct rp_log *log);
enum rp_kind rp_classify(const char *text);
bool rp_kind_is_call(enum rp_kind kind);
bool rp_kind_is_alloc(enum rp_kind kind);
int rp_parse_call(const char *text, struct rp_call *c);
void rp_caller_func(const char *caller, char *out, size_t size);
int rp_parse_dump(const struct rp_log *log, size_t head, struct rp_dump *d,
		  char *err, size_t errlen);
void rp_dump_free(struct rp_dump *d);
bool rp_parse_mem_range(const char *s, u64 *start, u64 *last);

/* A block of x86 numa_meminfo, [start, end) on node nid. */
struct rp_numa_blk {
	u64 start, end;
	int nid;
};

#define RP_MAX_NUMA_BLKS 128

/* Inference state (replay_infer.c). */
struct rp_infer {
	bool arm;
	/* memblock.current_limit (x86: ISA_END_ADDRESS until the direct map) */
	int limit_phase; /* RP_LIMIT_* */
	u64 map_end; /* init_mem_mapping's end, 0 if not seen */
	/* x86 numa_init */
	struct rp_numa_blk blk[RP_MAX_NUMA_BLKS];
	int nr_blk;
	bool numa_attempt_open; /* a numa_init attempt has reset the nodes */
	bool numa_pending; /* blocks known, not yet registered */
	bool numa_emu;     /* numa=fake= replaced the blocks (numa_emulation) */
};

enum { RP_LIMIT_ISA, RP_LIMIT_MAPPING, RP_LIMIT_DONE };

struct replay {
	struct rp_log log;
	struct rp_dump first;
	struct machine *m;
	struct machine *old_machine;
	size_t log_seen; /* machine log records already matched */
	bool *consumed; /* per log line: matched by replayed output */
	struct replay_stats *st;
	replay_emit_fn emit;
	void *opaque;
	const struct replay_image *image; /* preloaded .config/profile, or NULL */
	char cmdline[2048]; /* the log's "Command line:" */
	struct rp_infer inf;
};

/* replay_infer.c */
void rp_infer_init(struct replay *r);
void rp_infer_line(struct replay *r, const char *text);
void rp_infer_before_call(struct replay *r, const struct rp_call *c,
			  bool limit_dependent);
bool rp_infer_node_data(const struct replay *r, size_t li,
			const struct rp_call *c, int *nid);

#endif /* _MMSIM_TOOLS_REPLAY_INTERNAL_H */
