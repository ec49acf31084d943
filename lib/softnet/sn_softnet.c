/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The softnet authors
 */

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_bus.h>
#include <rte_common.h>
#include <rte_cycles.h>
#include <rte_ethdev.h>
#include <rte_ether.h>
#include <rte_hash_crc.h>
#include <rte_ip.h>
#include <rte_lcore.h>
#include <rte_log.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_prefetch.h>
#include <rte_rcu_qsbr.h>
#include <rte_ring.h>

#include "sn_softnet.h"

RTE_LOG_REGISTER_DEFAULT(sn_softnet_logtype, NOTICE);
#define SN_LOG(level, fmt, ...) \
	rte_log(RTE_LOG_ ## level, sn_softnet_logtype, \
		"softnet: " fmt "\n", ##__VA_ARGS__)

#define SN_BURST 32
#define SN_BACKLOG_LIMIT_DEFAULT 65535

/* An rps_map (S10): the lcores a rx queue's flows are spread over. */
struct sn_rps_map {
	unsigned int len;
	unsigned int lcores[];
};

/* A NAPI-like poller: a port rx queue with a weight. */
struct sn_poller {
	uint16_t port;
	uint16_t queue;
	uint16_t weight;
	uint16_t home;			/* the lcore it was given to */
	struct sn_rps_map *rps;	/* RCU: read by the polling lcore */
	/* What a burst needs before softnet may pass it on without a look
	 * at its mbufs: mbuf->port set (skb->dev: the PMD leaves it as
	 * transmitted), RSS hashes checked for 0 (the port delivers them) */
	uint8_t fix_port;		/* atomic */
	uint8_t rss;
};

/* skb_flow_limit's table (S5), owned by the enqueuing lcore. */
struct sn_flow_limit {
	unsigned int num_buckets;
	unsigned int history_head;
	uint32_t history[SN_FLOW_LIMIT_HISTORY];
	uint8_t buckets[];
};

enum { CTL_NONE, CTL_FLUSH, CTL_STOP, CTL_DEL, CTL_SYNC };

struct sn_softnet {
	/* Owner's: the lcore's loop state and counters. */
	unsigned int lcore;
	unsigned int nb_pollers;
	unsigned int next;		/* poll list rotation after a squeeze */
	struct sn_poller *pollers[SN_MAX_POLLERS];
	struct sn_flow_limit *flow_limit;	/* RCU */
	uint64_t processed;
	uint64_t time_squeeze;
	uint64_t received_rps;
	uint64_t process_queue_empty;
	uint64_t flow_limit_count;	/* skb_flow_limit's fl->count */
	/*
	 * NAPI_STATE_SCHED of the backlog. Poll mode has no interrupts: the
	 * owner finds its input queue non-empty on its next pass, which is
	 * what Linux's IPI achieves, so the state is the owner's alone and
	 * producers touch nothing but the ring.
	 */
	uint32_t backlog_sched;
	uint32_t local_pending;	/* the owner enqueued to itself */
	/* process_queue: mbufs [pq_head, pq_tail) of pq[] */
	uint32_t pq_head;
	uint32_t pq_tail;
	uint32_t pq_size;
	struct rte_mbuf **pq;

	/* Written by other lcores. */
	uint64_t dropped __rte_cache_aligned;	/* atomic */

	/* Control requests, and where the owner's loop is. */
	uint32_t ctl_req __rte_cache_aligned;	/* CTL_*, atomic */
	uint32_t ctl_seq;			/* of the latest request */
	uint32_t ctl_done;			/* seq last completed */
	uint32_t looping;			/* a loop is launched, atomic */
	uint32_t quit;				/* sn_softnet_quit(), atomic */
	uint32_t online;			/* atomic */
	uint32_t had_loop;
	uint32_t nb_new;			/* pollers added by control */
	struct sn_poller *new_pollers[SN_MAX_POLLERS];

	struct rte_ring *input;			/* input_pkt_queue, MP/SC */
} __rte_cache_aligned;

/* Tunables, by Linux's names; control writes, lcores read. */
struct sn_tunables {
	uint32_t max_backlog;
	uint32_t budget;
	uint32_t budget_usecs;
	uint32_t dev_weight;
	uint32_t flow_limit_table_len;
	uint64_t budget_tsc;	/* budget_usecs in TSC cycles */
};

static struct sn_tunables tun = {
	.max_backlog = SN_MAX_BACKLOG_DEFAULT,
	.budget = SN_BUDGET_DEFAULT,
	.budget_usecs = SN_BUDGET_USECS_DEFAULT,
	.dev_weight = SN_DEV_WEIGHT_DEFAULT,
	.flow_limit_table_len = SN_FLOW_LIMIT_TABLE_LEN_DEFAULT,
};

/* Drops at enqueue per (enqueuing lcore, ingress port): no sharing. */
struct sn_port_drops {
	uint64_t dropped[RTE_MAX_ETHPORTS];
} __rte_cache_aligned;

static struct sn_softnet *sd_of[RTE_MAX_LCORE];
static struct sn_port_drops *port_drops;
static struct rte_rcu_qsbr *qsbr;
static uint32_t backlog_limit;
static sn_deliver_t deliver_fn;
static void *deliver_ctx;
static int main_polls;	/* the main lcore drains its own backlog */

/*
 * With main_polls the main lcore's passes are no RCU reader's: a change
 * is safe only between them, from that same thread. -EPERM otherwise.
 */
static int
ctl_thread_check(void)
{
	if (main_polls && rte_lcore_id() != rte_get_main_lcore()) {
		SN_LOG(ERR, "the main lcore polls (main_polls): configure "
		       "softnet from it, between its passes");
		return -EPERM;
	}
	return 0;
}
static volatile uint16_t flush_port_id;
/* sn_softnet_pause_port(): ports whose pollers poll nothing (atomic) */
static uint8_t port_paused[RTE_MAX_ETHPORTS];
/* sn_softnet_del_port(): the port, and the pollers taken out for the
 * control thread to free once every loop has let them go */
static volatile uint16_t del_port_id;
static struct sn_poller *del_gone[RTE_MAX_LCORE * SN_MAX_POLLERS];
static unsigned int del_ngone;

/* ---------------------------------------------------------------------- */
/* Flow hash: the mbuf's RSS hash, else a software 5-tuple hash (S10).     */

static uint32_t
sw_flow_hash_slow(const struct rte_mbuf *m)
{
	const struct rte_ether_hdr *eth;
	const struct rte_ipv4_hdr *ip4;
	const struct rte_ipv6_hdr *ip6;
	const uint32_t *ports = NULL;
	uint32_t h = 0, off = sizeof(*eth);
	uint16_t type;
	uint8_t proto;

	if (rte_pktmbuf_data_len(m) < sizeof(*eth))
		return 1;	/* a runt is a flow of its own */
	eth = rte_pktmbuf_mtod(m, const struct rte_ether_hdr *);
	type = eth->ether_type;
	if (type == rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV4) &&
	    rte_pktmbuf_data_len(m) >= off + sizeof(*ip4)) {
		ip4 = rte_pktmbuf_mtod_offset(m, const struct rte_ipv4_hdr *,
					      off);
		proto = ip4->next_proto_id;
		h = rte_hash_crc_4byte(ip4->src_addr, proto);
		h = rte_hash_crc_4byte(ip4->dst_addr, h);
		off += rte_ipv4_hdr_len(ip4);
		/* no ports in any fragment, the first one included (the
		 * flow dissector without FLOW_DISSECTOR_F_PARSE_1ST_FRAG):
		 * all of a datagram's fragments hash alike */
		if ((ip4->fragment_offset &
		     rte_cpu_to_be_16(RTE_IPV4_HDR_OFFSET_MASK |
				      RTE_IPV4_HDR_MF_FLAG)) != 0)
			proto = 0;
	} else if (type == rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV6) &&
		   rte_pktmbuf_data_len(m) >= off + sizeof(*ip6)) {
		ip6 = rte_pktmbuf_mtod_offset(m, const struct rte_ipv6_hdr *,
					      off);
		proto = ip6->proto;
		h = rte_hash_crc(ip6->src_addr, 32, proto);
		off += sizeof(*ip6);
	} else {
		/* as the flow dissector's n_proto key: not IP, still a flow */
		h = rte_hash_crc_2byte(type, 0);
		return h == 0 ? 1 : h;
	}
	if ((proto == IPPROTO_TCP || proto == IPPROTO_UDP ||
	     proto == IPPROTO_SCTP) && rte_pktmbuf_data_len(m) >= off + 4)
		ports = rte_pktmbuf_mtod_offset(m, const uint32_t *, off);
	if (ports != NULL)
		h = rte_hash_crc_4byte(*ports, h);
	return h == 0 ? 1 : h;
}

