/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The softnet authors
 */

/*
 * The built-in generator: UDP/IPv4 frames from a template, cycling over
 * source ports (flows) and destinations, at a rate or as fast as the
 * lcore goes. It feeds the txonly and flowgen engines (testpmd's names)
 * and, with --gen-rx, a port's rx queues, so that softnet-pmd can show
 * and measure its datapath with no external tool.
 */

#include <string.h>

#include <rte_cycles.h>
#include <rte_ethdev.h>
#include <rte_ip.h>
#include <rte_lcore.h>
#include <rte_udp.h>

#include "softnet-pmd.h"

struct gen_lcore {
	uint32_t flow;
	uint32_t dst;
	double tokens;
	uint64_t last;
	uint64_t surplus;	/* --gen-rx: rx mbufs over --gen-rate, freed */
} __rte_cache_aligned;

static struct gen_lcore gen_lc[RTE_MAX_LCORE];

/*
 * A pre-built source: the burst's 42-byte header is made once, then copied
 * into each mbuf with its destination, source port and checksum patched
 * (the checksum from the header's sum without its destination), so that
 * the generator costs what a ready packet source would, not a header
 * built field by field and summed for every frame.
 */
/*
 * An mbuf for the generator to write a frame of len into: m itself when
 * it is a direct, unshared buffer with room, its chain freed (an rx or
 * alloc mbuf, reset but for the first line's fields set by the caller);
 * else m is freed and a new one comes from the pool. NULL if none.
 */
static inline struct rte_mbuf *
gen_mbuf(struct rte_mbuf *m, uint16_t len)
{
	if (likely(RTE_MBUF_DIRECT(m) && rte_mbuf_refcnt_read(m) == 1 &&
		   m->buf_len >= RTE_PKTMBUF_HEADROOM + len)) {
		if (unlikely(m->nb_segs != 1)) {
			rte_pktmbuf_free(m->next);
			m->next = NULL;
			m->nb_segs = 1;
		}
		return m;
	}
	rte_pktmbuf_free(m);
	m = rte_pktmbuf_alloc(pktmbuf_pool);
	if (m != NULL && m->buf_len < RTE_PKTMBUF_HEADROOM + len) {
		rte_pktmbuf_free(m);
		m = NULL;
	}
	return m;
}

uint16_t
sn_gen_fill(unsigned int lcore, uint16_t port,
	    const struct rte_ether_addr *dmac, struct rte_mbuf **pkts,
	    uint16_t n, bool vary)
{
	const struct sn_gen_conf *g = &sn_cfg.gen;
	struct gen_lcore *gl = &gen_lc[lcore];
	uint16_t len = sn_cfg.pkt_len, i, k = 0;
	/* the frame's first 42 bytes: Ethernet, IPv4, UDP */
	uint8_t t[sizeof(struct rte_ether_hdr) + sizeof(struct rte_ipv4_hdr) +
		  sizeof(struct rte_udp_hdr)] __rte_aligned(8);
	struct rte_ether_hdr *eth = (struct rte_ether_hdr *)t;
	struct rte_ipv4_hdr *ip = (struct rte_ipv4_hdr *)(eth + 1);
	struct rte_udp_hdr *udp = (struct rte_udp_hdr *)(ip + 1);
	const size_t ipo = sizeof(*eth), udpo = ipo + sizeof(*ip);
	uint32_t base, sum, dbe;
	char *p;

	memset(t, 0, sizeof(t));
	eth->dst_addr = *dmac;
	rte_eth_macaddr_get(port, &eth->src_addr);
	eth->ether_type = RTE_BE16(RTE_ETHER_TYPE_IPV4);
	ip->version_ihl = RTE_IPV4_VHL_DEF;
	ip->total_length = rte_cpu_to_be_16(len - sizeof(*eth));
	ip->time_to_live = 64;
	ip->next_proto_id = IPPROTO_UDP;
	ip->src_addr = rte_cpu_to_be_32(g->src);
	udp->dst_port = rte_cpu_to_be_16(g->dport);
	udp->dgram_len = rte_cpu_to_be_16(len - sizeof(*eth) - sizeof(*ip));
	base = __rte_raw_cksum(ip, sizeof(*ip), 0);	/* dst 0, sum 0 */
	for (i = 0; i < n; i++) {
		struct rte_mbuf *m = gen_mbuf(pkts[i], len);

		if (unlikely(m == NULL))
			continue;
		pkts[k++] = m;
		m->data_off = RTE_PKTMBUF_HEADROOM;
		m->ol_flags = 0;
		m->packet_type = 0;
		m->vlan_tci = 0;
		m->data_len = len;
		m->pkt_len = len;
		m->port = port;
		p = rte_pktmbuf_mtod(m, char *);
		memcpy(p, t, sizeof(t));
		dbe = rte_cpu_to_be_32(g->dst + (vary ? gl->dst : 0));
		sum = base + (dbe & 0xffff) + (dbe >> 16);
		sum = (sum & 0xffff) + (sum >> 16);
		sum = (sum & 0xffff) + (sum >> 16);
		((struct rte_ipv4_hdr *)(p + ipo))->dst_addr = dbe;
		((struct rte_ipv4_hdr *)(p + ipo))->hdr_checksum =
			(uint16_t)~sum;
		((struct rte_udp_hdr *)(p + udpo))->src_port =
			rte_cpu_to_be_16(g->sport + (vary ? gl->flow : 0));
		if (!vary)
			continue;
		if (++gl->flow >= g->flows)
			gl->flow = 0;
		if (gl->flow == 0 && ++gl->dst >= g->dst_count)
			gl->dst = 0;
	}
	return k;
}

