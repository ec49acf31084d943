/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The softnet authors
 */

#ifndef SN_IP_PVT_H
#define SN_IP_PVT_H

/* What sn_ip.c (the datapath) and sn_neigh.c (the control side) share. */

#include <rte_ether.h>
#include <rte_hash.h>
#include <rte_log.h>
#include <rte_mbuf.h>
#include <rte_ring.h>

#include "sn_ip.h"

extern int sn_ip_logtype;
#define IP_LOG(level, fmt, ...) \
	rte_log(RTE_LOG_ ## level, sn_ip_logtype, "softnet_ip: " fmt "\n", \
		##__VA_ARGS__)

#define IP_BURST	64	/* most packets softnet delivers at once */
#define IP_TXB		32	/* per port tx buffer of an lcore */
#define IP_RL_SLOTS	256	/* ICMP rate limit buckets per lcore */
#define UDP_SOCK_MAX	255	/* sinks per namespace */
#define ICMP_DEST_UNREACH 3	/* ICMP_DEST_UNREACH */

/* A namespace's local addresses, copy-on-write under RCU. */
struct ip_addr4 {
	uint32_t addr;		/* host order */
	uint32_t mask;
	int ifindex;
};

struct ip_addr6 {
	uint8_t addr[16];
	int ifindex;
	uint8_t plen;
};

struct ip_addr_set {
	unsigned int n4, n6;
	struct ip_addr4 *a4;
	struct ip_addr6 *a6;
	/* a4 and a6 follow */
};

struct ip_stats {
	uint64_t c[SN_IP_CNT_MAX];
	/* the lcore's icmp_msgs_per_sec bucket (icmp_global) */
	uint64_t icmp_stamp;
	int64_t icmp_credit;
} __rte_cache_aligned;

struct udp_sock {
	uint16_t port;
	bool echo;
	struct {
		uint64_t pkts, bytes;
	} __rte_cache_aligned lc[RTE_MAX_LCORE];
};

/* Neighbour value read by workers: MAC in bits 0-47, state above. */
#define NH_VALID	(1ULL << 63)

static inline uint64_t
nh_pack(const struct rte_ether_addr *mac, uint8_t state)
{
	uint64_t v = 0;

	memcpy(&v, mac->addr_bytes, RTE_ETHER_ADDR_LEN);
	return v | (uint64_t)state << 48 | NH_VALID;
}

static inline void
nh_unpack_mac(uint64_t v, struct rte_ether_addr *mac)
{
	memcpy(mac->addr_bytes, &v, RTE_ETHER_ADDR_LEN);
}

/* A neighbour: IPv4 (host order, in the first 4 bytes) or IPv6
 * (network order), on a port. */
struct nh_key {
	uint8_t ip[16];
	uint16_t port;
	uint8_t family;		/* 4 or 6 */
	uint8_t zero;
};

static inline void
nh_key4(struct nh_key *k, uint32_t ip, uint16_t port)
{
	memset(k, 0, sizeof(*k));
	memcpy(k->ip, &ip, 4);
	k->port = port;
	k->family = 4;
}

static inline void
nh_key6(struct nh_key *k, const uint8_t *ip, uint16_t port)
{
	memcpy(k->ip, ip, 16);
	k->port = port;
	k->family = 6;
	k->zero = 0;
}

static inline uint32_t
nh_key_ip4(const struct nh_key *k)
{
	uint32_t ip;

	memcpy(&ip, k->ip, 4);
	return ip;
}

struct nh_ctl;

/* The datapath's pernet data. */
struct ip_ns {
	struct sn_netns *ns;
	uint32_t id;
	struct ip_addr_set *addrs;	/* RCU */
	/* sysctls */
	int forwarding;
	int route_localnet;
	int accept_local;
	int echo_ignore_all;
	int echo_ignore_bcast;
	int forwarding6;	/* net.ipv6.conf.all.forwarding */
	int echo_ignore_all6;	/* net.ipv6.icmp.echo_ignore_all */
	uint32_t ratelimit_ms;
	uint32_t ratemask;
	uint64_t ratelimit_tsc;
	uint32_t msgs_per_sec;
	uint32_t msgs_burst;
	/* UDP sinks: port -> slot + 1 */
	uint8_t udp_idx[65536];
	struct udp_sock *socks[UDP_SOCK_MAX + 1];
	/* neighbours: rte_hash positions index nh_val and nh_ctl */
	struct rte_hash *nh;
	uint64_t *nh_val;
	struct nh_ctl *nh_ctl;
	unsigned int nh_count;
	struct ip_stats *stats;		/* [RTE_MAX_LCORE] */
};

/* Messages from workers to the control thread. */
enum {
	IP_MSG_RESOLVE = 1,	/* hold m until ip@port resolves */
	IP_MSG_LEARN,		/* ARP request for us: create or update */
	IP_MSG_UPDATE,		/* ARP reply: update an existing entry */
	IP_MSG_SEEN,		/* other ARP: an existing entry goes STALE */
	IP_MSG_NA,		/* NA: an existing entry, by its S/O flags
				 * (pad: IP_NA_*) */
};

struct ip_msg {
	struct rte_mbuf *m;
	struct nh_key key;
	uint8_t kind;
	uint8_t pad;
	struct rte_ether_addr mac;
	uint32_t ns_id;		/* the sender's namespace: if key.port has
				 * left it since, the message is void */
};

#define IP_NA_SOLICITED	1u	/* S: REACHABLE, else STALE */
#define IP_NA_OVERRIDE	2u	/* O: its lladdr replaces the entry's */
#define IP_NA_NO_LLADDR	4u	/* no target link-layer option */

struct ip_port {
	struct rte_ether_addr mac;
	uint16_t mtu;
	uint8_t valid;
	uint8_t down;		/* stopped: nothing is sent to it */
};

extern struct ip_port ip_ports[RTE_MAX_ETHPORTS];
extern struct sn_ip_conf ip_cfg;
extern struct rte_ring *ip_ctl_ring;

struct ip_ns *ip_ns_of(const struct sn_netns *ns);

/* sn_ip.c, for the control side */
void ip_count(struct ip_ns *in, unsigned int lcore, unsigned int id,
	      uint64_t n);
void ip_tx(unsigned int lcore, uint16_t port, struct rte_mbuf *m);
void ip_tx_flush(unsigned int lcore);
/* Forget the last neighbour looked up (its position may be reused). */
void ip_nh_cache_reset(unsigned int lcore);
void ip_icmp_error(unsigned int lcore, struct ip_ns *in, struct rte_mbuf *m,
		   uint8_t type, uint8_t code, uint32_t info, int iif);
void ip6_icmp_error(unsigned int lcore, struct ip_ns *in, struct rte_mbuf *m,
		    uint8_t type, uint8_t code, uint32_t info, int iif);
const struct ip_addr4 *ip_addr4_on(const struct ip_ns *in, int ifindex,
				   uint32_t near);
/* Address a of ifindex, or NULL if that device has not it. */
const struct ip_addr6 *ip_addr6_find(const struct ip_ns *in, int ifindex,
				     const uint8_t *a);
const struct ip_addr6 *ip_addr6_on(const struct ip_ns *in, int ifindex,
				   const uint8_t *peer);
const uint8_t *ip6_saddr(const struct ip_ns *in, const uint8_t *dst,
			 int oif);
int ip6_nd_fill(struct rte_mbuf *m, uint16_t port, const uint8_t *src,
		const uint8_t *dst, const struct rte_ether_addr *dmac,
		uint8_t type, uint32_t flags, const uint8_t *target,
		bool lladdr);

/* sn_neigh.c */
int ip_neigh_ns_init(struct ip_ns *in);
void ip_neigh_ns_fini(struct ip_ns *in);
void ip_neigh_ifdown(struct ip_ns *in, uint16_t port);
void ip_neigh_fini(void);

#endif /* SN_IP_PVT_H */