/*
 * The common case first: untagged IPv4 without options, TCP or UDP, not a
 * fragment, in the first segment. Same hash as the slow path.
 */
static inline uint32_t
sw_flow_hash(const struct rte_mbuf *m)
{
	const uint8_t *p = rte_pktmbuf_mtod(m, const uint8_t *);
	uint64_t addrs;
	uint32_t h, ports;
	uint8_t proto;

	if (likely(rte_pktmbuf_data_len(m) >= 38 &&
		   *(const uint16_t *)(p + 12) ==
			rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV4) &&
		   p[14] == 0x45 &&
		   (*(const uint16_t *)(p + 20) &
		    rte_cpu_to_be_16(RTE_IPV4_HDR_OFFSET_MASK |
				     RTE_IPV4_HDR_MF_FLAG)) == 0)) {
		proto = p[23];
		if (likely(proto == IPPROTO_UDP || proto == IPPROTO_TCP)) {
			memcpy(&addrs, p + 26, 8);
			memcpy(&ports, p + 34, 4);
			h = rte_hash_crc_4byte((uint32_t)addrs, proto);
			h = rte_hash_crc_4byte((uint32_t)(addrs >> 32), h);
			h = rte_hash_crc_4byte(ports, h);
			return h == 0 ? 1 : h;
		}
	}
	return sw_flow_hash_slow(m);
}

/* skb_get_hash: computed once, kept in the mbuf like skb->sw_hash. */
static inline uint32_t
flow_hash(struct rte_mbuf *m)
{
	if (!(m->ol_flags & RTE_MBUF_F_RX_RSS_HASH)) {
		m->hash.rss = sw_flow_hash(m);
		m->ol_flags |= RTE_MBUF_F_RX_RSS_HASH;
	}
	return m->hash.rss;
}

/* ---------------------------------------------------------------------- */
/* Enqueue (S4, S5) and wake-ups (S10).                                    */

/* skb_flow_limit: true if the packet's flow has more than half the
 * history while the queue is at least half full. */
static inline bool
flow_limited(struct sn_flow_limit *fl, struct rte_mbuf *m, uint32_t qlen,
	     uint32_t max_backlog)
{
	unsigned int old, new;

	if (fl == NULL || qlen < (max_backlog >> 1))
		return false;
	new = flow_hash(m) & (fl->num_buckets - 1);
	old = fl->history[fl->history_head];
	fl->history[fl->history_head] = new;
	fl->history_head = (fl->history_head + 1) &
			   (SN_FLOW_LIMIT_HISTORY - 1);
	if (fl->buckets[old] != 0)
		fl->buckets[old]--;
	return ++fl->buckets[new] > (SN_FLOW_LIMIT_HISTORY >> 1);
}

/*
 * napi_schedule_rps. A local enqueue schedules the backlog directly; a
 * remote one is found by the owner's next pass, which counts it as a
 * wake-up (received_rps, as rps_trigger_softirq does per IPI).
 */
static inline void
backlog_schedule(struct sn_softnet *self, struct sn_softnet *t)
{
	if (t == self)
		t->local_pending = 1;
}

static uint16_t
enqueue_to_backlog(struct sn_softnet *self, struct sn_softnet *t,
		   struct rte_mbuf **pkts, uint16_t n)
{
	struct rte_mbuf *keep[SN_BURST], *rej[SN_BURST];
	struct sn_flow_limit *fl;
	uint32_t max_backlog, qlen, room;
	uint16_t nk = 0, nr = 0, ok, i;

	fl = self != NULL ?
		__atomic_load_n(&self->flow_limit, __ATOMIC_ACQUIRE) : NULL;
	max_backlog = __atomic_load_n(&tun.max_backlog, __ATOMIC_RELAXED);
	qlen = rte_ring_count(t->input);
	if (likely(fl == NULL)) {
		/* accepted iff qlen <= max_backlog, per packet */
		room = qlen <= max_backlog ? max_backlog + 1 - qlen : 0;
		ok = rte_ring_mp_enqueue_burst(t->input, (void **)pkts,
					       RTE_MIN((uint32_t)n, room),
					       NULL);
	} else {
		for (i = 0; i < n; i++) {
			if (qlen > max_backlog) {
				rej[nr++] = pkts[i];
			} else if (flow_limited(fl, pkts[i], qlen,
						max_backlog)) {
				/* the enqueuer's count, out of the table: a
				 * reader needs no RCU for it */
				self->flow_limit_count++;
				rej[nr++] = pkts[i];
			} else {
				keep[nk++] = pkts[i];
				qlen++;
			}
		}
		ok = rte_ring_mp_enqueue_burst(t->input, (void **)keep, nk,
					       NULL);
		/* pkts = accepted, then refused by the ring, then limited */
		memcpy(pkts, keep, nk * sizeof(*pkts));
		memcpy(pkts + nk, rej, nr * sizeof(*pkts));
	}
	if (unlikely(ok < n))
		__atomic_fetch_add(&t->dropped, n - ok, __ATOMIC_RELAXED);
	if (ok != 0)
		backlog_schedule(self, t);
	return ok;
}

uint16_t
sn_netif_rx(unsigned int self, unsigned int target, struct rte_mbuf **pkts,
	    uint16_t n)
{
	struct sn_softnet *me = self < RTE_MAX_LCORE ? sd_of[self] : NULL;
	struct sn_softnet *t = target < RTE_MAX_LCORE ? sd_of[target] : NULL;
	struct rte_mbuf *rej[SN_BURST];
	uint16_t done = 0, want, k, nrej;

	if (t == NULL)
		return 0;
	while (done < n) {
		want = RTE_MIN(n - done, SN_BURST);
		k = enqueue_to_backlog(me, t, pkts + done, want);
		nrej = want - k;
		if (nrej != 0) {
			/* keep the contract: the refused ones go to the end */
			memcpy(rej, pkts + done + k, nrej * sizeof(*rej));
			memmove(pkts + done + k, pkts + done + want,
				(n - done - want) * sizeof(*pkts));
			memcpy(pkts + n - nrej, rej, nrej * sizeof(*rej));
			n -= nrej;
		}
		done += k;
	}
	return done;
}

uint16_t
sn_softnet_lo_input(void *ctx __rte_unused, uint16_t port, uint16_t queue,
		    struct rte_mbuf **pkts, uint16_t n)
{
	uint16_t i;

	/* eth_type_trans: the packet now comes from lo */
	for (i = 0; i < n; i++)
		pkts[i]->port = port;
	return sn_netif_rx(queue, queue, pkts, n);
}

/* ---------------------------------------------------------------------- */
/* Polling: pollers (ports) and the backlog (S6), net_rx_action (S8).      */

static inline void
deliver(struct sn_softnet *sd, struct rte_mbuf **pkts, uint16_t n)
{
	sd->processed += n;
	if (deliver_fn != NULL)
		deliver_fn(deliver_ctx, sd->lcore, pkts, n);
	else
		rte_pktmbuf_free_bulk(pkts, n);
}

/* get_rps_cpu: the target lcore, or -1 to process here. */
static inline int
rps_target(const struct sn_rps_map *map, struct rte_mbuf *m)
{
	uint32_t h = flow_hash(m);
	unsigned int c;

	if (h == 0)
		return -1;
	c = map->lcores[((uint64_t)h * map->len) >> 32];
	if (!__atomic_load_n(&sd_of[c]->online, __ATOMIC_RELAXED))
		return -1;
	return c;
}

/*
 * get_rps_cpu steers only packets with a non-zero hash. The software hash
 * is never 0, so only a NIC's RSS hash of 0 keeps a packet here, and the
 * answer needs no look at the packet's data.
 */
static inline bool
hashable(const struct rte_mbuf *m)
{
	return !(m->ol_flags & RTE_MBUF_F_RX_RSS_HASH) || m->hash.rss != 0;
}

static void
rps_enqueue(struct sn_softnet *sd, uint16_t port, struct sn_softnet *t,
	    struct rte_mbuf **grp, uint16_t ng)
{
	uint16_t ok = enqueue_to_backlog(sd, t, grp, ng);

	if (unlikely(ok < ng)) {
		port_drops[sd->lcore].dropped[port] += ng - ok;
		rte_pktmbuf_free_bulk(grp + ok, ng - ok);
	}
}

/*
 * A map of one lcore: which lcore does not depend on the hash, only
 * whether it is 0 (get_rps_cpu processes those locally), so the hash
 * itself is left for whoever needs it (the flow limit).
 */
static void
rps_steer_one(struct sn_softnet *sd, uint16_t port, unsigned int target,
	      struct rte_mbuf **pkts, uint16_t n, bool all_hashable)
{
	struct rte_mbuf *grp[SN_BURST], *local[SN_BURST];
	uint16_t i, ng = 0, nl = 0;

