/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The softnet authors
 */

/*
 * softnet-pmd: ports, lcores and the main loop.
 *
 * The default namespace's lo (net_loopback0) is created before any other
 * device so that it is DPDK port 0, as lo is ifindex 1.
 */

#include <inttypes.h>
#include <stdbool.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_common.h>
#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_ip.h>
#include <rte_launch.h>
#include <rte_malloc.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_udp.h>

#include "sn_eth_loopback.h"
#include "sn_softnet.h"
#include "softnet-pmd.h"

#define MAX_STREAMS_PER_LCORE 256

struct lcore_fwd {
	uint16_t nb_streams;
	struct fwd_stream *streams[MAX_STREAMS_PER_LCORE];
} __rte_cache_aligned;

static struct lcore_fwd lcore_fwd[RTE_MAX_LCORE];
static unsigned int fwd_lcores[RTE_MAX_LCORE];
static unsigned int nb_fwd_lcores;
static struct fwd_stream *streams;
static unsigned int nb_streams;
static struct rte_mempool *pktmbuf_pool;
static uint16_t nb_queues;

static volatile int stop_fwd;
static volatile sig_atomic_t force_quit;

static void
signal_handler(int signum)
{
	if (force_quit) {
		/* A second signal: leave at once. */
		signal(signum, SIG_DFL);
		raise(signum);
		return;
	}
	force_quit = 1;
}

static int
fwd_lcore_loop(void *arg)
{
	struct lcore_fwd *lf = arg;
	void (*fwd)(struct fwd_stream *) = sn_cfg.engine->packet_fwd;
	uint16_t i;

	while (!stop_fwd)
		for (i = 0; i < lf->nb_streams; i++)
			fwd(lf->streams[i]);
	return 0;
}

int
sn_build_udp_burst(struct rte_mempool *mp, struct rte_mbuf **pkts,
		   unsigned int n, uint16_t len)
{
	struct rte_ether_hdr *eth;
	struct rte_ipv4_hdr *ip;
	struct rte_udp_hdr *udp;
	unsigned int i;

	if (rte_pktmbuf_alloc_bulk(mp, pkts, n) != 0)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		eth = (struct rte_ether_hdr *)rte_pktmbuf_append(pkts[i], len);
		if (eth == NULL) {
			rte_pktmbuf_free_bulk(pkts, n);
			return -ENOSPC;
		}
		memset(eth, 0, len);
		eth->ether_type = rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV4);
		ip = (struct rte_ipv4_hdr *)(eth + 1);
		ip->version_ihl = RTE_IPV4_VHL_DEF;
		ip->total_length = rte_cpu_to_be_16(len - sizeof(*eth));
		ip->time_to_live = 64;
		ip->next_proto_id = IPPROTO_UDP;
		/* 198.18.0.0/15: benchmarking addresses (RFC 2544) */
		ip->src_addr = rte_cpu_to_be_32(RTE_IPV4(198, 18, 0, 1));
		ip->dst_addr = rte_cpu_to_be_32(RTE_IPV4(198, 18, 0, 2));
		ip->hdr_checksum = rte_ipv4_cksum(ip);
		udp = (struct rte_udp_hdr *)(ip + 1);
		udp->src_port = rte_cpu_to_be_16(9);
		udp->dst_port = rte_cpu_to_be_16(9);
		udp->dgram_len = rte_cpu_to_be_16(len - sizeof(*eth) -
						  sizeof(*ip));
	}
	return 0;
}

/* Insert "--vdev=net_loopback0,..." first unless the user named it. */
static char **
eal_argv_with_lo(int argc, char **argv, int *new_argc)
{
	static char lo_arg[64];
	char **nargv;
	int i;

	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strstr(argv[i], SN_LO_NAME) != NULL) {
			*new_argc = argc;
			return argv;
		}
	nargv = calloc(argc + 2, sizeof(*nargv));
	if (nargv == NULL)
		return NULL;
	snprintf(lo_arg, sizeof(lo_arg), "--vdev=%s,queues=%u", SN_LO_NAME,
		 RTE_MAX_LCORE);
	nargv[0] = argv[0];
	nargv[1] = lo_arg;
	for (i = 1; i < argc; i++)
		nargv[i + 1] = argv[i];
	*new_argc = argc + 1;
	return nargv;
}

