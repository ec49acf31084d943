/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The softnet authors
 */

/*
 * Neighbours (ARP), the control side. The control thread owns every
 * entry: it creates them, holds the packets that wait for one (bounded per
 * entry and in all, so that an unanswered ARP cannot drain the mbuf pool),
 * sends and retransmits requests, and gives up with ICMP host unreachable
 * as Linux's neigh_invalidate does. Workers only read: an rte_hash with
 * lock-free readers, and a 64-bit MAC+state word per hash position; a
 * deleted position is reused only after an RCU grace period.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/queue.h>
#include <sys/socket.h>
#include <arpa/inet.h>

#include <rte_arp.h>
#include <rte_byteorder.h>
#include <rte_cycles.h>
#include <rte_ethdev.h>
#include <rte_hash.h>
#include <rte_icmp.h>
#include <rte_jhash.h>
#include <rte_lcore.h>
#include <rte_malloc.h>

#include "sn_ip.h"
#include "sn_ip_pvt.h"

struct nh_ctl {
	struct ip_ns *in;
	struct nh_key key;
	uint16_t port;
	uint8_t state;		/* 0: free */
	uint8_t probes;
	uint64_t next;		/* TSC of the next probe */
	uint64_t confirmed;	/* TSC its MAC was last set or confirmed */
	struct rte_mbuf **hold;	/* ring of unres_qlen */
	uint16_t nhold, head;
	TAILQ_ENTRY(nh_ctl) pending;
};
TAILQ_HEAD(nh_list, nh_ctl);

static struct nh_list incomplete = TAILQ_HEAD_INITIALIZER(incomplete);
static unsigned int held_total;

static unsigned int
ctl_lcore(void)
{
	unsigned int l = rte_lcore_id();

	return l < RTE_MAX_LCORE ? l : rte_get_main_lcore();
}

int
ip_neigh_ns_init(struct ip_ns *in)
{
	char name[RTE_HASH_NAMESIZE];
	struct rte_hash_parameters hp = {
		.name = name,
		.entries = ip_cfg.neigh_max,
		.key_len = sizeof(struct nh_key),
		.hash_func = rte_jhash,
		.socket_id = SOCKET_ID_ANY,
		.extra_flag = RTE_HASH_EXTRA_FLAGS_RW_CONCURRENCY_LF |
			      RTE_HASH_EXTRA_FLAGS_EXT_TABLE,
	};

	snprintf(name, sizeof(name), "sn_nh_%u", in->id);
	in->nh = rte_hash_create(&hp);
	in->nh_val = rte_zmalloc("sn_nh_val", sizeof(uint64_t) *
				 ip_cfg.neigh_max, RTE_CACHE_LINE_SIZE);
	in->nh_ctl = rte_zmalloc("sn_nh_ctl", sizeof(struct nh_ctl) *
				 ip_cfg.neigh_max, RTE_CACHE_LINE_SIZE);
	if (in->nh == NULL || in->nh_val == NULL || in->nh_ctl == NULL) {
		rte_hash_free(in->nh);
		rte_free(in->nh_val);
		rte_free(in->nh_ctl);
		return -ENOMEM;
	}
	return 0;
}

/* The oldest packet waiting for this entry. */
static struct rte_mbuf *
hold_pop(struct nh_ctl *c)
{
	struct rte_mbuf *m = c->hold[c->head];

	c->head = (c->head + 1) % ip_cfg.unres_qlen;
	c->nhold--;
	held_total--;
	return m;
}

static void
hold_free(struct nh_ctl *c)
{
	while (c->nhold > 0)
		rte_pktmbuf_free(hold_pop(c));
	free(c->hold);
	c->hold = NULL;
	c->head = 0;
}

static void
entry_reset(struct nh_ctl *c)
{
	if (c->state == SN_NUD_INCOMPLETE)
		TAILQ_REMOVE(&incomplete, c, pending);
	hold_free(c);
	memset(c, 0, sizeof(*c));
}