	if (!__atomic_load_n(&sd_of[target]->online, __ATOMIC_RELAXED)) {
		deliver(sd, pkts, n);
		return;
	}
	if (likely(all_hashable)) {
		rps_enqueue(sd, port, sd_of[target], pkts, n);
		return;
	}
	for (i = 0; i < n; i++) {
		if (hashable(pkts[i]))
			grp[ng++] = pkts[i];
		else
			local[nl++] = pkts[i];
	}
	if (ng != 0)
		rps_enqueue(sd, port, sd_of[target], grp, ng);
	if (nl != 0)
		deliver(sd, local, nl);
}

static void
rps_steer(struct sn_softnet *sd, uint16_t port, const struct sn_rps_map *map,
	  struct rte_mbuf **pkts, uint16_t n)
{
	struct rte_mbuf *grp[SN_BURST], *local[SN_BURST];
	int tgt[SN_BURST];
	uint16_t i, j, ng, nl = 0;
	bool done[SN_BURST] = { false };

	/* the headers of the whole burst, before hashing any */
	for (i = 0; i < n; i++)
		rte_prefetch0(rte_pktmbuf_mtod(pkts[i], void *));
	for (i = 0; i < n; i++)
		tgt[i] = rps_target(map, pkts[i]);
	/* one enqueue per target, in arrival order within each */
	for (i = 0; i < n; i++) {
		if (done[i])
			continue;
		if (tgt[i] < 0) {
			local[nl++] = pkts[i];
			continue;
		}
		ng = 0;
		for (j = i; j < n; j++) {
			if (!done[j] && tgt[j] == tgt[i]) {
				grp[ng++] = pkts[j];
				done[j] = true;
			}
		}
		rps_enqueue(sd, port, sd_of[tgt[i]], grp, ng);
	}
	if (nl != 0)
		deliver(sd, local, nl);
}

/* Stored only when it differs: the line may be another core's. */
static inline void
set_port(struct rte_mbuf *m, uint16_t port)
{
	if (unlikely(m->port != port))
		m->port = port;
}

static unsigned int
poll_port(struct sn_softnet *sd, struct sn_poller *p, unsigned int quota)
{
	struct rte_mbuf *pkts[SN_BURST];
	struct sn_rps_map *map;
	unsigned int work = 0, unhashable;
	uint16_t n, want, i;
	bool fix = __atomic_load_n(&p->fix_port, __ATOMIC_RELAXED);
	bool one, check_hash;

	if (unlikely(__atomic_load_n(&port_paused[p->port],
				     __ATOMIC_RELAXED)))
		return 0;	/* napi_disable'd: no rx burst */
	map = __atomic_load_n(&p->rps, __ATOMIC_ACQUIRE);
	/* a one-lcore map steers by hash != 0 alone (rps_steer_one); the
	 * others hash each packet anyway (rps_target) */
	one = map != NULL && map->len == 1;
	check_hash = one && p->rss;
	while (work < quota) {
		want = RTE_MIN(quota - work, (unsigned int)SN_BURST);
		n = rte_eth_rx_burst(p->port, p->queue, pkts, want);
		if (n == 0)
			break;
		work += n;
		/* skb->dev: not every PMD sets it (net_ring does not), and
		 * flush (S11) and the datapath go by it. A port whose mbufs
		 * need neither it nor a hash check is passed on untouched:
		 * a pass over a burst's mbufs costs the handoff a fifth */
		unhashable = 0;
		if (fix || check_hash)	/* one pass does both */
			for (i = 0; i < n; i++) {
				if (fix)
					set_port(pkts[i], p->port);
				if (check_hash)
					unhashable |= !hashable(pkts[i]);
			}
		if (one)
			rps_steer_one(sd, p->port, map->lcores[0], pkts, n,
				      !unhashable);
		else if (map != NULL)
			rps_steer(sd, p->port, map, pkts, n);
		else	/* netif_receive_skb inline */
			deliver(sd, pkts, n);
		if (n < want)
			break;
	}
	return work;
}

static inline uint32_t
pq_len(const struct sn_softnet *sd)
{
	uint32_t head = sd->pq_head, tail = sd->pq_tail;

	/* read from another thread, the pair may be mid-update */
	return tail >= head ? tail - head : 0;
}

/*
 * The process queue's batch from pq[from]: those mbufs were last written
 * by the lcore that enqueued them, so their first lines are in its cache;
 * asking for them a batch ahead overlaps those transfers with the work on
 * the batch before instead of meeting them one by one.
 */
static inline void
prefetch_batch(const struct sn_softnet *sd, uint32_t from)
{
	uint32_t i, end = RTE_MIN(sd->pq_tail, from + SN_BURST);

	for (i = from; i < end; i++)
		rte_prefetch0(sd->pq[i]);
}

/* Move all of input_pkt_queue to the tail of process_queue. */
static void
backlog_splice(struct sn_softnet *sd)
{
	uint32_t len = pq_len(sd), from;

	if (sd->pq_head != 0) {
		memmove(sd->pq, sd->pq + sd->pq_head, len * sizeof(*sd->pq));
		sd->pq_head = 0;
		sd->pq_tail = len;
	}
	from = sd->pq_tail;
	sd->pq_tail += rte_ring_sc_dequeue_burst(sd->input,
			(void **)(sd->pq + sd->pq_tail),
			sd->pq_size - sd->pq_tail, NULL);
	prefetch_batch(sd, from);	/* the first batch of what came in */
}

/* process_backlog (S6) */
static unsigned int
process_backlog(struct sn_softnet *sd, unsigned int quota)
{
	unsigned int work = 0, n;

	for (;;) {
		while (pq_len(sd) != 0) {
			n = RTE_MIN(pq_len(sd), quota - work);
			n = RTE_MIN(n, (unsigned int)SN_BURST);
			prefetch_batch(sd, sd->pq_head + n);
			deliver(sd, sd->pq + sd->pq_head, n);
			sd->pq_head += n;
			work += n;
			if (work >= quota)
				return work;
		}
		sd->pq_head = sd->pq_tail = 0;
		sd->process_queue_empty++;
		if (rte_ring_empty(sd->input)) {
			sd->backlog_sched = 0;	/* napi complete */
			return work;
		}
		backlog_splice(sd);
	}
}

/* Pollers added by the control thread since the last pass. */
static void
adopt_pollers(struct sn_softnet *sd)
{
	uint32_t n = __atomic_load_n(&sd->nb_new, __ATOMIC_ACQUIRE);
	uint32_t i;

	if (likely(n == 0))
		return;
	for (i = 0; i < n; i++)
		sd->pollers[sd->nb_pollers + i] = sd->new_pollers[i];
	__atomic_store_n(&sd->nb_pollers, sd->nb_pollers + n,
			 __ATOMIC_RELEASE);
	__atomic_store_n(&sd->nb_new, 0, __ATOMIC_RELEASE);
}

unsigned int
sn_softnet_rx_action(unsigned int lcore)
{
	struct sn_softnet *sd = sd_of[lcore];
	unsigned int n_napi, k, idx, work, total = 0;
	uint64_t time_limit, budget_tsc;
	int budget;

	adopt_pollers(sd);
	if (!sd->backlog_sched && !rte_ring_empty(sd->input)) {
		sd->backlog_sched = 1;
		if (!sd->local_pending)
			sd->received_rps++;	/* woken by another lcore */
	}
	sd->local_pending = 0;

	budget = (int)__atomic_load_n(&tun.budget, __ATOMIC_RELAXED);
	budget_tsc = __atomic_load_n(&tun.budget_tsc, __ATOMIC_RELAXED);
	/* the clock starts at the end of the first poll that had work: an
	 * idle pass reads no TSC, a busy one a read less (a TSC read costs
	 * a VM ~30 cycles); Linux's limit is in jiffies, far coarser than
	 * the one poll this leaves out */
	time_limit = 0;

	/* poll list: the pollers, then the backlog; after a squeeze the
	 * next pass starts where this one stopped (S8's order) */
	n_napi = sd->nb_pollers + 1;
	idx = sd->next < n_napi ? sd->next : 0;
	for (k = 0; k < n_napi; k++, idx = idx + 1 < n_napi ? idx + 1 : 0) {
		if (idx == sd->nb_pollers) {
			if (!sd->backlog_sched)
				continue;
			/* S6: the weight is read at each poll */
			work = process_backlog(sd, __atomic_load_n(
					&tun.dev_weight, __ATOMIC_RELAXED));
		} else {
			struct sn_poller *p = sd->pollers[idx];

			work = poll_port(sd, p, p->weight);
		}
		total += work;
		budget -= work;
		/* an idle poll takes no time worth reading the TSC for, and
		 * squeezes nothing (Linux counts only with a napi that had
		 * work, even at budget_usecs 0) */
		if (work == 0)
			continue;	/* the budget is what it was: > 0 */
		if (budget > 0 && budget_tsc != 0) {
			if (time_limit == 0) {
				time_limit = rte_rdtsc() + budget_tsc;
				continue;
			}
			if (likely(rte_rdtsc() < time_limit))
				continue;
		}
		sd->time_squeeze++;
		sd->next = idx + 1 < n_napi ? idx + 1 : 0;
		break;
	}
	return total;
}

