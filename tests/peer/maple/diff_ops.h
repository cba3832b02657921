/* SPDX-License-Identifier: MIT */
/*
 * tests/peer/maple/diff_ops.h — one sequence of maple tree writes, run
 * once on mmsim's tree (diff_mmsim.c) and once on Linux 6.1.192's own
 * lib/maple_tree.c (diff_kernel.c); run.sh compares what both print.
 *
 * No kernel counterpart.  After every write it prints the tree's height,
 * the number of maple_node objects allocated (the harness's kmem_cache
 * count: nodes in the tree plus those held by no one) and the last index
 * of every leaf, found with mas_walk() (which leaves the leaf's span in
 * mas.min/mas.max in both implementations).  Equal output means equal
 * leaves, height and node count after every write.
 *
 *   - 40 seeded sequences of 1,500 writes over 3,000 (or 300) indices:
 *     range stores, NULL stores, erases, inserts and preallocated stores,
 *     odd seeds in allocation-range trees;
 *   - 10 bulk loads (mas_expected_entries, in-order mas_store,
 *     mas_destroy) of 57 to 390 ranges, as dup_mmap() does.
 *
 * Uses only the API both trees share: mt_init_flags, mtree_store_range,
 * mtree_erase, mtree_insert_range, mas_preallocate, mas_store_prealloc,
 * mas_expected_entries, mas_store, mas_destroy, mas_walk, mt_height and
 * the harness's mt_nr_allocated().
 */
static unsigned long long rs;
static unsigned long rnd(unsigned long n)
{
	rs = rs * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned long)(rs >> 33) % n;
}
static void sig(struct maple_tree *mt, int step)
{
	unsigned long idx = 0;
	int n = 0;
	printf("%d h%u n%u:", step, mt_height(mt), mt_nr_allocated());
	if (!mt_height(mt)) { printf("\n"); return; }
	for (;;) {
		MA_STATE(mas, mt, idx, idx);
		mas_walk(&mas);
		printf(" %lu", mas.max);
		if (mas.max == ULONG_MAX || ++n > 100000) break;
		idx = mas.max + 1;
	}
	printf("\n");
}
static void run(unsigned long long seed, unsigned int flags, int steps, unsigned long space)
{
	static struct maple_tree tree;
	struct maple_tree *mt = &tree;
	int i;
	rs = seed;
	mt_init_flags(mt, flags);
	for (i = 0; i < steps; i++) {
		unsigned long a = rnd(space), len = rnd(8) ? rnd(20) : rnd(space / 4);
		unsigned long b = a + len;
		void *e = (void *)((rnd(1000) << 2) | 1);
		int op = rnd(10);
		if (op < 5) {
			mtree_store_range(mt, a, b, e, GFP_KERNEL);
		} else if (op < 7) {
			mtree_store_range(mt, a, b, NULL, GFP_KERNEL);
		} else if (op < 8) {
			mtree_erase(mt, a);
		} else if (op < 9) {
			mtree_insert_range(mt, a, b, e, GFP_KERNEL);
		} else {
			MA_STATE(mas, mt, a, b);
			if (!mas_preallocate(&mas, e, GFP_KERNEL))
				mas_store_prealloc(&mas, rnd(3) ? e : NULL);
		}
		sig(mt, i);
	}
	mtree_destroy(mt);
}
static void diff_ops_run_all(void)
{
	unsigned long long s;
	for (s = 1; s <= 40; s++) {
		printf("seed %llu\n", s);
		run(s, s & 1 ? MT_FLAGS_ALLOC_RANGE : 0, 1500, s % 3 ? 3000 : 300);
	}
	/* bulk: dup-like */
	for (s = 1; s <= 10; s++) {
		static struct maple_tree t2;
		unsigned long i, n = 20 + s * 37;
		printf("bulk %llu\n", s);
		mt_init_flags(&t2, MT_FLAGS_ALLOC_RANGE);
		MA_STATE(mas, &t2, 0, 0);
		mas_lock(&mas);
		mas_expected_entries(&mas, n);
		for (i = 0; i < n; i++) {
			mas_set_range(&mas, i * 20 + 4096, i * 20 + 4096 + 9 + (i % 3));
			mas_store(&mas, (void *)((i << 2) | 1));
		}
		mas_destroy(&mas);
		mas_unlock(&mas);
		sig(&t2, (int)n);
		mtree_destroy(&t2);
	}
}