void
ip_neigh_ns_fini(struct ip_ns *in)
{
	unsigned int i;

	for (i = 0; in->nh_ctl != NULL && i < ip_cfg.neigh_max; i++)
		if (in->nh_ctl[i].state != 0)
			entry_reset(&in->nh_ctl[i]);
	rte_hash_free(in->nh);
	rte_free(in->nh_val);
	rte_free(in->nh_ctl);
	in->nh = NULL;
	in->nh_val = NULL;
	in->nh_ctl = NULL;
}

static int32_t
entry_find(struct ip_ns *in, const struct nh_key *key)
{
	return rte_hash_lookup(in->nh, key);
}

static int32_t
entry_create(struct ip_ns *in, const struct nh_key *key)
{
	struct nh_ctl *c;
	int32_t pos;

	if (in->nh_count >= ip_cfg.neigh_max)
		return -ENOSPC;
	pos = rte_hash_add_key(in->nh, key);
	if (pos < 0)
		return pos;
	c = &in->nh_ctl[pos];
	memset(c, 0, sizeof(*c));
	c->in = in;
	c->key = *key;
	c->port = key->port;
	in->nh_count++;
	return pos;
}

static void
entry_delete(struct ip_ns *in, int32_t pos)
{
	struct nh_ctl *c = &in->nh_ctl[pos];
	struct nh_key key = c->key;

	__atomic_store_n(&in->nh_val[pos], 0, __ATOMIC_RELEASE);
	rte_hash_del_key(in->nh, &key);
	/* a worker may still read this position: reuse after a grace */
	if (ip_cfg.qsbr != NULL)
		rte_rcu_qsbr_synchronize(ip_cfg.qsbr, RTE_QSBR_THRID_INVALID);
	rte_hash_free_key_with_position(in->nh, pos);
	ip_nh_cache_reset(ctl_lcore());
	entry_reset(c);
	in->nh_count--;
}

/* neigh_ifdown: every entry of port goes, permanent ones too, and what
 * they held (control thread). */
void
ip_neigh_ifdown(struct ip_ns *in, uint16_t port)
{
	uint32_t pos;

	for (pos = 0; in->nh_ctl != NULL && pos < ip_cfg.neigh_max; pos++)
		if (in->nh_ctl[pos].state != 0 && in->nh_ctl[pos].port == port)
			entry_delete(in, (int32_t)pos);
}

/* Send what waited for this entry, now that it has a MAC. */
static void
hold_send(struct nh_ctl *c, const struct rte_ether_addr *mac,
	  unsigned int lcore)
{
	struct rte_ether_hdr *eth;
	struct rte_mbuf *m;

	while (c->nhold > 0) {
		m = hold_pop(c);
		eth = rte_pktmbuf_mtod(m, struct rte_ether_hdr *);
		rte_ether_addr_copy(mac, &eth->dst_addr);
		rte_ether_addr_copy(&ip_ports[c->port].mac, &eth->src_addr);
		ip_tx(lcore, c->port, m);
	}
	free(c->hold);
	c->hold = NULL;
	c->head = 0;
}

static void
entry_set_mac(struct ip_ns *in, int32_t pos, const struct rte_ether_addr *mac,
	      uint8_t state, unsigned int lcore)
{
	struct nh_ctl *c = &in->nh_ctl[pos];

	if (c->state == SN_NUD_INCOMPLETE)
		TAILQ_REMOVE(&incomplete, c, pending);
	c->state = state;
	c->confirmed = rte_rdtsc();
	__atomic_store_n(&in->nh_val[pos], nh_pack(mac, state),
			 __ATOMIC_RELEASE);
	hold_send(c, mac, lcore);
}

/* An mbuf for a solicitation: from the configured pool, else from the
 * pool of a packet waiting for this neighbour. */
static struct rte_mbuf *
solicit_alloc(const struct nh_ctl *c)
{
	struct rte_mempool *mp = ip_cfg.mp;

	if (mp == NULL && c->nhold > 0)
		mp = c->hold[c->head]->pool;
	return mp != NULL ? rte_pktmbuf_alloc(mp) : NULL;
}

