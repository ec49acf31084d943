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
#include <stdio.h>

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
	/* softnet engines: what softnet delivers goes here */
	void (*deliver)(void *ctx, unsigned int lcore,
			struct rte_mbuf **pkts, uint16_t n);
};

extern struct fwd_engine io_fwd_engine;
extern struct fwd_engine softnet_fwd_engine;
extern struct fwd_engine route_fwd_engine;
extern struct fwd_engine macswap_engine;
extern struct fwd_engine rx_only_engine;
extern struct fwd_engine tx_only_engine;
extern struct fwd_engine flow_gen_engine;
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
	/* --eth-peer: txonly's and flowgen's destination MAC per port */
	struct rte_ether_addr peer[RTE_MAX_ETHPORTS];
	bool peer_set[RTE_MAX_ETHPORTS];
	struct fwd_engine *engine;
	bool interactive;	/* -i */
	bool auto_start;	/* -a, or no -i */
	const char *cmdline_file;
	const char *config_file;
	/* softnet tunables given on the command line, applied at init */
	const char *tunables[16][2];
	unsigned int nb_tunables;
	/* the generator (txonly, flowgen, --gen-rx) */
	struct sn_gen_conf {
		uint32_t src;		/* host order */
		uint32_t dst;		/* first destination */
		uint32_t dst_count;	/* destinations: dst .. dst+count-1 */
		uint16_t sport, dport;
		uint32_t flows;		/* source ports sport .. +flows-1 */
		double rate_mpps;	/* per lcore, 0: as fast as possible */
	} gen;
	int gen_rx_port;	/* -1: none */
	uint32_t max_routes;	/* per table */
};

extern struct sn_config sn_cfg;

/* Parse the application's options (after EAL's). Exits 2 on a mistake. */
void sn_parse_args(int argc, char **argv);
void sn_usage(FILE *f, const char *prog);

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
/* ports the softnet engine sends nothing to (going down under traffic) */
extern bool sn_tx_off[RTE_MAX_ETHPORTS];

/* Build n UDP/IPv4 test frames of len bytes (for --tx-first). */
int sn_build_udp_burst(struct rte_mempool *mp, struct rte_mbuf **pkts,
		       unsigned int n, uint16_t len);

/* testpmd's "NIC statistics for port N" block, pps since the last show
 * (or over the run: since sn_nic_stats_mark_run()). */
void sn_nic_stats_display(uint16_t port, bool run);
/* Start the "since last show" interval now. */
void sn_nic_stats_mark(uint16_t port);
/* A run starts now: both intervals. */
void sn_nic_stats_mark_run(uint16_t port);
/* The live rate lines start again from now (after a clear). */
void sn_rates_mark(uint16_t port);

/* The generator: fill n mbufs (allocated or received) with UDP frames of
 * pkt_len from port's MAC to dmac; with vary, over the flows and
 * destinations (state per lcore), else all the first flow. An mbuf it
 * cannot write into is replaced from the pool, or dropped: returns the
 * count left at the front of pkts. */
uint16_t sn_gen_fill(unsigned int lcore, uint16_t port,
		 const struct rte_ether_addr *dmac, struct rte_mbuf **pkts,
		 uint16_t n, bool vary);
/* How many packets the rate allows now (all of n if no rate). */
uint16_t sn_gen_allow(unsigned int lcore, uint16_t n);
/* txonly/flowgen: a generated burst out of a stream. */
void sn_gen_burst(struct fwd_stream *fs, bool flows);
/* --gen-rx: the generator as the source of a port's rx queues. */
int sn_gen_rx_attach(uint16_t port, uint16_t nb_queues);
/* What --gen-rx's port received over --gen-rate, freed unsent: its rx
 * counter has them, the traffic does not. */
uint64_t sn_gen_surplus(void);

/* The app's state, for the shell. */
extern struct rte_mempool *pktmbuf_pool;
extern uint16_t lo_port;
int sn_fwd_start(void);
/* The next start sends N bursts first (tx_first). */
void sn_fwd_start_tx_first(uint16_t bursts);
int sn_fwd_stop(void);
bool sn_fwd_running(void);
/* port stop|start N: 0, -EBUSY (forwarding with a stream engine), -EPERM
 * (a namespace's lo), -EALREADY. */
int sn_port_stop(uint16_t port);
/* Whether port is some namespace's lo. */
bool sn_port_is_lo(uint16_t port);
/* Whether port is up: started (port start), or a namespace's lo. */
bool sn_port_up(uint16_t port);
int sn_port_start(uint16_t port);
/* ip link set mtu: the PMD's MTU and the datapath's copy; under forwarding
 * with the port quiet, -EBUSY with a stream engine. */
int sn_port_set_mtu(uint16_t port, uint16_t mtu);
/* ip link set address: the PMD's default MAC and the datapath's copy, as
 * sn_port_set_mtu. */
int sn_port_set_mac(uint16_t port, const struct rte_ether_addr *mac);
/** Whether lcore is one of the forwarding lcores. */
bool sn_fwd_lcore(unsigned int lcore);
void sn_fwd_stats_display(void);
void sn_fwd_config_display(void);
void sn_fwd_stats_clear(void);
/* clear port stats zeroed a port's counters: its RX-dropped in the forward
 * stats counts from there */
void sn_fwd_stats_port_cleared(uint16_t port);
int sn_set_fwd(const char *name);
void sn_request_quit(void);
bool sn_quit_requested(void);
/* One step of the control work: neighbours, stats period. */
void sn_control_step(void);

/* The shell: run one command line; output on stdout. Returns 0, or -1
 * after printing a one-line reason. */
int sn_cmd_exec(const char *line);
/* Run every line of a file (# comments); stops at quit. */
int sn_cmd_file(const char *path, bool echo);
/* The interactive prompt on stdin (lines from a pipe when not a tty). */
void sn_cmd_interact(void);

/* Telemetry endpoints (/softnet/...). */
int sn_telemetry_register(void);
/* Held while the shell or telemetry reads or changes the control plane. */
#include <pthread.h>
extern pthread_mutex_t sn_ctl_lock;

#endif /* SOFTNET_PMD_H */
