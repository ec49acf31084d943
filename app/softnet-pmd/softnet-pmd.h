/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The softnet authors
 */

/*
 * softnet-pmd: a testpmd-shaped front end. EAL options, then "--" and the
 * application's options; ports are polled by forwarding lcores, each running
 * one forwarding engine over its streams (rx port/queue -> tx port/queue).
 */

#ifndef SOFTNET_PMD_H
#define SOFTNET_PMD_H

#include <stdbool.h>
#include <stdint.h>

#include <rte_ethdev.h>
#include <rte_mbuf.h>

#define SN_MAX_BURST 512
#define SN_LO_NAME "net_loopback0"

/* One rx queue polled, and where its packets go. Owned by one lcore. */
struct fwd_stream {
	uint16_t rx_port;
	uint16_t rx_queue;
	uint16_t tx_port;
	uint16_t tx_queue;
	uint64_t rx_packets;
	uint64_t tx_packets;
	uint64_t fwd_dropped; /* refused by the tx queue and freed */
} __rte_cache_aligned;

struct fwd_engine {
	const char *name;
	const char *help;
	void (*packet_fwd)(struct fwd_stream *fs);
	int softnet;	/* lcores run softnet's loop, not packet_fwd */
};

extern struct fwd_engine io_fwd_engine;
extern struct fwd_engine softnet_fwd_engine;
extern struct fwd_engine macswap_engine;
extern struct fwd_engine rx_only_engine;
extern struct fwd_engine *fwd_engines[]; /* NULL-terminated */

struct sn_config {
	uint64_t run_time;	/* seconds, 0: until a signal */
	uint64_t stats_period;	/* seconds, 0: only at the end */
	uint16_t burst;
	uint16_t nb_cores;	/* forwarding lcores, 0: all workers */
	uint16_t nb_rxq;
	uint16_t nb_txq;
	uint32_t total_mbufs;	/* 0: sized from ports and queues */
	uint16_t tx_first;	/* bursts sent before forwarding starts */
	uint16_t pkt_len;	/* frame length of generated packets */
	struct fwd_engine *engine;
};

extern struct sn_config sn_cfg;

/* Parse the application's options (after EAL's). Exits 2 on a mistake. */
void sn_parse_args(int argc, char **argv);
void sn_usage(const char *prog);

struct fwd_engine *sn_engine_find(const char *name);

/* Drop what the tx queue refused, and count it. */
static inline void
fwd_stream_tx(struct fwd_stream *fs, struct rte_mbuf **pkts, uint16_t n)
{
	uint16_t sent = rte_eth_tx_burst(fs->tx_port, fs->tx_queue, pkts, n);

	fs->tx_packets += sent;
	if (unlikely(sent < n)) {
		fs->fwd_dropped += n - sent;
		rte_pktmbuf_free_bulk(pkts + sent, n - sent);
	}
}

/* softnet engine: softnet's deliver callback, and its tx queue table. */
void softnet_fwd_deliver(void *ctx, unsigned int lcore,
			 struct rte_mbuf **pkts, uint16_t n);
extern uint16_t sn_txq_of[RTE_MAX_LCORE][RTE_MAX_ETHPORTS];
extern uint64_t sn_deliver_dropped[RTE_MAX_LCORE];

/* Build n UDP/IPv4 test frames of len bytes (for --tx-first). */
int sn_build_udp_burst(struct rte_mempool *mp, struct rte_mbuf **pkts,
		       unsigned int n, uint16_t len);

/* testpmd's "NIC statistics for port N" block, pps since the last call. */
void sn_nic_stats_display(uint16_t port);
/* Start the "since last show" interval now. */
void sn_nic_stats_mark(uint16_t port);

#endif /* SOFTNET_PMD_H */