/* ndisc_send_ns: to the target's solicited-node group, with our MAC. */
static int
nd_solicit(struct nh_ctl *c, unsigned int lcore)
{
	struct ip_ns *in = c->in;
	const struct ip_addr6 *src;
	struct rte_ether_addr dmac = {
		.addr_bytes = { 0x33, 0x33, 0xff, c->key.ip[13], c->key.ip[14],
				c->key.ip[15] } };
	uint8_t dst[16] = { 0xff, 0x02, [11] = 0x01, [12] = 0xff,
			    [13] = c->key.ip[13], [14] = c->key.ip[14],
			    [15] = c->key.ip[15] };
	int ifindex = sn_netns_ifindex_of_port(c->port);
	struct rte_mbuf *m;

	/* ndisc_solicit: the source of the newest packet waiting, if it is
	 * an address of this device; else ndisc_send_ns's, the device's
	 * link-local address. A Linux device always has one; one here may
	 * not, and then another of its addresses speaks for it */
	src = NULL;
	if (c->nhold > 0) {
		m = c->hold[(c->head + c->nhold - 1) % ip_cfg.unres_qlen];
		src = ip_addr6_find(in, ifindex, rte_pktmbuf_mtod_offset(m,
			struct rte_ipv6_hdr *,
			sizeof(struct rte_ether_hdr))->src_addr);
	}
	if (src == NULL)
		src = ip_addr6_on(in, ifindex, (const uint8_t[16]){ 0xfe, 0x80 });
	if (src == NULL)
		return -EADDRNOTAVAIL;
	m = solicit_alloc(c);
	if (m == NULL)
		return -ENOBUFS;
	if (ip6_nd_fill(m, c->port, src->addr, dst, &dmac, 135, 0,
			c->key.ip, true) != 0) {
		rte_pktmbuf_free(m);
		return -ENOBUFS;
	}
	ip_count(in, lcore, SN_IP_nd_out_solicits, 1);
	ip_tx(lcore, c->port, m);
	return 0;
}

static int
arp_solicit(struct nh_ctl *c, unsigned int lcore)
{
	struct ip_ns *in = c->in;
	const struct ip_addr4 *src;
	struct rte_ether_hdr *eth;
	struct rte_arp_hdr *arp;
	struct rte_mbuf *m;

	if (c->key.family == 6)
		return nd_solicit(c, lcore);
	src = ip_addr4_on(in, sn_netns_ifindex_of_port(c->port),
			  nh_key_ip4(&c->key));
	if (src == NULL)	/* inet_select_addr: another device's */
		src = ip_addr4_on(in, 0, nh_key_ip4(&c->key));
	if (src == NULL)
		return -EADDRNOTAVAIL;
	m = solicit_alloc(c);
	if (m == NULL)
		return -ENOBUFS;
	eth = (struct rte_ether_hdr *)rte_pktmbuf_append(m, RTE_ETHER_MIN_LEN -
							 RTE_ETHER_CRC_LEN);
	if (eth == NULL) {
		rte_pktmbuf_free(m);
		return -ENOBUFS;
	}
	memset(eth, 0, RTE_ETHER_MIN_LEN - RTE_ETHER_CRC_LEN);
	memset(&eth->dst_addr, 0xff, RTE_ETHER_ADDR_LEN);
	rte_ether_addr_copy(&ip_ports[c->port].mac, &eth->src_addr);
	eth->ether_type = RTE_BE16(RTE_ETHER_TYPE_ARP);
	arp = (struct rte_arp_hdr *)(eth + 1);
	arp->arp_hardware = RTE_BE16(RTE_ARP_HRD_ETHER);
	arp->arp_protocol = RTE_BE16(RTE_ETHER_TYPE_IPV4);
	arp->arp_hlen = RTE_ETHER_ADDR_LEN;
	arp->arp_plen = 4;
	arp->arp_opcode = RTE_BE16(RTE_ARP_OP_REQUEST);
	rte_ether_addr_copy(&ip_ports[c->port].mac, &arp->arp_data.arp_sha);
	arp->arp_data.arp_sip = rte_cpu_to_be_32(src->addr);
	arp->arp_data.arp_tip = rte_cpu_to_be_32(nh_key_ip4(&c->key));
	ip_count(in, lcore, SN_IP_arp_out_requests, 1);
	ip_tx(lcore, c->port, m);
	return 0;
}

