/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The softnet authors
 */

/*
 * IPv6 tables per namespace (linux-semantics §5): local 255 and main 254,
 * looked up in the order of the default fib6 rules (0 local, 32766 main;
 * IPv6 has no default-table rule). The local table holds /128 routes (the
 * namespace's own addresses, ::1 on lo) in an rte_hash with lock-free
 * readers; main is an rte_fib6 (TRIE), created with the first route it
 * gets, its changes fenced by a seqcount as IPv4's. A lookup answers with
 * a pointer to the route's result, freed only after an RCU grace period.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <arpa/inet.h>

#include <rte_errno.h>
#include <rte_fib6.h>
#include <rte_hash.h>
#include <rte_jhash.h>
#include <rte_log.h>
#include <rte_malloc.h>
#include <rte_seqcount.h>

#include "sn_nhpool.h"
#include "sn_route.h"
#include "sn_route_pvt.h"

#define RT6_NO_PORT UINT16_MAX
/* fib6 next hop: a shared entry's index | RT6_FOUND, and RT6_THROW for a
 * throw route, so a lookup tells a plain hit from the next hop alone */
#define RT6_FOUND (1u << 30)
#define RT6_THROW (1u << 29)
#define RT6_IDX 0x00ffffffu
#define RT6_NO_ENTRY UINT32_MAX

