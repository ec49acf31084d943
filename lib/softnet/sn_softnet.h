/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The softnet authors
 */

#ifndef SN_SOFTNET_H
#define SN_SOFTNET_H

/**
 * @file
 * softnet: Linux's per-CPU softnet_data for DPDK lcores.
 *
 * Every softnet lcore owns an input queue (a multi-producer/single-consumer
 * ring: other lcores, RPS and the loopback PMD enqueue, the owner
 * dequeues), a process queue, a poll list of NAPI-like pollers (port rx
 * queues with a weight, and the backlog) and the softnet_stat counters.
 * The lcore's main loop is net_rx_action (sn_softnet_rx_action()).
 *
 * Behaviours are numbered as in linux-semantics.md (S4 enqueue limit, S5
 * flow limit, S6 backlog poll, S8 budget, S10 RPS, S11 flush, S12 lcore
 * stop, S13 softnet_stat); doc/guides/softnet.md lists the deviations.
 *
 * Threads: one control thread calls the configuration functions; each
 * lcore runs the loop started by sn_softnet_launch() (or, single-threaded,
 * tests call sn_softnet_rx_action() for lcores that have no loop running).
 */

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <rte_mbuf.h>
#include <rte_rcu_qsbr.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Linux's defaults (net.core.*). */
#define SN_MAX_BACKLOG_DEFAULT		1000	/**< netdev_max_backlog */
#define SN_BUDGET_DEFAULT		300	/**< netdev_budget */
#define SN_BUDGET_USECS_DEFAULT		2000	/**< netdev_budget_usecs */
#define SN_DEV_WEIGHT_DEFAULT		64	/**< dev_weight (weight_p) */
#define SN_FLOW_LIMIT_TABLE_LEN_DEFAULT	4096	/**< flow_limit_table_len */
#define SN_FLOW_LIMIT_HISTORY		128	/**< FLOW_LIMIT_HISTORY */
#define SN_NAPI_WEIGHT			64	/**< NAPI_POLL_WEIGHT (ports) */

/** Most pollers (port rx queues) one lcore can own. */
#define SN_MAX_POLLERS 64

/**
 * Where processed packets go: Linux's __netif_receive_skb. Called on the
 * polling lcore with a burst it now owns (to free, forward or keep).
 */
typedef void (*sn_deliver_t)(void *ctx, unsigned int lcore,
			     struct rte_mbuf **pkts, uint16_t n);

/** softnet configuration at init. */
struct sn_softnet_conf {
	/**
	 * Largest max_backlog that may be set at run time; sizes each
	 * lcore's input ring and process queue. 0: 65535.
	 */
	uint32_t backlog_limit;
	/** Delivery of processed packets; NULL frees them. */
	sn_deliver_t deliver;
	/** Context for deliver. */
	void *deliver_ctx;
	/**
	 * The main lcore calls sn_softnet_rx_action() in a loop of its own
	 * (a benchmark, a single-threaded program): its backlog is drained,
	 * so RPS may steer to it. 0: it runs no loop, as in softnet-pmd.
	 * The main lcore is then no RCU reader: the configuration calls
	 * (sn_softnet_add_rxq(), sn_softnet_set_rps(),
	 * sn_softnet_flush_port(), sn_softnet_lcore_stop() and _start(),
	 * sn_softnet_tunable_set()) must come from that same thread,
	 * between its passes; from any other they fail with -EPERM.
	 */
	int main_polls;
};

/** One lcore's softnet_stat counters (S13). */
struct sn_softnet_stat {
	unsigned int lcore;
	uint64_t processed;
	uint64_t dropped;
	uint64_t time_squeeze;
	uint64_t received_rps;
	uint64_t flow_limit_count;
	uint32_t input_qlen;
	uint32_t process_qlen;
	int online;
};

/**
 * Create the softnet state of every EAL lcore (each on its NUMA node).
 * Every lcore starts online, with an empty poll list.
 *
 * @return 0, or -EINVAL (conf), -EEXIST (already), -ENOMEM.
 */
int sn_softnet_init(const struct sn_softnet_conf *conf);

/** Free everything; pending packets are freed. No loop may be running. */
void sn_softnet_fini(void);

/** The QSBR variable the lcore loops report to (thread id = lcore id). */
struct rte_rcu_qsbr *sn_softnet_qsbr(void);

/**
 * Add a NAPI-like poller for (port, queue) on lcore, with weight
 * SN_NAPI_WEIGHT. Control thread; the lcore picks it up on its next pass.
 *
 * @return 0, -EINVAL, -ENOSPC (SN_MAX_POLLERS), -EEXIST (polled already),
 *   -ETIMEDOUT (the lcore's loop did not take its last new poller).
 */