/* neigh_invalidate: what waited gets ICMP host unreachable. */
static void
entry_fail(struct ip_ns *in, int32_t pos, unsigned int lcore)
{
	struct nh_ctl *c = &in->nh_ctl[pos];
	int ifindex = sn_netns_ifindex_of_port(c->port);
	struct rte_mbuf *m;

	while (c->nhold > 0) {
		m = hold_pop(c);
		ip_count(in, lcore, SN_IP_neigh_dropped, 1);
		if (c->key.family == 6)	/* ICMPV6_ADDR_UNREACH */
			ip6_icmp_error(lcore, in, m, 1, 3, 0, ifindex);
		else
			ip_icmp_error(lcore, in, m, ICMP_DEST_UNREACH, 1, 0,
				      ifindex);
	}
	entry_delete(in, pos);
}

static void
hold_add(struct ip_ns *in, struct nh_ctl *c, struct rte_mbuf *m,
	 unsigned int lcore)
{
	if (c->hold == NULL) {
		c->hold = calloc(ip_cfg.unres_qlen, sizeof(*c->hold));
		if (c->hold == NULL) {
			ip_count(in, lcore, SN_IP_neigh_dropped, 1);
			rte_pktmbuf_free(m);
			return;
		}
	}
	if (c->nhold == ip_cfg.unres_qlen) {
		/* __neigh_event_send: the oldest makes room */
		rte_pktmbuf_free(hold_pop(c));
		ip_count(in, lcore, SN_IP_neigh_dropped, 1);
	}
	if (held_total >= ip_cfg.held_max) {
		ip_count(in, lcore, SN_IP_neigh_dropped, 1);
		rte_pktmbuf_free(m);
		return;
	}
	c->hold[(c->head + c->nhold) % ip_cfg.unres_qlen] = m;
	c->nhold++;
	held_total++;
}

static void
msg_resolve(struct ip_ns *in, const struct ip_msg *msg, unsigned int lcore)
{
	struct rte_ether_addr mac;
	struct nh_ctl *c;
	int32_t pos;
	uint64_t v;

	pos = entry_find(in, &msg->key);
	if (pos >= 0) {
		v = __atomic_load_n(&in->nh_val[pos], __ATOMIC_RELAXED);
		if (v & NH_VALID) {	/* resolved since the worker looked */
			struct rte_ether_hdr *eth = rte_pktmbuf_mtod(msg->m,
				struct rte_ether_hdr *);

			nh_unpack_mac(v, &mac);
			rte_ether_addr_copy(&mac, &eth->dst_addr);
			rte_ether_addr_copy(&ip_ports[msg->key.port].mac,
					    &eth->src_addr);
			ip_tx(lcore, msg->key.port, msg->m);
			return;
		}
		hold_add(in, &in->nh_ctl[pos], msg->m, lcore);
		return;
	}
	pos = entry_create(in, &msg->key);
	if (pos < 0) {
		ip_count(in, lcore, SN_IP_neigh_dropped, 1);
		rte_pktmbuf_free(msg->m);
		return;
	}
	c = &in->nh_ctl[pos];
	c->state = SN_NUD_INCOMPLETE;
	TAILQ_INSERT_TAIL(&incomplete, c, pending);
	hold_add(in, c, msg->m, lcore);
	c->probes = 1;
	c->next = rte_rdtsc() + rte_get_tsc_hz() / 1000 * ip_cfg.retrans_ms;
	if (arp_solicit(c, lcore) == -EADDRNOTAVAIL)
		entry_fail(in, pos, lcore);
}

