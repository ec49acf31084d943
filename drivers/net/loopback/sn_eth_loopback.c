/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The softnet authors
 */

/*
 * net_loopback: Linux's lo as an ethdev vdev.
 *
 * What is transmitted on queue q is received on queue q, in order. Queue q
 * is lcore q's (the way loopback_xmit hands a packet to this CPU's backlog),
 * so each queue is a single-producer/single-consumer ring allocated on the
 * NUMA node given at queue setup: one thread may transmit on a queue while
 * another receives from it, as with any ethdev queue pair.
 *
 * Counters follow lo (linux-semantics L1, L3): a packet is counted once, when
 * it enters the ring, and the port reports it as both transmitted and
 * received. A packet that does not fit is freed here, never handed back to
 * the caller (loopback_xmit always returns NETDEV_TX_OK), and counted only
 * as a drop: imissed and the rx_dropped xstats.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include <rte_kvargs.h>
#include <rte_log.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_memcpy.h>

#include <bus_vdev_driver.h>
#include <ethdev_driver.h>
#include <ethdev_vdev.h>

#include "sn_eth_loopback.h"

#define ETH_LO_QUEUES_ARG	"queues"
#define ETH_LO_SIZE_ARG		"size"

#define ETH_LO_QUEUES_DEFAULT	1
#define ETH_LO_QUEUES_MAX	RTE_MAX_QUEUES_PER_PORT
#define ETH_LO_SIZE_DEFAULT	1024
#define ETH_LO_SIZE_MIN		16
#define ETH_LO_SIZE_MAX		1048576

/* ethdev's ceiling: the MTU is a uint16_t. Linux's lo has 65536. */
#define ETH_LO_MTU_MAX		UINT16_MAX
#define ETH_LO_MTU_DEFAULT	UINT16_MAX

static const char * const valid_arguments[] = {
	ETH_LO_QUEUES_ARG,
	ETH_LO_SIZE_ARG,
	NULL
};

/* Written only by the lcore that transmits on the queue. */
struct lo_queue_stats {
	uint64_t packets;
	uint64_t bytes;
	uint64_t dropped;
	uint64_t tx_down;	/* transmitted with the link down (L7) */
};

/*
 * A queue is a single-producer/single-consumer ring of mbuf pointers with
 * free-running indexes. Each side keeps its own cache line and a cached
 * copy of the other side's index, so it reads the other's line only when
 * the ring looks full (producer) or empty (consumer).
 */
struct lo_queue {
	/* Read-only after setup. */
	sn_eth_lo_input_t input;
	void *input_ctx;
	uint32_t capacity;	/* exactly the devarg size */
	uint32_t mask;		/* slots - 1, slots a power of two */
	uint16_t port_id;
	uint16_t queue_id;
	int socket_id;

	/* The tx lcore's line: its index, its view of rx, its counters, and
	 * the link's state (set by the control thread, read per burst). */
	uint32_t head __rte_cache_aligned;
	uint32_t tail_seen;
	uint32_t down;
	struct lo_queue_stats stats;

	/* The rx lcore's line. */
	uint32_t tail __rte_cache_aligned;
	uint32_t head_seen;

	/*
	 * Values at the last reset. A reset from the control thread records
	 * them instead of writing counters that the tx lcore owns.
	 */
	struct lo_queue_stats base __rte_cache_aligned;

	struct rte_mbuf *slots[] __rte_cache_aligned;
};

struct pmd_internals {
	unsigned int nb_queues;
	unsigned int ring_size;
	struct lo_queue **queues; /* nb_queues entries */
	sn_eth_lo_input_t input; /* softnet mode: netif_rx */
	void *input_ctx;
	bool down;		/* set link-down: not IFF_UP */
};

RTE_LOG_REGISTER_DEFAULT(eth_lo_logtype, NOTICE);