/* ---------------------------------------------------------------------- */
/* Flush (S11) and lcore stop (S12).                                       */

static void
flush_local(struct sn_softnet *sd, uint16_t port)
{
	uint32_t i, k;

	/* Deviation: survivors of the input queue move to the process queue
	 * (no pointer can be unlinked from the middle of an rte_ring). */
	backlog_splice(sd);
	k = sd->pq_head;
	for (i = sd->pq_head; i < sd->pq_tail; i++) {
		if (sd->pq[i]->port == port)
			rte_pktmbuf_free(sd->pq[i]);
		else
			sd->pq[k++] = sd->pq[i];
	}
	sd->pq_tail = k;
	if (pq_len(sd) != 0)
		sd->backlog_sched = 1;
}

/* napi_disable for every poller of a port on sd's list: by its owner
 * (or for it, when no loop runs); the pollers go to del_gone[]. */
static void
pollers_drop(struct sn_softnet *sd, uint16_t port)
{
	unsigned int i, k = 0;

	adopt_pollers(sd);
	for (i = 0; i < sd->nb_pollers; i++) {
		if (sd->pollers[i]->port == port)
			del_gone[del_ngone++] = sd->pollers[i];
		else
			sd->pollers[k++] = sd->pollers[i];
	}
	__atomic_store_n(&sd->nb_pollers, k, __ATOMIC_RELEASE);
	if (sd->next > k)
		sd->next = 0;
}

/* What a flush or del request does: by the lcore's loop between its
 * passes, or by the control thread for an lcore with no loop. A sync
 * request does nothing: that the loop is between passes is the answer. */
static void
ctl_act(struct sn_softnet *sd, uint32_t req)
{
	if (req == CTL_FLUSH)
		flush_local(sd, flush_port_id);
	else if (req == CTL_DEL)
		pollers_drop(sd, del_port_id);
}