static void
msg_learn(struct ip_ns *in, const struct ip_msg *msg, unsigned int lcore)
{
	int32_t pos = entry_find(in, &msg->key);

	if (pos < 0) {
		if (msg->kind != IP_MSG_LEARN)
			return;		/* arp_accept 0: no new entries */
		pos = entry_create(in, &msg->key);
		if (pos < 0)
			return;
		entry_set_mac(in, pos, &msg->mac, SN_NUD_STALE, lcore);
		return;
	}
	if (in->nh_ctl[pos].state == SN_NUD_PERMANENT)
		return;
	if (msg->kind != IP_MSG_UPDATE &&
	    (in->nh_ctl[pos].state & (SN_NUD_REACHABLE | SN_NUD_STALE |
				      SN_NUD_PROBE)) != 0) {
		/* neigh_update: a valid entry told its own lladdr again
		 * with STALE keeps its state */
		uint64_t v = __atomic_load_n(&in->nh_val[pos],
					     __ATOMIC_RELAXED);
		struct rte_ether_addr had;

		nh_unpack_mac(v, &had);
		if ((v & NH_VALID) && rte_is_same_ether_addr(&had, &msg->mac))
			return;
	}
	/* arp_process: only a reply to us asserts reachability; a request
	 * or a broadcast reply leaves the entry STALE with its lladdr */
	entry_set_mac(in, pos, &msg->mac, msg->kind == IP_MSG_UPDATE ?
		      SN_NUD_REACHABLE : SN_NUD_STALE, lcore);
}

/*
 * ndisc_recv_na's neigh_update: an NA changes an existing entry only. A
 * lladdr other than the entry's is taken with O (override) alone; without
 * it a REACHABLE entry goes STALE and keeps its lladdr (WEAK_OVERRIDE),
 * another is left as it is. S makes it REACHABLE, else STALE; the same
 * lladdr told STALE keeps the entry's state. No lladdr option: the
 * entry's own, if it has one.
 */
static void
msg_na(struct ip_ns *in, const struct ip_msg *msg, unsigned int lcore)
{
	int32_t pos = entry_find(in, &msg->key);
	uint8_t state = (msg->pad & IP_NA_SOLICITED) ? SN_NUD_REACHABLE :
			SN_NUD_STALE;
	struct rte_ether_addr had, mac = msg->mac;
	bool valid, same;
	uint64_t v;

	if (pos < 0 || in->nh_ctl[pos].state == SN_NUD_PERMANENT)
		return;
	v = __atomic_load_n(&in->nh_val[pos], __ATOMIC_RELAXED);
	valid = (v & NH_VALID) != 0;
	nh_unpack_mac(v, &had);
	if (msg->pad & IP_NA_NO_LLADDR) {
		if (!valid)
			return;
		mac = had;
	}
	same = valid && rte_is_same_ether_addr(&mac, &had);
	if (valid && !same && !(msg->pad & IP_NA_OVERRIDE)) {
		if (in->nh_ctl[pos].state != SN_NUD_REACHABLE)
			return;
		mac = had;
		state = SN_NUD_STALE;
	} else if (same && state == SN_NUD_STALE) {
		return;
	}
	entry_set_mac(in, pos, &mac, state, lcore);
}

/*
 * Neighbour aging, as Linux's neigh_periodic_work and timers, simplified:
 * a REACHABLE entry turns STALE reachable_ms after its confirmation; a
 * STALE one (still used as it is) is probed gc_stale_ms after it, with
 * `probes` requests retrans_ms apart, and is removed if none is answered
 * (the next packet resolves it anew); an answer makes it REACHABLE.
 * PERMANENT entries never age.
 */
static uint64_t next_aging;

