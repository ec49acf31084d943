/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The softnet authors
 */

/*
 * softnet-pmd: ports, lcores, the libraries and the main loop.
 *
 * The default namespace's lo (net_loopback0) is created before any other
 * device so that it is DPDK port 0, as lo is ifindex 1. Every other port
 * joins the default namespace as "port<N>". The main lcore runs the
 * shell (or the timed run) and the control work; the others forward.
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
#include <rte_dev.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_bus.h>
#include <rte_ethdev.h>
#include <rte_ip.h>
#include <rte_launch.h>
#include <rte_log.h>
#include <rte_malloc.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_udp.h>

#include "sn_eth_loopback.h"
#include "sn_ip.h"
#include "sn_netns.h"
#include "sn_route.h"
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
struct rte_mempool *pktmbuf_pool;
uint16_t lo_port;
static uint16_t nb_queues;
static bool running;
static bool lo_softnet_mode;
static uint64_t run_start, next_stats;
static bool libs_up;

static volatile int stop_fwd;
static volatile sig_atomic_t force_quit;
static bool quit_requested;

/* what softnet delivers goes to the engine that was started */
static void (*deliver_fn)(void *ctx, unsigned int lcore,
			  struct rte_mbuf **pkts, uint16_t n);

static void
app_deliver(void *ctx, unsigned int lcore, struct rte_mbuf **pkts,
	    uint16_t n)
{
	if (likely(deliver_fn != NULL))
		deliver_fn(ctx, lcore, pkts, n);
	else
		rte_pktmbuf_free_bulk(pkts, n);
}

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

void
sn_request_quit(void)
{
	quit_requested = true;
}

bool
sn_quit_requested(void)
{
	return quit_requested || force_quit;
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
		ip->src_addr = rte_cpu_to_be_32(0xc6120001 /* 198.18.0.1 */);
		ip->dst_addr = rte_cpu_to_be_32(0xc6120002 /* 198.18.0.2 */);
		ip->hdr_checksum = rte_ipv4_cksum(ip);
		udp = (struct rte_udp_hdr *)(ip + 1);
		udp->src_port = rte_cpu_to_be_16(9);
		udp->dst_port = rte_cpu_to_be_16(9);
		udp->dgram_len = rte_cpu_to_be_16(len - sizeof(*eth) -
						  sizeof(*ip));
	}
	return 0;
}

/*
 * EAL probes vdevs last, after the buses' devices (-a): so that lo is
 * port 0, the devices the user allows with -a/--allow are probed after
 * EAL has made lo, by hotplug (rte_dev_probe), in the order given; EAL
 * itself gets an allow list naming no device, so that it probes none of
 * them. "--vdev=net_loopback0,..." is inserted first unless the user named
 * it.
 */
#define NO_DEVICE_ALLOW "0000:00:00.0"
static const char *deferred_devs[RTE_MAX_ETHPORTS];
static unsigned int nb_deferred;
/* the --vdev devices named: EAL 22.11 goes on when one fails to probe
 * (a warning, "Bus (vdev) probe failed."), softnet-pmd does not */
static const char *vdevs[RTE_MAX_ETHPORTS];
static unsigned int nb_vdevs;

static char **
eal_argv_with_lo(int argc, char **argv, int *new_argc)
{
	static char lo_arg[64];
	bool have_lo = false;
	const char *dev;
	char **nargv;
	int i, n = 0;

	nargv = calloc(argc + 2, sizeof(*nargv));
	if (nargv == NULL)
		return NULL;
	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strstr(argv[i], SN_LO_NAME) != NULL)
			have_lo = true;
	snprintf(lo_arg, sizeof(lo_arg), "--vdev=%s,queues=%u", SN_LO_NAME,
		 RTE_MAX_LCORE);
	nargv[n++] = argv[0];
	if (!have_lo)
		nargv[n++] = lo_arg;
	for (i = 1; i < argc; i++) {
		dev = NULL;
		if (strcmp(argv[i], "--") == 0) {
			for (; i < argc; i++)
				nargv[n++] = argv[i];
			break;
		}
		if (nb_vdevs < RTE_DIM(vdevs)) {
			if (strcmp(argv[i], "--vdev") == 0 && i + 1 < argc)
				vdevs[nb_vdevs++] = argv[i + 1];
			else if (strncmp(argv[i], "--vdev=", 7) == 0)
				vdevs[nb_vdevs++] = argv[i] + 7;
		}
		if ((strcmp(argv[i], "-a") == 0 ||
		     strcmp(argv[i], "--allow") == 0) && i + 1 < argc)
			dev = argv[++i];
		else if (strncmp(argv[i], "--allow=", 8) == 0)
			dev = argv[i] + 8;
		else if (strncmp(argv[i], "-a", 2) == 0 && argv[i][2] != '\0')
			dev = argv[i] + 2;
		if (dev == NULL) {
			nargv[n++] = argv[i];
			continue;
		}
		if (nb_deferred < RTE_DIM(deferred_devs))
			deferred_devs[nb_deferred++] = dev;
		if (nb_deferred == 1) {	/* EAL: allow list, no device */
			nargv[n++] = (char *)(uintptr_t)"-a";
			nargv[n++] = (char *)(uintptr_t)NO_DEVICE_ALLOW;
		}
	}
	*new_argc = n;
	return nargv;
}

/* Every ethdev --vdev (net_*, or a driver's eth_* alias) is a port, by
 * its name: 0, or -ENODEV with what did not come up said. */
