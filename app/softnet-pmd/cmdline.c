/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The softnet authors
 */

/*
 * The shell: testpmd's verbs, softnet's, and iproute2's grammar for
 * namespaces, addresses, routes, rules and neighbours. One executor
 * (sn_cmd_exec) serves the interactive prompt (librte_cmdline: line
 * editing, history, completion of the first word), --cmdline-file,
 * --config and lines piped on stdin. Every mistake gets a one-line
 * reason and the shell goes on.
 */

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmdline.h>
#include <cmdline_parse.h>
#include <cmdline_parse_string.h>
#include <cmdline_rdline.h>
#include <cmdline_socket.h>
#include <rte_cycles.h>
#include <rte_dev.h>
#include <rte_devargs.h>
#include <rte_ethdev.h>
#include <rte_ether.h>

#include "sn_ip.h"
#include "sn_netns.h"
#include "sn_route.h"
#include "sn_softnet.h"
#include "softnet-pmd.h"

#define MAX_ARGS 64
#define SN_MAX_LINE 4096	/* characters of a command line, with its NUL */
#define SOURCE_DEPTH 8	/* files that source others */

/* A one-line reason; the command fails. */
static int __rte_format_printf(1, 2)
fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	return -1;
}

/* iproute2's incomplete_command(): a word that needs a value is last */
static int
incomplete(void)
{
	return fail("Command line is not complete. Try option \"help\"");
}

static int
parse_u32(const char *s, uint32_t max, uint32_t *v)
{
	unsigned long long x;
	char *end;

	if (s == NULL || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	x = strtoull(s, &end, 0);
	if (errno != 0 || *end != '\0' || x > max)
		return -1;
	*v = (uint32_t)x;
	return 0;
}

static int
parse_ip4(const char *s, uint32_t *a)
{
	struct in_addr in;

	if (inet_pton(AF_INET, s, &in) != 1)
		return -1;
	*a = ntohl(in.s_addr);
	return 0;
}

/* get_addr_ipv4: one to four dotted bytes, the missing ones 0 ("10" is
 * 10.0.0.0), as iproute2 reads a prefix's address. */
static int
parse_ip4_short(const char *s, uint32_t *a)
{
	unsigned int i = 0;
	unsigned long v;
	char *end;

	*a = 0;
	for (;;) {
		if (!isdigit((unsigned char)*s))
			return -1;
		v = strtoul(s, &end, 0);	/* 010 is 8, as iproute2 */
		if (v > 255 || i == 4)
			return -1;
		*a |= (uint32_t)v << (24 - 8 * i++);
		if (*end == '\0')
			return 0;
		if (*end != '.')
			return -1;
		s = end + 1;
	}
}

/* "A.B.C.D[/N]" (or fewer bytes, 10/8) or "default"; host bits must be
 * 0 unless loose. */
static int
parse_prefix(const char *s, uint32_t *a, uint8_t *plen)
{
	char buf[64];
	char *slash;
	uint32_t l = 32;

	if (strcmp(s, "default") == 0 || strcmp(s, "all") == 0) {
		*a = 0;
		*plen = 0;
		return 0;
	}
	snprintf(buf, sizeof(buf), "%s", s);
	slash = strchr(buf, '/');
	if (slash != NULL) {
		*slash = '\0';
		if (parse_u32(slash + 1, 32, &l) != 0)
			return -1;
	}
	if (parse_ip4_short(buf, a) != 0)
		return -1;
	*plen = (uint8_t)l;
	return 0;
}

/* The namespace commands act in: `ip netns exec NS CMD` sets it for CMD,
 * otherwise the default one. */
static struct sn_netns *exec_ns;

static struct sn_netns *
ns_cur(void)
{
	return exec_ns != NULL ? exec_ns : sn_netns_default();
}

static struct sn_netns *
ns_get(const char *name)
{
	struct sn_netns *ns = sn_netns_find(name);

	if (ns == NULL)
		fail("Cannot open network namespace \"%s\": No such file or "
		     "directory", name);
	return ns;
}

/* A device by name, or by DPDK port number. */
static int
dev_get(struct sn_netns *ns, const char *s, struct sn_netdev *dev)
{
	uint32_t port;

	if (sn_netns_link_by_name(ns, s, dev) == 0)
		return 0;
	if (parse_u32(s, RTE_MAX_ETHPORTS - 1, &port) == 0 &&
	    sn_netns_link_get(port, dev) == 0 &&
	    sn_netns_of_port(port) == ns)
		return 0;
	return fail("Cannot find device \"%s\"", s);
}

static int
port_arg(const char *s, uint16_t *port, bool all_ok, bool *all)
{
	uint32_t v;

	*all = false;
	if (all_ok && strcmp(s, "all") == 0) {
		*all = true;
		return 0;
	}
	if (parse_u32(s, RTE_MAX_ETHPORTS - 1, &v) != 0 ||
	    !rte_eth_dev_is_valid_port(v))
		return fail("Invalid port %s", s);
	*port = v;
	return 0;
}

/* ---------------------------------------------------------------------- */
/* testpmd verbs.                                                          */

static void
port_info(uint16_t port)
{
	char name[RTE_ETH_NAME_MAX_LEN], mac[RTE_ETHER_ADDR_FMT_SIZE];
	const struct rte_devargs *da;
	struct rte_eth_dev_info info;
	struct rte_ether_addr addr;
	struct rte_eth_link link;
	struct sn_netdev dev;
	struct sn_netns *ns;
	uint16_t mtu = 0;

	if (rte_eth_dev_info_get(port, &info) != 0)
		return;
	rte_eth_dev_get_name_by_port(port, name);
	rte_eth_macaddr_get(port, &addr);
	rte_ether_format_addr(mac, sizeof(mac), &addr);
	rte_eth_link_get_nowait(port, &link);
	rte_eth_dev_get_mtu(port, &mtu);
	printf("\n********************* Infos for port %-2u "
	       "*********************\n", port);
	printf("MAC address: %s\n", mac);
	printf("Device name: %s\n", name);
	printf("Driver name: %s\n", info.driver_name);
	da = info.device != NULL ? rte_dev_devargs(info.device) : NULL;
	if (da != NULL)
		printf("Devargs: %s\n", da->args != NULL ? da->args : "");
	printf("Connect to socket: %d\n", rte_eth_dev_socket_id(port));
	printf("Link status: %s\n", link.link_status ? "up" : "down");
	printf("Link speed: %s\n", rte_eth_link_speed_to_str(link.link_speed));
	printf("Link duplex: %s\n", link.link_duplex ? "full-duplex" :
	       "half-duplex");
	printf("Autoneg status: %s\n", link.link_autoneg ? "On" : "Off");
	printf("MTU: %u\n", mtu);
	printf("Promiscuous mode: %s\n", rte_eth_promiscuous_get(port) == 1 ?
	       "enabled" : "disabled");
	printf("Allmulticast mode: %s\n", rte_eth_allmulticast_get(port) == 1 ?
	       "enabled" : "disabled");
	printf("Maximum number of MAC addresses: %u\n", info.max_mac_addrs);
	printf("Minimum size of RX buffer: %u\n", info.min_rx_bufsize);
	printf("Maximum configurable length of RX packet: %u\n",
	       info.max_rx_pktlen);
	printf("Current number of RX queues: %u\n", info.nb_rx_queues);
	printf("Max possible RX queues: %u\n", info.max_rx_queues);
	printf("Max possible number of RXDs per queue: %u\n",
	       info.rx_desc_lim.nb_max);
	printf("Min possible number of RXDs per queue: %u\n",
	       info.rx_desc_lim.nb_min);
	printf("Current number of TX queues: %u\n", info.nb_tx_queues);
	printf("Max possible TX queues: %u\n", info.max_tx_queues);
	printf("Max possible number of TXDs per queue: %u\n",
	       info.tx_desc_lim.nb_max);
	printf("Min possible number of TXDs per queue: %u\n",
	       info.tx_desc_lim.nb_min);
	printf("Min/Max MTU: %u/%u\n", info.min_mtu, info.max_mtu);
	ns = sn_netns_of_port(port);
	if (ns != NULL && sn_netns_link_get(port, &dev) == 0)
		printf("Namespace: %s, interface %s (ifindex %d)\n",
		       sn_netns_name(ns), dev.ifname, dev.ifindex);
}

static void
port_xstats(uint16_t port)
{
	struct rte_eth_xstat_name *names;
	struct rte_eth_xstat *xs;
	int n, i;

	n = rte_eth_xstats_get(port, NULL, 0);
	if (n <= 0)
		return;
	names = calloc(n, sizeof(*names));
	xs = calloc(n, sizeof(*xs));
	if (names != NULL && xs != NULL &&
	    rte_eth_xstats_get_names(port, names, n) == n &&
	    rte_eth_xstats_get(port, xs, n) == n) {
		printf("###### NIC extended statistics for port %-2u\n", port);
		for (i = 0; i < n; i++)
			printf("%s: %" PRIu64 "\n", names[xs[i].id].name,
			       xs[i].value);
	}
	free(names);
	free(xs);
}

static int
cmd_show_port(int argc, char **argv, bool clear)
{
	uint16_t port = 0, p;
	bool all;

	if (argc != 2 || (clear && strcmp(argv[0], "stats") != 0))
		return fail("usage: %s port %s all|N", clear ? "clear" : "show",
			    clear ? "stats" : "info|stats|xstats");
	if (port_arg(argv[1], &port, true, &all) != 0)
		return -1;
	/* all: the ports of the command line; N: any port, a namespace's
	 * lo too (the library owns those, so FOREACH_DEV skips them) */
	for (p = 0; p < RTE_MAX_ETHPORTS; p++) {
		if (all ? rte_eth_find_next_owned_by(p, RTE_ETH_DEV_NO_OWNER) !=
			  p : p != port)
			continue;
		if (clear) {
			rte_eth_stats_reset(p);
			rte_eth_xstats_reset(p);
			sn_nic_stats_mark(p);
			sn_rates_mark(p);
			sn_fwd_stats_port_cleared(p);
			printf("\n  NIC statistics for port %u cleared\n", p);
		} else if (strcmp(argv[0], "info") == 0) {
			port_info(p);
		} else if (strcmp(argv[0], "stats") == 0) {
			sn_nic_stats_display(p, false);
		} else if (strcmp(argv[0], "xstats") == 0) {
			port_xstats(p);
		} else {
			return fail("usage: show port info|stats|xstats all|N");
		}
	}
	return 0;
}

static int
cmd_start(int argc, char **argv)
{
	uint32_t n = 1;
	int ret;

	if (argc >= 2 && strcmp(argv[1], "tx_first") == 0) {
		if (argc == 3 && (parse_u32(argv[2], 64, &n) != 0 || n == 0))
			return fail("tx_first takes 1..64 bursts, not '%s'",
				    argv[2]);
		if (argc > 3)
			return fail("usage: start [tx_first [N]]");
		sn_fwd_start_tx_first(n);
	} else if (argc != 1) {
		return fail("usage: start [tx_first [N]]");
	}
	ret = sn_fwd_start();
	if (ret == -EBUSY)
		return fail("Packet forwarding already started");
	if (ret == -ENOTCONN)
		return fail("Not all ports were started");
	if (ret != 0)
		return fail("cannot start: %s", strerror(-ret));
	sn_fwd_config_display();
	return 0;
}

/* port stop|start N|all: testpmd's, with forwarding stopped */
static int
cmd_port(int argc, char **argv)
{
	uint16_t port = 0, p;
	bool all, stop, changed = false;
	int ret;

	if (argc != 3 || (strcmp(argv[1], "stop") != 0 &&
			  strcmp(argv[1], "start") != 0))
		return fail("usage: port stop|start all|N");
	if (port_arg(argv[2], &port, true, &all) != 0)
		return -1;
	if (sn_fwd_running())
		return fail("Please stop forwarding first");
	stop = argv[1][2] == 'o';
	/* testpmd's stop_port and start_port, in their words */
	if (stop)
		printf("Stopping ports...\n");
	for (p = 0; p < RTE_MAX_ETHPORTS; p++) {
		struct rte_ether_addr mac;

		if (all ? rte_eth_find_next_owned_by(p, RTE_ETH_DEV_NO_OWNER) !=
			  p || p == lo_port : p != port)
			continue;
		ret = stop ? sn_port_stop(p) : sn_port_start(p);
		if (ret == -EPERM)
			return fail("Port %u is lo of namespace %s: it stays "
				    "started", p,
				    sn_netns_name(sn_netns_of_port(p)));
		if (ret == -EALREADY) {
			if (!stop)
				printf("Port %u is now not stopped\n", p);
			continue;
		}
		if (ret != 0)
			return fail("Port %u: cannot %s: %s", p, argv[1],
				    strerror(-ret));
		changed = true;
		if (!stop && rte_eth_macaddr_get(p, &mac) == 0)
			printf("Port %u: " RTE_ETHER_ADDR_PRT_FMT "\n", p,
			       RTE_ETHER_ADDR_BYTES(&mac));
	}
	if (changed)
		printf("Checking link statuses...\n");
	else if (!stop)
		printf("Please stop the ports first\n");
	printf("Done\n");
	return 0;
}

static int
cmd_stop(int argc, char **argv __rte_unused)
{
	uint16_t port;

	if (argc != 1)
		return fail("usage: stop");
	if (sn_fwd_stop() != 0)
		return fail("Packet forwarding not started");
	printf("Telling cores to stop...\nWaiting for lcores to finish...\n");
	sn_fwd_stats_display();
	RTE_ETH_FOREACH_DEV(port)
		sn_nic_stats_display(port, true);
	printf("\nDone.\n");
	return 0;
}

static int
cmd_show_softnet(int argc, char **argv)
{
	static char text[RTE_MAX_LCORE * 160];

	if (argc >= 1 && strcmp(argv[0], "stat") == 0 && argc <= 2) {
		if (argc == 2 && strcmp(argv[1], "json") == 0)
			sn_softnet_stat_json(text, sizeof(text));
		else if (argc == 1)
			sn_softnet_stat_text(text, sizeof(text));
		else
			return fail("usage: show softnet stat [json]");
		fputs(text, stdout);
		if (argc == 2)
			printf("\n");
		return 0;
	}
	if (argc == 1 && strcmp(argv[0], "config") == 0) {
		sn_softnet_tunables_dump(stdout);
		return 0;
	}
	return fail("usage: show softnet stat [json] | show softnet config");
}

static int
cmd_lcore(int argc, char **argv)
{
	unsigned int moved = 0, dropped = 0;
	uint32_t l;
	int ret;

	if (argc != 3 || parse_u32(argv[2], RTE_MAX_LCORE - 1, &l) != 0 ||
	    (strcmp(argv[1], "stop") != 0 && strcmp(argv[1], "start") != 0))
		return fail("usage: lcore stop|start N");
	/* the stream engines poll their own streams: nothing to move */
	if (!sn_cfg.engine->softnet)
		return fail("lcore %s: only with the softnet engines (set fwd "
			    "route|softnet)", argv[1]);
	if (l == rte_get_main_lcore())
		return fail("lcore %u is the main lcore (the shell and the "
			    "control work): it stays", l);
	if (strcmp(argv[1], "stop") == 0) {
		ret = sn_softnet_lcore_stop(l, &moved, &dropped);
		if (ret == -EINVAL)
			return fail("lcore %u: no softnet on it", l);
		if (ret == -EALREADY)
			return fail("lcore %u is already stopped", l);
		if (ret == -EBUSY)
			return fail("lcore %u is the last one online: it "
				    "stays", l);
		if (ret != 0)
			return fail("lcore %u: cannot stop: %s", l,
				    strerror(-ret));
		printf("lcore %u stopped: %u packets moved, %u dropped\n", l,
		       moved, dropped);
		return 0;
	}
	ret = sn_softnet_lcore_start(l);
	if (ret == -EINVAL)
		return fail("lcore %u: no softnet on it", l);
	if (ret == -EALREADY)
		return fail("lcore %u is already online", l);
	if (ret != 0)
		return fail("lcore %u: cannot start: %s", l, strerror(-ret));
	/* forwarding runs: a forwarding lcore that was off at start (so has
	 * no loop to resume) gets one; -EBUSY: it resumed its own */
	if (sn_fwd_running() && sn_fwd_lcore(l)) {
		ret = sn_softnet_launch(l);
		if (ret != 0 && ret != -EBUSY)
			return fail("lcore %u: online, but its loop did not "
				    "start: %s", l, strerror(-ret));
	}
	printf("lcore %u started\n", l);
	return 0;
}

static int
cmd_show_ip_stats(int argc, char **argv, bool clear)
{
	static char text[8192];
	struct sn_netns *ns = ns_cur();
	uint64_t orphans;

	if (argc > 1)
		return fail("usage: %s ip stats [NS]", clear ? "clear" :
			    "show");
	if (argc == 1 && (ns = ns_get(argv[0])) == NULL)
		return -1;
	if (clear) {
		if (sn_fwd_running())
			return fail("stop forwarding first");
		sn_ip_stats_reset(ns);
		return 0;
	}
	sn_ip_stats_text(ns, text, sizeof(text));
	fputs(text, stdout);
	orphans = sn_ip_no_netns_drops();	/* no namespace's own */
	if (orphans != 0)
		printf("(from ports in no namespace, dropped: %" PRIu64 ")\n",
		       orphans);
	return 0;
}

/* show|clear fwd stats [all]: testpmd's own words end with "all" */
static bool
fwd_stats_words(int argc, char **argv)
{
	return (argc == 3 || (argc == 4 && strcmp(argv[3], "all") == 0)) &&
	       strcmp(argv[1], "fwd") == 0 && strcmp(argv[2], "stats") == 0;
}

static int
cmd_show(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "port") == 0)
		return cmd_show_port(argc - 2, argv + 2, false);
	if (fwd_stats_words(argc, argv)) {
		sn_fwd_stats_display();
		return 0;
	}
	if (argc == 3 && strcmp(argv[1], "config") == 0 &&
	    strcmp(argv[2], "fwd") == 0) {
		sn_fwd_config_display();
		return 0;
	}
	if (argc >= 2 && strcmp(argv[1], "softnet") == 0)
		return cmd_show_softnet(argc - 2, argv + 2);
	if (argc >= 3 && strcmp(argv[1], "ip") == 0 &&
	    strcmp(argv[2], "stats") == 0)
		return cmd_show_ip_stats(argc - 3, argv + 3, false);
	return fail("usage: show port info|stats|xstats all|N | show fwd stats"
		    " [all] | show config fwd | show softnet stat|config | show ip "
		    "stats [NS]");
}

static int
cmd_clear(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "port") == 0)
		return cmd_show_port(argc - 2, argv + 2, true);
	if (fwd_stats_words(argc, argv)) {
		sn_fwd_stats_clear();
		return 0;
	}
	if (argc >= 3 && strcmp(argv[1], "ip") == 0 &&
	    strcmp(argv[2], "stats") == 0)
		return cmd_show_ip_stats(argc - 3, argv + 3, true);
	return fail("usage: clear port stats all|N | clear fwd stats [all] | "
		    "clear ip stats [NS]");
}

static int ip_link_set(struct sn_netns *ns, int argc, char **argv);

/* testpmd's set link-up|link-down port N and set promisc all|N on|off: the
 * port's device as ip link set does it, in its namespace (lo's promisc is
 * left as it is, as there) */
static int
set_port_link(const char *arg, const char *w1, const char *w2)
{
	struct sn_netdev dev;
	char *av[3];
	uint16_t port = 0, p;
	bool all;
	int ret = 0;

	if (port_arg(arg, &port, w2 != NULL, &all) != 0)
		return -1;
	RTE_ETH_FOREACH_DEV(p) {
		if ((!all && p != port) || sn_netns_link_get(p, &dev) != 0)
			continue;
		av[0] = dev.ifname;
		av[1] = (char *)(uintptr_t)w1;
		av[2] = (char *)(uintptr_t)w2;
		/* testpmd goes on to the other ports past one that fails */
		if (ip_link_set(sn_netns_of_port(p), w2 != NULL ? 3 : 2,
				av) != 0)
			ret = -1;
	}
	return ret;
}