static int
neigh_age_ns(struct sn_netns *ns, void *arg)
{
	struct ip_ns *in = ip_ns_of(ns);
	unsigned int lcore = ctl_lcore(), *done = arg;
	uint64_t now = rte_rdtsc(), ms = rte_get_tsc_hz() / 1000, v;
	struct rte_ether_addr mac;
	struct nh_ctl *c;
	uint32_t pos;

	if (in == NULL || in->nh_ctl == NULL)
		return 0;
	for (pos = 0; pos < ip_cfg.neigh_max; pos++) {
		c = &in->nh_ctl[pos];
		if (c->state != 0 && sn_netns_of_port(c->port) != ns) {
			/* neigh_ifdown: its device left the namespace, and
			 * its entries go, permanent ones too */
			entry_delete(in, (int32_t)pos);
			(*done)++;
			continue;
		}
		if (c->state == SN_NUD_REACHABLE &&
		    now - c->confirmed > ip_cfg.reachable_ms * ms) {
			c->state = SN_NUD_STALE;
		} else if (c->state == SN_NUD_STALE &&
			   now - c->confirmed > ip_cfg.gc_stale_ms * ms) {
			c->state = SN_NUD_PROBE;
			c->probes = 1;
			c->next = now + ip_cfg.retrans_ms * ms;
			arp_solicit(c, lcore);
		} else if (c->state == SN_NUD_PROBE && now >= c->next) {
			(*done)++;
			if (c->probes >= ip_cfg.probes) {
				entry_delete(in, (int32_t)pos);
				continue;
			}
			c->probes++;
			c->next = now + ip_cfg.retrans_ms * ms;
			arp_solicit(c, lcore);
			continue;
		} else {
			continue;
		}
		/* the state the workers read: the MAC stays valid */
		v = __atomic_load_n(&in->nh_val[pos], __ATOMIC_RELAXED);
		nh_unpack_mac(v, &mac);
		__atomic_store_n(&in->nh_val[pos], nh_pack(&mac, c->state),
				 __ATOMIC_RELEASE);
		(*done)++;
	}
	return 0;
}

unsigned int
sn_ip_control(void)
{
	unsigned int lcore = ctl_lcore(), done = 0, i, k, rounds;
	struct ip_msg msgs[32];
	struct nh_ctl *c, *tmp;
	struct sn_netns *ns;
	struct ip_ns *in;
	uint64_t now;

	if (ip_ctl_ring == NULL)
		return 0;
	ip_nh_cache_reset(lcore);
	rounds = 0;
	do {
		k = rte_ring_sc_dequeue_burst_elem(ip_ctl_ring, msgs,
						   sizeof(msgs[0]),
						   RTE_DIM(msgs), NULL);
		for (i = 0; i < k; i++) {
			/* a port that left the sender's namespace since
			 * takes nothing with it (neigh_ifdown): a held
			 * packet goes, silently */
			ns = sn_netns_of_port(msgs[i].key.port);
			in = ns != NULL ? ip_ns_of(ns) : NULL;
			if (in == NULL || in->id != msgs[i].ns_id) {
				rte_pktmbuf_free(msgs[i].m);
				continue;
			}
			if (msgs[i].kind == IP_MSG_RESOLVE)
				msg_resolve(in, &msgs[i], lcore);
			else if (msgs[i].kind == IP_MSG_NA)
				msg_na(in, &msgs[i], lcore);
			else
				msg_learn(in, &msgs[i], lcore);
		}
		done += k;
		/* a bounded share per call: a message may wait for a grace
		 * period (an entry deleted), in which the workers send as
		 * many again, and the caller's other work (a command, a
		 * sleep's end) would never come */
	} while (k == RTE_DIM(msgs) && ++rounds < 16);

	now = rte_rdtsc();
	if (now >= next_aging) {
		/* every 100 ms, or half a retransmit time if shorter */
		next_aging = now + rte_get_tsc_hz() / 1000 *
			     RTE_MIN(100u, RTE_MAX(ip_cfg.retrans_ms / 2, 1u));
		sn_netns_foreach(neigh_age_ns, &done);
	}
	for (c = TAILQ_FIRST(&incomplete); c != NULL; c = tmp) {
		tmp = TAILQ_NEXT(c, pending);
		if (now < c->next)
			continue;
		done++;
		if (c->probes >= ip_cfg.probes) {
			entry_fail(c->in, c - c->in->nh_ctl, lcore);
			continue;
		}
		c->probes++;
		c->next = now + rte_get_tsc_hz() / 1000 * ip_cfg.retrans_ms;
		arp_solicit(c, lcore);
	}
	ip_tx_flush(lcore);
	return done;
}

