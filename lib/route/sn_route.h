/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The softnet authors
 */

#ifndef SN_ROUTE_H
#define SN_ROUTE_H

/**
 * @file
 * route: IPv4 and IPv6 routing tables per namespace, as `ip route` and
 * `ip rule` (linux-semantics §4, §5: R1-R5, R10).
 *
 * Each namespace has IPv4 tables by id: local 255, main 254, default 253
 * and user tables. With only the default rules (0 local, 32766 main, 32767
 * default) local is an alias of main, as Linux's merged trie (R1): one
 * rte_fib holds both, a local route winning over a main route of the same
 * prefix, and a lookup is one fib lookup (plus the default table's, only
 * when it holds routes). Routes with the same result share one next-hop
 * entry. Addresses create and remove their kernel routes (R3, R5) through
 * the netns address notifier. IPv6 (sn_route6_*): tables local, main and
 * user tables (rte_fib6), rules 0 local and 32766 main by default.
 *
 * Updates come from one control thread while workers look up: each fib
 * change is fenced by a seqcount (a lookup that overlapped it is redone),
 * and next-hop entries and routes are freed only after a grace period of
 * the QSBR variable given at init.
 *
 * Not yet: multipath; see doc/guides/route.md.
 */

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <rte_rcu_qsbr.h>

#include "sn_netns.h"

/** Whether an IPv6 address (network order) is link-local, fe80::/10. */
static inline bool
sn_ip6_is_linklocal(const uint8_t *a)
{
	return a[0] == 0xfe && (a[1] & 0xc0) == 0x80;
}

/** An IPv6 address's scope (RFC 4291's values): a multicast address's
 * own, 1 for ::1, 2 link-local, 14 global. */
static inline int
sn_ip6_scope(const uint8_t *a)
{
	static const uint8_t loopback[16] = { [15] = 1 };

	if (a[0] == 0xff)
		return a[1] & 0x0f;
	if (memcmp(a, loopback, 16) == 0)
		return 1;
	return sn_ip6_is_linklocal(a) ? 2 : 14;
}

/**
 * ipv6_dev_get_saddr's order of a candidate source @p a, an address of
 * prefix length @p plen on device @p aif, for @p dst leaving by @p oif:
 * RFC 6724's rules 2 (the smallest scope that reaches dst's, else the
 * largest), 5 (an address of the outgoing device) and 8 (the longest
 * common prefix, up to the address's prefix length, as
 * IPV6_SADDR_RULE_PREFIX caps it). The larger, the better; rule 1 (dst
 * itself), the candidates and ties (sn_ip6_saddr_wins) are the caller's.
 */
static inline unsigned int
sn_ip6_saddr_key(const uint8_t *a, uint8_t plen, int aif, const uint8_t *dst,
		 int oif)
{
	int sc = sn_ip6_scope(a), dscope = sn_ip6_scope(dst);
	unsigned int k;

	for (k = 0; k < plen &&
	     !((a[k / 8] ^ dst[k / 8]) & (0x80 >> (k % 8))); k++)
		;
	return (unsigned int)(sc >= dscope ? 64 - sc : sc) * 1024 +
	       (aif == oif ? 512 : 0) + k;
}

/**
 * Whether a candidate of key @p key on device @p aif beats the best so
 * far, of @p best on @p best_if, the candidates taken in the order they
 * were added: a larger key, or an equal one on an earlier device (Linux
 * walks its devices in order) or on the same device, being newer (a
 * device lists its addresses newest first, and the first of equal scores
 * stays).
 */
static inline bool
sn_ip6_saddr_wins(unsigned int key, int aif, unsigned int best, int best_if)
{
	return key > best || (key == best && aif <= best_if);
}

struct rte_fib;
struct rte_fib6;