static int
cmd_set(int argc, char **argv)
{
	char err[320], value[256];
	struct fwd_engine **e;
	int i, ret;

	if (argc == 3 && strcmp(argv[1], "fwd") == 0) {
		ret = sn_set_fwd(argv[2]);
		if (ret == -EBUSY)
			return fail("Please stop forwarding first");
		if (ret != 0) {
			printf("Invalid %s packet forwarding mode; valid:",
			       argv[2]);
			for (e = fwd_engines; *e != NULL; e++)
				printf(" %s", (*e)->name);
			return fail("%c", '.');
		}
		printf("Set %s packet forwarding mode\n", argv[2]);
		return 0;
	}
	if (argc >= 4 && strcmp(argv[1], "softnet") == 0) {
		size_t len = 0;

		/* the words after NAME, one space apart, as rps_cpus' list */
		value[0] = '\0';
		for (i = 3; i < argc; i++) {
			int n = snprintf(value + len, sizeof(value) - len,
					 "%s%s", argv[i],
					 i + 1 < argc ? " " : "");

			if (n < 0 || (size_t)n >= sizeof(value) - len)
				return fail("set softnet %s: value too long "
					    "(at most %zu characters)",
					    argv[2], sizeof(value) - 1);
			len += n;
		}
		ret = sn_softnet_tunable_set(argv[2], value, err, sizeof(err));
		if (ret != 0)
			return fail("%s", err);
		return 0;
	}
	if (argc == 4 && (strcmp(argv[1], "link-up") == 0 ||
			  strcmp(argv[1], "link-down") == 0) &&
	    strcmp(argv[2], "port") == 0)
		return set_port_link(argv[3], argv[1][5] == 'u' ? "up" : "down",
				     NULL);
	if (argc == 4 && strcmp(argv[1], "promisc") == 0 &&
	    (strcmp(argv[3], "on") == 0 || strcmp(argv[3], "off") == 0))
		return set_port_link(argv[2], "promisc", argv[3]);
	if (argc >= 2 && (strcmp(argv[1], "nbport") == 0 ||
			  strcmp(argv[1], "nbcore") == 0 ||
			  strcmp(argv[1], "burst") == 0 ||
			  strcmp(argv[1], "txpkts") == 0 ||
			  strcmp(argv[1], "verbose") == 0 ||
			  strcmp(argv[1], "allmulti") == 0 ||
			  strcmp(argv[1], "coremask") == 0 ||
			  strcmp(argv[1], "portlist") == 0))
		return fail("set %s: not supported here (softnet-pmd's "
			    "options at start: --help)", argv[1]);
	return fail("usage: set fwd MODE | set softnet NAME VALUE | set "
		    "link-up|link-down port N | set promisc all|N on|off");
}

/* What `sysctl -a` lists, by Linux's names: softnet's (global) first. */
static const char *const sysctl_all[] = {
	"net.core.netdev_max_backlog", "net.core.netdev_budget",
	"net.core.netdev_budget_usecs", "net.core.dev_weight",
	"net.core.flow_limit_table_len", "net.ipv4.ip_forward",
	"net.ipv4.conf.all.route_localnet", "net.ipv4.conf.all.accept_local",
	"net.ipv4.icmp_echo_ignore_all", "net.ipv4.icmp_echo_ignore_broadcasts",
	"net.ipv4.icmp_ratelimit", "net.ipv4.icmp_ratemask",
	"net.ipv4.icmp_msgs_per_sec", "net.ipv4.icmp_msgs_burst",
	"net.ipv4.conf.all.promote_secondaries",
	"net.ipv6.conf.all.forwarding", "net.ipv6.icmp.echo_ignore_all",
};

/* sysctl's output options, as procps': -n values only, -N names only,
 * -q nothing after a write */
enum { SYSCTL_VALUES = 1, SYSCTL_NAMES = 2, SYSCTL_QUIET = 4 };

static void
sysctl_print(const char *name, long v, unsigned int opt, bool wrote)
{
	if (wrote && (opt & SYSCTL_QUIET))
		return;
	if (opt & SYSCTL_NAMES)		/* -N wins over -n, as procps */
		printf("%s\n", name);
	else if (opt & SYSCTL_VALUES)
		printf("%ld\n", v);
	else
		printf("%s = %ld\n", name, v);
}

/* The library's key of a sysctl name (Linux's names are taken too:
 * net.core's, softnet's tunables, global as in Linux, and net.ipv4's, per
 * namespace), or NULL when there is no such setting. */
static const char *
sysctl_key(struct sn_netns *ns, const char *name)
{
	static const char *const prefixes[] = {
		"net.ipv4.conf.all.", "net.ipv4.conf.default.", "net.ipv4." };
	/* IPv6's, Linux's names of the library's ipv6_ keys */
	static const char *const names6[][2] = {
		{ "net.ipv6.conf.all.forwarding", "ipv6_forwarding" },
		{ "net.ipv6.icmp.echo_ignore_all",
		  "ipv6_icmp_echo_ignore_all" } };
	const char *n = name;
	unsigned int i;

	for (i = 0; i < RTE_DIM(names6); i++)
		if (strcmp(n, names6[i][0]) == 0)
			return names6[i][1];
	if (strncmp(n, "net.ipv6.", 9) == 0)
		return NULL;
	for (i = 0; i < RTE_DIM(prefixes); i++)
		if (strncmp(n, prefixes[i], strlen(prefixes[i])) == 0) {
			n += strlen(prefixes[i]);
			break;
		}
	if (strcmp(n, "ip_forward") == 0 || strcmp(n, "forwarding") == 0)
		n = "forwarding";
	if (strncmp(n, "ipv6_", 5) == 0 && n != name)
		return NULL;	/* not an IPv4 name */
	if (sn_softnet_tunable_get(n) >= 0 || sn_ip_sysctl_get(ns, n) >= 0)
		return n;
	return NULL;
}

/* One NAME or NAME=VALUE (or NAME with v) in ns. */
static int
sysctl_one(struct sn_netns *ns, const char *arg, const char *v,
	   unsigned int opt)
{
	char name[96], err[160];
	const char *n;
	char *eq;
	long cur;

	snprintf(name, sizeof(name), "%s", arg);
	eq = strchr(name, '=');
	if (eq != NULL) {
		*eq = '\0';
		v = eq + 1;
	}
	n = sysctl_key(ns, name);
	if (n == NULL)
		return fail("sysctl: cannot stat %s: No such setting", name);
	if (sn_softnet_tunable_get(n) >= 0) {	/* net.core: softnet's */
		if (v != NULL &&
		    sn_softnet_tunable_set(n, v, err, sizeof(err)) != 0) {
			/* "NAME must be ...": the user's name once */
			const char *why = strncmp(err, n, strlen(n)) == 0 ?
					  err + strlen(n) + 1 : err;

			return fail("sysctl: %s: %s", name, why);
		}
		sysctl_print(name, sn_softnet_tunable_get(n), opt, v != NULL);
		return 0;
	}
	if (v != NULL && sn_ip_sysctl_set(ns, n, v, err, sizeof(err)) != 0) {
		/* the library names its own key: name the user's */
		const char *why = strstr(err, ": ");

		return fail("sysctl: %s: %s", name, why != NULL ? why + 2 :
			    err);
	}
	cur = sn_ip_sysctl_get(ns, n);
	sysctl_print(name, cur, opt, v != NULL);
	return 0;
}

/* sysctl [-n|-N] [-q] [-w] NAME[=VALUE]... | NAME VALUE | -a, in the
 * current namespace (ip netns exec NS sysctl ...) */
static int
cmd_sysctl(int argc, char **argv)
{
	struct sn_netns *ns = ns_cur();
	unsigned int opt = 0, i;
	bool all = false, write = false;
	int a, ret = 0;
	const char *o;

	for (a = 1; a < argc && argv[a][0] == '-' && argv[a][1] != '\0';
	     a++) {
		if (strcmp(argv[a], "--") == 0) {
			a++;
			break;
		}
		if (strcmp(argv[a], "--all") == 0) {
			all = true;
			continue;
		}
		if (strcmp(argv[a], "--values") == 0) {
			opt |= SYSCTL_VALUES;
			continue;
		}
		if (strcmp(argv[a], "--names") == 0) {
			opt |= SYSCTL_NAMES;
			continue;
		}
		if (strcmp(argv[a], "--quiet") == 0) {
			opt |= SYSCTL_QUIET;
			continue;
		}
		if (strcmp(argv[a], "--write") == 0) {
			write = true;
			continue;
		}
		for (o = argv[a] + 1; *o != '\0'; o++) {
			switch (*o) {
			case 'a': case 'A': case 'X':
				all = true;
				break;
			case 'n':
				opt |= SYSCTL_VALUES;
				break;
			case 'N':
				opt |= SYSCTL_NAMES;
				break;
			case 'q':
				opt |= SYSCTL_QUIET;
				break;
			case 'w':	/* procps' write: NAME=VALUE only */
				write = true;
				break;
			default:
				return fail("sysctl: unknown option '-%c' "
					    "(-a, -n, -N, -q, -w)", *o);
			}
		}
	}
	if (all) {
		if (a != argc)
			return fail("sysctl: -a takes no name");
		for (i = 0; i < RTE_DIM(sysctl_all); i++)
			ret |= sysctl_one(ns, sysctl_all[i], NULL, opt);
		return ret;
	}
	if (a == argc)
		return fail("usage: sysctl [-n|-N] [-q] [-w] NAME[=VALUE]... "
			    "| NAME VALUE | -a");
	/* softnet-pmd's own form, NAME VALUE: two words, the second not
	 * a setting's name (procps would read both) */
	if (!write && argc - a == 2 && strchr(argv[a], '=') == NULL &&
	    strchr(argv[a + 1], '=') == NULL &&
	    sysctl_key(ns, argv[a + 1]) == NULL)
		return sysctl_one(ns, argv[a], argv[a + 1], opt);
	for (; a < argc; a++) {
		if (write && strchr(argv[a], '=') == NULL) {
			ret |= fail("sysctl: \"%s\" must be of the form "
				    "name=value", argv[a]);
			continue;
		}
		ret |= sysctl_one(ns, argv[a], NULL, opt);
	}
	return ret;
}

/* ---------------------------------------------------------------------- */
/* netns and ip.                                                           */

static int
list_ns(struct sn_netns *ns, void *arg __rte_unused)
{
	printf("%s (id: %u)\n", sn_netns_name(ns), sn_netns_id(ns));
	return 0;
}

static int exec_in(struct sn_netns *ns, int argc, char **argv);

static int
cmd_netns(int argc, char **argv)
{
	struct sn_netns *ns;
	int ret;

	if (argc >= 2 && strcmp(argv[1], "exec") == 0) {
		if (argc < 4)
			return fail("usage: netns exec NAME COMMAND...");
		if ((ns = ns_get(argv[2])) == NULL)
			return -1;
		return exec_in(ns, argc - 3, argv + 3);
	}
	if (argc >= 2 && strcmp(argv[1], "delete") == 0)
		argv[1] = (char *)(uintptr_t)"del";

	if (argc == 1 || (argc == 2 && (strcmp(argv[1], "list") == 0 ||
					strcmp(argv[1], "show") == 0))) {
		sn_netns_foreach(list_ns, NULL);
		return 0;
	}
	if (argc == 3 && strcmp(argv[1], "add") == 0) {
		ret = sn_netns_add(argv[2], NULL);
		if (ret == -EEXIST)
			return fail("Cannot create namespace \"%s\": File "
				    "exists", argv[2]);
		if (ret == -EINVAL)
			return fail("Cannot create namespace \"%s\": a name is "
				    "1 to 15 of [A-Za-z0-9_.-]", argv[2]);
		if (ret == -ENOSPC &&
		    rte_eth_dev_count_total() >= RTE_MAX_ETHPORTS)
			return fail("Cannot create namespace \"%s\": no DPDK "
				    "port left for its lo (this DPDK is built "
				    "with RTE_MAX_ETHPORTS %d)", argv[2],
				    RTE_MAX_ETHPORTS);
		if (ret == -ENOSPC && sn_netns_count() >= sn_netns_max())
			return fail("Cannot create namespace \"%s\": the limit "
				    "of %u namespaces is reached", argv[2],
				    sn_netns_max());
		if (ret == -ENOMEM)	/* its tables (route.md) */
			return fail("Cannot create namespace \"%s\": Cannot "
				    "allocate memory (a namespace's IPv4 main "
				    "table takes 64 MiB, and more with "
				    "--max-routes: give EAL more, -m or "
				    "hugepages, or lower --max-routes)",
				    argv[2]);
		if (ret != 0)
			return fail("Cannot create namespace \"%s\": %s",
				    argv[2], strerror(-ret));
		return 0;
	}
	if (argc == 3 && strcmp(argv[1], "del") == 0) {
		if (strcmp(argv[2], SN_NETNS_DEFAULT) == 0)
			return fail("Cannot remove namespace \"default\"");
		ret = sn_netns_del(argv[2]);
		if (ret != 0)
			return fail("Cannot remove namespace \"%s\": %s",
				    argv[2], ret == -ENOENT ?
				    "No such file or directory" :
				    strerror(-ret));
		return 0;
	}
	return fail("usage: netns add|del NAME | netns list | netns exec "
		    "NAME COMMAND...");
}

/* An IPv6 address, or prefix ADDR/LEN. */
static bool
is_inet6_word(const char *s)
{
	char tmp[INET6_ADDRSTRLEN + 4], *slash;
	uint8_t a[16];

	if (strchr(s, ':') == NULL || strlen(s) >= sizeof(tmp))
		return false;
	snprintf(tmp, sizeof(tmp), "%s", s);
	slash = strchr(tmp, '/');
	if (slash != NULL)
		*slash = '\0';
	return inet_pton(AF_INET6, tmp, a) == 1;
}

static bool matches(const char *word, const char *full);
static int parse_lladdr(const char *s, struct rte_ether_addr *mac);

/*
 * ip link set [dev] DEV up|down|mtu N|address LLADDR|promisc on|off|netns
 * NS...: lo's up and down are its link (net_loopback's set link-up/down:
 * down, what it transmits is dropped, L7); a port's are port start and
 * stop's work, its mtu and address changed with it quiet, under softnet's
 * engines as with forwarding stopped.
 */
static int
ip_link_set(struct sn_netns *ns, int argc, char **argv)
{
	struct rte_eth_dev_info info;
	struct sn_netdev dev;
	struct sn_netns *to;
	uint32_t mtu;
	int i = 0, ret;

	if (strcmp(argv[0], "dev") == 0 && argc > 1)
		i = 1;
	if (dev_get(ns, argv[i], &dev) != 0)
		return -1;
	if (i + 1 >= argc)
		return 0;	/* iproute2 sends an empty change: nothing */
	for (i++; i < argc; i++) {
		const char *k = argv[i];

		if (strcmp(k, "up") == 0 || strcmp(k, "down") == 0) {
			bool up = k[0] == 'u';

			if (dev.is_loopback) {
				ret = up ? rte_eth_dev_set_link_up(dev.port_id) :
				      rte_eth_dev_set_link_down(dev.port_id);
				if (ret == 0)
					sn_netns_link_set_up(dev.port_id, up);
			} else
				ret = up ? sn_port_start(dev.port_id) :
				      sn_port_stop(dev.port_id);
			if (ret == -EBUSY)
				return fail("%s: stop forwarding first (the "
					    "%s engine's lcores poll their "
					    "ports until stop)", dev.ifname,
					    sn_cfg.engine->name);
			if (ret != 0 && ret != -EALREADY)
				return fail("RTNETLINK answers: %s",
					    strerror(-ret));
		} else if (strcmp(k, "mtu") == 0 && i + 1 < argc) {
			/* iproute2 takes any unsigned int: the kernel
			 * says what is out of the device's range */
			if (parse_u32(argv[++i], UINT32_MAX, &mtu) != 0)
				return fail("Error: argument \"%s\" is wrong: "
					    "Invalid \"mtu\" value", argv[i]);
			/* dev_validate_mtu's words */
			if (rte_eth_dev_info_get(dev.port_id, &info) != 0)
				return fail("RTNETLINK answers: No such "
					    "device");
			if (mtu < info.min_mtu)
				return fail("Error: mtu less than device "
					    "minimum.");
			if (mtu > info.max_mtu)
				return fail("Error: mtu greater than device "
					    "maximum.");
			ret = sn_port_set_mtu(dev.port_id, (uint16_t)mtu);
			if (ret == -EINVAL)
				return fail("Error: mtu %s outside the "
					    "device's range.", argv[i]);
			if (ret == -EBUSY && sn_fwd_running() &&
			    !sn_cfg.engine->softnet)
				return fail("%s: stop forwarding first (the "
					    "%s engine's lcores poll their "
					    "ports until stop)", dev.ifname,
					    sn_cfg.engine->name);
			if (ret != 0)
				return fail("RTNETLINK answers: %s",
					    strerror(-ret));
		} else if (matches(k, "address") && i + 1 < argc) {
			struct rte_ether_addr mac;

			if (parse_lladdr(argv[++i], &mac) != 0)
				return fail("\"%s\" is invalid lladdr.",
					    argv[i]);
			if (dev.is_loopback)
				return fail("RTNETLINK answers: Operation not "
					    "supported (lo's frames carry zero "
					    "MACs here)");
			/* eth_prepare_mac_addr_change: not a group, not 0 */
			if (!rte_is_valid_assigned_ether_addr(&mac))
				return fail("RTNETLINK answers: Cannot assign "
					    "requested address");
			ret = sn_port_set_mac(dev.port_id, &mac);
			if (ret == -EBUSY && sn_fwd_running() &&
			    !sn_cfg.engine->softnet)
				return fail("%s: stop forwarding first (the "
					    "%s engine's lcores poll their "
					    "ports until stop)", dev.ifname,
					    sn_cfg.engine->name);
			if (ret != 0)
				return fail("RTNETLINK answers: %s",
					    strerror(-ret));
		} else if (strcmp(k, "promisc") == 0 && i + 1 < argc) {
			bool on = strcmp(argv[++i], "on") == 0;

			if (!on && strcmp(argv[i], "off") != 0)
				return fail("Error: argument of \"promisc\" "
					    "must be \"on\" or \"off\", not "
					    "\"%s\"", argv[i]);
			if (dev.is_loopback)	/* lo stays as it is */
				continue;
			/* the datapath drops frames to other MACs whatever
			 * the PMD lets in (rx_otherhost) */
			ret = on ? rte_eth_promiscuous_enable(dev.port_id) :
			      rte_eth_promiscuous_disable(dev.port_id);
			if (ret == -ENOTSUP &&
			    rte_eth_dev_info_get(dev.port_id, &info) == 0)
				return fail("RTNETLINK answers: Operation not "
					    "supported (%s cannot turn "
					    "promiscuous mode %s)",
					    info.driver_name, argv[i]);
			if (ret != 0)
				return fail("RTNETLINK answers: %s",
					    strerror(-ret));
		} else if ((matches(k, "address") || strcmp(k, "mtu") == 0 ||
			    strcmp(k, "promisc") == 0 ||
			    strcmp(k, "netns") == 0) && i + 1 >= argc) {
			return incomplete();
		} else if (strcmp(k, "netns") == 0 && i + 1 < argc) {
			if ((to = ns_get(argv[++i])) == NULL)
				return -1;
			ret = sn_netns_link_move(dev.port_id, to);
			if (ret == -EINVAL)
				return fail("RTNETLINK answers: Invalid "
					    "argument (%s cannot move)",
					    dev.ifname);
			if (ret != 0)
				return fail("RTNETLINK answers: %s",
					    strerror(-ret));
		} else {
			return fail("Error: argument \"%s\" is wrong: "
				    "unknown or incomplete", k);
		}
	}
	return 0;
}

/* "show|flush [[dev] DEV]": the device's ifindex in only, 0 if none. */
/*
 * ip link show's and ip addr show|flush's selectors, as iproute2's: [dev]
 * DEV and up; for addresses also scope S, to PREFIX, primary, secondary,
 * permanent (every address here) and dynamic (none here).
 */
static bool family6, family4, family0;	/* ip -6, -4, -0 (-f link) */

