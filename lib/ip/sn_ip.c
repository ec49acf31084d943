/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The softnet authors
 */

/*
 * The IP datapath (linux-semantics §4: R6-R10, L7): Ethernet input, ARP
 * answers, IPv4 checks and martians, rules + lookup, local delivery
 * through lo, forwarding, ICMP errors with a per-peer rate limit.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include <rte_arp.h>
#include <rte_byteorder.h>
#include <rte_cycles.h>
#include <rte_ethdev.h>
#include <rte_hash_crc.h>
#include <rte_icmp.h>
#include <rte_ip.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_mbuf_dyn.h>
#include <rte_prefetch.h>
#include <rte_random.h>
#include <rte_udp.h>

#include "sn_ip.h"
#include "sn_ip_pvt.h"
#include "sn_route.h"

RTE_LOG_REGISTER_DEFAULT(sn_ip_logtype, NOTICE);

#define IPV4(a, b, c, d) ((uint32_t)(a) << 24 | (b) << 16 | (c) << 8 | (d))
#define IP_TTL_DEFAULT	64	/* sysctl_ip_default_ttl */
#define ICMP_ERR_MAX	576	/* an ICMP error is at most 576 bytes */
#define RL_BURST	6	/* XRLIM_BURST_FACTOR */

struct ip_port ip_ports[RTE_MAX_ETHPORTS];
struct sn_ip_conf ip_cfg;
struct rte_ring *ip_ctl_ring;

struct ip_lcore {
	uint64_t dirty;		/* ports with packets in tx[] */
	struct {
		uint16_t n;
		struct rte_mbuf *m[IP_TXB];
	} tx[RTE_MAX_ETHPORTS];
	struct {
		uint64_t tokens;
		uint64_t last;
	} rl[IP_RL_SLOTS];
	uint64_t no_netns;	/* packets of a port in no namespace */
	/* datagrams consumed by sinks, freed in one bulk call */
	uint16_t nfree;
	struct rte_mbuf *free[IP_BURST];
	/* the last neighbour looked up, valid for one burst only (a hash
	 * position may be reused after the lcore's quiescent state) */
	const struct ip_ns *nh_ns;
	struct nh_key nh_key;
	int32_t nh_pos;
	/* the IP ID of the lcore's next ICMP message (ip_select_ident gives
	 * one without DF a new ID each time; Linux hashes its counters per
	 * destination) */
	uint16_t ip_id;
} __rte_cache_aligned;

_Static_assert(RTE_MAX_ETHPORTS <= 64, "dirty is a 64-bit mask of ports");

static struct ip_lcore *lcores[RTE_MAX_LCORE];
static uint16_t txq_of[RTE_MAX_LCORE][RTE_MAX_ETHPORTS];
static bool initialised;

static int ip_ns_init(struct sn_netns *ns, void *arg);
static void ip_ns_exit(struct sn_netns *ns, void *arg);

static const struct sn_pernet_ops ip_ops = {
	.name = "ip",
	.init = ip_ns_init,
	.exit = ip_ns_exit,
};

struct ip_ns *
ip_ns_of(const struct sn_netns *ns)
{
	return sn_netns_generic(ns, &ip_ops);
}

static const char *const cnt_names[] = {
#define X(name, help) #name,
	SN_IP_COUNTERS(X)
#undef X
};

static const char *const cnt_help[] = {
#define X(name, help) help,
	SN_IP_COUNTERS(X)
#undef X
};

/* ---------------------------------------------------------------------- */
/* Small helpers.                                                          */

static inline void
cnt(struct ip_ns *in, unsigned int lcore, unsigned int id)
{
	in->stats[lcore].c[id]++;
}

void
ip_count(struct ip_ns *in, unsigned int lcore, unsigned int id, uint64_t n)
{
	in->stats[lcore].c[id] += n;
}

static inline void
drop(struct ip_ns *in, unsigned int lcore, unsigned int id,
     struct rte_mbuf *m)
{
	cnt(in, lcore, id);
	rte_pktmbuf_free(m);
}

