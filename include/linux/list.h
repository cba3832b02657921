/* SPDX-License-Identifier: MIT */
/*
 * include/linux/list.h — circular doubly-linked lists.
 *
 * Kernel counterpart: include/linux/list.h.  Same names and semantics;
 * struct list_head itself is in <linux/types.h> as in the kernel.
 */
#ifndef _MMSIM_LINUX_LIST_H
#define _MMSIM_LINUX_LIST_H

#include "linux/types.h"
#include "linux/kernel.h"

#define LIST_HEAD_INIT(name) { &(name), &(name) }
#define LIST_HEAD(name) struct list_head name = LIST_HEAD_INIT(name)

static inline void INIT_LIST_HEAD(struct list_head *list)
{
	list->next = list;
	list->prev = list;
}

static inline void __list_add(struct list_head *new, struct list_head *prev,
			      struct list_head *next)
{
	next->prev = new;
	new->next = next;
	new->prev = prev;
	prev->next = new;
}

/* Insert @new right after @head (stack order). */
static inline void list_add(struct list_head *new, struct list_head *head)
{
	__list_add(new, head, head->next);
}

/* Insert @new right before @head (queue order). */
static inline void list_add_tail(struct list_head *new, struct list_head *head)
{
	__list_add(new, head->prev, head);
}

static inline void __list_del(struct list_head *prev, struct list_head *next)
{
	next->prev = prev;
	prev->next = next;
}

#define LIST_POISON1 ((struct list_head *)0x100)
#define LIST_POISON2 ((struct list_head *)0x122)

static inline void list_del(struct list_head *entry)
{
	__list_del(entry->prev, entry->next);
	entry->next = LIST_POISON1;
	entry->prev = LIST_POISON2;
}

static inline void list_del_init(struct list_head *entry)
{
	__list_del(entry->prev, entry->next);
	INIT_LIST_HEAD(entry);
}

static inline void list_move(struct list_head *list, struct list_head *head)
{
	__list_del(list->prev, list->next);
	list_add(list, head);
}

static inline void list_move_tail(struct list_head *list, struct list_head *head)
{
	__list_del(list->prev, list->next);
	list_add_tail(list, head);
}

static inline bool list_is_last(const struct list_head *list,
				const struct list_head *head)
{
	return list->next == head;
}

static inline bool list_empty(const struct list_head *head)
{
	return head->next == head;
}

static inline bool list_is_singular(const struct list_head *head)
{
	return !list_empty(head) && head->next == head->prev;
}

#define list_entry(ptr, type, member) container_of(ptr, type, member)
#define list_first_entry(ptr, type, member) list_entry((ptr)->next, type, member)
#define list_last_entry(ptr, type, member) list_entry((ptr)->prev, type, member)
#define list_first_entry_or_null(ptr, type, member) \
	(!list_empty(ptr) ? list_first_entry(ptr, type, member) : NULL)
#define list_next_entry(pos, member) \
	list_entry((pos)->member.next, __typeof__(*(pos)), member)

#define list_for_each(pos, head) \
	for (pos = (head)->next; pos != (head); pos = pos->next)
#define list_for_each_entry(pos, head, member)                           \
	for (pos = list_first_entry(head, __typeof__(*pos), member);       \
	     &pos->member != (head); pos = list_next_entry(pos, member))
#define list_for_each_entry_safe(pos, n, head, member)                   \
	for (pos = list_first_entry(head, __typeof__(*pos), member),       \
	    n = list_next_entry(pos, member);                              \
	     &pos->member != (head); pos = n, n = list_next_entry(n, member))

static inline size_t list_count_nodes(const struct list_head *head)
{
	const struct list_head *p;
	size_t n = 0;

	list_for_each(p, head)
		n++;
	return n;
}


#define list_for_each_entry_reverse(pos, head, member)                   \
	for (pos = list_last_entry(head, __typeof__(*pos), member);        \
	     &pos->member != (head);                                      \
	     pos = list_entry(pos->member.prev, __typeof__(*pos), member))

#define list_prev_entry(pos, member) \
	list_entry((pos)->member.prev, __typeof__(*(pos)), member)

#define list_for_each_entry_safe_reverse(pos, n, head, member)           \
	for (pos = list_last_entry(head, __typeof__(*pos), member),        \
	    n = list_prev_entry(pos, member);                              \
	     &pos->member != (head); pos = n, n = list_prev_entry(n, member))

/* Join @list at the front of @head (@list itself is left as it was). */
static inline void list_splice(const struct list_head *list,
			       struct list_head *head)
{
	if (!list_empty(list)) {
		struct list_head *first = list->next, *last = list->prev;
		struct list_head *at = head->next;

		first->prev = head;
		head->next = first;
		last->next = at;
		at->prev = last;
	}
}

static inline void list_splice_init(struct list_head *list,
				    struct list_head *head)
{
	if (!list_empty(list)) {
		list_splice(list, head);
		INIT_LIST_HEAD(list);
	}
}

#endif /* _MMSIM_LINUX_LIST_H */