static int
port_setup(uint16_t port, uint16_t nb_queues, bool softnet_lo)
{
	struct rte_eth_conf conf;
	struct rte_eth_dev_info info;
	uint16_t q;
	int ret;

	memset(&conf, 0, sizeof(conf));
	ret = rte_eth_dev_info_get(port, &info);
	if (ret != 0)
		return ret;
	if (nb_queues > info.max_rx_queues || nb_queues > info.max_tx_queues) {
		fprintf(stderr, "port %u (%s) has at most %u rx / %u tx "
			"queues, %u asked\n", port, info.driver_name,
			info.max_rx_queues, info.max_tx_queues, nb_queues);
		return -EINVAL;
	}
	ret = rte_eth_dev_configure(port, nb_queues, nb_queues, &conf);
	if (ret != 0)
		return ret;
	for (q = 0; q < nb_queues; q++) {
		ret = rte_eth_rx_queue_setup(port, q, 0,
				rte_eth_dev_socket_id(port), NULL,
				pktmbuf_pool);
		if (ret != 0)
			return ret;
		ret = rte_eth_tx_queue_setup(port, q, 0,
				rte_eth_dev_socket_id(port), NULL);
		if (ret != 0)
			return ret;
	}
	if (softnet_lo) {
		/* lo's transmit on queue q is netif_rx on lcore q */
		ret = sn_eth_loopback_set_input(port, sn_softnet_lo_input,
						NULL);
		if (ret != 0)
			return ret;
	}
	ret = rte_eth_dev_start(port);
	if (ret != 0)
		return ret;
	/* Not every PMD can; testpmd ignores it too. */
	rte_eth_promiscuous_enable(port);
	return 0;
}

/* Streams: lcore i polls queues i, i + nb_fwd_lcores, ... of every port. */
static int
streams_setup(void)
{
	unsigned int nb_ports = rte_eth_dev_count_avail();
	struct fwd_stream *fs;
	struct lcore_fwd *lf;
	uint16_t port, q;

	nb_streams = nb_ports * nb_queues;
	streams = rte_zmalloc("streams", nb_streams * sizeof(*streams),
			      RTE_CACHE_LINE_SIZE);
	if (streams == NULL)
		return -ENOMEM;
	fs = streams;
	RTE_ETH_FOREACH_DEV(port) {
		for (q = 0; q < nb_queues; q++, fs++) {
			lf = &lcore_fwd[fwd_lcores[q % nb_fwd_lcores]];
			if (lf->nb_streams == MAX_STREAMS_PER_LCORE)
				return -ENOSPC;
			fs->rx_port = port;
			fs->rx_queue = q;
			fs->tx_port = port;
			fs->tx_queue = q;
			lf->streams[lf->nb_streams++] = fs;
		}
	}
	return 0;
}

/*
 * softnet: lcore i polls queue i of every port but lo (lo is not polled:
 * its transmit enters the backlog) and transmits on that queue; on lo it
 * transmits on queue lcore-id, its own backlog's.
 */
static int
softnet_setup(uint16_t lo_port)
{
	unsigned int i, l;
	uint16_t port;
	int ret;

	RTE_ETH_FOREACH_DEV(port) {
		for (i = 0; i < nb_fwd_lcores; i++) {
			l = fwd_lcores[i];
			sn_txq_of[l][port] = port == lo_port ? l :
					     i % nb_queues;
		}
		if (port == lo_port)
			continue;
		for (i = 0; i < nb_queues; i++) {
			ret = sn_softnet_add_rxq(fwd_lcores[i % nb_fwd_lcores],
						 port, i);
			if (ret != 0)
				return ret;
		}
	}
	return 0;
}