void
ip_neigh_fini(void)
{
	struct ip_msg msg;

	while (ip_ctl_ring != NULL &&
	       rte_ring_sc_dequeue_elem(ip_ctl_ring, &msg, sizeof(msg)) == 0)
		rte_pktmbuf_free(msg.m);
}

/* ---------------------------------------------------------------------- */
/* `ip neigh`.                                                             */

static int
neigh_add_key(struct sn_netns *ns, struct nh_key *key, int ifindex,
	      const struct rte_ether_addr *mac, uint8_t state)
{
	struct ip_ns *in = ns != NULL ? ip_ns_of(ns) : NULL;
	struct sn_netdev dev;
	int32_t pos;

	/* any lladdr, as neigh_add: a multicast or broadcast MAC is what
	 * some clusters want their forwarded frames sent to */
	if (in == NULL || mac == NULL ||
	    (state != SN_NUD_PERMANENT && state != SN_NUD_REACHABLE &&
	     state != SN_NUD_STALE))
		return -EINVAL;
	if (sn_netns_link_by_ifindex(ns, ifindex, &dev) != 0)
		return -ENODEV;
	if (dev.is_loopback)
		return -EINVAL;
	key->port = dev.port_id;
	pos = entry_find(in, key);
	if (pos < 0)
		pos = entry_create(in, key);
	if (pos < 0)
		return pos;
	entry_set_mac(in, pos, mac, state, ctl_lcore());
	ip_tx_flush(ctl_lcore());
	return 0;
}

static bool
neigh_has_key(struct sn_netns *ns, struct nh_key *key, int ifindex)
{
	struct ip_ns *in = ns != NULL ? ip_ns_of(ns) : NULL;
	struct sn_netdev dev;

	if (in == NULL || sn_netns_link_by_ifindex(ns, ifindex, &dev) != 0)
		return false;
	key->port = dev.port_id;
	return entry_find(in, key) >= 0;
}

bool
sn_neigh_exists(struct sn_netns *ns, uint32_t ip, int ifindex)
{
	struct nh_key key;

	nh_key4(&key, ip, 0);
	return neigh_has_key(ns, &key, ifindex);
}

bool
sn_neigh6_exists(struct sn_netns *ns, const uint8_t *ip, int ifindex)
{
	struct nh_key key;

	nh_key6(&key, ip, 0);
	return neigh_has_key(ns, &key, ifindex);
}

static int
neigh_del_key(struct sn_netns *ns, struct nh_key *key, int ifindex)
{
	struct ip_ns *in = ns != NULL ? ip_ns_of(ns) : NULL;
	struct sn_netdev dev;
	int32_t pos;

	if (in == NULL)
		return -EINVAL;
	if (sn_netns_link_by_ifindex(ns, ifindex, &dev) != 0)
		return -ENODEV;
	key->port = dev.port_id;
	pos = entry_find(in, key);
	if (pos < 0)
		return -ENOENT;
	entry_delete(in, pos);
	return 0;
}

int
sn_neigh_add_state(struct sn_netns *ns, uint32_t ip, int ifindex,
		   const struct rte_ether_addr *mac, uint8_t state)
{
	struct nh_key key;

	if (ip == 0)
		return -EINVAL;
	nh_key4(&key, ip, 0);
	return neigh_add_key(ns, &key, ifindex, mac, state);
}

int
sn_neigh_add(struct sn_netns *ns, uint32_t ip, int ifindex,
	     const struct rte_ether_addr *mac)
{
	return sn_neigh_add_state(ns, ip, ifindex, mac, SN_NUD_PERMANENT);
}

