/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The softnet authors
 */

#ifndef SN_NHPOOL_H
#define SN_NHPOOL_H

/*
 * Next hops shared by routes (internal to lib/route): routes with the same
 * result share one entry, as Linux's fib_info, so that a million routes
 * through a few gateways keep a few entries hot in the cache. A table's
 * fib holds entry indexes; lookups read the entries without a lock, and a
 * freed index is reused only after an RCU grace period.
 */

#include <stddef.h>
#include <stdint.h>

#include <rte_hash.h>
#include <rte_rcu_qsbr.h>

struct sn_nhpool {
	void *entries;		/* read by lookups first: RCU */
	size_t esz;		/* an entry's size, its bytes its key */
	uint32_t cap, max, nb_free;
	uint32_t *free_idx;
	uint32_t *refs;
	struct rte_rcu_qsbr *qsbr;
	struct rte_rcu_qsbr_dq *dq;	/* indexes waiting for a grace period */
	struct rte_hash *shared;	/* entry content -> index */
};

/* Entries of esz bytes, at most max (a power of two, the indexes' room in
 * a fib next hop), for up to routes routes. qsbr may be NULL. */
int sn_nhpool_init(struct sn_nhpool *p, const char *name, size_t esz,
		   uint32_t max, uint32_t routes, struct rte_rcu_qsbr *qsbr);
void sn_nhpool_fini(struct sn_nhpool *p);
/* The index of an entry equal to e (padding included), with a reference
 * more; 0, -ENOSPC or -ENOMEM. */
int sn_nhpool_get(struct sn_nhpool *p, const void *e, uint32_t *idx);
/* A reference less; the last one frees the index after a grace period. */
void sn_nhpool_put(struct sn_nhpool *p, uint32_t idx);
/* Entries in use, once the grace periods passed are reclaimed. */
uint32_t sn_nhpool_in_use(struct sn_nhpool *p);

static inline const void *
sn_nhpool_entries(const struct sn_nhpool *p)
{
	return __atomic_load_n(&p->entries, __ATOMIC_ACQUIRE);
}

#endif