struct rate_state {
	uint64_t tsc;
	uint64_t ipackets;
	uint64_t opackets;
};

static struct rate_state rate_prev[RTE_MAX_ETHPORTS];

static void
print_rates(void)
{
	char name[RTE_ETH_NAME_MAX_LEN];
	struct rte_eth_stats st;
	struct rate_state *p;
	uint64_t now = rte_rdtsc();
	double secs;
	uint16_t port;

	RTE_ETH_FOREACH_DEV(port) {
		if (rte_eth_stats_get(port, &st) != 0)
			continue;
		p = &rate_prev[port];
		secs = (double)(now - p->tsc) / rte_get_tsc_hz();
		rte_eth_dev_get_name_by_port(port, name);
		if (p->tsc != 0 && secs > 0)
			printf("port %u %-16s Rx %9.3f Mpps  Tx %9.3f Mpps  "
			       "missed %" PRIu64 "\n", port, name,
			       (st.ipackets - p->ipackets) / secs / 1e6,
			       (st.opackets - p->opackets) / secs / 1e6,
			       st.imissed);
		p->tsc = now;
		p->ipackets = st.ipackets;
		p->opackets = st.opackets;
	}
	fflush(stdout);
}

static void
print_fwd_stats(void)
{
	uint64_t rx = 0, tx = 0, drop = 0;
	unsigned int i;

	for (i = 0; i < nb_streams; i++) {
		rx += streams[i].rx_packets;
		tx += streams[i].tx_packets;
		drop += streams[i].fwd_dropped;
	}
	printf("\n  +++++++++++++++ Accumulated forward statistics for all "
	       "ports +++++++++++++++\n");
	printf("  RX-packets: %-14" PRIu64 " TX-packets: %-14" PRIu64
	       " TX-dropped: %-14" PRIu64 "\n", rx, tx, drop);
	printf("  +++++++++++++++++++++++++++++++++++++++++++++++++++++++++"
	       "+++++++++++++++++++\n");
}

static int
tx_first_softnet(void)
{
	struct rte_mbuf *pkts[SN_MAX_BURST];
	unsigned int i, b, l;
	uint16_t port, sent;
	int ret;

	for (i = 0; i < nb_fwd_lcores; i++) {
		l = fwd_lcores[i];
		RTE_ETH_FOREACH_DEV(port) {
			for (b = 0; b < sn_cfg.tx_first; b++) {
				ret = sn_build_udp_burst(pktmbuf_pool, pkts,
						sn_cfg.burst, sn_cfg.pkt_len);
				if (ret != 0)
					return ret;
				sent = rte_eth_tx_burst(port,
						sn_txq_of[l][port], pkts,
						sn_cfg.burst);
				rte_pktmbuf_free_bulk(pkts + sent,
						      sn_cfg.burst - sent);
			}
		}
	}
	return 0;
}

static int
tx_first(void)
{
	struct rte_mbuf *pkts[SN_MAX_BURST];
	unsigned int i, b;
	int ret;

	for (i = 0; i < nb_streams; i++) {
		for (b = 0; b < sn_cfg.tx_first; b++) {
			ret = sn_build_udp_burst(pktmbuf_pool, pkts,
						 sn_cfg.burst, sn_cfg.pkt_len);
			if (ret != 0)
				return ret;
			fwd_stream_tx(&streams[i], pkts, sn_cfg.burst);
		}
	}
	return 0;
}

/* Free what waits in a port's rx queues: not every PMD does at stop. */
static void
drain_rx(uint16_t port)
{
	struct rte_mbuf *pkts[SN_MAX_BURST];
	struct rte_eth_dev_info info;
	uint16_t q, n;

	if (rte_eth_dev_info_get(port, &info) != 0)
		return;
	for (q = 0; q < info.nb_rx_queues; q++)
		while ((n = rte_eth_rx_burst(port, q, pkts, SN_MAX_BURST)) != 0)
			rte_pktmbuf_free_bulk(pkts, n);
}