int
sn_neigh_del(struct sn_netns *ns, uint32_t ip, int ifindex)
{
	struct nh_key key;

	nh_key4(&key, ip, 0);
	return neigh_del_key(ns, &key, ifindex);
}

int
sn_neigh6_add_state(struct sn_netns *ns, const uint8_t *ip, int ifindex,
		    const struct rte_ether_addr *mac, uint8_t state)
{
	struct nh_key key;

	nh_key6(&key, ip, 0);
	return neigh_add_key(ns, &key, ifindex, mac, state);
}

int
sn_neigh6_add(struct sn_netns *ns, const uint8_t *ip, int ifindex,
	      const struct rte_ether_addr *mac)
{
	return sn_neigh6_add_state(ns, ip, ifindex, mac, SN_NUD_PERMANENT);
}

int
sn_neigh6_del(struct sn_netns *ns, const uint8_t *ip, int ifindex)
{
	struct nh_key key;

	nh_key6(&key, ip, 0);
	return neigh_del_key(ns, &key, ifindex);
}

unsigned int
sn_neigh_list(const struct sn_netns *ns, struct sn_neigh *out,
	      unsigned int max)
{
	struct ip_ns *in = ns != NULL ? ip_ns_of(ns) : NULL;
	unsigned int i, n = 0;
	uint64_t v;

	for (i = 0; in != NULL && i < ip_cfg.neigh_max; i++) {
		const struct nh_ctl *c = &in->nh_ctl[i];

		/* not those of a device gone, soon deleted */
		if (c->state == 0 || sn_netns_of_port(c->port) != ns)
			continue;
		if (n < max) {
			memset(&out[n], 0, sizeof(out[n]));
			out[n].family = c->key.family == 6 ? AF_INET6 :
					AF_INET;
			if (c->key.family == 6)
				memcpy(out[n].ip6, c->key.ip, 16);
			else
				out[n].ip = nh_key_ip4(&c->key);
			out[n].ifindex = sn_netns_ifindex_of_port(c->port);
			out[n].state = c->state;
			out[n].held = c->nhold;
			v = in->nh_val[i];
			if (v & NH_VALID)
				nh_unpack_mac(v, &out[n].mac);
		}
		n++;
	}
	return n;
}

int
sn_neigh_format(const struct sn_netns *ns, const struct sn_neigh *e,
		char *buf, size_t len)
{
	char mac[RTE_ETHER_ADDR_FMT_SIZE], addr[INET6_ADDRSTRLEN];
	struct sn_netdev dev;
	const char *state;
	uint32_t be;

	if (sn_netns_link_by_ifindex(ns, e->ifindex, &dev) != 0)
		snprintf(dev.ifname, sizeof(dev.ifname), "if%d", e->ifindex);
	switch (e->state) {
	case SN_NUD_PERMANENT: state = "PERMANENT"; break;
	case SN_NUD_REACHABLE: state = "REACHABLE"; break;
	case SN_NUD_STALE: state = "STALE"; break;
	case SN_NUD_PROBE: state = "PROBE"; break;
	case SN_NUD_FAILED: state = "FAILED"; break;
	default: state = "INCOMPLETE"; break;
	}
	if (e->family == AF_INET6) {
		inet_ntop(AF_INET6, e->ip6, addr, sizeof(addr));
	} else {
		be = rte_cpu_to_be_32(e->ip);
		inet_ntop(AF_INET, &be, addr, sizeof(addr));
	}
	if (e->state == SN_NUD_INCOMPLETE)
		return snprintf(buf, len, "%s dev %s %s", addr, dev.ifname,
				state);
	rte_ether_format_addr(mac, sizeof(mac), &e->mac);
	for (char *p = mac; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'F')
			*p += 'a' - 'A';
	return snprintf(buf, len, "%s dev %s lladdr %s %s", addr, dev.ifname,
			mac, state);
}
