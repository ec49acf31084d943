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

#include "sn_route.h"

#define RT6_NO_PORT UINT16_MAX
#define RT6_FOUND (1u << 30)	/* fib6 next hop = index | RT6_FOUND */

extern int sn_route_logtype;
#define RT6_LOG(level, fmt, ...) \
	rte_log(RTE_LOG_ ## level, sn_route_logtype, "route6: " fmt "\n", \
		##__VA_ARGS__)

struct rt6_route {
	struct sn_route6 r;
	struct sn_fib6_result res;
	uint32_t idx;		/* main: its slot in by_idx */
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

struct rt6_ns {
	struct sn_netns *ns;
	struct rte_hash *local;		/* dst -> route, /128 only */
	struct local_small *small;	/* NULL: more than LOCAL_SMALL */
	struct rte_fib6 *main;		/* NULL until main gets a route */
	rte_seqcount_t seq;
	struct rte_hash *main_routes;	/* (dst, plen) -> route */
	struct rt6_route *def;		/* ::/0 of main */
	struct rt6_route **by_idx;	/* fib6 next hop -> route */
	uint32_t *free_idx;
	uint32_t nb_free;
	unsigned int local_count, main_count;
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

static void on_addr6(struct sn_netns *ns, const struct sn_ifaddr *a,
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
	uint32_t i;

	rt = rte_zmalloc("rt6_ns", sizeof(*rt), RTE_CACHE_LINE_SIZE);
	if (rt == NULL)
		return -ENOMEM;
	rt->ns = ns;
	snprintf(name, sizeof(name), "rt6l%u", sn_netns_id(ns));
	rt->local = rte_hash_create(&hp);
	snprintf(name, sizeof(name), "rt6m%u", sn_netns_id(ns));
	hp.entries = cfg6.max_routes;
	hp.key_len = sizeof(struct rt6_key);
	hp.extra_flag = 0;
	rt->main_routes = rte_hash_create(&hp);
	rt->by_idx = rte_zmalloc("rt6_idx", sizeof(*rt->by_idx) *
				 cfg6.max_routes, 0);
	rt->free_idx = rte_malloc("rt6_free", sizeof(uint32_t) *
				  cfg6.max_routes, 0);
	if (rt->local == NULL || rt->main_routes == NULL ||
	    rt->by_idx == NULL || rt->free_idx == NULL) {
		rte_hash_free(rt->local);
		rte_hash_free(rt->main_routes);
		rte_free(rt->by_idx);
		rte_free(rt->free_idx);
		rte_free(rt);
		return -ENOMEM;
	}
	for (i = cfg6.max_routes; i-- > 0;)
		rt->free_idx[rt->nb_free++] = i;
	rte_seqcount_init(&rt->seq);
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
	it = 0;
	while (rte_hash_iterate(rt->main_routes, &key, &data, &it) >= 0)
		free(data);
	free(rt->small);
	rte_hash_free(rt->local);
	rte_hash_free(rt->main_routes);
	rte_fib6_free(rt->main);
	rte_free(rt->by_idx);
	rte_free(rt->free_idx);
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

static int
main_make(struct rt6_ns *rt)
{
	struct rte_fib6_conf fc = {
		.type = RTE_FIB6_TRIE,
		.default_nh = 0,
		.max_routes = cfg6.max_routes * 2,
		.trie = { .nh_sz = RTE_FIB6_TRIE_4B,
			  .num_tbl8 = cfg6.tbl8s6 },
	};
	char name[32];
	static unsigned int seq;

	if (rt->main != NULL)
		return 0;
	snprintf(name, sizeof(name), "rt6_%u_%u", sn_netns_id(rt->ns), seq++);
	rt->main = rte_fib6_create(name, SOCKET_ID_ANY, &fc);
	if (rt->main == NULL) {
		RT6_LOG(ERR, "cannot create the IPv6 main table: %s",
			rte_strerror(rte_errno));
		return -ENOMEM;
	}
	return 0;
}

static bool
valid_type6(uint8_t t)
{
	return t == SN_RTN_UNICAST || t == SN_RTN_LOCAL ||
	       t == SN_RTN_BLACKHOLE || t == SN_RTN_UNREACHABLE ||
	       t == SN_RTN_PROHIBIT || t == SN_RTN_THROW;
}

int
sn_route6_add(struct sn_netns *ns, const struct sn_route6 *in,
	      unsigned int flags)
{
	struct rt6_ns *rt = ns != NULL ? rt6_of(ns) : NULL;
	struct rt6_route *m, *old = NULL;
	struct rt6_key k;
	uint8_t masked[16];
	void *data;
	uint32_t idx;
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
	if (m->r.table == 0)
		m->r.table = m->r.type == SN_RTN_LOCAL ? SN_RT_TABLE_LOCAL :
			     SN_RT_TABLE_MAIN;
	if (m->r.type == SN_RTN_UNICAST && m->r.oif == 0) {
		free(m);
		RT6_LOG(ERR, "an IPv6 unicast route needs a device");
		return -EINVAL;
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
	if (m->r.table != SN_RT_TABLE_MAIN) {
		free(m);
		RT6_LOG(ERR, "IPv6 has tables local and main only here");
		return -EINVAL;
	}
	memset(&k, 0, sizeof(k));
	memcpy(k.dst, m->r.dst, 16);
	k.plen = m->r.plen;
	if (rte_hash_lookup_data(rt->main_routes, &k, &data) >= 0) {
		if (!(flags & SN_RT_F_REPLACE)) {
			free(m);
			return -EEXIST;
		}
		old = data;
	}
	if (m->r.plen == 0) {
		m->idx = UINT32_MAX;
		__atomic_store_n(&rt->def, m, __ATOMIC_RELEASE);
	} else {
		ret = main_make(rt);
		if (ret == 0 && rt->nb_free == 0)
			ret = -ENOSPC;
		if (ret != 0) {
			free(m);
			return ret;
		}
		idx = rt->free_idx[--rt->nb_free];
		m->idx = idx;
		__atomic_store_n(&rt->by_idx[idx], m, __ATOMIC_RELEASE);
		rte_seqcount_write_begin(&rt->seq);
		ret = rte_fib6_add(rt->main, m->r.dst, m->r.plen,
				   idx | RT6_FOUND);
		rte_seqcount_write_end(&rt->seq);
		if (ret != 0) {
			rt->by_idx[idx] = NULL;
			rt->free_idx[rt->nb_free++] = idx;
			free(m);
			return ret == -ENOSPC ? -ENOSPC : ret;
		}
	}
	rte_hash_add_key_data(rt->main_routes, &k, m);
	if (old != NULL) {
		grace();
		if (old->idx != UINT32_MAX && old->idx != m->idx) {
			rt->by_idx[old->idx] = NULL;
			rt->free_idx[rt->nb_free++] = old->idx;
		}
		free(old);
	} else {
		rt->main_count++;
	}
	return 0;
}

int
sn_route6_del(struct sn_netns *ns, const struct sn_route6 *r)
{
	struct rt6_ns *rt = ns != NULL ? rt6_of(ns) : NULL;
	uint32_t table;
	struct rt6_route *m;
	struct rt6_key k;
	void *data;

	if (rt == NULL || r == NULL)
		return -EINVAL;
	table = r->table != 0 ? r->table : r->type == SN_RTN_LOCAL ?
		SN_RT_TABLE_LOCAL : SN_RT_TABLE_MAIN;
	if (table == SN_RT_TABLE_LOCAL) {
		if (r->plen != 128 ||
		    rte_hash_lookup_data(rt->local, r->dst, &data) < 0)
			return -ESRCH;
		rte_hash_del_key(rt->local, r->dst);
		rt->local_count--;
		local_small_rebuild(rt);
		free(data);
		return 0;
	}
	memset(&k, 0, sizeof(k));
	memcpy(k.dst, r->dst, 16);
	k.plen = r->plen;
	if (rte_hash_lookup_data(rt->main_routes, &k, &data) < 0)
		return -ESRCH;
	m = data;
	if ((r->type != 0 && r->type != m->r.type) ||
	    (r->oif != 0 && r->oif != m->r.oif))
		return -ESRCH;
	rte_hash_del_key(rt->main_routes, &k);
	rt->main_count--;
	if (m->idx == UINT32_MAX) {
		__atomic_store_n(&rt->def, NULL, __ATOMIC_RELEASE);
	} else {
		rte_seqcount_write_begin(&rt->seq);
		rte_fib6_delete(rt->main, m->r.dst, m->r.plen);
		rte_seqcount_write_end(&rt->seq);
	}
	grace();
	if (m->idx != UINT32_MAX) {
		rt->by_idx[m->idx] = NULL;
		rt->free_idx[rt->nb_free++] = m->idx;
	}
	free(m);
	return 0;
}

void
sn_route6_lookup_bulk_ref(const struct sn_netns *ns, const uint8_t (*dst)[16],
			  const struct sn_fib6_result **res, unsigned int n)
{
	const struct rt6_ns *rt = rt6_of(ns);
	struct rte_fib6 *fib = __atomic_load_n(&rt->main, __ATOMIC_ACQUIRE);
	const struct rt6_route *def = __atomic_load_n(&rt->def,
						       __ATOMIC_ACQUIRE);
	uint8_t miss_ip[64][16];
	uint64_t nh[64];
	unsigned int miss_at[64];
	const struct local_small *small = __atomic_load_n(&rt->small,
							 __ATOMIC_ACQUIRE);
	unsigned int i, k, nm;
	uint32_t sq;
	void *data;

	for (k = 0; k < n; k += 64) {
		unsigned int c = RTE_MIN(n - k, 64u);

		/* rule 0: table local, exact /128: a few addresses are
		 * compared, more are hashed */
		for (i = 0, nm = 0; i < c; i++) {
			const struct rt6_route *hit = NULL;
			unsigned int j;

			if (small != NULL) {
				for (j = 0; j < small->n; j++)
					if (memcmp(small->addr[j], dst[k + i],
						   16) == 0) {
						hit = small->route[j];
						break;
					}
			} else if (rte_hash_lookup_data(rt->local, dst[k + i],
							&data) >= 0) {
				hit = data;
			}
			if (hit != NULL) {
				res[k + i] = &hit->res;
				continue;
			}
			memcpy(miss_ip[nm], dst[k + i], 16);
			miss_at[nm++] = k + i;
		}
		if (nm == 0)
			continue;
		/* rule 32766: main */
		if (fib != NULL) {
			do {
				sq = rte_seqcount_read_begin(&rt->seq);
				rte_fib6_lookup_bulk(fib, miss_ip, nh, nm);
			} while (rte_seqcount_read_retry(&rt->seq, sq));
		} else {
			memset(nh, 0, sizeof(nh[0]) * nm);
		}
		for (i = 0; i < nm; i++) {
			const struct rt6_route *m = NULL;

			if (nh[i] & RT6_FOUND)
				m = __atomic_load_n(&rt->by_idx[nh[i] &
						    (RT6_FOUND - 1)],
						    __ATOMIC_ACQUIRE);
			if (m == NULL)
				m = def;
			res[miss_at[i]] = m != NULL &&
					  m->r.type != SN_RTN_THROW ?
					  &m->res : &res6_none;
		}
	}
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
	char dst[INET6_ADDRSTRLEN + 4], gw[INET6_ADDRSTRLEN];
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
	if (r->oif != 0 && sn_netns_link_by_ifindex(ns, r->oif, &dev) == 0)
		n += snprintf(buf + n, RTE_MAX((int)len - n, 0), " dev %s",
			      dev.ifname);
	if (r->table == SN_RT_TABLE_LOCAL)
		n += snprintf(buf + n, RTE_MAX((int)len - n, 0),
			      " table local");
	if (r->proto == SN_RTPROT_KERNEL)
		n += snprintf(buf + n, RTE_MAX((int)len - n, 0),
			      " proto kernel");
	if (r->metric != 0 || r->table == SN_RT_TABLE_MAIN)
		n += snprintf(buf + n, RTE_MAX((int)len - n, 0), " metric %u",
			      r->metric);
	return n;
}

static int
cmp6(const void *a, const void *b)
{
	const struct sn_route6 *x = a, *y = b;
	int c = memcmp(x->dst, y->dst, 16);

	return c != 0 ? c : (int)x->plen - (int)y->plen;
}

int
sn_route6_foreach(const struct sn_netns *ns, uint32_t table,
		  int (*fn)(const struct sn_route6 *r, void *arg), void *arg)
{
	struct rt6_ns *rt = ns != NULL ? rt6_of(ns) : NULL;
	struct rte_hash *h;
	struct sn_route6 *all;
	const void *key;
	void *data;
	uint32_t it = 0;
	unsigned int n = 0, cnt, i;
	int ret = 0;

	if (rt == NULL)
		return -EINVAL;
	h = table == SN_RT_TABLE_LOCAL ? rt->local :
	    table == SN_RT_TABLE_MAIN ? rt->main_routes : NULL;
	cnt = table == SN_RT_TABLE_LOCAL ? rt->local_count : rt->main_count;
	if (h == NULL || cnt == 0)
		return 0;
	all = malloc(cnt * sizeof(*all));
	if (all == NULL)
		return -ENOMEM;
	while (n < cnt && rte_hash_iterate(h, &key, &data, &it) >= 0)
		all[n++] = ((struct rt6_route *)data)->r;
	qsort(all, n, sizeof(*all), cmp6);
	for (i = 0; i < n && ret == 0; i++)
		ret = fn(&all[i], arg);
	free(all);
	return ret;
}

unsigned int
sn_route6_count(const struct sn_netns *ns, uint32_t table)
{
	struct rt6_ns *rt = ns != NULL ? rt6_of(ns) : NULL;

	if (rt == NULL)
		return 0;
	return table == SN_RT_TABLE_LOCAL ? rt->local_count :
	       table == SN_RT_TABLE_MAIN ? rt->main_count : 0;
}

int
sn_route6_get(const struct sn_netns *ns, const uint8_t *dst, char *buf,
	      size_t len)
{
	const struct sn_fib6_result *res;
	struct sn_route6 r;
	char s[INET6_ADDRSTRLEN];
	int n;

	sn_route6_lookup_bulk_ref(ns, (const uint8_t (*)[16])dst, &res, 1);
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
	/* an output lookup sends local traffic out of lo (R6) */
	r.oif = res->type == SN_RTN_LOCAL ? SN_LOOPBACK_IFINDEX : res->oif;
	r.table = res->table == SN_RT_TABLE_LOCAL ? SN_RT_TABLE_LOCAL : 0;
	n = sn_route6_format(ns, &r, buf, len);
	/* "metric 0" is a show detail: a get has none */
	if (n > 0 && strstr(buf, " metric ") != NULL)
		*strstr(buf, " metric ") = '\0';
	inet_ntop(AF_INET6, res->prefsrc, s, sizeof(s));
	if (memcmp(res->prefsrc, (uint8_t[16]){ 0 }, 16) != 0)
		snprintf(buf + strlen(buf), len - strlen(buf), " src %s", s);
	return 0;
}

/* Addresses -> routes: local addr/128 (dev = its device, through lo), and
 * the prefix route in main unless a /128 (addrconf's). */
static void
on_addr6(struct sn_netns *ns, const struct sn_ifaddr *a, bool add,
	 void *arg __rte_unused)
{
	struct sn_ifaddr all[256];
	struct sn_route6 r;
	unsigned int n, i;
	bool still_local = false, still_prefix = false;
	uint8_t pfx[16], other[16];

	if (a->family != AF_INET6 || rt6_of(ns) == NULL)
		return;
	memcpy(pfx, a->addr, 16);
	mask6(pfx, a->plen);
	if (!add) {
		n = RTE_MIN(sn_netns_addrs(ns, all, RTE_DIM(all)),
			    (unsigned int)RTE_DIM(all));
		for (i = 0; i < n; i++) {
			if (all[i].family != AF_INET6)
				continue;
			if (memcmp(all[i].addr, a->addr, 16) == 0)
				still_local = true;
			memcpy(other, all[i].addr, 16);
			mask6(other, all[i].plen);
			if (all[i].plen == a->plen &&
			    all[i].ifindex == a->ifindex &&
			    memcmp(other, pfx, 16) == 0)
				still_prefix = true;
		}
	}
	memset(&r, 0, sizeof(r));
	memcpy(r.dst, a->addr, 16);
	r.plen = 128;
	r.type = SN_RTN_LOCAL;
	r.table = SN_RT_TABLE_LOCAL;
	r.proto = SN_RTPROT_KERNEL;
	r.oif = a->ifindex;
	memcpy(r.prefsrc, a->addr, 16);
	if (add)
		sn_route6_add(ns, &r, SN_RT_F_REPLACE);
	else if (!still_local)
		sn_route6_del(ns, &r);
	if (a->plen == 128)
		return;
	memset(&r, 0, sizeof(r));
	memcpy(r.dst, pfx, 16);
	r.plen = a->plen;
	r.type = SN_RTN_UNICAST;
	r.table = SN_RT_TABLE_MAIN;
	r.proto = SN_RTPROT_KERNEL;
	r.metric = 256;
	r.oif = a->ifindex;
	if (add)
		sn_route6_add(ns, &r, SN_RT_F_REPLACE);
	else if (!still_prefix)
		sn_route6_del(ns, &r);
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
	if (ret != 0) {
		sn_pernet_unregister(&route6_ops);
		return ret;
	}
	return 0;
}

void
sn_route6_fini(void)
{
	sn_netns_addr_notifier_unregister(on_addr6, NULL);
	sn_pernet_unregister(&route6_ops);
}