#define PMD_LOG(level, fmt, ...) \
	rte_log(RTE_LOG_ ## level, eth_lo_logtype, \
		"%s(): " fmt "\n", __func__, ##__VA_ARGS__)

static __rte_always_inline void
lo_copy(struct rte_mbuf **dst, struct rte_mbuf *const *src, unsigned int n)
{
	rte_memcpy(dst, src, n * sizeof(*dst));
}

static __rte_always_inline unsigned int
lo_dequeue(struct lo_queue *lq, struct rte_mbuf **bufs, unsigned int n)
{
	uint32_t tail = lq->tail;
	uint32_t avail = lq->head_seen - tail;
	unsigned int idx, first;

	if (avail < n) {
		lq->head_seen = __atomic_load_n(&lq->head, __ATOMIC_ACQUIRE);
		avail = lq->head_seen - tail;
		if (avail < n) {
			n = avail;
			if (n == 0)
				return 0;
		}
	}
	idx = tail & lq->mask;
	first = RTE_MIN(n, lq->mask + 1 - idx);
	lo_copy(bufs, &lq->slots[idx], first);
	lo_copy(bufs + first, &lq->slots[0], n - first);
	__atomic_store_n(&lq->tail, tail + n, __ATOMIC_RELEASE);
	return n;
}

static __rte_always_inline unsigned int
lo_enqueue(struct lo_queue *lq, struct rte_mbuf *const *bufs, unsigned int n)
{
	uint32_t head = lq->head;
	uint32_t room = lq->capacity - (head - lq->tail_seen);
	unsigned int idx, first;

	if (room < n) {
		lq->tail_seen = __atomic_load_n(&lq->tail, __ATOMIC_ACQUIRE);
		room = lq->capacity - (head - lq->tail_seen);
		if (room < n) {
			n = room;
			if (n == 0)
				return 0;
		}
	}
	idx = head & lq->mask;
	first = RTE_MIN(n, lq->mask + 1 - idx);
	lo_copy(&lq->slots[idx], bufs, first);
	lo_copy(&lq->slots[0], bufs + first, n - first);
	__atomic_store_n(&lq->head, head + n, __ATOMIC_RELEASE);
	return n;
}

static uint16_t
eth_lo_rx(void *q, struct rte_mbuf **bufs, uint16_t nb_bufs)
{
	return lo_dequeue(q, bufs, nb_bufs);
}

/* What was not accepted, bufs[n..nb_bufs), is dropped and counted. */
static __rte_always_inline uint16_t
lo_tx_account(struct lo_queue *lq, struct rte_mbuf **bufs, uint16_t nb_bufs,
	      unsigned int n, uint64_t bytes)
{
	unsigned int i;

	if (unlikely(n < nb_bufs)) {
		for (i = n; i < nb_bufs; i++)
			bytes -= bufs[i]->pkt_len;
		lq->stats.dropped += nb_bufs - n;
		rte_pktmbuf_free_bulk(bufs + n, nb_bufs - n);
	}
	lq->stats.packets += n;
	lq->stats.bytes += bytes;

	/* Always all of them: what did not fit was dropped and counted. */
	return nb_bufs;
}

/*
 * Count before handing over: then the mbufs belong to the receiver.
 * mbuf->port is left alone (the receiver knows the queue it polled); one
 * more store per packet would cost more than net_ring's whole per-packet
 * budget.
 */
static __rte_always_inline uint64_t
lo_bytes(struct rte_mbuf **bufs, uint16_t nb_bufs)
{
	uint64_t b0 = 0, b1 = 0, b2 = 0, b3 = 0;
	unsigned int i;

	/* four sums: the loads overlap instead of waiting on one adder */
	for (i = 0; i + 4 <= nb_bufs; i += 4) {
		b0 += bufs[i]->pkt_len;
		b1 += bufs[i + 1]->pkt_len;
		b2 += bufs[i + 2]->pkt_len;
		b3 += bufs[i + 3]->pkt_len;
	}
	for (; i < nb_bufs; i++)
		b0 += bufs[i]->pkt_len;
	return b0 + b1 + b2 + b3;
}

/*
 * __dev_queue_xmit on a lo that is not up: -ENETDOWN, the packets freed
 * and counted (tx_dropped); true if so.
 */
static __rte_always_inline bool
lo_tx_down(struct lo_queue *lq, struct rte_mbuf **bufs, uint16_t nb_bufs)
{
	if (likely(!__atomic_load_n(&lq->down, __ATOMIC_RELAXED)))
		return false;
	lq->stats.tx_down += nb_bufs;
	rte_pktmbuf_free_bulk(bufs, nb_bufs);
	return true;
}

static uint16_t
eth_lo_tx(void *q, struct rte_mbuf **bufs, uint16_t nb_bufs)
{
	struct lo_queue *lq = q;
	uint64_t bytes;

	if (lo_tx_down(lq, bufs, nb_bufs))
		return nb_bufs;
	bytes = lo_bytes(bufs, nb_bufs);

	return lo_tx_account(lq, bufs, nb_bufs,
			     lo_enqueue(lq, bufs, nb_bufs), bytes);
}

/*
 * softnet mode with the link down: what the host sends itself is dropped
 * (L7), but a packet that came in by a port for a local address (its
 * header marked checked, RTE_MBUF_F_RX_IP_CKSUM_GOOD, by softnet's local
 * delivery) passes, since Linux delivers those without lo's xmit. Returns
 * how many of bufs remain, in order, at its start.
 */
static uint16_t
lo_tx_down_input(struct lo_queue *lq, struct rte_mbuf **bufs,
		 uint16_t nb_bufs)
{
	uint16_t i, k = 0;

	for (i = 0; i < nb_bufs; i++) {
		if ((bufs[i]->ol_flags & RTE_MBUF_F_RX_IP_CKSUM_MASK) ==
		    RTE_MBUF_F_RX_IP_CKSUM_GOOD) {
			bufs[k++] = bufs[i];
			continue;
		}
		lq->stats.tx_down++;
		rte_pktmbuf_free(bufs[i]);
	}
	return k;
}

/* softnet mode: loopback_xmit hands the burst to netif_rx. */
static uint16_t
eth_lo_tx_input(void *q, struct rte_mbuf **bufs, uint16_t nb_bufs)
{
	struct lo_queue *lq = q;
	uint16_t n = nb_bufs;
	uint64_t bytes;

	if (unlikely(__atomic_load_n(&lq->down, __ATOMIC_RELAXED))) {
		n = lo_tx_down_input(lq, bufs, nb_bufs);
		if (n == 0)
			return nb_bufs;
	}
	bytes = lo_bytes(bufs, n);
	lo_tx_account(lq, bufs, n, lq->input(lq->input_ctx, lq->port_id,
					     lq->queue_id, bufs, n), bytes);
	return nb_bufs;	/* all taken: passed, dropped or freed */
}

/* Free every mbuf still queued; not a drop. */
static void
lo_queue_drain(struct lo_queue *lq)
{
	struct rte_mbuf *bufs[64];
	unsigned int n;

	while ((n = lo_dequeue(lq, bufs, RTE_DIM(bufs))) != 0)
		rte_pktmbuf_free_bulk(bufs, n);
}

static void
lo_queue_free(struct lo_queue *lq)
{
	if (lq == NULL)
		return;
	lo_queue_drain(lq);
	rte_free(lq);
}

static struct lo_queue *
lo_queue_get(struct rte_eth_dev *dev, uint16_t qid, int socket_id)
{
	struct pmd_internals *internals = dev->data->dev_private;
	uint32_t slots = rte_align32pow2(internals->ring_size);
	struct lo_queue *lq;

	lq = internals->queues[qid];
	if (lq != NULL) {
		/* The other direction of the same queue was set up first. */
		lo_queue_drain(lq);
		return lq;
	}

	if (socket_id == SOCKET_ID_ANY)
		socket_id = dev->device->numa_node;
	lq = rte_zmalloc_socket("lo_queue",
				sizeof(*lq) + slots * sizeof(lq->slots[0]),
				RTE_CACHE_LINE_SIZE, socket_id);
	if (lq == NULL) {
		PMD_LOG(ERR, "%s: no memory for queue %u of %u packets on "
			"socket %d", dev->data->name, qid,
			internals->ring_size, socket_id);
		return NULL;
	}
	lq->input = internals->input;
	lq->input_ctx = internals->input_ctx;
	lq->down = internals->down;
	lq->capacity = internals->ring_size;
	lq->mask = slots - 1;
	lq->port_id = dev->data->port_id;
	lq->queue_id = qid;
	lq->socket_id = socket_id;
	internals->queues[qid] = lq;
	return lq;
}

static int
eth_lo_configure(struct rte_eth_dev *dev)
{
	struct rte_eth_dev_data *data = dev->data;

	if (data->nb_rx_queues != data->nb_tx_queues) {
		PMD_LOG(ERR, "%s: %u rx queues and %u tx queues: queue q "
			"loops to queue q, so the counts must be equal",
			data->name, data->nb_rx_queues, data->nb_tx_queues);
		return -EINVAL;
	}
	return 0;
}

static int
eth_lo_start(struct rte_eth_dev *dev)
{
	uint16_t i;

	for (i = 0; i < dev->data->nb_rx_queues; i++) {
		if (dev->data->rx_queues[i] == NULL ||
		    dev->data->tx_queues[i] == NULL) {
			PMD_LOG(ERR, "%s: queue %u is not set up in both "
				"directions", dev->data->name, i);
			return -EINVAL;
		}
		dev->data->rx_queue_state[i] = RTE_ETH_QUEUE_STATE_STARTED;
		dev->data->tx_queue_state[i] = RTE_ETH_QUEUE_STATE_STARTED;
	}
	return 0;
}

static int
eth_lo_stop(struct rte_eth_dev *dev)
{
	struct pmd_internals *internals = dev->data->dev_private;
	uint16_t i;

	/* Stopping frees what is queued, as a device going down does. */
	for (i = 0; i < internals->nb_queues; i++)
		if (internals->queues[i] != NULL)
			lo_queue_drain(internals->queues[i]);
	for (i = 0; i < dev->data->nb_rx_queues; i++)
		dev->data->rx_queue_state[i] = RTE_ETH_QUEUE_STATE_STOPPED;
	for (i = 0; i < dev->data->nb_tx_queues; i++)
		dev->data->tx_queue_state[i] = RTE_ETH_QUEUE_STATE_STOPPED;
	return 0;
}

static int
eth_lo_close(struct rte_eth_dev *dev)
{
	struct pmd_internals *internals = dev->data->dev_private;
	uint16_t i;

	if (rte_eal_process_type() != RTE_PROC_PRIMARY)
		return 0;

	for (i = 0; i < dev->data->nb_rx_queues; i++)
		dev->data->rx_queues[i] = NULL;
	for (i = 0; i < dev->data->nb_tx_queues; i++)
		dev->data->tx_queues[i] = NULL;
	for (i = 0; i < internals->nb_queues; i++) {
		lo_queue_free(internals->queues[i]);
		internals->queues[i] = NULL;
	}
	rte_free(internals->queues);
	internals->queues = NULL;
	/* mac_addrs and dev_private are freed by rte_eth_dev_release_port. */
	return 0;
}

static int
eth_lo_info(struct rte_eth_dev *dev, struct rte_eth_dev_info *info)
{
	struct pmd_internals *internals = dev->data->dev_private;
	uint16_t desc;

	info->max_mac_addrs = 1;
	/* ethdev takes 18 bytes of overhead when max_mtu is UINT16_MAX. */
	info->max_rx_pktlen = ETH_LO_MTU_MAX + RTE_ETHER_HDR_LEN +
			      RTE_ETHER_CRC_LEN;
	info->min_mtu = RTE_ETHER_MIN_MTU;
	info->max_mtu = ETH_LO_MTU_MAX;
	info->max_rx_queues = internals->nb_queues;
	info->max_tx_queues = internals->nb_queues;
	info->rx_offload_capa = RTE_ETH_RX_OFFLOAD_SCATTER;
	info->tx_offload_capa = RTE_ETH_TX_OFFLOAD_MULTI_SEGS;
	info->speed_capa = RTE_ETH_LINK_SPEED_FIXED;
	/* the ring is the size devarg's and queue setup's nb_desc is ignored
	 * (any is accepted); the suggested count is 16-bit: clamped, not
	 * wrapped to 0 at size=65536 */
	desc = (uint16_t)RTE_MIN(internals->ring_size, (unsigned int)UINT16_MAX);
	info->default_rxportconf.ring_size = desc;
	info->default_txportconf.ring_size = desc;
	return 0;
}

static int
eth_lo_rx_queue_setup(struct rte_eth_dev *dev, uint16_t qid,
		      uint16_t nb_desc __rte_unused, unsigned int socket_id,
		      const struct rte_eth_rxconf *conf __rte_unused,
		      struct rte_mempool *mp __rte_unused)
{
	struct lo_queue *lq = lo_queue_get(dev, qid, (int)socket_id);

	if (lq == NULL)
		return -ENOMEM;
	dev->data->rx_queues[qid] = lq;
	return 0;
}

static int
eth_lo_tx_queue_setup(struct rte_eth_dev *dev, uint16_t qid,
		      uint16_t nb_desc __rte_unused, unsigned int socket_id,
		      const struct rte_eth_txconf *conf __rte_unused)
{
	struct lo_queue *lq = lo_queue_get(dev, qid, (int)socket_id);

	if (lq == NULL)
		return -ENOMEM;
	dev->data->tx_queues[qid] = lq;
	return 0;
}

/*
 * The ring belongs to the queue index, not to one direction: it lives until
 * close, and a new setup of either direction empties it.
 */
static void
eth_lo_queue_release(struct rte_eth_dev *dev __rte_unused,
		     uint16_t qid __rte_unused)
{
}

static int
eth_lo_link_update(struct rte_eth_dev *dev __rte_unused,
		   int wait_to_complete __rte_unused)
{
	/* As lo's carrier, the link is what set link-up/down made it. */
	return 0;
}

/* ip link set lo down|up: while down, transmit drops (L7). */
static int
lo_set_down(struct rte_eth_dev *dev, bool down)
{
	struct pmd_internals *internals = dev->data->dev_private;
	struct rte_eth_link link;
	unsigned int i;

	internals->down = down;
	for (i = 0; i < internals->nb_queues; i++)
		if (internals->queues[i] != NULL)
			__atomic_store_n(&internals->queues[i]->down, down,
					 __ATOMIC_RELAXED);
	link = dev->data->dev_link;
	link.link_status = down ? RTE_ETH_LINK_DOWN : RTE_ETH_LINK_UP;
	rte_eth_linkstatus_set(dev, &link);	/* one atomic store */
	return 0;
}

static int
eth_lo_set_link_down(struct rte_eth_dev *dev)
{
	return lo_set_down(dev, true);
}

static int
eth_lo_set_link_up(struct rte_eth_dev *dev)
{
	return lo_set_down(dev, false);
}

static int
eth_lo_mtu_set(struct rte_eth_dev *dev __rte_unused, uint16_t mtu __rte_unused)
{
	/* ethdev has checked [min_mtu, max_mtu]; lo has no frame limit. */
	return 0;
}

static int
eth_lo_mac_addr_set(struct rte_eth_dev *dev __rte_unused,
		    struct rte_ether_addr *addr __rte_unused)
{
	/* Live address change, as lo (IFF_LIVE_ADDR_CHANGE); ethdev stores it. */
	return 0;
}

static int
eth_lo_accept(struct rte_eth_dev *dev __rte_unused)
{
	/* lo sees only its own packets: promiscuous and allmulti are moot. */
	return 0;
}

/* A counter since the last reset. The base first: a reset that lands
 * between the two loads then only makes this read the old count, never
 * a count below its base (a wrap to ~2^64); and never below 0 anyway. */
static inline uint64_t
lo_since(const uint64_t *count, const uint64_t *base)
{
	uint64_t b = __atomic_load_n(base, __ATOMIC_ACQUIRE);
	uint64_t c = __atomic_load_n(count, __ATOMIC_RELAXED);

	return c >= b ? c - b : 0;
}

static inline void
lo_reset_one(uint64_t *base, const uint64_t *count)
{
	__atomic_store_n(base, __atomic_load_n(count, __ATOMIC_RELAXED),
			 __ATOMIC_RELEASE);
}

static void
lo_queue_read(const struct lo_queue *lq, struct lo_queue_stats *s)
{
	s->packets = lo_since(&lq->stats.packets, &lq->base.packets);
	s->bytes = lo_since(&lq->stats.bytes, &lq->base.bytes);
	s->dropped = lo_since(&lq->stats.dropped, &lq->base.dropped);
	s->tx_down = lo_since(&lq->stats.tx_down, &lq->base.tx_down);
}

static int
eth_lo_stats_get(struct rte_eth_dev *dev, struct rte_eth_stats *stats)
{
	struct pmd_internals *internals = dev->data->dev_private;
	struct lo_queue_stats s;
	unsigned int i;

	/* the queues configured now: a queue left out by a smaller
	 * configuration keeps its ring but no longer counts */
	for (i = 0; i < dev->data->nb_rx_queues && i < internals->nb_queues;
	     i++) {
		if (internals->queues[i] == NULL)
			continue;
		lo_queue_read(internals->queues[i], &s);
		/* L3: rx = tx = what entered the ring. */
		stats->ipackets += s.packets;
		stats->opackets += s.packets;
		stats->ibytes += s.bytes;
		stats->obytes += s.bytes;
		stats->imissed += s.dropped;
		stats->oerrors += s.tx_down;	/* lo's tx_dropped */
		if (i < RTE_ETHDEV_QUEUE_STAT_CNTRS) {
			stats->q_ipackets[i] = s.packets;
			stats->q_opackets[i] = s.packets;
			stats->q_ibytes[i] = s.bytes;
			stats->q_obytes[i] = s.bytes;
		}
	}
	return 0;
}

static int
eth_lo_stats_reset(struct rte_eth_dev *dev)
{
	struct pmd_internals *internals = dev->data->dev_private;
	struct lo_queue *lq;
	unsigned int i;

	for (i = 0; i < internals->nb_queues; i++) {
		lq = internals->queues[i];
		if (lq == NULL)
			continue;
		/* each base after its count, released to lo_since() */
		lo_reset_one(&lq->base.packets, &lq->stats.packets);
		lo_reset_one(&lq->base.bytes, &lq->stats.bytes);
		lo_reset_one(&lq->base.dropped, &lq->stats.dropped);
		lo_reset_one(&lq->base.tx_down, &lq->stats.tx_down);
	}
	return 0;
}

/* xstats: the total drop count, then per queue its drops and occupancy,
 * then what was sent with the link down. */
#define LO_XSTATS_PER_QUEUE 2

static unsigned int
lo_xstats_count(const struct rte_eth_dev *dev)
{
	return 1 + LO_XSTATS_PER_QUEUE * dev->data->nb_rx_queues + 1;
}

static int
eth_lo_xstats_get_names(struct rte_eth_dev *dev,
			struct rte_eth_xstat_name *names, unsigned int size)
{
	unsigned int n = lo_xstats_count(dev);
	unsigned int i;

	if (names == NULL || size < n)
		return n;
	snprintf(names[0].name, sizeof(names[0].name), "rx_dropped");
	for (i = 0; i < dev->data->nb_rx_queues; i++) {
		snprintf(names[1 + 2 * i].name, sizeof(names[0].name),
			 "rx_q%u_dropped", i);
		snprintf(names[2 + 2 * i].name, sizeof(names[0].name),
			 "rx_q%u_queued", i);
	}
	snprintf(names[n - 1].name, sizeof(names[0].name), "tx_dropped");
	return n;
}

static int
eth_lo_xstats_get(struct rte_eth_dev *dev, struct rte_eth_xstat *xstats,
		  unsigned int size)
{
	struct pmd_internals *internals = dev->data->dev_private;
	unsigned int n = lo_xstats_count(dev);
	struct lo_queue_stats s;
	struct lo_queue *lq;
	uint64_t total = 0, down = 0;
	unsigned int i;
	uint32_t tail;

	if (xstats == NULL || size < n)
		return n;
	for (i = 0; i < n; i++) {
		xstats[i].id = i;
		xstats[i].value = 0;
	}
	for (i = 0; i < dev->data->nb_rx_queues && i < internals->nb_queues;
	     i++) {
		lq = internals->queues[i];
		if (lq == NULL)
			continue;
		lo_queue_read(lq, &s);
		total += s.dropped;
		down += s.tx_down;
		xstats[1 + 2 * i].value = s.dropped;
		/* tail first: head only grows, so the gauge never wraps */
		tail = __atomic_load_n(&lq->tail, __ATOMIC_ACQUIRE);
		xstats[2 + 2 * i].value =
			__atomic_load_n(&lq->head, __ATOMIC_ACQUIRE) - tail;
	}
	xstats[0].value = total;
	xstats[n - 1].value = down;
	return n;
}

static const struct eth_dev_ops ops = {
	.dev_configure = eth_lo_configure,
	.dev_start = eth_lo_start,
	.dev_stop = eth_lo_stop,
	.dev_close = eth_lo_close,
	.dev_infos_get = eth_lo_info,
	.rx_queue_setup = eth_lo_rx_queue_setup,
	.tx_queue_setup = eth_lo_tx_queue_setup,
	.rx_queue_release = eth_lo_queue_release,
	.tx_queue_release = eth_lo_queue_release,
	.link_update = eth_lo_link_update,
	.dev_set_link_down = eth_lo_set_link_down,
	.dev_set_link_up = eth_lo_set_link_up,
	.mtu_set = eth_lo_mtu_set,
	.mac_addr_set = eth_lo_mac_addr_set,
	.promiscuous_enable = eth_lo_accept,
	.promiscuous_disable = eth_lo_accept,
	.allmulticast_enable = eth_lo_accept,
	.allmulticast_disable = eth_lo_accept,
	.stats_get = eth_lo_stats_get,
	.stats_reset = eth_lo_stats_reset,
	.xstats_get = eth_lo_xstats_get,
	.xstats_get_names = eth_lo_xstats_get_names,
	.xstats_reset = eth_lo_stats_reset,
};

/* A secondary process reads; configuring, starting, stopping (which
 * drains the rings: a second consumer) and resetting are the primary's
 * (ethdev answers -ENOTSUP). */
static const struct eth_dev_ops ops_secondary = {
	.dev_close = eth_lo_close,
	.dev_infos_get = eth_lo_info,
	.link_update = eth_lo_link_update,
	.stats_get = eth_lo_stats_get,
	.xstats_get = eth_lo_xstats_get,
	.xstats_get_names = eth_lo_xstats_get_names,
};

/* A secondary's transmit: into the ring as eth_lo_tx, unless the primary
 * hands lo's traffic to softnet, whose input function is the primary's
 * and whose rings nobody polls: then nothing is taken. */
static uint16_t
eth_lo_tx_secondary(void *q, struct rte_mbuf **bufs, uint16_t nb_bufs)
{
	struct lo_queue *lq = q;

	if (__atomic_load_n(&lq->input, __ATOMIC_RELAXED) != NULL)
		return 0;
	return eth_lo_tx(q, bufs, nb_bufs);
}

int
sn_eth_loopback_set_input(uint16_t port_id, sn_eth_lo_input_t fn, void *ctx)
{
	struct pmd_internals *internals;
	struct rte_eth_dev *dev;
	unsigned int i;

	if (!rte_eth_dev_is_valid_port(port_id))
		return -ENODEV;
	dev = &rte_eth_devices[port_id];
	if (dev->dev_ops != &ops)
		return -EINVAL;
	if (dev->data->dev_started)
		return -EBUSY;
	internals = dev->data->dev_private;
	internals->input = fn;
	internals->input_ctx = ctx;
	for (i = 0; i < internals->nb_queues; i++) {
		if (internals->queues[i] == NULL)
			continue;
		lo_queue_drain(internals->queues[i]);
		internals->queues[i]->input = fn;
		internals->queues[i]->input_ctx = ctx;
	}
	/* the choice is made here, once, not per burst */
	dev->tx_pkt_burst = fn != NULL ? eth_lo_tx_input : eth_lo_tx;
	return 0;
}

static int
eth_dev_lo_create(struct rte_vdev_device *dev, unsigned int nb_queues,
		  unsigned int ring_size)
{
	struct rte_eth_dev_data *data;
	struct pmd_internals *internals;
	struct rte_eth_dev *eth_dev;

	eth_dev = rte_eth_vdev_allocate(dev, sizeof(*internals));
	if (eth_dev == NULL)
		return -ENOMEM;

	internals = eth_dev->data->dev_private;
	internals->nb_queues = nb_queues;
	internals->ring_size = ring_size;
	internals->queues = rte_zmalloc_socket("lo_queues",
			nb_queues * sizeof(internals->queues[0]), 0,
			dev->device.numa_node);
	data = eth_dev->data;
	/* lo's address is all zeros. */
	data->mac_addrs = rte_zmalloc_socket("lo_mac",
			sizeof(struct rte_ether_addr), 0,
			dev->device.numa_node);
	if (internals->queues == NULL || data->mac_addrs == NULL) {
		rte_free(internals->queues);
		rte_eth_dev_release_port(eth_dev);
		return -ENOMEM;
	}

	data->dev_link.link_speed = RTE_ETH_SPEED_NUM_UNKNOWN;
	data->dev_link.link_duplex = RTE_ETH_LINK_FULL_DUPLEX;
	data->dev_link.link_autoneg = RTE_ETH_LINK_FIXED;
	data->dev_link.link_status = RTE_ETH_LINK_UP;
	data->mtu = ETH_LO_MTU_DEFAULT;
	data->promiscuous = 1;
	data->all_multicast = 1;
	data->dev_flags |= RTE_ETH_DEV_AUTOFILL_QUEUE_XSTATS;

	eth_dev->dev_ops = &ops;
	eth_dev->rx_pkt_burst = eth_lo_rx;
	eth_dev->tx_pkt_burst = eth_lo_tx;

	rte_eth_dev_probing_finish(eth_dev);
	return 0;
}

/* A decimal in [min, max], nothing else. */
static int
parse_uint_arg(const char *key, const char *value, unsigned int min,
	       unsigned int max, unsigned int *out)
{
	unsigned long v;
	char *end;

	/* rte_kvargs gives a key without '=' a NULL value */
	if (value == NULL) {
		PMD_LOG(ERR, "devarg %s needs a value: %s=<%u-%u>", key, key,
			min, max);
		return -EINVAL;
	}
	errno = 0;
	v = strtoul(value, &end, 10);
	if (value[0] < '0' || value[0] > '9' || *end != '\0' || errno != 0 ||
	    v < min || v > max) {
		PMD_LOG(ERR, "invalid devarg %s=%s: expected an integer in "
			"[%u, %u]", key, value, min, max);
		return -EINVAL;
	}
	*out = (unsigned int)v;
	return 0;
}

static int
get_queues_arg(const char *key, const char *value, void *extra)
{
	return parse_uint_arg(key, value, 1, ETH_LO_QUEUES_MAX, extra);
}

static int
get_size_arg(const char *key, const char *value, void *extra)
{
	return parse_uint_arg(key, value, ETH_LO_SIZE_MIN, ETH_LO_SIZE_MAX,
			      extra);
}

static int
rte_pmd_lo_probe(struct rte_vdev_device *dev)
{
	unsigned int nb_queues = ETH_LO_QUEUES_DEFAULT;
	unsigned int ring_size = ETH_LO_SIZE_DEFAULT;
	struct rte_kvargs *kvlist = NULL;
	struct rte_eth_dev *eth_dev;
	const char *name, *params;
	int ret = 0;

	name = rte_vdev_device_name(dev);
	params = rte_vdev_device_args(dev);
	PMD_LOG(INFO, "initializing %s", name);

	if (rte_eal_process_type() == RTE_PROC_SECONDARY) {
		eth_dev = rte_eth_dev_attach_secondary(name);
		if (eth_dev == NULL) {
			PMD_LOG(ERR, "%s: cannot attach in a secondary", name);
			return -1;
		}
		eth_dev->dev_ops = &ops_secondary;
		eth_dev->device = &dev->device;
		eth_dev->rx_pkt_burst = eth_lo_rx;
		eth_dev->tx_pkt_burst = eth_lo_tx_secondary;
		rte_eth_dev_probing_finish(eth_dev);
		return 0;
	}

	if (params != NULL && params[0] != '\0') {
		kvlist = rte_kvargs_parse(params, valid_arguments);
		if (kvlist == NULL) {
			PMD_LOG(ERR, "%s: cannot parse devargs \"%s\" "
				"(KEY=VALUE,...; unknown key or stray '='): "
				"accepted keys are %s=<1-%u> and "
				"%s=<%u-%u>", name, params,
				ETH_LO_QUEUES_ARG, ETH_LO_QUEUES_MAX,
				ETH_LO_SIZE_ARG, ETH_LO_SIZE_MIN,
				ETH_LO_SIZE_MAX);
			return -EINVAL;
		}
		if (rte_kvargs_count(kvlist, ETH_LO_QUEUES_ARG) > 1 ||
		    rte_kvargs_count(kvlist, ETH_LO_SIZE_ARG) > 1) {
			PMD_LOG(ERR, "%s: devargs \"%s\" give a key twice",
				name, params);
			ret = -EINVAL;
			goto free_kvlist;
		}
		ret = rte_kvargs_process(kvlist, ETH_LO_QUEUES_ARG,
					 get_queues_arg, &nb_queues);
		if (ret < 0)
			goto free_kvlist;
		ret = rte_kvargs_process(kvlist, ETH_LO_SIZE_ARG,
					 get_size_arg, &ring_size);
		if (ret < 0)
			goto free_kvlist;
	}

	PMD_LOG(INFO, "%s: %u queues of %u packets", name, nb_queues,
		ring_size);
	ret = eth_dev_lo_create(dev, nb_queues, ring_size);

free_kvlist:
	rte_kvargs_free(kvlist);
	return ret < 0 ? ret : 0;
}

static int
rte_pmd_lo_remove(struct rte_vdev_device *dev)
{
	struct rte_eth_dev *eth_dev;

	eth_dev = rte_eth_dev_allocated(rte_vdev_device_name(dev));
	if (eth_dev == NULL)
		return 0; /* already released */

	if (rte_eal_process_type() == RTE_PROC_PRIMARY)
		eth_lo_close(eth_dev);
	rte_eth_dev_release_port(eth_dev);
	return 0;
}

static struct rte_vdev_driver pmd_lo_drv = {
	.probe = rte_pmd_lo_probe,
	.remove = rte_pmd_lo_remove,
};

RTE_PMD_REGISTER_VDEV(net_loopback, pmd_lo_drv);
RTE_PMD_REGISTER_ALIAS(net_loopback, eth_loopback);
RTE_PMD_REGISTER_PARAM_STRING(net_loopback,
	ETH_LO_QUEUES_ARG "=<1-" RTE_STR(ETH_LO_QUEUES_MAX) "> "
	ETH_LO_SIZE_ARG "=<" RTE_STR(ETH_LO_SIZE_MIN) "-"
	RTE_STR(ETH_LO_SIZE_MAX) ">");