/* One's complement update of a checksum for a 16-bit word change. */
static inline uint16_t
csum_replace16(uint16_t check, uint16_t old, uint16_t new)
{
	uint32_t s = (uint16_t)~check + (uint16_t)~old + (uint32_t)new;

	s = (s & 0xffff) + (s >> 16);
	s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

/*
 * The folded one's complement sum of len bytes at off in m, whatever its
 * segments; 0 (no valid sum) if m is shorter.
 */
static inline uint16_t
pkt_cksum(const struct rte_mbuf *m, uint32_t off, uint32_t len)
{
	const struct rte_mbuf *s = m;
	uint32_t sum = 0, done = 0, n, part;

	if (likely(off + len <= rte_pktmbuf_data_len(m)))
		return rte_raw_cksum(rte_pktmbuf_mtod_offset(m, const char *,
							     off), len);
	if (off + len > rte_pktmbuf_pkt_len(m))
		return 0;
	/* segment by segment (22.11's rte_raw_cksum_mbuf loses the carry
	 * of a part that starts at an odd byte): each part's sum folded to
	 * 16 bits, then byte-swapped if it starts at an odd offset */
	while (off >= s->data_len) {
		off -= s->data_len;
		s = s->next;
	}
	for (; done < len; s = s->next, off = 0) {
		n = RTE_MIN(len - done, (uint32_t)s->data_len - off);
		part = __rte_raw_cksum(rte_pktmbuf_mtod_offset(s, const char *,
							       off), n, 0);
		part = __rte_raw_cksum_reduce(part);
		if (done & 1)
			part = rte_bswap16((uint16_t)part);
		sum += part;
		done += n;
	}
	return __rte_raw_cksum_reduce(sum);
}

/* Whether len bytes of a transport at off in m sum to 0xffff with the
 * pseudo-header's sum ph (checksum verified). */
static inline bool
l4_cksum_ok(const struct rte_mbuf *m, uint32_t off, uint32_t len,
	    uint32_t ph)
{
	return __rte_raw_cksum_reduce(ph + pkt_cksum(m, off, len)) == 0xffff;
}

/* The pseudo-headers' sums, for a transport of len bytes. */
static inline uint32_t
phdr4_sum(const struct rte_ipv4_hdr *ip, uint32_t len)
{
	uint32_t w[3] = { ip->src_addr, ip->dst_addr,
			  rte_cpu_to_be_32(ip->next_proto_id << 16 | len) };

	return __rte_raw_cksum(w, sizeof(w), 0);
}

static inline uint32_t
phdr6_sum(const struct rte_ipv6_hdr *ip6, uint8_t proto, uint32_t len)
{
	uint32_t w[2] = { rte_cpu_to_be_32(len), rte_cpu_to_be_32(proto) };

	return __rte_raw_cksum(w, sizeof(w),
			       __rte_raw_cksum(ip6->src_addr, 32, 0));
}

/* pskb_trim: m cut to len bytes, across its segments (rte_pktmbuf_trim
 * only trims within the last one). */
static void
pkt_trim(struct rte_mbuf *m, uint32_t len)
{
	struct rte_mbuf *s = m;
	uint32_t left = len;
	uint16_t n = 1;

	if (len >= rte_pktmbuf_pkt_len(m))
		return;
	while (left > s->data_len && s->next != NULL) {
		left -= s->data_len;
		s = s->next;
		n++;
	}
	s->data_len = (uint16_t)left;
	if (s->next != NULL) {
		rte_pktmbuf_free(s->next);
		s->next = NULL;
	}
	m->nb_segs = n;
	m->pkt_len = len;
}

static inline bool
is_lo_ifindex(int ifindex)
{
	return ifindex == SN_LOOPBACK_IFINDEX;
}

static inline bool
ipv4_is_zeronet(uint32_t a)
{
	return (a >> 24) == 0;
}

static inline bool
ipv4_is_loopback(uint32_t a)
{
	return (a >> 24) == 127;
}

static inline bool
ipv4_is_lbcast(uint32_t a)
{
	return a == 0xffffffff;
}

/* 224/4; DPDK 22.11's RTE_IS_IPV4_MCAST shifts 224 into an int's sign bit
 * (undefined behaviour, which UBSan reports) */
static inline bool
ipv4_is_multicast(uint32_t a)
{
	return (a & 0xf0000000u) == 0xe0000000u;
}

/*
 * skb->pkt_type != PACKET_HOST: the frame was sent to a broadcast or
 * multicast MAC. Through lo its MACs are gone (lo's are zero), so lo_output
 * keeps the answer in a dynamic mbuf flag.
 */
static uint64_t not_host_flag;

/*
 * RTCF_BROADCAST: the packet was routed as a broadcast (R8), whatever its
 * frame; marked when it goes through lo, for local delivery to know.
 */
static uint64_t brd_flag;

/*
 * icmp6_iif: the port a packet to an IPv6 group came in by, kept in a
 * dynamic mbuf field (valid with iif_flag) as it goes through lo, for its
 * answers to leave by that link (a link-local peer is known there only).
 */
static uint64_t iif_flag;
static int iif_off = -1;

static inline bool
pkt_iif(const struct rte_mbuf *m, uint16_t *port)
{
	if (!(m->ol_flags & iif_flag))
		return false;
	*port = *RTE_MBUF_DYNFIELD(m, iif_off, const uint16_t *);
	return true;
}

/*
 * A packet made into a new one in place starts with no offload flags but
 * those that say what its buffer is: an mbuf attached to an external
 * buffer (net_vhost's extbuf, mlx5's MPRQ) or to another mbuf, cleared,
 * would go back to its pool as a direct one, its buffer never released.
 */
static inline void
pkt_flags_reset(struct rte_mbuf *m, uint64_t keep)
{
	m->ol_flags = (m->ol_flags & (RTE_MBUF_F_EXTERNAL |
				      RTE_MBUF_F_INDIRECT)) | keep;
}

static inline bool
pkt_brd(const struct rte_mbuf *m)
{
	return (m->ol_flags & brd_flag) != 0;
}

static inline bool
pkt_not_host(const struct rte_mbuf *m)
{
	const struct rte_ether_hdr *eth =
		rte_pktmbuf_mtod(m, const struct rte_ether_hdr *);

	return (m->ol_flags & not_host_flag) != 0 ||
	       rte_is_multicast_ether_addr(&eth->dst_addr);
}

static inline const struct ip_addr_set *
addrs_of(const struct ip_ns *in)
{
	return __atomic_load_n(&in->addrs, __ATOMIC_ACQUIRE);
}

static inline bool
addr4_is_local(const struct ip_ns *in, uint32_t a)
{
	const struct ip_addr_set *s = addrs_of(in);
	unsigned int i;

	for (i = 0; i < s->n4; i++)
		if (s->a4[i].addr == a)
			return true;
	return false;
}

/*
 * The first address on ifindex, preferring one whose subnet holds near.
 * ifindex 0: on any device (inet_select_addr when the device is not
 * known), and the first is one outside 127/8 (never lo's for a peer
 * outside). NULL when there is none.
 */
const struct ip_addr4 *
ip_addr4_on(const struct ip_ns *in, int ifindex, uint32_t near)
{
	const struct ip_addr_set *s = addrs_of(in);
	const struct ip_addr4 *first = NULL;
	unsigned int i;

	for (i = 0; i < s->n4; i++) {
		if (ifindex != 0 && s->a4[i].ifindex != ifindex)
			continue;
		if (((s->a4[i].addr ^ near) & s->a4[i].mask) == 0)
			return &s->a4[i];
		if (first == NULL && (ifindex != 0 ||
				      !ipv4_is_loopback(s->a4[i].addr)))
			first = &s->a4[i];
	}
	return first;
}

/* ---------------------------------------------------------------------- */
/* Transmit: per-lcore, per-port buffers flushed at the end of a burst.    */

static inline uint16_t
txq(unsigned int lcore, uint16_t port)
{
	/* a lo's queue q feeds lcore q's backlog: each lcore its own */
	if (sn_netns_ifindex_of_port(port) == SN_LOOPBACK_IFINDEX)
		return lcore;
	return txq_of[lcore][port];
}

static void
tx_flush_port(struct ip_lcore *lc, unsigned int lcore, uint16_t port)
{
	struct ip_ns *in;
	uint16_t n = lc->tx[port].n, sent;

	/* a stopped port takes nothing (its queues may not be touched) */
	sent = likely(!__atomic_load_n(&ip_ports[port].down, __ATOMIC_RELAXED)) ?
	       rte_eth_tx_burst(port, txq(lcore, port), lc->tx[port].m, n) : 0;
	if (unlikely(sent < n)) {
		struct sn_netns *ns = sn_netns_of_port(port);

		in = ns != NULL ? ip_ns_of(ns) : NULL;
		if (in != NULL)
			ip_count(in, lcore, SN_IP_tx_dropped, n - sent);
		rte_pktmbuf_free_bulk(lc->tx[port].m + sent, n - sent);
	}
	lc->tx[port].n = 0;
	lc->dirty &= ~(1ULL << port);
}

/* A packet whose life ends here (a sink consumed it): freed in bulk at the
 * end of the burst, or when the batch is full. */
static inline void
consume(unsigned int lcore, struct rte_mbuf *m)
{
	struct ip_lcore *lc = lcores[lcore];

	lc->free[lc->nfree++] = m;
	if (unlikely(lc->nfree == RTE_DIM(lc->free))) {
		rte_pktmbuf_free_bulk(lc->free, lc->nfree);
		lc->nfree = 0;
	}
}

static inline void
consume_flush(unsigned int lcore)
{
	struct ip_lcore *lc = lcores[lcore];

	if (lc->nfree != 0) {
		rte_pktmbuf_free_bulk(lc->free, lc->nfree);
		lc->nfree = 0;
	}
}

static inline void
ip_tx_inline(unsigned int lcore, uint16_t port, struct rte_mbuf *m)
{
	struct ip_lcore *lc = lcores[lcore];

	lc->tx[port].m[lc->tx[port].n++] = m;
	lc->dirty |= 1ULL << port;
	if (lc->tx[port].n == IP_TXB)
		tx_flush_port(lc, lcore, port);
}

void
ip_tx(unsigned int lcore, uint16_t port, struct rte_mbuf *m)
{
	ip_tx_inline(lcore, port, m);
}

void
ip_nh_cache_reset(unsigned int lcore)
{
	lcores[lcore]->nh_ns = NULL;
}

void
ip_tx_flush(unsigned int lcore)
{
	struct ip_lcore *lc = lcores[lcore];

	while (lc->dirty != 0)
		tx_flush_port(lc, lcore, __builtin_ctzll(lc->dirty));
}

/* ---------------------------------------------------------------------- */
/* Output of locally generated packets (ip_route_output: iif lo, R6).     */

/* Send m, whose L3 header is complete, to its neighbour (key). */
/* A message to the control thread, stamped with its namespace. */
static inline int
ctl_send(const struct ip_ns *in, struct ip_msg *msg)
{
	msg->ns_id = in->id;
	return rte_ring_mp_enqueue_elem(ip_ctl_ring, msg, sizeof(*msg));
}

static void
neigh_output_key(unsigned int lcore, struct ip_ns *in, struct rte_mbuf *m,
		 const struct nh_key *key)
{
	struct ip_lcore *lc = lcores[lcore];
	struct rte_ether_hdr *eth;
	struct ip_msg msg;
	int32_t pos;
	uint64_t v = 0;

	if (lc->nh_ns == in && memcmp(&lc->nh_key, key, sizeof(*key)) == 0) {
		pos = lc->nh_pos;
	} else {
		pos = rte_hash_lookup(in->nh, key);
		lc->nh_ns = in;
		lc->nh_key = *key;
		lc->nh_pos = pos;
	}
	if (pos >= 0)
		v = __atomic_load_n(&in->nh_val[pos], __ATOMIC_ACQUIRE);
	if (likely(v & NH_VALID)) {
		eth = rte_pktmbuf_mtod(m, struct rte_ether_hdr *);
		nh_unpack_mac(v, &eth->dst_addr);
		rte_ether_addr_copy(&ip_ports[key->port].mac, &eth->src_addr);
		ip_tx_inline(lcore, key->port, m);
		return;
	}
	memset(&msg, 0, sizeof(msg));
	msg.m = m;
	msg.key = *key;
	msg.kind = IP_MSG_RESOLVE;
	if (ctl_send(in, &msg) != 0) {
		drop(in, lcore, SN_IP_neigh_dropped, m);
		return;
	}
	cnt(in, lcore, SN_IP_neigh_queued);
}

static inline void
neigh_output(unsigned int lcore, struct ip_ns *in, struct rte_mbuf *m,
	     uint16_t port, uint32_t nh)
{
	struct nh_key key;

	nh_key4(&key, nh, port);
	neigh_output_key(lcore, in, m, &key);
}

/*
 * Send on lo: Linux's lo frames carry zero MACs (lo's dev_addr). A packet
 * that came in on a port was checked and counted there: it goes with
 * RX_IP_CKSUM_GOOD so that lo's side neither checks nor counts it again;
 * a locally generated one goes without, and lo's side counts it as
 * Linux's ip_rcv on lo does. lo_frame is the work on the frame.
 */
static inline void
lo_frame(struct rte_mbuf *m, bool received, rte_be16_t ether_type)
{
	struct rte_ether_hdr *eth = rte_pktmbuf_mtod(m, struct rte_ether_hdr *);

	m->ol_flags &= ~(RTE_MBUF_F_RX_IP_CKSUM_MASK | not_host_flag | iif_flag |
			 brd_flag);
	if (received) {
		m->ol_flags |= RTE_MBUF_F_RX_IP_CKSUM_GOOD;
		if (rte_is_multicast_ether_addr(&eth->dst_addr))
			m->ol_flags |= not_host_flag;
	}
	memset(eth, 0, 2 * RTE_ETHER_ADDR_LEN);
	eth->ether_type = ether_type;
}

static inline void
lo_output(unsigned int lcore, struct ip_ns *in, struct rte_mbuf *m,
	  bool received, rte_be16_t ether_type, bool brd)
{
	lo_frame(m, received, ether_type);
	if (brd)
		m->ol_flags |= brd_flag;
	cnt(in, lcore, SN_IP_lo_tx);
	ip_tx_inline(lcore, sn_netns_lo_port(in->ns), m);
}

/* lo_output of n received IPv4 packets at once: one count, one copy into
 * lo's tx buffer instead of a buffer append per packet */
static void
lo_output_bulk(unsigned int lcore, struct ip_ns *in, struct rte_mbuf **m,
	       unsigned int n)
{
	struct ip_lcore *lc = lcores[lcore];
	uint16_t port = sn_netns_lo_port(in->ns);
	unsigned int i, k;

	for (i = 0; i < n; i++)
		lo_frame(m[i], true, RTE_BE16(RTE_ETHER_TYPE_IPV4));
	ip_count(in, lcore, SN_IP_lo_tx, n);
	while (n != 0) {
		k = RTE_MIN(n, (unsigned int)(IP_TXB - lc->tx[port].n));
		memcpy(&lc->tx[port].m[lc->tx[port].n], m, k * sizeof(*m));
		lc->tx[port].n += k;
		lc->dirty |= 1ULL << port;
		if (lc->tx[port].n == IP_TXB)
			tx_flush_port(lc, lcore, port);
		m += k;
		n -= k;
	}
}

static inline bool
port_valid(uint16_t port)
{
	if (unlikely(!ip_ports[port].valid))
		sn_ip_port_refresh(port);
	return ip_ports[port].valid;
}

/*
 * ip_local_out for a packet whose Ethernet + IPv4 headers are complete
 * (checksum included): route it from lo, then lo or a neighbour.
 */
static void
ip_output(unsigned int lcore, struct ip_ns *in, struct rte_mbuf *m)
{
	struct rte_ipv4_hdr *ip = rte_pktmbuf_mtod_offset(m,
		struct rte_ipv4_hdr *, sizeof(struct rte_ether_hdr));
	uint32_t dst = rte_be_to_cpu_32(ip->dst_addr);
	uint32_t src = rte_be_to_cpu_32(ip->src_addr);
	const struct sn_fib_result *res;

	/* a reply may reuse a frame that came to a broadcast MAC: what goes
	 * out is ours, sent to a unicast one (forwarded frames never carry
	 * the mark: only lo_output sets it) */
	m->ol_flags &= ~(not_host_flag | brd_flag | iif_flag);
	cnt(in, lcore, SN_IP_out_requests);
	if (unlikely(dst == 0)) {
		/* R6: to 0.0.0.0 is to ourselves, through lo (daddr =
		 * saddr, or both 127.0.0.1) */
		if (src == 0)
			ip->src_addr = RTE_BE32(0x7f000001);
		ip->dst_addr = ip->src_addr;
		ip->hdr_checksum = 0;
		ip->hdr_checksum = rte_ipv4_cksum(ip);
		lo_output(lcore, in, m, false, RTE_BE16(RTE_ETHER_TYPE_IPV4),
			  false);
		return;
	}
	sn_route4_lookup_bulk_ref(in->ns, &dst, &src, SN_LOOPBACK_IFINDEX,
				  &res, 1);
	switch (res->type) {
	case SN_RTN_LOCAL:
	case SN_RTN_BROADCAST:
		lo_output(lcore, in, m, false, RTE_BE16(RTE_ETHER_TYPE_IPV4),
			  res->type == SN_RTN_BROADCAST);
		return;
	case SN_RTN_UNICAST:
		if (port_valid(res->port) &&
		    rte_pktmbuf_pkt_len(m) - sizeof(struct rte_ether_hdr) <=
		    ip_ports[res->port].mtu) {
			neigh_output(lcore, in, m, res->port,
				     res->gw != 0 ? res->gw : dst);
			return;
		}
		break;
	default:
		break;
	}
	drop(in, lcore, SN_IP_out_no_route, m);
}

/* The source a route gives toward dst (fib_result_prefsrc, else an address
 * of its device near its next hop, inet_select_addr, else any of the
 * namespace's near dst); 0 if none. */
static uint32_t
route_src4(const struct ip_ns *in, const struct sn_fib_result *res,
	   uint32_t dst)
{
	const struct ip_addr4 *a;

	if (res->prefsrc != 0)
		return res->prefsrc;
	if (res->type != SN_RTN_UNICAST && res->type != SN_RTN_LOCAL)
		return 0;
	a = ip_addr4_on(in, res->oif, res->gw != 0 ? res->gw : dst);
	if (a == NULL)
		a = ip_addr4_on(in, 0, dst);
	return a != NULL ? a->addr : 0;
}

/* Milliseconds since midnight UTC, network order: what the timestamp
 * option and ICMP timestamps carry (inet_current_timestamp). */
static uint32_t
ip_ms_today(void)
{
	struct timespec t;

	clock_gettime(CLOCK_REALTIME, &t);
	return rte_cpu_to_be_32((uint32_t)((t.tv_sec % 86400) * 1000 +
					   t.tv_nsec / 1000000));
}

/* Whether a prespecified timestamp address names this host: any type but
 * unicast in the local table (inet_addr_type != RTN_UNICAST): 0/8 and
 * 255.255.255.255, a group, or what a local table route makes local or
 * broadcast (every address, all of 127/8, a subnet's broadcast, a user's
 * `local` route). The lookup is the datapath's (rule 0 is local's);
 * options are the slow path. */
static bool
ts_prespec_ours(const struct ip_ns *in, uint32_t a)
{
	const struct sn_fib_result *res;

	if (ipv4_is_zeronet(a) || ipv4_is_lbcast(a) || ipv4_is_multicast(a))
		return true;
	sn_route4_lookup_bulk_ref(in->ns, &a, NULL, SN_LOOPBACK_IFINDEX,
				  &res, 1);
	return res->type == SN_RTN_LOCAL || res->type == SN_RTN_BROADCAST;
}

/*
 * This hop in a checked header's record route and timestamp options, as
 * ip_options_compile writes them on input (rr and ts: the address the
 * packet reached, fib_compute_spec_dst; for a forwarded packet rr is the
 * outgoing one, which ip_forward_options writes over it) and
 * ip_options_build on output (input false: a full timestamp option's
 * overflow is not counted). Whether a byte changed (the header checksum
 * is the caller's).
 */
static bool
ip_options_record(const struct ip_ns *in, struct rte_ipv4_hdr *ip,
		  size_t hl, uint32_t rr, uint32_t ts, bool input)
{
	uint8_t *o = (uint8_t *)(ip + 1);
	size_t l = hl - sizeof(*ip), i = 0;
	uint32_t rr_be = rte_cpu_to_be_32(rr), ts_be = rte_cpu_to_be_32(ts);
	uint32_t now, a;
	unsigned int len, ptr;
	bool changed = false;

	while (i + 1 < l && o[i] != 0) {	/* IPOPT_END */
		uint8_t *p = o + i;

		if (p[0] == 1) {		/* IPOPT_NOOP */
			i++;
			continue;
		}
		len = p[1];
		if (len < 2 || len > l - i)
			break;
		ptr = len >= 3 ? p[2] : 0;
		if (p[0] == 7 && ptr >= 4 && ptr + 3 <= len) {	/* RR */
			memcpy(p + ptr - 1, &rr_be, 4);
			p[2] = (uint8_t)(ptr + 4);
			changed = true;
		} else if (p[0] == 68 && len >= 4 && ptr >= 5) { /* TS */
			unsigned int flag = p[3] & 15, need;

			need = flag == 0 ? 4 : 8;
			if (ptr + need - 1 <= len && flag != 2 && flag <= 3) {
				/* PRESPEC: only an address of this host */
				memcpy(&a, p + ptr - 1, 4);
				if (flag == 3 &&
				    !ts_prespec_ours(in, rte_be_to_cpu_32(a))) {
					i += len;
					continue;
				}
				if (flag == 1)
					memcpy(p + ptr - 1, &ts_be, 4);
				now = ip_ms_today();
				memcpy(p + ptr - 1 + need - 4, &now, 4);
				p[2] = (uint8_t)(ptr + need);
				changed = true;
			} else if (ptr > len && input && flag != 3 &&
				   (p[3] >> 4) < 15) {
				p[3] = (uint8_t)(p[3] + 16);	/* overflow */
				changed = true;
			}
		}
		i += len;
	}
	return changed;
}

/* The option of type in a checked header's options, or NULL. */
static const uint8_t *
ip_option_find(const struct rte_ipv4_hdr *ip, size_t hl, uint8_t type)
{
	const uint8_t *o = (const uint8_t *)(ip + 1);
	size_t l = hl - sizeof(*ip), i = 0;

	while (i + 1 < l && o[i] != 0) {
		if (o[i] == 1) {
			i++;
			continue;
		}
		if (o[i + 1] < 2 || o[i + 1] > l - i)
			return NULL;
		if (o[i] == type)
			return o + i;
		i += o[i + 1];
	}
	return NULL;
}

/*
 * ip_options_echo for a reply: record route, then timestamp, of a
 * checked header, as they came, padded with IPOPT_END to 4 bytes; the
 * others (source routes were dropped at input) are not echoed. Returns
 * the length written to out (at most 40), or -1 when one has room left
 * but not for the reply's entry (Linux sends no reply then).
 */
static int
ip_options_echo(const struct rte_ipv4_hdr *ip, size_t hl, uint8_t *out)
{
	const uint8_t *rr = ip_option_find(ip, hl, 7);
	const uint8_t *ts = ip_option_find(ip, hl, 68);
	unsigned int n = 0, flag;

	if (rr != NULL) {
		if (rr[2] <= rr[1] && rr[2] + 3 > rr[1])
			return -1;
		memcpy(out, rr, rr[1]);
		n = rr[1];
	}
	if (ts != NULL) {
		/* the entry the reply adds must fit (a prespecified one
		 * only goes where its address is ours: not checked) */
		flag = ts[3] & 15;
		if (ts[2] <= ts[1] && (flag == 0 || flag == 1) &&
		    ts[2] + (flag == 1 ? 7 : 3) > ts[1])
			return -1;
		memcpy(out + n, ts, ts[1]);
		n += ts[1];
	}
	while (n & 3)
		out[n++] = 0;
	return (int)n;
}

/* Whether a frame's IPv4 header carries options (IHL > 5). */
static inline bool
pkt_has_options(const struct rte_mbuf *m)
{
	return (*rte_pktmbuf_mtod_offset(m, const uint8_t *,
		sizeof(struct rte_ether_hdr)) & 0x0f) > 5;
}

static inline struct rte_ipv4_hdr *
pkt_ip4(struct rte_mbuf *m)
{
	return rte_pktmbuf_mtod_offset(m, struct rte_ipv4_hdr *,
				       sizeof(struct rte_ether_hdr));
}

/* A port's packet for a local address: it records the address it reached
 * (fib_compute_spec_dst: RTCF_LOCAL, the destination). */
static void
ip_options_in_local(const struct ip_ns *in, struct rte_mbuf *m, uint32_t dst)
{
	struct rte_ipv4_hdr *ip = pkt_ip4(m);

	if (ip_options_record(in, ip, rte_ipv4_hdr_len(ip), dst, dst, true)) {
		ip->hdr_checksum = 0;
		ip->hdr_checksum = rte_ipv4_cksum(ip);
	}
}

/* The source the route back to dst gives (icmp_route_lookup,
 * fib_compute_spec_dst): 0 if none. */
static uint32_t
route_back_src4(const struct ip_ns *in, uint32_t dst)
{
	const struct sn_fib_result *back;
	uint32_t any = 0;

	sn_route4_lookup_bulk_ref(in->ns, &dst, &any, SN_LOOPBACK_IFINDEX,
				  &back, 1);
	return route_src4(in, back, dst);
}

/* ---------------------------------------------------------------------- */
/* ICMP errors (icmp_send), rate limited as Linux's: icmp_msgs_per_sec per
 * namespace (icmp_global_allow), then per peer (inet_peer_xrlim_allow). */

/* icmp_global_allow(): whether the lcore's bucket has credit, refilled at
 * icmp_msgs_per_sec up to icmp_msgs_burst once empty and 20 ms on. */
static bool
icmp_global_allow(struct ip_stats *st, const struct ip_ns *in, uint64_t now)
{
	uint64_t hz = rte_get_tsc_hz(), delta, incr;

	if (st->icmp_credit > 0)
		return true;
	delta = RTE_MIN(now - st->icmp_stamp, hz);
	if (delta < hz / 50)
		return false;
	incr = (uint64_t)in->msgs_per_sec * delta / hz;
	if (incr == 0)
		return false;
	st->icmp_stamp = now;
	st->icmp_credit = RTE_MIN(st->icmp_credit + (int64_t)incr,
				  (int64_t)in->msgs_burst);
	return true;
}

/*
 * The first half of Linux's limits, before the error's route: whether it
 * is limited at all (*apply: a type in icmp_ratemask, icmpv4_mask_allow;
 * the callers keep path MTU discovery out; and not about a packet the
 * host sent itself, which came in by lo: __icmp_send and icmp6_send
 * skip both limits then), and if so whether the global bucket has
 * credit. 0, or the counter of the limit that refused it.
 */
static unsigned int
rate_allow_global(unsigned int lcore, struct ip_ns *in, uint8_t type,
		  bool from_lo, bool *apply)
{
	*apply = type <= 31 && (in->ratemask & (1u << type)) && !from_lo;
	if (*apply && !icmp_global_allow(&in->stats[lcore], in, rte_rdtsc()))
		return SN_IP_icmp_ratelimit_global;
	return 0;
}

/*
 * A peer's bucket (its inet_peer's rate_tokens): refilled with the time
 * since it was last used, up to burst; whether it holds cost, which is
 * then taken. The whole address picks the bucket; peers that share one
 * share its tokens, so that a collision never lifts the limit (a bucket
 * left alone refills to the burst).
 */
static bool
peer_tokens_take(unsigned int lcore, const struct ip_ns *in,
		 const void *peer, uint32_t len, uint64_t cost, uint64_t burst)
{
	struct ip_lcore *lc = lcores[lcore];
	uint64_t now, token;
	uint32_t key[4];
	unsigned int s;

	memcpy(key, peer, len);	/* the header's address may be unaligned */
	s = rte_hash_crc(key, len, in->id) & (IP_RL_SLOTS - 1);
	now = rte_rdtsc();
	token = lc->rl[s].tokens + (now - lc->rl[s].last);
	lc->rl[s].last = now;
	if (token > burst)
		token = burst;
	if (token < cost) {
		lc->rl[s].tokens = token;
		return false;
	}
	lc->rl[s].tokens = token - cost;
	return true;
}

/*
 * The second half, once the error's source is known: the per-peer limit
 * (inet_peer_xrlim_allow; none for an error to one of our own
 * addresses, which leaves by lo, icmpv4_xrlim_allow), and if it passes,
 * the global credit taken (icmp_global_consume: one each here, 0-2 at
 * random in Linux). 0, or the counter of the limit that refused it.
 */
static unsigned int
rate_allow_peer(unsigned int lcore, struct ip_ns *in, const void *peer,
		uint32_t len, bool apply, bool to_lo)
{
	if (!apply)
		return 0;
	if (!to_lo && in->ratelimit_tsc != 0 &&
	    !peer_tokens_take(lcore, in, peer, len, in->ratelimit_tsc,
			      RL_BURST * in->ratelimit_tsc))
		return SN_IP_icmp_ratelimited;
	in->stats[lcore].icmp_credit--;
	return 0;
}

/* Whether m came in by lo from the host itself: a port's packet for a
 * local address passes lo marked as checked (lo_frame), and is the
 * port's for Linux. */
static inline bool
pkt_from_host(const struct rte_mbuf *m, int iif)
{
	return iif == SN_LOOPBACK_IFINDEX &&
	       (m->ol_flags & RTE_MBUF_F_RX_IP_CKSUM_MASK) !=
	       RTE_MBUF_F_RX_IP_CKSUM_GOOD;
}

/* icmp_pointers[].error, and a type above NR_ICMP_TYPES (18): no ICMP
 * error is sent about either */
static inline bool
icmp_is_error(uint8_t type)
{
	return type == ICMP_DEST_UNREACH || type == 4 ||
	       type == 5 || type == 11 || type == 12 || type > 18;
}

/* An ICMP error quotes the start of a packet: drop its other segments. */
static inline void
first_segment_only(struct rte_mbuf *m)
{
	if (m->nb_segs > 1) {
		rte_pktmbuf_free(m->next);
		m->next = NULL;
		m->nb_segs = 1;
		m->pkt_len = m->data_len;
	}
}

/*
 * The options an ICMP error about a packet with options carries back
 * (__ip_options_echo), into out: its record route and timestamp as they
 * stood after input. A packet that came in by a port and was not
 * delivered here (forwarded, or refused by a route) had this hop
 * recorded by ip_rcv_options on Linux, which softnet's forwarding leaves
 * for later: the copy gets it first (the address toward the sender,
 * fib_compute_spec_dst). Returns the length, or -1 (no room).
 */
static int
icmp_error_opts(const struct ip_ns *in, const struct rte_ipv4_hdr *oip,
		size_t ohl, int iif, uint8_t *out)
{
	union {
		struct rte_ipv4_hdr h;
		uint8_t b[60];
	} c;
	uint32_t sd;

	memcpy(c.b, oip, ohl);
	if (iif != SN_LOOPBACK_IFINDEX) {
		sd = route_back_src4(in, rte_be_to_cpu_32(oip->src_addr));
		ip_options_record(in, &c.h, ohl, sd, sd, true);
	}
	return ip_options_echo(&c.h, ohl, out);
}

/*
 * icmp_send: turn m (an IPv4 packet behind its Ethernet header) into the
 * ICMP error about it, from the address it was sent to if that is ours,
 * else from an address of the device it came in on (iif), and route it.
 */
void
ip_icmp_error(unsigned int lcore, struct ip_ns *in, struct rte_mbuf *m,
	      uint8_t type, uint8_t code, uint32_t info, int iif)
{
	const size_t eh = sizeof(struct rte_ether_hdr);
	struct rte_ipv4_hdr *oip = rte_pktmbuf_mtod_offset(m,
		struct rte_ipv4_hdr *, eh);
	uint32_t osrc = rte_be_to_cpu_32(oip->src_addr);
	uint32_t odst = rte_be_to_cpu_32(oip->dst_addr);
	size_t ohl = rte_ipv4_hdr_len(oip), keep, hl = sizeof(*oip);
	struct rte_ether_hdr *eth;
	struct rte_ipv4_hdr *ip;
	struct rte_icmp_hdr *icmp;
	unsigned int limit;
	uint8_t opt[40];
	bool apply;
	uint32_t saddr;
	char *p;
	int ol;

	/* never about: non-first fragments, martian sources, ICMP errors */
	if ((oip->fragment_offset & RTE_BE16(RTE_IPV4_HDR_OFFSET_MASK)) ||
	    osrc == 0 || ipv4_is_multicast(osrc) || ipv4_is_lbcast(osrc) ||
	    ipv4_is_zeronet(osrc)) {
		rte_pktmbuf_free(m);
		return;
	}
	if (oip->next_proto_id == IPPROTO_ICMP &&
	    rte_pktmbuf_data_len(m) >= eh + ohl + 1 &&
	    icmp_is_error(*rte_pktmbuf_mtod_offset(m, uint8_t *, eh + ohl))) {
		rte_pktmbuf_free(m);
		return;
	}
	/* nor about a frame to a broadcast or multicast MAC, nor about a
	 * packet to a broadcast or multicast address (RTCF_BROADCAST) */
	if (pkt_not_host(m) || pkt_brd(m) || ipv4_is_lbcast(odst) ||
	    ipv4_is_multicast(odst)) {
		rte_pktmbuf_free(m);
		return;
	}
	/* path MTU discovery is never limited (icmpv4_mask_allow) */
	limit = rate_allow_global(lcore, in, type == ICMP_DEST_UNREACH &&
				  code == 4 ? 32 : type, pkt_from_host(m, iif),
				  &apply);
	if (limit != 0) {
		drop(in, lcore, limit, m);
		return;
	}
	if (iif == SN_LOOPBACK_IFINDEX || addr4_is_local(in, odst)) {
		/* RTCF_LOCAL: from the address it was sent to (iif lo is
		 * local delivery, a local route's whole range included) */
		saddr = odst;
	} else {
		/* icmp_errors_use_inbound_ifaddr 0: the source the route
		 * back to the sender gives (icmp_route_lookup: its preferred
		 * source, else an address of its device near its next hop) */
		saddr = route_back_src4(in, osrc);
	}
	if (saddr == 0) {
		drop(in, lcore, SN_IP_out_no_route, m);
		return;
	}
	/* __ip_options_echo: the error carries the packet's record route and
	 * timestamp back (not a parameter problem's, about options that
	 * failed their check); no room for the error's own entry, no error */
	if (unlikely(ohl > sizeof(*oip)) && type != 12) {
		if ((ol = icmp_error_opts(in, oip, ohl, iif, opt)) < 0) {
			rte_pktmbuf_free(m);
			return;
		}
		hl += (size_t)ol;
	}
	limit = rate_allow_peer(lcore, in, &oip->src_addr, 4, apply,
				addr4_is_local(in, osrc) ||
				ipv4_is_loopback(osrc));
	if (limit != 0) {
		drop(in, lcore, limit, m);
		return;
	}

	/* keep the first segment, at most 576 bytes in all */
	first_segment_only(m);
	keep = RTE_MIN((size_t)rte_be_to_cpu_16(oip->total_length),
		       (size_t)rte_pktmbuf_data_len(m) - eh);
	keep = RTE_MIN(keep, (size_t)ICMP_ERR_MAX - hl - sizeof(*icmp));
	rte_pktmbuf_trim(m, rte_pktmbuf_pkt_len(m) - eh - keep);
	p = rte_pktmbuf_prepend(m, (uint16_t)(hl + sizeof(*icmp)));
	if (p == NULL) {
		drop(in, lcore, SN_IP_out_no_route, m);
		return;
	}
	eth = (struct rte_ether_hdr *)p;
	memset(eth, 0, eh);
	eth->ether_type = RTE_BE16(RTE_ETHER_TYPE_IPV4);
	ip = (struct rte_ipv4_hdr *)(eth + 1);
	icmp = (struct rte_icmp_hdr *)((char *)ip + hl);
	memset(ip, 0, sizeof(*ip));
	ip->version_ihl = (uint8_t)(0x40 | (hl >> 2));
	/* RT_TOS(tos) | IPTOS_PREC_INTERNETCONTROL */
	ip->type_of_service = (oip->type_of_service & 0x1e) | 0xc0;
	ip->total_length = rte_cpu_to_be_16(hl + sizeof(*icmp) + keep);
	ip->packet_id = rte_cpu_to_be_16(lcores[lcore]->ip_id++);
	ip->time_to_live = IP_TTL_DEFAULT;
	ip->next_proto_id = IPPROTO_ICMP;
	ip->src_addr = rte_cpu_to_be_32(saddr);
	ip->dst_addr = rte_cpu_to_be_32(osrc);
	if (hl > sizeof(*ip)) {
		/* ip_options_build: the error records its own source */
		memcpy(ip + 1, opt, hl - sizeof(*ip));
		ip_options_record(in, ip, hl, saddr, saddr, false);
	}
	ip->hdr_checksum = rte_ipv4_cksum(ip);
	icmp->icmp_type = type;
	icmp->icmp_code = code;
	icmp->icmp_cksum = 0;
	/* rest of header (info, 32 bits): the next-hop MTU (frag needed),
	 * the pointer in the top byte (parameter problem), or 0 */
	icmp->icmp_ident = rte_cpu_to_be_16((uint16_t)(info >> 16));
	icmp->icmp_seq_nb = rte_cpu_to_be_16((uint16_t)info);
	icmp->icmp_cksum = ~rte_raw_cksum(icmp, sizeof(*icmp) + keep);
	pkt_flags_reset(m, 0);
	cnt(in, lcore, SN_IP_icmp_out_errors);
	ip_output(lcore, in, m);
}

/* ---------------------------------------------------------------------- */
/* Local delivery: what comes back from lo (ip_local_deliver).             */

#define ICMP_TIMESTAMP		13
#define ICMP_TIMESTAMPREPLY	14
#define ICMP_TS_LEN		20	/* header and three times */

/*
 * A timestamp request made its reply in place (icmp_timestamp): receive
 * and transmit times are inet_current_timestamp's, milliseconds since
 * midnight UT (the vDSO's clock, no system call), the originate time
 * kept; the checksum over the 20 bytes.
 */
static void
icmp_timestamp_fill(struct rte_icmp_hdr *icmp)
{
	uint8_t *p = (uint8_t *)icmp;
	uint32_t ms = ip_ms_today();

	icmp->icmp_type = ICMP_TIMESTAMPREPLY;
	icmp->icmp_code = 0;
	memcpy(p + 12, &ms, 4);
	memcpy(p + 16, &ms, 4);
	icmp->icmp_cksum = 0;
	icmp->icmp_cksum = (uint16_t)~rte_raw_cksum(p, ICMP_TS_LEN);
}

static void
icmp_rcv(unsigned int lcore, struct ip_ns *in, struct rte_mbuf *m,
	 struct rte_ipv4_hdr *ip, size_t hl)
{
	size_t len = rte_be_to_cpu_16(ip->total_length) - hl;
	struct rte_icmp_hdr *icmp = (struct rte_icmp_hdr *)((char *)ip + hl);
	bool ts;
	uint32_t a;

	if (len < sizeof(*icmp) || rte_pktmbuf_data_len(m) <
	    sizeof(struct rte_ether_hdr) + hl + sizeof(*icmp) ||
	    pkt_cksum(m, sizeof(struct rte_ether_hdr) + hl, len) != 0xffff) {
		drop(in, lcore, SN_IP_icmp_in_errors, m);
		return;
	}
	cnt(in, lcore, SN_IP_icmp_in_msgs);
	switch (icmp->icmp_type) {
	case ICMP_TIMESTAMP:
	case RTE_IP_ICMP_ECHO_REQUEST:
		ts = icmp->icmp_type == ICMP_TIMESTAMP;
		cnt(in, lcore, ts ? SN_IP_icmp_in_timestamps :
		    SN_IP_icmp_in_echos);
		if ((!ts && in->echo_ignore_all) ||
		    (pkt_brd(m) && in->echo_ignore_bcast)) {
			drop(in, lcore, SN_IP_icmp_echo_ignored, m);
			return;
		}
		if (ts) {
			/* icmp_timestamp: the originate time, then ours
			 * twice; 20 bytes whatever came */
			if (len < sizeof(*icmp) + 4 ||
			    rte_pktmbuf_data_len(m) < sizeof(struct
			    rte_ether_hdr) + hl + sizeof(*icmp) + 4) {
				drop(in, lcore, SN_IP_icmp_in_errors, m);
				return;
			}
			if (len > ICMP_TS_LEN)
				pkt_trim(m, sizeof(struct rte_ether_hdr) + hl +
					 ICMP_TS_LEN);
			else if (len < ICMP_TS_LEN &&
				 rte_pktmbuf_append(m, (uint16_t)
					(ICMP_TS_LEN - len)) == NULL) {
				drop(in, lcore, SN_IP_out_no_route, m);
				return;
			}
			len = ICMP_TS_LEN;
			if (rte_pktmbuf_data_len(m) < sizeof(struct
			    rte_ether_hdr) + hl + len) {	/* chained */
				drop(in, lcore, SN_IP_icmp_in_errors, m);
				return;
			}
			ip->total_length = rte_cpu_to_be_16(hl + len);
			icmp_timestamp_fill(icmp);
		} else {
			/* icmp_reply: from the address asked, back to the
			 * asker */
			icmp->icmp_type = RTE_IP_ICMP_ECHO_REPLY;
			icmp->icmp_cksum = csum_replace16(icmp->icmp_cksum,
				RTE_BE16(RTE_IP_ICMP_ECHO_REQUEST << 8),
				RTE_BE16(RTE_IP_ICMP_ECHO_REPLY << 8));
		}
		if (hl > sizeof(*ip)) {
			/* ip_options_echo: record route and timestamp go
			 * back; the headers slide up over what does not */
			uint8_t opt[40];
			int ol = ip_options_echo(ip, hl, opt);
			size_t nhl;

			if (ol < 0) {	/* no room for the reply's entry */
				drop(in, lcore, SN_IP_ip_bad_options, m);
				return;
			}
			nhl = sizeof(*ip) + (size_t)ol;
			if (nhl < hl) {
				memmove((char *)ip + hl - nhl -
					sizeof(struct rte_ether_hdr),
					(char *)ip - sizeof(struct rte_ether_hdr),
					sizeof(struct rte_ether_hdr) +
					sizeof(*ip));
				rte_pktmbuf_adj(m, (uint16_t)(hl - nhl));
				ip = pkt_ip4(m);
			}
			memcpy(ip + 1, opt, (size_t)ol);
			hl = nhl;
			ip->version_ihl = (uint8_t)(0x40 | (hl >> 2));
			ip->total_length = rte_cpu_to_be_16(hl + len);
		}
		a = ip->src_addr;
		if (!pkt_brd(m)) {
			ip->src_addr = ip->dst_addr;	/* RTN_LOCAL */
		} else {
			/* to a broadcast: from an address of ours
			 * (fib_compute_spec_dst), the asker's subnet's */
			const struct ip_addr4 *sa = ip_addr4_on(in, 0,
						rte_be_to_cpu_32(a));

			if (sa == NULL) {
				drop(in, lcore, SN_IP_out_no_route, m);
				return;
			}
			ip->src_addr = rte_cpu_to_be_32(sa->addr);
		}
		ip->dst_addr = a;
		ip->time_to_live = IP_TTL_DEFAULT;
		ip->fragment_offset = 0;
		ip->packet_id = rte_cpu_to_be_16(lcores[lcore]->ip_id++);
		/* ip_options_build: the reply records its source */
		if (hl > sizeof(*ip))
			ip_options_record(in, ip, hl,
					  rte_be_to_cpu_32(ip->src_addr),
					  rte_be_to_cpu_32(ip->src_addr), false);
		ip->hdr_checksum = 0;
		ip->hdr_checksum = rte_ipv4_cksum(ip);
		cnt(in, lcore, ts ? SN_IP_icmp_out_timestamp_reps :
		    SN_IP_icmp_out_echo_reps);
		ip_output(lcore, in, m);
		return;
	case RTE_IP_ICMP_ECHO_REPLY:
		drop(in, lcore, SN_IP_icmp_in_echo_reps, m);
		return;
	default:
		rte_pktmbuf_free(m);
		return;
	}
}

/* The sink bound to a datagram's port, which counts it; or NULL, for the
 * caller to count (no port, or for a broadcast or multicast datagram
 * __udp4_lib_mcast_deliver's UDP_MIB_IGNOREDMULTI). Both families. */
static inline struct udp_sock *
udp_sink(unsigned int lcore, struct ip_ns *in, const struct rte_udp_hdr *udp,
	 uint16_t ulen)
{
	uint8_t slot = __atomic_load_n(&in->udp_idx[rte_be_to_cpu_16(
					       udp->dst_port)],
				       __ATOMIC_ACQUIRE);
	struct udp_sock *sk = slot != 0 ?
		__atomic_load_n(&in->socks[slot], __ATOMIC_ACQUIRE) : NULL;

	if (sk == NULL)
		return NULL;
	cnt(in, lcore, SN_IP_udp_in_datagrams);
	sk->lc[lcore].pkts++;
	sk->lc[lcore].bytes += ulen - sizeof(*udp);
	return sk;
}

static void
udp_rcv(unsigned int lcore, struct ip_ns *in, struct rte_mbuf *m,
	struct rte_ipv4_hdr *ip, size_t hl)
{
	size_t len = rte_be_to_cpu_16(ip->total_length) - hl;
	struct rte_udp_hdr *udp = (struct rte_udp_hdr *)((char *)ip + hl);
	struct udp_sock *sk;
	uint16_t ulen, port;
	uint32_t a;

	if (len < sizeof(*udp) || rte_pktmbuf_data_len(m) <
	    sizeof(struct rte_ether_hdr) + hl + sizeof(*udp)) {
		drop(in, lcore, SN_IP_udp_in_errors, m);
		return;
	}
	ulen = rte_be_to_cpu_16(udp->dgram_len);
	if (ulen < sizeof(*udp) || ulen > len) {
		drop(in, lcore, SN_IP_udp_in_errors, m);
		return;
	}
	if (unlikely(ulen < len))	/* __udp4_lib_rcv: the rest is not UDP */
		pkt_trim(m, sizeof(struct rte_ether_hdr) + hl + ulen);
	if (udp->dgram_cksum != 0 &&
	    (m->ol_flags & RTE_MBUF_F_RX_L4_CKSUM_MASK) !=
	    RTE_MBUF_F_RX_L4_CKSUM_GOOD &&
	    !l4_cksum_ok(m, sizeof(struct rte_ether_hdr) + hl, ulen,
			 phdr4_sum(ip, ulen))) {
		drop(in, lcore, SN_IP_udp_csum_errors, m);
		return;
	}
	sk = udp_sink(lcore, in, udp, ulen);
	if (sk == NULL) {
		if (pkt_brd(m) ||
		    ipv4_is_multicast(rte_be_to_cpu_32(ip->dst_addr))) {
			drop(in, lcore, SN_IP_udp_ignored_multi, m);
			return;
		}
		cnt(in, lcore, SN_IP_udp_no_ports);
		ip_icmp_error(lcore, in, m, ICMP_DEST_UNREACH, 3, 0,
			      SN_LOOPBACK_IFINDEX);
		return;
	}
	if (!sk->echo || pkt_brd(m)) {
		consume(lcore, m);
		return;
	}
	/* echo: the datagram goes back where it came from */
	a = ip->src_addr;
	ip->src_addr = ip->dst_addr;
	ip->dst_addr = a;
	port = udp->src_port;
	udp->src_port = udp->dst_port;
	udp->dst_port = port;
	ip->time_to_live = IP_TTL_DEFAULT;
	ip->total_length = rte_cpu_to_be_16(hl + ulen);
	ip->hdr_checksum = 0;
	ip->hdr_checksum = rte_ipv4_cksum(ip);
	cnt(in, lcore, SN_IP_udp_out_datagrams);
	ip_output(lcore, in, m);
}

/* A packet that came back from lo: delivered, no lookup (L7). */
static void
local_deliver(unsigned int lcore, struct ip_ns *in, struct rte_mbuf *m,
	      struct rte_ipv4_hdr *ip, size_t hl)
{
	if (ip->fragment_offset &
	    RTE_BE16(RTE_IPV4_HDR_MF_FLAG | RTE_IPV4_HDR_OFFSET_MASK)) {
		drop(in, lcore, SN_IP_ip_frag_dropped, m);
		return;
	}
	cnt(in, lcore, SN_IP_in_delivers);
	switch (ip->next_proto_id) {
	case IPPROTO_ICMP:
		icmp_rcv(lcore, in, m, ip, hl);
		return;
	case IPPROTO_UDP:
		udp_rcv(lcore, in, m, ip, hl);
		return;
	case IPPROTO_TCP:
		/* no TCP here: Linux would answer with a RST */
		drop(in, lcore, SN_IP_unknown_proto, m);
		return;
	default:
		cnt(in, lcore, SN_IP_unknown_proto);
		ip_icmp_error(lcore, in, m, ICMP_DEST_UNREACH, 2, 0,
			      SN_LOOPBACK_IFINDEX);
		return;
	}
}

/* ---------------------------------------------------------------------- */
/* Forwarding (ip_forward).                                                */

static void
ip_forward(unsigned int lcore, struct ip_ns *in, struct rte_mbuf *m,
	   const struct sn_fib_result *res, uint32_t dst, int iif)
{
	struct rte_ipv4_hdr *ip = rte_pktmbuf_mtod_offset(m,
		struct rte_ipv4_hdr *, sizeof(struct rte_ether_hdr));
	uint16_t len = rte_be_to_cpu_16(ip->total_length);
	uint32_t check;

	if (unlikely(pkt_not_host(m))) {
		drop(in, lcore, SN_IP_fwd_not_host, m);
		return;
	}
	if (ip->time_to_live <= 1) {
		cnt(in, lcore, SN_IP_ttl_exceeded);
		ip_icmp_error(lcore, in, m, 11, 0, 0, iif);
		return;
	}
	if (!port_valid(res->port)) {
		drop(in, lcore, SN_IP_out_no_route, m);
		return;
	}
	if (unlikely(len > ip_ports[res->port].mtu)) {
		if (ip->fragment_offset & RTE_BE16(RTE_IPV4_HDR_DF_FLAG)) {
			cnt(in, lcore, SN_IP_frag_needed);
			ip_icmp_error(lcore, in, m, ICMP_DEST_UNREACH,
				      4, ip_ports[res->port].mtu, iif);
		} else {
			drop(in, lcore, SN_IP_frag_fails, m);
		}
		return;
	}
	if (unlikely(rte_ipv4_hdr_len(ip) > sizeof(*ip))) {
		/* record route: the outgoing address (ip_forward_options);
		 * timestamp: the one toward the sender, as input wrote it
		 * (fib_compute_spec_dst); then the whole checksum */
		ip_options_record(in, ip, rte_ipv4_hdr_len(ip),
				  route_src4(in, res, dst),
				  route_back_src4(in, rte_be_to_cpu_32(
					ip->src_addr)), true);
		ip->time_to_live--;
		ip->hdr_checksum = 0;
		ip->hdr_checksum = rte_ipv4_cksum(ip);
	} else {
		/* ip_decrease_ttl: incremental checksum (RFC 1624) */
		check = ip->hdr_checksum;
		check += RTE_BE16(0x0100);
		ip->hdr_checksum = (uint16_t)(check + (check >= 0xffff));
		ip->time_to_live--;
	}
	cnt(in, lcore, SN_IP_forwarded);
	neigh_output(lcore, in, m, res->port, res->gw != 0 ? res->gw : dst);
}

/* ---------------------------------------------------------------------- */
/* ARP (arp_process), answered on the worker; learning goes to control.   */

static void
arp_rcv(unsigned int lcore, struct ip_ns *in, struct rte_mbuf *m,
	uint16_t port)
{
	struct rte_ether_hdr *eth = rte_pktmbuf_mtod(m, struct rte_ether_hdr *);
	struct rte_arp_hdr *arp = (struct rte_arp_hdr *)(eth + 1);
	struct rte_arp_ipv4 *a = &arp->arp_data;
	uint32_t sip, tip;
	struct ip_msg msg;
	uint16_t op;

	if (rte_pktmbuf_data_len(m) < sizeof(*eth) + sizeof(*arp) ||
	    (arp->arp_hardware != RTE_BE16(RTE_ARP_HRD_ETHER) &&
	     arp->arp_hardware != RTE_BE16(6)) ||	/* ARPHRD_IEEE802 */
	    arp->arp_protocol != RTE_BE16(RTE_ETHER_TYPE_IPV4) ||
	    arp->arp_hlen != RTE_ETHER_ADDR_LEN || arp->arp_plen != 4) {
		drop(in, lcore, SN_IP_arp_invalid, m);
		return;
	}
	op = rte_be_to_cpu_16(arp->arp_opcode);
	sip = rte_be_to_cpu_32(a->arp_sip);
	tip = rte_be_to_cpu_32(a->arp_tip);
	/* arp_process: the target checked, the sender by the input route
	 * (a group or loopback source is a martian); its hardware address
	 * is taken as given, a group's too */
	if ((op != RTE_ARP_OP_REQUEST && op != RTE_ARP_OP_REPLY) ||
	    ipv4_is_multicast(tip) || ipv4_is_loopback(tip) ||
	    ipv4_is_multicast(sip) || ipv4_is_loopback(sip)) {
		drop(in, lcore, SN_IP_arp_invalid, m);
		return;
	}
	memset(&msg, 0, sizeof(msg));
	nh_key4(&msg.key, sip, port);
	rte_ether_addr_copy(&a->arp_sha, &msg.mac);
	cnt(in, lcore, op == RTE_ARP_OP_REPLY ? SN_IP_arp_in_replies :
	    SN_IP_arp_in_requests);
	/* one of our addresses as the sender: fib_validate_source fails,
	 * no answer and no entry (R9) */
	if (sip != 0 && !in->accept_local && addr4_is_local(in, sip)) {
		drop(in, lcore, SN_IP_local_src, m);
		return;
	}
	if (op == RTE_ARP_OP_REPLY) {
		/* a reply to us asserts reachability, a broadcast one not */
		msg.kind = pkt_not_host(m) ? IP_MSG_SEEN : IP_MSG_UPDATE;
		if (sip != 0)
			ctl_send(in, &msg);
		rte_pktmbuf_free(m);
		return;
	}
	/* arp_ignore 0: answer for any local address of the namespace, a
	 * gratuitous request (sip == tip) too: its sender is ours, which
	 * only accept_local lets this far, and Linux's arp_process then
	 * answers it (drop_gratuitous_arp, 0 by default, aside) */
	if (!addr4_is_local(in, tip)) {
		msg.kind = IP_MSG_SEEN;
		if (sip != 0)
			ctl_send(in, &msg);
		rte_pktmbuf_free(m);
		return;
	}
	/* neigh_event_ns: a request for us creates the sender's entry */
	if (sip != 0) {
		msg.kind = IP_MSG_LEARN;
		ctl_send(in, &msg);
	}
	/* arp_send(ARPOP_REPLY, ..., dest_hw = sha): a new 42-byte frame
	 * to the sender's hardware address */
	arp->arp_opcode = RTE_BE16(RTE_ARP_OP_REPLY);
	rte_ether_addr_copy(&a->arp_sha, &a->arp_tha);
	a->arp_tip = a->arp_sip;
	rte_ether_addr_copy(&ip_ports[port].mac, &a->arp_sha);
	a->arp_sip = rte_cpu_to_be_32(tip);
	rte_ether_addr_copy(&a->arp_tha, &eth->dst_addr);
	rte_ether_addr_copy(&ip_ports[port].mac, &eth->src_addr);
	arp->arp_hardware = RTE_BE16(RTE_ARP_HRD_ETHER);
	pkt_trim(m, sizeof(*eth) + sizeof(*arp));
	cnt(in, lcore, SN_IP_arp_out_replies);
	ip_tx(lcore, port, m);
}

/* ---------------------------------------------------------------------- */
/* IPv6 (§5): input, neighbour discovery, local delivery, forwarding.     */

#define ICMP6_DST_UNREACH	1
#define ICMP6_PACKET_TOO_BIG	2
#define ICMP6_TIME_EXCEEDED	3
#define ICMP6_PARAM_PROB	4
#define ICMP6_ECHO_REQUEST	128
#define ICMP6_ECHO_REPLY	129
#define ND_NEIGHBOR_SOLICIT	135
#define ND_NEIGHBOR_ADVERT	136
#define IP6_MIN_MTU		1280

static const uint8_t in6_loopback[16] = { [15] = 1 };

static inline bool
ip6_is_multicast(const uint8_t *a)
{
	return a[0] == 0xff;
}

static inline bool
ip6_is_any(const uint8_t *a)
{
	static const uint8_t any[16];

	return memcmp(a, any, 16) == 0;
}

static inline bool
addr6_is_local(const struct ip_ns *in, const uint8_t *a)
{
	const struct ip_addr_set *s = addrs_of(in);
	unsigned int i;

	for (i = 0; i < s->n6; i++)
		if (memcmp(s->a6[i].addr, a, 16) == 0)
			return true;
	return false;
}

const struct ip_addr6 *
ip_addr6_find(const struct ip_ns *in, int ifindex, const uint8_t *a)
{
	const struct ip_addr_set *s = addrs_of(in);
	unsigned int i;

	for (i = 0; i < s->n6; i++)
		if (s->a6[i].ifindex == ifindex &&
		    memcmp(s->a6[i].addr, a, 16) == 0)
			return &s->a6[i];
	return NULL;
}

/* An IPv6 address of ifindex, a global one first. */
const struct ip_addr6 *
ip_addr6_on(const struct ip_ns *in, int ifindex, const uint8_t *peer)
{
	const struct ip_addr_set *s = addrs_of(in);
	const struct ip_addr6 *other = NULL;
	bool want_ll = peer != NULL && sn_ip6_is_linklocal(peer);
	unsigned int i;

	/* the scope of the peer first (RFC 6724's rule 2): link-local to
	 * a link-local peer, else a global one */
	for (i = 0; i < s->n6; i++) {
		if (s->a6[i].ifindex != ifindex)
			continue;
		if (sn_ip6_is_linklocal(s->a6[i].addr) == want_ll)
			return &s->a6[i];
		if (other == NULL)
			other = &s->a6[i];
	}
	return other;
}

/* The device the namespace's route to dst leaves by (0: none); ::1 and
 * local addresses leave by lo. */
static int
ip6_oif(const struct ip_ns *in, const uint8_t *dst)
{
	const struct sn_fib6_result *res;

	sn_route6_lookup_bulk_ref_from(in->ns,
				       (const uint8_t (*)[16])dst, NULL,
				       SN_LOOPBACK_IFINDEX, &res, 1);
	if (res->type == SN_RTN_LOCAL)
		return SN_LOOPBACK_IFINDEX;
	return res->type == SN_RTN_UNICAST ? res->oif : 0;
}

/*
 * ipv6_dev_get_saddr, by RFC 6724's rules 1 (the destination itself),
 * 2 (the smallest scope that reaches the destination's, else the
 * largest), 5 (an address of the outgoing device) and 8 (the longest
 * common prefix). For a multicast or link-local destination only the
 * outgoing device's addresses are candidates. NULL if none.
 */
const uint8_t *
ip6_saddr(const struct ip_ns *in, const uint8_t *dst, int oif)
{
	const struct ip_addr_set *s = addrs_of(in);
	bool oif_only = ip6_is_multicast(dst) || sn_ip6_scope(dst) <= 2;
	const uint8_t *best = NULL, *a;
	unsigned int i, key, best_key = 0;
	int best_if = 0;

	for (i = 0; i < s->n6; i++) {
		a = s->a6[i].addr;
		if (oif_only && s->a6[i].ifindex != oif)
			continue;
		if (memcmp(a, dst, 16) == 0)
			return a;
		if (sn_ip6_scope(a) == 1)	/* ::1 leaves by lo only */
			continue;
		key = sn_ip6_saddr_key(a, s->a6[i].plen, s->a6[i].ifindex,
					       dst, oif);
		if (best == NULL ||
		    sn_ip6_saddr_wins(key, s->a6[i].ifindex, best_key,
				      best_if)) {
			best = a;
			best_key = key;
			best_if = s->a6[i].ifindex;
		}
	}
	return best;
}

/* An IPv6 packet from port for local delivery, through lo: it keeps the
 * port it came in by (icmp6_iif), for its answers to a link-local peer to
 * leave by that link. */
static inline void
lo_output6(unsigned int lcore, struct ip_ns *in, struct rte_mbuf *m,
	   uint16_t port, bool group)
{
	lo_frame(m, true, RTE_BE16(RTE_ETHER_TYPE_IPV6));
	m->ol_flags |= iif_flag | (group ? brd_flag : 0);
	*RTE_MBUF_DYNFIELD(m, iif_off, uint16_t *) = port;
	cnt(in, lcore, SN_IP_lo_tx);
	ip_tx_inline(lcore, sn_netns_lo_port(in->ns), m);
}

/* The device a packet came in by (icmp6_iif: kept through lo for every
 * IPv6 local delivery), else the one the route back to peer leaves by. */
static int
ip6_back_oif(const struct ip_ns *in, const struct rte_mbuf *m,
	     const uint8_t *peer)
{
	uint16_t port;

	if (pkt_iif(m, &port) && sn_netns_of_port(port) == in->ns)
		return sn_netns_ifindex_of_port(port);
	return ip6_oif(in, peer);
}

/*
 * is_ineligible: whether m is an ICMPv6 error (a type below 128) behind
 * its extension headers, walked as ipv6_skip_exthdr walks them (AH by its
 * own length; a fragment that is not the first ends the walk: eligible);
 * a type that cannot be read counts as one, but in a fragment.
 */
static bool
ip6_icmp_ineligible(const struct rte_mbuf *m)
{
	const uint32_t l3 = sizeof(struct rte_ether_hdr);
	uint8_t b[4];
	const uint8_t *h;
	uint32_t off = 40;
	uint16_t frag = 0;
	uint8_t nh = rte_pktmbuf_mtod_offset(m, const struct rte_ipv6_hdr *,
					     l3)->proto;

	while (nh == IPPROTO_HOPOPTS || nh == IPPROTO_DSTOPTS ||
	       nh == IPPROTO_ROUTING || nh == IPPROTO_FRAGMENT ||
	       nh == IPPROTO_AH) {
		h = rte_pktmbuf_read(m, l3 + off, sizeof(b), b);
		if (h == NULL)
			return false;
		if (nh == IPPROTO_FRAGMENT) {
			frag = (uint16_t)(h[2] << 8 | h[3]);
			if (frag & 0xfff8)
				return false;	/* not the first */
			off += 8;
		} else if (nh == IPPROTO_AH) {
			off += ((uint32_t)h[1] + 2) * 4;
		} else {
			off += ((uint32_t)h[1] + 1) * 8;
		}
		nh = h[0];
	}
	if (nh != IPPROTO_ICMPV6)
		return false;
	h = rte_pktmbuf_read(m, l3 + off, 1, b);
	if (h == NULL)
		return frag == 0;
	return h[0] < 128;
}

static inline uint16_t
icmp6_cksum(const struct rte_ipv6_hdr *ip6, const void *l4)
{
	return rte_ipv6_udptcp_cksum(ip6, l4);
}

/*
 * An NS (135) or NA (136) in m, from scratch; with lladdr, our MAC as the
 * link-layer option (source for NS, target for NA).
 */
int
ip6_nd_fill(struct rte_mbuf *m, uint16_t port, const uint8_t *src,
	    const uint8_t *dst, const struct rte_ether_addr *dmac,
	    uint8_t type, uint32_t flags, const uint8_t *target, bool lladdr)
{
	const size_t len = sizeof(struct rte_ether_hdr) +
			   sizeof(struct rte_ipv6_hdr) + 8 + 16 +
			   (lladdr ? 8 : 0);
	struct rte_ether_hdr *eth;
	struct rte_ipv6_hdr *ip6;
	uint8_t *icmp;

	if (m->next != NULL) {	/* a solicitation's tail: not ours to keep */
		rte_pktmbuf_free(m->next);
		m->next = NULL;
	}
	rte_pktmbuf_reset(m);
	eth = (struct rte_ether_hdr *)rte_pktmbuf_append(m, len);
	if (eth == NULL)
		return -ENOSPC;
	memset(eth, 0, len);
	rte_ether_addr_copy(dmac, &eth->dst_addr);
	rte_ether_addr_copy(&ip_ports[port].mac, &eth->src_addr);
	eth->ether_type = RTE_BE16(RTE_ETHER_TYPE_IPV6);
	ip6 = (struct rte_ipv6_hdr *)(eth + 1);
	ip6->vtc_flow = RTE_BE32(0x60000000);
	ip6->payload_len = rte_cpu_to_be_16(8 + 16 + (lladdr ? 8 : 0));
	ip6->proto = IPPROTO_ICMPV6;
	ip6->hop_limits = 255;
	memcpy(ip6->src_addr, src, 16);
	memcpy(ip6->dst_addr, dst, 16);
	icmp = (uint8_t *)(ip6 + 1);
	icmp[0] = type;
	flags = rte_cpu_to_be_32(flags);
	memcpy(icmp + 4, &flags, sizeof(flags));	/* maybe unaligned */
	memcpy(icmp + 8, target, 16);
	if (lladdr) {
		icmp[24] = type == ND_NEIGHBOR_SOLICIT ? 1 : 2;	/* S/TLLAO */
		icmp[25] = 1;
		memcpy(icmp + 26, ip_ports[port].mac.addr_bytes, 6);
	}
	*(uint16_t *)(icmp + 2) = icmp6_cksum(ip6, icmp);
	m->port = port;
	return 0;
}

static inline void
neigh6_output(unsigned int lcore, struct ip_ns *in, struct rte_mbuf *m,
	      const struct sn_fib6_result *res, const uint8_t *dst)
{
	struct nh_key key;

	nh_key6(&key, ip6_is_any(res->gw) ? dst : res->gw, res->port);
	neigh_output_key(lcore, in, m, &key);
}

/* ip6_local_out: route a complete locally generated packet. */
static void
ip6_output(unsigned int lcore, struct ip_ns *in, struct rte_mbuf *m)
{
	struct rte_ipv6_hdr *ip6 = rte_pktmbuf_mtod_offset(m,
		struct rte_ipv6_hdr *, sizeof(struct rte_ether_hdr));
	const struct sn_fib6_result *res;
	struct sn_fib6_result via;
	bool have_via = pkt_iif(m, &via.port);

	m->ol_flags &= ~(not_host_flag | brd_flag | iif_flag); /* ip_output */
	cnt(in, lcore, SN_IP_out_requests);
	if (have_via && sn_ip6_is_linklocal(ip6->dst_addr)) {
		/* an answer to a group's link-local sender: flowi6_oif, the
		 * link it came from */
		if (port_valid(via.port) &&
		    sn_netns_of_port(via.port) == in->ns &&
		    rte_pktmbuf_pkt_len(m) - sizeof(struct rte_ether_hdr) <=
		    ip_ports[via.port].mtu) {
			memset(via.gw, 0, sizeof(via.gw));
			neigh6_output(lcore, in, m, &via, ip6->dst_addr);
			return;
		}
		drop(in, lcore, SN_IP_out_no_route, m);
		return;
	}
	sn_route6_lookup_bulk_ref_from(in->ns,
				       (const uint8_t (*)[16])ip6->dst_addr,
				       (const uint8_t (*)[16])ip6->src_addr,
				       SN_LOOPBACK_IFINDEX, &res, 1);
	switch (res->type) {
	case SN_RTN_LOCAL:
		lo_output(lcore, in, m, false, RTE_BE16(RTE_ETHER_TYPE_IPV6),
			  false);
		return;
	case SN_RTN_UNICAST:
		/* by lo: a reject route (ip6_pkt_discard_out) */
		if (!sn_fib6_by_lo(res) && port_valid(res->port) &&
		    rte_pktmbuf_pkt_len(m) - sizeof(struct rte_ether_hdr) <=
		    ip_ports[res->port].mtu) {
			neigh6_output(lcore, in, m, res, ip6->dst_addr);
			return;
		}
		break;
	default:
		break;
	}
	drop(in, lcore, SN_IP_out_no_route, m);
}

/* icmp6_send: the error about m, at most 1280 bytes, rate limited. */
void
ip6_icmp_error(unsigned int lcore, struct ip_ns *in, struct rte_mbuf *m,
	       uint8_t type, uint8_t code, uint32_t info, int iif)
{
	const size_t eh = sizeof(struct rte_ether_hdr), h6 = 40;
	struct rte_ipv6_hdr *oip = rte_pktmbuf_mtod_offset(m,
		struct rte_ipv6_hdr *, eh);
	uint8_t osrc[16], odst[16], ssrc[16], *icmp;
	const uint8_t *src;
	struct rte_ether_hdr *eth;
	bool have_via;
	uint16_t via;
	struct rte_ipv6_hdr *ip6;
	unsigned int limit;
	bool apply;
	size_t keep;

	memcpy(osrc, oip->src_addr, 16);
	memcpy(odst, oip->dst_addr, 16);
	/* a packet to a group came in by its port (icmp6_iif) */
	have_via = pkt_iif(m, &via) && sn_netns_of_port(via) == in->ns;
	if (have_via)
		iif = sn_netns_ifindex_of_port(via);
	/* never about: multicast or unspecified sources, ICMPv6 errors */
	if (ip6_is_multicast(osrc) || ip6_is_any(osrc) ||
	    ip6_icmp_ineligible(m)) {
		rte_pktmbuf_free(m);
		return;
	}
	/* nor about a packet to a multicast address or MAC, but for
	 * packet too big (path MTU discovery works for multicast too) and
	 * an unknown option whose type says so (opt_unrec) */
	if ((ip6_is_multicast(odst) || pkt_not_host(m)) &&
	    type != ICMP6_PACKET_TOO_BIG &&
	    !(type == ICMP6_PARAM_PROB && code == 2 &&
	      rte_pktmbuf_data_len(m) > eh + info &&
	      (*rte_pktmbuf_mtod_offset(m, uint8_t *, eh + info) & 0xc0) ==
	      0x80)) {
		rte_pktmbuf_free(m);
		return;
	}
	/* icmpv6_mask_allow: packet too big is never limited (32: no
	 * IPv4 type, outside any mask) */
	limit = rate_allow_global(lcore, in, type == ICMP6_PACKET_TOO_BIG ?
				  32 : type == ICMP6_DST_UNREACH ?
				  ICMP_DEST_UNREACH : 11,
				  pkt_from_host(m, iif), &apply);
	if (limit != 0) {
		drop(in, lcore, limit, m);
		return;
	}
	/* from the destination if it is ours, else as ipv6_dev_get_saddr
	 * picks for the way back (a link-local sender's: its link) */
	if (addr6_is_local(in, odst) && !ip6_is_multicast(odst)) {
		src = odst;
	} else {
		src = ip6_saddr(in, osrc, sn_ip6_is_linklocal(osrc) ? iif :
				ip6_oif(in, osrc));
		if (src == NULL) {
			drop(in, lcore, SN_IP_out_no_route, m);
			return;
		}
	}
	memcpy(ssrc, src, 16);	/* src may point into m */
	limit = rate_allow_peer(lcore, in, osrc, 16, apply,
				addr6_is_local(in, osrc) ||
				memcmp(osrc, in6_loopback, 16) == 0);
	if (limit != 0) {
		drop(in, lcore, limit, m);
		return;
	}
	first_segment_only(m);
	keep = RTE_MIN((size_t)rte_pktmbuf_data_len(m) - eh,
		       (size_t)IP6_MIN_MTU - h6 - 8);
	rte_pktmbuf_trim(m, rte_pktmbuf_pkt_len(m) - eh - keep);
	eth = (struct rte_ether_hdr *)rte_pktmbuf_prepend(m, h6 + 8);
	if (eth == NULL) {
		drop(in, lcore, SN_IP_out_no_route, m);
		return;
	}
	memset(eth, 0, eh + h6 + 8);
	eth->ether_type = RTE_BE16(RTE_ETHER_TYPE_IPV6);
	ip6 = (struct rte_ipv6_hdr *)(eth + 1);
	ip6->vtc_flow = RTE_BE32(0x60000000);
	ip6->payload_len = rte_cpu_to_be_16(8 + keep);
	ip6->proto = IPPROTO_ICMPV6;
	ip6->hop_limits = IP_TTL_DEFAULT;
	memcpy(ip6->src_addr, ssrc, 16);
	memcpy(ip6->dst_addr, osrc, 16);
	icmp = (uint8_t *)(ip6 + 1);
	icmp[0] = type;
	icmp[1] = code;
	info = rte_cpu_to_be_32(info);
	memcpy(icmp + 4, &info, sizeof(info));	/* maybe unaligned */
	*(uint16_t *)(icmp + 2) = icmp6_cksum(ip6, icmp);
	pkt_flags_reset(m, have_via ? iif_flag : 0);	/* its dynfield stays */
	cnt(in, lcore, SN_IP_icmp6_out_errors);
	ip6_output(lcore, in, m);
}

/* An address of ifindex (ipv6_get_ifaddr with the device, strict). */
static bool
addr6_on_dev(const struct ip_ns *in, const uint8_t *a, int ifindex)
{
	const struct ip_addr_set *s = addrs_of(in);
	unsigned int i;

	for (i = 0; i < s->n6; i++)
		if (s->a6[i].ifindex == ifindex &&
		    memcmp(s->a6[i].addr, a, 16) == 0)
			return true;
	return false;
}

/* ff02::1:ffXX:XXXX, the solicited-node group of an address of ifindex;
 * with ifindex 0, of any solicited-node group. */
static bool
ip6_is_solicited_node(const struct ip_ns *in, const uint8_t *a, int ifindex)
{
	static const uint8_t sn[13] = { 0xff, 0x02, [11] = 0x01, 0xff };
	const struct ip_addr_set *s = addrs_of(in);
	unsigned int i;

	if (memcmp(a, sn, 13) != 0)
		return false;
	if (ifindex == 0)
		return true;
	for (i = 0; i < s->n6; i++)
		if (s->a6[i].ifindex == ifindex &&
		    memcmp(s->a6[i].addr + 13, a + 13, 3) == 0)
			return true;
	return false;
}

/* The lladdr of the neighbour key names if it has a valid entry (the
 * workers' lock-free read, as neigh_output_key's). */
static bool
neigh_lladdr(const struct ip_ns *in, const struct nh_key *key,
	     struct rte_ether_addr *mac)
{
	int32_t pos = rte_hash_lookup(in->nh, key);
	uint64_t v;

	if (pos < 0)
		return false;
	v = __atomic_load_n(&in->nh_val[pos], __ATOMIC_ACQUIRE);
	if (!(v & NH_VALID))
		return false;
	nh_unpack_mac(v, mac);
	return true;
}

/*
 * ndisc_rcv on a port, for an NS or NA to us or to a group: checked as
 * ndisc_recv_ns/na and ndisc_parse_options check them (else nd_invalid).
 * An NS for an address of this device is answered in place (ndisc_send_na)
 * and teaches the control thread the asker; an NA goes to the control
 * thread, which updates an existing entry by its flags (msg_na).
 */
static void
nd_rcv(unsigned int lcore, struct ip_ns *in, struct rte_mbuf *m,
       uint16_t port, struct rte_ipv6_hdr *ip6, uint8_t *icmp, size_t len)
{
	static const uint8_t all_nodes[16] = { 0xff, 0x02, [15] = 1 };
	static const struct rte_ether_addr all_nodes_mac = {
		.addr_bytes = { 0x33, 0x33, 0, 0, 0, 1 } };
	const bool ns = icmp[0] == ND_NEIGHBOR_SOLICIT;
	int ifindex = sn_netns_ifindex_of_port(port);
	uint8_t target[16], src[16];
	struct rte_ether_addr lladdr, dmac;
	bool have_ll = false, dad, inc;
	struct ip_msg msg;
	size_t off, olen;
	uint32_t flags;
	uint8_t ob[8];

	if (ip6->hop_limits != 255 || len < 24 || icmp[1] != 0 ||
	    ip6_is_multicast(icmp + 8) ||
	    !l4_cksum_ok(m, sizeof(struct rte_ether_hdr) + sizeof(*ip6), len,
			 phdr6_sum(ip6, IPPROTO_ICMPV6, len))) {
		drop(in, lcore, SN_IP_nd_invalid, m);
		return;
	}
	/* ndisc_parse_options: every option non-empty and inside; the
	 * link-layer one of the message's kind (source for NS, target for
	 * NA) is 8 bytes on Ethernet, and the first one counts. Read across
	 * segments: a long message may be chained. */
	for (off = 24; off < len; off += olen) {
		const uint32_t at = sizeof(struct rte_ether_hdr) +
				    sizeof(*ip6) + (uint32_t)off;
		const uint8_t *o = off + 8 <= len ?
				   rte_pktmbuf_read(m, at, 8, ob) : NULL;

		olen = o != NULL ? (size_t)o[1] * 8 : 0;
		if (olen == 0 || off + olen > len) {
			drop(in, lcore, SN_IP_nd_invalid, m);
			return;
		}
		if (o[0] != (ns ? 1 : 2) || have_ll)
			continue;
		if (olen != 8) {
			drop(in, lcore, SN_IP_nd_invalid, m);
			return;
		}
		memcpy(lladdr.addr_bytes, o + 2, 6);
		have_ll = true;
	}
	memcpy(target, icmp + 8, 16);
	memcpy(src, ip6->src_addr, 16);
	inc = ip6_is_multicast(ip6->dst_addr);
	memset(&msg, 0, sizeof(msg));
	if (!ns) {
		cnt(in, lcore, SN_IP_nd_in_adverts);
		/* "solicited NA is multicasted" */
		if (inc && (icmp[4] & 0x40)) {
			drop(in, lcore, SN_IP_nd_invalid, m);
			return;
		}
		/* one of ours: a duplicate address, nothing to learn */
		if (!addr6_is_local(in, target)) {
			nh_key6(&msg.key, target, port);
			msg.kind = IP_MSG_NA;
			msg.pad = ((icmp[4] & 0x40) ? IP_NA_SOLICITED : 0) |
				  ((icmp[4] & 0x20) ? IP_NA_OVERRIDE : 0) |
				  (have_ll ? 0 : IP_NA_NO_LLADDR);
			if (have_ll)
				rte_ether_addr_copy(&lladdr, &msg.mac);
			ctl_send(in, &msg);
		}
		rte_pktmbuf_free(m);
		return;
	}
	cnt(in, lcore, SN_IP_nd_in_solicits);
	dad = ip6_is_any(src);
	/* a DAD probe goes to the target's solicited-node group, without
	 * a source link-layer option */
	if (dad && (!ip6_is_solicited_node(in, ip6->dst_addr, 0) || have_ll)) {
		drop(in, lcore, SN_IP_nd_invalid, m);
		return;
	}
	/* ipv6_get_ifaddr(net, target, dev, 1): an address of this device */
	if (!addr6_on_dev(in, target, ifindex)) {
		rte_pktmbuf_free(m);
		return;
	}
	/* R: a router; S: solicited; O: override */
	flags = in->forwarding6 ? 0x80000000u : 0;
	if (dad) {
		/* to all nodes, not solicited, with our lladdr */
		if (ip6_nd_fill(m, port, target, all_nodes, &all_nodes_mac,
				ND_NEIGHBOR_ADVERT, flags | 0x20000000u,
				target, true) != 0) {
			rte_pktmbuf_free(m);
			return;
		}
		cnt(in, lcore, SN_IP_nd_out_adverts);
		ip_tx(lcore, port, m);
		return;
	}
	nh_key6(&msg.key, src, port);
	if (have_ll) {
		/* neigh_event_ns: the asker's entry, STALE */
		msg.kind = IP_MSG_LEARN;
		rte_ether_addr_copy(&lladdr, &msg.mac);
		ctl_send(in, &msg);
		dmac = lladdr;
	} else if (!neigh_lladdr(in, &msg.key, &dmac)) {
		if (inc) {
			/* a multicast NS without the asker's lladdr, of
			 * an asker we have no entry for: no answer */
			rte_pktmbuf_free(m);
			return;
		}
		/* a unicast one: __neigh_lookup creates the entry, and
		 * the NA waits for it to resolve (RFC 4861 7.2.4) */
		memset(&dmac, 0, sizeof(dmac));
	}
	/* a multicast NS gets O and our lladdr; a unicast one (a probe of
	 * an entry the asker has) neither */
	if (ip6_nd_fill(m, port, target, src, &dmac, ND_NEIGHBOR_ADVERT,
			flags | 0x40000000u | (inc ? 0x20000000u : 0), target,
			inc) != 0) {
		rte_pktmbuf_free(m);
		return;
	}
	cnt(in, lcore, SN_IP_nd_out_adverts);
	if (rte_is_zero_ether_addr(&dmac))
		neigh_output_key(lcore, in, m, &msg.key);
	else
		ip_tx(lcore, port, m);
}

/* An echo request's or datagram's extension headers (off bytes after the
 * IPv6 header) go before it is answered: the reply has none, as Linux's
 * own packets. */
static struct rte_ipv6_hdr *
ip6_strip_ext(struct rte_mbuf *m, struct rte_ipv6_hdr *ip6, size_t off,
	      uint8_t proto)
{
	const size_t hl = sizeof(struct rte_ether_hdr) + sizeof(*ip6);
	char *p = rte_pktmbuf_mtod(m, char *);

	if (off == 0)
		return ip6;
	ip6->proto = proto;
	ip6->payload_len = rte_cpu_to_be_16(
		rte_be_to_cpu_16(ip6->payload_len) - off);
	memmove(p + off, p, hl);
	rte_pktmbuf_adj(m, (uint16_t)off);
	return rte_pktmbuf_mtod_offset(m, struct rte_ipv6_hdr *,
				       sizeof(struct rte_ether_hdr));
}

/* The source of an answer to m, a packet to dst from peer: dst, unless it
 * is a group; then as ipv6_dev_get_saddr picks for the way back (from the
 * device it came in by). */
static const uint8_t *
ip6_answer_src(const struct ip_ns *in, const struct rte_mbuf *m,
	       const uint8_t *dst, const uint8_t *peer)
{
	if (!ip6_is_multicast(dst))
		return dst;
	return ip6_saddr(in, peer, ip6_back_oif(in, m, peer));
}

static void
udp6_rcv(unsigned int lcore, struct ip_ns *in, struct rte_mbuf *m,
	 struct rte_ipv6_hdr *ip6, size_t off, size_t len)
{
	const size_t l4 = sizeof(struct rte_ether_hdr) + sizeof(*ip6) + off;
	struct rte_udp_hdr *udp = rte_pktmbuf_mtod_offset(m,
		struct rte_udp_hdr *, l4);
	struct udp_sock *sk;
	uint16_t ulen, port;
	uint8_t a[16];

	if (len < sizeof(*udp) || rte_pktmbuf_data_len(m) <
	    l4 + sizeof(*udp)) {
		drop(in, lcore, SN_IP_udp_in_errors, m);
		return;
	}
	ulen = rte_be_to_cpu_16(udp->dgram_len);
	if (ulen == 0)		/* __udp6_lib_rcv: the whole payload */
		ulen = (uint16_t)len;
	if (ulen < sizeof(*udp) || ulen > len) {
		drop(in, lcore, SN_IP_udp_in_errors, m);
		return;
	}
	if (unlikely(ulen < len)) {	/* the rest is not UDP */
		pkt_trim(m, l4 + ulen);
		ip6->payload_len = rte_cpu_to_be_16(off + ulen);
	}
	/* a zero checksum is invalid in IPv6 */
	if ((m->ol_flags & RTE_MBUF_F_RX_L4_CKSUM_MASK) !=
	    RTE_MBUF_F_RX_L4_CKSUM_GOOD && (udp->dgram_cksum == 0 ||
	    !l4_cksum_ok(m, l4, ulen, phdr6_sum(ip6, IPPROTO_UDP, ulen)))) {
		drop(in, lcore, SN_IP_udp_csum_errors, m);
		return;
	}
	sk = udp_sink(lcore, in, udp, ulen);
	if (sk == NULL) {
		if (ip6_is_multicast(ip6->dst_addr)) {
			drop(in, lcore, SN_IP_udp_ignored_multi, m);
			return;
		}
		cnt(in, lcore, SN_IP_udp_no_ports);
		ip6_icmp_error(lcore, in, m, ICMP6_DST_UNREACH, 4, 0,
			       SN_LOOPBACK_IFINDEX);
		return;
	}
	if (!sk->echo || ip6_is_multicast(ip6->dst_addr)) {
		consume(lcore, m);
		return;
	}
	ip6 = ip6_strip_ext(m, ip6, off, IPPROTO_UDP);
	udp = (struct rte_udp_hdr *)(ip6 + 1);
	memcpy(a, ip6->src_addr, 16);
	memcpy(ip6->src_addr, ip6->dst_addr, 16);
	memcpy(ip6->dst_addr, a, 16);
	port = udp->src_port;
	udp->src_port = udp->dst_port;
	udp->dst_port = port;	/* swaps keep the checksum */
	ip6->hop_limits = IP_TTL_DEFAULT;
	cnt(in, lcore, SN_IP_udp_out_datagrams);
	ip6_output(lcore, in, m);
}

/* RFC 1624: check after the 16-bit words of old (len bytes) became new's. */
static inline uint16_t
csum_replace_buf(uint16_t check, const void *old, const void *new,
		 size_t len)
{
	uint32_t sum = (uint16_t)~check;

	sum += (uint16_t)~rte_raw_cksum(old, len);
	sum += rte_raw_cksum(new, len);
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/* ICMPv6 from lo (icmpv6_rcv): an echo request is answered (from the
 * address asked, or, asked at a group, as ipv6_dev_get_saddr picks). */
static void
icmp6_rcv(unsigned int lcore, struct ip_ns *in, struct rte_mbuf *m,
	  struct rte_ipv6_hdr *ip6, size_t off, size_t len)
{
	const size_t l4 = sizeof(struct rte_ether_hdr) + sizeof(*ip6) + off;
	uint8_t *icmp = rte_pktmbuf_mtod_offset(m, uint8_t *, l4);
	uint8_t peer[16], src[16];
	const uint8_t *s;
	uint16_t ck;

	if (len < 8 || rte_pktmbuf_data_len(m) < l4 + 8 ||
	    !l4_cksum_ok(m, l4, len, phdr6_sum(ip6, IPPROTO_ICMPV6, len))) {
		drop(in, lcore, SN_IP_icmp6_in_errors, m);
		return;
	}
	cnt(in, lcore, SN_IP_icmp6_in_msgs);
	if (icmp[0] == ICMP6_ECHO_REPLY) {
		drop(in, lcore, SN_IP_icmp6_in_echo_reps, m);
		return;
	}
	if (icmp[0] != ICMP6_ECHO_REQUEST) {
		rte_pktmbuf_free(m);
		return;
	}
	cnt(in, lcore, SN_IP_icmp6_in_echos);
	if (in->echo_ignore_all6) {
		drop(in, lcore, SN_IP_icmp_echo_ignored, m);
		return;
	}
	memcpy(peer, ip6->src_addr, 16);
	s = ip6_answer_src(in, m, ip6->dst_addr, peer);
	if (s == NULL) {
		drop(in, lcore, SN_IP_out_no_route, m);
		return;
	}
	memcpy(src, s, 16);
	ck = csum_replace16(*(uint16_t *)(icmp + 2),
			    RTE_BE16(ICMP6_ECHO_REQUEST << 8),
			    RTE_BE16(ICMP6_ECHO_REPLY << 8));
	/* the pseudo-header's addresses: swapped, and the group's replaced
	 * by the source picked */
	ck = csum_replace_buf(ck, ip6->dst_addr, src, 16);
	ip6 = ip6_strip_ext(m, ip6, off, IPPROTO_ICMPV6);
	icmp = (uint8_t *)(ip6 + 1);
	icmp[0] = ICMP6_ECHO_REPLY;
	*(uint16_t *)(icmp + 2) = ck;
	memcpy(ip6->src_addr, src, 16);
	memcpy(ip6->dst_addr, peer, 16);
	/* the request's traffic class, a flow label of our own (none) */
	ip6->vtc_flow &= RTE_BE32(0xfff00000);
	ip6->hop_limits = IP_TTL_DEFAULT;
	cnt(in, lcore, SN_IP_icmp6_out_echo_reps);
	ip6_output(lcore, in, m);
}

/*
 * ip6_parse_tlv: the options of the hop-by-hop (hbh) or destination
 * options header off bytes after the IPv6 header. true if they pass;
 * false if m is gone: malformed (ip6_bad_header: padding over 7 bytes or
 * not zero, an option past the header, more than 8 options), or an
 * unknown option whose type's top bits say discard (ip6_unknown_header),
 * with a parameter problem pointing at it for 10 (always) and 11 (unless
 * to a group), RFC 8200 4.2. A hop-by-hop router alert passes; a jumbo
 * payload option gets ipv6_hop_jumbo's parameter problems (code 0): no
 * frame here is a jumbogram.
 */
static bool
ip6_tlv_ok(unsigned int lcore, struct ip_ns *in, struct rte_mbuf *m,
	   struct rte_ipv6_hdr *ip6, size_t off, bool hbh, int iif)
{
	const uint8_t *h = (const uint8_t *)(ip6 + 1) + off;
	size_t len = ((size_t)h[1] + 1) * 8, i = 2, padlen = 0, optlen, k;
	unsigned int count = 0;

	while (i < len) {
		if (h[i] == 0) {		/* Pad1 */
			if (++padlen > 7)
				goto bad;
			i++;
			continue;
		}
		if (i + 2 > len)
			goto bad;
		optlen = (size_t)h[i + 1] + 2;
		if (i + optlen > len)
			goto bad;
		if (h[i] == 1) {		/* PadN */
			padlen += optlen;
			if (padlen > 7)
				goto bad;
			for (k = 2; k < optlen; k++)
				if (h[i + k] != 0)
					goto bad;
			i += optlen;
			continue;
		}
		padlen = 0;
		if (++count > 8)		/* max_{hbh,dst}_opts_cnt */
			goto bad;
		if (hbh && h[i] == 5) {		/* router alert */
			if (optlen != 4)
				goto bad;
			i += optlen;
			continue;
		}
		if (hbh && h[i] == 0xc2) {	/* ipv6_hop_jumbo */
			uint32_t jlen;

			if (optlen != 6 || (i & 3) != 2)
				goto bad;
			jlen = (uint32_t)h[i + 2] << 24 | h[i + 3] << 16 |
			       h[i + 4] << 8 | h[i + 5];
			cnt(in, lcore, SN_IP_ip6_bad_header);
			/* a jumbogram is more than any frame here holds */
			if (jlen > 65535 && ip6->payload_len == 0) {
				rte_pktmbuf_free(m);
				return false;
			}
			ip6_icmp_error(lcore, in, m, ICMP6_PARAM_PROB, 0,
				       (uint32_t)(sizeof(*ip6) + off + i +
						  (jlen <= 65535 ? 2 : 0)),
				       iif);
			return false;
		}
		switch (h[i] >> 6) {	/* unknown */
		case 0:
			break;
		case 3:
			if (ip6_is_multicast(ip6->dst_addr)) {
				drop(in, lcore, SN_IP_ip6_unknown_header, m);
				return false;
			}
			/* fall through */
		case 2:
			cnt(in, lcore, SN_IP_ip6_unknown_header);
			ip6_icmp_error(lcore, in, m, ICMP6_PARAM_PROB, 2,
				       (uint32_t)(sizeof(*ip6) + off + i), iif);
			return false;
		default:
			drop(in, lcore, SN_IP_ip6_unknown_header, m);
			return false;
		}
		i += optlen;
	}
	return true;
bad:
	drop(in, lcore, SN_IP_ip6_bad_header, m);
	return false;
}

/*
 * ipv6frag_thdr_truncated: whether a first fragment, its fragment header
 * at off in the payload, ends before its upper-layer header does. The
 * headers after it are walked as ipv6_skip_exthdr walks them (hop-by-hop,
 * destination options and routing by their length, AH by its own, a
 * later fragment header ends it unless at offset 0; no next header, or a
 * header cut short, and it is not truncated); avail: the payload's bytes
 * in the first segment, which the walk reads.
 */
static bool
frag6_thdr_truncated(const struct rte_ipv6_hdr *ip6, size_t off,
		     size_t paylen, size_t avail)
{
	const uint8_t *p = (const uint8_t *)(ip6 + 1);
	size_t lim = RTE_MIN(paylen, avail);
	uint8_t nh = p[off];

	for (off += 8; nh == IPPROTO_HOPOPTS || nh == IPPROTO_DSTOPTS ||
	     nh == IPPROTO_ROUTING || nh == IPPROTO_FRAGMENT ||
	     nh == IPPROTO_AH || nh == IPPROTO_NONE;) {
		if (nh == IPPROTO_NONE || off + 2 > lim)
			return false;	/* ipv6_skip_exthdr's -1 */
		if (nh == IPPROTO_FRAGMENT) {
			if (off + 4 > lim)
				return false;
			if (((p[off + 2] << 8 | p[off + 3]) & 0xfff8) != 0)
				return false;	/* not a first fragment */
			nh = p[off];
			off += 8;
		} else {
			size_t hl = nh == IPPROTO_AH ?
				    ((size_t)p[off + 1] + 2) * 4 :
				    ((size_t)p[off + 1] + 1) * 8;

			nh = p[off];
			off += hl;
		}
	}
	off += nh == IPPROTO_TCP ? 20 : nh == IPPROTO_UDP ? 8 :
	       nh == IPPROTO_ICMPV6 ? 8 : 1;
	return off > paylen;
}

/*
 * ipv6_frag_rcv's checks, which come before reassembly: a first fragment
 * without its upper-layer header gets a parameter problem code 3 (RFC
 * 8200 4.5), a fragment that ends past 65535 one at its offset field, one
 * that is not the last and not a multiple of 8 long one at the payload
 * length (ip6_frag_queue); each counted ip6_bad_header (InHdrErrors).
 * The others are dropped, as softnet does not reassemble.
 */
static void
frag6_rcv(unsigned int lcore, struct ip_ns *in, struct rte_mbuf *m,
	  const struct rte_ipv6_hdr *ip6, size_t off, size_t paylen)
{
	const uint8_t *h = (const uint8_t *)(ip6 + 1) + off;
	size_t foff = (size_t)(h[2] << 8 | h[3]) & 0xfff8;
	size_t end = foff + paylen - (off + 8);
	const size_t h6 = sizeof(*ip6);

	if (foff == 0 &&
	    frag6_thdr_truncated(ip6, off, paylen, rte_pktmbuf_data_len(m) -
				 sizeof(struct rte_ether_hdr) - h6)) {
		cnt(in, lcore, SN_IP_ip6_bad_header);
		ip6_icmp_error(lcore, in, m, ICMP6_PARAM_PROB, 3, 0,
			       SN_LOOPBACK_IFINDEX);
		return;
	}
	if (end > 65535 || ((h[3] & 1) && (end & 7))) {
		cnt(in, lcore, SN_IP_ip6_bad_header);
		ip6_icmp_error(lcore, in, m, ICMP6_PARAM_PROB, 0,
			       end > 65535 ? (uint32_t)(h6 + off + 2) :
			       (uint32_t)offsetof(struct rte_ipv6_hdr,
						  payload_len),
			       SN_LOOPBACK_IFINDEX);
		return;
	}
	drop(in, lcore, SN_IP_ip_frag_dropped, m);
}

/*
 * What came back from lo: delivered without a lookup (L7), through its
 * extension headers as ip6_input_finish walks them: hop-by-hop (checked at
 * input) first only, destination options checked, a routing header with
 * segments left answered with a parameter problem (no source routing; SRv6
 * and RPL off: dropped), an atomic fragment passed and a true one dropped
 * (no reassembly, ip_frag_dropped); then ICMPv6, UDP, no next header, or a
 * parameter problem for a protocol nobody handles (TCP: dropped, no RST).
 */
static void
local_deliver6(unsigned int lcore, struct ip_ns *in, struct rte_mbuf *m,
	       struct rte_ipv6_hdr *ip6)
{
	const size_t eh = sizeof(struct rte_ether_hdr), h6 = sizeof(*ip6);
	size_t paylen = rte_be_to_cpu_16(ip6->payload_len), off = 0, hl;
	size_t nhoff = offsetof(struct rte_ipv6_hdr, proto);
	uint8_t nh = ip6->proto;
	const uint8_t *h;

	cnt(in, lcore, SN_IP_in_delivers);
	for (;;) {
		switch (nh) {
		case IPPROTO_HOPOPTS:
		case IPPROTO_DSTOPTS:
		case IPPROTO_ROUTING:
		case IPPROTO_FRAGMENT:
			h = (const uint8_t *)(ip6 + 1) + off;
			if (off + 8 > paylen ||
			    rte_pktmbuf_data_len(m) < eh + h6 + off + 8)
				goto bad;
			hl = nh == IPPROTO_FRAGMENT ? 8 :
			     ((size_t)h[1] + 1) * 8;
			if (off + hl > paylen ||
			    rte_pktmbuf_data_len(m) < eh + h6 + off + hl)
				goto bad;
			if (nh == IPPROTO_HOPOPTS && off != 0)
				goto unknown;	/* only right after IPv6 */
			if (nh == IPPROTO_DSTOPTS &&
			    !ip6_tlv_ok(lcore, in, m, ip6, off, false,
					SN_LOOPBACK_IFINDEX))
				return;
			if (nh == IPPROTO_ROUTING &&
			    (pkt_not_host(m) ||
			     ip6_is_multicast(ip6->dst_addr))) {
				/* ipv6_rthdr_rcv: never to a group */
				drop(in, lcore, SN_IP_in_addr_errors, m);
				return;
			}
			if (nh == IPPROTO_ROUTING && (h[2] == 3 || h[2] == 4)) {
				drop(in, lcore, SN_IP_ip6_unknown_header, m);
				return;
			}
			if (nh == IPPROTO_ROUTING && h[3] != 0) {
				cnt(in, lcore, SN_IP_ip6_unknown_header);
				ip6_icmp_error(lcore, in, m, ICMP6_PARAM_PROB,
					       0, (uint32_t)(h6 + off + 2),
					       SN_LOOPBACK_IFINDEX);
				return;
			}
			if (nh == IPPROTO_FRAGMENT &&
			    ((h[2] << 8 | h[3]) & 0xfff9) != 0) {
				frag6_rcv(lcore, in, m, ip6, off, paylen);
				return;
			}
			nhoff = h6 + off;
			nh = h[0];
			off += hl;
			continue;
		case IPPROTO_NONE:
			rte_pktmbuf_free(m);
			return;
		case IPPROTO_ICMPV6:
			icmp6_rcv(lcore, in, m, ip6, off, paylen - off);
			return;
		case IPPROTO_UDP:
			udp6_rcv(lcore, in, m, ip6, off, paylen - off);
			return;
		case IPPROTO_TCP:
			/* no TCP here: Linux would answer with a RST */
			drop(in, lcore, SN_IP_unknown_proto, m);
			return;
		default:
			cnt(in, lcore, SN_IP_unknown_proto);
			ip6_icmp_error(lcore, in, m, ICMP6_PARAM_PROB, 1,
				       (uint32_t)nhoff, SN_LOOPBACK_IFINDEX);
			return;
		}
	}
unknown:
	cnt(in, lcore, SN_IP_ip6_unknown_header);
	ip6_icmp_error(lcore, in, m, ICMP6_PARAM_PROB, 1, (uint32_t)nhoff,
		       SN_LOOPBACK_IFINDEX);
	return;
bad:
	drop(in, lcore, SN_IP_ip6_bad_header, m);
}

static void
ip6_forward(unsigned int lcore, struct ip_ns *in, struct rte_mbuf *m,
	    struct rte_ipv6_hdr *ip6, const struct sn_fib6_result *res,
	    int iif)
{
	uint16_t len = rte_be_to_cpu_16(ip6->payload_len) + 40;

	if (unlikely(pkt_not_host(m))) {
		drop(in, lcore, SN_IP_fwd_not_host, m);
		return;
	}
	if (ip6->hop_limits <= 1) {
		cnt(in, lcore, SN_IP_ttl_exceeded);
		ip6_icmp_error(lcore, in, m, ICMP6_TIME_EXCEEDED, 0, 0, iif);
		return;
	}
	/* ip6_forward, after the hop limit: a source that must not leave
	 * its link */
	if (unlikely(ip6_is_any(ip6->src_addr) ||
		     sn_ip6_is_linklocal(ip6->src_addr))) {
		if (!ip6_is_any(ip6->src_addr)) {	/* beyond scope */
			cnt(in, lcore, SN_IP_in_addr_errors);
			ip6_icmp_error(lcore, in, m, ICMP6_DST_UNREACH, 2, 0,
				       iif);
			return;
		}
		drop(in, lcore, SN_IP_in_addr_errors, m);
		return;
	}
	if (!port_valid(res->port)) {
		drop(in, lcore, SN_IP_out_no_route, m);
		return;
	}
	if (unlikely(len > ip_ports[res->port].mtu)) {
		/* IPv6 routers never fragment */
		cnt(in, lcore, SN_IP_frag_needed);
		/* icmp6_send: never below IPv6's minimum */
		ip6_icmp_error(lcore, in, m, ICMP6_PACKET_TOO_BIG, 0,
			       RTE_MAX(ip_ports[res->port].mtu,
				       (uint16_t)IP6_MIN_MTU), iif);
		return;
	}
	ip6->hop_limits--;	/* no header checksum in IPv6 */
	cnt(in, lcore, SN_IP_forwarded);
	neigh6_output(lcore, in, m, res, ip6->dst_addr);
}

/* ip6_mc_input's ipv6_chk_mcast_addr: the groups a device has joined:
 * all nodes, all routers when forwarding, and the solicited-node groups
 * of its addresses. */
static bool
ip6_mc_joined(const struct ip_ns *in, const uint8_t *g, int ifindex)
{
	static const uint8_t all_nodes[16] = { 0xff, 0x02, [15] = 1 };
	static const uint8_t all_routers[16] = { 0xff, 0x02, [15] = 2 };
	static const uint8_t site_routers[16] = { 0xff, 0x05, [15] = 2 };

	return memcmp(g, all_nodes, 16) == 0 ||
	       (in->forwarding6 && (memcmp(g, all_routers, 16) == 0 ||
				   memcmp(g, site_routers, 16) == 0)) ||
	       ip6_is_solicited_node(in, g, ifindex);
}

/* ip6_rcv_core, the hop-by-hop options, then ND or, from lo, local
 * delivery; a group this device joined goes to lo as a local packet: true
 * when the packet is left for the route lookup, which goes in bulk
 * (ip6_run_flush). Any upper protocol is forwarded. */
static bool
ip6_rcv(unsigned int lcore, struct ip_ns *in, struct rte_mbuf *m, bool lo,
	uint16_t port, int iif)
{
	const size_t eh = sizeof(struct rte_ether_hdr);
	struct rte_ipv6_hdr *ip6 = rte_pktmbuf_mtod_offset(m,
		struct rte_ipv6_hdr *, eh);
	uint32_t plen = rte_pktmbuf_pkt_len(m) - eh;
	uint16_t paylen;
	bool inc, jumbo;

	if (!lo || (m->ol_flags & RTE_MBUF_F_RX_IP_CKSUM_MASK) !=
	    RTE_MBUF_F_RX_IP_CKSUM_GOOD)
		cnt(in, lcore, SN_IP_ip6_in_receives);
	if (rte_pktmbuf_data_len(m) < eh + sizeof(*ip6) ||
	    (ip6->vtc_flow & RTE_BE32(0xf0000000)) != RTE_BE32(0x60000000)) {
		drop(in, lcore, SN_IP_ip6_bad_header, m);
		return false;
	}
	paylen = rte_be_to_cpu_16(ip6->payload_len);
	if (plen < sizeof(*ip6) + paylen) {
		drop(in, lcore, SN_IP_ip6_bad_header, m);
		return false;
	}
	/* a payload length of 0 before hop-by-hop options announces a
	 * jumbogram (ip6_rcv_core): not trimmed, the options decide */
	jumbo = paylen == 0 && ip6->proto == IPPROTO_HOPOPTS && !lo;
	if (plen > sizeof(*ip6) + paylen && !jumbo)
		pkt_trim(m, eh + sizeof(*ip6) + paylen);
	/* ::1 only on lo (RFC 4291 2.5.3) */
	if (!lo && (memcmp(ip6->src_addr, in6_loopback, 16) == 0 ||
		    memcmp(ip6->dst_addr, in6_loopback, 16) == 0)) {
		drop(in, lcore, SN_IP_ip6_martian, m);
		return false;
	}
	/* ip6_rcv_core: a multicast or an IPv4-mapped source; from a
	 * port, a group of interface-local or no scope */
	inc = ip6_is_multicast(ip6->dst_addr);
	if (ip6_is_multicast(ip6->src_addr) ||
	    (memcmp(ip6->src_addr, in6_loopback, 10) == 0 &&
	     ip6->src_addr[10] == 0xff && ip6->src_addr[11] == 0xff) ||
	    (inc && (ip6->dst_addr[1] & 0x0f) == 0) ||
	    (!lo && inc && (ip6->dst_addr[1] & 0x0f) == 1)) {
		drop(in, lcore, SN_IP_ip6_martian, m);
		return false;
	}
	if (rte_pktmbuf_data_len(m) < eh + sizeof(*ip6) + RTE_MIN(paylen, 40)) {
		drop(in, lcore, SN_IP_ip6_bad_header, m);
		return false;
	}
	if (lo) {
		local_deliver6(lcore, in, m, ip6);
		return false;
	}
	/* ipv6_parse_hopopts: every node reads them, forwarding or not */
	if (ip6->proto == IPPROTO_HOPOPTS) {
		const uint8_t *h = (const uint8_t *)(ip6 + 1);
		size_t avail = jumbo ? plen - sizeof(*ip6) : paylen;

		if (avail < 8 || rte_pktmbuf_data_len(m) < eh +
		    sizeof(*ip6) + 8 || (size_t)(h[1] + 1) * 8 > avail ||
		    rte_pktmbuf_data_len(m) < eh + sizeof(*ip6) +
		    (size_t)(h[1] + 1) * 8) {
			drop(in, lcore, SN_IP_ip6_bad_header, m);
			return false;
		}
		if (!ip6_tlv_ok(lcore, in, m, ip6, 0, true, iif))
			return false;
		if (jumbo) {	/* and no jumbo payload option in them */
			drop(in, lcore, SN_IP_ip6_bad_header, m);
			return false;
		}
	}
	/* ip6_mc_input: a group this device has not joined goes no
	 * further, neighbour discovery included */
	if (inc && !ip6_mc_joined(in, ip6->dst_addr, iif)) {
		drop(in, lcore, SN_IP_mcast_dropped, m);
		return false;
	}
	if (ip6->proto == IPPROTO_ICMPV6 && paylen >= 24 &&
	    (inc || addr6_is_local(in, ip6->dst_addr))) {
		uint8_t *icmp = (uint8_t *)(ip6 + 1);

		if (icmp[0] == ND_NEIGHBOR_SOLICIT ||
		    icmp[0] == ND_NEIGHBOR_ADVERT) {
			nd_rcv(lcore, in, m, port, ip6, icmp, paylen);
			return false;
		}
	}
	if (inc) {
		lo_output6(lcore, in, m, port, true);
		return false;
	}
	return true;
}

/* A run of IPv6 packets of one namespace and ingress device, looked up
 * together, as IPv4's lookup_run. */
struct lookup_run6 {
	struct ip_ns *in;
	int iif;
	unsigned int n;
	struct rte_mbuf *m[IP_BURST];
	uint8_t dst[IP_BURST][16];
	uint8_t src[IP_BURST][16];
	const struct sn_fib6_result *res[IP_BURST];
};

/* What the route of one packet of a run says (R10 for IPv6). */
static void
ip6_route_result(unsigned int lcore, struct ip_ns *in, struct rte_mbuf *m,
		 const struct sn_fib6_result *res, int iif)
{
	struct rte_ipv6_hdr *ip6 = rte_pktmbuf_mtod_offset(m,
		struct rte_ipv6_hdr *, sizeof(struct rte_ether_hdr));

	switch (res->type) {
	case SN_RTN_LOCAL:
		/* IPv6 has no fib_validate_source: one of our own addresses
		 * as the source is taken (ip6_rcv_core, ip6_input) */
		lo_output6(lcore, in, m, m->port, false);
		return;
	case SN_RTN_UNICAST:
		/* a reject route: as the null route */
		if (unlikely(sn_fib6_by_lo(res)))
			break;
		if (!in->forwarding6) {
			drop(in, lcore, SN_IP_in_addr_errors, m);
			return;
		}
		ip6_forward(lcore, in, m, ip6, res, iif);
		return;
	case SN_RTN_BLACKHOLE:
		drop(in, lcore, SN_IP_blackhole, m);
		return;
	case SN_RTN_UNREACHABLE:
		cnt(in, lcore, SN_IP_unreachable);
		ip6_icmp_error(lcore, in, m, ICMP6_DST_UNREACH, 0, 0, iif);
		return;
	case SN_RTN_PROHIBIT:
		cnt(in, lcore, SN_IP_prohibit);
		ip6_icmp_error(lcore, in, m, ICMP6_DST_UNREACH, 1, 0, iif);
		return;
	default:
		break;
	}
	/* the null route's ip6_pkt_discard: forwarding or not */
	cnt(in, lcore, SN_IP_ip6_no_route);
	ip6_icmp_error(lcore, in, m, ICMP6_DST_UNREACH, 0, 0, iif);
}

static void
ip6_run_flush(unsigned int lcore, struct lookup_run6 *r)
{
	unsigned int i;

	if (r->n == 0)
		return;
	sn_route6_lookup_bulk_ref_from(r->in->ns,
				       (const uint8_t (*)[16])r->dst,
				       (const uint8_t (*)[16])r->src, r->iif,
				       r->res, r->n);
	for (i = 0; i < r->n; i++)
		ip6_route_result(lcore, r->in, r->m[i], r->res[i], r->iif);
	r->n = 0;
}

/* ---------------------------------------------------------------------- */
/* Input.                                                                  */

/* A run of IPv4 packets of one namespace and ingress device, looked up
 * together. */
struct lookup_run {
	struct ip_ns *in;
	int iif;
	unsigned int n;
	uint64_t opts;		/* bit i: m[i] has IP options */
	struct rte_mbuf *m[IP_BURST];
	uint32_t dst[IP_BURST];
	uint32_t src[IP_BURST];
	const struct sn_fib_result *res[IP_BURST];
};
_Static_assert(IP_BURST <= 64, "opts is a 64-bit mask of a run");

/* A route that rejects (R10): counted, and answered with ICMP destination
 * unreachable of that code; a host that does not forward drops it. */
static void
route_reject(unsigned int lcore, struct ip_ns *in, struct rte_mbuf *m,
	     unsigned int id, uint8_t code, int iif)
{
	if (!in->forwarding) {
		drop(in, lcore, SN_IP_in_addr_errors, m);
		return;
	}
	cnt(in, lcore, id);
	/* ip_error's own limit first, on the same tokens of the sender's
	 * inet_peer as icmp_send's (ip_rt_error_cost 1 s, burst 5 s): a
	 * sender of such packets gets two errors, then none while it sends
	 * them more often than every 2 s */
	if (!peer_tokens_take(lcore, in,
			      &rte_pktmbuf_mtod_offset(m, struct rte_ipv4_hdr *,
				      sizeof(struct rte_ether_hdr))->src_addr,
			      4, rte_get_tsc_hz(), 5 * rte_get_tsc_hz())) {
		rte_pktmbuf_free(m);
		return;
	}
	ip_icmp_error(lcore, in, m, ICMP_DEST_UNREACH, code, 0, iif);
}

/*
 * ip_route_input_slow's brd_input, for 255.255.255.255 or 0 to 0 (R8 3.):
 * no lookup, the source validated unless 0 (R9), delivered through lo as
 * a broadcast.
 */
static void
brd_input(unsigned int lcore, struct ip_ns *in, struct rte_mbuf *m,
	  uint32_t src)
{
	if (src != 0 && !in->accept_local && addr4_is_local(in, src)) {
		drop(in, lcore, SN_IP_local_src, m);
		return;
	}
	if (unlikely(pkt_has_options(m)))
		/* not RTCF_LOCAL alone: the address toward the sender
		 * (fib_compute_spec_dst) */
		ip_options_in_local(in, m, src != 0 ? route_back_src4(in, src) :
				    0);
	lo_output(lcore, in, m, true, RTE_BE16(RTE_ETHER_TYPE_IPV4), true);
}

static void
run_flush(unsigned int lcore, struct lookup_run *r)
{
	struct ip_ns *in = r->in;
	unsigned int i, nl = 0;

	if (r->n == 0)
		return;
	sn_route4_lookup_bulk_ref(in->ns, r->dst, r->src, r->iif, r->res,
				  r->n);
	for (i = 0; i < r->n; i++) {
		struct rte_mbuf *m = r->m[i];
		const struct sn_fib_result *res = r->res[i];

		switch (res->type) {
		case SN_RTN_LOCAL:
			/* fib_validate_source, rp_filter 0 (R9) */
			if (!in->accept_local && addr4_is_local(in, r->src[i])) {
				drop(in, lcore, SN_IP_local_src, m);
				break;
			}
			if (unlikely((r->opts >> i) & 1))
				ip_options_in_local(in, m, r->dst[i]);
			r->m[nl++] = m;	/* i >= nl: m[i] was read */
			break;
		case SN_RTN_BROADCAST:	/* R8 8.: brd_input */
			/* in order: a subnet broadcast can reach the same
			 * sink as the local packets held before it */
			if (nl != 0) {
				lo_output_bulk(lcore, in, r->m, nl);
				nl = 0;
			}
			brd_input(lcore, in, m, r->src[i]);
			break;
		case SN_RTN_UNICAST:
			if (!in->forwarding) {
				drop(in, lcore, SN_IP_in_addr_errors, m);
				break;
			}
			/* fib_validate_source's fast path, for a forwarded
			 * packet too: a source that is one of our addresses
			 * is a martian unless accept_local (R9) */
			if (!in->accept_local && addr4_is_local(in, r->src[i])) {
				drop(in, lcore, SN_IP_local_src, m);
				break;
			}
			ip_forward(lcore, in, m, res, r->dst[i], r->iif);
			break;
		case SN_RTN_BLACKHOLE:
			drop(in, lcore, SN_IP_blackhole, m);
			break;
		case SN_RTN_UNREACHABLE:	/* host unreachable */
			route_reject(lcore, in, m, SN_IP_unreachable, 1,
				     r->iif);
			break;
		case SN_RTN_PROHIBIT:		/* admin prohibited */
			route_reject(lcore, in, m, SN_IP_prohibit, 13, r->iif);
			break;
		default:			/* net unreachable */
			route_reject(lcore, in, m, SN_IP_no_route, 0, r->iif);
			break;
		}
	}
	if (nl != 0)
		lo_output_bulk(lcore, in, r->m, nl);
	r->n = 0;
	r->opts = 0;
}

#define IP_RCV_BRD	((size_t)1 << 16)	/* above any header length */

/*
 * ip_options_compile for a received packet: 0 if its options are sound,
 * -1 if one is a source route (accept_source_route 0: ip_rcv_options
 * drops it), else the offset in the header of the byte at fault (the
 * parameter problem's pointer). Unknown options pass, as in Linux.
 */
static int
ip_options_check(const struct rte_ipv4_hdr *ip, size_t hl)
{
	const uint8_t *o = (const uint8_t *)(ip + 1);
	size_t l = hl - sizeof(*ip), i = 0;
	unsigned int len, ptr;
	bool srr = false, rr = false, ts = false;
	int at;

	while (i < l) {
		const uint8_t *p = o + i;

		at = (int)(sizeof(*ip) + i);
		if (p[0] == 0)			/* IPOPT_END */
			break;
		if (p[0] == 1) {		/* IPOPT_NOOP */
			i++;
			continue;
		}
		if (l - i < 2)
			return at;
		len = p[1];
		if (len < 2 || len > l - i)
			return at;
		ptr = len >= 3 ? p[2] : 0;
		switch (p[0]) {
		case 131:			/* IPOPT_LSRR */
		case 137:			/* IPOPT_SSRR */
			if (len < 3)
				return at + 1;
			if (ptr < 4)
				return at + 2;
			if (srr)
				return at;
			srr = true;
			break;
		case 7:				/* IPOPT_RR */
			if (rr)
				return at;
			if (len < 3)
				return at + 1;
			if (ptr < 4 || (ptr <= len && ptr + 3 > len))
				return at + 2;
			rr = true;
			break;
		case 68:			/* IPOPT_TIMESTAMP */
			if (ts)
				return at;
			if (len < 4)
				return at + 1;
			/* TSONLY 0: 4 bytes a stamp; TSANDADDR 1 and
			 * PRESPEC 3: 8; other flags pass (a received one) */
			if (ptr < 5 || (ptr <= len && (ptr + 3 > len ||
			    (((p[3] & 15) == 1 || (p[3] & 15) == 3) &&
			     ptr + 7 > len))))
				return at + 2;
			if (ptr > len && (p[3] & 15) != 3 && (p[3] >> 4) == 15)
				return at + 3;	/* the overflow count full */
			ts = true;
			break;
		case 148:			/* IPOPT_RA */
			if (len < 4)
				return at + 1;
			break;
		default:
			break;
		}
		i += len;
	}
	return srr ? -1 : 0;
}

/* ip_rcv_options: false if m was consumed (a source route dropped, a
 * malformed option answered with a parameter problem) */
static bool
ip_rcv_options(unsigned int lcore, struct ip_ns *in, struct rte_mbuf *m,
	       const struct rte_ipv4_hdr *ip, size_t hl)
{
	int at = ip_options_check(ip, hl);

	if (at < 0) {
		drop(in, lcore, SN_IP_ip_source_route, m);
		return false;
	}
	if (at > 0) {
		cnt(in, lcore, SN_IP_ip_bad_options);
		ip_icmp_error(lcore, in, m, 12, 0, (uint32_t)at << 24, 0);
		return false;
	}
	return true;
}

/*
 * ip_rcv_core + the martian checks of ip_route_input_slow (R8). Returns
 * the header length, with IP_RCV_BRD for a broadcast input (R8 3.: no
 * lookup), or 0 if m was consumed.
 */
static size_t
ip_rcv_check(unsigned int lcore, struct ip_ns *in, struct rte_mbuf *m,
	     bool lo)
{
	const size_t eh = sizeof(struct rte_ether_hdr);
	struct rte_ipv4_hdr *ip;
	uint32_t src, dst, plen = rte_pktmbuf_pkt_len(m) - eh;
	size_t hl;
	uint16_t tot;

	if (!lo || (m->ol_flags & RTE_MBUF_F_RX_IP_CKSUM_MASK) !=
	    RTE_MBUF_F_RX_IP_CKSUM_GOOD)
		cnt(in, lcore, SN_IP_ip_in_receives);
	if (rte_pktmbuf_data_len(m) < eh + sizeof(*ip)) {
		drop(in, lcore, SN_IP_ip_truncated, m);
		return 0;
	}
	ip = rte_pktmbuf_mtod_offset(m, struct rte_ipv4_hdr *, eh);
	if ((ip->version_ihl >> 4) != 4) {
		drop(in, lcore, SN_IP_ip_bad_version, m);
		return 0;
	}
	hl = rte_ipv4_hdr_len(ip);
	if (hl < sizeof(*ip)) {
		drop(in, lcore, SN_IP_ip_bad_ihl, m);
		return 0;
	}
	if (rte_pktmbuf_data_len(m) < eh + hl) {
		drop(in, lcore, SN_IP_ip_truncated, m);
		return 0;
	}
	if ((m->ol_flags & RTE_MBUF_F_RX_IP_CKSUM_MASK) !=
	    RTE_MBUF_F_RX_IP_CKSUM_GOOD && rte_raw_cksum(ip, hl) != 0xffff) {
		drop(in, lcore, SN_IP_ip_bad_csum, m);
		return 0;
	}
	tot = rte_be_to_cpu_16(ip->total_length);
	if (tot > plen) {
		drop(in, lcore, SN_IP_ip_truncated, m);
		return 0;
	}
	if (tot < hl) {
		drop(in, lcore, SN_IP_ip_bad_len, m);
		return 0;
	}
	if (tot < plen)		/* Ethernet padding */
		pkt_trim(m, eh + tot);
	if (lo)		/* checked and counted on its way in */
		return hl;
	if (hl > sizeof(*ip))
		cnt(in, lcore, SN_IP_ip_options);

	src = rte_be_to_cpu_32(ip->src_addr);
	dst = rte_be_to_cpu_32(ip->dst_addr);
	if (ipv4_is_multicast(src) || ipv4_is_lbcast(src)) {
		drop(in, lcore, SN_IP_martian_src, m);
		return 0;
	}
	if (ipv4_is_lbcast(dst) || (src == 0 && dst == 0)) {
		if (unlikely(hl > sizeof(*ip)) &&
		    !ip_rcv_options(lcore, in, m, ip, hl))
			return 0;
		return hl | IP_RCV_BRD;	/* no lookup: brd_input() */
	}
	if (ipv4_is_zeronet(src)) {
		drop(in, lcore, SN_IP_martian_src, m);
		return 0;
	}
	if (ipv4_is_zeronet(dst)) {
		drop(in, lcore, SN_IP_martian_dst, m);
		return 0;
	}
	if (!in->route_localnet) {
		if (ipv4_is_loopback(dst)) {
			drop(in, lcore, SN_IP_martian_dst, m);
			return 0;
		}
		if (ipv4_is_loopback(src)) {
			drop(in, lcore, SN_IP_martian_src, m);
			return 0;
		}
	}
	if (ipv4_is_multicast(dst)) {
		drop(in, lcore, SN_IP_mcast_dropped, m);
		return 0;
	}
	if (unlikely(hl > sizeof(*ip)) &&
	    !ip_rcv_options(lcore, in, m, ip, hl))
		return 0;
	return hl;
}

void
sn_ip_input(void *ctx __rte_unused, unsigned int lcore,
	    struct rte_mbuf **pkts, uint16_t n)
{
	struct lookup_run run;
	struct lookup_run6 run6;
	struct ip_ns *in = NULL;
	uint16_t i, last_port = RTE_MAX_ETHPORTS;
	bool lo = false, valid = false;
	int iif = 0;

	run.n = 0;
	run.opts = 0;
	run.in = NULL;
	run.iif = 0;
	run6.n = 0;
	run6.in = NULL;
	run6.iif = 0;
	lcores[lcore]->nh_ns = NULL;
	for (i = 0; i < n; i++) {
		struct rte_mbuf *m = pkts[i];
		struct rte_ether_hdr *eth;
		struct rte_ipv4_hdr *ip;
		struct rte_ipv6_hdr *ip6;
		uint16_t port = m->port;
		size_t hl;

		if (i + 1 < n)
			rte_prefetch0(rte_pktmbuf_mtod(pkts[i + 1], void *));
		if (port != last_port) {
			/* a burst comes from one port (a poller, or lo):
			 * its namespace, ifindex and MAC once per run */
			struct sn_netns *ns = sn_netns_of_port(port);

			last_port = port;
			in = ns != NULL ? ip_ns_of(ns) : NULL;
			iif = sn_netns_ifindex_of_port(port);
			lo = is_lo_ifindex(iif);
			valid = lo || port_valid(port);
		}
		if (unlikely(in == NULL)) {
			lcores[lcore]->no_netns++;
			rte_pktmbuf_free(m);
			continue;
		}
		if (unlikely(rte_pktmbuf_data_len(m) < sizeof(*eth))) {
			drop(in, lcore, SN_IP_rx_runt, m);
			continue;
		}
		eth = rte_pktmbuf_mtod(m, struct rte_ether_hdr *);
		if (!lo) {
			if (unlikely(!valid)) {
				drop(in, lcore, SN_IP_rx_nohandler, m);
				continue;
			}
			/* broadcast and multicast frames are taken */
			if (!rte_is_multicast_ether_addr(&eth->dst_addr) &&
			    !rte_is_same_ether_addr(&eth->dst_addr,
						    &ip_ports[port].mac)) {
				drop(in, lcore, SN_IP_rx_otherhost, m);
				continue;
			}
		}
		switch (eth->ether_type) {
		case RTE_BE16(RTE_ETHER_TYPE_IPV4):
			break;
		case RTE_BE16(RTE_ETHER_TYPE_ARP):
			if (lo)
				drop(in, lcore, SN_IP_rx_nohandler, m);
			else
				arp_rcv(lcore, in, m, port);
			continue;
		case RTE_BE16(RTE_ETHER_TYPE_IPV6):
			if (!ip6_rcv(lcore, in, m, lo, port, iif))
				continue;
			if (run6.n != 0 && (run6.in != in || run6.iif != iif))
				ip6_run_flush(lcore, &run6);
			run6.in = in;
			run6.iif = iif;
			ip6 = rte_pktmbuf_mtod_offset(m,
				struct rte_ipv6_hdr *, sizeof(*eth));
			run6.m[run6.n] = m;
			memcpy(run6.dst[run6.n], ip6->dst_addr, 16);
			memcpy(run6.src[run6.n], ip6->src_addr, 16);
			if (++run6.n == IP_BURST)
				ip6_run_flush(lcore, &run6);
			continue;
		case RTE_BE16(RTE_ETHER_TYPE_VLAN):
		case RTE_BE16(RTE_ETHER_TYPE_QINQ):
			drop(in, lcore, SN_IP_rx_vlan, m);
			continue;
		default:
			drop(in, lcore, SN_IP_rx_nohandler, m);
			continue;
		}
		hl = ip_rcv_check(lcore, in, m, lo);
		if (hl == 0)
			continue;
		ip = rte_pktmbuf_mtod_offset(m, struct rte_ipv4_hdr *,
					     sizeof(*eth));
		if (lo) {
			local_deliver(lcore, in, m, ip, hl);
			continue;
		}
		if (unlikely(hl & IP_RCV_BRD)) {
			run_flush(lcore, &run);	/* in order */
			brd_input(lcore, in, m, rte_be_to_cpu_32(ip->src_addr));
			continue;
		}
		if (run.n != 0 && (run.in != in || run.iif != iif))
			run_flush(lcore, &run);
		run.in = in;
		run.iif = iif;
		run.m[run.n] = m;
		run.dst[run.n] = rte_be_to_cpu_32(ip->dst_addr);
		run.src[run.n] = rte_be_to_cpu_32(ip->src_addr);
		if (unlikely(hl > sizeof(*ip)))
			run.opts |= 1ULL << run.n;
		if (++run.n == IP_BURST)
			run_flush(lcore, &run);
	}
	run_flush(lcore, &run);
	ip6_run_flush(lcore, &run6);
	ip_tx_flush(lcore);
	consume_flush(lcore);
}

/* ---------------------------------------------------------------------- */
/* Ports and queues.                                                       */

int
sn_ip_set_txq(unsigned int lcore, uint16_t port, uint16_t queue)
{
	if (lcore >= RTE_MAX_LCORE || port >= RTE_MAX_ETHPORTS)
		return -EINVAL;
	txq_of[lcore][port] = queue;
	return 0;
}

int
sn_ip_port_set_down(uint16_t port, bool down)
{
	if (port >= RTE_MAX_ETHPORTS)
		return -EINVAL;
	__atomic_store_n(&ip_ports[port].down, down, __ATOMIC_RELEASE);
	return 0;
}

int
sn_ip_port_refresh(uint16_t port)
{
	struct rte_ether_addr mac;
	uint16_t mtu;

	if (port >= RTE_MAX_ETHPORTS || !rte_eth_dev_is_valid_port(port))
		return -ENODEV;
	if (rte_eth_macaddr_get(port, &mac) != 0 ||
	    rte_eth_dev_get_mtu(port, &mtu) != 0)
		return -ENODEV;
	ip_ports[port].mac = mac;
	ip_ports[port].mtu = mtu;
	__atomic_store_n(&ip_ports[port].valid, 1, __ATOMIC_RELEASE);
	return 0;
}

/* ---------------------------------------------------------------------- */
/* Namespaces: addresses, settings, counters.                              */

/* The datapath's copy of a namespace's addresses, published with RCU. */
static int
addrs_rebuild(struct sn_netns *ns, struct ip_ns *in)
{
	struct sn_ifaddr *a;
	struct ip_addr_set *s, *old;
	unsigned int n, i, n4 = 0, n6 = 0;
	uint32_t v;

	n = sn_netns_addrs(ns, NULL, 0);
	a = malloc((n + 1) * sizeof(*a));
	s = rte_zmalloc("sn_ip_addrs", sizeof(*s) + n *
			(sizeof(struct ip_addr4) + sizeof(struct ip_addr6)),
			RTE_CACHE_LINE_SIZE);
	if (a == NULL || s == NULL) {
		IP_LOG(ERR, "no memory for the addresses of %s",
		       sn_netns_name(ns));
		free(a);
		rte_free(s);
		return -ENOMEM;
	}
	n = RTE_MIN(sn_netns_addrs(ns, a, n), n);
	s->a4 = (struct ip_addr4 *)(s + 1);
	s->a6 = (struct ip_addr6 *)(s->a4 + n);
	for (i = 0; i < n; i++) {
		if (a[i].family == AF_INET) {
			memcpy(&v, a[i].addr, 4);
			s->a4[n4].addr = rte_be_to_cpu_32(v);
			s->a4[n4].mask = a[i].plen == 0 ? 0 :
					 ~0u << (32 - a[i].plen);
			s->a4[n4++].ifindex = a[i].ifindex;
		} else {
			memcpy(s->a6[n6].addr, a[i].addr, 16);
			s->a6[n6].plen = a[i].plen;
			s->a6[n6++].ifindex = a[i].ifindex;
		}
	}
	s->n4 = n4;
	s->n6 = n6;
	free(a);
	old = in->addrs;
	__atomic_store_n(&in->addrs, s, __ATOMIC_RELEASE);
	if (old != NULL && ip_cfg.qsbr != NULL)
		rte_rcu_qsbr_synchronize(ip_cfg.qsbr, RTE_QSBR_THRID_INVALID);
	rte_free(old);
	return 0;
}

/* neigh_ifdown: a device that leaves a namespace takes its neighbours
 * there with it, at once. */
static void
on_dev_leave(struct sn_netns *ns, uint16_t port, void *arg __rte_unused)
{
	struct ip_ns *in = ip_ns_of(ns);

	if (in != NULL)
		ip_neigh_ifdown(in, port);
}

/* A device going down drops its neighbours, PERMANENT ones included
 * (arp_ifdown / ndisc's NETDEV_DOWN: neigh_ifdown). */
static void
on_link(struct sn_netns *ns, const struct sn_netdev *dev,
	void *arg __rte_unused)
{
	struct ip_ns *in = ip_ns_of(ns);

	if (in != NULL && dev->down)
		ip_neigh_ifdown(in, dev->port_id);
}

static int
on_addr(struct sn_netns *ns, const struct sn_ifaddr *a __rte_unused,
	bool add __rte_unused, void *arg __rte_unused)
{
	struct ip_ns *in = ip_ns_of(ns);

	/* an add the datapath does not see is refused */
	return in != NULL ? addrs_rebuild(ns, in) : 0;
}

static void
ratelimit_set(struct ip_ns *in, uint32_t ms)
{
	in->ratelimit_ms = ms;
	in->ratelimit_tsc = rte_get_tsc_hz() / 1000 * ms;
}

static int
ip_ns_init(struct sn_netns *ns, void *arg __rte_unused)
{
	struct ip_ns *in;
	int ret;

	in = rte_zmalloc("sn_ip_ns", sizeof(*in), RTE_CACHE_LINE_SIZE);
	if (in == NULL)
		return -ENOMEM;
	in->stats = rte_zmalloc("sn_ip_stats",
				sizeof(struct ip_stats) * RTE_MAX_LCORE,
				RTE_CACHE_LINE_SIZE);
	if (in->stats == NULL) {
		rte_free(in);
		return -ENOMEM;
	}
	in->ns = ns;
	in->id = sn_netns_id(ns);
	in->forwarding = 1;
	in->forwarding6 = 1;
	in->echo_ignore_bcast = 1;
	in->ratemask = 0x1818;
	ratelimit_set(in, 1000);
	in->msgs_per_sec = 1000;
	in->msgs_burst = 50;
	ret = ip_neigh_ns_init(in);
	if (ret != 0) {
		rte_free(in->stats);
		rte_free(in);
		return ret;
	}
	sn_netns_set_generic(ns, &ip_ops, in);
	addrs_rebuild(ns, in);
	if (in->addrs == NULL) {
		sn_netns_set_generic(ns, &ip_ops, NULL);
		ip_neigh_ns_fini(in);
		rte_free(in->stats);
		rte_free(in);
		return -ENOMEM;
	}
	return 0;
}

static void
ip_ns_exit(struct sn_netns *ns, void *arg __rte_unused)
{
	struct ip_ns *in = ip_ns_of(ns);
	unsigned int i;

	if (in == NULL)
		return;
	sn_netns_set_generic(ns, &ip_ops, NULL);
	if (ip_cfg.qsbr != NULL)
		rte_rcu_qsbr_synchronize(ip_cfg.qsbr, RTE_QSBR_THRID_INVALID);
	ip_neigh_ns_fini(in);
	for (i = 1; i <= UDP_SOCK_MAX; i++)
		rte_free(in->socks[i]);
	rte_free(in->addrs);
	rte_free(in->stats);
	rte_free(in);
}

const char *
sn_ip_counter_name(unsigned int id)
{
	return id < SN_IP_CNT_MAX ? cnt_names[id] : NULL;
}

const char *
sn_ip_counter_help(unsigned int id)
{
	return id < SN_IP_CNT_MAX ? cnt_help[id] : NULL;
}

uint64_t
sn_ip_no_netns_drops(void)
{
	uint64_t n = 0;
	unsigned int l;

	for (l = 0; l < RTE_MAX_LCORE; l++)
		if (lcores[l] != NULL)
			n += __atomic_load_n(&lcores[l]->no_netns,
					     __ATOMIC_RELAXED);
	return n;
}

int
sn_ip_stats_get(const struct sn_netns *ns, uint64_t *out)
{
	struct ip_ns *in = ns != NULL ? ip_ns_of(ns) : NULL;
	unsigned int l, c;

	if (in == NULL)
		return -EINVAL;
	memset(out, 0, sizeof(uint64_t) * SN_IP_CNT_MAX);
	for (l = 0; l < RTE_MAX_LCORE; l++)
		for (c = 0; c < SN_IP_CNT_MAX; c++)
			out[c] += __atomic_load_n(&in->stats[l].c[c],
						  __ATOMIC_RELAXED);
	return 0;
}

void
sn_ip_stats_reset(const struct sn_netns *ns)
{
	struct ip_ns *in = ns != NULL ? ip_ns_of(ns) : NULL;
	unsigned int l;

	if (in == NULL)
		return;
	for (l = 0; l < RTE_MAX_LCORE; l++)	/* the counters, not credit */
		memset(in->stats[l].c, 0, sizeof(in->stats[l].c));
}

int
sn_ip_stats_text(const struct sn_netns *ns, char *buf, size_t len)
{
	uint64_t v[SN_IP_CNT_MAX];
	unsigned int c;
	int w = 0, r;

	if (sn_ip_stats_get(ns, v) != 0)
		return -EINVAL;
	for (c = 0; c < SN_IP_CNT_MAX; c++) {
		r = snprintf(buf + w, (size_t)w < len ? len - w : 0,
			     "%-20s %" PRIu64 "\n", cnt_names[c], v[c]);
		if (r < 0)
			return r;
		w += r;
	}
	return w;
}

static const struct {
	const char *name;
	long max;
} sysctls[] = {
	{ "forwarding", 1 },
	{ "route_localnet", 1 },
	{ "accept_local", 1 },
	{ "icmp_echo_ignore_all", 1 },
	{ "icmp_echo_ignore_broadcasts", 1 },
	{ "icmp_ratelimit", 3600000 },
	{ "icmp_ratemask", 0xffffffffL },
	{ "promote_secondaries", 1 },	/* the namespace's own (netns) */
	{ "icmp_msgs_per_sec", INT32_MAX },
	{ "icmp_msgs_burst", INT32_MAX },
	/* IPv6's own, Linux's net.ipv6.conf.all.forwarding and
	 * net.ipv6.icmp.echo_ignore_all */
	{ "ipv6_forwarding", 1 },
	{ "ipv6_icmp_echo_ignore_all", 1 },
};

static int *
sysctl_int(struct ip_ns *in, unsigned int i)
{
	switch (i) {
	case 0: return &in->forwarding;
	case 1: return &in->route_localnet;
	case 2: return &in->accept_local;
	case 3: return &in->echo_ignore_all;
	case 4: return &in->echo_ignore_bcast;
	case 10: return &in->forwarding6;
	case 11: return &in->echo_ignore_all6;
	default: return NULL;
	}
}

int
sn_ip_sysctl_set(struct sn_netns *ns, const char *name, const char *value,
		 char *err, size_t errlen)
{
	struct ip_ns *in = ns != NULL ? ip_ns_of(ns) : NULL;
	unsigned int i;
	char *end;
	long v;

	if (in == NULL || name == NULL || value == NULL) {
		snprintf(err, errlen, "no such namespace");
		return -EINVAL;
	}
	for (i = 0; i < RTE_DIM(sysctls); i++)
		if (strcmp(sysctls[i].name, name) == 0)
			break;
	if (i == RTE_DIM(sysctls)) {
		snprintf(err, errlen, "unknown setting '%s'", name);
		return -ENOENT;
	}
	errno = 0;
	v = strtol(value, &end, 0);
	if (errno != 0 || end == value || *end != '\0' || v < 0 ||
	    v > sysctls[i].max) {
		snprintf(err, errlen, "%s: '%s' is not an integer in 0..%ld",
			 name, value, sysctls[i].max);
		return -EINVAL;
	}
	if (sysctl_int(in, i) != NULL)
		__atomic_store_n(sysctl_int(in, i), (int)v, __ATOMIC_RELAXED);
	else if (i == 5)
		ratelimit_set(in, (uint32_t)v);
	else if (i == 6)
		in->ratemask = (uint32_t)v;
	else if (i == 8)
		__atomic_store_n(&in->msgs_per_sec, (uint32_t)v,
				 __ATOMIC_RELAXED);
	else if (i == 9)
		__atomic_store_n(&in->msgs_burst, (uint32_t)v,
				 __ATOMIC_RELAXED);
	else
		sn_netns_set_promote_secondaries(ns, v != 0);
	return 0;
}

/* Whether a route get line's device is lo. */
static bool
line_dev_is_lo(const char *line)
{
	const char *d = strstr(line, " dev lo");

	return d != NULL && (d[7] == ' ' || d[7] == '\0');
}

int
sn_ip_route_get4(const struct sn_netns *ns, uint32_t dst, uint32_t src,
		 int iif, int oif, char *buf, size_t len)
{
	const struct ip_ns *in = ns != NULL ? ip_ns_of(ns) : NULL;
	char line[256];
	int ret;

	if (in == NULL)
		return -EINVAL;
	if (iif == 0 || iif == SN_LOOPBACK_IFINDEX) {	/* an output lookup */
		struct sn_netdev dev;

		/* ip_route_output_key_hash_rcu: an oif that is down */
		if (oif != 0 && sn_netns_link_by_ifindex(ns, oif, &dev) == 0 &&
		    dev.down) {
			snprintf(buf, len, "Network is unreachable");
			return -ENETUNREACH;
		}
		ret = sn_route4_get_from(ns, dst, src, SN_LOOPBACK_IFINDEX,
					 oif, line, sizeof(line));
		/* __mkroute_output (R7): to 0/8, or from 127/8 out of a
		 * device other than lo, is refused */
		if (ret == 0 && ((dst != 0 && ipv4_is_zeronet(dst)) ||
		    (!in->route_localnet && ipv4_is_loopback(src) &&
		     !line_dev_is_lo(line))))
			goto inval;
		snprintf(buf, len, "%s", line);
		return ret;
	}
	/* ip_route_input_slow: what the datapath drops answers EINVAL */
	if (ipv4_is_multicast(src) || ipv4_is_lbcast(src))
		goto inval;
	if (ipv4_is_lbcast(dst) || (src == 0 && dst == 0)) {
		/* brd_input: no lookup, delivered through lo */
		if (src != 0 && !in->accept_local && addr4_is_local(in, src))
			goto inval;
		snprintf(buf, len, "broadcast %u.%u.%u.%u dev lo", dst >> 24,
			 (dst >> 16) & 255, (dst >> 8) & 255, dst & 255);
		return 0;
	}
	if (ipv4_is_zeronet(src) || ipv4_is_zeronet(dst) ||
	    ipv4_is_multicast(dst) || (!in->route_localnet &&
	    (ipv4_is_loopback(dst) || ipv4_is_loopback(src))))
		goto inval;
	ret = sn_route4_get_from(ns, dst, src, iif, oif, line, sizeof(line));
	if (ret == 0 && strncmp(line, "local ", 6) == 0 &&
	    !in->accept_local && addr4_is_local(in, src))
		goto inval;	/* R9 */
	if (!in->forwarding && (ret != 0 || (strncmp(line, "local ", 6) != 0 &&
	    strncmp(line, "broadcast ", 10) != 0))) {
		/* R8 10.: not local, forwarding off */
		snprintf(buf, len, "No route to host");
		return -EHOSTUNREACH;
	}
	snprintf(buf, len, "%s", line);
	return ret;
inval:
	snprintf(buf, len, "Invalid argument");
	return -EINVAL;
}

long
sn_ip_sysctl_get(const struct sn_netns *ns, const char *name)
{
	struct ip_ns *in = ns != NULL ? ip_ns_of(ns) : NULL;
	unsigned int i;

	for (i = 0; in != NULL && i < RTE_DIM(sysctls); i++) {
		if (strcmp(sysctls[i].name, name) != 0)
			continue;
		if (sysctl_int(in, i) != NULL)
			return *sysctl_int(in, i);
		if (i == 7)
			return sn_netns_promote_secondaries(ns);
		if (i == 8 || i == 9)
			return i == 8 ? (long)in->msgs_per_sec :
			       (long)in->msgs_burst;
		return i == 5 ? (long)in->ratelimit_ms : (long)in->ratemask;
	}
	return -1;
}

/* ---------------------------------------------------------------------- */
/* UDP sinks.                                                              */

int
sn_udp_listen(struct sn_netns *ns, uint16_t port, bool echo)
{
	struct ip_ns *in = ns != NULL ? ip_ns_of(ns) : NULL;
	struct udp_sock *sk;
	unsigned int s;

	if (in == NULL || port == 0)
		return -EINVAL;
	if (in->udp_idx[port] != 0)
		return -EADDRINUSE;
	for (s = 1; s <= UDP_SOCK_MAX && in->socks[s] != NULL; s++)
		;
	if (s > UDP_SOCK_MAX)
		return -ENOSPC;
	sk = rte_zmalloc("sn_udp_sock", sizeof(*sk), RTE_CACHE_LINE_SIZE);
	if (sk == NULL)
		return -ENOMEM;
	sk->port = port;
	sk->echo = echo;
	__atomic_store_n(&in->socks[s], sk, __ATOMIC_RELEASE);
	__atomic_store_n(&in->udp_idx[port], (uint8_t)s, __ATOMIC_RELEASE);
	return 0;
}

int
sn_udp_close(struct sn_netns *ns, uint16_t port)
{
	struct ip_ns *in = ns != NULL ? ip_ns_of(ns) : NULL;
	struct udp_sock *sk;
	uint8_t s;

	if (in == NULL || in->udp_idx[port] == 0)
		return -ENOENT;
	s = in->udp_idx[port];
	sk = in->socks[s];
	__atomic_store_n(&in->udp_idx[port], 0, __ATOMIC_RELEASE);
	__atomic_store_n(&in->socks[s], NULL, __ATOMIC_RELEASE);
	if (ip_cfg.qsbr != NULL)
		rte_rcu_qsbr_synchronize(ip_cfg.qsbr, RTE_QSBR_THRID_INVALID);
	rte_free(sk);
	return 0;
}

int
sn_udp_stats(const struct sn_netns *ns, uint16_t port, uint64_t *pkts,
	     uint64_t *bytes)
{
	struct ip_ns *in = ns != NULL ? ip_ns_of(ns) : NULL;
	struct udp_sock *sk;
	unsigned int l;

	if (in == NULL || in->udp_idx[port] == 0)
		return -ENOENT;
	sk = in->socks[in->udp_idx[port]];
	*pkts = 0;
	*bytes = 0;
	for (l = 0; l < RTE_MAX_LCORE; l++) {
		*pkts += __atomic_load_n(&sk->lc[l].pkts, __ATOMIC_RELAXED);
		*bytes += __atomic_load_n(&sk->lc[l].bytes, __ATOMIC_RELAXED);
	}
	return 0;
}

/* ---------------------------------------------------------------------- */
/* Init.                                                                   */

/* A dynamic mbuf flag of ours, by name, as a mask in *flag. */
static int
dynflag(const char *name, uint64_t *flag)
{
	struct rte_mbuf_dynflag f = { 0 };
	int ret;

	snprintf(f.name, sizeof(f.name), "%s", name);
	ret = rte_mbuf_dynflag_register(&f);
	if (ret < 0) {
		IP_LOG(ERR, "no dynamic mbuf flag left for %s: %s", name,
		       rte_strerror(rte_errno));
		return -rte_errno;
	}
	*flag = 1ULL << ret;
	return 0;
}

int
sn_ip_init(const struct sn_ip_conf *conf)
{
	unsigned int l;
	uint16_t p;
	int ret;

	if (initialised)
		return -EALREADY;
	memset(&ip_cfg, 0, sizeof(ip_cfg));
	if (conf != NULL)
		ip_cfg = *conf;
	if (ip_cfg.neigh_max == 0)
		ip_cfg.neigh_max = 1024;
	if (ip_cfg.unres_qlen == 0)
		ip_cfg.unres_qlen = 101;
	if (ip_cfg.held_max == 0)
		ip_cfg.held_max = 1024;
	if (ip_cfg.retrans_ms == 0)
		ip_cfg.retrans_ms = 1000;
	if (ip_cfg.probes == 0)
		ip_cfg.probes = 3;
	if (ip_cfg.reachable_ms == 0)
		ip_cfg.reachable_ms = 30000;
	if (ip_cfg.gc_stale_ms == 0)
		ip_cfg.gc_stale_ms = 60000;
	ret = dynflag("sn_ip_pkt_not_host", &not_host_flag);
	if (ret == 0)
		ret = dynflag("sn_ip_iif", &iif_flag);
	if (ret == 0) {
		static const struct rte_mbuf_dynfield f = {
			.name = "sn_ip_iif_port", .size = sizeof(uint16_t),
			.align = __alignof__(uint16_t),
		};

		iif_off = rte_mbuf_dynfield_register(&f);
		if (iif_off < 0) {
			IP_LOG(ERR, "no dynamic mbuf field left: %s",
			       rte_strerror(rte_errno));
			ret = -rte_errno;
		}
	}
	if (ret == 0)
		ret = dynflag("sn_ip_broadcast", &brd_flag);
	if (ret != 0)
		return ret;
	RTE_LCORE_FOREACH(l) {
		lcores[l] = rte_zmalloc_socket("sn_ip_lcore", sizeof(**lcores),
					       RTE_CACHE_LINE_SIZE,
					       rte_lcore_to_socket_id(l));
		if (lcores[l] == NULL)
			goto nomem;
		lcores[l]->ip_id = (uint16_t)rte_rand();
	}
	ip_ctl_ring = rte_ring_create_elem("sn_ip_ctl", sizeof(struct ip_msg),
					   4096, SOCKET_ID_ANY,
					   RING_F_SC_DEQ);
	if (ip_ctl_ring == NULL)
		goto nomem;
	for (l = 0; l < RTE_MAX_LCORE; l++)
		for (p = 0; p < RTE_MAX_ETHPORTS; p++)
			txq_of[l][p] = 0;
	memset(ip_ports, 0, sizeof(ip_ports));
	RTE_ETH_FOREACH_DEV(p)
		sn_ip_port_refresh(p);
	ret = sn_pernet_register_subsys(&ip_ops);
	if (ret != 0)
		goto fail;
	ret = sn_netns_addr_notifier_register(on_addr, NULL);
	if (ret != 0) {
		sn_pernet_unregister(&ip_ops);
		goto fail;
	}
	ret = sn_netns_dev_leave_register(on_dev_leave, NULL);
	if (ret == 0) {
		ret = sn_netns_link_notifier_register(on_link, NULL);
		if (ret != 0)
			sn_netns_dev_leave_unregister(on_dev_leave, NULL);
	}
	if (ret != 0) {
		sn_netns_addr_notifier_unregister(on_addr, NULL);
		sn_pernet_unregister(&ip_ops);
		goto fail;
	}
	initialised = true;
	return 0;
nomem:
	ret = -ENOMEM;
fail:
	rte_ring_free(ip_ctl_ring);
	ip_ctl_ring = NULL;
	for (l = 0; l < RTE_MAX_LCORE; l++) {
		rte_free(lcores[l]);
		lcores[l] = NULL;
	}
	return ret;
}

void
sn_ip_fini(void)
{
	unsigned int l;

	if (!initialised)
		return;
	sn_netns_link_notifier_unregister(on_link, NULL);
	sn_netns_dev_leave_unregister(on_dev_leave, NULL);
	sn_netns_addr_notifier_unregister(on_addr, NULL);
	ip_neigh_fini();	/* drains the control ring */
	sn_pernet_unregister(&ip_ops);
	rte_ring_free(ip_ctl_ring);
	ip_ctl_ring = NULL;
	for (l = 0; l < RTE_MAX_LCORE; l++) {
		rte_free(lcores[l]);
		lcores[l] = NULL;
	}
	initialised = false;
}
