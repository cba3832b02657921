// SPDX-License-Identifier: MIT
/*
 * mm/workingset.c — refault detection: when reclaim evicts a folio it
 * leaves a shadow entry recording "when"; if the folio faults back in
 * soon enough that it would have stayed had the active list been given
 * to it, it comes back active.
 *
 * Kernel counterpart: mm/workingset.c (Linux 6.1, root memcg):
 * lru_gen_eviction, lru_gen_refault (MGLRU on: the shadow holds the
 * generation and tier instead of the clock), pack_shadow, unpack_shadow,
 * workingset_age_nonresident,
 * workingset_eviction, workingset_refault, workingset_activation,
 * workingset_update_node, count_shadow_nodes, shadow_lru_isolate,
 * scan_shadow_nodes, workingset_init,
 * workingset_test_recent-free (6.1 has no such helper; mmsim's shadow
 * reader for tests).
 *
 * The clock is lruvec->nonresident_age: it ticks by the pages of every
 * eviction and every activation.  A shadow is an xarray value entry:
 *
 *   bit 0      1 (xa_mk_value)
 *   bit 1      PG_workingset of the evicted folio
 *   bits 2..   node id (NODES_SHIFT bits), memcg id (16 bits, 0 = root),
 *              then the clock >> bucket_order in what is left
 *
 * refault distance = clock now - clock at eviction; the folio is
 * activated when the distance fits in the workingset (active file, plus
 * inactive file for anon, plus anon when there is swap).
 *
 * Shadow nodes: an xarray node of a page cache whose every entry is a
 * shadow is put on its node's shadow_nodes list (workingset_update_node,
 * the xarray's update hook; WORKINGSET_NODES counts them), and the
 * shrinker frees the oldest when there are more than the node's pages
 * can use (count_shadow_nodes: one per 8 pages of LRU and slab), each
 * counted in workingset_nodereclaim.  6.1 hooks only ordinary files'
 * page caches (mapping_set_update, mm/filemap.c): not tmpfs, not the
 * swap cache; mmsim's files all being tmpfs, WORKINGSET_NODES stays 0 in
 * mmsim as in 6.1 for the same workloads.  The list is a plain list per
 * node (6.1: a list_lru, per memcg too).
 */
#include "linux/kernel.h"
#include "linux/mm.h"
#include "linux/mm_inline.h"
#include "linux/swap_lru.h"
#include "linux/vmstat.h"
#include "mm/vmscan_internal.h"
#include "mm/slab.h"
#include "linux/xarray.h"
#include "linux/fs.h"
#include "linux/pagemap.h"
#include "mmsim/lru_state.h"
#include "mmsim/machine.h"

#define WORKINGSET_SHIFT 1
#define MEM_CGROUP_ID_SHIFT 16
#define WS_NODES_SHIFT 10          /* CONFIG_NODES_SHIFT of Debian's x86_64 */
#define EVICTION_SHIFT (1 + WORKINGSET_SHIFT + WS_NODES_SHIFT + MEM_CGROUP_ID_SHIFT)
#define EVICTION_MASK (~0UL >> EVICTION_SHIFT)

/* Clock ticks per shadow unit: RAM too large for the bits left (never on 64-bit). */
static unsigned int bucket_order(void)
{
	unsigned int timestamp_bits = BITS_PER_LONG - EVICTION_SHIFT;
	unsigned long pages = totalram_pages();
	unsigned int max_order = 0;

	while (max_order < BITS_PER_LONG && (pages - 1) >> max_order)
		max_order++;
	return max_order > timestamp_bits ? max_order - timestamp_bits : 0;
}

static void *pack_shadow(int nid, unsigned long eviction, bool workingset)
{
	unsigned long v = eviction & EVICTION_MASK;

	v = v << MEM_CGROUP_ID_SHIFT;                /* memcg id 0: root */
	v = (v << WS_NODES_SHIFT) | (unsigned long)nid;
	v = (v << WORKINGSET_SHIFT) | workingset;
	return (void *)((v << 1) | 1);
}

