/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The softnet authors
 */

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <rte_common.h>
#include <rte_errno.h>
#include <rte_hash.h>
#include <rte_jhash.h>
#include <rte_log.h>
#include <rte_fib.h>
#include <rte_rib.h>
#include <rte_seqcount.h>
#include <rte_malloc.h>
#include <rte_prefetch.h>
#include <rte_rcu_qsbr.h>

#include "sn_netns.h"
#include "sn_nhpool.h"
#include "sn_route.h"
#include "sn_route_pvt.h"

RTE_LOG_REGISTER_DEFAULT(sn_route_logtype, NOTICE);
#define RT_LOG(level, fmt, ...) \
	rte_log(RTE_LOG_ ## level, sn_route_logtype, \
		"route: " fmt "\n", ##__VA_ARGS__)

#define RT_MAX_TABLES 16
#define NO_PORT UINT16_MAX
_Static_assert(sizeof(struct sn_fib_result) == 20,
	       "sn_fib_result is a hash key: no padding");
#define NH_FOUND (1u << 24)	/* next hop = entry | NH_FOUND; 0: a miss */
/* set with NH_FOUND on throw routes, so the burst loop tells a plain hit
 * from the next hop alone, without reading the entry */
#define NH_THROW (1u << 25)
#define NH_IDX 0x00ffffffu
/* ignored by lookups: a local /25-/32 whose parent has its next hop
 * gets it toggled (fib_add) */
#define NH_ALT (1u << 26)

struct rt_key {
	uint32_t dst;
	uint32_t plen;
};

/* A route as configured (control plane only). */
struct rt_route {
	struct sn_route4 r;
	uint32_t entry;		/* its datapath entry */
	bool shadowed;		/* a main route hidden by a local one */
	/* the prefix's routes of higher metrics, in order; the hash and the
	 * fib hold the lowest (Linux's fib aliases by priority) */
	struct rt_route *alt;
};

struct rt_table {
	uint32_t id;
	struct rte_fib *lpm;	/* local has none: it lives in main's (R1) */
	/* Bumped around every change of lpm: rte_fib recycles tbl8 groups
	 * at once, so a lookup that overlapped a change is redone. */
	rte_seqcount_t seq;
	uint32_t def_nh;	/* /0: entry | NH_FOUND, or 0 */
	struct rte_hash *routes;	/* rt_key -> struct rt_route * */
	unsigned int count;
	/* the top of the address space, around rte_fib (fib_write): the
	 * next hops of the prefixes that end at 255.255.255.255 (top[p]
	 * for the /p), of the routes at their low halves (low[k] for the
	 * /k below the /k-1's middle), and what stands in rte_fib at each
	 * low half and at 255.255.255.255/32 (chain[k], chain[32]) */
	uint32_t top[33], low[33], chain[33];
	struct rt_ns *owner;
	/* a remade fib refused a route too: truly full, not remade again
	 * until something is deleted */
	bool full;
};

/* The rules, copied on write and published with RCU. */
struct rule_set {
	unsigned int n;
	struct sn_rule4 r[];
};

/* A namespace's routing state (its pernet data). */
struct rt_ns {
	/* what a lookup reads, in its first cache line */
	struct rt_table *main, *deflt;
	struct rule_set *rules;
	uint32_t use_rules;	/* 0: only the default rules, one lookup */
	bool merged;		/* local lives in main's lpm (R1) */
	bool split_once;	/* fib_unmerge ran: never merged again, as
				 * Linux (rules lookups, route get says
				 * table local) */
	/* datapath entries (struct sn_fib_result), indexed by the lpm next
	 * hop, shared by routes with the same result */
	struct sn_nhpool nh;
	struct sn_netns *ns;
	struct rt_table *local;
	struct rt_table *tables[RT_MAX_TABLES];
	uint32_t seq;
};

static struct sn_route_conf cfg;
static bool initialised;

static void rt_ns_exit(struct sn_netns *ns, void *arg);
static int rt_ns_init(struct sn_netns *ns, void *arg);

static const struct sn_pernet_ops route_ops = {
	.name = "route",
	.init = rt_ns_init,
	.exit = rt_ns_exit,
};

static struct rt_ns *
rt_of(const struct sn_netns *ns)
{
	return sn_netns_generic(ns, &route_ops);
}

/* ---------------------------------------------------------------------- */
/* Tables.                                                                 */

static const char *
table_name(uint32_t id, char *buf, size_t len)
{
	if (id == SN_RT_TABLE_LOCAL)
		return "local";
	if (id == SN_RT_TABLE_MAIN)
		return "main";
	if (id == SN_RT_TABLE_DEFAULT)
		return "default";
	snprintf(buf, len, "%u", id);
	return buf;
}

static struct rt_table *
table_get(struct rt_ns *rt, uint32_t id)
{
	unsigned int i;

	for (i = 0; i < RT_MAX_TABLES; i++)
		if (rt->tables[i] != NULL && rt->tables[i]->id == id)
			return rt->tables[i];
	return NULL;
}

static struct rte_fib *
fib_new(struct rt_ns *rt, const struct rt_table *t)
{
	struct rte_fib_conf fc = {
		.type = RTE_FIB_DIR24_8,
		.default_nh = 0,	/* no NH_FOUND: a miss */
		/* rib nodes: a branch node per prefix at worst */
		.max_routes = cfg.max_routes * 2,
		.dir24_8 = {
			.nh_sz = RTE_FIB_DIR24_8_4B,
			.num_tbl8 = cfg.tbl8s,
		},
	};
	char name[32];
	struct rte_fib *fib;

	snprintf(name, sizeof(name), "rt%u_%u_%u", sn_netns_id(rt->ns), t->id,
		 rt->seq++);
	fib = rte_fib_create(name, SOCKET_ID_ANY, &fc);
	if (fib == NULL)
		RT_LOG(ERR, "cannot create the fib of table %u: %s", t->id,
		       rte_strerror(rte_errno));
	return fib;
}

static int
table_lpm_create(struct rt_ns *rt, struct rt_table *t)
{
	rte_seqcount_init(&t->seq);
	/* a new fib holds nothing yet (local's comes and goes with rules):
	 * the top of its address space is written anew */
	memset(t->top, 0, sizeof(t->top));
	memset(t->low, 0, sizeof(t->low));
	memset(t->chain, 0, sizeof(t->chain));
	t->lpm = fib_new(rt, t);
	return t->lpm != NULL ? 0 : -ENOMEM;
}

/* A table, created on first use; local shares main's lpm. */
static struct rt_table *
table_make(struct rt_ns *rt, uint32_t id, int *err)
{
	struct rte_hash_parameters hp = {
		.entries = cfg.max_routes,
		.key_len = sizeof(struct rt_key),
		.hash_func = rte_jhash,
		.socket_id = SOCKET_ID_ANY,
		/* room for every one of max_routes keys, collisions or not:
		 * a route the hash refused would stay in the fib, undeletable */
		.extra_flag = RTE_HASH_EXTRA_FLAGS_EXT_TABLE,
	};
	struct rt_table *t = table_get(rt, id);
	char name[RTE_HASH_NAMESIZE];
	unsigned int i;

	if (t != NULL)
		return t;
	for (i = 0; i < RT_MAX_TABLES && rt->tables[i] != NULL; i++)
		;
	if (i == RT_MAX_TABLES || id == 0) {
		*err = id == 0 ? -EINVAL : -ENOSPC;
		return NULL;
	}
	t = rte_zmalloc("rt_table", sizeof(*t), 0);
	if (t == NULL) {
		*err = -ENOMEM;
		return NULL;
	}
	t->id = id;
	t->owner = rt;
	snprintf(name, sizeof(name), "rth%u_%u_%u", sn_netns_id(rt->ns), id,
		 rt->seq++);
	hp.name = name;
	t->routes = rte_hash_create(&hp);
	if (t->routes == NULL ||
	    (id != SN_RT_TABLE_LOCAL && table_lpm_create(rt, t) != 0)) {
		rte_hash_free(t->routes);
		rte_free(t);
		*err = -ENOMEM;
		return NULL;
	}
	rt->tables[i] = t;
	if (id == SN_RT_TABLE_DEFAULT)
		__atomic_store_n(&rt->deflt, t, __ATOMIC_RELEASE);
	return t;
}

static struct rt_route *
route_find(const struct rt_table *t, uint32_t dst, uint8_t plen)
{
	struct rt_key k = { .dst = dst, .plen = plen };
	void *data;

	if (t == NULL || rte_hash_lookup_data(t->routes, &k, &data) < 0)
		return NULL;
	return data;
}

/* The table whose lpm holds a table's prefixes. */
static struct rt_table *
holder_of(struct rt_ns *rt, struct rt_table *t)
{
	return t->id == SN_RT_TABLE_LOCAL && rt->merged ? rt->main : t;
}

static int
fill_entry(struct rt_ns *rt, const struct sn_route4 *r,
	   struct sn_fib_result *e)
{
	struct sn_netdev dev;

	memset(e, 0, sizeof(*e));
	e->type = r->type;
	e->scope = r->scope;
	e->oif = r->oif;
	e->gw = r->gw;
	e->prefsrc = r->prefsrc;
	e->table = r->table;
	e->port = NO_PORT;
	if (r->type == SN_RTN_LOCAL || r->type == SN_RTN_BROADCAST) {
		/* local delivery goes through the namespace's lo (R6) */
		e->port = sn_netns_lo_port(rt->ns);
	} else if (r->oif != 0) {
		if (sn_netns_link_by_ifindex(rt->ns, r->oif, &dev) != 0)
			return -ENODEV;
		e->port = dev.port_id;
	}
	return 0;
}

/*
 * DPDK 22.11's DIR24_8 (modify_fib) rewrites the whole table when a
 * prefix that ends at 255.255.255.255 holds more-specific prefixes that
 * run from where its walk stands up to that end: the walk's edge wraps
 * to 0, and install_to_fib(0, 0) means everything. So no prefix that ends
 * there but the /32 is given to rte_fib: a route at the top /p stands
 * there as its low halves, the /p+1 ... /32 just below each next middle,
 * and 255.255.255.255/32, each with the next hop of the most specific top
 * route that covers it, or of a route of that very low half (which is
 * more specific). No other prefix contains one of those. top_sync()
 * writes what changed.
 */
static inline uint32_t
top_prefix(uint8_t plen)	/* the /plen that ends at the top */
{
	return UINT32_MAX << (32 - plen);
}

/*
 * rte_fib_add, with DPDK 22.11's DIR24_8 reservation count in mind: one
 * tbl8 per /24 that holds /25-/32 prefixes, counted when the first comes
 * unless that prefix's parent has the same next hop (it returns early,
 * and rightly needs no tbl8), but uncounted when the last goes in any
 * case. Local's /32s under a local parent (127.0.0.1 under 127.0.0.0/8)
 * move in and out of main's fib each time rules come and go, so the count
 * went down by one a time until it wrapped and every new /25-/32 of the
 * table was -ENOSPC. Those (unlike, for local's routes in main's fib) are
 * written with a next hop unlike their parent's (NH_ALT toggled): counted,
 * at the price of the tbl8 they are counted for. Routes added and deleted
 * by hand can still drift the count (noted in route.md).
 */
static int
fib_add(struct rte_fib *fib, uint32_t dst, uint8_t plen, uint32_t nh,
	bool unlike)
{
	struct rte_rib *rib = rte_fib_get_rib(fib);
	struct rte_rib_node *n;
	uint64_t pnh;
	uint8_t d = 0;

	if (unlike && plen > 24 && rte_rib_lookup_exact(rib, dst, plen) ==
	    NULL) {
		n = rte_rib_lookup(rib, dst);
		while (n != NULL && rte_rib_get_depth(n, &d) == 0 &&
		       d >= plen)
			n = rte_rib_lookup_parent(n);
		if (n != NULL && rte_rib_get_nh(n, &pnh) == 0 && pnh == nh)
			nh ^= NH_ALT;
	}
	return rte_fib_add(fib, dst, plen, nh);
}

static int
top_sync(struct rt_table *h)
{
	uint32_t best = 0, want, at;
	uint8_t len;
	unsigned int k;
	int ret = 0, r;

	for (k = 1; k <= 32; k++) {
		if (h->top[k] != 0)
			best = h->top[k];
		/* the low half /k+1 of the top /k, or at last the /32 */
		want = k < 32 && h->low[k + 1] != 0 ? h->low[k + 1] : best;
		if (want == h->chain[k])
			continue;
		at = k < 32 ? top_prefix(k) : UINT32_MAX;
		len = k < 32 ? k + 1 : 32;
		r = want != 0 ? fib_add(h->lpm, at, len, want, false) :
				rte_fib_delete(h->lpm, at, len);
		if (r == 0)
			h->chain[k] = want;
		else if (ret == 0)
			ret = r;
	}
	return ret;
}

/* rte_fib_add (nh) or rte_fib_delete (nh 0) of dst/plen, plen > 0;
 * unlike: see fib_add. */
static int
fib_write(struct rt_table *h, uint32_t dst, uint8_t plen, uint32_t nh,
	  bool unlike)
{
	uint32_t *slot = NULL, old;
	int ret;

	if (dst == top_prefix(plen))
		slot = &h->top[plen];
	else if (plen >= 2 && dst == top_prefix(plen - 1))
		slot = &h->low[plen];	/* the low half of the top /plen-1 */
	if (slot == NULL)
		return nh != 0 ? fib_add(h->lpm, dst, plen, nh, unlike) :
				 rte_fib_delete(h->lpm, dst, plen);
	old = *slot;
	*slot = nh;
	ret = top_sync(h);
	if (ret != 0) {
		/* the caller drops the route: back to what stood (a pass
		 * that only replaces and deletes, which need no tbl8) */
		*slot = old;
		top_sync(h);
	}
	return ret;
}

static inline uint32_t
route_nh(const struct rt_route *m)
{
	return m->entry | NH_FOUND |
	       (m->r.type == SN_RTN_THROW ? NH_THROW : 0);
}

/*
 * The fib of holder h made anew from the routes it shows (its table's,
 * and local's over main's while they are merged; the top's chain as it
 * stands), swapped in for the readers, the old one freed after a grace
 * period. For DIR24_8's drifting tbl8 count (fib_add): when routes added
 * and deleted by hand have driven it to refuse a /25-/32, a fresh fib
 * counts true.
 */
static int
fib_rebuild(struct rt_table *h)
{
	struct rt_ns *rt = h->owner;
	struct rt_table *ts[2] = { h, NULL };
	struct rte_fib *old = h->lpm, *fib;
	const struct rt_route *m;
	const void *key;
	void *data;
	unsigned int i, k;
	uint32_t it;
	int ret = 0;

	if (h == rt->main && rt->merged) {
		ts[0] = rt->local;	/* local's first: they shadow main's */
		ts[1] = rt->main;
	}
	fib = fib_new(rt, h);
	if (fib == NULL)
		return -ENOMEM;
	for (i = 0; i < RTE_DIM(ts) && ts[i] != NULL && ret == 0; i++) {
		it = 0;
		while (ret == 0 && rte_hash_iterate(ts[i]->routes, &key, &data,
						    &it) >= 0) {
			m = data;
			if (m->shadowed || m->r.plen == 0 ||
			    m->r.dst == top_prefix(m->r.plen) ||
			    (m->r.plen >= 2 &&
			     m->r.dst == top_prefix(m->r.plen - 1)))
				continue;	/* none, beside, or the chain */
			ret = fib_add(fib, m->r.dst, m->r.plen, route_nh(m),
				      m->r.table == SN_RT_TABLE_LOCAL);
		}
	}
	for (k = 1; k <= 32 && ret == 0; k++)
		if (h->chain[k] != 0)
			ret = fib_add(fib, k < 32 ? top_prefix(k) : UINT32_MAX,
				      k < 32 ? k + 1 : 32, h->chain[k], false);
	if (ret != 0) {
		rte_fib_free(fib);
		RT_LOG(ERR, "table %u: no room even in a new fib", h->id);
		return ret;
	}
	__atomic_store_n(&h->lpm, fib, __ATOMIC_RELEASE);
	if (cfg.qsbr != NULL)
		rte_rcu_qsbr_synchronize(cfg.qsbr, RTE_QSBR_THRID_INVALID);
	rte_fib_free(old);
	return 0;
}

/* Point the lpm at route m's entry (or remove the prefix if m is NULL). */
static int
lpm_set(struct rt_table *h, uint32_t dst, uint8_t plen,
	const struct rt_route *m)
{
	uint32_t nh = m == NULL ? 0 : route_nh(m);
	bool unlike = m != NULL && m->r.table == SN_RT_TABLE_LOCAL;
	int ret;

	if (plen == 0) {
		__atomic_store_n(&h->def_nh, nh, __ATOMIC_RELEASE);
		return 0;
	}
	rte_seqcount_write_begin(&h->seq);
	ret = fib_write(h, dst, plen, nh, unlike);
	rte_seqcount_write_end(&h->seq);
	if (nh == 0)
		h->full = false;
	if (ret == -ENOSPC && nh != 0 && plen > 24 && !h->full &&
	    fib_rebuild(h) == 0) {
		rte_seqcount_write_begin(&h->seq);
		ret = fib_write(h, dst, plen, nh, unlike);
		rte_seqcount_write_end(&h->seq);
		h->full = ret == -ENOSPC;
	}
	return ret;
}

/* ---------------------------------------------------------------------- */
/* Add, delete.                                                            */

static inline uint32_t
mask_of(uint8_t plen)
{
	return plen == 0 ? 0 : UINT32_MAX << (32 - plen);
}

static bool
valid_type(uint8_t type)
{
	return type == SN_RTN_UNICAST || type == SN_RTN_LOCAL ||
	       type == SN_RTN_BROADCAST || type == SN_RTN_BLACKHOLE ||
	       type == SN_RTN_UNREACHABLE || type == SN_RTN_PROHIBIT ||
	       type == SN_RTN_THROW;
}

static uint32_t ip4_of(const struct sn_ifaddr *a);

/* inet_addr_type == RTN_LOCAL: the local table says so. */
static bool
addr_is_local(const struct sn_netns *ns, uint32_t a)
{
	struct sn_fib_result res;

	sn_route4_lookup_bulk(ns, &a, NULL, SN_LOOPBACK_IFINDEX, &res, 1);
	return res.type == SN_RTN_LOCAL;
}

struct sn_ifaddr *
sn_rt_addrs(const struct sn_netns *ns, unsigned int *n)
{
	unsigned int max = sn_netns_addrs(ns, NULL, 0);
	struct sn_ifaddr *all = calloc(max + 1, sizeof(*all));

	*n = all == NULL ? 0 : RTE_MIN(sn_netns_addrs(ns, all, max), max);
	return all;
}

/*
 * inet_select_addr(dev, near, scope): a primary address of the device
 * whose scope is within scope (127/8 is host's, the others universe's),
 * the one on near's subnet first (near 0: the first); if the device has
 * none, the first primary address of any device (lo first, then in
 * order) within scope and not of link scope; 0 if none.
 */
static uint32_t
select_addr4(const struct sn_netns *ns, int ifindex, uint32_t near,
	     uint8_t scope)
{
	struct sn_netdev devs[RTE_MAX_ETHPORTS];
	struct sn_ifaddr *all;
	unsigned int n, nd, i, j, d;
	uint32_t first = 0, a, mask;

	all = sn_rt_addrs(ns, &n);
	nd = RTE_MIN(sn_netns_links(ns, devs, RTE_DIM(devs)),
		     (unsigned int)RTE_DIM(devs));
	for (d = 0; d <= nd; d++) {
		/* the device itself, then every device in order */
		int dev = d == 0 ? ifindex : devs[d - 1].ifindex;

		for (i = 0; i < n; i++) {
			bool primary = true;
			uint8_t sc;

			if (all[i].family != AF_INET || all[i].ifindex != dev)
				continue;
			a = ip4_of(&all[i]);
			mask = mask_of(all[i].plen);
			for (j = 0; j < i && primary; j++)
				primary = !(all[j].family == AF_INET &&
					    all[j].ifindex == dev &&
					    all[j].plen == all[i].plen &&
					    ((ip4_of(&all[j]) ^ a) & mask) ==
					    0);
			sc = (a >> 24) == 127 ? SN_RT_SCOPE_HOST :
			     SN_RT_SCOPE_UNIVERSE;
			if (!primary || sc > scope)
				continue;
			if ((d == 0 && near != 0 && ((a ^ near) & mask) == 0) ||
			    d > 0) {	/* in_dev_select_addr: the first */
				first = a;
				break;
			}
			if (first == 0)
				first = a;
		}
		if (first != 0)
			break;
	}
	free(all);
	return first;
}

static const struct rt_table *table_by_id(const struct rt_ns *rt,
					  uint32_t id);
static inline bool rule_match(const struct sn_rule4 *r, uint32_t dst,
			      uint32_t src, int iif, int oif);

/*
 * fib_table_lookup as fib_check_nh_v4_gw asks it: the most specific route
 * to a in t of scope >= scope (Linux skips the others: gateway routes
 * have universe scope) and, if oif, through oif; NULL if none. A walk of
 * the table's prefixes on the control thread.
 */
static const struct rt_route *
table_nh_route(const struct rt_table *t, uint32_t a, int oif, uint8_t scope)
{
	const struct rt_route *m;
	int plen;

	for (plen = 32; plen >= 0; plen--)
		for (m = route_find(t, a & mask_of((uint8_t)plen),
				    (uint8_t)plen); m != NULL; m = m->alt)
			if (m->r.scope >= scope &&
			    (oif == 0 || m->r.oif == oif))
				return m;
	return NULL;
}

/* What such a lookup found is a gateway's route: a unicast (link) route,
 * or a local one (an address of ours, as Linux takes it); its device in
 * *oif. */
static bool
gw_found(const struct rt_route *m, int *oif)
{
	if (m == NULL || (m->r.type != SN_RTN_UNICAST &&
			  m->r.type != SN_RTN_LOCAL) || m->r.oif == 0)
		return false;
	*oif = m->r.oif;
	return true;
}

/*
 * The route a gateway of a route of scope rscope is reached by, as
 * fib_check_nh_v4_gw finds it: at scope rscope + 1 (link at least), in the
 * route's own table first, then by the rules (input device lo, no source;
 * a rule that rejects ends it); through *oif when a device is given.
 * Its device in *oif.
 */
static bool
gw_route(struct rt_ns *rt, uint32_t gw, uint32_t table, uint8_t rscope,
	 int *oif)
{
	const struct rule_set *rs = rt->rules;
	uint8_t scope = RTE_MAX((unsigned int)rscope + 1,
				(unsigned int)SN_RT_SCOPE_LINK);
	const struct rt_table *t;
	const struct rt_route *m;
	unsigned int i;
	int want = *oif;

	if (rscope >= SN_RT_SCOPE_HOST)
		return false;
	if (table != SN_RT_TABLE_MAIN && table != SN_RT_TABLE_LOCAL &&
	    (t = table_by_id(rt, table)) != NULL &&
	    (m = table_nh_route(t, gw, want, scope)) != NULL)
		return gw_found(m, oif);
	for (i = 0; rs != NULL && i < rs->n; i++) {
		if (!rule_match(&rs->r[i], gw, 0, SN_LOOPBACK_IFINDEX, want))
			continue;
		if (rs->r[i].action != SN_FR_ACT_TO_TBL)
			return false;
		t = table_by_id(rt, rs->r[i].table);
		if (t != NULL && (m = table_nh_route(t, gw, want, scope)) != NULL)
			return gw_found(m, oif);
	}
	return false;
}

/* A gateway without a device: the device of its on-link route. */
static int
resolve_gw(struct rt_ns *rt, struct sn_route4 *r)
{
	int oif = 0;

	if (!gw_route(rt, r->gw, r->table, r->scope, &oif)) {
		RT_LOG(ERR, "gateway %u.%u.%u.%u is not on a link",
		       r->gw >> 24, (r->gw >> 16) & 255, (r->gw >> 8) & 255,
		       r->gw & 255);
		return -ENETUNREACH;
	}
	r->oif = oif;
	return 0;
}

/*
 * fib_check_nh_v4_gw: a gateway given with its device must be on a link of
 * that device (unless onlink): where a lookup through that device finds a
 * link route or a local one, in the route's own table first, then by the
 * rules, as Linux.
 */
static int
check_gw(struct rt_ns *rt, const struct sn_route4 *r)
{
	int oif = r->oif;

	if (gw_route(rt, r->gw, r->table, r->scope, &oif))
		return 0;
	RT_LOG(ERR, "gateway %u.%u.%u.%u is not on a link of ifindex %d",
	       r->gw >> 24, (r->gw >> 16) & 255, (r->gw >> 8) & 255,
	       r->gw & 255, r->oif);
	return -ENETUNREACH;
}

/*
 * fib_check_nh_v4_gw with RTNH_F_ONLINK: the gateway is taken as on the
 * device's link, at universe scope, but must be a unicast address as
 * inet_addr_type_dev_table sees it: not a limited broadcast, multicast or
 * 0/8 one, and not local or broadcast by a local-table route through
 * that device.
 */
static int
check_gw_onlink(struct rt_ns *rt, const struct sn_route4 *r)
{
	const struct rt_route *m;
	uint32_t g = r->gw;

	if (r->scope >= SN_RT_SCOPE_LINK) {
		RT_LOG(ERR, "an onlink next hop has universe scope");
		return -EINVAL;
	}
	m = NULL;
	if (table_by_id(rt, SN_RT_TABLE_LOCAL) != NULL)
		m = table_nh_route(table_by_id(rt, SN_RT_TABLE_LOCAL), g, 0,
				   0);
	if (g == UINT32_MAX || (g >> 28) == 14 || (g >> 24) == 0 ||
	    (m != NULL && m->r.oif == r->oif && m->r.type != SN_RTN_UNICAST)) {
		RT_LOG(ERR, "onlink gateway %u.%u.%u.%u is not a unicast "
		       "address", g >> 24, (g >> 16) & 255, (g >> 8) & 255,
		       g & 255);
		return -EINVAL;
	}
	return 0;
}

/* Whether the device ifindex of ns is down (IFF_UP cleared). */
static bool
dev_down(const struct sn_netns *ns, int ifindex)
{
	struct sn_netdev dev;

	return sn_netns_link_by_ifindex(ns, ifindex, &dev) == 0 && dev.down;
}

/* fib_valid_prefsrc: a route's preferred source is one of our addresses. */
static int
check_prefsrc(struct rt_ns *rt, const struct sn_route4 *r)
{
	if (r->type == SN_RTN_LOCAL && r->prefsrc == r->dst)
		return 0;
	if (!addr_is_local(rt->ns, r->prefsrc)) {
		RT_LOG(ERR, "preferred source %u.%u.%u.%u is not local",
		       r->prefsrc >> 24, (r->prefsrc >> 16) & 255,
		       (r->prefsrc >> 8) & 255, r->prefsrc & 255);
		return -EADDRNOTAVAIL;
	}
	return 0;
}

/* Whether two routes of a prefix and metric are the same route (the one
 * fib_info fib_table_insert finds for both): NLM_F_APPEND and
 * NLM_F_PREPEND refuse it. */
static bool
same_alias(const struct sn_route4 *x, const struct sn_route4 *y)
{
	return x->type == y->type && x->oif == y->oif && x->gw == y->gw &&
	       x->prefsrc == y->prefsrc && x->proto == y->proto &&
	       x->scope == y->scope && x->flags == y->flags;
}

/*
 * Another route of a prefix that has one (fib aliases): the first of the
 * lowest metric is the one looked up, the others wait in order. Of the
 * same metric as one there, only with SN_RT_F_APPEND (after that
 * metric's routes) or SN_RT_F_PREPEND (before them), and not the same
 * route again; else SN_RT_F_REPLACE replaces that metric's first.
 */
static int
alt_add(struct rt_ns *rt, struct rt_table *t, struct rt_route *head,
	const struct sn_route4 *r, const struct sn_fib_result *e,
	unsigned int flags)
{
	struct rt_key k = { .dst = r->dst, .plen = r->plen };
	struct rt_route *chain = head, **pp = &chain, *m, *x, *same = NULL;
	uint32_t idx;
	int ret;

	while (*pp != NULL && (*pp)->r.metric < r->metric)
		pp = &(*pp)->alt;
	if (*pp != NULL && (*pp)->r.metric == r->metric) {
		if (!(flags & (SN_RT_F_APPEND | SN_RT_F_PREPEND))) {
			if (!(flags & SN_RT_F_REPLACE))
				return -EEXIST;
			same = *pp;
		} else {
			for (x = *pp; x != NULL && x->r.metric == r->metric;
			     x = x->alt)
				if (same_alias(&x->r, r))
					return -EEXIST;
			if (flags & SN_RT_F_APPEND)
				while (*pp != NULL &&
				       (*pp)->r.metric == r->metric)
					pp = &(*pp)->alt;
		}
	}
	m = calloc(1, sizeof(*m));
	if (m == NULL)
		return -ENOMEM;
	ret = sn_nhpool_get(&rt->nh, e, &idx);
	if (ret != 0) {
		free(m);
		return ret;
	}
	m->r = *r;
	m->entry = idx;
	if (pp == &chain) {
		/* the new first: it takes the prefix in the fib */
		m->alt = head;
		m->shadowed = head->shadowed;
		if (!m->shadowed) {
			ret = lpm_set(holder_of(rt, t), r->dst, r->plen, m);
			if (ret != 0) {
				sn_nhpool_put(&rt->nh, idx);
				free(m);
				return -ENOSPC;
			}
		}
		head->shadowed = false;
		rte_hash_add_key_data(t->routes, &k, m);
		t->count++;
		return 0;
	}
	if (same != NULL) {
		m->alt = same->alt;
		*pp = m;
		sn_nhpool_put(&rt->nh, same->entry);
		free(same);
		return 0;
	}
	m->alt = *pp;
	*pp = m;
	t->count++;
	return 0;
}

int
sn_route4_add(struct sn_netns *ns, const struct sn_route4 *in,
	      unsigned int flags)
{
	struct rt_ns *rt = ns != NULL ? rt_of(ns) : NULL;
	struct rt_route *old, *m, *shadow = NULL;
	struct sn_fib_result e;
	struct sn_route4 r;
	struct rt_table *t;
	struct rt_key k;
	uint32_t idx;
	bool alias;
	int ret;

	if (rt == NULL || in == NULL)
		return -EINVAL;
	r = *in;
	if (r.table == 0)
		r.table = r.type == SN_RTN_LOCAL || r.type == SN_RTN_BROADCAST ?
			  SN_RT_TABLE_LOCAL : SN_RT_TABLE_MAIN;
	if (r.plen > 32 || !valid_type(r.type) ||
	    (r.dst & ~mask_of(r.plen)) != 0) {
		RT_LOG(ERR, "invalid prefix %08x/%u or type %u", r.dst, r.plen,
		       r.type);
		return -EINVAL;
	}
	if ((r.type == SN_RTN_BLACKHOLE || r.type == SN_RTN_UNREACHABLE ||
	     r.type == SN_RTN_PROHIBIT || r.type == SN_RTN_THROW) &&
	    (r.gw != 0 || r.oif != 0)) {
		RT_LOG(ERR, "gateway and device can not be specified for "
		       "this route type");
		return -EINVAL;
	}
	if ((r.flags & SN_RTNH_F_ONLINK) && r.type == SN_RTN_UNICAST &&
	    r.gw == 0 && r.scope < SN_RT_SCOPE_HOST) {
		/* fib_check_nh_nongw */
		RT_LOG(ERR, "onlink is for a next hop with a gateway");
		return -EINVAL;
	}
	if ((r.flags & SN_RTNH_F_ONLINK) && r.type == SN_RTN_UNICAST &&
	    r.gw != 0 && r.oif == 0) {
		RT_LOG(ERR, "a nexthop device is required for onlink");
		return -ENODEV;
	}
	if (r.type == SN_RTN_UNICAST && r.oif != 0 &&
	    r.scope < SN_RT_SCOPE_HOST &&	/* host: no next-hop check */
	    r.proto != SN_RTPROT_KERNEL && (r.gw == 0 ||
	    (r.flags & SN_RTNH_F_ONLINK)) && dev_down(rt->ns, r.oif)) {
		/* fib_check_nh_nongw, and fib_check_nh_v4_gw's onlink */
		RT_LOG(ERR, "the device of the next hop is not up");
		return -ENETDOWN;
	}
	if (r.type == SN_RTN_UNICAST && r.oif == 0) {
		if (r.gw == 0) {
			RT_LOG(ERR, "a unicast route needs a device or a "
			       "gateway");
			return -EINVAL;
		}
		ret = resolve_gw(rt, &r);
		if (ret != 0)
			return ret;
	} else if (r.type == SN_RTN_UNICAST && r.gw != 0 &&
		   (r.flags & SN_RTNH_F_ONLINK)) {
		ret = check_gw_onlink(rt, &r);
		if (ret != 0)
			return ret;
	} else if (r.type == SN_RTN_UNICAST && r.gw != 0 &&
		   r.proto != SN_RTPROT_KERNEL) {
		ret = check_gw(rt, &r);
		if (ret != 0)
			return ret;
	}
	if (r.prefsrc != 0 && r.proto != SN_RTPROT_KERNEL) {
		ret = check_prefsrc(rt, &r);
		if (ret != 0)
			return ret;
	}
	ret = fill_entry(rt, &r, &e);
	if (ret != 0)
		return ret;
	if (r.table == SN_RT_TABLE_LOCAL && rt->main == NULL)
		return -EINVAL;
	t = table_make(rt, r.table, &ret);
	if (t == NULL)
		return ret;

	old = route_find(t, r.dst, r.plen);
	alias = old != NULL && (old->r.metric != r.metric ||
				(flags & (SN_RT_F_APPEND | SN_RT_F_PREPEND)));
	if ((old == NULL || alias) && t->count >= cfg.max_routes) {
		RT_LOG(ERR, "table %u is full (%u routes, max_routes)", t->id,
		       t->count);
		return -ENOSPC;
	}
	if (alias)
		return alt_add(rt, t, old, &r, &e, flags);
	if (old != NULL && !(flags & SN_RT_F_REPLACE))
		return -EEXIST;
	m = calloc(1, sizeof(*m));
	if (m == NULL)
		return -ENOMEM;
	ret = sn_nhpool_get(&rt->nh, &e, &idx);
	if (ret != 0) {
		free(m);
		return ret;
	}
	m->r = r;
	m->entry = idx;
	if (old != NULL)
		m->alt = old->alt;

	/* merged local and main (R1): local wins on the same prefix */
	if (rt->merged && t == rt->local)
		shadow = route_find(rt->main, r.dst, r.plen);
	else if (rt->merged && t == rt->main &&
		 route_find(rt->local, r.dst, r.plen) != NULL)
		m->shadowed = true;
	if (!m->shadowed) {
		ret = lpm_set(holder_of(rt, t), r.dst, r.plen, m);
		if (ret != 0) {
			sn_nhpool_put(&rt->nh, idx);
			free(m);
			RT_LOG(ERR, "table %u is full (%s)", t->id,
			       strerror(-ret));
			return -ENOSPC;
		}
	}
	if (shadow != NULL)
		shadow->shadowed = true;
	k.dst = r.dst;
	k.plen = r.plen;
	rte_hash_add_key_data(t->routes, &k, m);
	if (old != NULL) {
		sn_nhpool_put(&rt->nh, old->entry);
		free(old);
	} else {
		t->count++;
	}
	return 0;
}

static bool
route_matches(const struct sn_route4 *have, const struct sn_route4 *want)
{
	return (want->type == 0 || want->type == have->type) &&
	       (want->oif == 0 || want->oif == have->oif) &&
	       (want->gw == 0 || want->gw == have->gw) &&
	       (want->proto == 0 || want->proto == have->proto) &&
	       (want->prefsrc == 0 || want->prefsrc == have->prefsrc) &&
	       (want->scope == SN_RT_SCOPE_UNIVERSE ||
		want->scope == SN_RT_SCOPE_NOWHERE ||
		want->scope == have->scope) &&
	       (want->metric == 0 || want->metric == have->metric);
}

int
sn_route4_del(struct sn_netns *ns, const struct sn_route4 *r)
{
	struct rt_ns *rt = ns != NULL ? rt_of(ns) : NULL;
	struct rt_route *m, *main_r, **pp, *x;
	struct rt_table *t;
	struct rt_key k = { .dst = r->dst, .plen = r->plen };

	if (rt == NULL)
		return -EINVAL;
	t = table_get(rt, r->table != 0 ? r->table : SN_RT_TABLE_MAIN);
	m = route_find(t, r->dst, r->plen);
	if (m == NULL)
		return -ESRCH;
	if (!route_matches(&m->r, r)) {
		/* one of the prefix's higher metrics */
		for (pp = &m->alt; *pp != NULL && !route_matches(&(*pp)->r, r);
		     pp = &(*pp)->alt)
			;
		if (*pp == NULL)
			return -ESRCH;
		x = *pp;
		*pp = x->alt;
		t->count--;
		sn_nhpool_put(&rt->nh, x->entry);
		free(x);
		return 0;
	}
	if (m->alt != NULL) {
		/* the next metric takes the prefix */
		x = m->alt;
		x->shadowed = m->shadowed;
		if (!x->shadowed)
			lpm_set(holder_of(rt, t), r->dst, r->plen, x);
		rte_hash_add_key_data(t->routes, &k, x);
		t->count--;
		sn_nhpool_put(&rt->nh, m->entry);
		free(m);
		return 0;
	}
	if (rt->merged && t == rt->local) {
		/* the main route it hid comes back */
		main_r = route_find(rt->main, r->dst, r->plen);
		if (main_r != NULL)
			main_r->shadowed = false;
		lpm_set(rt->main, r->dst, r->plen, main_r);
	} else if (!m->shadowed) {
		lpm_set(t, r->dst, r->plen, NULL);
	}
	rte_hash_del_key(t->routes, &k);
	t->count--;
	sn_nhpool_put(&rt->nh, m->entry);
	free(m);
	return 0;
}

/* ---------------------------------------------------------------------- */
/* Lookup.                                                                 */

static inline const struct rt_table *
table_by_id(const struct rt_ns *rt, uint32_t id)
{
	unsigned int i;
	const struct rt_table *t;

	for (i = 0; i < RT_MAX_TABLES; i++) {
		t = __atomic_load_n(&rt->tables[i], __ATOMIC_ACQUIRE);
		if (t != NULL && t->id == id)
			return t;
	}
	return NULL;
}

/* One table's lpm for n (<= 64) addresses; a change under way redoes it. */
static inline void
table_lookup_bulk(const struct rt_table *t, const uint32_t *dst,
		  uint64_t *nh, unsigned int n)
{
	uint32_t sq;

	do {
		sq = rte_seqcount_read_begin(&t->seq);
		rte_fib_lookup_bulk(t->lpm, (uint32_t *)(uintptr_t)dst, nh, n);
	} while (rte_seqcount_read_retry(&t->seq, sq));
}

static inline bool
rule_match(const struct sn_rule4 *r, uint32_t dst, uint32_t src, int iif,
	   int oif)
{
	/* fib_rule_match: `not` inverts the selectors' answer */
	return (((src ^ r->src) & mask_of(r->src_len)) == 0 &&
		((dst ^ r->dst) & mask_of(r->dst_len)) == 0 &&
		(r->iif == 0 || r->iif == iif) &&
		(r->oif == 0 || r->oif == oif)) != r->invert;
}

/* What a lookup answers when it finds no route, or a rule's action. */
static const struct sn_fib_result res_none = { .port = NO_PORT };
static const struct sn_fib_result res_action[] = {
	[SN_FR_ACT_BLACKHOLE] = { .type = SN_RTN_BLACKHOLE, .port = NO_PORT },
	/* fib4_rule_action: -ENETUNREACH, as no route (net unreachable;
	 * an unreachable route is host unreachable) */
	[SN_FR_ACT_UNREACHABLE] = { .type = SN_RTN_UNSPEC, .port = NO_PORT },
	[SN_FR_ACT_PROHIBIT] = { .type = SN_RTN_PROHIBIT, .port = NO_PORT },
};

/*
 * fib_rules_lookup for n (<= 64) packets at once: each rule in order takes
 * the packets still unresolved that it matches, and a table rule looks
 * them up in one bulk call, so the table's cache misses overlap as in the
 * merged lookup. A miss, or a throw route, leaves a packet to the next rule
 * (R10); what no rule resolves has no route.
 */
static void
lookup_rules(const struct rt_ns *rt, const struct sn_fib_result *ent,
	     const struct rule_set *rs, const uint32_t *dst,
	     const uint32_t *src, int iif, int oif,
	     const struct sn_fib_result **res, unsigned int n)
{
	uint64_t pending = n == 64 ? UINT64_MAX : (UINT64_C(1) << n) - 1;
	uint32_t adr[64], def;
	uint64_t nh[64], todo;
	uint8_t idx[64];
	const struct rt_table *t;
	unsigned int i, j, m;

	for (i = 0; i < rs->n && pending != 0; i++) {
		const struct sn_rule4 *r = &rs->r[i];

		m = 0;
		for (todo = pending; todo != 0; todo &= todo - 1) {
			j = rte_bsf64(todo);
			if (!rule_match(r, dst[j], src != NULL ? src[j] : 0,
					iif, oif))
				continue;
			idx[m] = j;
			adr[m++] = dst[j];
		}
		if (m == 0)
			continue;
		if (r->action != SN_FR_ACT_TO_TBL) {
			for (j = 0; j < m; j++) {
				res[idx[j]] = r->action < RTE_DIM(res_action) ?
					      &res_action[r->action] :
					      &res_none;
				pending &= ~(UINT64_C(1) << idx[j]);
			}
			continue;
		}
		t = table_by_id(rt, r->table);
		if (t == NULL)
			continue;	/* no such table: next rule */
		if (t->lpm != NULL)
			table_lookup_bulk(t, adr, nh, m);
		else
			memset(nh, 0, m * sizeof(nh[0]));
		def = __atomic_load_n(&t->def_nh, __ATOMIC_ACQUIRE);
		for (j = 0; j < m; j++) {
			uint32_t v = (nh[j] & NH_FOUND) ? (uint32_t)nh[j] : def;

			/* a miss or a throw: the next rule */
			if ((v & (NH_FOUND | NH_THROW)) != NH_FOUND)
				continue;
			res[idx[j]] = &ent[v & NH_IDX];
			pending &= ~(UINT64_C(1) << idx[j]);
		}
	}
	for (todo = pending; todo != 0; todo &= todo - 1)
		res[rte_bsf64(todo)] = &res_none;
}

/* After a miss or a throw in the merged table: rule 32767, the default
 * table, if it has routes. */
static const struct sn_fib_result *
lookup_default(const struct rt_ns *rt, const struct sn_fib_result *ent,
	       uint32_t dst, uint32_t v)
{
	const struct rt_table *deflt =
		__atomic_load_n(&rt->deflt, __ATOMIC_ACQUIRE);
	uint64_t nh = 0;

	if (!(v & NH_FOUND))	/* a miss: main's /0; a throw: not that */
		v = __atomic_load_n(&rt->main->def_nh, __ATOMIC_ACQUIRE);
	if ((v & (NH_FOUND | NH_THROW)) == NH_FOUND)
		return &ent[v & NH_IDX];
	if (deflt == NULL || deflt->count == 0)
		return &res_none;
	if (deflt->lpm != NULL)
		table_lookup_bulk(deflt, &dst, &nh, 1);
	v = (nh & NH_FOUND) ? (uint32_t)nh :
	    __atomic_load_n(&deflt->def_nh, __ATOMIC_ACQUIRE);
	return (v & (NH_FOUND | NH_THROW)) == NH_FOUND ? &ent[v & NH_IDX] :
	       &res_none;
}

/* Next hops to entry pointers, branch-free so that the compiler vectorises
 * it; non-zero if some next hop is a miss or a throw. */
static __rte_always_inline uint64_t
nh_to_entries(const struct sn_fib_result *ent, const uint64_t *nh,
	      const struct sn_fib_result **out, unsigned int n)
{
	uint64_t bad = 0;
	unsigned int i;

	for (i = 0; i < n; i++) {
		out[i] = &ent[nh[i] & NH_IDX];
		bad |= (nh[i] & (NH_FOUND | NH_THROW)) ^ NH_FOUND;
	}
	return bad;
}

void
sn_route4_lookup_bulk_ref(const struct sn_netns *ns, const uint32_t *dst,
			  const uint32_t *src, int iif,
			  const struct sn_fib_result **res, unsigned int n)
{
	const struct rt_ns *rt = rt_of(ns);
	const struct sn_fib_result *ent =
		sn_nhpool_entries(&rt->nh);
	const struct rule_set *rs = NULL;
	uint64_t nh[64], bad;
	unsigned int i, k, done;

	if (unlikely(__atomic_load_n(&rt->use_rules, __ATOMIC_ACQUIRE)))
		rs = __atomic_load_n(&rt->rules, __ATOMIC_ACQUIRE);
	for (done = 0; done < n; done += k) {
		k = RTE_MIN(n - done, RTE_DIM(nh));
		if (unlikely(rs != NULL)) {
			lookup_rules(rt, ent, rs, dst + done,
				     src != NULL ? src + done : NULL, iif, 0,
				     res + done, k);
			continue;
		}
		/* rules 0 and 32766: one merged lookup (rte_fib prefetches
		 * the tbl24 entries of the burst itself) */
		table_lookup_bulk(rt->main, dst + done, nh, k);
		/* a full burst gets a loop of constant length: the variable
		 * one (alias checks, epilogues) cost 5-7 cycles per lookup */
		bad = likely(k == 64) ?
		      nh_to_entries(ent, nh, res + done, 64) :
		      nh_to_entries(ent, nh, res + done, k);
		if (likely(bad == 0))
			continue;
		/* a miss or a throw in the merged table */
		for (i = 0; i < k; i++)
			if ((nh[i] & (NH_FOUND | NH_THROW)) != NH_FOUND)
				res[done + i] = lookup_default(rt, ent,
							       dst[done + i],
							       nh[i]);
	}
}

void
sn_route4_lookup_bulk(const struct sn_netns *ns, const uint32_t *dst,
		      const uint32_t *src, int iif, struct sn_fib_result *res,
		      unsigned int n)
{
	const struct sn_fib_result *p[64];
	unsigned int i, k, done;

	for (done = 0; done < n; done += k) {
		k = RTE_MIN(n - done, RTE_DIM(p));
		sn_route4_lookup_bulk_ref(ns, dst + done,
					  src != NULL ? src + done : NULL, iif,
					  p, k);
		for (i = 0; i < k; i++)
			res[done + i] = *p[i];
	}
}

/* Table ids in `ip route show table all`'s order: ascending, local last. */
static int
cmp_table_id(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	if (x == SN_RT_TABLE_LOCAL || y == SN_RT_TABLE_LOCAL)
		return (x == SN_RT_TABLE_LOCAL) - (y == SN_RT_TABLE_LOCAL);
	return x < y ? -1 : x > y;
}

unsigned int
sn_route4_tables(const struct sn_netns *ns, uint32_t *ids, unsigned int max)
{
	struct rt_ns *rt = rt_of(ns);
	unsigned int i, n = 0;

	for (i = 0; i < RT_MAX_TABLES && n < max; i++)
		if (rt->tables[i] != NULL && rt->tables[i]->count != 0)
			ids[n++] = rt->tables[i]->id;
	qsort(ids, n, sizeof(*ids), cmp_table_id);
	return n;
}

bool
sn_route4_table_exists(const struct sn_netns *ns, uint32_t table)
{
	struct rt_ns *rt = rt_of(ns);

	return table == SN_RT_TABLE_LOCAL || table == SN_RT_TABLE_MAIN ||
	       table == SN_RT_TABLE_DEFAULT ||
	       (rt != NULL && table_get(rt, table) != NULL);
}

struct rte_fib *
sn_route4_table_fib(const struct sn_netns *ns, uint32_t table)
{
	const struct rt_table *t = table_by_id(rt_of(ns), table);

	return t != NULL ? t->lpm : NULL;
}

/* ---------------------------------------------------------------------- */
/* Rules: fib_unmerge and back.                                            */

static const struct sn_rule4 default_rules[] = {
	{ .pref = 0, .action = SN_FR_ACT_TO_TBL, .table = SN_RT_TABLE_LOCAL },
	{ .pref = 32766, .action = SN_FR_ACT_TO_TBL,
	  .table = SN_RT_TABLE_MAIN },
	{ .pref = 32767, .action = SN_FR_ACT_TO_TBL,
	  .table = SN_RT_TABLE_DEFAULT },
};

/* rule_exists: "not" is not compared, by Linux either (nor by rule_find
 * for a delete) */
static bool
same_rule(const struct sn_rule4 *a, const struct sn_rule4 *b)
{
	return a->pref == b->pref && a->src == b->src &&
	       a->src_len == b->src_len && a->dst == b->dst &&
	       a->dst_len == b->dst_len && a->iif == b->iif &&
	       a->oif == b->oif && a->action == b->action &&
	       (a->action != SN_FR_ACT_TO_TBL || a->table == b->table);
}

static bool
only_default_rules(const struct rule_set *rs)
{
	unsigned int i;

	if (rs->n != RTE_DIM(default_rules))
		return false;
	for (i = 0; i < rs->n; i++)
		if (!same_rule(&rs->r[i], &default_rules[i]) || rs->r[i].invert)
			return false;
	return true;
}

/* Local gets its own lpm, and main keeps only main's routes. */
static int
unmerge(struct rt_ns *rt)
{
	const void *key;
	void *data;
	uint32_t it = 0;
	int ret;

	ret = table_lpm_create(rt, rt->local);
	if (ret != 0)
		return ret;
	rt->merged = false;
	while (rte_hash_iterate(rt->local->routes, &key, &data, &it) >= 0) {
		struct rt_route *m = data;

		if (lpm_set(rt->local, m->r.dst, m->r.plen, m) != 0)
			ret = -ENOSPC;
	}
	return ret;
}

/*
 * Main's lpm at local's prefixes: local's routes over main's (merge), or
 * main's own routes back (unmerge, once local has its own lpm).
 */
static void
main_at_local_prefixes(struct rt_ns *rt, bool merge)
{
	const void *key;
	void *data;
	uint32_t it = 0;

	while (rte_hash_iterate(rt->local->routes, &key, &data, &it) >= 0) {
		struct rt_route *m = data, *main_r;

		main_r = route_find(rt->main, m->r.dst, m->r.plen);
		if (main_r != NULL)
			main_r->shadowed = merge;
		lpm_set(rt->main, m->r.dst, m->r.plen, merge ? m : main_r);
	}
}

/* Publish a new rule set, moving between merged and rules lookups. */
static int
rules_publish(struct rt_ns *rt, struct rule_set *rs)
{
	struct rule_set *old = rt->rules;
	/* once split, never merged again: Linux's fib4_rule_delete leaves
	 * fib_has_custom_rules set, and a throw in local then goes on to
	 * main, where merged it would skip it */
	bool to_rules = !only_default_rules(rs) || rt->split_once;
	bool was_merged = rt->merged;
	struct rte_fib *local_lpm;
	int ret;

	if (to_rules && was_merged) {
		ret = unmerge(rt);
		if (ret != 0) {
			rte_fib_free(rt->local->lpm);
			rt->local->lpm = NULL;
			rt->merged = true;
			return ret;
		}
		rt->split_once = true;
	}
	if (!to_rules && !was_merged)
		main_at_local_prefixes(rt, true);
	__atomic_store_n(&rt->rules, rs, __ATOMIC_RELEASE);
	__atomic_store_n(&rt->use_rules, to_rules, __ATOMIC_RELEASE);
	if (cfg.qsbr != NULL)
		rte_rcu_qsbr_synchronize(cfg.qsbr, RTE_QSBR_THRID_INVALID);
	if (to_rules && was_merged)
		main_at_local_prefixes(rt, false);
	if (!to_rules && !was_merged) {
		local_lpm = rt->local->lpm;
		rt->local->lpm = NULL;
		rt->local->def_nh = 0;
		rt->merged = true;
		rte_fib_free(local_lpm);
	}
	free(old);
	return 0;
}

static struct rule_set *
rules_copy(const struct rule_set *rs, unsigned int extra)
{
	struct rule_set *n = malloc(sizeof(*n) + (rs->n + extra) *
				    sizeof(n->r[0]));

	if (n == NULL)
		return NULL;
	n->n = rs->n;
	memcpy(n->r, rs->r, rs->n * sizeof(rs->r[0]));
	return n;
}

int
sn_rule4_add(struct sn_netns *ns, const struct sn_rule4 *in)
{
	struct rt_ns *rt = ns != NULL ? rt_of(ns) : NULL;
	struct sn_rule4 r;
	struct rule_set *rs;
	unsigned int i, pos;
	int ret;

	if (rt == NULL || in == NULL)
		return -EINVAL;
	r = *in;
	if (r.src_len > 32 || r.dst_len > 32 ||
	    (r.pref > UINT32_MAX && r.pref != SN_RULE_PREF_AUTO) ||
	    (r.action != SN_FR_ACT_TO_TBL &&
	     r.action != SN_FR_ACT_BLACKHOLE &&
	     r.action != SN_FR_ACT_UNREACHABLE &&
	     r.action != SN_FR_ACT_PROHIBIT) ||
	    (r.action == SN_FR_ACT_TO_TBL && r.table == 0)) {
		RT_LOG(ERR, "invalid rule");
		return -EINVAL;
	}
	if (r.action != SN_FR_ACT_TO_TBL)
		r.table = 0;
	if (r.src_len == 0)
		r.src = 0;
	if (r.dst_len == 0)
		r.dst = 0;
	sn_rt_rule_dev_names(ns, r.iif, r.oif, r.iifname, r.oifname);
	if (r.pref == SN_RULE_PREF_AUTO)	/* fib_default_rule_pref: */
		/* one below the second rule's, or 0 */
		r.pref = rt->rules->n > 1 && rt->rules->r[1].pref > 0 ?
			 rt->rules->r[1].pref - 1 : 0;
	for (i = 0; i < rt->rules->n; i++)
		if (same_rule(&rt->rules->r[i], &r))
			return -EEXIST;
	rs = rules_copy(rt->rules, 1);
	if (rs == NULL)
		return -ENOMEM;
	/* after the rules of the same preference */
	for (pos = 0; pos < rs->n && rs->r[pos].pref <= r.pref; pos++)
		;
	memmove(&rs->r[pos + 1], &rs->r[pos],
		(rs->n - pos) * sizeof(rs->r[0]));
	rs->r[pos] = r;
	rs->n++;
	ret = rules_publish(rt, rs);
	if (ret != 0)
		free(rs);
	return ret;
}

static bool
rule_del_match(const struct sn_rule4 *have, const struct sn_rule4 *want)
{
	return (want->pref == SN_RULE_PREF_AUTO || want->pref == have->pref) &&
	       (want->src_len == 0 || (want->src == have->src &&
				       want->src_len == have->src_len)) &&
	       (want->dst_len == 0 || (want->dst == have->dst &&
				       want->dst_len == have->dst_len)) &&
	       (want->iif == 0 || want->iif == have->iif) &&
	       (want->oif == 0 || want->oif == have->oif) &&
	       (want->action == 0 || want->action == have->action) &&
	       (want->table == 0 || want->table == have->table);
}

int
sn_rule4_del(struct sn_netns *ns, const struct sn_rule4 *r)
{
	struct rt_ns *rt = ns != NULL ? rt_of(ns) : NULL;
	struct rule_set *rs;
	unsigned int i;
	int ret;

	if (rt == NULL || r == NULL)
		return -EINVAL;
	for (i = 0; i < rt->rules->n; i++)
		if (rule_del_match(&rt->rules->r[i], r))
			break;
	if (i == rt->rules->n)
		return -ENOENT;
	rs = rules_copy(rt->rules, 0);
	if (rs == NULL)
		return -ENOMEM;
	memmove(&rs->r[i], &rs->r[i + 1], (rs->n - i - 1) * sizeof(rs->r[0]));
	rs->n--;
	ret = rules_publish(rt, rs);
	if (ret != 0)
		free(rs);
	return ret;
}

int
sn_rule4_foreach(const struct sn_netns *ns,
		 int (*fn)(const struct sn_rule4 *r, void *arg), void *arg)
{
	const struct rule_set *rs = rt_of(ns)->rules;
	unsigned int i;
	int ret = 0;

	for (i = 0; i < rs->n && ret == 0; i++)
		ret = fn(&rs->r[i], arg);
	return ret;
}

/* ---------------------------------------------------------------------- */
/* Text: `ip route show` and `ip route get`.                               */

static const char *
type_name(uint8_t type)
{
	switch (type) {
	case SN_RTN_LOCAL: return "local";
	case SN_RTN_BROADCAST: return "broadcast";
	case SN_RTN_MULTICAST: return "multicast";
	case SN_RTN_BLACKHOLE: return "blackhole";
	case SN_RTN_UNREACHABLE: return "unreachable";
	case SN_RTN_PROHIBIT: return "prohibit";
	case SN_RTN_THROW: return "throw";
	default: return "";
	}
}

const char *
sn_route_proto_name(uint8_t proto)
{
	/* rtnl_rtprot_tab and /etc/iproute2/rt_protos (iproute2 6.1) */
	static const char *const names[256] = {
		[0] = "unspec", [1] = "redirect", [2] = "kernel",
		[3] = "boot", [4] = "static", [8] = "gated", [9] = "ra",
		[10] = "mrt", [11] = "zebra", [12] = "bird",
		[13] = "dnrouted", [14] = "xorp", [15] = "ntk",
		[16] = "dhcp", [18] = "keepalived", [42] = "babel",
		[99] = "openr", [186] = "bgp", [187] = "isis",
		[188] = "ospf", [189] = "rip", [192] = "eigrp",
	};

	return names[proto];
}

const char *
sn_rt_proto_word(uint8_t proto, char *buf, size_t len)
{
	const char *name = sn_route_proto_name(proto);

	if (proto == SN_RTPROT_BOOT || proto == 0)
		snprintf(buf, len, "%s", "");
	else if (name != NULL)
		snprintf(buf, len, " proto %s", name);
	else
		snprintf(buf, len, " proto %u", proto);
	return buf;
}

#define IP4(a) (a) >> 24, ((a) >> 16) & 255, ((a) >> 8) & 255, (a) & 255
#define IP4F "%u.%u.%u.%u"

int
sn_route4_format(const struct sn_netns *ns, const struct sn_route4 *r,
		 char *buf, size_t len)
{
	struct sn_netdev dev;
	char tb[16], pw[32];
	int off = 0;

#define OUT(...) off += snprintf(buf + RTE_MIN((size_t)off, len), \
		len > (size_t)off ? len - off : 0, __VA_ARGS__)
	if (r->type != SN_RTN_UNICAST)
		OUT("%s ", type_name(r->type));
	if (r->plen == 0)
		OUT("default");
	else if (r->plen == 32)
		OUT(IP4F, IP4(r->dst));
	else
		OUT(IP4F "/%u", IP4(r->dst), r->plen);
	if (r->gw != 0)
		OUT(" via " IP4F, IP4(r->gw));
	if (r->oif != 0 && sn_netns_link_by_ifindex(ns, r->oif, &dev) == 0)
		OUT(" dev %s", dev.ifname);
	if (r->table != SN_RT_TABLE_MAIN)
		OUT(" table %s", table_name(r->table, tb, sizeof(tb)));
	OUT("%s", sn_rt_proto_word(r->proto, pw, sizeof(pw)));
	if (r->scope == SN_RT_SCOPE_HOST)
		OUT(" scope host");
	else if (r->scope == SN_RT_SCOPE_LINK)
		OUT(" scope link");
	/* iproute2's order: src, metric, then the next hop's flags */
	if (r->prefsrc != 0)
		OUT(" src " IP4F, IP4(r->prefsrc));
	if (r->metric != 0)
		OUT(" metric %u", r->metric);
	if (r->flags & SN_RTNH_F_ONLINK)
		OUT(" onlink");
	return off;
#undef OUT
}