static int
vdevs_check(void)
{
	char name[RTE_DEV_NAME_MAX_LEN];
	unsigned int i;
	uint16_t port;

	for (i = 0; i < nb_vdevs; i++) {
		snprintf(name, sizeof(name), "%.*s",
			 (int)strcspn(vdevs[i], ","), vdevs[i]);
		if (strncmp(name, "net_", 4) != 0 &&
		    strncmp(name, "eth_", 4) != 0)
			continue;	/* not an ethdev's */
		if (rte_eth_dev_get_port_by_name(name, &port) != 0) {
			fprintf(stderr, "softnet-pmd: --vdev %s: no port "
				"came of it (its driver says why above)\n",
				vdevs[i]);
			return -ENODEV;
		}
	}
	return 0;
}

/* Probe the -a devices now that lo exists. */
static int
probe_deferred(void)
{
	unsigned int i;
	int ret;

	for (i = 0; i < nb_deferred; i++) {
		ret = rte_dev_probe(deferred_devs[i]);
		if (ret != 0) {
			fprintf(stderr, "softnet-pmd: cannot probe -a %s: %s\n",
				deferred_devs[i], rte_strerror(-ret));
			return ret;
		}
	}
	return 0;
}

/*
 * The queues of a port. tx: one per forwarding lcore (or per --rxq queue
 * if more), so that no two lcores write one, and one more for the main
 * lcore's control work. rx: --rxq's (one per forwarding lcore by
 * default); on a device whose tx queue q loops to its rx queue q
 * (net_ring, net_loopback) as many as tx, so that what any tx queue sent
 * comes back on a configured queue (polled, but for the control one's,
 * which is drained at exit). Other devices keep their rx count (a memif
 * or vhost peer negotiates its rings).
 */
static uint16_t nb_txq_port;
static uint16_t port_polled[RTE_MAX_ETHPORTS];	/* rx queues polled */

static bool
loops_tx_to_rx(uint16_t port)
{
	struct rte_eth_dev_info info;

	return rte_eth_dev_info_get(port, &info) == 0 &&
	       info.driver_name != NULL &&
	       (strcmp(info.driver_name, "net_ring") == 0 ||
		strcmp(info.driver_name, "net_loopback") == 0);
}

static uint16_t
ctl_rxqs(uint16_t port)
{
	struct rte_eth_dev_info info;

	if (loops_tx_to_rx(port) && rte_eth_dev_info_get(port, &info) == 0 &&
	    info.max_rx_queues >= nb_txq_port)
		return nb_txq_port;
	return nb_queues;
}

/* ports set up and started here: an early exit drains only those */
static bool port_up[RTE_MAX_ETHPORTS];

/* Start a configured port, promiscuous the first time (not every PMD
 * can; testpmd ignores it too); then ethdev keeps the mode across stop and
 * start (ip link set promisc), as Linux keeps IFF_PROMISC. */
static bool promisc_set[RTE_MAX_ETHPORTS];

static int
port_go_up(uint16_t port)
{
	int ret = rte_eth_dev_start(port);

	if (ret != 0)
		return ret;
	port_up[port] = true;
	if (!promisc_set[port]) {
		rte_eth_promiscuous_enable(port);
		promisc_set[port] = true;
	}
	return 0;
}

static int
port_setup(uint16_t port, uint16_t nb_rx, uint16_t nb_tx)
{
	struct rte_eth_conf conf;
	struct rte_eth_dev_info info;
	uint16_t q;
	int ret;

	memset(&conf, 0, sizeof(conf));
	ret = rte_eth_dev_info_get(port, &info);
	if (ret != 0)
		return ret;
	if (nb_rx > info.max_rx_queues || nb_tx > info.max_tx_queues) {
		char hint[128];

		/* how to get more: net_pcap's files, the queues devarg of
		 * the vdevs that have one, else the device's own limit */
		const char *bus = info.device != NULL ?
				  rte_bus_name(rte_dev_bus(info.device)) : "";

		if (strcmp(info.driver_name, "net_pcap") == 0)
			snprintf(hint, sizeof(hint), "net_pcap: one tx_pcap "
				 "or tx_iface per tx queue, %u of them", nb_tx);
		else if (strcmp(bus, "vdev") == 0 &&
			 (strcmp(info.driver_name, "net_loopback") == 0 ||
			  strcmp(info.driver_name, "net_vhost") == 0 ||
			  strcmp(info.driver_name, "net_virtio_user") == 0))
			snprintf(hint, sizeof(hint), "%s: devarg queues=%u",
				 info.driver_name, nb_tx);
		else
			snprintf(hint, sizeof(hint), "the device's own limit: "
				 "fewer forwarding lcores, or another device");
		fprintf(stderr, "port %u (%s) has at most %u rx / %u tx "
			"queues, %u/%u asked: softnet-pmd needs an rx queue "
			"per forwarding lcore (--rxq), a tx queue per "
			"forwarding lcore and one more tx queue for the main "
			"lcore's control work (%s)\n", port, info.driver_name,
			info.max_rx_queues, info.max_tx_queues, nb_rx, nb_tx,
			hint);
		return -EINVAL;
	}
	/* lo's MTU as every namespace's lo has it (Linux's 65536, as near
	 * as ethdev's uint16_t goes); ethdev would give it 1500 */
	if (strcmp(info.driver_name, "net_loopback") == 0)
		conf.rxmode.mtu = info.max_mtu;
	ret = rte_eth_dev_configure(port, nb_rx, nb_tx, &conf);
	if (ret != 0 && nb_rx < nb_tx && nb_tx <= info.max_rx_queues) {
		/* a device that wants as many rx as tx queues (net_tap):
		 * the extra ones are polled too */
		nb_rx = nb_tx;
		ret = rte_eth_dev_configure(port, nb_rx, nb_tx, &conf);
	}
	if (ret != 0)
		return ret > 0 || ret == -1 ? -EINVAL : ret;
	port_polled[port] = loops_tx_to_rx(port) && nb_rx == nb_tx ?
			    nb_rx - 1 : nb_rx;
	for (q = 0; q < nb_rx; q++) {
		ret = rte_eth_rx_queue_setup(port, q, 0,
				rte_eth_dev_socket_id(port), NULL,
				pktmbuf_pool);
		if (ret != 0)
			return ret;
	}
	for (q = 0; q < nb_tx; q++) {
		ret = rte_eth_tx_queue_setup(port, q, 0,
				rte_eth_dev_socket_id(port), NULL);
		if (ret != 0)
			return ret;
	}
	return port_go_up(port);
}