static void unpack_shadow(void *shadow, int *nid, unsigned long *eviction,
			  bool *workingset)
{
	unsigned long v = (unsigned long)shadow >> 1;

	*workingset = v & 1;
	v >>= WORKINGSET_SHIFT;
	*nid = (int)(v & ((1UL << WS_NODES_SHIFT) - 1));
	v >>= WS_NODES_SHIFT;
	v >>= MEM_CGROUP_ID_SHIFT;
	*eviction = v;
}

static unsigned long nonresident_age(struct lruvec *lruvec)
{
	return (unsigned long)__atomic_load_n(&lruvec->nonresident_age.counter,
					      __ATOMIC_RELAXED);
}

/* atomic_long_add, as 6.1: every CPU's activations and evictions tick it. */
void workingset_age_nonresident(struct lruvec *lruvec, unsigned long nr_pages)
{
	__atomic_add_fetch(&lruvec->nonresident_age.counter, (long)nr_pages,
			   __ATOMIC_RELAXED);
}

/*
 * MGLRU's shadow: the oldest generation's sequence at eviction (min_seq
 * of the folio's type) and its tier; the controller counts the eviction.
 * The token is min_seq << LRU_REFS_WIDTH | refs - 1, and the workingset
 * bit says refs > 0.
 */
static void *lru_gen_eviction(struct folio *folio)
{
	struct lruvec *lruvec = folio_lruvec(folio);
	struct lru_gen_struct *lrugen = &lruvec->lrugen;
	int type = folio_is_file_lru(folio);
	int refs = folio_lru_refs(folio);
	int tier = lru_tier_from_refs(refs);
	unsigned long min_seq = lrugen->min_seq[type], token;

	token = (min_seq << LRU_REFS_WIDTH) | (unsigned long)max(refs - 1, 0);
	lrugen->evicted[lru_hist_from_seq(min_seq)][type][tier].counter +=
		(long)folio_nr_pages(folio);
	return pack_shadow(lruvec_pgdat(lruvec)->node_id, token, refs > 0);
}

/*
 * MGLRU refault: counted for the controller only while the generation it
 * left from is still the oldest; restored (its refs back at the top) when
 * it comes back through a fault or was used much through read/write.
 */
static void lru_gen_refault(struct folio *folio, void *shadow)
{
	int type = folio_is_file_lru(folio), nid, hist, refs, tier;
	long delta = (long)folio_nr_pages(folio);
	struct lru_gen_struct *lrugen;
	struct lruvec *lruvec;
	unsigned long token, min_seq;
	pg_data_t *pgdat;
	bool workingset;

	unpack_shadow(shadow, &nid, &token, &workingset);
	pgdat = NODE_DATA(nid);
	if (pgdat != page_pgdat(folio_page(folio, 0)))
		return;
	lruvec = &pgdat->__lruvec;
	lrugen = &lruvec->lrugen;
	min_seq = lrugen->min_seq[type];
	if ((token >> LRU_REFS_WIDTH) != (min_seq & (EVICTION_MASK >> LRU_REFS_WIDTH)))
		return;
	hist = lru_hist_from_seq(min_seq);
	refs = (int)(token & ((1UL << LRU_REFS_WIDTH) - 1)) + workingset;
	tier = lru_tier_from_refs(refs);
	lrugen->refaulted[hist][type][tier].counter += delta;
	__mod_node_page_state(pgdat, WORKINGSET_REFAULT_ANON + type, delta);
	if (lru_gen_in_fault() || refs >= (1 << LRU_REFS_WIDTH) - 1) {
		folio->page.flags |= LRU_REFS_MASK | (1UL << PG_workingset);
		__mod_node_page_state(pgdat, WORKINGSET_RESTORE_ANON + type, delta);
	}
}