/* A rule's device that has left: its name when added, else its ifindex. */
const char *
sn_rt_rule_dev_name(const char *name, int ifindex, char *buf, size_t len)
{
	if (name[0] != '\0')
		return name;
	snprintf(buf, len, "%d", ifindex);
	return buf;
}

/* The names of a rule's devices, for when they leave. */
void
sn_rt_rule_dev_names(const struct sn_netns *ns, int iif, int oif, char *iifname,
	       char *oifname)
{
	struct sn_netdev dev;

	iifname[0] = oifname[0] = '\0';
	if (iif != 0 && sn_netns_link_by_ifindex(ns, iif, &dev) == 0)
		snprintf(iifname, SN_IFNAMSIZ, "%s", dev.ifname);
	if (oif != 0 && sn_netns_link_by_ifindex(ns, oif, &dev) == 0)
		snprintf(oifname, SN_IFNAMSIZ, "%s", dev.ifname);
}

int
sn_rule4_format(const struct sn_netns *ns, const struct sn_rule4 *r,
		char *buf, size_t len)
{
	struct sn_netdev dev;
	char tb[16];
	int off = 0;

#define OUT(...) off += snprintf(buf + RTE_MIN((size_t)off, len), \
		len > (size_t)off ? len - off : 0, __VA_ARGS__)
	OUT("%" PRIu64 ":\t%sfrom ", r->pref, r->invert ? "not " : "");
	if (r->src_len == 0)
		OUT("all");
	else if (r->src_len == 32)
		OUT(IP4F, IP4(r->src));
	else
		OUT(IP4F "/%u", IP4(r->src), r->src_len);
	if (r->dst_len == 32)
		OUT(" to " IP4F, IP4(r->dst));
	else if (r->dst_len != 0)
		OUT(" to " IP4F "/%u", IP4(r->dst), r->dst_len);
	if (r->iif != 0) {
		if (sn_netns_link_by_ifindex(ns, r->iif, &dev) == 0)
			OUT(" iif %s", dev.ifname);
		else
			OUT(" iif %s [detached]", sn_rt_rule_dev_name(r->iifname,
				r->iif, tb, sizeof(tb)));
	}
	if (r->oif != 0) {
		if (sn_netns_link_by_ifindex(ns, r->oif, &dev) == 0)
			OUT(" oif %s", dev.ifname);
		else
			OUT(" oif %s [detached]", sn_rt_rule_dev_name(r->oifname,
				r->oif, tb, sizeof(tb)));
	}
	if (r->action == SN_FR_ACT_TO_TBL)
		OUT(" lookup %s", table_name(r->table, tb, sizeof(tb)));
	else
		OUT(" %s", type_name(r->action));
	return off;