/* The first len bits of a and b are the same. */
static bool
bits_equal(const uint8_t *a, const uint8_t *b, unsigned int len)
{
	unsigned int n = len / 8, r = len % 8;

	if (memcmp(a, b, n) != 0)
		return false;
	return r == 0 || ((a[n] ^ b[n]) & (uint8_t)(0xff << (8 - r))) == 0;
}

struct dev_sel {
	int only;		/* a device's ifindex; 0: every device */
	bool up;		/* the devices that are up */
	bool addr;		/* an address selector was given */
	int scope;		/* the addresses of that scope; -1: any */
	int to_family;		/* to PREFIX: its family, 0 if none */
	uint8_t to[16], to_len;
	int prim;		/* 1: primary, 2: secondary, 0: any */
	bool dynamic;
};

static int parse_prefix6(const char *s6, uint8_t *a, uint8_t *plen);

static int
dev_sel_parse(struct sn_netns *ns, int argc, char **argv, bool addrs,
	      struct dev_sel *f)
{
	const char *name = NULL;
	struct sn_netdev dev;
	uint32_t v4, v;
	int i;

	memset(f, 0, sizeof(*f));
	f->scope = -1;
	for (i = 1; i < argc; i++) {
		const char *w = argv[i];

		if (strcmp(w, "up") == 0) {
			f->up = true;
		} else if (addrs && (strcmp(w, "primary") == 0 ||
				     strcmp(w, "secondary") == 0)) {
			f->addr = true;
			f->prim = w[0] == 'p' ? 1 : 2;
		} else if (addrs && (strcmp(w, "permanent") == 0 ||
				     strcmp(w, "dynamic") == 0)) {
			f->addr = true;
			f->dynamic |= w[0] == 'd';
		} else if (addrs && strcmp(w, "scope") == 0) {
			if (++i >= argc)
				return incomplete();
			f->addr = true;
			if (strcmp(argv[i], "host") == 0)
				f->scope = SN_RT_SCOPE_HOST;
			else if (strcmp(argv[i], "link") == 0)
				f->scope = SN_RT_SCOPE_LINK;
			else if (strcmp(argv[i], "global") == 0 ||
				 strcmp(argv[i], "universe") == 0)
				f->scope = SN_RT_SCOPE_UNIVERSE;
			else if (parse_u32(argv[i], 255, &v) == 0)
				f->scope = (int)v;
			else
				return fail("Error: argument \"%s\" is wrong: "
					    "invalid \"scope\"", argv[i]);
		} else if (addrs && strcmp(w, "to") == 0) {
			if (++i >= argc)
				return incomplete();
			f->addr = true;
			memset(f->to, 0, sizeof(f->to));
			if (strcmp(argv[i], "default") == 0 ||
			    strcmp(argv[i], "all") == 0 ||
			    strcmp(argv[i], "any") == 0) {
				/* a /0 of no family: every address */
				f->to_family = 0;
				f->to_len = 0;
			} else if (parse_prefix(argv[i], &v4, &f->to_len) ==
				   0 && !family6) {
				v4 = rte_cpu_to_be_32(v4);
				memcpy(f->to, &v4, 4);
				f->to_family = AF_INET;
			} else if (!family4 &&
				   parse_prefix6(argv[i], f->to,
						 &f->to_len) == 0) {
				f->to_family = AF_INET6;
			} else {
				return fail("Error: any valid prefix is "
					    "expected rather than \"%s\".",
					    argv[i]);
			}
		} else if (strcmp(w, "label") == 0 || strcmp(w, "type") == 0 ||
			   strcmp(w, "master") == 0 ||
			   strcmp(w, "nomaster") == 0 ||
			   strcmp(w, "vrf") == 0 || strcmp(w, "group") == 0) {
			return fail("ip %s %s %s: not supported here (no "
				    "labels, types, masters or groups)",
				    addrs ? "addr" : "link", argv[0], w);
		} else {
			if (strcmp(w, "dev") == 0) {
				if (++i >= argc)
					return incomplete();
				w = argv[i];
			}
			if (name != NULL)
				return fail("Error: either \"dev\" is duplicate, "
					    "or \"%s\" is a garbage.", w);
			name = w;
		}
	}
	/* the device is looked up once the words are read, as iproute2 */
	if (name != NULL && sn_netns_link_by_name(ns, name, &dev) != 0)
		/* ipaddr_list_flush_or_save's words */
		return fail("Device \"%s\" does not exist.", name);
	f->only = name != NULL ? dev.ifindex : 0;
	return 0;
}

/* Whether a device is listed, before its addresses are. */
static bool
dev_selected(const struct dev_sel *f, const struct sn_netdev *dev)
{
	return (f->only == 0 || dev->ifindex == f->only) &&
	       (!f->up || !dev->down);
}

static bool ip_stats, ip_brief, ip_oneline;	/* ip -s, -br, -o */

/* ip -o: a record's lines as one, '\' where each newline but the last
 * was (print_linelist's oneline mode) */
static void
print_oneline(char *rec, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len; i++)
		if (rec[i] == '\n')
			rec[i] = '\\';
	fwrite(rec, 1, len, stdout);
}

/* What iproute2 shows of a device's flags and state: IFF_UP is the
 * port's (a stopped port is down), IFF_LOWER_UP its ethdev link; lo's
 * operstate is UNKNOWN while up, as Linux's. */
struct link_view {
	char flags[64];
	const char *state;
	char mac[RTE_ETHER_ADDR_FMT_SIZE];
	uint16_t mtu;
};

static void
link_view(const struct sn_netdev *dev, struct link_view *v)
{
	struct rte_ether_addr addr;
	struct rte_eth_link link;
	bool up = sn_port_up(dev->port_id), carrier;
	char *c;

	carrier = rte_eth_link_get_nowait(dev->port_id, &link) == 0 &&
		  link.link_status == RTE_ETH_LINK_UP;
	snprintf(v->flags, sizeof(v->flags), "%s%s%s%s%s",
		 up && !carrier ? "NO-CARRIER," : "",
		 dev->is_loopback ? "LOOPBACK" : "BROADCAST,MULTICAST",
		 !dev->is_loopback && rte_eth_promiscuous_get(dev->port_id) ==
		 1 ? ",PROMISC" : "",
		 up ? ",UP" : "", up && carrier ? ",LOWER_UP" : "");
	v->state = !up ? "DOWN" : dev->is_loopback ? "UNKNOWN" :
		   carrier ? "UP" : "DOWN";
	v->mtu = 0;
	rte_eth_dev_get_mtu(dev->port_id, &v->mtu);
	memset(&addr, 0, sizeof(addr));
	rte_eth_macaddr_get(dev->port_id, &addr);
	rte_ether_format_addr(v->mac, sizeof(v->mac), &addr);
	for (c = v->mac; *c != '\0'; c++)	/* iproute2's case */
		*c = (char)tolower((unsigned char)*c);
}

/* ip link's and ip addr's first lines for a device: without the link/
 * line under ip -4 or -6 (ip addr), as iproute2. */
static void
link_print(FILE *out, const struct sn_netdev *dev, bool link_line)
{
	struct link_view v;

	link_view(dev, &v);
	fprintf(out, "%d: %s: <%s> mtu %u state %s port %u\n", dev->ifindex,
		dev->ifname, v.flags, v.mtu, v.state, dev->port_id);
	if (link_line)
		fprintf(out, "    link/%s %s brd %s\n",
			dev->is_loopback ? "loopback" : "ether", v.mac,
			dev->is_loopback ? v.mac : "ff:ff:ff:ff:ff:ff");
}

/* ip -s link: the device's ethdev counters in iproute2's two blocks
 * (dropped: no mbuf on rx; missed: imissed). lo's are Linux's lo's: its
 * backlog drops (imissed) are rx_dropped, a transmit while down
 * (oerrors) is tx_dropped, and its bytes leave out the 14-byte Ethernet
 * header every frame on it has (loopback_xmit counts skb->len after
 * eth_type_trans); net_loopback's ethdev bytes count whole frames. */
static void
link_stats_print(FILE *out, const struct sn_netdev *dev)
{
	struct rte_eth_stats st;
	uint64_t rx_err, rx_drop, rx_miss, tx_err, tx_drop;

	memset(&st, 0, sizeof(st));
	rte_eth_stats_get(dev->port_id, &st);
	rx_err = dev->is_loopback ? 0 : st.ierrors;
	rx_drop = dev->is_loopback ? st.imissed : st.rx_nombuf;
	rx_miss = dev->is_loopback ? 0 : st.imissed;
	tx_err = dev->is_loopback ? 0 : st.oerrors;
	tx_drop = dev->is_loopback ? st.oerrors : 0;
	if (dev->is_loopback) {
		st.ibytes -= RTE_MIN(st.ibytes, st.ipackets *
				     RTE_ETHER_HDR_LEN);
		st.obytes -= RTE_MIN(st.obytes, st.opackets *
				     RTE_ETHER_HDR_LEN);
	}
	fprintf(out, "    RX:  %12s %10s %7s %7s %7s %7s\n", "bytes",
		"packets", "errors", "dropped", "missed", "mcast");
	fprintf(out, "         %12" PRIu64 " %10" PRIu64 " %7" PRIu64 " %7"
		PRIu64 " %7" PRIu64 " %7u\n", st.ibytes, st.ipackets, rx_err,
		rx_drop, rx_miss, 0);
	fprintf(out, "    TX:  %12s %10s %7s %7s %7s %7s\n", "bytes",
		"packets", "errors", "dropped", "carrier", "collsns");
	fprintf(out, "         %12" PRIu64 " %10" PRIu64 " %7" PRIu64 " %7"
		PRIu64 " %7u %7u\n", st.obytes, st.opackets, tx_err, tx_drop, 0,
		0);
}

static int
ip_link(struct sn_netns *ns, int argc, char **argv)
{
	struct sn_netdev devs[RTE_MAX_ETHPORTS];
	unsigned int n, i;

	if (argc == 0 || strcmp(argv[0], "show") == 0) {
		struct dev_sel f;

		/* show [[dev] DEV] [up], as ip addr's */
		if (dev_sel_parse(ns, argc, argv, false, &f) != 0)
			return -1;
		n = RTE_MIN(sn_netns_links(ns, devs, RTE_DIM(devs)),
			    (unsigned int)RTE_DIM(devs));
		for (i = 0; i < n; i++) {
			if (!dev_selected(&f, &devs[i]))
				continue;
			if (ip_brief) {
				struct link_view v;

				link_view(&devs[i], &v);
				printf("%-16s %-14s %s <%s>\n",
				       devs[i].ifname, v.state, v.mac,
				       v.flags);
				continue;
			}
			if (ip_oneline) {
				char *rec = NULL;
				size_t len = 0;
				FILE *f = open_memstream(&rec, &len);

				if (f == NULL)
					return fail("ip link: %s",
						    strerror(errno));
				link_print(f, &devs[i], true);
				if (ip_stats)
					link_stats_print(f, &devs[i]);
				fclose(f);
				print_oneline(rec, len);
				free(rec);
				continue;
			}
			link_print(stdout, &devs[i], true);
			if (ip_stats)
				link_stats_print(stdout, &devs[i]);
		}
		return 0;
	}
	if (argc == 1 && strcmp(argv[0], "set") == 0)
		return fail("Not enough information: \"dev\" argument is "
			    "required.");
	if (argc >= 2 && strcmp(argv[0], "set") == 0)
		return ip_link_set(ns, argc - 1, argv + 1);
	return fail("usage: ip [-n NS] link [show [[dev] DEV] [up]] | ip [-n NS] "
		    "link set [dev] DEV [up|down] [mtu N] [address LLADDR] "
		    "[promisc on|off] [netns NS]");
}

/* iproute2's word for what an address must be: "inet prefix ..." */
static const char *
family_word(void)
{
	return family4 ? "inet" : family6 ? "inet6" : "any valid";
}


/* `ip addr del A dev D` without a length: the length A has on D (0), as
 * the kernel matches no length then; -1 if D has no A. */
static int
addr_plen_of(struct sn_netns *ns, struct sn_ifaddr *x)
{
	struct sn_ifaddr *a;
	unsigned int na, j;
	int ret = -1;

	na = sn_netns_addrs(ns, NULL, 0);
	a = calloc(na + 1, sizeof(*a));
	if (a == NULL)
		return -1;
	na = RTE_MIN(sn_netns_addrs(ns, a, na), na);
	for (j = 0; j < na && ret != 0; j++)
		if (a[j].family == x->family && a[j].ifindex == x->ifindex &&
		    memcmp(a[j].addr, x->addr, 16) == 0) {
			x->plen = a[j].plen;
			ret = 0;
		}
	free(a);
	return ret;
}

/* The rest of an `ip addr` line, as iproute2 prints it: scope, secondary
 * (another of the subnet on the device came first), label; no brd, as
 * for an address added without one (the broadcast route is R3's). */
/* Whether IPv4 address j of a comes after another of its subnet on its
 * device (a secondary, IFA_F_SECONDARY). */
static bool
is_secondary4(const struct sn_ifaddr *a, unsigned int j)
{
	uint32_t v, o, m;
	unsigned int k;

	memcpy(&v, a[j].addr, 4);
	v = rte_be_to_cpu_32(v);
	m = a[j].plen == 0 ? 0 : ~0u << (32 - a[j].plen);
	for (k = 0; k < j; k++) {
		if (a[k].family != AF_INET || a[k].ifindex != a[j].ifindex ||
		    a[k].plen != a[j].plen)
			continue;
		memcpy(&o, a[k].addr, 4);
		if (((rte_be_to_cpu_32(o) ^ v) & m) == 0)
			return true;
	}
	return false;
}

/* ipv6_addr_src_scope's order: global, link, host (::1). */
static int
scope6_rank(const uint8_t *x)
{
	return memcmp(x, (uint8_t[16]){ [15] = 1 }, 16) == 0 ? 0 :
	       sn_ip6_is_linklocal(x) ? 1 : 2;
}

/*
 * The order ip addr lists a device's addresses in: IPv4's ifa_list
 * (primaries in the order added, then secondaries: __inet_insert_ifa),
 * then IPv6's addr_list (by scope, global first, the newest first within
 * a scope: ipv6_link_dev_addr). Fills order[] with indexes of a; returns
 * how many.
 */
static unsigned int
addr_order(const struct sn_ifaddr *a, unsigned int na, int ifindex,
	   unsigned int *order)
{
	unsigned int n = 0, j, pass;
	int rank;

	for (pass = 0; pass < 2; pass++)
		for (j = 0; j < na; j++)
			if (a[j].family == AF_INET && a[j].ifindex == ifindex &&
			    is_secondary4(a, j) == (pass == 1))
				order[n++] = j;
	for (rank = 2; rank >= 0; rank--)
		for (j = na; j-- > 0;)
			if (a[j].family == AF_INET6 &&
			    a[j].ifindex == ifindex &&
			    scope6_rank(a[j].addr) == rank)
				order[n++] = j;
	return n;
}

/* An address's scope, as the kernel gives it: 127/8 and ::1 host,
 * fe80::/10 link, the others universe (global). */
static int
addr_scope(const struct sn_ifaddr *a)
{
	const uint8_t *x = a->addr;

	if (a->family == AF_INET)
		return x[0] == 127 ? SN_RT_SCOPE_HOST : SN_RT_SCOPE_UNIVERSE;
	return memcmp(x, (uint8_t[16]){ [15] = 1 }, 16) == 0 ?
	       SN_RT_SCOPE_HOST : sn_ip6_is_linklocal(x) ?
	       SN_RT_SCOPE_LINK : SN_RT_SCOPE_UNIVERSE;
}

static void
addr_details(const struct sn_ifaddr *a, unsigned int j,
	     const char *ifname, char *out, size_t len)
{
	int sc = addr_scope(&a[j]);
	const char *scope = sc == SN_RT_SCOPE_HOST ? "host" :
			    sc == SN_RT_SCOPE_LINK ? "link" : "global";

	if (a[j].family != AF_INET) {
		/* iproute2 ends an IPv6 address's flags with a space */
		snprintf(out, len, " scope %s ", scope);
		return;
	}
	snprintf(out, len, " scope %s%s %s", scope,
		 is_secondary4(a, j) ? " secondary" : "", ifname);
}

/* Whether address j of a is one the selectors take. */
static bool
addr_selected(const struct dev_sel *f, const struct sn_ifaddr *a,
	      unsigned int j)
{
	if (f->dynamic)
		return false;	/* every address here lasts forever */
	if (f->scope >= 0 && addr_scope(&a[j]) != f->scope)
		return false;
	/* IPv6 has no secondaries: each is primary, as IFA_F_SECONDARY */
	if (f->prim != 0 && (a[j].family == AF_INET &&
			     is_secondary4(a, j)) != (f->prim == 2))
		return false;
	return f->to_family == 0 || (a[j].family == f->to_family &&
				     bits_equal(a[j].addr, f->to, f->to_len));
}