/* @folio is being evicted (off the LRU, unreferenced): its shadow. */
void *workingset_eviction(struct folio *folio, struct mem_cgroup *target_memcg)
{
	struct lruvec *lruvec = folio_lruvec(folio);
	unsigned long eviction;

	(void)target_memcg;
	if (lru_gen_enabled())
		return lru_gen_eviction(folio);
	eviction = nonresident_age(lruvec) >> bucket_order();
	workingset_age_nonresident(lruvec, folio_nr_pages(folio));
	return pack_shadow(lruvec_pgdat(lruvec)->node_id, eviction,
			   folio_test_workingset(folio));
}

/* The pages that compete with a refaulting folio of this kind. */
static unsigned long workingset_size(pg_data_t *pgdat, bool file)
{
	unsigned long size = node_page_state(pgdat, NR_ACTIVE_FILE);

	if (!file)
		size += node_page_state(pgdat, NR_INACTIVE_FILE);
	if (vmscan_nr_swap_pages() > 0) {
		size += node_page_state(pgdat, NR_ACTIVE_ANON);
		if (file)
			size += node_page_state(pgdat, NR_INACTIVE_ANON);
	}
	return size;
}

/*
 * @folio comes back into memory where @shadow was: count the refault and
 * activate it when its refault distance fits in the workingset.
 */
void workingset_refault(struct folio *folio, void *shadow)
{
	bool file = folio_is_file_lru(folio), workingset;
	unsigned long eviction, refault, distance;
	long nr = (long)folio_nr_pages(folio);
	struct lruvec *lruvec;
	pg_data_t *pgdat;
	int nid;

	if (lru_gen_enabled()) {
		lru_gen_refault(folio, shadow);
		return;
	}
	unpack_shadow(shadow, &nid, &eviction, &workingset);
	eviction <<= bucket_order();
	pgdat = NODE_DATA(nid);
	lruvec = &pgdat->__lruvec;
	refault = nonresident_age(lruvec);
	distance = (refault - eviction) & EVICTION_MASK;
	__mod_node_page_state(pgdat, WORKINGSET_REFAULT_ANON + file, nr);
	if (distance > workingset_size(pgdat, file))
		return;
	folio_set_active(folio);
	workingset_age_nonresident(lruvec, (unsigned long)nr);
	__mod_node_page_state(pgdat, WORKINGSET_ACTIVATE_ANON + file, nr);
	if (workingset) {
		folio_set_workingset(folio);
		lru_note_cost_folio(folio);
		__mod_node_page_state(pgdat, WORKINGSET_RESTORE_ANON + file, nr);
	}
}

/* A folio was activated by use: the clock moves. */
void workingset_activation(struct folio *folio)
{
	workingset_age_nonresident(folio_lruvec(folio), folio_nr_pages(folio));
}

/* Would a refault of @shadow now activate? (*workingset: its PG_workingset) */
bool workingset_test_recent(void *shadow, bool file, bool *workingset)
{
	unsigned long eviction, distance;
	pg_data_t *pgdat;
	int nid;

	unpack_shadow(shadow, &nid, &eviction, workingset);
	eviction <<= bucket_order();
	pgdat = NODE_DATA(nid);
	distance = (nonresident_age(&pgdat->__lruvec) -
		    eviction) & EVICTION_MASK;
	return distance <= workingset_size(pgdat, file);
}

/* ---- shadow nodes ---------------------------------------------------------- */

/* The NUMA node whose memory holds xarray node @node. */
static pg_data_t *xa_node_pgdat(struct xa_node *node)
{
	return page_pgdat(virt_to_page(slab_kernel_object(node)));
}

/*
 * workingset_update_node: called by the xarray as @node's counts change:
 * on the list while it holds shadows only, off it otherwise.
 */