#undef OUT
}

int
sn_route4_get(const struct sn_netns *ns, uint32_t dst, char *buf, size_t len)
{
	/* as ip route get: an output lookup, iif lo (R6) */
	return sn_route4_get_from(ns, dst, 0, SN_LOOPBACK_IFINDEX, 0, buf,
				  len);
}

/* ip route get's line: the route as shown, with "from SRC" after its
 * destination when one was given and "iif DEV" after it for an input
 * lookup (without ip's "uid" and "cache") */
static void
get_line(const struct sn_netns *ns, const struct sn_route4 *r, uint32_t src,
	 int iif, char *buf, size_t len)
{
	char line[256], from[32] = "", *at;
	struct sn_netdev dev;
	size_t n;

	sn_route4_format(ns, r, line, sizeof(line));
	if (src != 0)
		snprintf(from, sizeof(from), " from %u.%u.%u.%u", src >> 24,
			 (src >> 16) & 255, (src >> 8) & 255, src & 255);
	/* the destination is the first word, or the second after a type */
	at = r->type != SN_RTN_UNICAST ? strchr(line, ' ') : line;
	at = at != NULL ? strchr(at + (at != line), ' ') : NULL;
	n = at != NULL ? (size_t)(at - line) : strlen(line);
	snprintf(buf, len, "%.*s%s%s", (int)n, line, from, line + n);
	if (iif != SN_LOOPBACK_IFINDEX &&
	    sn_netns_link_by_ifindex(ns, iif, &dev) == 0)
		snprintf(buf + strlen(buf), len - strlen(buf), " iif %s",
			 dev.ifname);
}