static int
ip_addr(struct sn_netns *ns, int argc, char **argv)
{
	struct sn_netdev devs[RTE_MAX_ETHPORTS], dev;
	struct sn_ifaddr *a, x;
	unsigned int n, na, i, j, o, no, *order;
	char buf[INET6_ADDRSTRLEN], tmp[64], det[1024], *slash;
	uint32_t plen;
	bool add;
	int ret;

	/* show|flush [SELECTORS] (flush: some) */
	if (argc == 0 || strcmp(argv[0], "show") == 0 ||
	    strcmp(argv[0], "flush") == 0) {
		bool flush = argc > 0 && strcmp(argv[0], "flush") == 0;
		struct dev_sel f;
		bool v4, v6;

		if (dev_sel_parse(ns, argc, argv, true, &f) != 0)
			return -1;
		if (flush && argc == 1)
			return fail("Flush requires arguments.");
		/* to PREFIX is of a family, as -4 or -6 */
		v4 = family4 || f.to_family == AF_INET;
		v6 = family6 || f.to_family == AF_INET6;
		n = RTE_MIN(sn_netns_links(ns, devs, RTE_DIM(devs)),
			    (unsigned int)RTE_DIM(devs));
		na = sn_netns_addrs(ns, NULL, 0);
		a = calloc(na + 1, sizeof(*a));
		if (a == NULL)
			return fail("ip addr: %s", strerror(ENOMEM));
		na = RTE_MIN(sn_netns_addrs(ns, a, na), na);
		order = calloc(na + 1, sizeof(*order));
		if (order == NULL) {
			free(a);
			return fail("ip addr: %s", strerror(ENOMEM));
		}
		for (i = 0; i < n; i++) {
			bool some = family0 || (!v4 && !v6 && !f.addr);
			bool none = true;

			if (!dev_selected(&f, &devs[i]))
				continue;
			/* with -4 or -6, or an address selector, a device
			 * with no address it takes is not listed, as
			 * iproute2; but with no family, one with no address
			 * at all is (ipaddr_filter's missing_net_address) */
			for (j = 0; j < na; j++) {
				if (a[j].ifindex != devs[i].ifindex)
					continue;
				none = false;
				some |= (!v4 || a[j].family == AF_INET) &&
					(!v6 || a[j].family == AF_INET6) &&
					addr_selected(&f, a, j);
			}
			some |= none && !v4 && !v6;
			if (!flush && some && ip_brief) {
				struct link_view v;

				link_view(&devs[i], &v);
				printf("%-16s %-14s ", devs[i].ifname,
				       v.state);
			} else if (!flush && some && !ip_oneline) {
				link_print(stdout, &devs[i], !v4 && !v6);
				if (ip_stats)
					link_stats_print(stdout, &devs[i]);
			}
			no = addr_order(a, na, devs[i].ifindex, order);
			for (o = 0; o < no; o++) {
				j = order[o];
				if (family0 ||	/* -0: the links only */
				    (v6 && a[j].family != AF_INET6) ||
				    (v4 && a[j].family != AF_INET) ||
				    !addr_selected(&f, a, j))
					continue;
				if (flush) {
					ret = sn_netns_addr_del(ns, &a[j]);
					if (ret != 0 && ret != -EADDRNOTAVAIL) {
						free(a);
						return fail("RTNETLINK answers:"
							    " %s",
							    strerror(-ret));
					}
					continue;
				}
				inet_ntop(a[j].family, a[j].addr, buf,
					  sizeof(buf));
				if (ip_brief) {
					printf("%s/%u ", buf, a[j].plen);
					continue;
				}
				/* softnet's addresses never expire */
				addr_details(a, j, devs[i].ifname, det,
					     sizeof(det));
				if (ip_oneline)
					printf("%d: %s    ", devs[i].ifindex,
					       devs[i].ifname);
				else
					printf("    ");
				printf("%s %s/%u%s%s       valid_lft forever "
				       "preferred_lft forever\n",
				       a[j].family == AF_INET ? "inet" : "inet6",
				       buf, a[j].plen, det,
				       ip_oneline ? "\\" : "\n");
			}
			if (!flush && some && ip_brief)
				printf("\n");
		}
		free(order);
		free(a);
		return 0;
	}
	if (argc >= 1 && (strcmp(argv[0], "add") == 0 ||
			  strcmp(argv[0], "del") == 0)) {
		const char *a = NULL, *brd = NULL, *devname = NULL;
		int k;

		/* iproute2's ipaddr_modify: the words in any order */
		for (k = 1; k < argc; k++) {
			const char *w = argv[k];

			if (strcmp(w, "local") != 0 && strcmp(w, "dev") != 0 &&
			    strcmp(w, "brd") != 0 &&
			    strcmp(w, "broadcast") != 0 &&
			    strcmp(w, "scope") != 0 && strcmp(w, "label") != 0 &&
			    strcmp(w, "valid_lft") != 0 &&
			    strcmp(w, "preferred_lft") != 0) {
				if (a != NULL)
					return fail("Error: either \"local\" "
						    "is duplicate, or \"%s\" "
						    "is a garbage.", w);
				a = w;
				continue;
			}
			if (k + 1 >= argc)
				return incomplete();
			k++;
			if (strcmp(w, "local") == 0) {
				if (a != NULL)
					return fail("Error: either \"local\" "
						    "is duplicate, or \"%s\" "
						    "is a garbage.", argv[k]);
				a = argv[k];
			} else if (strcmp(w, "dev") == 0) {
				if (devname != NULL)
					return fail("Error: either \"dev\" is "
						    "duplicate, or \"%s\" is a "
						    "garbage.", argv[k]);
				devname = argv[k];
			} else if (w[0] == 'b') {
				brd = argv[k];
			} else if (strcmp(w, "scope") == 0) {
				if (strcmp(argv[k], "global") != 0 &&
				    strcmp(argv[k], "0") != 0)
					return fail("Error: scope \"%s\": only "
						    "scope global addresses "
						    "here", argv[k]);
			} else if (strcmp(w, "label") == 0) {
				return fail("Error: labels are not kept here "
					    "(\"%s\")", argv[k]);
			} else if (strcmp(argv[k], "forever") != 0) {
				return fail("Error: %s \"%s\": addresses "
					    "here last forever", w, argv[k]);
			}
		}
		/* ipaddr_modify asks for the device first */
		if (devname == NULL)
			return fail("Not enough information: \"dev\" argument "
				    "is required.");
		if (a == NULL)
			return fail("usage: ip [-n NS] addr add|del ADDR/PLEN "
				    "[brd +] dev DEV");
		argv[1] = (char *)(uintptr_t)a;
		argv[3] = (char *)(uintptr_t)devname;
		add = strcmp(argv[0], "add") == 0;
		memset(&x, 0, sizeof(x));
		snprintf(tmp, sizeof(tmp), "%s", argv[1]);
		slash = strchr(tmp, '/');
		if (slash != NULL)
			*slash = '\0';
		if (inet_pton(AF_INET, tmp, x.addr) == 1)
			x.family = AF_INET;
		else if (inet_pton(AF_INET6, tmp, x.addr) == 1)
			x.family = AF_INET6;
		if (x.family == 0 || (family4 && x.family != AF_INET) ||
		    (family6 && x.family != AF_INET6))
			return fail("Error: %s prefix is expected rather than "
				    "\"%s\".", family_word(), argv[1]);
		plen = x.family == AF_INET ? 32 : 128;
		if (slash != NULL && parse_u32(slash + 1, plen, &plen) != 0)
			return fail("Error: any valid prefix is expected "
				    "rather than \"%s\".", argv[1]);
		x.plen = plen;
		if (brd != NULL && x.family != AF_INET)
			return fail("Broadcast can be set only for IPv4 "
				    "addresses");
		if (brd != NULL && strcmp(brd, "+") != 0) {
			/* the subnet's own broadcast is what R3 installs;
			 * another one is not kept */
			uint32_t b, ad, m = plen == 0 ? 0 :
					    ~0u << (32 - plen);

			memcpy(&ad, x.addr, 4);
			ad = rte_be_to_cpu_32(ad);
			if (x.family != AF_INET || parse_ip4(brd, &b) != 0 ||
			    plen >= 31 || b != (ad | ~m))
				return fail("Error: brd \"%s\": only the "
					    "subnet's broadcast (brd +) is kept "
					    "here", brd);
		}
		if (dev_get(ns, argv[3], &dev) != 0)
			return -1;
		x.ifindex = dev.ifindex;
		if (!add && slash == NULL && x.family == AF_INET &&
		    addr_plen_of(ns, &x) == 0 && fflush(stdout) == 0)
			/* iproute2's words, after the prompt */
			fprintf(stderr, "Warning: Executing wildcard deletion "
				"to stay compatible with old scripts.\n"
				"         Explicitly specify the prefix "
				"length (%s/32) to avoid this warning.\n"
				"         This special behaviour is likely "
				"to disappear in further releases,\n"
				"         fix your scripts!\n", tmp);
		ret = add ? sn_netns_addr_add(ns, &x) :
			    sn_netns_addr_del(ns, &x);
		/* ipv6_add_addr's and inet6_addr_add's own words */
		if (ret == -EEXIST && x.family == AF_INET6)
			return fail("Error: ipv6: address already assigned.");
		if (ret == -EEXIST)	/* __inet_insert_ifa, Linux 6.18 */
			return fail("Error: ipv4: Address already assigned.");
		if (ret == -EADDRNOTAVAIL && !add && x.family == AF_INET6)
			return fail("Error: ipv6: address not found.");
		if (ret == -EADDRNOTAVAIL && !add)	/* inet_rtm_deladdr */
			return fail("Error: ipv4: Address not found.");
		if (ret == -EADDRNOTAVAIL && x.family == AF_INET6 &&
		    x.addr[0] == 0xff)
			return fail("Error: ipv6: Cannot assign multicast "
				    "address without \"IFA_F_MCAUTOJOIN\" "
				    "flag.");
		if (ret == -EADDRNOTAVAIL && x.family == AF_INET6 &&
		    memcmp(x.addr, (uint8_t[16]){ 0 }, 16) == 0)
			return fail("Error: ipv6: Invalid address.");
		if (ret == -EADDRNOTAVAIL && x.family == AF_INET6 &&
		    memcmp(x.addr, (uint8_t[16]){ [15] = 1 }, 16) == 0)
			return fail("Error: ipv6: Cannot assign loopback "
				    "address on this device.");
		/* Linux takes 0.0.0.0 and stores nothing (__inet_insert_ifa
		 * returns 0): iproute2 says nothing */
		if (ret == -EADDRNOTAVAIL && add && x.family == AF_INET &&
		    memcmp(x.addr, (uint8_t[4]){ 0 }, 4) == 0)
			return 0;
		if (ret == -EADDRNOTAVAIL)
			return fail("RTNETLINK answers: Cannot assign "
				    "requested address");
		if (ret != 0)
			return fail("RTNETLINK answers: %s", strerror(-ret));
		return 0;
	}
	if (argc >= 1 && strcmp(argv[0], "help") != 0 &&
	    strcmp(argv[0], "show") != 0 && strcmp(argv[0], "flush") != 0)
		return fail("Command \"%s\" is unknown, try \"ip address "
			    "help\".", argv[0]);
	return fail("usage: ip [-n NS] addr [show] | ip [-n NS] addr add|del "
		    "ADDR/PLEN dev DEV");
}

static int
table_id_parse(const char *s, uint32_t *t)
{
	if (strcmp(s, "local") == 0)
		*t = SN_RT_TABLE_LOCAL;
	else if (strcmp(s, "main") == 0)
		*t = SN_RT_TABLE_MAIN;
	else if (strcmp(s, "default") == 0)
		*t = SN_RT_TABLE_DEFAULT;
	else if (parse_u32(s, UINT32_MAX, t) != 0 || *t == 0)
		return -1;
	return 0;
}

static int
table_id(const char *s, uint32_t *t)
{
	if (table_id_parse(s, t) != 0)
		return fail("Error: argument \"%s\" is wrong: \"table\" value "
			    "is invalid", s);
	return 0;
}

static const struct {
	const char *name;
	uint8_t type;
} rtn_names[] = {
	{ "unicast", SN_RTN_UNICAST }, { "local", SN_RTN_LOCAL },
	{ "broadcast", SN_RTN_BROADCAST }, { "blackhole", SN_RTN_BLACKHOLE },
	{ "unreachable", SN_RTN_UNREACHABLE }, { "prohibit", SN_RTN_PROHIBIT },
	{ "throw", SN_RTN_THROW },
};

static int parse_prefix6(const char *s6, uint8_t *a, uint8_t *plen);

/* rtnl_rtprot_a2n: a protocol's name (those ip route show prints) or
 * number; -1 if neither */
static int
proto_value(const char *s, uint8_t *proto)
{
	const char *name;
	uint32_t v;

	for (v = 0; v <= UINT8_MAX; v++) {
		name = sn_route_proto_name((uint8_t)v);
		if (name != NULL && strcmp(s, name) == 0) {
			*proto = (uint8_t)v;
			return 0;
		}
	}
	if (parse_u32(s, 255, &v) != 0)
		return -1;
	*proto = (uint8_t)v;
	return 0;
}

/* `ip route show` selectors, as iproute2's: [table T|all] [dev DEV]
 * [proto P] [scope S] [type T] [[to] [root|match|exact] PREFIX]; a bare
 * PREFIX is exact */
struct route_filter {
	struct sn_netns *ns;
	bool all;			/* table all */
	uint32_t table;
	int oif;
	bool by_proto, by_scope, by_type;
	uint8_t proto, scope, type;
	bool root, match;		/* routes inside r, covering m */
	uint8_t rlen, mlen;
	uint8_t r[16], m[16];		/* IPv4: big-endian, first 4 */
	bool by_via;			/* gateways inside via/vlen */
	uint8_t vlen, hlen;		/* hlen: a host's, 32 or 128 */
	uint8_t via[16];
};

/* The word after argv[*i], its value, *i moved onto it; NULL, said, if
 * there is none. */
static const char *
arg_value(int argc, char **argv, int *i)
{
	if (*i + 1 >= argc) {
		incomplete();
		return NULL;
	}
	return argv[++*i];
}

static int
route_filter_parse(struct sn_netns *ns, int argc, char **argv, bool v6,
		   struct route_filter *f)
{
	struct sn_netdev dev;
	uint8_t a[16], len;
	uint32_t a4, v;
	int i, which;

	memset(f, 0, sizeof(*f));
	f->ns = ns;
	f->table = SN_RT_TABLE_MAIN;
	f->hlen = v6 ? 128 : 32;
	for (i = 1; i < argc; i++) {
		const char *k = argv[i];

		if (matches(k, "table")) {
			if ((k = arg_value(argc, argv, &i)) == NULL)
				return -1;
			/* all, and 0 (unspec): every table */
			f->all = strcmp(k, "all") == 0 ||
				 strcmp(k, "0") == 0 ||
				 strcmp(k, "unspec") == 0;
			if (!f->all && table_id_parse(k, &f->table) != 0)
				return fail("Error: argument \"%s\" is wrong: "
					    "table id value is invalid", k);
			continue;
		}
		if (strcmp(k, "dev") == 0 || strcmp(k, "oif") == 0) {
			if ((k = arg_value(argc, argv, &i)) == NULL ||
			    dev_get(ns, k, &dev) != 0)
				return -1;
			f->oif = dev.ifindex;
			continue;
		}
		if (matches(k, "protocol")) {
			if ((k = arg_value(argc, argv, &i)) == NULL)
				return -1;
			f->by_proto = strcmp(k, "all") != 0;	/* any */
			if (f->by_proto && proto_value(k, &f->proto) != 0)
				return fail("Error: argument \"%s\" is wrong: "
					    "invalid \"protocol\"", k);
			continue;
		}
		if (matches(k, "scope")) {
			if ((k = arg_value(argc, argv, &i)) == NULL)
				return -1;
			if (strcmp(k, "global") == 0 ||
			    strcmp(k, "universe") == 0)
				f->scope = SN_RT_SCOPE_UNIVERSE;
			else if (strcmp(k, "link") == 0)
				f->scope = SN_RT_SCOPE_LINK;
			else if (strcmp(k, "host") == 0)
				f->scope = SN_RT_SCOPE_HOST;
			else if (parse_u32(k, 255, &v) == 0)	/* rt_scopes */
				f->scope = (uint8_t)v;
			else
				return fail("Error: argument \"%s\" is wrong: "
					    "invalid \"scope\"", k);
			f->by_scope = true;
			continue;
		}
		if (matches(k, "via")) {
			if ((k = arg_value(argc, argv, &i)) == NULL)
				return -1;
			memset(f->via, 0, sizeof(f->via));
			if (v6 ? parse_prefix6(k, f->via, &f->vlen) != 0 :
				 parse_prefix(k, &a4, &f->vlen) != 0)
				return fail("Error: %s prefix is expected "
					    "rather than \"%s\".",
					    v6 ? "inet6" : "inet", k);
			if (!v6) {
				a4 = rte_cpu_to_be_32(a4);
				memcpy(f->via, &a4, sizeof(a4));
			}
			f->by_via = true;
			continue;
		}
		if (matches(k, "type")) {
			unsigned int n;

			if ((k = arg_value(argc, argv, &i)) == NULL)
				return -1;
			for (n = 0; n < RTE_DIM(rtn_names) &&
			     strcmp(k, rtn_names[n].name) != 0; n++)
				;
			if (n == RTE_DIM(rtn_names))
				return fail("Error: argument \"%s\" is wrong: "
					    "node type value is invalid", k);
			f->type = rtn_names[n].type;	/* the last counts */
			f->by_type = true;
			continue;
		}
		if (matches(k, "to") &&
		    (k = arg_value(argc, argv, &i)) == NULL)
			return -1;
		which = 2;			/* exact: root and match */
		if (matches(k, "root") || matches(k, "match") ||
		    matches(k, "exact")) {
			which = k[0] == 'r' ? 0 : k[0] == 'm' ? 1 : 2;
			if ((k = arg_value(argc, argv, &i)) == NULL)
				return -1;
		}
		if (v6 ? parse_prefix6(k, a, &len) != 0 :
			 parse_prefix(k, &a4, &len) != 0)
			return fail("Error: %s prefix is expected rather than "
				    "\"%s\".", v6 ? "inet6" : "inet", k);
		if (!v6) {
			a4 = rte_cpu_to_be_32(a4);
			memset(a, 0, sizeof(a));
			memcpy(a, &a4, sizeof(a4));
		}
		if (which != 1) {
			f->root = true;
			f->rlen = len;
			memcpy(f->r, a, sizeof(a));
		}
		if (which != 0) {
			f->match = true;
			f->mlen = len;
			memcpy(f->m, a, sizeof(a));
		}
	}
	return 0;
}

static bool
route_shown(const struct route_filter *f, const uint8_t *dst, uint8_t plen,
	    const uint8_t *gw, int oif, uint8_t proto, uint8_t scope,
	    uint8_t type)
{
	if (f->oif != 0 && oif != f->oif)
		return false;
	/* via PREFIX: gateways inside it, a route without one taken as
	 * having the zero address, as iproute2's filter compares it */
	if (f->by_via && !bits_equal(gw, f->via, f->vlen))
		return false;
	/* a route added without one is boot, as iproute2 adds it */
	if ((f->by_proto && (proto != 0 ? proto : SN_RTPROT_BOOT) !=
	     f->proto) ||
	    (f->by_scope && scope != f->scope) ||
	    (f->by_type && type != f->type))
		return false;
	if (f->root && (plen < f->rlen || !bits_equal(dst, f->r, f->rlen)))
		return false;
	return !f->match || (plen <= f->mlen && bits_equal(dst, f->m, plen));
}

/* iproute2 leaves out of a line what the selectors said: the table
 * unless all, the device, protocol and scope when given (not the type) */
static void
route_said(const struct route_filter *f, uint32_t *table, int *oif,
	   uint8_t *proto, uint8_t *scope)
{
	if (!f->all)
		*table = SN_RT_TABLE_MAIN;
	if (f->oif != 0)
		*oif = 0;
	if (f->by_proto)
		*proto = SN_RTPROT_BOOT;	/* printed by no one */
	if (f->by_scope && scope != NULL)
		*scope = SN_RT_SCOPE_UNIVERSE;
}

/* An IPv4 route's destination and gateway as route_shown takes them:
 * big-endian, in the first 4 bytes of 16. */
static void
route4_keys(const struct sn_route4 *r, uint8_t *dst, uint8_t *gw)
{
	uint32_t be = rte_cpu_to_be_32(r->dst), gbe = rte_cpu_to_be_32(r->gw);

	memset(dst, 0, 16);
	memset(gw, 0, 16);
	memcpy(dst, &be, sizeof(be));
	memcpy(gw, &gbe, sizeof(gbe));
}

static int
show_route(const struct sn_route4 *r, void *arg)
{
	const struct route_filter *f = arg;
	struct sn_route4 shown = *r;
	uint8_t dst[16], gw[16];
	char buf[256];

	route4_keys(r, dst, gw);
	if (!route_shown(f, dst, r->plen, gw, r->oif, r->proto, r->scope,
			 r->type))
		return 0;
	route_said(f, &shown.table, &shown.oif, &shown.proto, &shown.scope);
	if (f->by_via && f->vlen == f->hlen)
		shown.gw = 0;	/* the one gateway asked for */
	sn_route4_format(f->ns, &shown, buf, sizeof(buf));
	printf("%s\n", buf);
	return 0;
}

/* What iproute2 prints for a route change's error. */
static int
route_answer(int ret)
{
	switch (ret) {
	case 0:
		return 0;
	case -EEXIST:
		return fail("RTNETLINK answers: File exists");
	case -ESRCH:
		return fail("RTNETLINK answers: No such process");
	case -ENODEV:
		return fail("Cannot find device");
	case -ENOMEM:
		/* a new table (or a split local one) is an rte_fib */
		return fail("RTNETLINK answers: Cannot allocate memory (an "
			    "IPv4 table's lookup takes 64 MiB: give EAL more, "
			    "-m or hugepages)");
	default:
		return fail("RTNETLINK answers: %s", strerror(-ret));
	}
}

/* What Linux's fib_create_info says to `ip route add` (its extack). */
static int
route_add_answer(int ret, const struct sn_route4 *r)
{
	if (ret == -EINVAL && (r->type == SN_RTN_BLACKHOLE ||
	    r->type == SN_RTN_UNREACHABLE || r->type == SN_RTN_PROHIBIT ||
	    r->type == SN_RTN_THROW) && (r->gw != 0 || r->oif != 0))
		return fail("Error: Gateway, device and multipath can not be "
			    "specified for this route type.");
	if (ret == -EINVAL && (r->flags & SN_RTNH_F_ONLINK) && r->gw == 0)
		return fail("Error: Invalid flags for nexthop - PERVASIVE and "
			    "ONLINK can not be set.");
	if (ret == -EINVAL && (r->flags & SN_RTNH_F_ONLINK) &&
	    r->scope >= SN_RT_SCOPE_LINK)
		return fail("Error: Nexthop has invalid scope.");
	if (ret == -EINVAL && (r->dst & ~(r->plen == 0 ? 0 :
					   UINT32_MAX << (32 - r->plen))) != 0)
		return fail("Error: Invalid prefix for given prefix length.");
	if (ret == -EINVAL && r->type == SN_RTN_UNICAST && r->oif == 0 &&
	    r->gw == 0)		/* fib_create_info: no device to find */
		return fail("RTNETLINK answers: No such device");
	if (ret == -ENETDOWN)	/* fib_check_nh_nongw, onlink's */
		return fail(r->gw == 0 ? "Error: Device for nexthop is not up." :
			    "Error: Nexthop device is not up.");
	if (ret == -ENETUNREACH ||
	    (ret == -EINVAL && (r->flags & SN_RTNH_F_ONLINK)))
		return fail("Error: Nexthop has invalid gateway.");
	if (ret == -ENODEV && (r->flags & SN_RTNH_F_ONLINK) && r->oif == 0)
		return fail("Error: Nexthop device required for onlink.");
	if (ret == -EADDRNOTAVAIL)
		return fail("Error: Invalid prefsrc address.");
	return route_answer(ret);
}