static unsigned int
max_lcore_id(void)
{
	unsigned int l, max = 0;

	RTE_LCORE_FOREACH(l)
		max = l;
	return max;
}

int
main(int argc, char **argv)
{
	uint64_t start, next_stats, hz;
	unsigned int lcore, i, nb_ports;
	unsigned int in_use, nb_mbufs;
	char **eal_argv;
	int eal_argc, ret, dashdash;
	bool softnet = false;
	uint16_t port, lo_port;

	/* The application's options are checked before EAL touches a port. */
	for (dashdash = 1; dashdash < argc; dashdash++)
		if (strcmp(argv[dashdash], "--") == 0)
			break;
	if (dashdash < argc)
		sn_parse_args(argc - dashdash, argv + dashdash);

	eal_argv = eal_argv_with_lo(argc, argv, &eal_argc);
	if (eal_argv == NULL)
		return 1;
	ret = rte_eal_init(eal_argc, eal_argv);
	if (ret < 0) {
		fprintf(stderr, "softnet-pmd: cannot init EAL: %s\n",
			rte_strerror(rte_errno));
		return 1;
	}

	signal(SIGINT, signal_handler);
	signal(SIGTERM, signal_handler);

	if (rte_eth_dev_get_port_by_name(SN_LO_NAME, &lo_port) != 0) {
		fprintf(stderr, "softnet-pmd: %s did not probe\n", SN_LO_NAME);
		ret = 1;
		goto out_eal;
	}
	if (lo_port != 0)
		printf("warning: %s is port %u, not 0: bus devices probed "
		       "first\n", SN_LO_NAME, lo_port);

	RTE_LCORE_FOREACH_WORKER(lcore)
		fwd_lcores[nb_fwd_lcores++] = lcore;
	if (nb_fwd_lcores == 0) {
		fprintf(stderr, "softnet-pmd: needs a main lcore and at least "
			"one forwarding lcore (e.g. -l 0,1 or --lcores "
			"0@0,1@1)\n");
		ret = 2;
		goto out_eal;
	}
	if (sn_cfg.nb_cores != 0) {
		if (sn_cfg.nb_cores > nb_fwd_lcores) {
			fprintf(stderr, "softnet-pmd: --nb-cores=%u but only "
				"%u worker lcores\n", sn_cfg.nb_cores,
				nb_fwd_lcores);
			ret = 2;
			goto out_eal;
		}
		nb_fwd_lcores = sn_cfg.nb_cores;
	}
	nb_queues = sn_cfg.nb_rxq != 0 ? sn_cfg.nb_rxq :
		    sn_cfg.nb_txq != 0 ? sn_cfg.nb_txq : nb_fwd_lcores;

	nb_ports = rte_eth_dev_count_avail();
	nb_mbufs = sn_cfg.total_mbufs;
	if (nb_mbufs == 0)
		nb_mbufs = RTE_MAX(8192u, nb_ports * nb_queues *
				   (2048u + sn_cfg.burst * (sn_cfg.tx_first + 2))
				   + rte_lcore_count() * 512u);
	pktmbuf_pool = rte_pktmbuf_pool_create("mb_pool_0", nb_mbufs, 256, 0,
					       RTE_MBUF_DEFAULT_BUF_SIZE,
					       rte_socket_id());
	if (pktmbuf_pool == NULL) {
		fprintf(stderr, "softnet-pmd: cannot create a pool of %u "
			"mbufs: %s\n", nb_mbufs, rte_strerror(rte_errno));
		ret = 1;
		goto out_eal;
	}

	softnet = sn_cfg.engine->softnet;
	if (softnet) {
		struct sn_softnet_conf conf = {
			.deliver = softnet_fwd_deliver,
		};

		ret = sn_softnet_init(&conf);
		if (ret != 0) {
			fprintf(stderr, "softnet-pmd: softnet: %s\n",
				strerror(-ret));
			ret = 1;
			goto out_ports;
		}
	}
	RTE_ETH_FOREACH_DEV(port) {
		/* in softnet, lo has a queue per lcore id */
		ret = port_setup(port, softnet && port == lo_port ?
				 max_lcore_id() + 1 : nb_queues,
				 softnet && port == lo_port);
		if (ret != 0) {
			fprintf(stderr, "softnet-pmd: port %u setup: %s\n",
				port, strerror(-ret));
			ret = 1;
			goto out_ports;
		}
	}
	ret = softnet ? softnet_setup(lo_port) : streams_setup();
	if (ret != 0) {
		fprintf(stderr, "softnet-pmd: %s: %s\n",
			softnet ? "softnet pollers" : "streams",
			strerror(-ret));
		ret = 1;
		goto out_ports;
	}

	printf("softnet-pmd: %s forwarding, %u ports, %u lcores, %u queues "
	       "per port, burst %u\n", sn_cfg.engine->name, nb_ports,
	       nb_fwd_lcores, nb_queues, sn_cfg.burst);
	if (sn_cfg.tx_first != 0 &&
	    (softnet ? tx_first_softnet() : tx_first()) != 0) {
		fprintf(stderr, "softnet-pmd: --tx-first: no mbufs\n");
		ret = 1;
		goto out_ports;
	}

	RTE_ETH_FOREACH_DEV(port)
		sn_nic_stats_mark(port);
	for (i = 0; i < nb_fwd_lcores; i++) {
		if (softnet)
			sn_softnet_launch(fwd_lcores[i]);
		else
			rte_eal_remote_launch(fwd_lcore_loop,
					      &lcore_fwd[fwd_lcores[i]],
					      fwd_lcores[i]);
	}

	hz = rte_get_tsc_hz();
	start = rte_rdtsc();
	next_stats = start + sn_cfg.stats_period * hz;
	print_rates();
	while (!force_quit) {
		uint64_t now = rte_rdtsc();

		if (sn_cfg.run_time != 0 && now - start >= sn_cfg.run_time * hz)
			break;
		if (sn_cfg.stats_period != 0 && now >= next_stats) {
			print_rates();
			next_stats += sn_cfg.stats_period * hz;
		}
		usleep(10 * 1000);
	}

	stop_fwd = 1;
	if (softnet)
		sn_softnet_quit();
	rte_eal_mp_wait_lcore();
	if (softnet) {
		static char text[RTE_MAX_LCORE * 120];

		sn_softnet_stat_text(text, sizeof(text));
		printf("\n  softnet_stat (processed dropped time_squeeze 0 0 0 "
		       "0 0 0 received_rps flow_limit_count backlog_len "
		       "lcore)\n%s", text);
	} else {
		print_fwd_stats();
	}
	RTE_ETH_FOREACH_DEV(port)
		sn_nic_stats_display(port);
	ret = 0;

out_ports:
	stop_fwd = 1;
	if (softnet)
		sn_softnet_quit();
	rte_eal_mp_wait_lcore();
	RTE_ETH_FOREACH_DEV(port)
		drain_rx(port);
	RTE_ETH_FOREACH_DEV(port)
		rte_eth_dev_stop(port);
	/* what the backlogs still hold goes back to the pool */
	if (softnet)
		sn_softnet_fini();
	RTE_ETH_FOREACH_DEV(port)
		rte_eth_dev_close(port);
	if (pktmbuf_pool != NULL) {
		in_use = rte_mempool_in_use_count(pktmbuf_pool);
		if (in_use != 0) {
			printf("mbufs: %u of %u missing from %s\n", in_use,
			       pktmbuf_pool->size, pktmbuf_pool->name);
			if (ret == 0)
				ret = 1;
		} else {
			printf("mbufs: all %u back in %s\n",
			       pktmbuf_pool->size, pktmbuf_pool->name);
		}
		rte_mempool_free(pktmbuf_pool);
	}
	rte_free(streams);
out_eal:
	rte_eal_cleanup();
	if (eal_argv != argv)
		free(eal_argv);
	printf("Bye...\n");
	return ret;
}