uint16_t
sn_gen_allow(unsigned int lcore, uint16_t n)
{
	struct gen_lcore *gl = &gen_lc[lcore];
	double per_tsc, cap;
	uint64_t now;

	if (sn_cfg.gen.rate_mpps <= 0)
		return n;
	now = rte_rdtsc();
	per_tsc = sn_cfg.gen.rate_mpps * 1e6 / rte_get_tsc_hz();
	cap = 4.0 * SN_MAX_BURST;
	if (gl->last != 0)
		gl->tokens += (now - gl->last) * per_tsc;
	gl->last = now;
	if (gl->tokens > cap)
		gl->tokens = cap;
	if (gl->tokens < n)
		n = (uint16_t)gl->tokens;
	gl->tokens -= n;
	return n;
}

/* --gen-rx: what the port's rx returns becomes generated traffic for it */
static uint16_t
gen_rx_cb(uint16_t port, uint16_t queue __rte_unused, struct rte_mbuf **pkts,
	  uint16_t n, uint16_t max __rte_unused, void *arg __rte_unused)
{
	unsigned int lcore = rte_lcore_id();
	struct rte_ether_addr mac;
	uint16_t k;

	if (n == 0 || lcore >= RTE_MAX_LCORE)
		return n;
	k = sn_gen_allow(lcore, n);
	if (k < n) {
		rte_pktmbuf_free_bulk(pkts + k, n - k);
		gen_lc[lcore].surplus += n - k;
	}
	/* to the port itself: it is the one receiving */
	rte_eth_macaddr_get(port, &mac);
	return sn_gen_fill(lcore, port, &mac, pkts, k, true);
}

uint64_t
sn_gen_surplus(void)
{
	uint64_t n = 0;
	unsigned int l;

	for (l = 0; l < RTE_MAX_LCORE; l++)
		n += __atomic_load_n(&gen_lc[l].surplus, __ATOMIC_RELAXED);
	return n;
}

int
sn_gen_rx_attach(uint16_t port, uint16_t nb_queues)
{
	uint16_t q;

	for (q = 0; q < nb_queues; q++)
		if (rte_eth_add_rx_callback(port, q, gen_rx_cb, NULL) == NULL)
			return -rte_errno;
	return 0;
}

/* txonly / flowgen (txonly.c, flowgen.c): generated bursts out of a
 * stream; flows: cycle over the flows and destinations, else one flow. */
void
sn_gen_burst(struct fwd_stream *fs, bool flows)
{
	static const struct rte_ether_addr bcast = {
		.addr_bytes = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff } };
	struct rte_mbuf *pkts[SN_MAX_BURST];
	unsigned int lcore = rte_lcore_id();
	uint16_t n;

	n = sn_gen_allow(lcore, sn_cfg.burst);
	if (n == 0 || rte_pktmbuf_alloc_bulk(pktmbuf_pool, pkts, n) != 0)
		return;
	/* txonly: one flow, the first */
	n = sn_gen_fill(lcore, fs->tx_port, sn_cfg.peer_set[fs->tx_port] ?
			&sn_cfg.peer[fs->tx_port] : &bcast, pkts, n, flows);
	fwd_stream_tx(fs, pkts, n);
}