struct flush_pick {
	const struct route_filter *rf;
	unsigned int n, max;
	struct sn_route4 *r;
	struct sn_route6 *r6;
};

/* whether the next route, as route_shown sees it, goes: then f->n counts
 * it */
static bool
flush_take(struct flush_pick *f, const uint8_t *dst, uint8_t plen,
	   const uint8_t *gw, int oif, uint8_t proto, uint8_t scope,
	   uint8_t type)
{
	if (f->n == f->max ||
	    !route_shown(f->rf, dst, plen, gw, oif, proto, scope, type))
		return false;
	f->n++;
	return true;
}

static int
flush_collect(const struct sn_route4 *r, void *arg)
{
	struct flush_pick *f = arg;
	uint8_t dst[16], gw[16];

	route4_keys(r, dst, gw);
	if (flush_take(f, dst, r->plen, gw, r->oif, r->proto, r->scope,
		       r->type))
		f->r[f->n - 1] = *r;
	return 0;
}

static int
flush_collect6(const struct sn_route6 *r, void *arg)
{
	struct flush_pick *f = arg;

	if (flush_take(f, r->dst, r->plen, r->gw, r->oif, r->proto,
		       SN_RT_SCOPE_UNIVERSE, r->type))
		f->r6[f->n - 1] = *r;
	return 0;
}

/* ip [-6] route flush SELECTORS | cache: every route of the table (main
 * unless said; all: every table) that the selectors take, as ip route
 * show's */
static int
route_flush(struct sn_netns *ns, int argc, char **argv, bool v6)
{
	struct route_filter rf;
	struct flush_pick f = { .rf = &rf };
	uint32_t ids[64];
	unsigned int i, k, nt;
	int ret = 0;

	/* iproute2 writes 1 to /proc/sys/net/ipv4/route/flush: Linux has no
	 * IPv4 route cache since 3.6, softnet none at all */
	if (argc == 2 && strcmp(argv[1], "cache") == 0)
		return 0;
	if (argc == 1)
		return fail("\"ip route flush\" requires arguments.");
	if (route_filter_parse(ns, argc, argv, v6, &rf) != 0)
		return -1;
	if (rf.all) {
		nt = v6 ? sn_route6_tables(ns, ids, RTE_DIM(ids)) :
			  sn_route4_tables(ns, ids, RTE_DIM(ids));
		nt = RTE_MIN(nt, (unsigned int)RTE_DIM(ids));
	} else {
		ids[0] = rf.table;
		nt = 1;
		if (!(v6 ? sn_route6_table_exists(ns, rf.table) :
			   sn_route4_table_exists(ns, rf.table)))
			return fail("Error: %s: FIB table does not exist.\n"
				    "Flush terminated", v6 ? "ipv6" : "ipv4");
	}
	for (k = 0; k < nt && ret == 0; k++) {
		f.n = 0;
		f.max = v6 ? sn_route6_count(ns, ids[k]) :
			     sn_route4_count(ns, ids[k]);
		if (v6)
			f.r6 = calloc(f.max + 1, sizeof(*f.r6));
		else
			f.r = calloc(f.max + 1, sizeof(*f.r));
		if (f.r == NULL && f.r6 == NULL)
			return fail("ip route flush: %s", strerror(ENOMEM));
		if (v6)
			sn_route6_foreach(ns, ids[k], flush_collect6, &f);
		else
			sn_route4_foreach(ns, ids[k], flush_collect, &f);
		for (i = 0; i < f.n && ret == 0; i++) {
			if (v6) {
				f.r6[i].table = ids[k];
				ret = sn_route6_del(ns, &f.r6[i]);
			} else {
				f.r[i].table = ids[k];
				ret = sn_route4_del(ns, &f.r[i]);
			}
			if (ret == -ESRCH)	/* an address's, gone with
						 * another */
				ret = 0;
		}
		free(f.r);
		free(f.r6);
		f.r = NULL;
		f.r6 = NULL;
	}
	return route_answer(ret);
}

/* `ip route del ... scope global`: the first route of the prefix that
 * matches what was given, with scope 0 */
struct global_pick {
	struct sn_route4 want, got;
	bool found;
};

static int
global_pick(const struct sn_route4 *r, void *arg)
{
	struct global_pick *g = arg;
	const struct sn_route4 *w = &g->want;

	if (g->found || r->dst != w->dst || r->plen != w->plen ||
	    r->scope != SN_RT_SCOPE_UNIVERSE ||
	    (w->type != 0 && r->type != w->type) ||
	    (w->oif != 0 && r->oif != w->oif) ||
	    (w->gw != 0 && r->gw != w->gw) ||
	    (w->proto != 0 && r->proto != w->proto) ||
	    (w->prefsrc != 0 && r->prefsrc != w->prefsrc) ||
	    (w->metric != 0 && r->metric != w->metric))
		return 0;
	g->got = *r;
	g->found = true;
	return 0;
}

/* ip route change is NLM_F_REPLACE without NLM_F_CREATE: a route of the
 * same table, prefix and metric must be there to replace
 * (fib_table_insert, fib6_add_rt2node). */
struct route_there {
	uint8_t dst[16];
	uint8_t plen;
	uint32_t metric;
	bool prefix, same;
};

static void
route_there_see(struct route_there *t, const void *dst, size_t len,
		uint8_t plen, uint32_t metric)
{
	if (memcmp(dst, t->dst, len) == 0 && plen == t->plen) {
		t->prefix = true;
		t->same |= metric == t->metric;
	}
}

static int
route_there4(const struct sn_route4 *r, void *arg)
{
	route_there_see(arg, &r->dst, 4, r->plen, r->metric);
	return 0;
}

static int
route_there6(const struct sn_route6 *r, void *arg)
{
	route_there_see(arg, r->dst, 16, r->plen, r->metric);
	return 0;
}

/* What change says when it has nothing to replace, or 0. */
static int
route_change_check4(struct sn_netns *ns, const struct sn_route4 *r)
{
	struct route_there t = { .plen = r->plen, .metric = r->metric };
	uint32_t table = r->table;

	if (table == 0)		/* iproute2's default table for the type */
		table = r->type == SN_RTN_LOCAL ||
			r->type == SN_RTN_BROADCAST ?
			SN_RT_TABLE_LOCAL : SN_RT_TABLE_MAIN;
	memcpy(t.dst, &r->dst, 4);
	if (sn_route4_table_exists(ns, table))
		sn_route4_foreach(ns, table, route_there4, &t);
	if (!t.same)
		return fail("RTNETLINK answers: No such file or directory");
	return 0;
}

static int
route_change_check6(struct sn_netns *ns, const struct sn_route6 *r)
{
	struct route_there t = { .plen = r->plen, .metric = r->metric };
	uint32_t table = r->table;

	if (table == 0)
		table = r->type == SN_RTN_LOCAL ? SN_RT_TABLE_LOCAL :
			SN_RT_TABLE_MAIN;
	if (t.metric == 0)	/* ip6_route_info_create's default */
		t.metric = SN_RT6_PRIO_USER;
	memcpy(t.dst, r->dst, 16);
	if (sn_route6_table_exists(ns, table))
		sn_route6_foreach(ns, table, route_there6, &t);
	/* fib6_add_1: no node for the prefix (the root, ::/0, is always
	 * one; so are a tree's inner nodes, which softnet has not) */
	if (!t.prefix && r->plen != 0)
		return fail("Error: Can not replace route - no match found.");
	if (!t.same)
		return fail("RTNETLINK answers: No such file or directory");
	return 0;
}

/* append and prepend add another route of a prefix and metric: an IPv4
 * fib alias, after or before that metric's; for IPv6 a multipath
 * nexthop, which softnet has not (a prefix holds one route per metric) */
static int
route_verb_check(const char *verb, bool v6)
{
	if (v6 && (strcmp(verb, "append") == 0 ||
		   strcmp(verb, "prepend") == 0))
		return fail("ip -6 route %s: not supported here (an IPv6 "
			    "prefix holds one route per metric: use replace, "
			    "or another metric)", verb);
	if (strcmp(verb, "test") == 0)
		return fail("ip route test: not supported here");
	if (strcmp(verb, "add") != 0 && strcmp(verb, "del") != 0 &&
	    strcmp(verb, "delete") != 0 && strcmp(verb, "replace") != 0 &&
	    strcmp(verb, "change") != 0 && (v6 ||
	    (strcmp(verb, "append") != 0 && strcmp(verb, "prepend") != 0)))
		return fail("Command \"%s\" is unknown, try \"ip route "
			    "help\".", verb);
	return 0;
}

/* proto_value for ip route add and del, with iproute_modify's words */
static int
proto_parse(const char *s, uint8_t *proto)
{
	if (proto_value(s, proto) != 0)
		return fail("Error: argument \"%s\" is wrong: \"protocol\" "
			    "value is invalid", s);
	return 0;
}

/*
 * ip route get's words, as iproute_get takes them: from, iif and oif in
 * any order, and [to] ADDR once. The device words are looked up (iif and
 * oif left as they are when not given); 0, or -1 said.
 */
static int
route_get_words(struct sn_netns *ns, int argc, char **argv,
		const char **dst, const char **from, int *iif, int *oif)
{
	struct sn_netdev dev;
	int i;

	*dst = NULL;
	*from = NULL;
	for (i = 1; i < argc; i++) {
		const char *k = argv[i];

		if (strcmp(k, "from") == 0 || strcmp(k, "iif") == 0 ||
		    strcmp(k, "oif") == 0 || strcmp(k, "to") == 0) {
			if (i + 1 >= argc)
				return incomplete();
			i++;
		}
		if (strcmp(k, "from") == 0) {
			*from = argv[i];
		} else if (strcmp(k, "iif") == 0 || strcmp(k, "oif") == 0) {
			if (dev_get(ns, argv[i], &dev) != 0)
				return -1;
			*(k[0] == 'i' ? iif : oif) = dev.ifindex;
		} else if (*dst != NULL) {
			return fail("Error: either \"to\" is duplicate, or "
				    "\"%s\" is a garbage.", argv[i]);
		} else {
			*dst = argv[i];
		}
	}
	if (*dst == NULL)
		return fail("need at least a destination address");
	return 0;
}

/*
 * An IPv4 route get as iproute2 prints it (print_route with the cache
 * entry's RTA_CACHEINFO): the line, each word followed by a space, then
 * "    cache" with the entry's flags (<local>, <local,brd>, <mc>; not
 * the rt_offload_failed iproute2 6.1 reads into RTCF_MULTICAST); an output
 * lookup says the asker's uid on the first line, an input lookup its
 * iif on the second.
 */
static void
route_get4_print(const char *line, bool input)
{
	const char *flags = strncmp(line, "local ", 6) == 0 ? "<local> " :
			    strncmp(line, "broadcast ", 10) == 0 ?
			    "<local,brd> " :
			    strncmp(line, "multicast ", 10) == 0 ? "<mc> " : "";
	const char *iif = input ? strstr(line, " iif ") : NULL;

	if (iif != NULL)
		printf("%.*s \n    cache %siif %s \n", (int)(iif - line), line,
		       flags, iif + 5);
	else
		printf("%s uid %u \n    cache %s\n", line,
		       (unsigned int)getuid(), flags);
}

/* The words of `ip route add|del` that take a value. */
static bool
is_route_option(const char *k)
{
	static const char *const opts[] = { "via", "dev", "oif", "src",
		"metric", "priority", "preference", "table", "proto",
		"scope" };
	unsigned int i;

	for (i = 0; i < RTE_DIM(opts); i++)
		if (strcmp(k, opts[i]) == 0)
			return true;
	return false;
}

static int
ip_route(struct sn_netns *ns, int argc, char **argv)
{
	struct sn_route4 r;
	struct sn_netdev dev;
	uint32_t v, src = 0;
	char buf[256];
	int i = 1, ret, iif = 0, oif = 0;
	unsigned int n;
	bool del, scope = false, proto = false, have_dst = false;
	bool type_given = false;

	if (strcmp(argv[0], "flush") == 0)
		return route_flush(ns, argc, argv, false);
	if (strcmp(argv[0], "get") == 0) {
		char a[INET_ADDRSTRLEN + 4], *slash;
		const char *dst, *from;

		if (route_get_words(ns, argc, argv, &dst, &from, &iif,
				    &oif) != 0)
			return -1;
		if (from != NULL && parse_ip4(from, &src) != 0)
			return fail("Error: inet address is expected rather "
				    "than \"%s\".", from);
		snprintf(a, sizeof(a), "%s", dst);
		slash = strchr(a, '/');
		if (slash != NULL)
			*slash++ = '\0';
		if (parse_ip4(a, &v) != 0 || (slash != NULL &&
					      parse_u32(slash, 32, &v) != 0))
			return fail("Error: %s prefix is expected rather than "
				    "\"%s\".", family_word(), dst);
		if (slash != NULL && strcmp(slash, "32") != 0 &&
		    fflush(stdout) == 0)	/* iproute2 goes on */
			fprintf(stderr, "Warning: /%s as prefix is invalid, "
				"only /32 (or none) is supported.\n", slash);
		parse_ip4(a, &v);
		ret = sn_ip_route_get4(ns, v, src, iif, oif, buf,
				       sizeof(buf));
		if (ret != 0)
			return fail("RTNETLINK answers: %s", buf);
		route_get4_print(buf, iif != 0);
		return 0;
	}
	if (strcmp(argv[0], "help") == 0)
		return fail("usage: ip route add|del|replace|change|append|"
			    "prepend [to] [TYPE] "
			    "PREFIX [via GW] [dev DEV] [onlink] [src ADDR] "
			    "[metric N] [table T] [proto P] [scope S] | ip "
			    "route show [SELECTORS] | ip route get [to] ADDR "
			    "[from ADDR] [iif DEV] [oif DEV] | ip route flush "
			    "SELECTORS | cache");
	if (route_verb_check(argv[0], false) != 0)
		return -1;
	del = argv[0][0] == 'd';
	memset(&r, 0, sizeof(r));
	r.type = SN_RTN_UNICAST;
	r.proto = SN_RTPROT_BOOT;
	/* iproute_modify: options in any order; the rest is [to] [TYPE]
	 * PREFIX, once */
	for (; i < argc; i++) {
		const char *k = argv[i];

		if (strcmp(k, "onlink") == 0) {		/* a word alone */
			r.flags |= SN_RTNH_F_ONLINK;
			continue;
		}
		if (is_route_option(k) && i + 1 >= argc)
			return incomplete();
		if (strcmp(k, "via") == 0) {
			if (r.gw != 0)
				return fail("Error: argument \"via\" is wrong: "
					    "use nexthop syntax to specify "
					    "multiple via");
			if (parse_ip4(argv[++i], &r.gw) != 0)
				return fail("Error: inet address is expected "
					    "rather than \"%s\".", argv[i]);
		} else if (strcmp(k, "dev") == 0 || strcmp(k, "oif") == 0) {
			if (dev_get(ns, argv[++i], &dev) != 0)
				return -1;
			r.oif = dev.ifindex;
		} else if (strcmp(k, "src") == 0) {
			if (parse_ip4(argv[++i], &r.prefsrc) != 0)
				return fail("Error: inet address is expected "
					    "rather than \"%s\".", argv[i]);
		} else if (strcmp(k, "metric") == 0 ||
			   strcmp(k, "priority") == 0 ||
			   strcmp(k, "preference") == 0) {
			if (parse_u32(argv[++i], UINT32_MAX, &r.metric) != 0)
				return fail("Error: argument \"%s\" is wrong: "
					    "\"metric\" value is invalid",
					    argv[i]);
		} else if (strcmp(k, "table") == 0) {
			if (table_id(argv[++i], &r.table) != 0)
				return -1;
		} else if (strcmp(k, "proto") == 0) {
			if (proto_parse(argv[++i], &r.proto) != 0)
				return -1;
			proto = true;
		} else if (strcmp(k, "scope") == 0) {
			scope = true;
			k = argv[++i];
			if (strcmp(k, "link") == 0)
				r.scope = SN_RT_SCOPE_LINK;
			else if (strcmp(k, "host") == 0)
				r.scope = SN_RT_SCOPE_HOST;
			else if (strcmp(k, "global") == 0)
				r.scope = SN_RT_SCOPE_UNIVERSE;
			else
				return fail("Error: invalid \"scope\" value");
		} else {
			if (strcmp(k, "to") == 0) {
				if (++i >= argc)
					return incomplete();
				k = argv[i];
			}
			for (n = 0; n < RTE_DIM(rtn_names); n++)
				if (strcmp(k, rtn_names[n].name) == 0)
					break;
			if (n < RTE_DIM(rtn_names)) {
				r.type = rtn_names[n].type;
				type_given = true;
				if (++i >= argc)
					return incomplete();
				k = argv[i];
			}
			if (have_dst)
				return fail("Error: either \"to\" is "
					    "duplicate, or \"%s\" is a "
					    "garbage.", k);
			if (parse_prefix(k, &r.dst, &r.plen) != 0)
				return fail("Error: %s prefix is expected "
					    "rather than \"%s\".",
					    family_word(), k);
			have_dst = true;
		}
	}
	if (!have_dst)
		return fail("Error: %s prefix is expected rather than \"\".",
			    family_word());
	/* iproute2's default scope: host for local, link for broadcast
	 * and multicast and for a unicast route with no gateway */
	if (!del && !scope) {
		if (r.type == SN_RTN_LOCAL)
			r.scope = SN_RT_SCOPE_HOST;
		else if (r.type == SN_RTN_BROADCAST ||
			 r.type == SN_RTN_MULTICAST ||
			 (r.type == SN_RTN_UNICAST && r.gw == 0))
			r.scope = SN_RT_SCOPE_LINK;
	}
	if (del) {
		if (r.table == 0)
			r.table = r.type == SN_RTN_LOCAL ||
				  r.type == SN_RTN_BROADCAST ?
				  SN_RT_TABLE_LOCAL : SN_RT_TABLE_MAIN;
		if (!type_given)
			r.type = 0;	/* any type */
		if (!proto)
			r.proto = 0;	/* any, unless given */
		if (scope && r.scope == SN_RT_SCOPE_UNIVERSE) {
			/* the library takes scope 0 as any: find the route
			 * of scope global itself (fib_table_delete) */
			struct global_pick g = { .want = r };

			sn_route4_foreach(ns, r.table, global_pick, &g);
			if (!g.found)
				return route_answer(-ESRCH);
			r = g.got;
		}
		if (!sn_route4_table_exists(ns, r.table))
			return fail("Error: FIB table does not exist.");
		ret = sn_route4_del(ns, &r);
	} else {
		if (argv[0][0] == 'c' && route_change_check4(ns, &r) != 0)
			return -1;
		ret = sn_route4_add(ns, &r, argv[0][0] == 'r' ||
				    argv[0][0] == 'c' ? SN_RT_F_REPLACE :
				    strcmp(argv[0], "append") == 0 ?
				    SN_RT_F_APPEND : argv[0][0] == 'p' ?
				    SN_RT_F_PREPEND : 0);
	}
	return route_add_answer(ret, &r);
}

static int
show_route6(const struct sn_route6 *r, void *arg)
{
	const struct route_filter *f = arg;
	struct sn_route6 shown = *r;
	char buf[256];

	/* fib6 has no scope: rt6_fill_node says universe for every route */
	if (!route_shown(f, r->dst, r->plen, r->gw, r->oif, r->proto,
			 SN_RT_SCOPE_UNIVERSE, r->type))
		return 0;
	route_said(f, &shown.table, &shown.oif, &shown.proto, NULL);
	if (f->by_via && f->vlen == f->hlen)
		memset(shown.gw, 0, sizeof(shown.gw));
	sn_route6_format(f->ns, &shown, buf, sizeof(buf));
	printf("%s\n", buf);
	return 0;
}