void workingset_update_node(struct xa_node *node)
{
	struct lru_state *ls = mmsim_lru_state();
	pg_data_t *pgdat = xa_node_pgdat(node);
	int nid = pgdat->node_id;

	if (node->count && node->count == node->nr_values) {
		if (list_empty(&node->private_list)) {
			list_add_tail(&node->private_list, &ls->shadow_nodes[nid]);
			ls->nr_shadow_nodes[nid]++;
			__mod_node_page_state(pgdat, WORKINGSET_NODES, 1);
		}
	} else if (!list_empty(&node->private_list)) {
		list_del_init(&node->private_list);
		ls->nr_shadow_nodes[nid]--;
		__mod_node_page_state(pgdat, WORKINGSET_NODES, -1);
	}
}

/*
 * count_shadow_nodes: how many of the node's shadow nodes are too many.
 * A shadow node is worth keeping while its shadows could still refault
 * within the memory: allow one node (64 shadows) per 8 pages of the LRU
 * and the slab caches (the root memcg's view, which is the node's).
 */
static unsigned long count_shadow_nodes(struct shrinker *shrinker,
					struct shrink_control *sc)
{
	unsigned long nodes = mmsim_lru_state()->nr_shadow_nodes[sc->nid];
	pg_data_t *pgdat = NODE_DATA(sc->nid);
	unsigned long pages = 0, max_nodes;
	int i;

	(void)shrinker;
	if (!nodes)
		return SHRINK_EMPTY;
	for (i = 0; i < NR_LRU_LISTS; i++)
		pages += node_page_state(pgdat, NR_LRU_BASE + i);
	pages += node_page_state(pgdat, NR_SLAB_RECLAIMABLE_B) >> PAGE_SHIFT;
	pages += node_page_state(pgdat, NR_SLAB_UNRECLAIMABLE_B) >> PAGE_SHIFT;
	max_nodes = pages >> (XA_CHUNK_SHIFT - 3);
	return nodes <= max_nodes ? 0 : nodes - max_nodes;
}

/* shadow_lru_isolate: drop the oldest shadow node of @nid and its shadows. */
static void shadow_lru_isolate(struct lru_state *ls, int nid, struct xa_node *node)
{
	struct address_space *mapping =
		container_of(node->array, struct address_space, i_pages);
	pg_data_t *pgdat = xa_node_pgdat(node);

	xa_lock_irq(&mapping->i_pages);
	list_del_init(&node->private_list);
	ls->nr_shadow_nodes[nid]--;
	__mod_node_page_state(pgdat, WORKINGSET_NODES, -1);
	if (!WARN_ON_ONCE(!node->nr_values || node->count != node->nr_values)) {
		xa_delete_node(node, workingset_update_node);
		__mod_node_page_state(pgdat, WORKINGSET_NODERECLAIM, 1);
	}
	xa_unlock_irq(&mapping->i_pages);
}

/* scan_shadow_nodes: up to sc->nr_to_scan of the oldest, freed. */
static unsigned long scan_shadow_nodes(struct shrinker *shrinker,
				       struct shrink_control *sc)
{
	struct lru_state *ls = mmsim_lru_state();
	struct list_head *list = &ls->shadow_nodes[sc->nid];
	unsigned long freed = 0;

	(void)shrinker;
	while (freed < sc->nr_to_scan && !list_empty(list)) {
		shadow_lru_isolate(ls, sc->nid,
				   list_first_entry(list, struct xa_node, private_list));
		freed++;
	}
	return freed;
}

/*
 * workingset_init (a module initcall): the shadow-node shrinker,
 * per NUMA node, seeks 0 (count_shadow_nodes reports only nodes that can
 * all go).
 */
void workingset_init(void)
{
	struct shrinker *s = &mmsim_lru_state()->workingset_shadow_shrinker;

	s->count_objects = count_shadow_nodes;
	s->scan_objects = scan_shadow_nodes;
	s->seeks = 0;
	s->name = "mm-shadow";
	register_shrinker(s, "mm-shadow");
}