/* lo: in softnet mode its transmit is netif_rx; else its own rings. */
static int
lo_mode(bool softnet)
{
	int ret;

	if (softnet == lo_softnet_mode)
		return 0;
	ret = rte_eth_dev_stop(lo_port);
	if (ret != 0)
		return ret;
	port_up[lo_port] = false;
	ret = sn_eth_loopback_set_input(lo_port, softnet ?
					sn_softnet_lo_input : NULL, NULL);
	if (ret == 0)
		lo_softnet_mode = softnet;
	if (rte_eth_dev_start(lo_port) != 0)
		return -EIO;
	port_up[lo_port] = true;
	return ret;
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
 * softnet: lcore i polls queues i, i + n, ... of every port but lo (lo
 * is not polled: its transmit enters the backlog) and transmits on its own
 * tx queue i; on lo it transmits on queue lcore-id, its own backlog's. The
 * main lcore (the control work) has the last tx queue of every port.
 */
/* A poller for each polled rx queue of port: queue i on forwarding
 * lcore i % n, or on the first online one if that lcore is off (lcore
 * stop). */
static int
port_poll(uint16_t port)
{
	unsigned int i, k, l;
	int ret;

	for (i = 0; i < port_polled[port]; i++) {
		l = fwd_lcores[i % nb_fwd_lcores];
		for (k = 0; !sn_softnet_lcore_online(l) && k < nb_fwd_lcores;
		     k++)
			l = fwd_lcores[k];
		ret = sn_softnet_add_rxq(l, port, i);
		if (ret != 0 && ret != -EEXIST)
			return ret;
	}
	return 0;
}

static int
softnet_setup(void)
{
	unsigned int i, l, main_lcore = rte_get_main_lcore();
	uint16_t port;
	int ret;

	RTE_ETH_FOREACH_DEV(port) {
		for (i = 0; i < nb_fwd_lcores; i++) {
			l = fwd_lcores[i];
			sn_txq_of[l][port] = port == lo_port ? l : i;
			sn_ip_set_txq(l, port, sn_txq_of[l][port]);
		}
		/* the main lcore (RPS target or survivor of lcore stop) has
		 * its own tx queue, one writer per queue */
		sn_txq_of[main_lcore][port] = port == lo_port ? main_lcore :
					      (unsigned int)nb_txq_port - 1;
		sn_ip_set_txq(main_lcore, port, sn_txq_of[main_lcore][port]);
		if (port == lo_port)
			continue;
		ret = port_poll(port);
		if (ret != 0)
			return ret;
	}
	return 0;
}

/* The command line's tunables: rps_cpus (late) names port rx queues that
 * softnet polls only once the ports are set up, the others (early) go
 * first, so that a wrong value is refused before any port is touched. */
static int
softnet_tunables(bool late)
{
	char err[128];
	unsigned int i;
	int ret;

	for (i = 0; i < sn_cfg.nb_tunables; i++) {
		if ((strcmp(sn_cfg.tunables[i][0], "rps_cpus") == 0) != late)
			continue;
		ret = sn_softnet_tunable_set(sn_cfg.tunables[i][0],
					     sn_cfg.tunables[i][1], err,
					     sizeof(err));
		if (ret != 0) {
			fprintf(stderr, "softnet-pmd: %s\n", err);
			sn_usage(stderr, "softnet-pmd");
			return ret;
		}
	}
	return 0;
}

/* softnet, namespaces, routes and the datapath; ports join "default". */
/* softnet first, with the tunables of the command line: a wrong value
 * is refused before any port is touched. */
static int
softnet_early(void)
{
	struct sn_softnet_conf sconf = { .deliver = app_deliver };
	int ret;

	ret = sn_softnet_init(&sconf);
	if (ret != 0)
		return ret;
	return softnet_tunables(false);
}

static int
libs_setup(unsigned int max_lcore)
{
	struct sn_netns_conf nconf;
	struct sn_route_conf rconf;
	struct sn_ip_conf iconf;
	char name[SN_IFNAMSIZ];
	uint16_t port;
	int ret;

	memset(&nconf, 0, sizeof(nconf));
	nconf.default_lo_port = lo_port;
	nconf.mp = pktmbuf_pool;
	nconf.lo_queues = max_lcore + 1;
	nconf.lo_softnet = true;
	nconf.qsbr = sn_softnet_qsbr();
	ret = sn_netns_init(&nconf);
	if (ret != 0)
		return ret;
	memset(&rconf, 0, sizeof(rconf));
	rconf.max_routes = sn_cfg.max_routes;
	rconf.qsbr = sn_softnet_qsbr();
	ret = sn_route_init(&rconf);
	if (ret != 0)
		return ret;
	memset(&iconf, 0, sizeof(iconf));
	iconf.mp = pktmbuf_pool;
	iconf.qsbr = sn_softnet_qsbr();
	ret = sn_ip_init(&iconf);
	if (ret != 0)
		return ret;
	libs_up = true;
	RTE_ETH_FOREACH_DEV(port) {
		if (port == lo_port)
			continue;
		snprintf(name, sizeof(name), "port%u", port);
		ret = sn_netns_link_add(sn_netns_default(), port, name);
		if (ret != 0)
			return ret;
		sn_ip_port_refresh(port);
	}
	return 0;
}

static void
libs_teardown(void)
{
	if (!libs_up)
		return;
	sn_ip_fini();
	sn_route_fini();
	sn_netns_fini();
	libs_up = false;
}

struct rate_state {
	uint64_t tsc;
	uint64_t ipackets;
	uint64_t opackets;
};

static struct rate_state rate_prev[RTE_MAX_ETHPORTS];

/* the generator's surplus when its port's counters were last cleared */
static uint64_t surplus_base;

/* A port's rx count as the live line takes it: on the generator's port,
 * what it let through (the surplus over --gen-rate is freed) */
static uint64_t
live_ipackets(uint16_t port, uint64_t ipackets)
{
	uint64_t surplus;

	if (port != sn_cfg.gen_rx_port)
		return ipackets;
	surplus = sn_gen_surplus() - surplus_base;
	return ipackets - RTE_MIN(ipackets, surplus);
}

void
sn_rates_mark(uint16_t port)
{
	struct rte_eth_stats st;

	if (port >= RTE_MAX_ETHPORTS || rte_eth_stats_get(port, &st) != 0)
		return;
	if (port == sn_cfg.gen_rx_port)	/* counters cleared just now */
		surplus_base = sn_gen_surplus();
	rate_prev[port].tsc = rte_rdtsc();
	rate_prev[port].ipackets = live_ipackets(port, st.ipackets);
	rate_prev[port].opackets = st.opackets;
}

static void
print_rates(bool print)
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
		st.ipackets = live_ipackets(port, st.ipackets);
		p = &rate_prev[port];
		secs = (double)(now - p->tsc) / rte_get_tsc_hz();
		rte_eth_dev_get_name_by_port(port, name);
		if (st.ipackets < p->ipackets || st.opackets < p->opackets)
			p->ipackets = p->opackets = 0;	/* cleared since */
		if (print && p->tsc != 0 && secs > 0)
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

/* each port's imissed at the last reset of the forward stats */
static uint64_t missed_at_reset[RTE_MAX_ETHPORTS];

void
sn_fwd_stats_display(void)
{
	static char text[RTE_MAX_LCORE * 120];
	uint64_t rx = 0, tx = 0, drop = 0, rxd = 0;
	unsigned int i;
	uint16_t port;

	if (sn_cfg.engine->softnet) {
		sn_softnet_stat_text(text, sizeof(text));
		printf("\n  softnet_stat (processed dropped time_squeeze 0 0 0 "
		       "0 0 0 received_rps flow_limit_count backlog_len "
		       "lcore)\n%s", text);
		if (sn_cfg.engine == &softnet_fwd_engine) {
			/* delivered packets a port's tx did not take */
			for (i = 0; i < RTE_MAX_LCORE; i++)
				drop += sn_deliver_dropped[i];
			printf("  TX-dropped: %" PRIu64 "\n", drop);
		}
		/* S4 drops by ingress port (Linux: the device's rx_dropped) */
		RTE_ETH_FOREACH_DEV(port) {
			drop = sn_softnet_port_dropped(port);
			if (drop != 0)
				printf("  port %u backlog dropped: %" PRIu64
				       "\n", port, drop);
		}
		fflush(stdout);
		return;
	}
	/* testpmd's fwd_stats_display: a block per port its streams use,
	 * then the sums (RX-dropped: the port's imissed) */
	RTE_ETH_FOREACH_DEV(port) {
		uint64_t prx = 0, ptx = 0, pdrop = 0, miss = 0;
		struct rte_eth_stats st;
		bool used = false;

		for (i = 0; i < nb_streams; i++) {
			if (streams[i].rx_port == port) {
				prx += streams[i].rx_packets;
				used = true;
			}
			if (streams[i].tx_port == port) {
				ptx += streams[i].tx_packets;
				pdrop += streams[i].fwd_dropped;
				used = true;
			}
		}
		if (!used)
			continue;
		if (rte_eth_stats_get(port, &st) == 0 &&
		    st.imissed >= missed_at_reset[port])
			miss = st.imissed - missed_at_reset[port];
		printf("\n  ---------------------- Forward statistics for "
		       "port %-2u ----------------------\n", port);
		printf("  RX-packets: %-14" PRIu64 " RX-dropped: %-14"
		       PRIu64 "RX-total: %" PRIu64 "\n", prx, miss,
		       prx + miss);
		printf("  TX-packets: %-14" PRIu64 " TX-dropped: %-14"
		       PRIu64 "TX-total: %" PRIu64 "\n", ptx, pdrop,
		       ptx + pdrop);
		printf("  ------------------------------------------------"
		       "----------------------------\n");
		rx += prx;
		tx += ptx;
		drop += pdrop;
		rxd += miss;
	}
	printf("\n  +++++++++++++++ Accumulated forward statistics for "
	       "all ports+++++++++++++++\n");
	printf("  RX-packets: %-14" PRIu64 " RX-dropped: %-14" PRIu64
	       "RX-total: %" PRIu64 "\n", rx, rxd, rx + rxd);
	printf("  TX-packets: %-14" PRIu64 " TX-dropped: %-14" PRIu64
	       "TX-total: %" PRIu64 "\n", tx, drop, tx + drop);
	printf("  +++++++++++++++++++++++++++++++++++++++++++++++++++++"
	       "+++++++++++++++++++++++\n");
	fflush(stdout);
}

void
sn_fwd_stats_clear(void)
{
	struct rte_eth_stats st;
	unsigned int i;
	uint16_t port;

	for (i = 0; i < nb_streams; i++) {
		streams[i].rx_packets = 0;
		streams[i].tx_packets = 0;
		streams[i].fwd_dropped = 0;
	}
	for (i = 0; i < RTE_MAX_LCORE; i++)
		sn_deliver_dropped[i] = 0;
	/* fwd_stats_reset keeps the ports' counters as they are now:
	 * RX-dropped is what was missed since */
	RTE_ETH_FOREACH_DEV(port)
		missed_at_reset[port] = rte_eth_stats_get(port, &st) == 0 ?
					st.imissed : 0;
}

void
sn_fwd_stats_port_cleared(uint16_t port)
{
	missed_at_reset[port] = 0;
}

void
sn_fwd_config_display(void)
{
	unsigned int i;

	printf("%s packet forwarding%s - ports=%u - cores=%u - streams=%u - "
	       "NUMA support enabled\n", sn_cfg.engine->name,
	       running ? " (running)" : "", rte_eth_dev_count_avail(),
	       nb_fwd_lcores, sn_cfg.engine->softnet ? 0 : nb_streams);
	for (i = 0; i < nb_fwd_lcores; i++) {
		/* an lcore stopped (lcore stop) forwards nothing: the main
		 * lcore, or another, took its queues */
		if (sn_cfg.engine->softnet &&
		    !sn_softnet_lcore_online(fwd_lcores[i])) {
			printf("Logical Core %u (socket %u) is stopped\n",
			       fwd_lcores[i],
			       rte_lcore_to_socket_id(fwd_lcores[i]));
			continue;
		}
		printf("Logical Core %u (socket %u) forwards %s\n",
		       fwd_lcores[i], rte_lcore_to_socket_id(fwd_lcores[i]),
		       sn_cfg.engine->softnet ? "net_rx_action (softnet)" :
		       "streams");
	}
}

bool
sn_fwd_running(void)
{
	return running;
}

/*
 * port stop: its pollers paused (napi_disable; they keep their lcores and
 * RPS maps), stopped, its packets flushed from the backlogs (S11); the
 * datapath sends it nothing until it starts again. port stop|start wants
 * forwarding stopped (testpmd's rule, the shell's); ip link set down|up,
 * mtu and address work under softnet's engines, as on Linux, by the same
 * handshakes.
 */
bool
sn_port_up(uint16_t port)
{
	struct rte_eth_link link;

	if (!sn_port_is_lo(port))
		return port_up[port];
	/* a lo is started by its namespace: up is its link */
	return rte_eth_link_get_nowait(port, &link) == 0 &&
	       link.link_status == RTE_ETH_LINK_UP;
}

/* A namespace's lo (ifindex 1 there): its namespace starts and stops it,
 * not port stop|start. */
bool
sn_port_is_lo(uint16_t port)
{
	return sn_netns_of_port(port) != NULL &&
	       sn_netns_ifindex_of_port(port) == SN_LOOPBACK_IFINDEX;
}

/* Whether port may go to state up: 0, or the error. Under forwarding only
 * softnet's engines let go of a port (their lcores answer softnet's
 * handshakes; a stream engine's loop polls its ports until stop). */
static int
port_change_check(uint16_t port, bool up)
{
	if (!rte_eth_dev_is_valid_port(port))
		return -ENODEV;
	if (running && !sn_cfg.engine->softnet)
		return -EBUSY;
	if (sn_port_is_lo(port))	/* the default namespace's too */
		return -EPERM;
	return port_up[port] == up ? -EALREADY : 0;
}

/* No lcore touches port once this returns 0: it sends it nothing (the
 * datapath's down flag, the softnet engine's sn_tx_off) and polls it no
 * more (softnet's pause, napi_disable: its pollers stay where they are,
 * with their RPS maps, as Linux keeps rps_cpus), each lcore having
 * finished the pass it was in, transmits included. */
static int
port_quiesce(uint16_t port)
{
	int ret;

	sn_ip_port_set_down(port, true);
	__atomic_store_n(&sn_tx_off[port], true, __ATOMIC_RELEASE);
	ret = sn_softnet_pause_port(port, true);
	if (ret != 0) {		/* not paused: as it was */
		sn_ip_port_set_down(port, false);
		__atomic_store_n(&sn_tx_off[port], false, __ATOMIC_RELEASE);
	}
	return ret;
}

/* The lcores take a quiet, started port again. */
static void
port_resume(uint16_t port)
{
	sn_softnet_pause_port(port, false);
	sn_ip_port_set_down(port, false);
	__atomic_store_n(&sn_tx_off[port], false, __ATOMIC_RELEASE);
}

int
sn_port_stop(uint16_t port)
{
	int ret = port_change_check(port, false);

	if (ret != 0)
		return ret;
	ret = port_quiesce(port);
	if (ret != 0)
		return ret;
	/* paused: stopped as far as softnet-pmd goes, whatever the PMD
	 * answers (port start sets it up again) */
	port_up[port] = false;
	/* IFF_UP goes with it: routes through it and its neighbours go */
	sn_netns_link_set_up(port, false);
	ret = rte_eth_dev_stop(port);
	if (ret == 0)
		ret = sn_softnet_flush_port(port);
	return ret;
}

int
sn_port_start(uint16_t port)
{
	int ret = port_change_check(port, true);

	if (ret != 0)
		return ret;
	ret = port_go_up(port);
	if (ret != 0)
		return ret;
	/* its pollers stayed (paused); a port never polled gets them */
	ret = port_poll(port);
	if (ret != 0)
		return ret;
	port_resume(port);
	sn_netns_link_set_up(port, true);	/* its addresses' routes */
	return 0;
}

/* fn on a port no lcore touches; a PMD that changes it only stopped
 * (-EBUSY; Linux drivers stop and start themselves for it) gets a stop
 * and a start around it. The datapath's copy of MTU and MAC follows. */
static int
port_quiet_fn(uint16_t port, int (*fn)(uint16_t port, const void *arg),
	      const void *arg)
{
	int ret = fn(port, arg), ret2;

	if (ret == -EBUSY && port_up[port]) {
		ret = rte_eth_dev_stop(port);
		if (ret != 0)
			return ret;
		ret = fn(port, arg);
		ret2 = rte_eth_dev_start(port);
		if (ret == 0)
			ret = ret2;
	}
	if (ret == 0)
		sn_ip_port_refresh(port);
	return ret;
}

/* What ip link set changes on a port: straight when no lcore polls it,
 * else with the port quiet, not stopped (its link stays, what its queues
 * hold waits, and the datapath has the new value before it polls again):
 * under softnet's engines; -EBUSY under a stream engine. */
static int
port_quiet_call(uint16_t port, int (*fn)(uint16_t port, const void *arg),
		const void *arg)
{
	int ret;

	if (!rte_eth_dev_is_valid_port(port))
		return -ENODEV;
	/* lo is no lcore's to poll, a stopped port no lcore's at all */
	if (!running || sn_port_is_lo(port) || !port_up[port])
		return port_quiet_fn(port, fn, arg);
	if (!sn_cfg.engine->softnet)
		return -EBUSY;
	ret = port_quiesce(port);
	if (ret != 0)
		return ret;
	ret = port_quiet_fn(port, fn, arg);
	port_resume(port);
	return ret;
}

static int
set_mtu(uint16_t port, const void *arg)
{
	return rte_eth_dev_set_mtu(port, *(const uint16_t *)arg);
}

static int
set_mac(uint16_t port, const void *arg)
{
	struct rte_ether_addr mac = *(const struct rte_ether_addr *)arg;

	return rte_eth_dev_default_mac_addr_set(port, &mac);
}

int
sn_port_set_mtu(uint16_t port, uint16_t mtu)
{
	return port_quiet_call(port, set_mtu, &mtu);
}

int
sn_port_set_mac(uint16_t port, const struct rte_ether_addr *mac)
{
	return port_quiet_call(port, set_mac, mac);
}

bool
sn_fwd_lcore(unsigned int lcore)
{
	unsigned int i;

	for (i = 0; i < nb_fwd_lcores; i++)
		if (fwd_lcores[i] == lcore)
			return true;
	return false;
}

int
sn_set_fwd(const char *name)
{
	struct fwd_engine *e = sn_engine_find(name);

	if (e == NULL)
		return -ENOENT;
	if (running)
		return -EBUSY;
	sn_cfg.engine = e;
	return 0;
}

static int
tx_first_softnet(uint16_t bursts)
{
	struct rte_mbuf *pkts[SN_MAX_BURST];
	unsigned int i, b, l;
	uint16_t port, sent;
	int ret;

	for (i = 0; i < nb_fwd_lcores; i++) {
		l = fwd_lcores[i];
		RTE_ETH_FOREACH_DEV(port) {
			for (b = 0; b < bursts; b++) {
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
tx_first(uint16_t bursts)
{
	struct rte_mbuf *pkts[SN_MAX_BURST];
	unsigned int i, b;
	int ret;

	for (i = 0; i < nb_streams; i++) {
		for (b = 0; b < bursts; b++) {
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
	unsigned int i;
	uint16_t q, n;

	if (!port_up[port] || rte_eth_dev_info_get(port, &info) != 0)
		return;
	/* bounded: a source such as net_null never runs dry */
	for (q = 0; q < info.nb_rx_queues; q++)
		for (i = 0; i < 4096 &&
		     (n = rte_eth_rx_burst(port, q, pkts, SN_MAX_BURST)) != 0;
		     i++)
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

/* start [tx_first N]: the engine's lcores go. */
static int
fwd_start_burst(uint16_t bursts)
{
	unsigned int i;
	uint16_t port;
	int ret;

	if (running)
		return -EBUSY;
	RTE_ETH_FOREACH_DEV(port)
		if (!port_up[port])
			return -ENOTCONN;	/* testpmd: all ports started */
	ret = lo_mode(sn_cfg.engine->softnet);
	if (ret != 0)
		return ret;
	deliver_fn = sn_cfg.engine->deliver;
	sn_fwd_stats_clear();	/* testpmd's fwd_stats_reset: per run */
	if (bursts != 0 && (sn_cfg.engine->softnet ? tx_first_softnet(bursts) :
			    tx_first(bursts)) != 0)
		return -ENOMEM;
	RTE_ETH_FOREACH_DEV(port)
		sn_nic_stats_mark_run(port);
	stop_fwd = 0;
	for (i = 0; i < nb_fwd_lcores; i++) {
		if (sn_cfg.engine->softnet) {
			ret = sn_softnet_launch(fwd_lcores[i]);
			if (ret == -ENODEV)	/* lcore stop: stays off */
				ret = 0;
		} else
			ret = rte_eal_remote_launch(fwd_lcore_loop,
						    &lcore_fwd[fwd_lcores[i]],
						    fwd_lcores[i]);
		if (ret != 0) {
			stop_fwd = 1;
			sn_softnet_quit();
			rte_eal_mp_wait_lcore();
			return ret;
		}
	}
	running = true;
	run_start = rte_rdtsc();
	next_stats = run_start + sn_cfg.stats_period * rte_get_tsc_hz();
	print_rates(false);	/* the rates count from here */
	return 0;
}

static uint16_t start_bursts;

int
sn_fwd_start(void)
{
	int ret = fwd_start_burst(start_bursts);

	start_bursts = 0;
	return ret;
}

void
sn_fwd_start_tx_first(uint16_t bursts)
{
	start_bursts = bursts;
}

/* What the backlogs hold at a stop is delivered (and counted), with no
 * port polled: the run's figures add up. What that delivery sends to lo
 * comes back to a backlog: a few rounds, bounded. */
static void
backlogs_drain(void)
{
	unsigned int l, round, n;

	for (round = 0; round < 64; round++) {
		n = 0;
		for (l = 0; l < RTE_MAX_LCORE; l++)
			n += sn_softnet_drain(l);
		if (n == 0)
			break;
	}
}

int
sn_fwd_stop(void)
{
	if (!running)
		return -EALREADY;
	stop_fwd = 1;
	sn_softnet_quit();
	rte_eal_mp_wait_lcore();
	running = false;
	if (sn_cfg.engine->softnet)
		backlogs_drain();
	return 0;
}

void
sn_control_step(void)
{
	uint64_t now = rte_rdtsc();

	if (libs_up) {
		pthread_mutex_lock(&sn_ctl_lock);
		sn_ip_control();
		pthread_mutex_unlock(&sn_ctl_lock);
		/* what the control work sent to a local address went through
		 * lo into the main lcore's own backlog: deliver it here */
		if (running && sn_cfg.engine->softnet)
			sn_softnet_rx_action(rte_get_main_lcore());
	}
	if (running && sn_cfg.stats_period != 0 && now >= next_stats) {
		print_rates(true);
		next_stats += sn_cfg.stats_period * rte_get_tsc_hz();
	}
}

/* What the datapath did in the default namespace: non-zero counters. */
static void
ip_counters_display(void)
{
	uint64_t v[SN_IP_CNT_MAX], pk, by;
	struct sn_netns *ns = sn_netns_default();
	unsigned int i;

	if (sn_ip_stats_get(ns, v) != 0)
		return;
	printf("\n  ip counters of namespace default (non-zero; 'show ip stats'"
	       " lists all)\n");
	for (i = 0; i < SN_IP_CNT_MAX; i++)
		if (v[i] != 0)
			printf("  %-20s %" PRIu64 "\n", sn_ip_counter_name(i),
			       v[i]);
	for (i = 1; i <= 65535; i++)
		if (sn_udp_stats(ns, i, &pk, &by) == 0)
			printf("  udp port %u: %" PRIu64 " datagrams, %" PRIu64
			       " bytes\n", i, pk, by);
	pk = sn_ip_no_netns_drops();
	if (pk != 0)
		printf("  from ports in no namespace, dropped: %" PRIu64 "\n",
		       pk);
}

/* The timed, non-interactive run: until --run-time, a signal or quit. */
static void
run_until_done(void)
{
	uint64_t hz = rte_get_tsc_hz();

	while (!sn_quit_requested()) {
		sn_control_step();
		if (sn_cfg.run_time != 0 && running &&
		    rte_rdtsc() - run_start >= sn_cfg.run_time * hz) {
			sn_control_step();	/* the period ending with it */
			break;
		}
		usleep(1000);
	}
}

/*
 * The shell answers every mistake with its own one-line reason: the
 * libraries' error logs would say it twice, on stderr, out of order. They
 * stay quiet unless --log-level names them.
 */
static void
quiet_lib_logs(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strstr(argv[i], "lib.netns") != NULL ||
		    strstr(argv[i], "lib.route") != NULL ||
		    strstr(argv[i], "lib.ip") != NULL ||
		    strstr(argv[i], "lib.softnet") != NULL ||
		    strstr(argv[i], "lib.lpm") != NULL ||
		    strstr(argv[i], "lib.*") != NULL)
			return;
	/* rte_fib and rte_rib log under lpm: a table that finds no memory */
	rte_log_set_level_pattern("lib.lpm", RTE_LOG_CRIT);
	rte_log_set_level_pattern("lib.netns", RTE_LOG_CRIT);
	rte_log_set_level_pattern("lib.route", RTE_LOG_CRIT);
	rte_log_set_level_pattern("lib.ip", RTE_LOG_CRIT);
	rte_log_set_level_pattern("lib.softnet", RTE_LOG_CRIT);
}

int
main(int argc, char **argv)
{
	unsigned int lcore, nb_ports;
	unsigned int in_use, nb_mbufs;
	char **eal_argv;
	int eal_argc, ret, dashdash;
	uint16_t port;

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
	quiet_lib_logs(eal_argc, eal_argv);
	if (vdevs_check() != 0 || probe_deferred() != 0) {
		ret = 1;
		goto out_eal;
	}

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
	nb_txq_port = RTE_MAX(nb_queues, (uint16_t)nb_fwd_lcores) + 1;

	nb_ports = rte_eth_dev_count_avail();
	nb_mbufs = sn_cfg.total_mbufs;
	if (nb_mbufs == 0)
		nb_mbufs = RTE_MAX(16384u, nb_ports * nb_queues *
				   (2048u + sn_cfg.burst * (sn_cfg.tx_first + 2))
				   + rte_lcore_count() * 512u + 4096u);
	/* room for --txpkt-len's frames in one segment (up to 9000) */
	pktmbuf_pool = rte_pktmbuf_pool_create("mb_pool_0", nb_mbufs, 256, 0,
			RTE_MAX(RTE_MBUF_DEFAULT_BUF_SIZE,
				RTE_PKTMBUF_HEADROOM + sn_cfg.pkt_len),
			rte_socket_id());
	if (pktmbuf_pool == NULL) {
		fprintf(stderr, "softnet-pmd: cannot create a pool of %u "
			"mbufs: %s\n", nb_mbufs, rte_strerror(rte_errno));
		ret = 1;
		goto out_eal;
	}

	if (softnet_early() != 0) {
		ret = 2;
		goto out_ports;
	}
	RTE_ETH_FOREACH_DEV(port) {
		/* lo has a queue per lcore id; the others have one per
		 * forwarding lcore, plus a tx queue for the control work */
		if (port == lo_port)
			ret = port_setup(port, max_lcore_id() + 1,
					 max_lcore_id() + 1);
		else
			ret = port_setup(port, ctl_rxqs(port), nb_txq_port);
		if (ret != 0) {
			fprintf(stderr, "softnet-pmd: port %u setup: %s\n",
				port, strerror(-ret));
			ret = 1;
			goto out_ports;
		}
	}
	if (sn_cfg.gen_rx_port >= 0) {
		if (!rte_eth_dev_is_valid_port(sn_cfg.gen_rx_port) ||
		    sn_cfg.gen_rx_port == lo_port ||
		    sn_gen_rx_attach(sn_cfg.gen_rx_port,
				     port_polled[sn_cfg.gen_rx_port]) != 0) {
			fprintf(stderr, "softnet-pmd: --gen-rx=%d: no such "
				"port (or lo)\n", sn_cfg.gen_rx_port);
			ret = 2;
			goto out_ports;
		}
	}
	ret = libs_setup(max_lcore_id());
	if (ret == 0)
		ret = softnet_setup();
	if (ret == 0 && softnet_tunables(true) != 0) {
		ret = 2;
		goto out_ports;
	}
	if (ret == 0)
		ret = streams_setup();
	if (ret != 0) {
		fprintf(stderr, "softnet-pmd: setup: %s\n", strerror(-ret));
		ret = 1;
		goto out_ports;
	}
	sn_telemetry_register();

	printf("softnet-pmd: %s forwarding, %u ports, %u lcores, %u queues "
	       "per port, burst %u\n", sn_cfg.engine->name, nb_ports,
	       nb_fwd_lcores, nb_queues, sn_cfg.burst);
	fflush(stdout);
	ret = 0;
	if (sn_cfg.config_file != NULL &&
	    sn_cmd_file(sn_cfg.config_file, false) != 0) {
		ret = 1;
		goto out_stop;
	}
	if (sn_cfg.tx_first != 0)
		sn_fwd_start_tx_first(sn_cfg.tx_first);
	if (sn_cfg.auto_start && !running && !sn_quit_requested()) {
		ret = sn_fwd_start();
		if (ret != 0) {
			fprintf(stderr, "softnet-pmd: start: %s\n",
				strerror(-ret));
			ret = 1;
			goto out_stop;
		}
	}
	if (sn_cfg.cmdline_file != NULL && !sn_quit_requested())
		sn_cmd_file(sn_cfg.cmdline_file, true);
	if (sn_cfg.interactive && !sn_quit_requested())
		sn_cmd_interact();
	else if (!sn_quit_requested() && (sn_cfg.cmdline_file == NULL ||
					  running))
		run_until_done();

out_stop:
	if (running) {
		sn_fwd_stop();
		/* testpmd's stop_packet_forwarding, as its quit says it */
		printf("Telling cores to stop...\nWaiting for lcores to "
		       "finish...\n");
		sn_fwd_stats_display();
		RTE_ETH_FOREACH_DEV(port)
			sn_nic_stats_display(port, true);
		if (sn_cfg.engine == &route_fwd_engine)
			ip_counters_display();
	}

out_ports:
	stop_fwd = 1;
	sn_softnet_quit();
	rte_eal_mp_wait_lcore();
	RTE_ETH_FOREACH_DEV(port)
		drain_rx(port);
	RTE_ETH_FOREACH_DEV(port)
		if (port_up[port])
			rte_eth_dev_stop(port);
	/* namespaces (and their lo ports), then what backlogs still hold */
	libs_teardown();
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
	free(eal_argv);
	printf("Bye...\n");
	return ret;
}