static int
parse_prefix6(const char *s6, uint8_t *a, uint8_t *plen)
{
	char buf[64], *slash;
	uint32_t l = 128;

	if (strcmp(s6, "default") == 0) {
		memset(a, 0, 16);
		*plen = 0;
		return 0;
	}
	snprintf(buf, sizeof(buf), "%s", s6);
	slash = strchr(buf, '/');
	if (slash != NULL) {
		*slash = '\0';
		if (parse_u32(slash + 1, 128, &l) != 0)
			return -1;
	}
	if (inet_pton(AF_INET6, buf, a) != 1)
		return -1;
	*plen = (uint8_t)l;
	return 0;
}

/* ip -6 route: tables local, main and user tables. */
/* ip [-6] route [show] [selectors] */
static int
route_show(struct sn_netns *ns, int argc, char **argv, bool v6)
{
	struct route_filter f;
	uint32_t ids[64];
	unsigned int n, k;

	if (route_filter_parse(ns, argc, argv, v6, &f) != 0)
		return -1;
	if (!f.all && !(v6 ? sn_route6_table_exists(ns, f.table) :
			      sn_route4_table_exists(ns, f.table)))
		/* inet_dump_fib / inet6_dump_fib with a table filter */
		return fail("Error: %s: FIB table does not exist.\nDump "
			    "terminated", v6 ? "ipv6" : "ipv4");
	if (!f.all) {
		if (v6)
			sn_route6_foreach(ns, f.table, show_route6, &f);
		else
			sn_route4_foreach(ns, f.table, show_route, &f);
		return 0;
	}
	n = v6 ? sn_route6_tables(ns, ids, RTE_DIM(ids)) :
		 sn_route4_tables(ns, ids, RTE_DIM(ids));
	for (k = 0; k < n; k++) {
		if (v6)
			sn_route6_foreach(ns, ids[k], show_route6, &f);
		else
			sn_route4_foreach(ns, ids[k], show_route, &f);
	}
	return 0;
}

static int
ip_route6(struct sn_netns *ns, int argc, char **argv)
{
	struct sn_route6 r;
	struct sn_netdev dev;
	uint8_t a[16];
	char buf[256];
	unsigned int k;
	int i = 1, ret;
	bool proto = false;

	if (strcmp(argv[0], "get") == 0) {
		uint8_t from[16] = { 0 };
		int iif = SN_LOOPBACK_IFINDEX, oif = 0;
		const char *dst, *fromw;

		if (route_get_words(ns, argc, argv, &dst, &fromw, &iif,
				    &oif) != 0)
			return -1;
		if (fromw != NULL && inet_pton(AF_INET6, fromw, from) != 1)
			return fail("Error: inet6 address is expected rather "
				    "than \"%s\".", fromw);
		if (inet_pton(AF_INET6, dst, a) != 1)
			return fail("Error: inet6 prefix is expected rather "
				    "than \"%s\".", dst);
		if (sn_route6_get_from(ns, a, from, iif, oif, buf,
				       sizeof(buf)) != 0)
			return fail("RTNETLINK answers: %s", buf);
		printf("%s\n", buf);
		return 0;
	}
	if (strcmp(argv[0], "help") == 0)
		return fail("usage: ip -6 route add|del|replace|change [TYPE] "
			    "PREFIX [via GW] dev DEV [metric N] [table T] "
			    "[proto P] | ip -6 route show [SELECTORS] | ip -6 "
			    "route get [to] ADDR [from ADDR] [iif DEV] [oif "
			    "DEV] | ip -6 route flush SELECTORS | cache");
	if (strcmp(argv[0], "flush") == 0)
		return route_flush(ns, argc, argv, true);
	if (route_verb_check(argv[0], true) != 0)
		return -1;
	memset(&r, 0, sizeof(r));
	r.type = SN_RTN_UNICAST;
	r.proto = SN_RTPROT_BOOT;
	for (k = 0; i < argc && k < RTE_DIM(rtn_names); k++)
		if (strcmp(argv[i], rtn_names[k].name) == 0) {
			r.type = rtn_names[k].type;
			i++;
			break;
		}
	if (i + 1 < argc && strcmp(argv[i], "to") == 0)
		i++;
	if (i >= argc || parse_prefix6(argv[i], r.dst, &r.plen) != 0)
		return fail("Error: inet6 prefix is expected rather than "
			    "\"%s\".", i < argc ? argv[i] : "");
	/* the kernel keeps the prefix (rtm_dst_len), not the host bits */
	for (k = 0; k < 16; k++)
		r.dst[k] &= k * 8 >= r.plen ? 0 : k * 8 + 8 <= r.plen ? 0xff :
			    (uint8_t)(0xff << (8 - (r.plen - k * 8)));
	for (i++; i < argc; i += 2) {
		if (i + 1 >= argc)
			return incomplete();
		if (strcmp(argv[i], "src") == 0) {
			if (inet_pton(AF_INET6, argv[i + 1], r.prefsrc) != 1)
				return fail("Error: inet6 address is expected "
					    "rather than \"%s\".", argv[i + 1]);
			/* ip6_route_info_create: one of ours */
			if (!sn_netns_addr_is_local(ns, AF_INET6, r.prefsrc))
				return fail("Error: Invalid source address.");
		} else if (strcmp(argv[i], "via") == 0) {
			if (inet_pton(AF_INET6, argv[i + 1], r.gw) != 1)
				return fail("Error: inet6 address is expected "
					    "rather than \"%s\".", argv[i + 1]);
		} else if (strcmp(argv[i], "dev") == 0) {
			if (dev_get(ns, argv[i + 1], &dev) != 0)
				return -1;
			r.oif = dev.ifindex;
		} else if (strcmp(argv[i], "metric") == 0) {
			if (parse_u32(argv[i + 1], UINT32_MAX, &r.metric) != 0)
				return fail("Error: \"metric\" value is "
					    "invalid");
		} else if (strcmp(argv[i], "table") == 0) {
			if (table_id(argv[i + 1], &r.table) != 0)
				return -1;
		} else if (strcmp(argv[i], "proto") == 0) {
			if (proto_parse(argv[i + 1], &r.proto) != 0)
				return -1;
			proto = true;
		} else {
			return fail("Error: either \"to\" is duplicate, or "
				    "\"%s\" is a garbage.", argv[i]);
		}
	}
	if (argv[0][0] == 'd') {
		if (!proto)
			r.proto = 0;	/* any, unless given */
		r.type = 0;	/* ip6_route_del: the type is not compared */
		if (r.table != 0 && !sn_route6_table_exists(ns, r.table))
			return fail("Error: FIB table does not exist.");
		ret = sn_route6_del(ns, &r);
	} else {
		if (argv[0][0] == 'c' && route_change_check6(ns, &r) != 0)
			return -1;
		ret = sn_route6_add(ns, &r, argv[0][0] == 'r' ||
				    argv[0][0] == 'c' ? SN_RT_F_REPLACE : 0);
		/* ip6_validate_gw's words */
		if (ret == -EINVAL && r.type == SN_RTN_UNICAST &&
		    memcmp(r.gw, (uint8_t[16]){ 0 }, 16) != 0)
			return fail(r.oif == SN_LOOPBACK_IFINDEX &&
				    !sn_netns_addr_is_local(ns, AF_INET6, r.gw) ?
				    "Error: Egress device can not be loopback "
				    "device for this route." :
				    "Error: Gateway can not be a local "
				    "address.");
		if (ret == -ENETDOWN)	/* fib6_nh_init */
			return fail("Error: Nexthop device is not up.");
	}
	if (ret == -ENOMEM)	/* a new table is an rte_fib6 trie */
		return fail("RTNETLINK answers: Cannot allocate memory (an "
			    "IPv6 table's lookup takes 64 MiB and more: give "
			    "EAL more, -m or hugepages)");
	return route_answer(ret);
}

/* `ip rule show [table T] [pref N]`: iproute2's filters */
struct rule_filter {
	struct sn_netns *ns;
	bool by_table, by_pref;
	uint32_t table, pref;
};

static int
rule_filter_parse(struct sn_netns *ns, int argc, char **argv,
		  struct rule_filter *f)
{
	int i;

	memset(f, 0, sizeof(*f));
	f->ns = ns;
	for (i = 1; i < argc; i += 2) {
		if (i + 1 >= argc)
			return incomplete();
		if (matches(argv[i], "table") || matches(argv[i], "lookup")) {
			/* 0 (unspec) is no filter, as in iproute2 */
			if (strcmp(argv[i + 1], "0") == 0 ||
			    strcmp(argv[i + 1], "unspec") == 0) {
				f->by_table = false;
				continue;
			}
			if (table_id_parse(argv[i + 1], &f->table) != 0)
				return fail("Error: argument \"%s\" is wrong: "
					    "table id value is invalid",
					    argv[i + 1]);
			f->by_table = true;
		} else if (matches(argv[i], "preference") ||
			   matches(argv[i], "priority") ||
			   matches(argv[i], "order")) {
			if (parse_u32(argv[i + 1], UINT32_MAX, &f->pref) != 0)
				return fail("Error: argument \"%s\" is wrong: "
					    "Invalid preference", argv[i + 1]);
			f->by_pref = true;
		} else {
			return fail("Error: ip rule show and flush filter by "
				    "table and pref only here, not \"%s\"",
				    argv[i]);
		}
	}
	return 0;
}

static bool
rule_shown(const struct rule_filter *f, uint8_t action, uint32_t table,
	   uint64_t pref)
{
	if (f->by_table && (action != SN_FR_ACT_TO_TBL || table != f->table))
		return false;
	return !f->by_pref || pref == f->pref;
}

static int
show_rule(const struct sn_rule4 *r, void *arg)
{
	const struct rule_filter *f = arg;
	char buf[256];

	if (!rule_shown(f, r->action, r->table, r->pref))
		return 0;
	sn_rule4_format(f->ns, r, buf, sizeof(buf));
	printf("%s\n", buf);
	return 0;
}

/* An `ip rule add|del` line, either family: the selectors' prefixes
 * stay text for the family's parser. */
struct rule_args {
	uint64_t pref;
	int iif, oif;
	uint8_t action;
	uint32_t table;
	bool have_action, invert;
	const char *from, *to;
};

static int
rule_args_parse(struct sn_netns *ns, int argc, char **argv,
		struct rule_args *ra)
{
	struct sn_netdev dev;
	int i;

	memset(ra, 0, sizeof(*ra));
	ra->pref = SN_RULE_PREF_AUTO;	/* add: before main; del: any */
	for (i = 1; i < argc; i++) {
		const char *k = argv[i];

		if (strcmp(k, "type") == 0 && i + 1 < argc) {
			k = argv[++i];	/* type blackhole: the type itself */
			if (strcmp(k, "blackhole") != 0 &&
			    strcmp(k, "unreachable") != 0 &&
			    strcmp(k, "prohibit") != 0)
				return fail("Error: argument \"%s\" is wrong: "
					    "Failed to parse rule type", k);
		}
		if (strcmp(k, "blackhole") == 0 || strcmp(k, "unreachable") == 0
		    || strcmp(k, "prohibit") == 0) {
			ra->action = k[0] == 'b' ? SN_FR_ACT_BLACKHOLE :
				     k[0] == 'u' ? SN_FR_ACT_UNREACHABLE :
				     SN_FR_ACT_PROHIBIT;
			ra->have_action = true;
			continue;
		}
		if (strcmp(k, "not") == 0) {
			ra->invert = true;
			continue;
		}
		if (i + 1 >= argc)
			return incomplete();
		/* iproute2's order and matching: "p" is preference */
		if (strcmp(k, "from") == 0) {
			ra->from = argv[++i];
		} else if (strcmp(k, "to") == 0) {
			ra->to = argv[++i];
		} else if (matches(k, "preference") || matches(k, "order") ||
			   matches(k, "priority")) {
			uint32_t pref;

			if (parse_u32(argv[++i], UINT32_MAX, &pref) != 0)
				return fail("Error: argument \"%s\" is wrong: "
					    "Invalid \"pref\"", argv[i]);
			ra->pref = pref;
		} else if (matches(k, "table") || strcmp(k, "lookup") == 0) {
			if (table_id(argv[++i], &ra->table) != 0)
				return -1;
			ra->action = SN_FR_ACT_TO_TBL;
			ra->have_action = true;
		} else if (strcmp(k, "iif") == 0 || strcmp(k, "dev") == 0 ||
			   strcmp(k, "oif") == 0) {
			if (dev_get(ns, argv[++i], &dev) != 0)
				return -1;
			if (k[0] == 'o')
				ra->oif = dev.ifindex;
			else
				ra->iif = dev.ifindex;
		} else {
			return fail("Error: argument \"%s\" is wrong: Failed "
				    "to parse rule type", k);
		}
	}
	if (strcmp(argv[0], "del") == 0 && argc == 1)
		return fail("\"ip rule del\" requires arguments.");
	if (strcmp(argv[0], "add") == 0 && !ra->have_action) {
		/* iproute2: a rule with no action looks up main */
		ra->action = SN_FR_ACT_TO_TBL;
		ra->table = SN_RT_TABLE_MAIN;
	}
	return 0;
}

static int
rule_answer(int ret)
{
	if (ret == -EEXIST)
		return fail("RTNETLINK answers: File exists");
	if (ret == -ENOENT)
		return fail("RTNETLINK answers: No such file or directory");
	if (ret == -ENOMEM)	/* rules split local out of main: a table */
		return fail("RTNETLINK answers: Cannot allocate memory (with "
			    "rules, table local gets its own 64 MiB lookup: "
			    "give EAL more, -m or hugepages)");
	if (ret != 0)
		return fail("RTNETLINK answers: %s", strerror(-ret));
	return 0;
}

static int
ip_rule(struct sn_netns *ns, int argc, char **argv)
{
	struct rule_args ra;
	struct sn_rule4 r;

	if (argc == 0 ||
	    (strcmp(argv[0], "add") != 0 && strcmp(argv[0], "del") != 0))
		return fail("usage: ip rule [show|flush [table T] [pref N]] | "
			    "ip rule add|del [not] [pref N] [from P] [to P] "
			    "[iif DEV] [oif DEV] lookup "
			    "T|blackhole|unreachable|prohibit");
	if (argc == 1)	/* iprule_modify */
		return fail("\"ip rule %s\" requires arguments.",
			    argv[0][0] == 'a' ? "add" : "del");
	if (rule_args_parse(ns, argc, argv, &ra) != 0)
		return -1;
	memset(&r, 0, sizeof(r));
	if (ra.from != NULL && parse_prefix(ra.from, &r.src, &r.src_len) != 0)
		return fail("Error: %s prefix is expected rather than "
			    "\"%s\".", family_word(), ra.from);
	if (ra.to != NULL && parse_prefix(ra.to, &r.dst, &r.dst_len) != 0)
		return fail("Error: %s prefix is expected rather than "
			    "\"%s\".", family_word(), ra.to);
	r.pref = ra.pref;
	r.invert = ra.invert;
	r.iif = ra.iif;
	r.oif = ra.oif;
	r.action = ra.action;
	r.table = ra.table;
	return rule_answer(argv[0][0] == 'a' ? sn_rule4_add(ns, &r) :
			   sn_rule4_del(ns, &r));
}

static int
show_rule6(const struct sn_rule6 *r, void *arg)
{
	const struct rule_filter *f = arg;
	char buf[256];

	if (!rule_shown(f, r->action, r->table, r->pref))
		return 0;
	sn_rule6_format(f->ns, r, buf, sizeof(buf));
	printf("%s\n", buf);
	return 0;
}

/* ip [-6] rule [show [table T] [pref N]] */
static int
rule_show(struct sn_netns *ns, int argc, char **argv, bool v6)
{
	struct rule_filter f;

	if (rule_filter_parse(ns, argc, argv, &f) != 0)
		return -1;
	if (v6)
		sn_rule6_foreach(ns, show_rule6, &f);
	else
		sn_rule4_foreach(ns, show_rule, &f);
	return 0;
}

/* ip rule flush: the first rule the filter shows, but those of
 * preference 0 (a rule at 0 has no FRA_PRIORITY in the dump, and
 * iproute2's flush_rule deletes only rules that have one) */
struct rule_flush {
	struct rule_filter f;
	bool found;
	struct sn_rule4 r4;
	struct sn_rule6 r6;
};

/* whether a rule of this action, table and preference goes: then found */
static bool
flush_picks(struct rule_flush *fl, uint8_t action, uint32_t table,
	    uint64_t pref)
{
	fl->found = pref != 0 && rule_shown(&fl->f, action, table, pref);
	return fl->found;
}

static int
flush_pick4(const struct sn_rule4 *r, void *arg)
{
	struct rule_flush *fl = arg;

	if (!flush_picks(fl, r->action, r->table, r->pref))
		return 0;
	fl->r4 = *r;
	return 1;
}

static int
flush_pick6(const struct sn_rule6 *r, void *arg)
{
	struct rule_flush *fl = arg;

	if (!flush_picks(fl, r->action, r->table, r->pref))
		return 0;
	fl->r6 = *r;
	return 1;
}

/* ip [-6] rule flush [table T] [pref N]: one at a time, each rule as it
 * stands */
static int
rule_flush(struct sn_netns *ns, int argc, char **argv, bool v6)
{
	struct rule_flush fl;
	int ret;

	memset(&fl, 0, sizeof(fl));
	if (rule_filter_parse(ns, argc, argv, &fl.f) != 0)
		return -1;
	for (;;) {
		fl.found = false;
		if (v6)
			sn_rule6_foreach(ns, flush_pick6, &fl);
		else
			sn_rule4_foreach(ns, flush_pick4, &fl);
		if (!fl.found)
			return 0;
		ret = v6 ? sn_rule6_del(ns, &fl.r6) : sn_rule4_del(ns, &fl.r4);
		if (ret != 0)
			return rule_answer(ret);
	}
}

/* ip -6 rule: the same grammar with IPv6 prefixes. */
static int
ip_rule6(struct sn_netns *ns, int argc, char **argv)
{
	struct rule_args ra;
	struct sn_rule6 r;

	if (argc == 0 ||
	    (strcmp(argv[0], "add") != 0 && strcmp(argv[0], "del") != 0))
		return fail("usage: ip -6 rule [show|flush [table T] "
			    "[pref N]] | "
			    "ip -6 rule add|del "
			    "[not] [pref N] [from P] [to P] [iif DEV] [oif DEV] "
			    "lookup T|blackhole|unreachable|prohibit");
	if (argc == 1)	/* iprule_modify */
		return fail("\"ip rule %s\" requires arguments.",
			    argv[0][0] == 'a' ? "add" : "del");
	if (rule_args_parse(ns, argc, argv, &ra) != 0)
		return -1;
	memset(&r, 0, sizeof(r));
	/* "all" is iproute2's word for no selector */
	if (ra.from != NULL && strcmp(ra.from, "all") != 0 &&
	    parse_prefix6(ra.from, r.src, &r.src_len) != 0)
		return fail("Error: inet6 prefix is expected rather than "
			    "\"%s\".", ra.from);
	if (ra.to != NULL && strcmp(ra.to, "all") != 0 &&
	    parse_prefix6(ra.to, r.dst, &r.dst_len) != 0)
		return fail("Error: inet6 prefix is expected rather than "
			    "\"%s\".", ra.to);
	r.pref = ra.pref;
	r.invert = ra.invert;
	r.iif = ra.iif;
	r.oif = ra.oif;
	r.action = ra.action;
	r.table = ra.table;
	return rule_answer(argv[0][0] == 'a' ? sn_rule6_add(ns, &r) :
			   sn_rule6_del(ns, &r));
}

/* ll_addr_a2n: six hex octets of one or two digits, ':' between. */
static int
parse_lladdr(const char *s, struct rte_ether_addr *mac)
{
	unsigned int i, v, n;

	for (i = 0; i < RTE_ETHER_ADDR_LEN; i++) {
		for (v = 0, n = 0; isxdigit((unsigned char)*s) && n < 2;
		     s++, n++)
			v = v * 16 + (isdigit((unsigned char)*s) ? *s - '0' :
				      (tolower((unsigned char)*s) - 'a' + 10));
		if (n == 0 || *s != (i + 1 < RTE_ETHER_ADDR_LEN ? ':' : '\0'))
			return -1;
		mac->addr_bytes[i] = (uint8_t)v;
		s++;
	}
	return 0;
}