/*
 * fib_table_lookup bound to a device (flowi4_oif): the longest prefix with
 * a route through oif, or with a reject route (its error needs no
 * device and ends the lookup; a throw sends it on to the next rule);
 * NULL if none.
 */
static const struct rt_route *
table_oif_route(const struct rt_table *t, uint32_t a, int oif)
{
	const struct rt_route *m;
	int plen;

	for (plen = 32; plen >= 0; plen--)
		for (m = route_find(t, a & mask_of((uint8_t)plen),
				    (uint8_t)plen); m != NULL; m = m->alt)
			if (m->r.oif == oif ||
			    m->r.type == SN_RTN_BLACKHOLE ||
			    m->r.type == SN_RTN_UNREACHABLE ||
			    m->r.type == SN_RTN_PROHIBIT ||
			    m->r.type == SN_RTN_THROW)
				return m;
	return NULL;
}

/*
 * An output lookup bound to oif, by the rules (fib_rules_lookup with
 * flowi4_oif): the answer in *res; false if the lookup fails, which
 * ip_route_output_key_hash_rcu then takes as on-link: no table has a
 * route through oif, or a reject rule or route gave its error first.
 */
static bool
oif_lookup(const struct rt_ns *rt, uint32_t dst, uint32_t src, int oif,
	   struct sn_fib_result *res)
{
	const struct sn_fib_result *ent = sn_nhpool_entries(&rt->nh);
	const struct rule_set *rs = rt->rules;
	const struct rt_table *t;
	const struct rt_route *m;
	unsigned int i;