static void
handle_ctl(struct sn_softnet *sd)
{
	uint32_t req = __atomic_load_n(&sd->ctl_req, __ATOMIC_ACQUIRE);
	uint32_t seq;

	if (likely(req != CTL_FLUSH && req != CTL_DEL && req != CTL_SYNC))
		return;	/* CTL_STOP is answered by the loop returning */
	/* taken before it is acted on: the control thread withdraws only
	 * a request no loop took (ctl_request), and makes no other until
	 * this one is done, so the sequence read after taking it is its
	 * own (the control thread counts it before it asks) */
	if (!__atomic_compare_exchange_n(&sd->ctl_req, &req, CTL_NONE, false,
					 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		return;
	seq = __atomic_load_n(&sd->ctl_seq, __ATOMIC_ACQUIRE);
	ctl_act(sd, req);
	__atomic_store_n(&sd->ctl_done, seq, __ATOMIC_RELEASE);
}

static int
lcore_loop(void *arg __rte_unused)
{
	unsigned int lcore = rte_lcore_id();
	struct sn_softnet *sd = lcore < RTE_MAX_LCORE ? sd_of[lcore] : NULL;

	if (sd == NULL)
		return -EINVAL;
	rte_rcu_qsbr_thread_online(qsbr, lcore);
	while (!__atomic_load_n(&sd->quit, __ATOMIC_RELAXED) &&
	       __atomic_load_n(&sd->ctl_req, __ATOMIC_ACQUIRE) != CTL_STOP) {
		handle_ctl(sd);
		sn_softnet_rx_action(lcore);
		rte_rcu_qsbr_quiescent(qsbr, lcore);
	}
	rte_rcu_qsbr_thread_offline(qsbr, lcore);
	__atomic_store_n(&sd->looping, 0, __ATOMIC_RELEASE);
	return 0;
}

int
sn_softnet_launch(unsigned int lcore)
{
	struct sn_softnet *sd = lcore < RTE_MAX_LCORE ? sd_of[lcore] : NULL;
	int ret;

	if (sd == NULL || lcore == rte_get_main_lcore())
		return -EINVAL;
	if (!__atomic_load_n(&sd->online, __ATOMIC_ACQUIRE))
		return -ENODEV;	/* an offline CPU runs no softirq */
	if (__atomic_load_n(&sd->looping, __ATOMIC_ACQUIRE))
		return -EBUSY;
	/*
	 * Both before the launch: a quit after it cannot be missed, and a
	 * request (flush, stop) made before the thread runs waits for it.
	 */
	__atomic_store_n(&sd->quit, 0, __ATOMIC_RELEASE);
	__atomic_store_n(&sd->had_loop, 1, __ATOMIC_RELAXED);
	__atomic_store_n(&sd->looping, 1, __ATOMIC_RELEASE);
	ret = rte_eal_remote_launch(lcore_loop, NULL, lcore);
	if (ret != 0)
		__atomic_store_n(&sd->looping, 0, __ATOMIC_RELEASE);
	return ret;
}

void
sn_softnet_quit(void)
{
	unsigned int l;

	/* every loop ends: none is resumed by a later lcore start */
	for (l = 0; l < RTE_MAX_LCORE; l++)
		if (sd_of[l] != NULL) {
			__atomic_store_n(&sd_of[l]->had_loop, 0,
					 __ATOMIC_RELAXED);
			__atomic_store_n(&sd_of[l]->quit, 1, __ATOMIC_RELEASE);
		}
}

/*
 * Ask a running loop to act, and wait up to a second. A request that
 * times out is withdrawn if the loop has not taken it; one it has taken
 * is waited for to the end (the loop is acting on it).
 */
static int
ctl_request(struct sn_softnet *sd, uint32_t req)
{
	uint64_t deadline = rte_get_tsc_cycles() + rte_get_tsc_hz();
	uint32_t seq = __atomic_add_fetch(&sd->ctl_seq, 1, __ATOMIC_ACQ_REL);
	uint32_t expected;

	__atomic_store_n(&sd->ctl_req, req, __ATOMIC_RELEASE);
	for (;;) {
		if (!__atomic_load_n(&sd->looping, __ATOMIC_ACQUIRE))
			break;	/* no loop (left): the caller acts itself */
		if (req != CTL_STOP &&
		    (int32_t)(__atomic_load_n(&sd->ctl_done,
					      __ATOMIC_ACQUIRE) - seq) >= 0)
			return 0;
		if (rte_get_tsc_cycles() > deadline) {
			expected = req;
			if (__atomic_compare_exchange_n(&sd->ctl_req,
					&expected, CTL_NONE, false,
					__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
				return -ETIMEDOUT;
			/* taken: the loop is acting on it */
		}
		rte_pause();
	}
	__atomic_store_n(&sd->ctl_req, CTL_NONE, __ATOMIC_RELEASE);
	ctl_act(sd, req);
	return 0;
}

/* A flush or del request done on every lcore: by its running loop, else
 * here; what names the work for the log of a loop that did not answer. */
static int
ctl_all(uint32_t req, const char *what, uint16_t port)
{
	unsigned int lcore;
	int ret = 0;

	for (lcore = 0; lcore < RTE_MAX_LCORE; lcore++) {
		struct sn_softnet *sd = sd_of[lcore];

		if (sd == NULL)
			continue;
		if (!__atomic_load_n(&sd->looping, __ATOMIC_ACQUIRE)) {
			ctl_act(sd, req);
		} else if (ctl_request(sd, req) != 0) {
			SN_LOG(ERR, "lcore %u did not %s port %u within a "
			       "second", lcore, what, port);
			ret = -ETIMEDOUT;
		}
	}
	return ret;
}

int
sn_softnet_flush_port(uint16_t port)
{
	int ret;

	ret = ctl_thread_check();
	if (ret != 0)
		return ret;
	flush_port_id = port;
	return ctl_all(CTL_FLUSH, "flush", port);
}

int
sn_softnet_pause_port(uint16_t port, bool pause)
{
	int ret;

	if (port >= RTE_MAX_ETHPORTS)
		return -EINVAL;
	ret = ctl_thread_check();
	if (ret != 0)
		return ret;
	__atomic_store_n(&port_paused[port], pause, __ATOMIC_RELEASE);
	if (!pause)
		return 0;
	/* each running loop between two passes: any burst it took from
	 * the port has been passed on, and its next passes see the flag */
	ret = ctl_all(CTL_SYNC, "pause", port);
	if (ret != 0)
		__atomic_store_n(&port_paused[port], 0, __ATOMIC_RELEASE);
	return ret;
}

bool
sn_softnet_port_paused(uint16_t port)
{
	return port < RTE_MAX_ETHPORTS &&
	       __atomic_load_n(&port_paused[port], __ATOMIC_ACQUIRE);
}

int
sn_softnet_del_port(uint16_t port)
{
	unsigned int i;
	int ret;

	ret = ctl_thread_check();
	if (ret != 0)
		return ret;
	del_port_id = port;
	del_ngone = 0;
	/* each owner adopts its new pollers before it drops them */
	ret = ctl_all(CTL_DEL, "let go of", port);
	/* no loop polls them now, nor reads their RPS maps */
	for (i = 0; i < del_ngone; i++) {
		rte_free(del_gone[i]->rps);
		rte_free(del_gone[i]);
	}
	del_ngone = 0;
	return ret;
}

unsigned int
sn_softnet_drain(unsigned int lcore)
{
	struct sn_softnet *sd = lcore < RTE_MAX_LCORE ? sd_of[lcore] : NULL;

	if (sd == NULL || __atomic_load_n(&sd->looping, __ATOMIC_ACQUIRE) ||
	    (pq_len(sd) == 0 && rte_ring_empty(sd->input)))
		return 0;
	sd->backlog_sched = 1;
	/* what it holds now: what delivery queues again waits for a call */
	return process_backlog(sd, pq_len(sd) + rte_ring_count(sd->input));
}

/* The survivor: an online lcore with a loop running, else any online. */
static unsigned int
first_online(unsigned int except)
{
	unsigned int l, any = RTE_MAX_LCORE;

	for (l = 0; l < RTE_MAX_LCORE; l++) {
		if (l == except || sd_of[l] == NULL ||
		    !__atomic_load_n(&sd_of[l]->online, __ATOMIC_ACQUIRE))
			continue;
		if (__atomic_load_n(&sd_of[l]->looping, __ATOMIC_ACQUIRE))
			return l;
		if (any == RTE_MAX_LCORE)
			any = l;
	}
	return any;
}

/*
 * The poller of (port, queue), wherever it is. Pollers waiting for
 * adoption are scanned first: adopt_pollers() appends to pollers before
 * it empties new_pollers, so a poller is always seen in one of them.
 */
static const struct sn_poller *
poller_of(uint16_t port, uint16_t queue)
{
	unsigned int l, i, n;

	for (l = 0; l < RTE_MAX_LCORE; l++) {
		struct sn_softnet *sd = sd_of[l];

		if (sd == NULL)
			continue;
		n = __atomic_load_n(&sd->nb_new, __ATOMIC_ACQUIRE);
		for (i = 0; i < n; i++)
			if (sd->new_pollers[i]->port == port &&
			    sd->new_pollers[i]->queue == queue)
				return sd->new_pollers[i];
		n = __atomic_load_n(&sd->nb_pollers, __ATOMIC_ACQUIRE);
		for (i = 0; i < n; i++)
			if (sd->pollers[i]->port == port &&
			    sd->pollers[i]->queue == queue)
				return sd->pollers[i];
	}
	return NULL;
}

/* Re-inject one packet from a dead lcore as netif_rx would (S12). */
static int
reinject(struct sn_softnet *dead, unsigned int survivor, struct rte_mbuf *m,
	 unsigned int *dropped)
{
	struct sn_rps_map *map = NULL;
	const struct sn_poller *p;
	int tgt = -1;

	/* the packet's own rx queue is unknown; its port's queue 0 map is
	 * the best guess, as lo and most virtual ports have one queue */
	p = poller_of(m->port, 0);
	if (p != NULL)
		map = __atomic_load_n(&p->rps, __ATOMIC_ACQUIRE);
	if (map != NULL)
		tgt = rps_target(map, m);
	if (tgt < 0)
		tgt = survivor;
	if (enqueue_to_backlog(dead, sd_of[tgt], &m, 1) == 1)
		return 0;
	if (m->port < RTE_MAX_ETHPORTS)
		port_drops[dead->lcore].dropped[m->port]++;
	rte_pktmbuf_free(m);
	(*dropped)++;
	return -1;
}

static int
wait_adopted(struct sn_softnet *sd)
{
	uint64_t deadline = rte_get_tsc_cycles() + rte_get_tsc_hz();

	while (__atomic_load_n(&sd->nb_new, __ATOMIC_ACQUIRE) != 0) {
		if (!__atomic_load_n(&sd->looping, __ATOMIC_ACQUIRE)) {
			adopt_pollers(sd);
			break;
		}
		if (rte_get_tsc_cycles() > deadline)
			return -ETIMEDOUT;
		rte_pause();
	}
	return 0;
}

int
sn_softnet_lcore_stop(unsigned int lcore, unsigned int *moved,
		      unsigned int *dropped)
{
	struct sn_softnet *sd, *surv;
	struct rte_mbuf *m = NULL;
	unsigned int survivor, i, nmoved = 0, ndrop = 0;
	int ret;

	ret = ctl_thread_check();
	if (ret != 0)
		return ret;
	if (lcore >= RTE_MAX_LCORE || sd_of[lcore] == NULL)
		return -EINVAL;
	sd = sd_of[lcore];
	if (!__atomic_load_n(&sd->online, __ATOMIC_ACQUIRE))
		return -EALREADY;
	survivor = first_online(lcore);
	if (survivor == RTE_MAX_LCORE)
		return -EBUSY;
	surv = sd_of[survivor];
	ret = wait_adopted(surv);
	if (ret != 0)
		return ret;
	if (surv->nb_pollers + sd->nb_pollers +
	    __atomic_load_n(&sd->nb_new, __ATOMIC_ACQUIRE) > SN_MAX_POLLERS)
		return -ENOSPC;

	/* No new RPS target picks it once every loop has seen this. */
	__atomic_store_n(&sd->online, 0, __ATOMIC_RELEASE);
	if (__atomic_load_n(&sd->looping, __ATOMIC_ACQUIRE)) {
		ret = ctl_request(sd, CTL_STOP);
		if (ret != 0) {
			__atomic_store_n(&sd->online, 1, __ATOMIC_RELEASE);
			return ret;
		}
	}
	rte_rcu_qsbr_synchronize(qsbr, RTE_QSBR_THRID_INVALID);

	/* Its pollers go to the survivor (dev_cpu_dead moves the napis). */
	adopt_pollers(sd);
	for (i = 0; i < sd->nb_pollers; i++)
		surv->new_pollers[i] = sd->pollers[i];
	__atomic_store_n(&surv->nb_new, sd->nb_pollers, __ATOMIC_RELEASE);
	sd->nb_pollers = 0;
	sd->next = 0;
	wait_adopted(surv);

	/* Process queue first, then input queue, through netif_rx. */
	for (i = sd->pq_head; i < sd->pq_tail; i++, nmoved++)
		reinject(sd, survivor, sd->pq[i], &ndrop);
	sd->pq_head = sd->pq_tail = 0;
	while (rte_ring_sc_dequeue(sd->input, (void **)&m) == 0) {
		reinject(sd, survivor, m, &ndrop);
		nmoved++;
	}
	sd->backlog_sched = 0;
	if (moved != NULL)
		*moved = nmoved;
	if (dropped != NULL)
		*dropped = ndrop;
	SN_LOG(INFO, "lcore %u offline: %u packets re-injected, %u dropped",
	       lcore, nmoved, ndrop);
	return 0;
}

/*
 * The rx queues first given to lcore (offline, so not polling) come back
 * from the lcores that took them over; a holder with a loop pauses it for
 * the move (its queues wait meanwhile), as lcore stop does.
 */
static int
pollers_home(unsigned int lcore)
{
	struct sn_softnet *sd = sd_of[lcore], *o;
	unsigned int l, i, k, n;
	bool loop;
	int ret;

	for (l = 0; l < RTE_MAX_LCORE; l++) {
		o = sd_of[l];
		if (o == NULL || l == lcore)
			continue;
		ret = wait_adopted(o);
		if (ret != 0)
			return ret;
		for (i = 0, n = 0; i < o->nb_pollers; i++)
			n += o->pollers[i]->home == lcore;
		if (n == 0)
			continue;
		if (sd->nb_pollers + n > SN_MAX_POLLERS)
			return -ENOSPC;
		loop = __atomic_load_n(&o->looping, __ATOMIC_ACQUIRE);
		if (loop) {
			ret = ctl_request(o, CTL_STOP);
			if (ret != 0)
				return ret;
			rte_eal_wait_lcore(l);
		}
		for (i = 0, k = 0; i < o->nb_pollers; i++) {
			struct sn_poller *p = o->pollers[i];

			if (p->home == lcore)
				sd->pollers[sd->nb_pollers++] = p;
			else
				o->pollers[k++] = p;
		}
		o->nb_pollers = k;
		o->next = 0;
		if (loop) {
			ret = sn_softnet_launch(l);
			if (ret != 0)
				return ret;
		}
	}
	return 0;
}

int
sn_softnet_lcore_start(unsigned int lcore)
{
	struct sn_softnet *sd;
	int ret;

	ret = ctl_thread_check();
	if (ret != 0)
		return ret;
	if (lcore >= RTE_MAX_LCORE || sd_of[lcore] == NULL)
		return -EINVAL;
	sd = sd_of[lcore];
	if (__atomic_load_n(&sd->online, __ATOMIC_ACQUIRE))
		return -EALREADY;
	ret = pollers_home(lcore);
	if (ret != 0)
		SN_LOG(ERR, "lcore %u: not all its rx queues came home: %s",
		       lcore, strerror(-ret));
	__atomic_store_n(&sd->online, 1, __ATOMIC_RELEASE);
	/* a loop that lcore stop ended resumes; not one that a quit ended,
	 * nor on an lcore busy with something else (the caller's) */
	if (__atomic_load_n(&sd->had_loop, __ATOMIC_RELAXED) &&
	    lcore != rte_get_main_lcore() &&
	    !__atomic_load_n(&sd->looping, __ATOMIC_ACQUIRE)) {
		/* the loop that stop ended clears looping just before it
		 * returns: give its thread a second to get there */
		uint64_t deadline = rte_get_tsc_cycles() + rte_get_tsc_hz();

		while (rte_eal_get_lcore_state(lcore) == RUNNING &&
		       rte_get_tsc_cycles() < deadline)
			rte_pause();
		if (rte_eal_get_lcore_state(lcore) == RUNNING) {
			SN_LOG(ERR, "lcore %u runs something else: its loop "
			       "is not resumed", lcore);
			return -EBUSY;
		}
		rte_eal_wait_lcore(lcore);
		return sn_softnet_launch(lcore);
	}
	return 0;
}

int
sn_softnet_lcore_online(unsigned int lcore)
{
	return lcore < RTE_MAX_LCORE && sd_of[lcore] != NULL &&
	       __atomic_load_n(&sd_of[lcore]->online, __ATOMIC_ACQUIRE);
}

/* ---------------------------------------------------------------------- */
/* Setup.                                                                  */

static uint64_t
usecs_to_tsc(uint32_t usecs)
{
	return (uint64_t)usecs * rte_get_tsc_hz() / 1000000;
}

static void
sd_free(struct sn_softnet *sd)
{
	uint32_t i;
	struct rte_mbuf *m = NULL;

	if (sd == NULL)
		return;
	for (i = sd->pq_head; i < sd->pq_tail; i++)
		rte_pktmbuf_free(sd->pq[i]);
	if (sd->input != NULL) {
		while (rte_ring_sc_dequeue(sd->input, (void **)&m) == 0)
			rte_pktmbuf_free(m);
		rte_ring_free(sd->input);
	}
	for (i = 0; i < sd->nb_pollers; i++) {
		rte_free(sd->pollers[i]->rps);
		rte_free(sd->pollers[i]);
	}
	for (i = 0; i < sd->nb_new; i++) {
		rte_free(sd->new_pollers[i]->rps);
		rte_free(sd->new_pollers[i]);
	}
	rte_free(sd->flow_limit);
	rte_free(sd->pq);
	rte_free(sd);
}

int
sn_softnet_init(const struct sn_softnet_conf *conf)
{
	char name[RTE_RING_NAMESIZE];
	unsigned int lcore;
	struct sn_softnet *sd;
	size_t sz;
	int socket;

	if (port_drops != NULL)
		return -EEXIST;
	backlog_limit = conf != NULL && conf->backlog_limit != 0 ?
			conf->backlog_limit : SN_BACKLOG_LIMIT_DEFAULT;
	if (backlog_limit < 1 || backlog_limit > (1u << 24))
		return -EINVAL;
	deliver_fn = conf != NULL ? conf->deliver : NULL;
	deliver_ctx = conf != NULL ? conf->deliver_ctx : NULL;
	main_polls = conf != NULL && conf->main_polls;
	tun.max_backlog = RTE_MIN((uint32_t)SN_MAX_BACKLOG_DEFAULT,
				  backlog_limit);
	tun.budget_tsc = usecs_to_tsc(tun.budget_usecs);

	port_drops = rte_zmalloc("sn_port_drops",
				 sizeof(*port_drops) * RTE_MAX_LCORE,
				 RTE_CACHE_LINE_SIZE);
	sz = rte_rcu_qsbr_get_memsize(RTE_MAX_LCORE);
	qsbr = rte_zmalloc("sn_softnet_qsbr", sz, RTE_CACHE_LINE_SIZE);
	if (port_drops == NULL || qsbr == NULL)
		goto nomem;
	rte_rcu_qsbr_init(qsbr, RTE_MAX_LCORE);

	RTE_LCORE_FOREACH(lcore) {
		socket = rte_lcore_to_socket_id(lcore);
		sd = rte_zmalloc_socket("sn_softnet", sizeof(*sd),
					RTE_CACHE_LINE_SIZE, socket);
		if (sd == NULL)
			goto nomem;
		sd_of[lcore] = sd;
		sd->lcore = lcore;
		/* a flush splices the input queue onto a non-empty one */
		sd->pq_size = 2 * (backlog_limit + 1);
		sd->pq = rte_malloc_socket("sn_pq",
				sd->pq_size * sizeof(*sd->pq),
				RTE_CACHE_LINE_SIZE, socket);
		snprintf(name, sizeof(name), "sn_input_%u", lcore);
		/* max_backlog + 1 packets fit, whatever max_backlog is */
		sd->input = rte_ring_create(name, backlog_limit + 1, socket,
					    RING_F_SC_DEQ | RING_F_EXACT_SZ);
		if (sd->pq == NULL || sd->input == NULL)
			goto nomem;
		sd->online = 1;
		rte_rcu_qsbr_thread_register(qsbr, lcore);
	}
	return 0;

nomem:
	SN_LOG(ERR, "cannot allocate softnet state: %s",
	       rte_strerror(rte_errno));
	sn_softnet_fini();
	return -ENOMEM;
}

void
sn_softnet_fini(void)
{
	unsigned int lcore;

	for (lcore = 0; lcore < RTE_MAX_LCORE; lcore++) {
		sd_free(sd_of[lcore]);
		sd_of[lcore] = NULL;
	}
	rte_free(port_drops);
	port_drops = NULL;
	rte_free(qsbr);
	qsbr = NULL;
	tun = (struct sn_tunables){
		.max_backlog = SN_MAX_BACKLOG_DEFAULT,
		.budget = SN_BUDGET_DEFAULT,
		.budget_usecs = SN_BUDGET_USECS_DEFAULT,
		.dev_weight = SN_DEV_WEIGHT_DEFAULT,
		.flow_limit_table_len = SN_FLOW_LIMIT_TABLE_LEN_DEFAULT,
	};
}

struct rte_rcu_qsbr *
sn_softnet_qsbr(void)
{
	return qsbr;
}

/*
 * The PMDs known to set mbuf->port on rx (checked in DPDK 22.11's
 * sources), and PCI NICs', as ethdev asks of them. Not net_ring,
 * net_bonding (the member's port) or net_loopback standalone, which hand
 * mbufs on as they were sent, nor virtio (its vectorized packed-ring rx
 * leaves the port unset); unknown ones are fixed too.
 */
static bool
pmd_sets_port(uint16_t port)
{
	static const char *const drivers[] = { "net_null", "net_pcap",
		"net_tap", "net_memif", "net_af_packet", "net_vhost" };
	struct rte_eth_dev_info info;
	const struct rte_bus *bus;
	unsigned int i;

	if (rte_eth_dev_info_get(port, &info) != 0)
		return false;
	if (info.driver_name != NULL &&
	    strncmp(info.driver_name, "net_virtio", 10) == 0)
		return false;
	bus = info.device != NULL ? rte_dev_bus(info.device) : NULL;
	if (bus != NULL && strcmp(rte_bus_name(bus), "pci") == 0)
		return true;
	for (i = 0; i < RTE_DIM(drivers); i++)
		if (info.driver_name != NULL &&
		    strcmp(info.driver_name, drivers[i]) == 0)
			return true;
	return false;
}

/* The port may deliver RSS hashes: configured for RSS or its hash. */
static bool
port_gives_rss(uint16_t port)
{
	struct rte_eth_conf conf;

	if (rte_eth_dev_conf_get(port, &conf) != 0)
		return true;
	return (conf.rxmode.mq_mode & RTE_ETH_MQ_RX_RSS_FLAG) != 0 ||
	       (conf.rxmode.offloads & RTE_ETH_RX_OFFLOAD_RSS_HASH) != 0;
}

int
sn_softnet_rxq_port_set(uint16_t port, uint16_t queue, bool is_set)
{
	struct sn_poller *p = (struct sn_poller *)(uintptr_t)
			      poller_of(port, queue);

	if (p == NULL)
		return -ENOENT;
	__atomic_store_n(&p->fix_port, !is_set, __ATOMIC_RELAXED);
	return 0;
}

int
sn_softnet_add_rxq(unsigned int lcore, uint16_t port, uint16_t queue)
{
	struct sn_softnet *sd;
	struct sn_poller *p;
	uint32_t n;
	int ret;

	ret = ctl_thread_check();
	if (ret != 0)
		return ret;
	if (lcore >= RTE_MAX_LCORE || sd_of[lcore] == NULL ||
	    !rte_eth_dev_is_valid_port(port))
		return -EINVAL;
	if (poller_of(port, queue) != NULL)
		return -EEXIST;
	sd = sd_of[lcore];
	if (wait_adopted(sd) != 0)
		return -ETIMEDOUT;
	if (sd->nb_pollers >= SN_MAX_POLLERS)
		return -ENOSPC;
	p = rte_zmalloc_socket("sn_poller", sizeof(*p), RTE_CACHE_LINE_SIZE,
			       rte_lcore_to_socket_id(lcore));
	if (p == NULL)
		return -ENOMEM;
	p->port = port;
	p->queue = queue;
	p->weight = SN_NAPI_WEIGHT;
	p->home = (uint16_t)lcore;
	p->fix_port = !pmd_sets_port(port);
	p->rss = port_gives_rss(port);
	n = __atomic_load_n(&sd->nb_new, __ATOMIC_ACQUIRE);
	sd->new_pollers[n] = p;
	__atomic_store_n(&sd->nb_new, n + 1, __ATOMIC_RELEASE);
	if (!__atomic_load_n(&sd->looping, __ATOMIC_ACQUIRE))
		adopt_pollers(sd);
	return 0;
}

int
sn_softnet_set_rps(uint16_t port, uint16_t queue, const unsigned int *lcores,
		   unsigned int n)
{
	struct sn_poller *p = (struct sn_poller *)(uintptr_t)
			      poller_of(port, queue);
	struct sn_rps_map *map = NULL, *old;
	unsigned int i;
	int ret;

	ret = ctl_thread_check();
	if (ret != 0)
		return ret;
	if (p == NULL)
		return -ENOENT;
	for (i = 0; i < n; i++)
		if (lcores[i] >= RTE_MAX_LCORE || sd_of[lcores[i]] == NULL)
			return -EINVAL;
	/* the main lcore runs no loop (sn_softnet_launch): its backlog
	 * would fill and hold the mbufs */
	for (i = 0; i < n && !main_polls; i++)
		if (lcores[i] == rte_get_main_lcore())
			return -EXDEV;
	if (n != 0) {
		map = rte_zmalloc("sn_rps_map",
				  sizeof(*map) + n * sizeof(map->lcores[0]),
				  RTE_CACHE_LINE_SIZE);
		if (map == NULL)
			return -ENOMEM;
		map->len = n;
		memcpy(map->lcores, lcores, n * sizeof(map->lcores[0]));
	}
	old = __atomic_exchange_n(&p->rps, map, __ATOMIC_ACQ_REL);
	rte_rcu_qsbr_synchronize(qsbr, RTE_QSBR_THRID_INVALID);
	rte_free(old);
	return 0;
}

/* ---------------------------------------------------------------------- */
/* Counters (S13).                                                         */

int
sn_softnet_stat_get(unsigned int lcore, struct sn_softnet_stat *st)
{
	struct sn_softnet *sd;

	if (lcore >= RTE_MAX_LCORE || sd_of[lcore] == NULL)
		return -EINVAL;
	sd = sd_of[lcore];
	memset(st, 0, sizeof(*st));
	st->lcore = lcore;
	st->processed = sd->processed;
	st->dropped = __atomic_load_n(&sd->dropped, __ATOMIC_RELAXED);
	st->time_squeeze = sd->time_squeeze;
	st->received_rps = sd->received_rps;
	st->flow_limit_count = sd->flow_limit_count;
	st->input_qlen = rte_ring_count(sd->input);
	st->process_qlen = pq_len(sd);
	st->online = __atomic_load_n(&sd->online, __ATOMIC_RELAXED);
	return 0;
}

uint64_t
sn_softnet_port_dropped(uint16_t port)
{
	uint64_t sum = 0;
	unsigned int l;

	if (port_drops == NULL || port >= RTE_MAX_ETHPORTS)
		return 0;
	for (l = 0; l < RTE_MAX_LCORE; l++)
		sum += port_drops[l].dropped[port];
	return sum;
}

#define APPEND(buf, len, off, ...) do { \
	int r_ = snprintf((buf) + RTE_MIN((size_t)(off), (len)), \
			  (off) < (int)(len) ? (len) - (off) : 0, \
			  __VA_ARGS__); \
	(off) += r_ > 0 ? r_ : 0; \
} while (0)

int
sn_softnet_stat_text(char *buf, size_t len)
{
	struct sn_softnet_stat st;
	unsigned int l;
	int off = 0;

	if (len != 0)
		buf[0] = '\0';
	for (l = 0; l < RTE_MAX_LCORE; l++) {
		if (sn_softnet_stat_get(l, &st) != 0 || !st.online)
			continue;
		/* net-procfs.c: 13 columns, each %08x of an unsigned int */
		APPEND(buf, len, off,
		       "%08x %08x %08x %08x %08x %08x %08x %08x %08x %08x "
		       "%08x %08x %08x\n",
		       (unsigned int)st.processed, (unsigned int)st.dropped,
		       (unsigned int)st.time_squeeze, 0u, 0u, 0u, 0u, 0u, 0u,
		       (unsigned int)st.received_rps,
		       (unsigned int)st.flow_limit_count,
		       st.input_qlen + st.process_qlen, l);
	}
	return off;
}

int
sn_softnet_stat_json(char *buf, size_t len)
{
	struct sn_softnet_stat st;
	unsigned int l;
	int off = 0, first = 1;

	APPEND(buf, len, off, "{\"softnet_stat\":[");
	for (l = 0; l < RTE_MAX_LCORE; l++) {
		if (sn_softnet_stat_get(l, &st) != 0 || !st.online)
			continue;
		APPEND(buf, len, off,
		       "%s{\"lcore\":%u,\"processed\":%" PRIu64
		       ",\"dropped\":%" PRIu64 ",\"time_squeeze\":%" PRIu64
		       ",\"received_rps\":%" PRIu64
		       ",\"flow_limit_count\":%" PRIu64
		       ",\"backlog_len\":%u,\"input_qlen\":%u"
		       ",\"process_qlen\":%u}", first ? "" : ",", l,
		       st.processed, st.dropped, st.time_squeeze,
		       st.received_rps, st.flow_limit_count,
		       st.input_qlen + st.process_qlen, st.input_qlen,
		       st.process_qlen);
		first = 0;
	}
	APPEND(buf, len, off, "]}");
	return off;
}

/* ---------------------------------------------------------------------- */
/* Tunables.                                                               */

static int
parse_u32(const char *s, uint32_t min, uint32_t max, uint32_t *out)
{
	unsigned long long v;
	char *end;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (s[0] < '0' || s[0] > '9' || *end != '\0' || errno != 0 ||
	    v < min || v > max)
		return -EINVAL;
	*out = (uint32_t)v;
	return 0;
}

/* "0,2-3" or "0x5" -> a set of lcores; every one must have softnet. */
static int
parse_lcores(const char *s, bool *set, char *err, size_t errlen)
{
	const char *orig = s;
	unsigned long a, b, i;
	char *end;

	memset(set, 0, RTE_MAX_LCORE * sizeof(*set));
	if (s[0] == '\0' || strcmp(s, "none") == 0)
		return 0;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		unsigned long long m;

		errno = 0;
		m = strtoull(s, &end, 16);
		if (*end != '\0' || errno != 0 || end == s + 2) {
			snprintf(err, errlen, "bad lcore mask '%s'", s);
			return -EINVAL;
		}
		for (i = 0; i < 64; i++)
			if (m & (1ULL << i)) {
				if (i >= RTE_MAX_LCORE || sd_of[i] == NULL) {
					snprintf(err, errlen, "lcore %lu has no "
						 "softnet", i);
					return -EINVAL;
				}
				set[i] = true;
			}
		return 0;
	}
	while (*s != '\0') {
		if (*s < '0' || *s > '9')
			goto bad;
		a = strtoul(s, &end, 10);
		b = a;
		if (*end == '-') {
			s = end + 1;
			if (*s < '0' || *s > '9')
				goto bad;
			b = strtoul(s, &end, 10);
		}
		if (b < a || b >= RTE_MAX_LCORE)
			goto bad;
		for (i = a; i <= b; i++) {
			if (sd_of[i] == NULL) {
				snprintf(err, errlen, "lcore %lu has no "
					 "softnet", i);
				return -EINVAL;
			}
			set[i] = true;
		}
		if (*end == ',')
			end++;
		else if (*end != '\0')
			goto bad;
		s = end;
	}
	return 0;
bad:
	snprintf(err, errlen, "bad lcore list '%s' (e.g. 0,2-3, 0x5, or "
		 "none)", orig);
	return -EINVAL;
}

static int
set_flow_limit_cpus(const bool *set)
{
	struct sn_flow_limit *fl, *old[RTE_MAX_LCORE] = { NULL };
	unsigned int l, len = tun.flow_limit_table_len;
	int ret = 0;

	for (l = 0; l < RTE_MAX_LCORE; l++) {
		struct sn_softnet *sd = sd_of[l];

		if (sd == NULL)
			continue;
		fl = __atomic_load_n(&sd->flow_limit, __ATOMIC_ACQUIRE);
		if (set[l] && fl == NULL) {
			/* the table length in force when enabled, as Linux */
			fl = rte_zmalloc_socket("sn_flow_limit",
					sizeof(*fl) + len,
					RTE_CACHE_LINE_SIZE,
					rte_lcore_to_socket_id(l));
			if (fl == NULL) {
				ret = -ENOMEM;
				continue;
			}
			fl->num_buckets = len;
			__atomic_store_n(&sd->flow_limit, fl, __ATOMIC_RELEASE);
		} else if (!set[l] && fl != NULL) {
			__atomic_store_n(&sd->flow_limit, NULL,
					 __ATOMIC_RELEASE);
			old[l] = fl;
		}
	}
	rte_rcu_qsbr_synchronize(qsbr, RTE_QSBR_THRID_INVALID);
	for (l = 0; l < RTE_MAX_LCORE; l++)
		rte_free(old[l]);
	return ret;
}

static int
set_rps_cpus(const char *value, char *err, size_t errlen)
{
	unsigned int lcores[RTE_MAX_LCORE], n = 0, port, queue, i;
	bool set[RTE_MAX_LCORE];
	char list[256] = "";
	int k, ret, end = 0;

	k = sscanf(value, "%u %u %255s %n", &port, &queue, list, &end);
	/* one list, no word after it (it was dropped silently) */
	if (k < 2 || port >= RTE_MAX_ETHPORTS || queue > UINT16_MAX ||
	    (k == 3 && value[end] != '\0')) {
		snprintf(err, errlen, "rps_cpus takes 'PORT QUEUE LCORELIST' "
			 "(empty list removes the map), not '%s'", value);
		return -EINVAL;
	}
	ret = parse_lcores(list, set, err, errlen);
	if (ret != 0)
		return ret;
	for (i = 0; i < RTE_MAX_LCORE; i++)
		if (set[i])
			lcores[n++] = i;
	ret = sn_softnet_set_rps(port, queue, lcores, n);
	if (ret == -ENOENT)
		snprintf(err, errlen, "port %u queue %u is not polled by "
			 "softnet", port, queue);
	else if (ret == -EXDEV)
		snprintf(err, errlen, "lcore %u is the main lcore: it runs no "
			 "softnet loop to drain an RPS backlog",
			 rte_get_main_lcore());
	return ret;
}

static void
apply_budget_usecs(uint32_t v)
{
	__atomic_store_n(&tun.budget_tsc, usecs_to_tsc(v), __ATOMIC_RELAXED);
}

/* The numeric tunables: name, field, bounds, and what else a change does. */
static const struct numeric_tunable {
	const char *name;
	uint32_t *field;
	uint32_t min;
	uint32_t max;		/* 0: backlog_limit */
	bool pow2;
	void (*apply)(uint32_t v);
} numeric_tunables[] = {
	{ "max_backlog", &tun.max_backlog, 0, 0, false, NULL },
	{ "budget", &tun.budget, 1, INT32_MAX, false, NULL },
	{ "budget_usecs", &tun.budget_usecs, 0, 10000000, false,
	  apply_budget_usecs },
	{ "dev_weight", &tun.dev_weight, 1, 65536, false, NULL },
	{ "flow_limit_table_len", &tun.flow_limit_table_len, 1, 1u << 20,
	  true, NULL },
};

/* Linux's sysctl names too: net.core.netdev_max_backlog and the like. */
static const char *
canonical_name(const char *name)
{
	static const char *const alias[][2] = {
		{ "netdev_max_backlog", "max_backlog" },
		{ "netdev_budget", "budget" },
		{ "netdev_budget_usecs", "budget_usecs" },
	};
	unsigned int i;

	if (strncmp(name, "net.core.", 9) == 0)
		name += 9;
	for (i = 0; i < RTE_DIM(alias); i++)
		if (strcmp(name, alias[i][0]) == 0)
			return alias[i][1];
	return name;
}

static const struct numeric_tunable *
numeric_tunable(const char *name)
{
	unsigned int i;

	name = canonical_name(name);
	for (i = 0; i < RTE_DIM(numeric_tunables); i++)
		if (strcmp(numeric_tunables[i].name, name) == 0)
			return &numeric_tunables[i];
	return NULL;
}

int
sn_softnet_tunable_set(const char *name, const char *value, char *err,
		       size_t errlen)
{
	const struct numeric_tunable *t = numeric_tunable(name);
	bool set[RTE_MAX_LCORE];
	uint32_t v, max;
	int ret;

	if (port_drops == NULL) {
		snprintf(err, errlen, "softnet is not initialised");
		return -EINVAL;
	}
	if (ctl_thread_check() != 0) {
		snprintf(err, errlen, "the main lcore polls: set %s from it",
			 name);
		return -EPERM;
	}
	if (t != NULL) {
		max = t->max != 0 ? t->max : backlog_limit;
		if (parse_u32(value, t->min, max, &v) != 0 ||
		    (t->pow2 && !rte_is_power_of_2(v))) {
			snprintf(err, errlen, "%s must be %s in [%u, %u], "
				 "not '%s'", name, t->pow2 ? "a power of 2" :
				 "an integer", t->min, max, value);
			return -EINVAL;
		}
		__atomic_store_n(t->field, v, __ATOMIC_RELAXED);
		if (t->apply != NULL)
			t->apply(v);
		return 0;
	}
	if (strcmp(canonical_name(name), "flow_limit_cpu_bitmap") == 0) {
		ret = parse_lcores(value, set, err, errlen);
		if (ret != 0)
			return ret;
		ret = set_flow_limit_cpus(set);
		if (ret != 0)
			snprintf(err, errlen, "no memory for a flow table");
		return ret;
	}
	if (strcmp(canonical_name(name), "rps_cpus") == 0)
		return set_rps_cpus(value, err, errlen);
	snprintf(err, errlen, "unknown tunable '%s' (max_backlog, budget, "
		 "budget_usecs, dev_weight, flow_limit_table_len, "
		 "flow_limit_cpu_bitmap, rps_cpus; or Linux's "
		 "net.core.netdev_max_backlog, ...)", name);
	return -ENOENT;
}

long
sn_softnet_tunable_get(const char *name)
{
	const struct numeric_tunable *t = numeric_tunable(name);

	return t != NULL ? (long)__atomic_load_n(t->field, __ATOMIC_RELAXED) :
	       -1;
}

void
sn_softnet_tunables_dump(FILE *f)
{
	unsigned int l, i;

	fprintf(f, "max_backlog %u\nbudget %u\nbudget_usecs %u\n"
		"dev_weight %u\nflow_limit_table_len %u\n", tun.max_backlog,
		tun.budget, tun.budget_usecs, tun.dev_weight,
		tun.flow_limit_table_len);
	fprintf(f, "flow_limit_cpu_bitmap");
	for (l = 0; l < RTE_MAX_LCORE; l++)
		if (sd_of[l] != NULL && sd_of[l]->flow_limit != NULL)
			fprintf(f, " %u", l);
	fprintf(f, "\n");
	for (l = 0; l < RTE_MAX_LCORE; l++) {
		struct sn_softnet *sd = sd_of[l];

		if (sd == NULL)
			continue;
		for (i = 0; i < sd->nb_pollers; i++) {
			struct sn_rps_map *map = sd->pollers[i]->rps;
			unsigned int j;

			fprintf(f, "rxq port %u queue %u lcore %u rps_cpus",
				sd->pollers[i]->port, sd->pollers[i]->queue,
				l);
			for (j = 0; map != NULL && j < map->len; j++)
				fprintf(f, " %u", map->lcores[j]);
			fprintf(f, "\n");
		}
	}
}