#ifdef __cplusplus
extern "C" {
#endif

#define SN_RT_TABLE_DEFAULT	253
#define SN_RT_TABLE_MAIN	254
#define SN_RT_TABLE_LOCAL	255

/** Route types, with Linux's RTN_* values. */
enum sn_rtn_type {
	SN_RTN_UNSPEC = 0,	/**< no route: the lookup failed */
	SN_RTN_UNICAST = 1,
	SN_RTN_LOCAL = 2,
	SN_RTN_BROADCAST = 3,
	SN_RTN_MULTICAST = 5,	/**< only in `ip route get` answers */
	SN_RTN_BLACKHOLE = 6,
	SN_RTN_UNREACHABLE = 7,
	SN_RTN_PROHIBIT = 8,
	SN_RTN_THROW = 9,
};

#define SN_RT_SCOPE_UNIVERSE	0
#define SN_RT_SCOPE_LINK	253
#define SN_RT_SCOPE_HOST	254
#define SN_RT_SCOPE_NOWHERE	255

#define SN_RTPROT_KERNEL	2	/**< from an address */
#define SN_RTPROT_BOOT		3	/**< `ip route add` default */
#define SN_RTPROT_STATIC	4

/**
 * A routing protocol's name, as iproute2 prints and takes it (its own
 * table and the rt_protos it ships: "kernel", "static", "dhcp", "bgp",
 * ...; "unspec" for 0), or NULL for a number without one.
 */
const char *sn_route_proto_name(uint8_t proto);

/** A route (addresses in host byte order). */
struct sn_route4 {
	uint32_t dst;
	uint8_t plen;
	uint8_t type;		/**< enum sn_rtn_type */
	uint8_t scope;		/**< SN_RT_SCOPE_*: as netlink, the caller
				 *   says (iproute2 gives link to a route
				 *   with no gateway); a gateway is reached
				 *   by a route of a narrower scope (link) */
	uint8_t proto;
	uint32_t table;
	uint32_t prefsrc;	/**< 0: none */
	uint32_t metric;
	int oif;		/**< output device ifindex, 0: none */
	uint32_t gw;		/**< gateway, 0: on-link */
	uint8_t flags;		/**< SN_RTNH_F_ONLINK */
};

/** `onlink`: the gateway is on the device's link, whatever its subnets
 * (RTNH_F_ONLINK); needs the device. */
#define SN_RTNH_F_ONLINK 4

/** What the datapath gets for a destination. */
struct sn_fib_result {
	uint8_t type;		/**< SN_RTN_UNSPEC: no route */
	uint8_t scope;
	uint16_t port;		/**< output DPDK port; lo's for local */
	int oif;
	uint32_t gw;
	uint32_t prefsrc;
	uint32_t table;
};

/** Library configuration. */
struct sn_route_conf {
	/** Routes per table at most; 0: 65536. */
	uint32_t max_routes;
	/** rte_fib tbl8 groups per table (/24s with longer prefixes); 0: 1024. */
	uint32_t tbl8s;
	/** Workers' QSBR variable (NULL: no worker looks up). */
	struct rte_rcu_qsbr *qsbr;
	/** rte_fib6 tbl8 groups of IPv6 main; 0: 1024. */
	uint32_t tbl8s6;
};

/**
 * Register the pernet operations and the address listener. Call after
 * sn_netns_init(); every namespace gets its tables and the routes of its
 * addresses (127.0.0.1/8 on lo).
 * @return 0, -EEXIST, -ENOMEM.
 */
int sn_route_init(const struct sn_route_conf *conf);
void sn_route_fini(void);

#define SN_RT_F_REPLACE	1	/**< replace an existing route (NLM_F_REPLACE) */
#define SN_RT_F_APPEND	2	/**< IPv4: after the same metric's (NLM_F_APPEND) */
#define SN_RT_F_PREPEND	4	/**< IPv4: before the same metric's */

/**
 * `ip route add` (flags 0: -EEXIST if the prefix has a route of that
 * metric in the table), `ip route replace` (SN_RT_F_REPLACE: add or
 * overwrite that metric's first), `ip route append` and `prepend`
 * (SN_RT_F_APPEND, SN_RT_F_PREPEND: another route of the prefix and
 * metric, a fib alias, after or before that metric's; -EEXIST for the
 * same route again). A prefix's first route of its lowest metric is the
 * one looked up; one deleted, the next takes its place.
 * @return 0, -EEXIST, -EINVAL (bad prefix, type, table; a gateway or
 *   device on a blackhole, unreachable, prohibit or throw route),
 *   -ENETUNREACH (the gateway is not on a link, of the device if given),
 *   -EADDRNOTAVAIL (the preferred source is not a local address), -ENODEV
 *   (no such oif), -ENOSPC, -ENOMEM.
 */
int sn_route4_add(struct sn_netns *ns, const struct sn_route4 *r,
		  unsigned int flags);

/**
 * `ip route del`: dst/plen in table (0: main); type, oif, gw, proto,
 * prefsrc and metric, when non-zero, must match (fib_table_delete); so
 * must scope when it is link or host (universe and nowhere match any).
 * @return 0 or -ESRCH.
 */
int sn_route4_del(struct sn_netns *ns, const struct sn_route4 *r);

/** Routes of a table in prefix order; fn's non-zero return stops. */
int sn_route4_foreach(const struct sn_netns *ns, uint32_t table,
		      int (*fn)(const struct sn_route4 *r, void *arg),
		      void *arg);

/**
 * Datapath entries in use in ns, after reclaiming those whose grace period
 * has passed: one per route when nothing leaks. Control thread.
 */
unsigned int sn_route4_entries_used(struct sn_netns *ns);

/** Number of routes in a table. */
unsigned int sn_route4_count(const struct sn_netns *ns, uint32_t table);

/**
 * The datapath's bulk lookup (addresses in host byte order): the rules in
 * order of preference, then the tables they name (fib_lookup). With only
 * the default rules this is one merged lookup (R1). @p src may be NULL
 * (0.0.0.0); @p iif is the input device's ifindex (lo's, 1, for locally
 * generated packets, as R6).
 */
void sn_route4_lookup_bulk(const struct sn_netns *ns, const uint32_t *dst,
			   const uint32_t *src, int iif,
			   struct sn_fib_result *res, unsigned int n);

/**
 * The same, answering with pointers to the shared next-hop entries (no
 * copy): valid until the calling lcore's next RCU quiescent state.
 */
void sn_route4_lookup_bulk_ref(const struct sn_netns *ns, const uint32_t *dst,
			       const uint32_t *src, int iif,
			       const struct sn_fib_result **res,
			       unsigned int n);

/**
 * The ids of a namespace's IPv4 tables that have routes, in `ip route show
 * table all`'s order (ascending, local last); returns the count (<= max).
 * While merged, local's routes count as local's.
 */
unsigned int sn_route4_tables(const struct sn_netns *ns, uint32_t *ids,
			      unsigned int max);

/**
 * The DPDK rte_fib under one of a namespace's IPv4 tables (while merged,
 * main's holds local's routes too), or NULL: for benchmarks that put
 * softnet's lookup next to the raw table under it. Its next hops are
 * softnet's encoding; a lookup in it skips rules, entries and the
 * seqcount, and is valid until the caller's next RCU quiescent state.
 */
struct rte_fib *sn_route4_table_fib(const struct sn_netns *ns,
				    uint32_t table);

/** Rule actions, with Linux's FR_ACT_* values. */
enum sn_rule_action {
	SN_FR_ACT_TO_TBL = 1,		/**< lookup in a table */
	SN_FR_ACT_BLACKHOLE = 6,
	SN_FR_ACT_UNREACHABLE = 7,
	SN_FR_ACT_PROHIBIT = 8,
};

/** One below the second rule's pref, or 0 (fib_default_rule_pref); any,
 * to a delete. Outside a pref's
 * range (0..UINT32_MAX, all of which `ip rule` takes). */
#define SN_RULE_PREF_AUTO UINT64_MAX

/** An `ip rule` (addresses in host byte order). Host bits of a prefix are
 * kept as given, as Linux keeps them: a match compares the prefix's bits,
 * a delete or a duplicate the address as given. */
struct sn_rule4 {
	uint64_t pref;		/**< 0..UINT32_MAX or SN_RULE_PREF_AUTO */
	uint32_t src;
	uint8_t src_len;	/**< 0: from all */
	uint32_t dst;
	uint8_t dst_len;	/**< 0: to all */
	bool invert;		/**< `not`: matches what the selectors
				 *   do not (FIB_RULE_INVERT); compared
				 *   by neither delete nor -EEXIST */
	int iif;		/**< 0: any */
	int oif;		/**< 0: any; else matches only output lookups
				 *   bound to that device (route get oif) */
	uint8_t action;		/**< enum sn_rule_action */
	uint32_t table;		/**< for SN_FR_ACT_TO_TBL */
	/** set by add: the devices' names, shown once they have left
	 * (iif NAME [detached], as fib_nl_fill_rule) */
	char iifname[SN_IFNAMSIZ], oifname[SN_IFNAMSIZ];
};

/**
 * `ip rule add`. Every namespace starts with 0 local, 32766 main, 32767
 * default; the first other rule ends the merged lookup (fib_unmerge).
 * @return 0, -EEXIST (the same rule), -EINVAL, -ENOMEM.
 */
int sn_rule4_add(struct sn_netns *ns, const struct sn_rule4 *r);

/** `ip rule del`: the first rule matching every given field. -ENOENT. */
int sn_rule4_del(struct sn_netns *ns, const struct sn_rule4 *r);

/** Rules in order; fn's non-zero return stops. */
int sn_rule4_foreach(const struct sn_netns *ns,
		     int (*fn)(const struct sn_rule4 *r, void *arg),
		     void *arg);

/** One rule as `ip rule show` prints it: "32766:<TAB>from all lookup main". */
int sn_rule4_format(const struct sn_netns *ns, const struct sn_rule4 *r,
		    char *buf, size_t len);

/**
 * `ip route get DST`: one line explaining the decision (type, dst, via,
 * dev, table, src), e.g. "local 127.0.0.1 dev lo table local src
 * 127.0.0.1". @return 0, or -ENETUNREACH with "Network is unreachable"
 * written, or the route type's error (R10) with the type written.
 */
int sn_route4_get(const struct sn_netns *ns, uint32_t dst, char *buf,
		  size_t len);

/**
 * The same for `ip route get DST from SRC iif DEV oif DEV`: iif other than
 * lo's is an input lookup; oif (0: none) is the device an output lookup is
 * bound to, which rules' oif selectors match.
 */
int sn_route4_get_from(const struct sn_netns *ns, uint32_t dst, uint32_t src,
		       int iif, int oif, char *buf, size_t len);

/** One route as `ip route show` prints it. */
int sn_route4_format(const struct sn_netns *ns, const struct sn_route4 *r,
		     char *buf, size_t len);

/* ---------------------------------------------------------------------- */
/* IPv6 (linux-semantics §5): tables local and main, the default rules.   */

/** An IPv6 route (addresses in network order). */
struct sn_route6 {
	uint8_t dst[16];
	uint8_t plen;
	uint8_t type;		/**< unicast, local, blackhole, unreachable,
				 *   prohibit, throw */
	uint8_t proto;
	uint32_t table;		/**< 0: local for local routes, else main */
	uint32_t metric;
	int oif;
	uint8_t gw[16];
	uint8_t prefsrc[16];
};

/** What the datapath gets for an IPv6 destination. */
struct sn_fib6_result {
	uint8_t type;		/**< SN_RTN_UNSPEC: no route */
	uint16_t port;		/**< output DPDK port; lo's for local */
	int oif;
	uint32_t table;
	uint8_t gw[16];
	uint8_t prefsrc[16];
};

/** Whether a unicast IPv6 result leaves by lo: Linux makes such a route
 * (but ::1's, which table local's ::1 hides) a reject route
 * (fib6_is_reject), shown as added; what it matches has no route. */
static inline bool
sn_fib6_by_lo(const struct sn_fib6_result *res)
{
	return res->type == SN_RTN_UNICAST && res->oif == SN_LOOPBACK_IFINDEX;
}

/**
 * IPv6 datapath entries in use in ns (next hops shared by main's and user
 * tables' routes), as sn_route4_entries_used. Control thread.
 */
unsigned int sn_route6_entries_used(struct sn_netns *ns);

/** IP6_RT_PRIO_USER: the metric of a route added without one. */
#define SN_RT6_PRIO_USER 1024

/**
 * Add an IPv6 route: table local takes /128 local routes, main and user
 * tables (up to 15, made on first use) the rest (a unicast route needs a
 * device). As in Linux, a metric of 0 becomes SN_RT6_PRIO_USER, and a
 * prefix holds one route per metric: the lowest is looked up, the others
 * wait (-EEXIST for the same prefix and metric unless SN_RT_F_REPLACE,
 * which replaces that metric's). @return 0, -EEXIST, -EINVAL, -ENODEV,
 * -ENOSPC, -ENOMEM.
 */
int sn_route6_add(struct sn_netns *ns, const struct sn_route6 *r,
		  unsigned int flags);
/**
 * `ip -6 route del`: the prefix's lowest-metric route that matches type,
 * oif, gateway, proto and metric, each when given (non-zero); the next metric
 * then takes the prefix. @return 0 or -ESRCH.
 */
int sn_route6_del(struct sn_netns *ns, const struct sn_route6 *r);
/** Routes of a table (local, main or a user table) in address order. */
int sn_route6_foreach(const struct sn_netns *ns, uint32_t table,
		      int (*fn)(const struct sn_route6 *r, void *arg),
		      void *arg);
unsigned int sn_route6_count(const struct sn_netns *ns, uint32_t table);
/**
 * Bulk lookup (rule 0 local, then rule 32766 main): pointers valid until
 * the lcore's next quiescent state.
 */
void sn_route6_lookup_bulk_ref(const struct sn_netns *ns,
			       const uint8_t (*dst)[16],
			       const struct sn_fib6_result **res,
			       unsigned int n);
/** The same with sources and the input device, for rules with selectors
 *  (src may be NULL: ::; iif 1 is lo, an output lookup). */
void sn_route6_lookup_bulk_ref_from(const struct sn_netns *ns,
				    const uint8_t (*dst)[16],
				    const uint8_t (*src)[16], int iif,
				    const struct sn_fib6_result **res,
				    unsigned int n);

/** An `ip -6 rule` (addresses in network order). */
struct sn_rule6 {
	uint64_t pref;		/**< as sn_rule4's */
	uint8_t src[16];	/**< host bits kept, as sn_rule4's */
	uint8_t src_len;	/**< 0: from all */
	uint8_t dst[16];
	uint8_t dst_len;	/**< 0: to all */
	bool invert;		/**< as sn_rule4's */
	int iif;
	int oif;		/**< output lookups only: never matches here */
	uint8_t action;		/**< enum sn_rule_action */
	uint32_t table;
	char iifname[SN_IFNAMSIZ], oifname[SN_IFNAMSIZ];	/**< as v4's */
};

/** `ip -6 rule add`: 0, -EEXIST, -EINVAL, -ENOMEM. */
int sn_rule6_add(struct sn_netns *ns, const struct sn_rule6 *r);
/** `ip -6 rule del`: the first rule matching every given field; -ENOENT. */
int sn_rule6_del(struct sn_netns *ns, const struct sn_rule6 *r);
int sn_rule6_foreach(const struct sn_netns *ns,
		     int (*fn)(const struct sn_rule6 *r, void *arg),
		     void *arg);
int sn_rule6_format(const struct sn_netns *ns, const struct sn_rule6 *r,
		    char *buf, size_t len);

/** `ip -6 route get`; errors as sn_route4_get. */
int sn_route6_get(const struct sn_netns *ns, const uint8_t *dst, char *buf,
		  size_t len);
/**
 * The same with a source (NULL: ::), the input device (1: lo) and the
 * device the lookup is bound to (0: none), which rules' oif selectors
 * match, as `ip -6 route get A oif DEV`.
 */
int sn_route6_get_from(const struct sn_netns *ns, const uint8_t *dst,
		       const uint8_t *src, int iif, int oif, char *buf,
		       size_t len);
/** One route as `ip -6 route show` prints it. */
int sn_route6_format(const struct sn_netns *ns, const struct sn_route6 *r,
		     char *buf, size_t len);

/**
 * Whether a table exists (fib_get_table): local, main and default always,
 * a user table once a route went into it (it stays when emptied, as
 * Linux's). Control thread.
 */
bool sn_route4_table_exists(const struct sn_netns *ns, uint32_t table);
/** The same for IPv6 (main and local always). */
bool sn_route6_table_exists(const struct sn_netns *ns, uint32_t table);

/** IPv6's sn_route4_tables(). */
unsigned int sn_route6_tables(const struct sn_netns *ns, uint32_t *ids,
			      unsigned int max);

/** IPv6's sn_route4_table_fib(). */
struct rte_fib6 *sn_route6_table_fib(const struct sn_netns *ns,
				     uint32_t table);

/* internal: sn_route_init/fini call them */
int sn_route6_init(const struct sn_route_conf *conf);
void sn_route6_fini(void);

#ifdef __cplusplus
}
#endif

#endif /* SN_ROUTE_H */