/* Whether a is inside the IPv6 prefix p/plen. */
static bool
prefix6_has(const uint8_t *p, uint8_t plen, const uint8_t *a)
{
	unsigned int full = plen / 8, rest = plen % 8;

	return memcmp(p, a, full) == 0 &&
	       (rest == 0 || ((p[full] ^ a[full]) >> (8 - rest)) == 0);
}

/* nud STATE of ip neigh show|flush: its NUD bits (0: not a state) */
static uint8_t
nud_mask(const char *w)
{
	static const struct { const char *name; uint8_t bits; } nud[] = {
		{ "permanent", SN_NUD_PERMANENT },
		{ "reachable", SN_NUD_REACHABLE }, { "stale", SN_NUD_STALE },
		{ "incomplete", SN_NUD_INCOMPLETE },
		{ "probe", SN_NUD_PROBE }, { "failed", SN_NUD_FAILED },
		{ "all", 0xff },
	};
	unsigned int i;

	for (i = 0; i < RTE_DIM(nud); i++)
		if (strcmp(w, nud[i].name) == 0)
			return nud[i].bits;
	return 0;
}

/*
 * ip neigh show|flush [dev DEV] [nud STATE]... [[to] PREFIX], as
 * iproute2's do_show_or_flush: show lists every state, flush every one
 * but PERMANENT unless nud says (and needs a selector); with dev, lines
 * leave out the device.
 */
static int
neigh_show_or_flush(struct sn_netns *ns, int argc, char **argv)
{
	static struct sn_neigh nb[1024];
	bool flush = argc > 0 && argv[0][0] == 'f', v6 = false, any = false;
	uint8_t states = 0, p6[16] = { 0 }, plen = 0, bits;
	struct sn_netdev dev;
	uint32_t p4 = 0;
	char buf[160], *at;
	unsigned int n, i;
	int only = 0, k;

	if (flush && argc < 2) {
		printf("Flush requires arguments.\n");
		return -1;
	}
	for (k = 1; k < argc; k++) {
		const char *w = argv[k];

		if (strcmp(w, "dev") == 0 || strcmp(w, "nud") == 0 ||
		    strcmp(w, "to") == 0) {
			if (k + 1 >= argc)
				return incomplete();
			k++;
		}
		if (strcmp(w, "dev") == 0) {
			if (dev_get(ns, argv[k], &dev) != 0)
				return -1;
			only = dev.ifindex;
		} else if (strcmp(w, "nud") == 0) {
			bits = nud_mask(argv[k]);
			if (bits == 0)
				return fail("Error: argument \"%s\" is wrong: "
					    "nud state is bad", argv[k]);
			states |= bits;
		} else if (any) {
			return fail("Error: either \"to\" is duplicate, or "
				    "\"%s\" is a garbage.", argv[k]);
		} else if (strcmp(argv[k], "all") == 0 ||
			   strcmp(argv[k], "any") == 0 ||
			   strcmp(argv[k], "default") == 0) {
			continue;	/* get_prefix's any: every entry */
		} else if (strchr(argv[k], ':') != NULL) {
			char tmp[INET6_ADDRSTRLEN + 4], *slash;
			uint32_t l = 128;

			snprintf(tmp, sizeof(tmp), "%s", argv[k]);
			slash = strchr(tmp, '/');
			if (slash != NULL)
				*slash++ = '\0';
			if (inet_pton(AF_INET6, tmp, p6) != 1 ||
			    (slash != NULL && parse_u32(slash, 128, &l) != 0))
				return fail("Error: argument \"%s\" is wrong: "
					    "to value is invalid", argv[k]);
			plen = (uint8_t)l;
			v6 = any = true;
		} else {
			if (parse_prefix(argv[k], &p4, &plen) != 0)
				return fail("Error: argument \"%s\" is wrong: "
					    "to value is invalid", argv[k]);
			any = true;
		}
	}
	if (states == 0)
		states = flush ? (uint8_t)~SN_NUD_PERMANENT : 0xff;
	n = RTE_MIN(sn_neigh_list(ns, nb, RTE_DIM(nb)),
		    (unsigned int)RTE_DIM(nb));
	/* the ARP table's entries, then ND's, as the kernel dumps them */
	for (i = 0; i < 2 * n; i++) {
		const struct sn_neigh *e = &nb[i % n];

		if ((e->family == AF_INET6) != (i >= n))
			continue;
		if ((only != 0 && e->ifindex != only) ||
		    (family6 && e->family != AF_INET6) ||
		    (family4 && e->family != AF_INET) ||
		    !(e->state & states))
			continue;
		if (any && (e->family == AF_INET6) != v6)
			continue;
		if (any && !v6 && plen != 0 &&
		    ((e->ip ^ p4) >> (32 - plen)) != 0)
			continue;
		if (any && v6 && !prefix6_has(p6, plen, e->ip6))
			continue;
		if (flush) {
			if (e->family == AF_INET6)
				sn_neigh6_del(ns, e->ip6, e->ifindex);
			else
				sn_neigh_del(ns, e->ip, e->ifindex);
			continue;
		}
		sn_neigh_format(ns, e, buf, sizeof(buf));
		if (only != 0 && (at = strstr(buf, " dev ")) != NULL) {
			char *end = strchr(at + 5, ' ');

			memmove(at, end != NULL ? end : at + strlen(at),
				strlen(end != NULL ? end : at + strlen(at))
				+ 1);
		}
		printf("%s\n", buf);
	}
	return 0;
}

/* The entry of ns for an address on ifindex (IPv6 if v6), or NULL. */
static const struct sn_neigh *
neigh_entry(struct sn_netns *ns, bool v6, uint32_t a, const uint8_t *a6,
	    int ifindex)
{
	static struct sn_neigh nb[1024];
	unsigned int n, i;

	n = RTE_MIN(sn_neigh_list(ns, nb, RTE_DIM(nb)),
		    (unsigned int)RTE_DIM(nb));
	for (i = 0; i < n; i++)
		if (nb[i].ifindex == ifindex &&
		    (nb[i].family == AF_INET6) == v6 &&
		    (v6 ? memcmp(nb[i].ip6, a6, 16) == 0 : nb[i].ip == a))
			return &nb[i];
	return NULL;
}

/* ip neigh get ADDR dev DEV: the entry's line, as ip neigh shows it
 * (ipneigh_get, which asks the kernel for that one entry) */
static int
neigh_get(struct sn_netns *ns, int argc, char **argv)
{
	const struct sn_neigh *e;
	const char *addr = NULL;
	struct sn_netdev dev;
	bool have_dev = false, v6 = false;
	uint8_t a6[16];
	uint32_t a = 0;
	char buf[160];
	int k;

	for (k = 1; k < argc; k++) {
		if (strcmp(argv[k], "dev") == 0) {
			if (k + 1 >= argc)
				return incomplete();
			if (dev_get(ns, argv[++k], &dev) != 0)
				return -1;
			have_dev = true;
		} else if (addr == NULL) {
			addr = strcmp(argv[k], "to") == 0 && k + 1 < argc ?
			       argv[++k] : argv[k];
		} else {
			return fail("Error: either \"to\" is duplicate, or "
				    "\"%s\" is a garbage.", argv[k]);
		}
	}
	if (addr == NULL || !have_dev)
		return fail("Device and address are required arguments.");
	v6 = inet_pton(AF_INET6, addr, a6) == 1;
	if ((v6 && family4) || (!v6 && family6) ||
	    (!v6 && parse_ip4(addr, &a) != 0))
		return fail("Error: %s address is expected rather than "
			    "\"%s\".", family_word(), addr);
	e = neigh_entry(ns, v6, a, a6, dev.ifindex);
	if (e == NULL)
		return fail("Error: Neighbour entry not found.");
	sn_neigh_format(ns, e, buf, sizeof(buf));
	printf("%s\n", buf);
	return 0;
}

static int
ip_neigh(struct sn_netns *ns, int argc, char **argv)
{
	uint8_t a6[16], state = SN_NUD_PERMANENT;	/* iproute2's default */
	struct rte_ether_addr mac;
	struct sn_netdev dev;
	bool have_mac = false, have_dev = false, v6;
	uint32_t a = 0;
	int k, ret;

	if (argc == 0 || strcmp(argv[0], "show") == 0 ||
	    strcmp(argv[0], "list") == 0 || strcmp(argv[0], "flush") == 0)
		return neigh_show_or_flush(ns, argc, argv);
	if (strcmp(argv[0], "get") == 0)
		return neigh_get(ns, argc, argv);
	if ((strcmp(argv[0], "add") != 0 && strcmp(argv[0], "replace") != 0 &&
	     strcmp(argv[0], "change") != 0 && strcmp(argv[0], "del") != 0) ||
	    argc < 2)
		return fail("usage: ip neigh [show|flush] | ip neigh "
			    "add|replace|change|del ADDR [lladdr MAC] dev DEV "
			    "| ip neigh get ADDR dev DEV");
	v6 = inet_pton(AF_INET6, argv[1], a6) == 1;
	if ((v6 && family4) || (!v6 && parse_ip4(argv[1], &a) != 0) ||
	    (!v6 && family6))
		return fail("Error: %s address is expected rather than "
			    "\"%s\".", family_word(), argv[1]);
	for (k = 2; k + 1 < argc; k += 2) {
		if (strcmp(argv[k], "lladdr") == 0) {
			if (parse_lladdr(argv[k + 1], &mac) != 0)
				return fail("\"%s\" is invalid lladdr.",
					    argv[k + 1]);
			have_mac = true;
		} else if (strcmp(argv[k], "dev") == 0) {
			if (dev_get(ns, argv[k + 1], &dev) != 0)
				return -1;
			have_dev = true;
		} else if (strcmp(argv[k], "nud") == 0) {
			/* nud_state_a2n's words softnet keeps */
			if (strcmp(argv[k + 1], "permanent") == 0)
				state = SN_NUD_PERMANENT;
			else if (strcmp(argv[k + 1], "reachable") == 0)
				state = SN_NUD_REACHABLE;
			else if (strcmp(argv[k + 1], "stale") == 0)
				state = SN_NUD_STALE;
			else
				return fail("nud %s: not supported here "
					    "(permanent, reachable, stale)",
					    argv[k + 1]);
		} else {
			return fail("Error: unknown \"%s\"", argv[k]);
		}
	}
	if (k != argc && (strcmp(argv[k], "lladdr") == 0 ||
			  strcmp(argv[k], "dev") == 0 ||
			  strcmp(argv[k], "nud") == 0))
		return incomplete();
	if (k != argc)
		return fail("Error: either \"to\" is duplicate, or \"%s\" is "
			    "a garbage.", argv[k]);
	if (!have_dev)
		return fail("Device and destination are required arguments.");
	if (argv[0][0] == 'd') {
		ret = v6 ? sn_neigh6_del(ns, a6, dev.ifindex) :
			   sn_neigh_del(ns, a, dev.ifindex);
		if (ret != 0)
			return fail("RTNETLINK answers: No such file or "
				    "directory");
		return 0;
	}
	if (!have_mac && argv[0][0] != 'a') {
		/* change and replace keep a valid entry's own address, as
		 * neigh_update does without NEIGH_UPDATE_F_OVERRIDE's new
		 * lladdr */
		const struct sn_neigh *e = neigh_entry(ns, v6, a, a6,
						       dev.ifindex);

		if (e != NULL && e->state != SN_NUD_INCOMPLETE &&
		    e->state != SN_NUD_FAILED) {
			mac = e->mac;
			have_mac = true;
		}
	}
	if (!have_mac)
		return fail("Error: No link layer address given.");
	/* add is exclusive (NLM_F_EXCL), replace is not, change does not
	 * create (no NLM_F_CREATE) */
	if (argv[0][0] == 'a' &&
	    (v6 ? sn_neigh6_exists(ns, a6, dev.ifindex) :
		  sn_neigh_exists(ns, a, dev.ifindex)))
		return fail("RTNETLINK answers: File exists");
	if (argv[0][0] == 'c' &&
	    !(v6 ? sn_neigh6_exists(ns, a6, dev.ifindex) :
		   sn_neigh_exists(ns, a, dev.ifindex)))
		return fail("RTNETLINK answers: No such file or directory");
	ret = v6 ? sn_neigh6_add_state(ns, a6, dev.ifindex, &mac, state) :
		   sn_neigh_add_state(ns, a, dev.ifindex, &mac, state);
	if (ret != 0)
		return fail("RTNETLINK answers: %s", ret == -EINVAL ?
			    "Invalid argument" : strerror(-ret));
	return 0;
}


/* iproute2's matches(): word is a non-empty prefix of full. */
static bool
matches(const char *word, const char *full)
{
	size_t n = strlen(word);

	return n != 0 && n <= strlen(full) && strncmp(word, full, n) == 0;
}

/* ip's objects, in iproute2's order of matching ("r" is route, "ru"
 * rule, "a" address); the word itself if none matches. */
static const char *
ip_object(const char *word)
{
	static const char *const objs[] = { "address", "route", "rule",
					    "neighbor", "neighbour", "link" };
	unsigned int i;

	for (i = 0; i < RTE_DIM(objs); i++)
		if (matches(word, objs[i]))
			return i == 4 ? "neighbor" : objs[i];
	return word;
}

/* A command word by iproute2's matching, in its order for each object
 * ("s" is show, but set for link), as the word the handlers compare. */
static const char *
ip_verb(const char *obj, const char *word)
{
	static const char *const verbs[][2] = {
		{ "add", "add" }, { "change", "change" },
		{ "replace", "replace" }, { "prepend", "prepend" },
		{ "append", "append" }, { "test", "test" },
		{ "set", "set" },	/* link only */
		{ "delete", "del" }, { "list", "show" }, { "show", "show" },
		{ "lst", "show" }, { "get", "get" }, { "flush", "flush" },
	};
	unsigned int i;

	/* iproute2's route and neigh take "chg" for change, exactly */
	if (strcmp(word, "chg") == 0 && (strcmp(obj, "route") == 0 ||
					 strcmp(obj, "neighbor") == 0))
		return "change";
	for (i = 0; i < RTE_DIM(verbs); i++) {
		if (strcmp(verbs[i][0], "set") == 0 &&
		    strcmp(obj, "link") != 0)
			continue;
		if (matches(word, verbs[i][0]))
			/* iplink: change is set */
			return strcmp(obj, "link") == 0 &&
			       strcmp(verbs[i][0], "change") == 0 ?
			       "set" : verbs[i][1];
	}
	return word;
}

static int
cmd_ip(int argc, char **argv)
{
	struct sn_netns *ns = ns_cur();
	int a = 1;
	const char *obj;

	family6 = family4 = family0 = false;
	ip_stats = ip_brief = ip_oneline = false;
	for (;;) {
		if (a < argc && (strcmp(argv[a], "-s") == 0 ||
				 (strlen(argv[a]) > 2 &&
				  (matches(argv[a], "-stats") ||
				   matches(argv[a], "-statistics"))))) {
			ip_stats = true;
			a++;
		} else if (a < argc && strlen(argv[a]) > 2 &&
			   matches(argv[a], "-brief")) {
			ip_brief = true;
			a++;
		} else if (a < argc && matches(argv[a], "-oneline") &&
			   strlen(argv[a]) > 1) {
			ip_oneline = true;
			a++;
		} else if (a + 1 < argc && strcmp(argv[a], "-n") == 0) {
			if ((ns = ns_get(argv[a + 1])) == NULL)
				return -1;
			a += 2;
		} else if (a < argc && strcmp(argv[a], "-6") == 0) {
			family6 = true;	/* the last one counts, as iproute2 */
			family4 = false;
			a++;
		} else if (a < argc && strcmp(argv[a], "-4") == 0) {
			family4 = true;
			family6 = false;
			a++;
		} else if (a < argc && strcmp(argv[a], "-0") == 0) {
			family0 = true;
			family4 = family6 = false;
			a++;
		} else if (a + 1 < argc && (strcmp(argv[a], "-f") == 0 ||
					    (strlen(argv[a]) > 2 &&
					     matches(argv[a], "-family")))) {
			/* iproute2's -family inet|inet6|link: -4, -6, -0 */
			const char *fam = argv[a + 1];

			if (strcmp(fam, "inet") != 0 &&
			    strcmp(fam, "inet6") != 0 &&
			    strcmp(fam, "link") != 0)
				return fail("Error: argument \"%s\" is wrong: "
					    "invalid protocol family (here: "
					    "inet, inet6, link)", fam);
			family4 = strcmp(fam, "inet") == 0;
			family6 = strcmp(fam, "inet6") == 0;
			family0 = strcmp(fam, "link") == 0;
			a += 2;
		} else if (a < argc && (strcmp(argv[a], "-c") == 0 ||
					strncmp(argv[a], "-color", 6) == 0 ||
					strncmp(argv[a], "-colour", 7) == 0)) {
			a++;	/* no colours here: the output stays plain */
		} else if (a + 1 == argc && (strcmp(argv[a], "-n") == 0 ||
					     strcmp(argv[a], "-f") == 0)) {
			return incomplete();
		} else if (a < argc && argv[a][0] == '-') {
			return fail("Option \"%s\" is unknown here (ip "
				    "takes -4, -6, -0, -f FAMILY, -s, -br, -o, "
				    "-c, -n NS).", argv[a]);
		} else {
			break;
		}
	}
	if (a >= argc)
		return fail("usage: ip [-4|-6] [-s] [-br] [-o] [-n NS] "
			    "link|addr|route|rule|neigh ...");
	obj = ip_object(argv[a]);
	/* ip netns ...: netns ... ("n" is neighbour, as in iproute2) */
	if (obj == argv[a] && matches(argv[a], "netns"))
		return cmd_netns(argc - a, argv + a);
	argc -= a + 1;
	argv += a + 1;
	if (argc > 0)
		argv[0] = (char *)(uintptr_t)ip_verb(obj, argv[0]);
	if (strcmp(obj, "link") == 0)
		return ip_link(ns, argc, argv);
	if (strcmp(obj, "address") == 0)
		return ip_addr(ns, argc, argv);
	if (strcmp(obj, "route") == 0) {
		int k;

		/* as iproute2: an IPv6 address or prefix, wherever it is,
		 * makes it ip -6 */
		for (k = 1; k < argc && !family4; k++)
			if (is_inet6_word(argv[k]))
				family6 = true;
		if (argc == 0 || strcmp(argv[0], "show") == 0 ||
		    strcmp(argv[0], "list") == 0)
			return route_show(ns, argc, argv, family6);
		return family6 ? ip_route6(ns, argc, argv) :
				 ip_route(ns, argc, argv);
	}
	if (strcmp(obj, "rule") == 0) {
		int k;

		/* as iproute2: an IPv6 from/to prefix, wherever it is */
		for (k = 1; k + 1 < argc; k++)
			if (!family4 && (strcmp(argv[k], "from") == 0 ||
					 strcmp(argv[k], "to") == 0) &&
			    strchr(argv[k + 1], ':') != NULL)
				family6 = true;
		if (argc == 0 || strcmp(argv[0], "show") == 0 ||
		    strcmp(argv[0], "list") == 0)
			return rule_show(ns, argc, argv, family6);
		if (strcmp(argv[0], "flush") == 0)
			return rule_flush(ns, argc, argv, family6);
		return family6 ? ip_rule6(ns, argc, argv) :
				 ip_rule(ns, argc, argv);
	}
	if (strcmp(obj, "neighbor") == 0)
		return ip_neigh(ns, argc, argv);
	return fail("Object \"%s\" is unknown, try \"ip help\".", obj);
}