int sn_softnet_add_rxq(unsigned int lcore, uint16_t port, uint16_t queue);

/**
 * Whether the mbufs of (port, queue) come with mbuf->port set to port, as
 * ethdev asks of every PMD (skb->dev). sn_softnet_add_rxq() answers for
 * the PMDs known to (PCI NICs, net_null, net_pcap, net_tap, net_memif,
 * net_af_packet, net_vhost); for the others (net_ring, net_bonding,
 * net_loopback used as a NIC, virtio) softnet sets it on every mbuf
 * it polls, which costs a look at each. A program whose rx callback sets
 * it says so here; saying so wrongly misplaces packets (S11, namespaces).
 * (Whether the port may deliver RSS hashes, which a one-lcore RPS map
 * checks for 0, is read from its configuration when the queue is added:
 * configure the port first.)
 *
 * @return 0 or -ENOENT (not polled).
 */
int sn_softnet_rxq_port_set(uint16_t port, uint16_t queue, bool is_set);

/**
 * Set the RPS map of (port, queue): the lcores its packets are steered to
 * by flow hash (S10). n == 0 removes the map (packets are processed where
 * they are polled). Published with RCU while traffic flows.
 *
 * @return 0, -EINVAL (bad lcore), -EXDEV (the main lcore, which runs no
 *   loop unless sn_softnet_conf.main_polls), -ENOENT (no such poller),
 *   -ENOMEM.
 */
int sn_softnet_set_rps(uint16_t port, uint16_t queue,
		       const unsigned int *lcores, unsigned int n);

/**
 * netif_rx (S3, S4): enqueue a burst to the backlog of lcore @p target as
 * lcore @p self (whose flow-limit table applies, S5). Accepted packets are
 * moved into the backlog; the rejected ones are put at the end of @p pkts,
 * still owned by the caller, who frees them and counts them on the
 * ingress port. The target's `dropped` is counted here.
 *
 * @return the number accepted (pkts[0..ret) are gone).
 */
uint16_t sn_netif_rx(unsigned int self, unsigned int target,
		     struct rte_mbuf **pkts, uint16_t n);

/**
 * loopback_xmit's netif_rx, for net_loopback in softnet mode: what lo
 * transmits on queue q enters lcore q's backlog, from lcore q, with S4's
 * limits; mbuf->port becomes lo's. Matches sn_eth_lo_input_t: hand it to
 * sn_eth_loopback_set_input().
 */
uint16_t sn_softnet_lo_input(void *ctx, uint16_t port, uint16_t queue,
			     struct rte_mbuf **pkts, uint16_t n);

/**
 * One net_rx_action pass of lcore (S8): poll each scheduled poller once
 * until the budget or the time limit runs out. Only the owner lcore, or
 * the control thread for an lcore with no loop running.
 *
 * @return packets processed in this pass.
 */
unsigned int sn_softnet_rx_action(unsigned int lcore);

/**
 * Launch the lcore main loop on a worker lcore: net_rx_action passes,
 * control requests (flush, stop) and RCU quiescent states, until
 * sn_softnet_lcore_stop() or sn_softnet_quit().
 *
 * @return 0, -EINVAL (no softnet, or the main lcore), -ENODEV (the lcore
 *   is offline: sn_softnet_lcore_start() brings it back), or
 *   rte_eal_remote_launch's error (-EBUSY: the lcore is busy).
 */
int sn_softnet_launch(unsigned int lcore);

/**
 * Make every running lcore loop return (no migration); then wait with
 * rte_eal_mp_wait_lcore(). Loops launched afterwards run normally.
 */
void sn_softnet_quit(void);

/**
 * Deliver what @p lcore's backlog holds (its process queue, then its
 * input queue), polling no port: for an lcore whose loop has returned
 * (sn_softnet_quit()), from the control thread, so that a stop leaves
 * nothing queued. It delivers what is queued when called; what delivery
 * queues again (through lo) needs another call. @return packets
 * delivered; 0 when empty or a loop runs.
 */
unsigned int sn_softnet_drain(unsigned int lcore);

/**
 * napi_disable for every queue of @p port: no lcore polls it once this
 * returns (running loops let their pollers go at their next pass, and
 * every burst they had taken from it has been passed on). Call it before
 * stopping, closing or detaching a port that lcores poll; the port can be
 * polled again with sn_softnet_add_rxq().
 *
 * @return 0 or -ETIMEDOUT (a loop did not answer within a second).
 */