extern int sn_route_logtype;
#define RT6_LOG(level, fmt, ...) \
	rte_log(RTE_LOG_ ## level, sn_route_logtype, "route6: " fmt "\n", \
		##__VA_ARGS__)

struct rt6_route {
	struct sn_route6 r;
	struct sn_fib6_result res;
	uint32_t entry;		/* the prefix's fib route: its shared entry */
	/* the prefix's next metric, in order (fib6 siblings by metric):
	 * only the head is looked up; control alone walks these */
	struct rt6_route *alt;
};

struct rt6_key {
	uint8_t dst[16];
	uint32_t plen;
};

#define LOCAL_SMALL 8

/* Up to LOCAL_SMALL local addresses, compared in the lookup (RCU). */
struct local_small {
	unsigned int n;
	uint8_t addr[LOCAL_SMALL][16];
	const struct rt6_route *route[LOCAL_SMALL];
};

#define RT6_TABLES 16	/* main and user tables */

/* A table on rte_fib6: main, or a user table. */
struct rt6_table {
	uint32_t id;
	struct rte_fib6 *fib;		/* NULL until it gets a route */
	rte_seqcount_t seq;
	struct rte_hash *routes;	/* (dst, plen) -> route */
	struct rt6_route *def;		/* ::/0 */
	unsigned int count;
	/* the top of the address space around rte_fib6, as IPv4's
	 * (sn_route.c, fib_write): top[p], low[k], chain[k] */
	uint64_t top[129], low[129], chain[129];
	bool full;	/* as IPv4's: remade in vain, until a delete */
};

/* The rules, copied on write and published with RCU. */
struct rule6_set {
	unsigned int n;
	struct sn_rule6 r[];
};

struct rt6_ns {
	struct sn_netns *ns;
	struct rte_hash *local;		/* dst -> route, /128 only */
	struct local_small *small;	/* NULL: more than LOCAL_SMALL */
	struct rt6_table *tables[RT6_TABLES];	/* [0]: main */
	struct rule6_set *rules;	/* RCU */
	uint32_t use_rules;		/* 0: the default rules only */
	struct sn_nhpool nh;		/* fib6 next hop -> result */
	unsigned int local_count;
	unsigned int seq;
};

static struct sn_route_conf cfg6;
static const struct sn_fib6_result res6_none = { .port = RT6_NO_PORT };

static int rt6_ns_init(struct sn_netns *ns, void *arg);
static void rt6_ns_exit(struct sn_netns *ns, void *arg);

static const struct sn_pernet_ops route6_ops = {
	.name = "route6",
	.init = rt6_ns_init,
	.exit = rt6_ns_exit,
};

static struct rt6_ns *
rt6_of(const struct sn_netns *ns)
{
	return sn_netns_generic(ns, &route6_ops);
}

static void
grace(void)
{
	if (cfg6.qsbr != NULL)
		rte_rcu_qsbr_synchronize(cfg6.qsbr, RTE_QSBR_THRID_INVALID);
}

static void
mask6(uint8_t *a, uint8_t plen)
{
	unsigned int i;

	for (i = 0; i < 16; i++) {
		if (plen >= 8) {
			plen -= 8;
			continue;
		}
		a[i] &= (uint8_t)(0xff << (8 - plen));
		plen = 0;
	}
}

static struct rt6_table *
table6_new(struct rt6_ns *rt, uint32_t id)
{
	char name[RTE_HASH_NAMESIZE];
	struct rte_hash_parameters hp = {
		.name = name,
		.entries = cfg6.max_routes,
		.key_len = sizeof(struct rt6_key),
		.hash_func = rte_jhash,
		.socket_id = SOCKET_ID_ANY,
		/* room for every one of max_routes keys (see IPv4's) */
		.extra_flag = RTE_HASH_EXTRA_FLAGS_EXT_TABLE,
	};
	struct rt6_table *t;

	t = rte_zmalloc("rt6_table", sizeof(*t), 0);
	if (t == NULL)
		return NULL;
	t->id = id;
	rte_seqcount_init(&t->seq);
	snprintf(name, sizeof(name), "rt6t%u_%u_%u", sn_netns_id(rt->ns), id,
		 rt->seq++);
	t->routes = rte_hash_create(&hp);
	if (t->routes == NULL) {
		rte_free(t);
		return NULL;
	}
	return t;
}

static void
table6_free(struct rt6_table *t)
{
	const void *key;
	void *data;
	uint32_t it = 0;

	if (t == NULL)
		return;
	while (rte_hash_iterate(t->routes, &key, &data, &it) >= 0) {
		struct rt6_route *m = data, *next;

		for (; m != NULL; m = next) {
			next = m->alt;
			free(m);
		}
	}
	rte_hash_free(t->routes);
	rte_fib6_free(t->fib);
	rte_free(t);
}

static struct rt6_table *
table6_get(const struct rt6_ns *rt, uint32_t id)
{
	unsigned int i;

	for (i = 0; i < RT6_TABLES; i++)
		if (rt->tables[i] != NULL && rt->tables[i]->id == id)
			return rt->tables[i];
	return NULL;
}

bool
sn_route6_table_exists(const struct sn_netns *ns, uint32_t table)
{
	const struct rt6_ns *rt = rt6_of(ns);

	return table == SN_RT_TABLE_LOCAL || table == SN_RT_TABLE_MAIN ||
	       (rt != NULL && table6_get(rt, table) != NULL);
}

static int
cmp_table6_id(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

unsigned int
sn_route6_tables(const struct sn_netns *ns, uint32_t *ids, unsigned int max)
{
	struct rt6_ns *rt = rt6_of(ns);
	unsigned int i, n = 0;

	for (i = 0; i < RT6_TABLES && n < max; i++)
		if (rt->tables[i] != NULL && rt->tables[i]->count != 0)
			ids[n++] = rt->tables[i]->id;
	qsort(ids, n, sizeof(*ids), cmp_table6_id);
	/* local, kept apart from the fib tables, last */
	if (n < max && rt->local_count != 0)
		ids[n++] = SN_RT_TABLE_LOCAL;
	return n;
}

struct rte_fib6 *
sn_route6_table_fib(const struct sn_netns *ns, uint32_t table)
{
	const struct rt6_table *t = table6_get(rt6_of(ns), table);

	return t != NULL ? __atomic_load_n(&t->fib, __ATOMIC_ACQUIRE) : NULL;
}

/* A table by id, made on first use (RCU: published by a release store). */
static struct rt6_table *
table6_make(struct rt6_ns *rt, uint32_t id)
{
	struct rt6_table *t = table6_get(rt, id);
	unsigned int i;

	if (t != NULL)
		return t;
	for (i = 0; i < RT6_TABLES && rt->tables[i] != NULL; i++)
		;
	if (i == RT6_TABLES)
		return NULL;
	t = table6_new(rt, id);
	if (t != NULL)
		__atomic_store_n(&rt->tables[i], t, __ATOMIC_RELEASE);
	return t;
}

static int on_addr6(struct sn_netns *ns, const struct sn_ifaddr *a,
		    bool add, void *arg);

/* registered after a namespace got addresses (default's lo): their routes */
static void
addrs_existing(struct sn_netns *ns)
{
	struct sn_ifaddr all[256];
	unsigned int n, i;

	n = RTE_MIN(sn_netns_addrs(ns, all, RTE_DIM(all)),
		    (unsigned int)RTE_DIM(all));
	for (i = 0; i < n; i++)
		on_addr6(ns, &all[i], true, NULL);
}

static int
rt6_ns_init(struct sn_netns *ns, void *arg __rte_unused)
{
	char name[RTE_HASH_NAMESIZE];
	struct rte_hash_parameters hp = {
		.name = name,
		.entries = 1024,
		.key_len = 16,
		.hash_func = rte_jhash,
		.socket_id = SOCKET_ID_ANY,
		.extra_flag = RTE_HASH_EXTRA_FLAGS_RW_CONCURRENCY_LF,
	};
	struct rt6_ns *rt;

	rt = rte_zmalloc("rt6_ns", sizeof(*rt), RTE_CACHE_LINE_SIZE);
	if (rt == NULL)
		return -ENOMEM;
	rt->ns = ns;
	snprintf(name, sizeof(name), "rt6l%u", sn_netns_id(ns));
	rt->local = rte_hash_create(&hp);
	snprintf(name, sizeof(name), "rt6_%u", sn_netns_id(ns));
	if (rt->local == NULL ||
	    sn_nhpool_init(&rt->nh, name, sizeof(struct sn_fib6_result),
			   RT6_IDX + 1, cfg6.max_routes, cfg6.qsbr) != 0) {
		rte_hash_free(rt->local);
		sn_nhpool_fini(&rt->nh);
		rte_free(rt);
		return -ENOMEM;
	}
	rt->tables[0] = table6_new(rt, SN_RT_TABLE_MAIN);
	rt->rules = malloc(sizeof(*rt->rules) + 2 * sizeof(struct sn_rule6));
	if (rt->tables[0] == NULL || rt->rules == NULL) {
		free(rt->rules);
		table6_free(rt->tables[0]);
		rte_hash_free(rt->local);
		sn_nhpool_fini(&rt->nh);
		rte_free(rt);
		return -ENOMEM;
	}
	rt->rules->n = 2;
	memset(rt->rules->r, 0, 2 * sizeof(struct sn_rule6));
	rt->rules->r[0].action = SN_FR_ACT_TO_TBL;
	rt->rules->r[0].table = SN_RT_TABLE_LOCAL;
	rt->rules->r[1].pref = 32766;
	rt->rules->r[1].action = SN_FR_ACT_TO_TBL;
	rt->rules->r[1].table = SN_RT_TABLE_MAIN;
	sn_netns_set_generic(ns, &route6_ops, rt);
	addrs_existing(ns);
	return 0;
}

static void
rt6_ns_exit(struct sn_netns *ns, void *arg __rte_unused)
{
	struct rt6_ns *rt = rt6_of(ns);
	const void *key;
	void *data;
	uint32_t it = 0;

	if (rt == NULL)
		return;
	sn_netns_set_generic(ns, &route6_ops, NULL);
	grace();
	while (rte_hash_iterate(rt->local, &key, &data, &it) >= 0)
		free(data);
	for (it = 0; it < RT6_TABLES; it++)
		table6_free(rt->tables[it]);
	free(rt->rules);
	free(rt->small);
	rte_hash_free(rt->local);
	sn_nhpool_fini(&rt->nh);
	rte_free(rt);
}

/* Republish the small copy of table local after a change to it. */
static void
local_small_rebuild(struct rt6_ns *rt)
{
	struct local_small *ls = NULL, *old = rt->small;
	const void *key;
	void *data;
	uint32_t it = 0;

	if (rt->local_count <= LOCAL_SMALL) {
		ls = calloc(1, sizeof(*ls));
		if (ls != NULL)
			while (rte_hash_iterate(rt->local, &key, &data,
						&it) >= 0 &&
			       ls->n < LOCAL_SMALL) {
				memcpy(ls->addr[ls->n], key, 16);
				ls->route[ls->n++] = data;
			}
	}
	__atomic_store_n(&rt->small, ls, __ATOMIC_RELEASE);
	grace();
	free(old);
}

static int
fill6(struct rt6_ns *rt, struct rt6_route *m)
{
	struct sn_fib6_result *e = &m->res;
	struct sn_netdev dev;

	memset(e, 0, sizeof(*e));
	e->type = m->r.type;
	e->oif = m->r.oif;
	e->table = m->r.table;
	memcpy(e->gw, m->r.gw, 16);
	memcpy(e->prefsrc, m->r.prefsrc, 16);
	e->port = RT6_NO_PORT;
	if (m->r.type == SN_RTN_LOCAL) {
		e->port = sn_netns_lo_port(rt->ns);	/* through lo */
	} else if (m->r.oif != 0) {
		if (sn_netns_link_by_ifindex(rt->ns, m->r.oif, &dev) != 0)
			return -ENODEV;
		e->port = dev.port_id;
	}
	return 0;
}

static struct rte_fib6 *
fib_new(struct rt6_ns *rt, const struct rt6_table *t)
{
	struct rte_fib6_conf fc = {
		.type = RTE_FIB6_TRIE,
		.default_nh = 0,
		.max_routes = cfg6.max_routes * 2,
		.trie = { .nh_sz = RTE_FIB6_TRIE_4B,
			  .num_tbl8 = cfg6.tbl8s6 },
	};
	char name[32];
	struct rte_fib6 *fib;

	snprintf(name, sizeof(name), "rt6_%u_%u_%u", sn_netns_id(rt->ns),
		 t->id, rt->seq++);
	fib = rte_fib6_create(name, SOCKET_ID_ANY, &fc);
	if (fib == NULL)
		RT6_LOG(ERR, "cannot create IPv6 table %u: %s", t->id,
			rte_strerror(rte_errno));
	return fib;
}

static int
fib_make(struct rt6_ns *rt, struct rt6_table *t)
{
	struct rte_fib6 *fib;

	if (t->fib != NULL)
		return 0;
	fib = fib_new(rt, t);
	if (fib == NULL)
		return -ENOMEM;
	__atomic_store_n(&t->fib, fib, __ATOMIC_RELEASE);
	return 0;
}

static bool
valid_type6(uint8_t t)
{
	return t == SN_RTN_UNICAST || t == SN_RTN_LOCAL ||
	       t == SN_RTN_BLACKHOLE || t == SN_RTN_UNREACHABLE ||
	       t == SN_RTN_PROHIBIT || t == SN_RTN_THROW;
}

/*
 * DPDK 22.11's trie (modify_dp) has DIR24_8's flaw: a prefix that ends at
 * ffff:...:ffff over more-specific prefixes that run up to that end from
 * where its walk stands wraps its edge to :: and rewrites everything. No
 * prefix that ends there but the /128 is given to rte_fib6: a top /p
 * stands as its low halves /p+1 ... /128 and the /128 (see IPv4's).
 */
static void
top6_prefix(uint8_t *a, unsigned int ones)	/* the first ones bits set */
{
	unsigned int i;

	for (i = 0; i < 16; i++)
		a[i] = ones >= 8 * (i + 1) ? 0xff : ones <= 8 * i ? 0 :
		       (uint8_t)(0xff << (8 - (ones - 8 * i)));
}

/* a/plen ends at the top: its first plen bits are all ones. */
static bool
is_top6(const uint8_t *a, uint8_t plen, unsigned int ones)
{
	uint8_t t[16], m[16];

	top6_prefix(t, ones);
	memcpy(m, a, 16);
	mask6(m, plen);
	return memcmp(m, t, 16) == 0 && memcmp(a, m, 16) == 0;
}

static int
top6_sync(struct rt6_table *t)
{
	uint64_t best = 0, want;
	uint8_t at[16];
	uint8_t len;
	unsigned int k;
	int ret = 0, r;

	for (k = 1; k <= 128; k++) {
		if (t->top[k] != 0)
			best = t->top[k];
		want = k < 128 && t->low[k + 1] != 0 ? t->low[k + 1] : best;
		if (want == t->chain[k])
			continue;
		top6_prefix(at, k);	/* its low half: the same bits */
		len = k < 128 ? k + 1 : 128;
		r = want != 0 ? rte_fib6_add(t->fib, at, len, want) :
				rte_fib6_delete(t->fib, at, len);
		if (r == 0)
			t->chain[k] = want;
		else if (ret == 0)
			ret = r;
	}
	return ret;
}

/* rte_fib6_add (nh) or rte_fib6_delete (nh 0) of dst/plen, plen > 0. */
static int
fib6_write(struct rt6_table *t, const uint8_t *dst, uint8_t plen,
	   uint64_t nh)
{
	uint64_t *slot = NULL, old;
	int ret;

	if (is_top6(dst, plen, plen))
		slot = &t->top[plen];
	else if (plen >= 2 && is_top6(dst, plen, plen - 1))
		slot = &t->low[plen];	/* the low half of the top /plen-1 */
	if (slot == NULL)
		return nh != 0 ? rte_fib6_add(t->fib, dst, plen, nh) :
				 rte_fib6_delete(t->fib, dst, plen);
	old = *slot;
	*slot = nh;
	ret = top6_sync(t);
	if (ret != 0) {
		*slot = old;	/* the caller drops the route, as IPv4's */
		top6_sync(t);
	}
	return ret;
}

static inline uint64_t
fib6_nh(const struct rt6_route *m)
{
	return m->entry | RT6_FOUND |
	       (m->r.type == SN_RTN_THROW ? RT6_THROW : 0);
}

/*
 * DPDK 22.11's trie reserves tbl8s for a prefix longer than /24 when it
 * adds one, and on delete reckons what to give back with the prefix
 * still in its rib (trie_modify): nothing. Its count only grows, and once
 * it reaches num_tbl8 every such add is -ENOSPC, after a few hundred adds
 * and deletes of /64s. On -ENOSPC the table's fib is made anew from its
 * routes (a true count), swapped in for the readers, and the add tried
 * once more.
 */
static int
fib6_rebuild(struct rt6_ns *rt, struct rt6_table *t)
{
	struct rte_fib6 *old = t->fib, *fib;
	const struct rt6_route *m;
	const void *key;
	void *data;
	uint32_t it = 0;
	uint8_t at[16];
	unsigned int k;
	int ret = 0;

	fib = fib_new(rt, t);
	if (fib == NULL)
		return -ENOMEM;
	/* the heads (the fib routes) but the top's, then the top's chain */
	while (ret == 0 && rte_hash_iterate(t->routes, &key, &data, &it) >= 0) {
		m = data;
		if (m->entry == RT6_NO_ENTRY || is_top6(m->r.dst, m->r.plen,
							m->r.plen) ||
		    (m->r.plen >= 2 && is_top6(m->r.dst, m->r.plen,
					       m->r.plen - 1)))
			continue;
		ret = rte_fib6_add(fib, m->r.dst, m->r.plen, fib6_nh(m));
	}
	for (k = 1; k <= 128 && ret == 0; k++) {
		if (t->chain[k] == 0)
			continue;
		top6_prefix(at, k);
		ret = rte_fib6_add(fib, at, k < 128 ? k + 1 : 128, t->chain[k]);
	}
	if (ret != 0) {
		rte_fib6_free(fib);
		RT6_LOG(ERR, "IPv6 table %u: no room even in a new fib",
			t->id);
		return ret;
	}
	/* whole, it goes to the readers; the old one after they left it */
	__atomic_store_n(&t->fib, fib, __ATOMIC_RELEASE);
	grace();
	rte_fib6_free(old);
	return 0;
}

/* m becomes what lookups of its prefix find: its fib route, or ::/0. */
static int
head_install(struct rt6_ns *rt, struct rt6_table *t, struct rt6_route *m)
{
	int ret;

	m->entry = RT6_NO_ENTRY;
	if (m->r.plen == 0) {
		__atomic_store_n(&t->def, m, __ATOMIC_RELEASE);
		return 0;
	}
	ret = fib_make(rt, t);
	if (ret == 0)
		ret = sn_nhpool_get(&rt->nh, &m->res, &m->entry);
	if (ret != 0)
		return ret;
	rte_seqcount_write_begin(&t->seq);
	ret = fib6_write(t, m->r.dst, m->r.plen, fib6_nh(m));
	rte_seqcount_write_end(&t->seq);
	if (ret == -ENOSPC && !t->full && fib6_rebuild(rt, t) == 0) {
		rte_seqcount_write_begin(&t->seq);
		ret = fib6_write(t, m->r.dst, m->r.plen, fib6_nh(m));
		rte_seqcount_write_end(&t->seq);
		t->full = ret == -ENOSPC;
	}
	if (ret != 0) {
		sn_nhpool_put(&rt->nh, m->entry);
		m->entry = RT6_NO_ENTRY;
	}
	return ret;
}

/* Whether two routes of a prefix and metric are the same route (type,
 * device, gateway, protocol). */
static bool
same_alias6(const struct sn_route6 *x, const struct sn_route6 *y)
{
	return x->type == y->type && x->oif == y->oif &&
	       x->proto == y->proto && memcmp(x->gw, y->gw, 16) == 0;
}

/*
 * Another route of a prefix that has one (head), with another metric: the
 * lowest metric is the one looked up, the others wait in order of metric.
 * With SN_RT_F_APPEND (an address's route on a second device, as
 * addrconf adds one per device), one of the same metric too, after that
 * metric's; the same route again is -EEXIST.
 */
static int
alt_add6(struct rt6_ns *rt, struct rt6_table *t, struct rt6_route *head,
	 struct rt6_route *m, const struct rt6_key *k, unsigned int flags)
{
	struct rt6_route **pp = &head->alt, *same = NULL, *x;
	bool after = m->r.metric > head->r.metric ||
		     ((flags & SN_RT_F_APPEND) &&
		      m->r.metric == head->r.metric);
	int ret;

	m->entry = RT6_NO_ENTRY;
	if (after && (flags & SN_RT_F_APPEND)) {
		for (x = head; x != NULL && x->r.metric <= m->r.metric;
		     x = x->alt)
			if (x->r.metric == m->r.metric &&
			    same_alias6(&x->r, &m->r)) {
				free(m);
				return -EEXIST;
			}
		while (*pp != NULL && (*pp)->r.metric <= m->r.metric)
			pp = &(*pp)->alt;
	} else if (m->r.metric > head->r.metric) {
		while (*pp != NULL && (*pp)->r.metric < m->r.metric)
			pp = &(*pp)->alt;
		if (*pp != NULL && (*pp)->r.metric == m->r.metric)
			same = *pp;
		if (same != NULL && !(flags & SN_RT_F_REPLACE)) {
			free(m);
			return -EEXIST;
		}
		if (same != NULL) {
			m->alt = same->alt;
			*pp = m;
			free(same);	/* a waiting route: no reader sees it */
			return 0;
		}
	}
	if (t->count >= cfg6.max_routes) {
		RT6_LOG(ERR, "IPv6 table %u is full (%u routes, max_routes)",
			t->id, t->count);
		free(m);
		return -ENOSPC;
	}
	if (after) {
		m->alt = *pp;
		*pp = m;
		t->count++;
		return 0;
	}
	/* the new lowest takes the prefix, the old head waits behind it */
	ret = head_install(rt, t, m);
	if (ret != 0) {
		free(m);
		return ret;
	}
	m->alt = head;
	rte_hash_add_key_data(t->routes, k, m);
	t->count++;
	if (head->entry != RT6_NO_ENTRY) {
		sn_nhpool_put(&rt->nh, head->entry);
		head->entry = RT6_NO_ENTRY;
	}
	/* a reader may still hold the old head (::/0 through t->def): only
	 * after this may a waiting route be freed without a grace period,
	 * and the entry be reused */
	grace();
	return 0;
}

static const struct sn_fib6_result *table_find(const struct rt6_ns *rt,
	const struct rt6_table *t, const uint8_t *dst);

/* ip6_route_del's match: what is given must match (metric 0: any). */
static bool
route6_matches(const struct sn_route6 *have, const struct sn_route6 *want)
{
	static const uint8_t zero[16];

	return (want->type == 0 || want->type == have->type) &&
	       (want->oif == 0 || want->oif == have->oif) &&
	       (memcmp(want->gw, zero, 16) == 0 ||
		memcmp(want->gw, have->gw, 16) == 0) &&
	       (want->proto == 0 || want->proto == have->proto) &&
	       (want->metric == 0 || want->metric == have->metric);
}

/* Whether the device ifindex of ns is down (IFF_UP cleared). */
static bool
dev6_down(const struct sn_netns *ns, int ifindex)
{
	struct sn_netdev dev;

	return sn_netns_link_by_ifindex(ns, ifindex, &dev) == 0 && dev.down;
}

/* Whether a gateway address is given (not ::). */
static bool
gw6_set(const uint8_t *gw)
{
	static const uint8_t any[16];

	return memcmp(gw, any, 16) != 0;
}

/* sn_route6_add's own flag: the route is one addrconf makes for an
 * address (its local /128 keeps metric 0) */
#define RT6_F_ADDRCONF	(1u << 31)

int
sn_route6_add(struct sn_netns *ns, const struct sn_route6 *in,
	      unsigned int flags)
{
	struct rt6_ns *rt = ns != NULL ? rt6_of(ns) : NULL;
	struct rt6_route *m, *old = NULL;
	struct rt6_table *t;
	struct rt6_key k;
	uint8_t masked[16];
	void *data;
	int ret;

	if (rt == NULL || in == NULL || in->plen > 128 || !valid_type6(in->type))
		return -EINVAL;
	memcpy(masked, in->dst, 16);
	mask6(masked, in->plen);
	if (memcmp(masked, in->dst, 16) != 0) {
		RT6_LOG(ERR, "invalid prefix: host bits set");
		return -EINVAL;
	}
	m = calloc(1, sizeof(*m));
	if (m == NULL)
		return -ENOMEM;
	m->r = *in;
	if (m->r.proto == 0)	/* ip6_route_info_create: unspec is boot */
		m->r.proto = SN_RTPROT_BOOT;
	if (m->r.table == 0)
		m->r.table = m->r.type == SN_RTN_LOCAL ? SN_RT_TABLE_LOCAL :
			     SN_RT_TABLE_MAIN;
	if (m->r.type == SN_RTN_UNICAST && m->r.oif == 0 &&
	    !gw6_set(m->r.gw)) {
		free(m);
		RT6_LOG(ERR, "an IPv6 unicast route needs a device "
			"or a gateway");
		return -EINVAL;
	}
	if (m->r.type == SN_RTN_UNICAST &&
	    gw6_set(m->r.gw)) {
		/* ip6_validate_gw: not one of our addresses; a global
		 * gateway's device is the one of the route to it
		 * (ip6_route_check_nh: a connected one of the route's
		 * table, else the full lookup's), which a device given
		 * must be; never lo */
		const struct sn_fib6_result *res = NULL, *full;
		const struct rt6_table *gt;

		sn_route6_lookup_bulk_ref_from(ns,
			(const uint8_t (*)[16])m->r.gw, NULL,
			SN_LOOPBACK_IFINDEX, &full, 1);
		if (full->type == SN_RTN_LOCAL) {
			free(m);
			RT6_LOG(ERR, "a gateway can not be a local address");
			return -EINVAL;
		}
		if (m->r.oif == SN_LOOPBACK_IFINDEX) {
			free(m);
			RT6_LOG(ERR, "a gateway's device can not be lo");
			return -EINVAL;
		}
		if (m->r.oif == 0 || !sn_ip6_is_linklocal(m->r.gw)) {
			gt = table6_get(rt, m->r.table);
			if (gt != NULL)
				res = table_find(rt, gt, m->r.gw);
			if (res == NULL || res->type != SN_RTN_UNICAST ||
			    gw6_set(res->gw))
				res = full;
			/* a route through lo is a reject route in Linux
			 * (fib6_is_reject): no way to a gateway */
			if (res->type != SN_RTN_UNICAST || sn_fib6_by_lo(res) ||
			    gw6_set(res->gw) ||
			    res->oif == 0 ||
			    (m->r.oif != 0 && m->r.oif != res->oif)) {
				free(m);
				return -EHOSTUNREACH;
			}
			m->r.oif = res->oif;
		}
	}
	if (m->r.type == SN_RTN_UNICAST && m->r.proto != SN_RTPROT_KERNEL &&
	    dev6_down(ns, m->r.oif)) {
		/* fib6_nh_init */
		free(m);
		RT6_LOG(ERR, "the device of the next hop is not up");
		return -ENETDOWN;
	}
	ret = fill6(rt, m);
	if (ret != 0) {
		free(m);
		return ret;
	}
	if (m->r.table == SN_RT_TABLE_LOCAL) {
		if (m->r.plen != 128) {
			free(m);
			RT6_LOG(ERR, "table local takes /128 routes here");
			return -EINVAL;
		}
		/* ip6_route_info_create: a user's route without a metric
		 * gets 1024 here too, proto kernel or not (addrconf's own
		 * local routes, 0) */
		if (m->r.metric == 0 && !(flags & RT6_F_ADDRCONF))
			m->r.metric = SN_RT6_PRIO_USER;
		if (rte_hash_lookup_data(rt->local, m->r.dst, &data) >= 0) {
			if (!(flags & SN_RT_F_REPLACE)) {
				free(m);
				return -EEXIST;
			}
			old = data;
		} else {
			rt->local_count++;
		}
		ret = rte_hash_add_key_data(rt->local, m->r.dst, m);
		if (ret != 0) {
			if (old == NULL)
				rt->local_count--;
			free(m);
			return ret;
		}
		local_small_rebuild(rt);
		if (old != NULL)
			free(old);	/* the rebuild waited a grace period */
		return 0;
	}
	t = table6_make(rt, m->r.table);
	if (t == NULL) {
		RT6_LOG(ERR, "no room for IPv6 table %u", m->r.table);
		free(m);
		return -ENOSPC;
	}
	if (m->r.metric == 0)
		m->r.metric = SN_RT6_PRIO_USER;	/* ip6_route_add */
	memset(&k, 0, sizeof(k));
	memcpy(k.dst, m->r.dst, 16);
	k.plen = m->r.plen;
	if (rte_hash_lookup_data(t->routes, &k, &data) >= 0) {
		old = data;
		if (m->r.metric != old->r.metric ||
		    (flags & SN_RT_F_APPEND))
			return alt_add6(rt, t, old, m, &k, flags);
		if (!(flags & SN_RT_F_REPLACE)) {
			free(m);
			return -EEXIST;
		}
		m->alt = old->alt;
	} else if (t->count >= cfg6.max_routes) {
		RT6_LOG(ERR, "IPv6 table %u is full (%u routes, max_routes)",
			t->id, t->count);
		free(m);
		return -ENOSPC;
	}
	ret = head_install(rt, t, m);
	if (ret != 0) {
		free(m);
		return ret;
	}
	rte_hash_add_key_data(t->routes, &k, m);
	if (old != NULL) {
		/* its entry is reused after a grace period, the route
		 * (t->def may point at it) after this one */
		if (old->entry != RT6_NO_ENTRY)
			sn_nhpool_put(&rt->nh, old->entry);
		grace();
		free(old);
	} else {
		t->count++;
	}
	return 0;
}

int
sn_route6_del(struct sn_netns *ns, const struct sn_route6 *r)
{
	struct rt6_ns *rt = ns != NULL ? rt6_of(ns) : NULL;
	struct rt6_route *m, **pp, *x;
	struct rt6_table *t;
	uint32_t table;
	struct rt6_key k;
	void *data;
	int32_t pos;
	int ret;

	if (rt == NULL || r == NULL)
		return -EINVAL;
	table = r->table != 0 ? r->table : r->type == SN_RTN_LOCAL ?
		SN_RT_TABLE_LOCAL : SN_RT_TABLE_MAIN;
	if (table == SN_RT_TABLE_LOCAL) {
		if (r->plen != 128 ||
		    rte_hash_lookup_data(rt->local, r->dst, &data) < 0)
			return -ESRCH;
		pos = rte_hash_del_key(rt->local, r->dst);
		rt->local_count--;
		local_small_rebuild(rt);	/* waits a grace period */
		/* a lock-free hash keeps a deleted key's slot until told:
		 * no reader can hold it any more */
		if (pos >= 0)
			rte_hash_free_key_with_position(rt->local, pos);
		free(data);
		return 0;
	}
	t = table6_get(rt, table);
	memset(&k, 0, sizeof(k));
	memcpy(k.dst, r->dst, 16);
	k.plen = r->plen;
	if (t == NULL || rte_hash_lookup_data(t->routes, &k, &data) < 0)
		return -ESRCH;
	m = data;
	if (!route6_matches(&m->r, r)) {
		/* one of the prefix's higher metrics */
		for (pp = &m->alt; *pp != NULL && !route6_matches(&(*pp)->r, r);
		     pp = &(*pp)->alt)
			;
		if (*pp == NULL)
			return -ESRCH;
		x = *pp;
		*pp = x->alt;
		t->count--;
		free(x);	/* a waiting route: no reader sees it */
		return 0;
	}
	if (m->alt != NULL) {
		/* the next metric takes the prefix */
		ret = head_install(rt, t, m->alt);
		if (ret != 0)
			return ret;
		rte_hash_add_key_data(t->routes, &k, m->alt);
	} else {
		rte_hash_del_key(t->routes, &k);
		if (m->r.plen == 0) {
			__atomic_store_n(&t->def, NULL, __ATOMIC_RELEASE);
		} else {
			rte_seqcount_write_begin(&t->seq);
			fib6_write(t, m->r.dst, m->r.plen, 0);
			rte_seqcount_write_end(&t->seq);
			t->full = false;
		}
	}
	t->count--;
	if (m->entry != RT6_NO_ENTRY)
		sn_nhpool_put(&rt->nh, m->entry);
	grace();
	free(m);
	return 0;
}

unsigned int
sn_route6_entries_used(struct sn_netns *ns)
{
	return sn_nhpool_in_use(&rt6_of(ns)->nh);
}

/* Table local's /128 for dst: a few addresses are compared, more hashed. */
static inline const struct rt6_route *
local_find(const struct rt6_ns *rt, const struct local_small *small,
	   const uint8_t *dst)
{
	void *data;
	unsigned int j;

	if (small != NULL) {
		for (j = 0; j < small->n; j++)
			if (memcmp(small->addr[j], dst, 16) == 0)
				return small->route[j];
		return NULL;
	}
	if (rte_hash_lookup_data(rt->local, dst, &data) >= 0)
		return data;
	return NULL;
}

/* A fib next hop, or the table's ::/0 on a miss: its result; NULL for no
 * route or a throw (the next rule). */
static inline const struct sn_fib6_result *
table_result(const struct sn_fib6_result *ent, const struct rt6_table *t,
	     uint64_t nh)
{
	const struct rt6_route *def;

	if ((nh & (RT6_FOUND | RT6_THROW)) == RT6_FOUND)
		return &ent[nh & RT6_IDX];
	if (nh & RT6_FOUND)
		return NULL;	/* a throw */
	def = __atomic_load_n(&t->def, __ATOMIC_ACQUIRE);
	return def != NULL && def->r.type != SN_RTN_THROW ? &def->res : NULL;
}

/* One fib table, one address. */
static const struct sn_fib6_result *
table_find(const struct rt6_ns *rt, const struct rt6_table *t,
	   const uint8_t *dst)
{
	struct rte_fib6 *fib = __atomic_load_n(&t->fib, __ATOMIC_ACQUIRE);
	uint8_t ip[1][16];
	uint64_t nh = 0;
	uint32_t sq;

	if (fib != NULL) {
		memcpy(ip[0], dst, 16);
		do {
			sq = rte_seqcount_read_begin(&t->seq);
			rte_fib6_lookup_bulk(fib, ip, &nh, 1);
		} while (rte_seqcount_read_retry(&t->seq, sq));
	}
	return table_result(sn_nhpool_entries(&rt->nh), t, nh);
}

static bool
prefix6_match(const uint8_t *a, const uint8_t *p, uint8_t plen)
{
	unsigned int i;

	for (i = 0; plen >= 8; i++, plen -= 8)
		if (a[i] != p[i])
			return false;
	return plen == 0 || ((a[i] ^ p[i]) & (0xff << (8 - plen))) == 0;
}

/* fib6_rule_match, and `not` (fib_rule_match's FIB_RULE_INVERT) */
static bool
rule6_match(const struct sn_rule6 *r, const uint8_t *dst, const uint8_t *src,
	    int iif, int oif)
{
	return ((r->src_len == 0 || prefix6_match(src, r->src, r->src_len)) &&
		(r->dst_len == 0 || prefix6_match(dst, r->dst, r->dst_len)) &&
		(r->iif == 0 || r->iif == iif) &&
		(r->oif == 0 || r->oif == oif)) != r->invert;
}

static const struct sn_fib6_result res6_action[] = {
	[SN_FR_ACT_BLACKHOLE] = { .type = SN_RTN_BLACKHOLE,
				  .port = RT6_NO_PORT },
	/* fib6_rule_action: unreachable is the null entry's -ENETUNREACH,
	 * what no route at all gives (an unreachable route's is
	 * -EHOSTUNREACH) */
	[SN_FR_ACT_UNREACHABLE] = { .type = SN_RTN_UNSPEC,
				    .port = RT6_NO_PORT },
	[SN_FR_ACT_PROHIBIT] = { .type = SN_RTN_PROHIBIT,
				 .port = RT6_NO_PORT },
};

static const struct sn_fib6_result *table6_oif_find(const struct rt6_ns *rt,
	uint32_t table, const uint8_t *dst, int oif);

/* fib6_rule_lookup: the rules in order. oif: the device an output lookup
 * is bound to (0: none, and then oif selectors never match); bound: only
 * routes through oif qualify (RT6_LOOKUP_F_IFACE), a control-path walk. */
static const struct sn_fib6_result *
lookup_rules6(const struct rt6_ns *rt, const struct rule6_set *rs,
	      const struct local_small *small, const uint8_t *dst,
	      const uint8_t *src, int iif, int oif, bool bound)
{
	const struct sn_fib6_result *res;
	const struct rt6_route *m;
	const struct rt6_table *t;
	unsigned int i;

	for (i = 0; i < rs->n; i++) {
		const struct sn_rule6 *r = &rs->r[i];

		if (!rule6_match(r, dst, src, iif, oif))
			continue;
		if (r->action != SN_FR_ACT_TO_TBL)
			return r->action < RTE_DIM(res6_action) ?
			       &res6_action[r->action] : &res6_none;
		if (unlikely(bound)) {
			res = table6_oif_find(rt, r->table, dst, oif);
		} else if (r->table == SN_RT_TABLE_LOCAL) {
			m = local_find(rt, small, dst);
			res = m != NULL ? &m->res : NULL;
		} else {
			t = table6_get(rt, r->table);
			res = t != NULL ? table_find(rt, t, dst) : NULL;
		}
		if (res != NULL && res->type != SN_RTN_THROW)
			return res;
	}
	return &res6_none;
}

/* Next hops to entry pointers, branch-free so that the compiler vectorises
 * it; non-zero if some next hop is a miss or a throw. */
static __rte_always_inline uint64_t
nh6_to_entries(const struct sn_fib6_result *ent, const uint64_t *nh,
	       const struct sn_fib6_result **out, unsigned int n)
{
	uint64_t bad = 0;
	unsigned int i;

	for (i = 0; i < n; i++) {
		out[i] = &ent[nh[i] & RT6_IDX];
		bad |= (nh[i] & (RT6_FOUND | RT6_THROW)) ^ RT6_FOUND;
	}
	return bad;
}

void
sn_route6_lookup_bulk_ref_from(const struct sn_netns *ns,
			       const uint8_t (*dst)[16],
			       const uint8_t (*src)[16], int iif,
			       const struct sn_fib6_result **res,
			       unsigned int n)
{
	static const uint8_t any[16];
	const struct rt6_ns *rt = rt6_of(ns);
	const struct rt6_table *main6 = rt->tables[0];
	struct rte_fib6 *fib = __atomic_load_n(&main6->fib, __ATOMIC_ACQUIRE);
	const struct sn_fib6_result *ent = sn_nhpool_entries(&rt->nh), *e;
	const struct local_small *small = __atomic_load_n(&rt->small,
							 __ATOMIC_ACQUIRE);
	const struct rule6_set *rs;
	const struct sn_fib6_result *miss_res[64];
	uint8_t miss_ip[64][16];
	uint64_t nh[64];
	unsigned int miss_at[64];
	unsigned int i, k, nm;
	uint32_t sq;

	if (unlikely(__atomic_load_n(&rt->use_rules, __ATOMIC_ACQUIRE))) {
		rs = __atomic_load_n(&rt->rules, __ATOMIC_ACQUIRE);
		for (i = 0; i < n; i++)
			res[i] = lookup_rules6(rt, rs, small, dst[i],
					       src != NULL ? src[i] : any, iif,
					       0, false);
		return;
	}
	for (k = 0; k < n; k += 64) {
		unsigned int c = RTE_MIN(n - k, 64u);
		const struct sn_fib6_result **out = res + k;
		const uint8_t (*ips)[16] = dst + k;
		uint64_t hits = 0, bad;

		/* rule 0: table local */
		for (i = 0; i < c; i++) {
			const struct rt6_route *hit =
				local_find(rt, small, dst[k + i]);

			if (hit != NULL) {
				res[k + i] = &hit->res;
				hits |= UINT64_C(1) << i;
			}
		}
		nm = c;
		if (hits != 0) {
			/* the misses only, gathered */
			for (i = 0, nm = 0; i < c; i++) {
				if (hits & (UINT64_C(1) << i))
					continue;
				memcpy(miss_ip[nm], dst[k + i], 16);
				miss_at[nm++] = k + i;
			}
			if (nm == 0)
				continue;
			ips = (const uint8_t (*)[16])miss_ip;
			out = miss_res;
		}
		/* rule 32766: main */
		if (fib != NULL) {
			do {
				sq = rte_seqcount_read_begin(&main6->seq);
				rte_fib6_lookup_bulk(fib,
					(uint8_t (*)[16])(uintptr_t)ips, nh,
					nm);
			} while (rte_seqcount_read_retry(&main6->seq, sq));
			/* a constant-length loop for a full burst, as
			 * IPv4's */
			bad = likely(nm == 64) ?
			      nh6_to_entries(ent, nh, out, 64) :
			      nh6_to_entries(ent, nh, out, nm);
		} else {
			/* no main table yet: all misses (and no entries
			 * to point into) */
			memset(nh, 0, sizeof(nh[0]) * nm);
			bad = 1;
		}
		if (unlikely(bad != 0)) {
			/* a miss (::/0) or a throw */
			for (i = 0; i < nm; i++) {
				if ((nh[i] & (RT6_FOUND | RT6_THROW)) ==
				    RT6_FOUND)
					continue;
				e = table_result(ent, main6, nh[i]);
				out[i] = e != NULL ? e : &res6_none;
			}
		}
		if (hits != 0)
			for (i = 0; i < nm; i++)
				res[miss_at[i]] = miss_res[i];
	}
}

void
sn_route6_lookup_bulk_ref(const struct sn_netns *ns, const uint8_t (*dst)[16],
			  const struct sn_fib6_result **res, unsigned int n)
{
	sn_route6_lookup_bulk_ref_from(ns, dst, NULL, SN_LOOPBACK_IFINDEX, res,
				       n);
}

/* ---------------------------------------------------------------------- */
/* Rules (`ip -6 rule`): 0 local and 32766 main by default, no 32767.     */

static bool
default_rules6(const struct rule6_set *rs)
{
	return rs->n == 2 && rs->r[0].pref == 0 && !rs->r[0].invert &&
	       !rs->r[1].invert &&
	       rs->r[0].action == SN_FR_ACT_TO_TBL &&
	       rs->r[0].table == SN_RT_TABLE_LOCAL && rs->r[0].src_len == 0 &&
	       rs->r[0].dst_len == 0 && rs->r[0].iif == 0 &&
	       rs->r[0].oif == 0 && rs->r[1].pref == 32766 &&
	       rs->r[1].action == SN_FR_ACT_TO_TBL &&
	       rs->r[1].table == SN_RT_TABLE_MAIN && rs->r[1].src_len == 0 &&
	       rs->r[1].dst_len == 0 && rs->r[1].iif == 0 &&
	       rs->r[1].oif == 0;
}

static void
rules6_publish(struct rt6_ns *rt, struct rule6_set *rs)
{
	struct rule6_set *old = rt->rules;

	__atomic_store_n(&rt->rules, rs, __ATOMIC_RELEASE);
	__atomic_store_n(&rt->use_rules, !default_rules6(rs),
			 __ATOMIC_RELEASE);
	grace();
	free(old);
}

static bool
same_rule6(const struct sn_rule6 *a, const struct sn_rule6 *b)
{
	return a->pref == b->pref && a->src_len == b->src_len &&
	       a->dst_len == b->dst_len && a->iif == b->iif &&
	       a->oif == b->oif && a->action == b->action &&
	       a->table == b->table &&
	       memcmp(a->src, b->src, 16) == 0 &&
	       memcmp(a->dst, b->dst, 16) == 0;
}

int
sn_rule6_add(struct sn_netns *ns, const struct sn_rule6 *in)
{
	struct rt6_ns *rt = ns != NULL ? rt6_of(ns) : NULL;
	struct rule6_set *rs;
	struct sn_rule6 r;
	unsigned int i;

	if (rt == NULL || in == NULL || in->src_len > 128 ||
	    in->dst_len > 128 || (in->action != SN_FR_ACT_TO_TBL &&
	    in->action != SN_FR_ACT_BLACKHOLE &&
	    in->action != SN_FR_ACT_UNREACHABLE &&
	    in->action != SN_FR_ACT_PROHIBIT) ||
	    (in->action == SN_FR_ACT_TO_TBL && in->table == 0) ||
	    (in->pref > UINT32_MAX && in->pref != SN_RULE_PREF_AUTO))
		return -EINVAL;
	r = *in;	/* host bits kept, as Linux keeps them */
	if (r.src_len == 0)
		memset(r.src, 0, 16);
	if (r.dst_len == 0)
		memset(r.dst, 0, 16);
	sn_rt_rule_dev_names(ns, r.iif, r.oif, r.iifname, r.oifname);
	if (r.pref == SN_RULE_PREF_AUTO)	/* fib_default_rule_pref */
		r.pref = rt->rules->n > 1 && rt->rules->r[1].pref > 0 ?
			 rt->rules->r[1].pref - 1 : 0;
	for (i = 0; i < rt->rules->n; i++)
		if (same_rule6(&rt->rules->r[i], &r))
			return -EEXIST;
	rs = malloc(sizeof(*rs) + (rt->rules->n + 1) * sizeof(rs->r[0]));
	if (rs == NULL)
		return -ENOMEM;
	/* after the rules of the same preference */
	for (i = 0; i < rt->rules->n && rt->rules->r[i].pref <= r.pref; i++)
		;
	memcpy(rs->r, rt->rules->r, i * sizeof(rs->r[0]));
	rs->r[i] = r;
	memcpy(&rs->r[i + 1], &rt->rules->r[i],
	       (rt->rules->n - i) * sizeof(rs->r[0]));
	rs->n = rt->rules->n + 1;
	rules6_publish(rt, rs);
	return 0;
}

int
sn_rule6_del(struct sn_netns *ns, const struct sn_rule6 *want)
{
	struct rt6_ns *rt = ns != NULL ? rt6_of(ns) : NULL;
	struct rule6_set *rs;
	unsigned int i;

	if (rt == NULL || want == NULL)
		return -EINVAL;
	for (i = 0; i < rt->rules->n; i++) {
		const struct sn_rule6 *h = &rt->rules->r[i];

		/* fib6_rule_compare: addresses as given */
		if ((want->pref != SN_RULE_PREF_AUTO &&
		     want->pref != h->pref) ||
		    (want->src_len != 0 && (want->src_len != h->src_len ||
					    memcmp(want->src, h->src, 16) != 0)) ||
		    (want->dst_len != 0 && (want->dst_len != h->dst_len ||
					    memcmp(want->dst, h->dst, 16) != 0)) ||
		    (want->iif != 0 && want->iif != h->iif) ||
		    (want->oif != 0 && want->oif != h->oif) ||
		    (want->action != 0 && want->action != h->action) ||
		    (want->table != 0 && want->table != h->table))
			continue;
		break;
	}
	if (i == rt->rules->n)
		return -ENOENT;
	rs = malloc(sizeof(*rs) + rt->rules->n * sizeof(rs->r[0]));
	if (rs == NULL)
		return -ENOMEM;
	memcpy(rs->r, rt->rules->r, i * sizeof(rs->r[0]));
	memcpy(&rs->r[i], &rt->rules->r[i + 1],
	       (rt->rules->n - i - 1) * sizeof(rs->r[0]));
	rs->n = rt->rules->n - 1;
	rules6_publish(rt, rs);
	return 0;
}

int
sn_rule6_foreach(const struct sn_netns *ns,
		 int (*fn)(const struct sn_rule6 *r, void *arg), void *arg)
{
	const struct rt6_ns *rt = ns != NULL ? rt6_of(ns) : NULL;
	unsigned int i;
	int ret = 0;

	for (i = 0; rt != NULL && i < rt->rules->n && ret == 0; i++)
		ret = fn(&rt->rules->r[i], arg);
	return ret;
}

int
sn_rule6_format(const struct sn_netns *ns, const struct sn_rule6 *r,
		char *buf, size_t len)
{
	char a[INET6_ADDRSTRLEN];
	struct sn_netdev dev;
	int n;

	n = snprintf(buf, len, "%" PRIu64 ":\t%s", r->pref,
		     r->invert ? "not " : "");
	if (r->src_len == 0) {
		n += snprintf(buf + n, RTE_MAX((int)len - n, 0), "from all");
	} else {
		inet_ntop(AF_INET6, r->src, a, sizeof(a));
		n += snprintf(buf + n, RTE_MAX((int)len - n, 0), "from %s%s",
			      a, r->src_len == 128 ? "" : "/");
		if (r->src_len != 128)
			n += snprintf(buf + n, RTE_MAX((int)len - n, 0), "%u",
				      r->src_len);
	}
	if (r->dst_len != 0) {
		/* iproute2 leaves out a host prefix's length, as for from */
		inet_ntop(AF_INET6, r->dst, a, sizeof(a));
		n += snprintf(buf + n, RTE_MAX((int)len - n, 0), " to %s", a);
		if (r->dst_len != 128)
			n += snprintf(buf + n, RTE_MAX((int)len - n, 0), "/%u",
				      r->dst_len);
	}
	if (r->iif != 0 && sn_netns_link_by_ifindex(ns, r->iif, &dev) == 0)
		n += snprintf(buf + n, RTE_MAX((int)len - n, 0), " iif %s",
			      dev.ifname);
	else if (r->iif != 0)
		n += snprintf(buf + n, RTE_MAX((int)len - n, 0),
			      " iif %s [detached]",
			      sn_rt_rule_dev_name(r->iifname, r->iif, a, sizeof(a)));
	if (r->oif != 0 && sn_netns_link_by_ifindex(ns, r->oif, &dev) == 0)
		n += snprintf(buf + n, RTE_MAX((int)len - n, 0), " oif %s",
			      dev.ifname);
	else if (r->oif != 0)
		n += snprintf(buf + n, RTE_MAX((int)len - n, 0),
			      " oif %s [detached]",
			      sn_rt_rule_dev_name(r->oifname, r->oif, a, sizeof(a)));
	switch (r->action) {
	case SN_FR_ACT_TO_TBL:
		if (r->table == SN_RT_TABLE_LOCAL)
			n += snprintf(buf + n, RTE_MAX((int)len - n, 0),
				      " lookup local");
		else if (r->table == SN_RT_TABLE_MAIN)
			n += snprintf(buf + n, RTE_MAX((int)len - n, 0),
				      " lookup main");
		else if (r->table == SN_RT_TABLE_DEFAULT)
			n += snprintf(buf + n, RTE_MAX((int)len - n, 0),
				      " lookup default");
		else
			n += snprintf(buf + n, RTE_MAX((int)len - n, 0),
				      " lookup %u", r->table);
		break;
	case SN_FR_ACT_BLACKHOLE:
		n += snprintf(buf + n, RTE_MAX((int)len - n, 0), " blackhole");
		break;
	case SN_FR_ACT_UNREACHABLE:
		n += snprintf(buf + n, RTE_MAX((int)len - n, 0),
			      " unreachable");
		break;
	default:
		n += snprintf(buf + n, RTE_MAX((int)len - n, 0), " prohibit");
		break;
	}
	return n;
}

static void
fmt6(const uint8_t *a, char *buf, size_t len)
{
	char s[INET6_ADDRSTRLEN];

	inet_ntop(AF_INET6, a, s, sizeof(s));
	snprintf(buf, len, "%s", s);
}

static const char *
type_word(uint8_t t)
{
	switch (t) {
	case SN_RTN_LOCAL: return "local ";
	case SN_RTN_BLACKHOLE: return "blackhole ";
	case SN_RTN_UNREACHABLE: return "unreachable ";
	case SN_RTN_PROHIBIT: return "prohibit ";
	case SN_RTN_THROW: return "throw ";
	default: return "";
	}
}

int
sn_route6_format(const struct sn_netns *ns, const struct sn_route6 *r,
		 char *buf, size_t len)
{
	static const uint8_t zero[16];
	char dst[INET6_ADDRSTRLEN + 4], gw[INET6_ADDRSTRLEN], pw[32];
	struct sn_netdev dev;
	int n = 0;

	fmt6(r->dst, dst, sizeof(dst));
	if (r->plen == 0)
		snprintf(dst, sizeof(dst), "default");
	else if (r->plen != 128)
		snprintf(dst + strlen(dst), sizeof(dst) - strlen(dst), "/%u",
			 r->plen);
	n += snprintf(buf + n, len - n, "%s%s", type_word(r->type), dst);
	if (memcmp(r->gw, zero, 16) != 0) {
		fmt6(r->gw, gw, sizeof(gw));
		n += snprintf(buf + n, RTE_MAX((int)len - n, 0), " via %s", gw);
	}
	if (r->type == SN_RTN_BLACKHOLE || r->type == SN_RTN_UNREACHABLE ||
	    r->type == SN_RTN_PROHIBIT || r->type == SN_RTN_THROW)
		/* fib6_nh_init: a reject route's device is lo */
		n += snprintf(buf + n, RTE_MAX((int)len - n, 0), " dev lo");
	else if (r->oif != 0 &&
		 sn_netns_link_by_ifindex(ns, r->oif, &dev) == 0)
		n += snprintf(buf + n, RTE_MAX((int)len - n, 0), " dev %s",
			      dev.ifname);
	if (r->table == SN_RT_TABLE_LOCAL)
		n += snprintf(buf + n, RTE_MAX((int)len - n, 0),
			      " table local");
	else if (r->table == SN_RT_TABLE_DEFAULT)
		n += snprintf(buf + n, RTE_MAX((int)len - n, 0),
			      " table default");
	else if (r->table != SN_RT_TABLE_MAIN && r->table != 0)
		n += snprintf(buf + n, RTE_MAX((int)len - n, 0),
			      " table %u", r->table);
	/* 0 is boot, as ip6_route_info_create makes it, left out too */
	n += snprintf(buf + n, RTE_MAX((int)len - n, 0), "%s",
		      sn_rt_proto_word(r->proto, pw, sizeof(pw)));
	if (r->proto != SN_RTPROT_KERNEL &&
	    memcmp(r->prefsrc, zero, 16) != 0) {
		/* a user's route with src (the kernel's own local routes
		 * keep their address for route get, and ip shows none) */
		fmt6(r->prefsrc, gw, sizeof(gw));
		n += snprintf(buf + n, RTE_MAX((int)len - n, 0), " src %s",
			      gw);
	}
	/* ip prints an IPv6 route's metric, 0 too, and its router
	 * preference (RTA_PREF), medium unless a router advertisement said
	 * otherwise: softnet takes no RAs */
	n += snprintf(buf + n, RTE_MAX((int)len - n, 0),
		      " metric %u pref medium", r->metric);
	return n;
}

/* a route of a table, and its place among its prefix's */
struct listed6 {
	struct sn_route6 r;
	unsigned int pos;
};

static int
cmp6(const void *a, const void *b)
{
	const struct listed6 *p = a, *q = b;
	const struct sn_route6 *x = &p->r, *y = &q->r;
	int c = memcmp(x->dst, y->dst, 16);

	if (c != 0)
		return c;
	if (x->plen != y->plen)
		return (int)x->plen - (int)y->plen;
	if (x->metric != y->metric)
		return x->metric < y->metric ? -1 : 1;
	return p->pos < q->pos ? -1 : p->pos > q->pos;	/* their order */
}

int
sn_route6_foreach(const struct sn_netns *ns, uint32_t table,
		  int (*fn)(const struct sn_route6 *r, void *arg), void *arg)
{
	struct rt6_ns *rt = ns != NULL ? rt6_of(ns) : NULL;
	struct rt6_table *t;
	struct rte_hash *h;
	struct listed6 *all;
	const void *key;
	void *data;
	uint32_t it = 0;
	unsigned int n = 0, cnt, i;
	int ret = 0;

	if (rt == NULL)
		return -EINVAL;
	t = table == SN_RT_TABLE_LOCAL ? NULL : table6_get(rt, table);
	h = table == SN_RT_TABLE_LOCAL ? rt->local :
	    t != NULL ? t->routes : NULL;
	cnt = table == SN_RT_TABLE_LOCAL ? rt->local_count :
	      t != NULL ? t->count : 0;
	if (h == NULL || cnt == 0)
		return 0;
	all = malloc(cnt * sizeof(*all));
	if (all == NULL)
		return -ENOMEM;
	while (n < cnt && rte_hash_iterate(h, &key, &data, &it) >= 0) {
		const struct rt6_route *m = data;

		/* table local's routes have no alternatives */
		for (; m != NULL && n < cnt;
		     m = h == rt->local ? NULL : m->alt) {
			all[n].r = m->r;
			all[n].pos = n;
			n++;
		}
	}
	qsort(all, n, sizeof(*all), cmp6);
	for (i = 0; i < n && ret == 0; i++)
		ret = fn(&all[i].r, arg);
	free(all);
	return ret;
}

unsigned int
sn_route6_count(const struct sn_netns *ns, uint32_t table)
{
	struct rt6_ns *rt = ns != NULL ? rt6_of(ns) : NULL;

	if (rt == NULL)
		return 0;
	if (table == SN_RT_TABLE_LOCAL)
		return rt->local_count;
	return table6_get(rt, table) != NULL ? table6_get(rt, table)->count :
	       0;
}

int
sn_route6_get(const struct sn_netns *ns, const uint8_t *dst, char *buf,
	      size_t len)
{
	return sn_route6_get_from(ns, dst, NULL, SN_LOOPBACK_IFINDEX, 0, buf,
				  len);
}

/* ipv6_dev_get_saddr for dst leaving by ifindex, as the datapath's
 * ip6_saddr picks: dst itself, else by RFC 6724 (sn_ip6_saddr_key) among
 * the outgoing device's addresses for a group or a link-local dst, else
 * among every device's (::1 is lo's own: not a candidate). */
static bool
dev_addr6(const struct sn_netns *ns, int ifindex, const uint8_t *dst,
	  uint8_t *out)
{
	bool oif_only = sn_ip6_scope(dst) <= 2 || dst[0] == 0xff;
	struct sn_ifaddr *all;
	unsigned int n, i, key, best = 0;
	bool found = false;
	int best_if = 0;

	if (ifindex == 0)
		return false;
	all = sn_rt_addrs(ns, &n);
	for (i = 0; i < n; i++) {
		const uint8_t *a = all[i].addr;

		if (all[i].family != AF_INET6 ||
		    (oif_only && all[i].ifindex != ifindex) ||
		    sn_ip6_scope(a) == 1)
			continue;
		key = memcmp(a, dst, 16) == 0 ? UINT_MAX :
		      sn_ip6_saddr_key(a, all[i].plen, all[i].ifindex, dst,
				       ifindex);
		if (!found || sn_ip6_saddr_wins(key, all[i].ifindex, best,
						best_if)) {
			memcpy(out, a, 16);
			best = key;
			best_if = all[i].ifindex;
			found = true;
		}
	}
	free(all);
	return found;
}

/* The routes of table for dst's prefix of length plen, the head of their
 * chain by metric, or NULL; table local holds /128s. Control path. */
static const struct rt6_route *
table6_prefix(const struct rt6_ns *rt, uint32_t table, const uint8_t *dst,
	      int plen)
{
	const struct rt6_table *t;
	struct rt6_key k;
	void *data;

	if (table == SN_RT_TABLE_LOCAL)
		return plen == 128 &&
		       rte_hash_lookup_data(rt->local, dst, &data) >= 0 ?
		       data : NULL;
	t = table6_get(rt, table);
	if (t == NULL)
		return NULL;
	memset(&k, 0, sizeof(k));
	memcpy(k.dst, dst, 16);
	mask6(k.dst, (uint8_t)plen);
	k.plen = (uint32_t)plen;
	return rte_hash_lookup_data(t->routes, &k, &data) >= 0 ? data : NULL;
}

/* fib6_table_lookup with RT6_LOOKUP_F_IFACE: the longest prefix with a
 * route through oif (rt6_check_dev: other devices' routes, reject ones
 * on lo included, do not qualify and the lookup backtracks); NULL if none
 * (or a throw: the next rule). A hash lookup a length. */
static const struct sn_fib6_result *
table6_oif_find(const struct rt6_ns *rt, uint32_t table, const uint8_t *dst,
		int oif)
{
	const struct rt6_route *m;
	int plen;

	for (plen = 128; plen >= 0; plen--)
		for (m = table6_prefix(rt, table, dst, plen); m != NULL;
		     m = m->alt)
			if (m->r.oif == oif && m->r.type != SN_RTN_THROW)
				return &m->res;
	return NULL;
}

/* The route of table that a lookup of dst answered with: its longest
 * prefix holding dst, the prefix's lowest metric (the one looked up), or
 * NULL. */
static const struct sn_route6 *
route6_answering(const struct rt6_ns *rt, uint32_t table, const uint8_t *dst)
{
	const struct rt6_route *m;
	int plen;

	for (plen = 128; plen >= 0; plen--)
		if ((m = table6_prefix(rt, table, dst, plen)) != NULL)
			return &m->r;
	return NULL;
}

int
sn_route6_get_from(const struct sn_netns *ns, const uint8_t *dst,
		   const uint8_t *src, int iif, int oif, char *buf,
		   size_t len)
{
	static const uint8_t any[16];
	const struct rt6_ns *rt = rt6_of(ns);
	const struct sn_fib6_result *res;
	const struct sn_route6 *m;
	struct sn_route6 r;
	char s[INET6_ADDRSTRLEN], iifs[8 + SN_IFNAMSIZ] = "";
	char mid[256], *tail, *sp;
	size_t at;
	int n;

	if (oif != 0 && iif == SN_LOOPBACK_IFINDEX &&
	    (src == NULL || memcmp(src, any, 16) == 0))
		/* bound to the device: only routes through it
		 * (ip6_route_output_flags: RT6_LOOKUP_F_IFACE) */
		res = lookup_rules6(rt, __atomic_load_n(&rt->rules,
							__ATOMIC_ACQUIRE),
				    NULL, dst, any, SN_LOOPBACK_IFINDEX, oif,
				    true);
	else if (oif != 0 && iif == SN_LOOPBACK_IFINDEX &&
		 __atomic_load_n(&rt->use_rules, __ATOMIC_ACQUIRE))
		/* an output lookup with a device and a source: oif
		 * selectors apply (an input lookup's flow has no oif,
		 * ip6_route_input_lookup's) */
		res = lookup_rules6(rt, __atomic_load_n(&rt->rules,
							__ATOMIC_ACQUIRE),
				    __atomic_load_n(&rt->small,
						    __ATOMIC_ACQUIRE),
				    dst, src != NULL ? src : any, iif, oif,
				    false);
	else
		sn_route6_lookup_bulk_ref_from(ns,
					       (const uint8_t (*)[16])dst,
					       (const uint8_t (*)[16])src,
					       iif, &res, 1);
	switch (res->type) {
	case SN_RTN_UNSPEC:
		snprintf(buf, len, "Network is unreachable");
		return -ENETUNREACH;
	case SN_RTN_BLACKHOLE:
		snprintf(buf, len, "Invalid argument");
		return -EINVAL;
	case SN_RTN_UNREACHABLE:
		snprintf(buf, len, "No route to host");
		return -EHOSTUNREACH;
	case SN_RTN_PROHIBIT:
		snprintf(buf, len, "Permission denied");
		return -EACCES;
	}
	memset(&r, 0, sizeof(r));
	r.type = res->type;
	memcpy(r.dst, dst, 16);
	r.plen = 128;
	memcpy(r.gw, res->gw, 16);
	/* local traffic, sent or received, goes by lo (R6; for an input
	 * lookup too, ip6_rt_get_dev_rcu) */
	r.oif = res->type == SN_RTN_LOCAL ? SN_LOOPBACK_IFINDEX : res->oif;
	r.table = res->table;	/* "table T" unless main */
	/* the route that answered: its proto and metric (rt6_fill_node) */
	m = route6_answering(rt, res->table, dst);
	if (m != NULL) {
		r.proto = m->proto;
		r.metric = m->metric;
	}
	n = sn_route6_format(ns, &r, buf, len);
	if (n <= 0 || (size_t)n >= len || (tail = strstr(buf, " metric ")) ==
	    NULL)
		return n < 0 ? n : 0;
	/* rt6_fill_node's order: [type] DST from SRC [via GW] dev DEV
	 * [table T] [proto P] [src S] metric M [iif I] pref medium; from ::
	 * when no source was given. The show line's tail is remade below */
	*tail = '\0';
	sp = strchr(buf, ' ');
	if (sp != NULL && r.type != SN_RTN_UNICAST)
		sp = strchr(sp + 1, ' ');
	at = sp != NULL ? (size_t)(sp - buf) : strlen(buf);
	inet_ntop(AF_INET6, src != NULL ? src : any, s, sizeof(s));
	snprintf(mid, sizeof(mid), "%s", buf + at);
	snprintf(buf + at, len - at, " from %s%s", s, mid);
	/* an output lookup's source, whatever "from" said
	 * (ip6_route_get_saddr): the route's preferred one, else one of the
	 * output device's addresses (ipv6_dev_get_saddr); an input lookup
	 * shows none */
	if (iif == SN_LOOPBACK_IFINDEX) {
		uint8_t a[16];
		bool have = true;

		if (memcmp(res->prefsrc, any, 16) != 0)
			memcpy(a, res->prefsrc, 16);
		else
			have = res->type == SN_RTN_UNICAST &&
			       dev_addr6(ns, r.oif, dst, a);
		if (have) {
			inet_ntop(AF_INET6, a, s, sizeof(s));
			snprintf(buf + strlen(buf), len - strlen(buf),
				 " src %s", s);
		}
	}
	/* the metric, then where an input lookup came in (RTA_IIF) */
	if (iif != SN_LOOPBACK_IFINDEX) {
		struct sn_netdev d;

		if (sn_netns_link_by_ifindex(ns, iif, &d) == 0)
			snprintf(iifs, sizeof(iifs), " iif %s", d.ifname);
	}
	snprintf(buf + strlen(buf), len - strlen(buf),
		 " metric %u%s pref medium", r.metric, iifs);
	return 0;
}

/* The configured route of r's table, prefix and metric (else the
 * prefix's looked-up one), or NULL. */
static const struct sn_route6 *
route6_configured(struct rt6_ns *rt, const struct sn_route6 *r)
{
	const struct rt6_route *head, *m;

	head = table6_prefix(rt, r->table, r->dst, r->plen);
	if (head == NULL)
		return NULL;
	/* the one of r's metric, if one of the prefix's has it */
	for (m = head; m != NULL; m = m->alt)
		if (m->r.metric == r->metric)
			return &m->r;
	return &head->r;
}

/* Whether r, an address's kernel route of main, is there as the address
 * made it, among the routes of its prefix (another device's is its own). */
static bool
kernel6_route_there(struct rt6_ns *rt, const struct sn_route6 *r)
{
	const struct rt6_route *m;

	for (m = table6_prefix(rt, r->table, r->dst, r->plen); m != NULL;
	     m = m->alt)
		if (m->r.metric == r->metric && same_alias6(&m->r, r))
			return true;
	return false;
}

/* An address's kernel route r as it goes: only if it is still the one the
 * address made (not one of another address, nor the user's), handed to
 * keeper's device if an address remains that supplies it, else deleted.
 * A prefix route is each device's own (addrconf adds one per device): it
 * stays while an address of its device supplies it, else it goes. */
static void
addr6_route_gone(struct sn_netns *ns, struct sn_route6 *r,
		 const struct sn_ifaddr *keeper)
{
	const struct sn_route6 *cur = route6_configured(rt6_of(ns), r);
	static const uint8_t zero[16];

	if (r->table != SN_RT_TABLE_LOCAL) {
		if (!kernel6_route_there(rt6_of(ns), r) ||
		    (keeper != NULL && keeper->ifindex == r->oif))
			return;
		sn_route6_del(ns, r);
		return;
	}
	if (cur == NULL || cur->type != r->type ||
	    cur->proto != SN_RTPROT_KERNEL || cur->oif != r->oif ||
	    cur->metric != r->metric || memcmp(cur->gw, zero, 16) != 0)
		return;
	if (keeper != NULL) {
		r->oif = keeper->ifindex;
		sn_route6_add(ns, r, SN_RT_F_REPLACE | RT6_F_ADDRCONF);
	} else {
		sn_route6_del(ns, r);
	}
}

/* An address's kernel route r as it comes (one already there, another
 * address's, is kept; one that does not fit refuses the address) or goes.
 */
static int
addr6_route(struct sn_netns *ns, struct sn_route6 *r, bool add,
	    const struct sn_ifaddr *keeper)
{
	int ret;

	if (!add) {
		addr6_route_gone(ns, r, keeper);
		return 0;
	}
	/* addrconf's prefix route is per device: another device's route of
	 * the prefix gets this one after it */
	ret = sn_route6_add(ns, r, RT6_F_ADDRCONF |
			    (r->table != SN_RT_TABLE_LOCAL ? SN_RT_F_APPEND : 0));
	return ret == -EEXIST ? 0 : ret;
}

/* Addresses -> routes: local addr/128 (dev = its device, through lo), and
 * the prefix route in main, a /128's too (addrconf_prefix_route), but not
 * for lo's ::1 (init_loopback adds none). The first address
 * of a prefix (or the same address on a second device) installs the
 * route; removing it hands the route to an address that remains, as IPv4
 * does, so no prefix is lost while an address of it is left. */
static int
on_addr6(struct sn_netns *ns, const struct sn_ifaddr *a, bool add,
	 void *arg __rte_unused)
{
	const struct sn_ifaddr *keep_local = NULL, *keep_prefix = NULL;
	struct sn_ifaddr *all = NULL;
	struct sn_route6 r;
	unsigned int n = 0, i;
	uint8_t pfx[16], other[16];
	int ret;

	if (a->family != AF_INET6 || rt6_of(ns) == NULL)
		return 0;
	memcpy(pfx, a->addr, 16);
	mask6(pfx, a->plen);
	if (!add) {
		n = sn_netns_addrs(ns, NULL, 0);
		all = calloc(n + 1, sizeof(*all));
		if (all == NULL)
			return -ENOMEM;
		n = RTE_MIN(sn_netns_addrs(ns, all, n), n);
	}
	for (i = 0; i < n; i++) {
		if (all[i].family != AF_INET6)
			continue;
		if (memcmp(all[i].addr, a->addr, 16) == 0 && keep_local == NULL)
			keep_local = &all[i];
		memcpy(other, all[i].addr, 16);
		mask6(other, all[i].plen);
		/* an address of the same device that supplies the prefix
		 * route too: it stays */
		if (all[i].plen == a->plen && memcmp(other, pfx, 16) == 0 &&
		    all[i].ifindex == a->ifindex && keep_prefix == NULL)
			keep_prefix = &all[i];
	}
	memset(&r, 0, sizeof(r));
	memcpy(r.dst, a->addr, 16);
	r.plen = 128;
	r.type = SN_RTN_LOCAL;
	r.table = SN_RT_TABLE_LOCAL;
	r.proto = SN_RTPROT_KERNEL;
	r.oif = a->ifindex;
	memcpy(r.prefsrc, a->addr, 16);
	ret = addr6_route(ns, &r, add, keep_local);
	/* a device that is down gets the prefix route when it comes up */
	if (ret == 0 && memcmp(a->addr, (uint8_t[16]){ [15] = 1 }, 16) != 0 &&
	    !(add && dev6_down(ns, a->ifindex))) {
		memset(&r, 0, sizeof(r));
		memcpy(r.dst, pfx, 16);
		r.plen = a->plen;
		r.type = SN_RTN_UNICAST;
		r.table = SN_RT_TABLE_MAIN;
		r.proto = SN_RTPROT_KERNEL;
		r.metric = 256;
		r.oif = a->ifindex;
		ret = addr6_route(ns, &r, add, keep_prefix);
	}
	free(all);
	return ret;
}

struct flush6 {
	int oif;
	bool lo;	/* reject routes are lo's too (their dev is lo) */
	unsigned int n, max;
	struct sn_route6 *r;
};

static int
flush6_pick(const struct sn_route6 *r, void *arg)
{
	struct flush6 *f = arg;
	bool reject = r->type == SN_RTN_BLACKHOLE ||
		      r->type == SN_RTN_UNREACHABLE ||
		      r->type == SN_RTN_PROHIBIT || r->type == SN_RTN_THROW;

	if (r->oif != f->oif && !(f->lo && reject))
		return 0;
	if (f->n == f->max) {
		struct sn_route6 *g = realloc(f->r, (f->max * 2 + 16) *
					      sizeof(*g));

		if (g == NULL)
			return -ENOMEM;
		f->r = g;
		f->max = f->max * 2 + 16;
	}
	f->r[f->n++] = *r;
	return 0;
}

/* NETDEV_DOWN (rt6_sync_down_dev): every route through the device goes,
 * in every table (its addresses, and their routes, went before; lo's are
 * the reject routes too, ip6_route_info_create's dev); an
 * address added while it was down gets its prefix route when it is up. */
static void
on_link6(struct sn_netns *ns, const struct sn_netdev *dev,
	 void *arg __rte_unused)
{
	struct flush6 f = { .oif = dev->ifindex, .lo = dev->is_loopback };
	uint32_t ids[RT6_TABLES + 1];
	unsigned int i, nt;

	if (rt6_of(ns) == NULL)
		return;
	if (!dev->down) {
		/* NETDEV_UP: addrconf's prefix routes of its addresses
		 * (an address is never tentative here: no DAD) */
		unsigned int na;
		struct sn_ifaddr *all = sn_rt_addrs(ns, &na);

		for (i = 0; i < na; i++)
			if (all[i].family == AF_INET6 &&
			    all[i].ifindex == dev->ifindex)
				on_addr6(ns, &all[i], true, NULL);
		free(all);
		return;
	}
	nt = sn_route6_tables(ns, ids, RTE_DIM(ids));
	for (i = 0; i < nt && i < RTE_DIM(ids); i++)
		sn_route6_foreach(ns, ids[i], flush6_pick, &f);
	for (i = 0; i < f.n; i++)
		sn_route6_del(ns, &f.r[i]);
	free(f.r);
}

int
sn_route6_init(const struct sn_route_conf *conf)
{
	int ret;

	cfg6 = *conf;
	if (cfg6.tbl8s6 == 0)
		cfg6.tbl8s6 = 1024;
	ret = sn_pernet_register_subsys(&route6_ops);
	if (ret != 0)
		return ret;
	ret = sn_netns_addr_notifier_register(on_addr6, NULL);
	if (ret == 0) {
		ret = sn_netns_link_notifier_register(on_link6, NULL);
		if (ret != 0)
			sn_netns_addr_notifier_unregister(on_addr6, NULL);
	}
	if (ret != 0) {
		sn_pernet_unregister(&route6_ops);
		return ret;
	}
	return 0;
}

void
sn_route6_fini(void)
{
	sn_netns_link_notifier_unregister(on_link6, NULL);
	sn_netns_addr_notifier_unregister(on_addr6, NULL);
	sn_pernet_unregister(&route6_ops);
}