static int
cmd_udp(int argc, char **argv)
{
	struct sn_netns *ns = ns_cur();
	uint64_t pk, by;
	uint32_t port;
	int a = 1, ret;
	bool echo;

	if (argc >= 3 && strcmp(argv[1], "-n") == 0) {
		if ((ns = ns_get(argv[2])) == NULL)
			return -1;
		a = 3;
	}
	if (argc - a == 1 && strcmp(argv[a], "show") == 0) {
		for (port = 1; port <= 65535; port++)
			if (sn_udp_stats(ns, port, &pk, &by) == 0)
				printf("udp port %u: %" PRIu64 " datagrams, %"
				       PRIu64 " bytes\n", port, pk, by);
		return 0;
	}
	if (argc - a < 2)
		return fail("usage: udp [-n NS] listen PORT [echo] | udp [-n "
			    "NS] close PORT | udp [-n NS] show");
	if (parse_u32(argv[a + 1], 65535, &port) != 0 || port == 0)
		return fail("udp: PORT is 1..65535, not '%s'", argv[a + 1]);
	if (strcmp(argv[a], "listen") == 0) {
		echo = argc - a == 3 && strcmp(argv[a + 2], "echo") == 0;
		if (argc - a > 3 || (argc - a == 3 && !echo))
			return fail("usage: udp [-n NS] listen PORT [echo]");
		ret = sn_udp_listen(ns, port, echo);
		if (ret == -EADDRINUSE)
			return fail("udp port %u: Address already in use",
				    port);
		if (ret != 0)
			return fail("udp port %u: %s", port, strerror(-ret));
		return 0;
	}
	if (strcmp(argv[a], "close") == 0 && argc - a == 2) {
		if (sn_udp_close(ns, port) != 0)
			return fail("udp port %u: not listening", port);
		return 0;
	}
	return fail("usage: udp [-n NS] listen PORT [echo] | udp [-n NS] "
		    "close PORT | udp [-n NS] show");
}

/* ---------------------------------------------------------------------- */
/* Time.                                                                   */

static void
wait_ms(uint32_t ms)
{
	uint64_t end = rte_rdtsc() + rte_get_tsc_hz() / 1000 * ms;

	while (rte_rdtsc() < end && !sn_quit_requested()) {
		sn_control_step();
		usleep(1000);
	}
}

static uint64_t
traffic_sum(void)
{
	struct rte_eth_stats st;
	uint64_t s = 0;
	uint16_t port;

	RTE_ETH_FOREACH_DEV(port)
		if (rte_eth_stats_get(port, &st) == 0)
			s += st.ipackets + st.opackets;
	return s;
}

static int
cmd_sleep(int argc, char **argv)
{
	uint32_t ms;

	if (argc != 2 || parse_u32(argv[1], 3600 * 1000, &ms) != 0)
		return fail("usage: sleep MS (0..3600000)");
	wait_ms(ms);
	return 0;
}

/* wait idle [MS]: until no packet moves for MS ms (default 100). */
static int
cmd_wait(int argc, char **argv)
{
	uint32_t ms = 100;
	uint64_t last, now, limit;

	if (argc < 2 || argc > 3 || strcmp(argv[1], "idle") != 0)
		return fail("usage: wait idle [MS]");
	/* a quiet window shorter than the 30 s it waits at most */
	if (argc == 3 && (parse_u32(argv[2], 10000, &ms) != 0 || ms == 0))
		return fail("wait idle: MS is 1..10000, not '%s'", argv[2]);
	limit = rte_rdtsc() + 30 * rte_get_tsc_hz();
	last = traffic_sum();
	for (;;) {
		wait_ms(ms);
		now = traffic_sum();
		if (now == last)
			return 0;
		last = now;
		if (rte_rdtsc() > limit)
			return fail("wait idle: traffic still flows after 30 s");
		if (sn_quit_requested())
			return -1;
	}
}

/* ---------------------------------------------------------------------- */
/* Dispatch.                                                               */

/* A command file: NULL (and a message) if it cannot be read. */
static FILE *
cmd_open(const char *what, const char *path)
{
	struct stat st;
	FILE *f = fopen(path, "r");

	if (f == NULL) {
		fail("%scannot open %s: %s", what, path, strerror(errno));
		return NULL;
	}
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(f);
		fail("%scannot read %s: %s", what, path, strerror(EISDIR));
		return NULL;
	}
	return f;
}

/* The next line of f without its end of line; NULL at the end. A line
 * longer than a command can be is kept only up to CMD_LINE_KEEP bytes,
 * enough for sn_cmd_exec() to refuse it whole, and the rest is skipped:
 * memory stays bounded whatever the file. A line that goes on past
 * CMD_LINE_GIVE_UP (source /dev/zero) ends the file: NULL, with
 * cmd_line_endless set. */
#define CMD_LINE_KEEP (SN_MAX_LINE + 1)
#define CMD_LINE_GIVE_UP (1u << 20)

static bool cmd_line_endless;

/* the whole length of the last line read, when too long for a command
 * (sn_cmd_exec refuses it, and takes it back to 0) */
static size_t cut_line_len;

/* A line read as n kept bytes of all: ends it, and cuts it at a CR (a
 * CRLF file's, or one within); a line too long is said so whatever it
 * holds, CR or NUL (only its trailing CR is not counted). */
static void
line_end(char *line, size_t n, size_t all)
{
	size_t len = all;

	line[n] = '\0';
	if (all == n && n > 0 && line[n - 1] == '\r')
		len--;
	cut_line_len = len >= SN_MAX_LINE ? len : 0;
	line[strcspn(line, "\r")] = '\0';
}

static char *
cmd_line(FILE *f, char **line)
{
	size_t n = 0, all = 0;
	int c;

	cut_line_len = 0;
	cmd_line_endless = false;
	if (*line == NULL) {
		*line = malloc(CMD_LINE_KEEP + 1);
		if (*line == NULL)
			return NULL;
	}
	while ((c = getc_unlocked(f)) != EOF && c != '\n') {
		if (n < CMD_LINE_KEEP)
			(*line)[n++] = (char)c;
		if (++all > CMD_LINE_GIVE_UP) {
			cmd_line_endless = true;
			return NULL;
		}
	}
	if (c == EOF && all == 0)
		return NULL;
	line_end(*line, n, all);
	return *line;
}

/* source FILE: its commands, silently, then how many and how fast. */
static int
cmd_source(int argc, char **argv)
{
	static unsigned int depth;
	unsigned int n = 0, bad = 0;
	bool endless = false;
	char *line = NULL;
	uint64_t t0, t1;
	double secs;
	FILE *f;

	if (argc != 2)
		return fail("usage: source FILE");
	if (depth == SOURCE_DEPTH)
		return fail("source: nested too deep (at most %d)",
			    SOURCE_DEPTH);
	f = cmd_open("source: ", argv[1]);
	if (f == NULL)
		return -1;
	depth++;
	t0 = rte_rdtsc();
	while (!sn_quit_requested()) {
		if (cmd_line(f, &line) == NULL) {
			endless = cmd_line_endless;	/* this file's */
			break;
		}
		if (line[strspn(line, " \t")] == '\0' ||
		    line[strspn(line, " \t")] == '#')
			continue;
		n++;
		if (sn_cmd_exec(line) != 0)
			bad++;
		if ((n & 255) == 0)
			sn_control_step();
	}
	if (endless) {
		fail("source: %s: a line of over %u characters; the rest of "
		     "the file was not read", argv[1], CMD_LINE_GIVE_UP);
		bad++;
	}
	t1 = rte_rdtsc();
	depth--;
	free(line);
	fclose(f);
	secs = (double)(t1 - t0) / rte_get_tsc_hz();
	printf("source: %u commands (%u failed) in %.3f s, %.0f/s\n", n, bad,
	       secs, secs > 0 ? n / secs : 0);
	return bad != 0 ? -1 : 0;
}

static int cmd_help(int argc, char **argv);

static int
cmd_quit(int argc, char **argv)
{
	if (argc != 1)
		return fail("usage: %s", argv[0]);
	sn_request_quit();
	return 0;
}

static const struct {
	const char *verb;
	int (*fn)(int argc, char **argv);
	const char *help;
} commands[] = {
	{ "help", cmd_help, "help: this list" },
	{ "start", cmd_start, "start [tx_first [N]]: start forwarding" },
	{ "stop", cmd_stop, "stop: stop forwarding, show its stats" },
	{ "port", cmd_port, "port stop|start all|N: a port out of service "
	  "(forwarding stopped; lo stays)" },
	{ "quit", cmd_quit, "quit: stop, free everything, exit" },
	{ "exit", cmd_quit, "exit: as quit" },
	{ "show", cmd_show, "show port info|stats|xstats all|N, show fwd "
	  "stats [all], show config fwd, show softnet stat [json]|config, "
	  "show ip stats [NS]" },
	{ "clear", cmd_clear, "clear port stats all|N, clear fwd stats [all], "
	  "clear ip stats [NS]" },
	{ "set", cmd_set, "set fwd MODE, set softnet NAME VALUE, set "
	  "link-up|link-down port N, set promisc all|N on|off" },
	{ "lcore", cmd_lcore, "lcore stop|start N: take an lcore off (its "
	  "backlog moves) or back" },
	{ "sysctl", cmd_sysctl, "sysctl [-n|-N] [-q] [-w] NAME[=VALUE]... | "
	  "NAME VALUE | -a: "
	  "net.core.netdev_max_backlog, netdev_budget, netdev_budget_usecs, "
	  "dev_weight, flow_limit_table_len; net.ipv4.ip_forward, "
	  "route_localnet, accept_local, icmp_echo_ignore_all, "
	  "icmp_echo_ignore_broadcasts, icmp_ratelimit, icmp_ratemask, "
	  "icmp_msgs_per_sec, icmp_msgs_burst, "
	  "conf.all.promote_secondaries; net.ipv6.conf.all.forwarding, "
	  "net.ipv6.icmp.echo_ignore_all" },
	{ "netns", cmd_netns, "[ip] netns add|del NAME, netns list, netns "
	  "exec NAME COMMAND: COMMAND (sysctl, ip, udp, show ip stats, ...) "
	  "in namespace NAME" },
	{ "ip", cmd_ip, "ip [-n NS] link|addr|route|rule|neigh ...: as "
	  "iproute2" },
	{ "udp", cmd_udp, "udp [-n NS] listen PORT [echo] | close PORT | "
	  "show: UDP sinks" },
	{ "sleep", cmd_sleep, "sleep MS: let traffic run" },
	{ "source", cmd_source, "source FILE: run FILE's commands silently, "
	  "then say how many ran and how fast" },
	{ "wait", cmd_wait, "wait idle [MS]: until no packet moves for MS "
	  "ms" },
};

/* ip netns exec NS CMD...: CMD with NS as its namespace. Commands that run
 * other commands or wait are refused: they run outside the lock held. */
static int
exec_in(struct sn_netns *ns, int argc, char **argv)
{
	struct sn_netns *was = exec_ns;
	unsigned int i;
	int ret;

	for (i = 0; i < RTE_DIM(commands); i++) {
		if (strcmp(argv[0], commands[i].verb) != 0)
			continue;
		if (commands[i].fn == cmd_sleep || commands[i].fn == cmd_wait ||
		    commands[i].fn == cmd_source || commands[i].fn == cmd_quit)
			return fail("netns exec: '%s' does not run in a "
				    "namespace", argv[0]);
		exec_ns = ns;
		ret = commands[i].fn(argc, argv);
		exec_ns = was;
		return ret;
	}
	return fail("exec of \"%s\" failed: No such file or directory",
		    argv[0]);
}

static int
cmd_help(int argc, char **argv __rte_unused)
{
	unsigned int i;

	if (argc != 1)
		return fail("usage: help");

	for (i = 0; i < RTE_DIM(commands); i++)
		printf("  %s\n", commands[i].help);
	return 0;
}

int
sn_cmd_exec(const char *line)
{
	char buf[SN_MAX_LINE], *argv[MAX_ARGS], *p, *save = NULL;
	size_t cut = cut_line_len;
	unsigned int i;
	int argc = 0, ret;

	/* cut, a line would run as another command: refused whole, with
	 * the length it had as read (a CR or a NUL in it included) */
	cut_line_len = 0;
	if (strlen(line) >= sizeof(buf) || cut >= sizeof(buf)) {
		size_t len = RTE_MAX(strlen(line), cut);

		return fail("line too long (%zu characters, at most %zu)",
			    len, sizeof(buf) - 1);
	}
	snprintf(buf, sizeof(buf), "%s", line);
	p = strchr(buf, '#');
	if (p != NULL)
		*p = '\0';
	for (p = strtok_r(buf, " \t\r\n", &save); p != NULL;
	     p = strtok_r(NULL, " \t\r\n", &save)) {
		if (argc == MAX_ARGS)
			return fail("too many words (at most %d)", MAX_ARGS);
		argv[argc++] = p;
	}
	if (argc == 0)
		return 0;
	for (i = 0; i < RTE_DIM(commands); i++) {
		if (strcmp(argv[0], commands[i].verb) != 0)
			continue;
		/* sleep and wait run the control work themselves */
		if (commands[i].fn == cmd_sleep || commands[i].fn == cmd_wait ||
		    commands[i].fn == cmd_source)
			return commands[i].fn(argc, argv);
		pthread_mutex_lock(&sn_ctl_lock);
		ret = commands[i].fn(argc, argv);
		pthread_mutex_unlock(&sn_ctl_lock);
		fflush(stdout);
		return ret;
	}
	return fail("Command not found: '%s' (try 'help')", argv[0]);
}

int
sn_cmd_file(const char *path, bool echo)
{
	FILE *f = cmd_open("", path);
	char *line = NULL;
	unsigned int n = 0;
	bool endless = false;
	int ret = 0;

	if (f == NULL)
		return -1;
	if (echo)
		printf("Read CLI commands from %s\n", path);
	while (!sn_quit_requested()) {
		if (cmd_line(f, &line) == NULL) {
			endless = cmd_line_endless;	/* this file's */
			break;
		}
		n++;
		/* blank and comment lines, whatever their length, as source */
		if (line[strspn(line, " \t")] == '\0' ||
		    line[strspn(line, " \t")] == '#')
			continue;
		if (echo)
			printf("softnet> %s\n", line);
		/* a command file goes on after mistakes, as testpmd's;
		 * --config must be right: it stops at the first */
		if (sn_cmd_exec(line) != 0 && !echo) {
			fflush(stdout);
			fprintf(stderr, "softnet-pmd: %s:%u: this command "
				"failed; the rest of the file was not run\n",
				path, n);
			ret = -1;
			break;
		}
	}
	if (endless) {
		fflush(stdout);
		fprintf(stderr, "softnet-pmd: %s:%u: a line of over %u "
			"characters; the rest of the file was not read\n",
			path, n + 1, CMD_LINE_GIVE_UP);
		ret = -1;
	}
	free(line);
	fclose(f);
	fflush(stdout);
	return ret;
}

/* ---------------------------------------------------------------------- */
/* librte_cmdline: one instance per verb, the rest of the line as one     */
/* multi-word token, so that the executor above sees the whole line.      */

struct verb_result {
	cmdline_fixed_string_t verb;
	char rest[STR_MULTI_TOKEN_SIZE];
};

static void
verb_parsed(void *parsed, struct cmdline *cl __rte_unused,
	    void *data __rte_unused)
{
	struct verb_result *r = parsed;
	char line[STR_MULTI_TOKEN_SIZE + STR_TOKEN_SIZE + 2];

	snprintf(line, sizeof(line), "%s %s", r->verb, r->rest);
	sn_cmd_exec(line);
}

static cmdline_parse_token_string_t tok_rest =
	TOKEN_STRING_INITIALIZER(struct verb_result, rest, TOKEN_STRING_MULTI);

/* The bare instance's verb parses as the other's but offers no choice,
 * so that completion and '?' list each verb once (cmdline_complete skips
 * a choice whose element it cannot get). */
static int
bare_nb(cmdline_parse_token_hdr_t *tk __rte_unused)
{
	return 1;
}

static int
bare_elt(cmdline_parse_token_hdr_t *tk __rte_unused, int idx __rte_unused,
	 char *dst __rte_unused, unsigned int size __rte_unused)
{
	return -1;
}

static struct cmdline_token_ops bare_ops = {
	.parse = cmdline_parse_string,
	.complete_get_nb = bare_nb,
	.complete_get_elt = bare_elt,
	.get_help = cmdline_get_help_string,
};

/* An instance per verb of commands[], bare and with the rest of the line,
 * made from that table so that the prompt knows every verb the executor
 * does (and completes them). Made once, for the life of the process. */
static cmdline_parse_token_string_t verb_tok[RTE_DIM(commands)];
static cmdline_parse_token_string_t bare_tok[RTE_DIM(commands)];
static cmdline_parse_ctx_t main_ctx[2 * RTE_DIM(commands) + 1];

static int
main_ctx_make(void)
{
	cmdline_parse_inst_t *in;
	unsigned int i, k;

	if (main_ctx[0] != NULL)
		return 0;
	for (i = 0; i < RTE_DIM(commands); i++) {
		verb_tok[i] = (cmdline_parse_token_string_t)
			TOKEN_STRING_INITIALIZER(struct verb_result, verb,
						 commands[i].verb);
		bare_tok[i] = verb_tok[i];
		bare_tok[i].hdr.ops = &bare_ops;
		for (k = 0; k < 2; k++) {
			/* tokens[] is a flexible array: verb, [rest], NULL */
			in = calloc(1, sizeof(*in) + 3 * sizeof(void *));
			if (in == NULL)
				return -ENOMEM;
			in->f = verb_parsed;
			in->help_str = commands[i].help;
			in->tokens[0] = k == 0 ? (void *)&bare_tok[i] :
					(void *)&verb_tok[i];
			in->tokens[1] = k == 1 ? (void *)&tok_rest : NULL;
			main_ctx[2 * i + k] = in;
		}
	}
	return 0;
}

static void
main_ctx_free(void)
{
	unsigned int i;

	for (i = 0; main_ctx[i] != NULL; i++)
		free(main_ctx[i]);
	memset(main_ctx, 0, sizeof(main_ctx));
}

/* Until stdin has something to read (or its end): the control work every
 * millisecond meanwhile. false if a quit was asked for. */
static bool
stdin_wait(void)
{
	struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };
	int ret;

	while (!sn_quit_requested()) {
		ret = poll(&p, 1, 1);
		if (ret > 0 || (ret < 0 && errno != EINTR))
			return true;	/* a line, its end, or an error */
		sn_control_step();
	}
	return false;
}

static void
pipe_line(char *line, size_t n, size_t all)
{
	line_end(line, n, all);
	printf("softnet> %s\n", line);
	sn_cmd_exec(line);
}

/* A pipe: one command per line, echoed like a file's. Read with read(2)
 * as poll says bytes are there, never waiting for a line's end, so that
 * the control work (ARP, ND, --stats-period) runs while the writer takes
 * its time, even within a line; a line is kept up to CMD_LINE_KEEP bytes,
 * as cmd_line keeps a file's, whatever its length. */
static void
pipe_interact(void)
{
	static char line[CMD_LINE_KEEP + 1];
	char chunk[4096];
	size_t n = 0, all = 0;
	ssize_t got, i;

	while (stdin_wait()) {
		got = read(STDIN_FILENO, chunk, sizeof(chunk));
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;		/* its end, or an error */
		for (i = 0; i < got && !sn_quit_requested(); i++) {
			if (chunk[i] != '\n') {
				if (n < CMD_LINE_KEEP)
					line[n++] = chunk[i];
				all++;
				continue;
			}
			pipe_line(line, n, all);
			n = all = 0;
		}
		if (sn_quit_requested())
			return;
	}
	if (all != 0)		/* the last line, without its end */
		pipe_line(line, n, all);
}

void
sn_cmd_interact(void)
{
	struct cmdline *cl;
	int st;

	if (!isatty(STDIN_FILENO)) {
		pipe_interact();
		return;
	}
	cl = main_ctx_make() == 0 ?
	     cmdline_stdin_new(main_ctx, "softnet> ") : NULL;
	if (cl == NULL) {
		main_ctx_free();
		fail("cannot open the prompt");
		return;
	}
	while (!sn_quit_requested()) {
		st = cmdline_poll(cl);
		if (st < 0 || st == RDLINE_EXITED)
			break;
		sn_control_step();
		usleep(1000);
	}
	cmdline_stdin_exit(cl);
	main_ctx_free();
	printf("\n");
}