int sn_softnet_del_port(uint16_t port);

/**
 * napi_disable (@p pause true) or napi_enable for every queue of @p port,
 * keeping its pollers where they are, with their RPS maps: once pausing
 * returns 0, no running loop is in an rx burst of the port, and none
 * starts one until it is resumed (each loop has answered between two
 * passes; what a loop transmits within a pass is done by then too, so a
 * caller that stops its own transmits to the port first has the port to
 * itself: to change its MTU or MAC, or to stop it).
 *
 * @return 0, -EINVAL (no such port number), -EPERM (not the control
 *   thread), -ETIMEDOUT (a loop did not answer within a second: the port
 *   is not paused).
 */
int sn_softnet_pause_port(uint16_t port, bool pause);

/** Whether @p port is paused (sn_softnet_pause_port()). */
bool sn_softnet_port_paused(uint16_t port);

/**
 * flush_backlog for a port that is going away (S11): every packet whose
 * mbuf->port is @p port is freed from every lcore's queues, with no drop
 * counted. Waits for running loops to do their own. Take the port out of
 * the pollers first (sn_softnet_del_port()), then stop it, then flush:
 * nothing of it is then left anywhere.
 *
 * @return 0 or -ETIMEDOUT (a loop did not answer within a second).
 */
int sn_softnet_flush_port(uint16_t port);

/**
 * Take lcore offline (S12): its loop returns, then its pollers move to the
 * first online lcore, and its process queue, then its input queue, are
 * re-injected through the normal enqueue path (RPS, limits and drop
 * counters apply). Control thread.
 *
 * @param[out] moved  packets re-injected (may be NULL)
 * @param[out] dropped  of those, dropped by the survivors' limits
 * @return 0, -EINVAL, -EALREADY (offline), -EBUSY (last online lcore),
 *   -ENOSPC (the survivor cannot take its pollers), -ETIMEDOUT (its loop
 *   did not stop within a second: it stays online).
 */
int sn_softnet_lcore_stop(unsigned int lcore, unsigned int *moved,
			  unsigned int *dropped);

/**
 * Bring lcore back online: its loop is launched again if lcore stop ended
 * it (not after sn_softnet_quit(), nor while the lcore runs something
 * else), and the port rx queues first given to it come back to it from
 * the lcore that took them over (whose loop pauses for the move). The
 * thread of the loop that stop ended is waited for (up to a second) if
 * it has not yet returned.
 *
 * @return 0, -EINVAL, -EALREADY (online), -EBUSY (the lcore runs
 *   something else: online, but no loop), or sn_softnet_launch()'s error.
 */
int sn_softnet_lcore_start(unsigned int lcore);

/** Whether lcore is online. */
int sn_softnet_lcore_online(unsigned int lcore);

/** Read lcore's counters. @return 0 or -EINVAL. */
int sn_softnet_stat_get(unsigned int lcore, struct sn_softnet_stat *st);

/** Packets dropped at enqueue (S4) that came in on port (all lcores). */
uint64_t sn_softnet_port_dropped(uint16_t port);

/**
 * /proc/net/softnet_stat (S13): one line of 13 `%08x` columns per online
 * lcore. @return bytes written (as snprintf).
 */
int sn_softnet_stat_text(char *buf, size_t len);

/** The same as a JSON object. @return bytes written (as snprintf). */
int sn_softnet_stat_json(char *buf, size_t len);

/**
 * Set a tunable by Linux's name: max_backlog, budget, budget_usecs,
 * dev_weight, flow_limit_table_len, flow_limit_cpu_bitmap (an lcore list
 * such as "0,2-3" or a hex mask "0x5"), rps_cpus (value "PORT QUEUE
 * LCORELIST", empty list to remove). The sysctl names are taken too:
 * net.core.netdev_max_backlog, netdev_budget, netdev_budget_usecs,
 * net.core.dev_weight, ... (with or without "net.core.").
 *
 * @return 0, or -EINVAL/-ENOENT/-EPERM (off the polling main lcore, see
 *   main_polls) with a one-line reason in err.
 */
int sn_softnet_tunable_set(const char *name, const char *value, char *err,
			   size_t errlen);

/** Print every tunable, `name value` per line. */
void sn_softnet_tunables_dump(FILE *f);

/** Current value of a numeric tunable, or -1 if unknown. */
long sn_softnet_tunable_get(const char *name);

#ifdef __cplusplus
}
#endif

#endif /* SN_SOFTNET_H */