	for (i = 0; rs != NULL && i < rs->n; i++) {
		if (!rule_match(&rs->r[i], dst, src, SN_LOOPBACK_IFINDEX, oif))
			continue;
		if (rs->r[i].action != SN_FR_ACT_TO_TBL)
			return false;	/* fib4_rule_action's error */
		t = table_by_id(rt, rs->r[i].table);
		m = t != NULL ? table_oif_route(t, dst, oif) : NULL;
		if (m == NULL || m->r.type == SN_RTN_THROW)
			continue;
		if (m->r.type == SN_RTN_BLACKHOLE ||
		    m->r.type == SN_RTN_UNREACHABLE ||
		    m->r.type == SN_RTN_PROHIBIT)
			return false;	/* fib_props[type].error */
		*res = ent[m->entry];
		return true;
	}
	return false;
}

int
sn_route4_get_from(const struct sn_netns *ns, uint32_t dst, uint32_t src,
		   int iif, int oif, char *buf, size_t len)
{
	const struct rt_ns *rt = rt_of(ns);
	struct sn_fib_result res;
	struct sn_route4 r;

	/* ip_route_output_key_hash_rcu: a source given is a unicast one
	 * (-EINVAL), and one of ours (-ENETUNREACH) */
	if (iif == SN_LOOPBACK_IFINDEX && src != 0 &&
	    ((src >> 28) == 0xe || src == UINT32_MAX || (src >> 24) == 0)) {
		snprintf(buf, len, "Invalid argument");
		return -EINVAL;
	}
	if (iif == SN_LOOPBACK_IFINDEX && src != 0 && !addr_is_local(ns, src)) {
		snprintf(buf, len, "Network is unreachable");
		return -ENETUNREACH;
	}
	if (iif == SN_LOOPBACK_IFINDEX && dst == 0) {
		/* R6: to 0.0.0.0 is to ourselves, out of lo, from the source
		 * given or 127.0.0.1; no lookup */
		memset(&r, 0, sizeof(r));
		r.type = SN_RTN_LOCAL;
		r.plen = 32;
		r.oif = SN_LOOPBACK_IFINDEX;
		r.table = SN_RT_TABLE_MAIN;
		r.prefsrc = src != 0 ? 0 : 0x7f000001;
		get_line(ns, &r, src, iif, buf, len);
		return 0;
	}
	if (oif != 0 && iif == SN_LOOPBACK_IFINDEX) {
		/* an output lookup with a device: oif selectors apply, and
		 * only routes through it; none: on-link (R6) */
		if (!oif_lookup(rt, dst, src, oif, &res)) {
			memset(&res, 0, sizeof(res));
			res.type = SN_RTN_UNICAST;
			res.scope = SN_RT_SCOPE_LINK;
			res.oif = oif;
			res.table = SN_RT_TABLE_MAIN;
		}
	} else {
		/* unbound, or an input lookup: ip_route_input_slow's flow
		 * has no oif, so no oif selector matches it */
		sn_route4_lookup_bulk(ns, &dst, &src, iif, &res, 1);
	}
	switch (res.type) {
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
	r.type = res.type;
	r.dst = dst;
	r.plen = 32;
	r.gw = res.gw;
	r.oif = res.oif;
	r.table = res.table;
	r.prefsrc = res.prefsrc;
	/* the source: an output lookup's given one is said by "from" (and
	 * is kept, fl4->saddr); else FIB_RES_PREFSRC, the route's, else an
	 * address of its device */
	if ((iif == SN_LOOPBACK_IFINDEX && src != 0) ||
	    iif != SN_LOOPBACK_IFINDEX)
		r.prefsrc = 0;	/* rt_fill_info: no source for input */
	else if (r.prefsrc == 0 && iif == SN_LOOPBACK_IFINDEX &&
		 res.type == SN_RTN_LOCAL)
		r.prefsrc = dst;	/* R6: prefsrc, else the destination */
	else if (r.prefsrc == 0 && iif == SN_LOOPBACK_IFINDEX)
		/* fib_result_prefsrc: near the gateway, at the route's
		 * scope (an on-link guess: link) */
		r.prefsrc = select_addr4(ns, r.oif, r.gw, res.scope);
	/* an input lookup delivers local traffic through lo too (R8 9.) */
	if (res.type == SN_RTN_LOCAL)
		r.oif = SN_LOOPBACK_IFINDEX;
	/* __mkroute_output: to 255.255.255.255 or a group, the device the
	 * lookup found, no gateway */
	if (iif == SN_LOOPBACK_IFINDEX && r.type == SN_RTN_UNICAST &&
	    (dst == UINT32_MAX || (dst >> 28) == 0xe)) {
		r.type = dst == UINT32_MAX ? SN_RTN_BROADCAST :
			 SN_RTN_MULTICAST;
		r.gw = 0;
	}
	/* until a custom rule split them once (Linux never merges them
	 * again), local's routes are in main's trie, so the answer's table
	 * is main's, which iproute2 does not print */
	if (!rt_of(ns)->split_once && r.table == SN_RT_TABLE_LOCAL)
		r.table = SN_RT_TABLE_MAIN;
	get_line(ns, &r, src, iif, buf, len);
	return 0;
}

/* a route of a table, and its place among its prefix's aliases */
struct listed {
	struct sn_route4 r;
	unsigned int pos;
};

static int
cmp_route(const void *a, const void *b)
{
	const struct listed *p = a, *q = b;
	const struct sn_route4 *x = &p->r, *y = &q->r;

	if (x->dst != y->dst)
		return x->dst < y->dst ? -1 : 1;
	if (x->plen != y->plen)	/* a trie leaf's aliases: longest first */
		return (int)y->plen - (int)x->plen;
	if (x->metric != y->metric)
		return x->metric < y->metric ? -1 : 1;
	return p->pos < q->pos ? -1 : p->pos > q->pos;	/* alias order */
}

int
sn_route4_foreach(const struct sn_netns *ns, uint32_t table,
		  int (*fn)(const struct sn_route4 *r, void *arg), void *arg)
{
	struct rt_ns *rt = rt_of(ns);
	struct rt_table *t = table_get(rt, table);
	const struct rt_route *m;
	struct listed *all;
	const void *key;
	void *data;
	uint32_t it = 0;
	unsigned int n = 0, i;
	int ret = 0;

	if (t == NULL || t->count == 0)
		return 0;
	all = malloc(t->count * sizeof(*all));
	if (all == NULL)
		return -ENOMEM;
	while (rte_hash_iterate(t->routes, &key, &data, &it) >= 0)
		for (m = data; m != NULL && n < t->count; m = m->alt) {
			all[n].r = m->r;
			all[n].pos = n;
			n++;
		}
	qsort(all, n, sizeof(*all), cmp_route);
	for (i = 0; i < n && ret == 0; i++)
		ret = fn(&all[i].r, arg);
	free(all);
	return ret;
}

unsigned int
sn_route4_entries_used(struct sn_netns *ns)
{
	struct rt_ns *rt = rt_of(ns);

	return sn_nhpool_in_use(&rt->nh);
}

unsigned int
sn_route4_count(const struct sn_netns *ns, uint32_t table)
{
	struct rt_table *t = table_get(rt_of(ns), table);

	return t != NULL ? t->count : 0;
}

/* ---------------------------------------------------------------------- */
/* Addresses -> routes (R3, R5).                                           */

static uint32_t
ip4_of(const struct sn_ifaddr *a)
{
	return (uint32_t)a->addr[0] << 24 | (uint32_t)a->addr[1] << 16 |
	       (uint32_t)a->addr[2] << 8 | a->addr[3];
}

/*
 * The primary address of a's subnet on a's device (fib_add_ifaddr's prim,
 * whose address is the source of a secondary's routes): the first of the
 * namespace's addresses there, a itself if it comes first; of those that
 * remain when a is being removed.
 */
static uint32_t
primary4(const struct sn_netns *ns, const struct sn_ifaddr *a)
{
	uint32_t mask = mask_of(a->plen), me = ip4_of(a), x, prim = me;
	struct sn_ifaddr *all;
	unsigned int n, i;

	all = sn_rt_addrs(ns, &n);
	for (i = 0; i < n; i++) {
		if (all[i].family != AF_INET || all[i].ifindex != a->ifindex ||
		    all[i].plen != a->plen)
			continue;
		x = ip4_of(&all[i]);
		if (x == me || ((x ^ me) & mask) == 0) {
			prim = x;
			break;
		}
	}
	free(all);
	return prim;
}

/* fib_add_ifaddr's routes for one address: up to three. */
static unsigned int
kernel_routes(const struct sn_netns *ns, const struct sn_ifaddr *a,
	      struct sn_route4 *out)
{
	uint32_t addr = ip4_of(a);
	uint32_t mask = mask_of(a->plen);
	uint32_t prefix = addr & mask;
	struct sn_netdev dev = { .down = false };
	bool lo = sn_netns_link_by_ifindex(ns, a->ifindex, &dev) == 0 &&
		  dev.is_loopback;
	unsigned int n = 0;
	struct sn_route4 base = {
		.proto = SN_RTPROT_KERNEL, .prefsrc = primary4(ns, a),
		.oif = a->ifindex,
	};

	/* 1. local <addr>/32 in table local, scope host */
	out[n] = base;
	out[n].dst = addr;
	out[n].plen = 32;
	out[n].type = SN_RTN_LOCAL;
	out[n].scope = SN_RT_SCOPE_HOST;
	out[n++].table = SN_RT_TABLE_LOCAL;
	/* 4. the prefix, unless in 0/8 or the address is a /32; a multicast
	 * address gets its local route only, as Linux installs it; nor on a
	 * device that is down (its local route only, until it comes up) */
	if (dev.down || (prefix >> 24) == 0 ||
	    (prefix == addr && a->plen == 32) ||
	    (addr >> 28) == 0xe)
		return n;
	out[n] = base;
	out[n].dst = prefix;
	out[n].plen = a->plen;
	if (lo) {
		out[n].type = SN_RTN_LOCAL;
		out[n].scope = SN_RT_SCOPE_HOST;
		out[n++].table = SN_RT_TABLE_LOCAL;
	} else {
		out[n].type = SN_RTN_UNICAST;
		out[n].scope = SN_RT_SCOPE_LINK;
		out[n++].table = SN_RT_TABLE_MAIN;
	}
	if (a->plen < 31) {
		out[n] = base;
		out[n].dst = prefix | ~mask;
		out[n].plen = 32;
		out[n].type = SN_RTN_BROADCAST;
		out[n].scope = SN_RT_SCOPE_LINK;
		out[n++].table = SN_RT_TABLE_LOCAL;
	}
	return n;
}

static bool
same_key(const struct sn_route4 *x, const struct sn_route4 *y)
{
	return x->table == y->table && x->dst == y->dst &&
	       x->plen == y->plen && x->type == y->type;
}

/* The configured route of r's table, prefix and metric, or NULL. */
static const struct sn_route4 *
route_configured(struct rt_ns *rt, const struct sn_route4 *r)
{
	const struct rt_route *m = route_find(table_get(rt, r->table), r->dst,
					      r->plen);

	for (; m != NULL; m = m->alt)
		if (m->r.metric == r->metric)
			return &m->r;
	return NULL;
}

/* Whether x is the kernel route y of an address (its type, device and
 * source as the address made it). */
static bool
same_kernel_route(const struct sn_route4 *x, const struct sn_route4 *y)
{
	return same_key(x, y) && x->proto == SN_RTPROT_KERNEL &&
	       x->oif == y->oif && x->prefsrc == y->prefsrc &&
	       x->gw == 0;
}

/* Whether r's table has kernel route r of an address among the routes
 * of its prefix and metric. */
static bool
kernel_route_there(struct rt_ns *rt, const struct sn_route4 *r)
{
	const struct rt_route *m = route_find(table_get(rt, r->table), r->dst,
					      r->plen);

	for (; m != NULL; m = m->alt)
		if (m->r.metric == r->metric && same_kernel_route(&m->r, r))
			return true;
	return false;
}

struct flush_ctx {
	uint32_t addr;		/* routes with this preferred source */
	int ifindex;		/* or through this device, when non-zero */
	bool keep_local;	/* but its routes of scope host (local) */
	struct sn_route4 *r;
	unsigned int n, max;
};

static int
flush_pick(const struct sn_route4 *r, void *arg)
{
	struct flush_ctx *c = arg;

	if (!(c->addr != 0 && r->prefsrc == c->addr) &&
	    !(c->ifindex != 0 && r->oif == c->ifindex &&
	      !(c->keep_local && r->scope == SN_RT_SCOPE_HOST)))
		return 0;
	if (c->n == c->max) {
		struct sn_route4 *g = realloc(c->r, (c->max * 2 + 16) *
					      sizeof(*g));

		if (g == NULL)
			return -ENOMEM;
		c->r = g;
		c->max = c->max * 2 + 16;
	}
	c->r[c->n++] = *r;
	return 0;
}

static void flush(struct sn_netns *ns, struct flush_ctx *c);
static int on_addr(struct sn_netns *ns, const struct sn_ifaddr *a, bool add,
		   void *arg);

/*
 * R5's rest, when address a is gone (all: the addresses left): routes
 * whose preferred source was a, if no device has it any more
 * (fib_sync_down_addr), and, if a's device has no IPv4 address left,
 * every route through it (fib_disable_ip), in every table.
 */
static void
addr_gone_flush(struct sn_netns *ns, const struct sn_ifaddr *a,
		const struct sn_ifaddr *all, unsigned int na)
{
	struct flush_ctx c = { .addr = ip4_of(a), .ifindex = a->ifindex };
	unsigned int i;

	for (i = 0; i < na; i++) {
		if (all[i].family != AF_INET)
			continue;
		if (ip4_of(&all[i]) == c.addr)
			c.addr = 0;	/* still someone's */
		if (all[i].ifindex == a->ifindex)
			c.ifindex = 0;	/* the device keeps IPv4 */
	}
	if (c.addr == 0 && c.ifindex == 0)
		return;
	flush(ns, &c);
}

/* Delete the routes of every table that c picks. */
static void
flush(struct sn_netns *ns, struct flush_ctx *c)
{
	uint32_t ids[RT_MAX_TABLES];
	unsigned int i, nt;

	nt = sn_route4_tables(ns, ids, RT_MAX_TABLES);
	for (i = 0; i < nt; i++)
		sn_route4_foreach(ns, ids[i], flush_pick, c);
	for (i = 0; i < c->n; i++)
		sn_route4_del(ns, &c->r[i]);
	free(c->r);
	c->r = NULL;
	c->n = c->max = 0;
}

/*
 * NETDEV_DOWN (fib_disable_ip): every route through the device goes, in
 * every table, but those of scope host (local ones: their next hop's
 * scope is nowhere, which fib_sync_down_dev spares); NETDEV_UP
 * (fib_add_ifaddr for each of its addresses): its addresses' routes come
 * back.
 */
static void
on_link(struct sn_netns *ns, const struct sn_netdev *dev,
	void *arg __rte_unused)
{
	struct flush_ctx c = { .ifindex = dev->ifindex, .keep_local = true };
	struct sn_ifaddr *all;
	unsigned int na, i;

	if (rt_of(ns) == NULL)
		return;
	if (dev->down) {
		/* a subnet it shared with another device keeps that
		 * device's route (its own fib alias) */
		flush(ns, &c);
		return;
	}
	/* up: its addresses' routes come back */
	all = sn_rt_addrs(ns, &na);
	for (i = 0; all != NULL && i < na; i++)
		if (all[i].family == AF_INET && all[i].ifindex == dev->ifindex)
			on_addr(ns, &all[i], true, NULL);
	free(all);
}

static int
on_addr(struct sn_netns *ns, const struct sn_ifaddr *a, bool add,
	void *arg __rte_unused)
{
	struct sn_route4 mine[3], other[3];
	struct sn_ifaddr *all;
	unsigned int n, i, j, na, no;
	bool kept, *promoted;
	int ret;

	if (a->family != AF_INET || rt_of(ns) == NULL)
		return 0;
	n = kernel_routes(ns, a, mine);
	if (add) {
		/* fib_magic's NLM_F_APPEND: another device's address of a
		 * prefix adds a second route of it, the same route again
		 * nothing; one that does not fit refuses the address */
		for (i = 0; i < n; i++) {
			ret = sn_route4_add(ns, &mine[i], SN_RT_F_APPEND);
			if (ret != 0 && ret != -EEXIST)
				return ret;
		}
		return 0;
	}
	/* R5: remove what no remaining address still supplies */
	all = sn_rt_addrs(ns, &na);
	promoted = calloc(na + 1, sizeof(*promoted));
	if (all == NULL || promoted == NULL) {
		free(all);
		free(promoted);
		return -ENOMEM;
	}
	for (i = 0; i < n; i++) {
		/* only the route this address put there: one that the user
		 * replaced or deleted stays as it is, and another device's
		 * route of the prefix is its own (a fib alias) */
		struct sn_route4 keeper;

		if (!kernel_route_there(rt_of(ns), &mine[i]))
			continue;
		/* an address of the same device that supplies it too takes
		 * it over (the first), so that its src stays true; else it
		 * goes */
		kept = false;
		for (j = 0; j < na && !kept; j++) {
			unsigned int k;

			if (all[j].family != AF_INET ||
			    all[j].ifindex != a->ifindex)
				continue;
			no = kernel_routes(ns, &all[j], other);
			for (k = 0; k < no; k++)
				if (same_key(&mine[i], &other[k])) {
					keeper = other[k];
					kept = true;
				}
		}
		if (kept && same_kernel_route(&keeper, &mine[i]))
			continue;	/* the same route: it stays */
		if (kept)
			sn_route4_add(ns, &keeper, SN_RT_F_APPEND);
		sn_route4_del(ns, &mine[i]);
	}
	/* a primary gone with secondaries promoted (promote_secondaries):
	 * their local routes said a as source; they come back with the new
	 * primary's, and its prefix and broadcast routes with them
	 * (__inet_del_ifa's fib_add_ifaddr after the promotion). A
	 * secondary gone changes no other address's routes. */
	for (i = 0; i < na; i++) {
		const struct sn_route4 *lr;
		struct sn_route4 key = { .table = SN_RT_TABLE_LOCAL,
					 .type = SN_RTN_LOCAL, .plen = 32 };

		promoted[i] = false;
		if (all[i].family != AF_INET || all[i].ifindex != a->ifindex ||
		    all[i].plen != a->plen ||
		    ((ip4_of(&all[i]) ^ ip4_of(a)) & mask_of(a->plen)) != 0)
			continue;
		key.dst = ip4_of(&all[i]);
		lr = route_configured(rt_of(ns), &key);
		promoted[i] = lr != NULL && lr->proto == SN_RTPROT_KERNEL &&
			      lr->prefsrc == ip4_of(a);
	}
	addr_gone_flush(ns, a, all, na);
	for (i = 0; i < na; i++)
		if (promoted[i])
			on_addr(ns, &all[i], true, NULL);
	free(promoted);
	free(all);
	return 0;
}

/* ---------------------------------------------------------------------- */
/* Per namespace.                                                          */

static void
table_free(struct rt_table *t)
{
	const void *key;
	void *data;
	uint32_t it = 0;

	if (t == NULL)
		return;
	while (rte_hash_iterate(t->routes, &key, &data, &it) >= 0) {
		struct rt_route *m = data, *next;

		for (; m != NULL; m = next) {
			next = m->alt;
			free(m);
		}
	}
	rte_hash_free(t->routes);
	rte_fib_free(t->lpm);
	rte_free(t);
}

static int
rt_ns_init(struct sn_netns *ns, void *arg __rte_unused)
{
	struct rt_ns *rt;
	char name[RTE_RCU_QSBR_DQ_NAMESIZE];
	int ret = -ENOMEM;

	rt = rte_zmalloc("rt_ns", sizeof(*rt), RTE_CACHE_LINE_SIZE);
	if (rt == NULL)
		return -ENOMEM;
	rt->ns = ns;
	sn_netns_set_generic(ns, &route_ops, rt);
	snprintf(name, sizeof(name), "rt%u", sn_netns_id(ns));
	ret = sn_nhpool_init(&rt->nh, name, sizeof(struct sn_fib_result),
			     1u << 24,	/* an lpm next hop has 24 bits */
			     cfg.max_routes, cfg.qsbr);
	if (ret != 0)
		goto fail;
	ret = -ENOMEM;
	rt->merged = true;
	rt->rules = malloc(sizeof(*rt->rules) + sizeof(default_rules));
	if (rt->rules == NULL)
		goto fail;
	rt->rules->n = RTE_DIM(default_rules);
	memcpy(rt->rules->r, default_rules, sizeof(default_rules));
	rt->main = table_make(rt, SN_RT_TABLE_MAIN, &ret);
	if (rt->main == NULL)
		goto fail;
	rt->local = table_make(rt, SN_RT_TABLE_LOCAL, &ret);
	if (rt->local == NULL)
		goto fail;
	return 0;
fail:
	rt_ns_exit(ns, NULL);
	return ret;
}

static void
rt_ns_exit(struct sn_netns *ns, void *arg __rte_unused)
{
	struct rt_ns *rt = rt_of(ns);
	unsigned int i;

	if (rt == NULL)
		return;
	sn_netns_set_generic(ns, &route_ops, NULL);
	/* no worker may still look up these tables */
	if (cfg.qsbr != NULL)
		rte_rcu_qsbr_synchronize(cfg.qsbr, RTE_QSBR_THRID_INVALID);
	for (i = 0; i < RT_MAX_TABLES; i++)
		table_free(rt->tables[i]);
	sn_nhpool_fini(&rt->nh);
	free(rt->rules);
	rte_free(rt);
}

/* Routes for the addresses a namespace had before the library came. */
static int
add_existing(struct sn_netns *ns, void *arg __rte_unused)
{
	struct sn_ifaddr *a;
	unsigned int n, i;

	a = sn_rt_addrs(ns, &n);
	for (i = 0; i < n; i++)
		on_addr(ns, &a[i], true, NULL);
	free(a);
	return 0;
}

int
sn_route_init(const struct sn_route_conf *conf)
{
	int ret;

	if (initialised)
		return -EEXIST;
	memset(&cfg, 0, sizeof(cfg));
	if (conf != NULL)
		cfg = *conf;
	if (cfg.max_routes == 0)
		cfg.max_routes = 65536;
	if (cfg.tbl8s == 0)
		cfg.tbl8s = 1024;
	ret = sn_pernet_register_subsys(&route_ops);
	if (ret != 0)
		return ret;
	ret = sn_netns_addr_notifier_register(on_addr, NULL);
	if (ret == 0) {
		ret = sn_netns_link_notifier_register(on_link, NULL);
		if (ret != 0)
			sn_netns_addr_notifier_unregister(on_addr, NULL);
	}
	if (ret != 0) {
		sn_pernet_unregister(&route_ops);
		return ret;
	}
	initialised = true;
	ret = sn_netns_foreach(add_existing, NULL);
	if (ret == 0)
		ret = sn_route6_init(&cfg);
	return ret;
}

void
sn_route_fini(void)
{
	if (!initialised)
		return;
	sn_route6_fini();
	sn_netns_link_notifier_unregister(on_link, NULL);
	sn_netns_addr_notifier_unregister(on_addr, NULL);
	sn_pernet_unregister(&route_ops);
	initialised = false;
}
