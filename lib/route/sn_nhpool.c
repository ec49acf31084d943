/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The softnet authors
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_jhash.h>
#include <rte_malloc.h>

#include "sn_nhpool.h"

static void
free_cb(void *arg, void *e, unsigned int n)
{
	struct sn_nhpool *p = arg;
	unsigned int i;

	for (i = 0; i < n; i++)
		p->free_idx[p->nb_free++] = ((uint32_t *)e)[i];
}

int
sn_nhpool_init(struct sn_nhpool *p, const char *name, size_t esz,
	       uint32_t max, uint32_t routes, struct rte_rcu_qsbr *qsbr)
{
	char n[RTE_RCU_QSBR_DQ_NAMESIZE];
	struct rte_hash_parameters hp = {
		.name = n,
		.entries = routes + 64,
		.key_len = esz,
		.hash_func = rte_jhash,
		.socket_id = SOCKET_ID_ANY,
	};

	memset(p, 0, sizeof(*p));
	p->esz = esz;
	p->max = max;
	p->qsbr = qsbr;
	if (qsbr != NULL) {
		struct rte_rcu_qsbr_dq_parameters dp = {
			.name = n,
			.size = routes * 3 + 64,
			.esize = sizeof(uint32_t),
			.trigger_reclaim_limit = 32,
			.max_reclaim_size = 1024,
			.v = qsbr,
			.free_fn = free_cb,
			.p = p,
		};

		snprintf(n, sizeof(n), "%sdq", name);
		p->dq = rte_rcu_qsbr_dq_create(&dp);
		if (p->dq == NULL)
			return -ENOMEM;
	}
	snprintf(n, sizeof(n), "%snh", name);
	p->shared = rte_hash_create(&hp);
	if (p->shared == NULL) {
		sn_nhpool_fini(p);
		return -ENOMEM;
	}
	return 0;
}

void
sn_nhpool_fini(struct sn_nhpool *p)
{
	if (p->dq != NULL)
		rte_rcu_qsbr_dq_delete(p->dq);
	rte_hash_free(p->shared);
	rte_free(p->entries);
	rte_free(p->free_idx);
	rte_free(p->refs);
	memset(p, 0, sizeof(*p));
}

static void
grace(struct sn_nhpool *p)
{
	if (p->qsbr != NULL)
		rte_rcu_qsbr_synchronize(p->qsbr, RTE_QSBR_THRID_INVALID);
}

/* Twice the room: a new array, published, the old one freed once no
 * lookup can hold it; indexes from the new part go into fibs only after
 * that, so no lookup reads past the array it loaded. */
static int
grow(struct sn_nhpool *p)
{
	uint32_t ncap = p->cap == 0 ? 64 : p->cap * 2, i;
	uint32_t *nf, *nr;
	void *ne, *old = p->entries;

	if (ncap > p->max)
		return -ENOSPC;
	ne = rte_zmalloc("sn_nhpool", ncap * p->esz, RTE_CACHE_LINE_SIZE);
	nf = rte_realloc(p->free_idx, ncap * sizeof(*nf), 0);
	nr = rte_realloc(p->refs, ncap * sizeof(*nr), 0);
	if (nf != NULL)
		p->free_idx = nf;
	if (nr != NULL)
		p->refs = nr;
	if (ne == NULL || nf == NULL || nr == NULL) {
		rte_free(ne);
		return -ENOMEM;
	}
	if (old != NULL)
		memcpy(ne, old, p->cap * p->esz);
	for (i = ncap; i-- > p->cap;)
		p->free_idx[p->nb_free++] = i;
	__atomic_store_n(&p->entries, ne, __ATOMIC_RELEASE);
	p->cap = ncap;
	grace(p);
	rte_free(old);
	return 0;
}

static void
release(struct sn_nhpool *p, uint32_t idx)
{
	if (p->dq == NULL || rte_rcu_qsbr_dq_enqueue(p->dq, &idx) != 0) {
		grace(p);
		p->free_idx[p->nb_free++] = idx;
	}
}

int
sn_nhpool_get(struct sn_nhpool *p, const void *e, uint32_t *idx)
{
	void *data;
	int ret;

	if (rte_hash_lookup_data(p->shared, e, &data) >= 0) {
		*idx = (uint32_t)(uintptr_t)data;
		p->refs[*idx]++;
		return 0;
	}
	if (p->nb_free == 0 && p->dq != NULL)
		rte_rcu_qsbr_dq_reclaim(p->dq, ~0u, NULL, NULL, NULL);
	if (p->nb_free == 0) {
		ret = grow(p);
		if (ret != 0)
			return ret;
	}
	*idx = p->free_idx[--p->nb_free];
	/* not yet in a fib: no lookup reads it */
	memcpy((char *)p->entries + (size_t)*idx * p->esz, e, p->esz);
	p->refs[*idx] = 1;
	ret = rte_hash_add_key_data(p->shared, e, (void *)(uintptr_t)*idx);
	if (ret != 0) {
		release(p, *idx);
		return ret;
	}
	return 0;
}

void
sn_nhpool_put(struct sn_nhpool *p, uint32_t idx)
{
	if (--p->refs[idx] != 0)
		return;
	rte_hash_del_key(p->shared, (char *)p->entries + (size_t)idx * p->esz);
	release(p, idx);
}

uint32_t
sn_nhpool_in_use(struct sn_nhpool *p)
{
	if (p->dq != NULL)
		rte_rcu_qsbr_dq_reclaim(p->dq, ~0u, NULL, NULL, NULL);
	return p->cap - p->nb_free;
}
