/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The softnet authors
 */

/* IPv4 routes per namespace (linux-semantics §4: R1, R3, R4, R5, R10). */

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include <rte_bus_vdev.h>
#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_ethdev.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>

#include "sn_netns.h"
#include "sn_route.h"
#include "sn_softnet.h"
#include "sn_test.h"

#define A(a, b, c, d) ((uint32_t)(a) << 24 | (b) << 16 | (c) << 8 | (d))

static struct rte_mempool *mp;
static uint16_t eth_port;
static int eth_ifindex;

static int
setup(void)
{
	struct sn_netns_conf nconf;
	struct sn_route_conf rconf = { .max_routes = 16384, .tbl8s = 256 };
	struct sn_netdev dev;
	uint16_t lo0;

	mp = rte_pktmbuf_pool_create("test_rt_pool", 2048, 0, 0,
				     RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	TEST_ASSERT(mp != NULL, "mempool");
	TEST_ASSERT_OK(sn_softnet_init(NULL));
	TEST_ASSERT_OK(rte_eth_dev_get_port_by_name("net_loopback0", &lo0));
	memset(&nconf, 0, sizeof(nconf));
	nconf.default_lo_port = lo0;
	nconf.mp = mp;
	nconf.qsbr = sn_softnet_qsbr();
	TEST_ASSERT_OK(sn_netns_init(&nconf));
	rconf.qsbr = sn_softnet_qsbr();
	TEST_ASSERT_OK(sn_route_init(&rconf));
	TEST_ASSERT_OK(rte_vdev_init("net_null0", NULL));
	TEST_ASSERT_OK(rte_eth_dev_get_port_by_name("net_null0", &eth_port));
	TEST_ASSERT_OK(sn_netns_link_add(sn_netns_default(), eth_port,
					 "eth0"));
	TEST_ASSERT_OK(sn_netns_link_get(eth_port, &dev));
	eth_ifindex = dev.ifindex;
	return TEST_SUCCESS;
}

static void
teardown(void)
{
	sn_softnet_quit();
	rte_eal_mp_wait_lcore();
	sn_route_fini();
	sn_netns_fini();
	sn_softnet_fini();
	rte_vdev_uninit("net_null0");
	rte_mempool_free(mp);
}

/* `ip route show table T` as text, one route per line. */
static char shown[8192];

static int
show_one(const struct sn_route4 *r, void *arg)
{
	size_t n = strlen(shown);

	sn_route4_format(arg, r, shown + n, sizeof(shown) - n);
	n = strlen(shown);
	snprintf(shown + n, sizeof(shown) - n, "\n");
	return 0;
}

static const char *
show(struct sn_netns *ns, uint32_t table)
{
	shown[0] = '\0';
	sn_route4_foreach(ns, table, show_one, ns);
	return shown;
}

static int
expect_show(struct sn_netns *ns, uint32_t table, const char *want)
{
	const char *got = show(ns, table);

	TEST_ASSERT(strcmp(got, want) == 0, "table %u:\n%s---- want:\n%s",
		    table, got, want);
	return TEST_SUCCESS;
}

static int
addr(struct sn_netns *ns, bool add, uint8_t a, uint8_t b, uint8_t c,
     uint8_t d, uint8_t plen, int ifindex)
{
	struct sn_ifaddr x = { .family = AF_INET, .plen = plen,
			       .addr = { a, b, c, d }, .ifindex = ifindex };

	return add ? sn_netns_addr_add(ns, &x) : sn_netns_addr_del(ns, &x);
}

static struct sn_fib_result
look(struct sn_netns *ns, uint32_t dst)
{
	struct sn_fib_result r;

	sn_route4_lookup_bulk(ns, &dst, NULL, SN_LOOPBACK_IFINDEX, &r, 1);
	return r;
}

/* R3, R4: lo's 127.0.0.1/8 makes all of 127/8 local, through lo. */
static int
test_r4_loopback_routes(void)
{
	struct sn_netns *ns = sn_netns_default();
	struct sn_fib_result r;

	TEST_ASSERT_OK(expect_show(ns, SN_RT_TABLE_LOCAL,
		"local 127.0.0.0/8 dev lo table local proto kernel scope host "
		"src 127.0.0.1\n"
		"local 127.0.0.1 dev lo table local proto kernel scope host "
		"src 127.0.0.1\n"
		"broadcast 127.255.255.255 dev lo table local proto kernel "
		"scope link src 127.0.0.1\n"));
	TEST_ASSERT_OK(expect_show(ns, SN_RT_TABLE_MAIN, ""));
	r = look(ns, A(127, 1, 2, 3));
	TEST_ASSERT_EQUAL(r.type, SN_RTN_LOCAL, "all of 127/8");
	TEST_ASSERT_EQUAL(r.port, sn_netns_lo_port(ns), "through lo");
	TEST_ASSERT_EQUAL(look(ns, A(127, 255, 255, 255)).type,
			  SN_RTN_BROADCAST, "");
	TEST_ASSERT_EQUAL(look(ns, A(8, 8, 8, 8)).type, SN_RTN_UNSPEC, "");
	return TEST_SUCCESS;
}

/* R3 and R5 for 10.0.0.5/24, /31 and /32 on eth0. */
static int
test_r3_r5_address_routes(void)
{
	struct sn_netns *ns = sn_netns_default();
	struct sn_fib_result r;

	TEST_ASSERT_OK(addr(ns, true, 10, 0, 0, 5, 24, eth_ifindex));
	TEST_ASSERT(strstr(show(ns, SN_RT_TABLE_LOCAL),
		"local 10.0.0.5 dev eth0 table local proto kernel scope host "
		"src 10.0.0.5\n"
		"broadcast 10.0.0.255 dev eth0 table local proto kernel scope "
		"link src 10.0.0.5\n") != NULL, "%s", shown);
	TEST_ASSERT_OK(expect_show(ns, SN_RT_TABLE_MAIN,
		"10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.5\n"));
	r = look(ns, A(10, 0, 0, 7));
	TEST_ASSERT_EQUAL(r.type, SN_RTN_UNICAST, "");
	TEST_ASSERT_EQUAL(r.port, eth_port, "");
	TEST_ASSERT_EQUAL(look(ns, A(10, 0, 0, 5)).type, SN_RTN_LOCAL, "");
	TEST_ASSERT_EQUAL(look(ns, A(10, 0, 0, 5)).port,
			  sn_netns_lo_port(ns), "own address: through lo");

	/* a second address of the prefix (a secondary); removing the
	 * primary with promote_secondaries keeps the prefix */
	sn_netns_set_promote_secondaries(ns, true);
	TEST_ASSERT_OK(addr(ns, true, 10, 0, 0, 6, 24, eth_ifindex));
	TEST_ASSERT_OK(addr(ns, false, 10, 0, 0, 5, 24, eth_ifindex));
	TEST_ASSERT_EQUAL(look(ns, A(10, 0, 0, 5)).type, SN_RTN_UNICAST,
			  "10.0.0.5 no longer local");
	TEST_ASSERT_EQUAL(look(ns, A(10, 0, 0, 255)).type, SN_RTN_BROADCAST,
			  "still supplied by 10.0.0.6");
	TEST_ASSERT_EQUAL(sn_route4_count(ns, SN_RT_TABLE_MAIN), 1, "");
	TEST_ASSERT_OK(addr(ns, false, 10, 0, 0, 6, 24, eth_ifindex));
	TEST_ASSERT_OK(expect_show(ns, SN_RT_TABLE_MAIN, ""));
	TEST_ASSERT_EQUAL(sn_route4_count(ns, SN_RT_TABLE_LOCAL), 3, "lo's");
	/* without (Linux's default), the primary takes its secondaries of
	 * the subnet along; another subnet's address stays */
	sn_netns_set_promote_secondaries(ns, false);
	TEST_ASSERT_OK(addr(ns, true, 10, 0, 0, 5, 24, eth_ifindex));
	TEST_ASSERT_OK(addr(ns, true, 10, 0, 0, 6, 24, eth_ifindex));
	TEST_ASSERT_OK(addr(ns, true, 10, 7, 0, 6, 24, eth_ifindex));
	TEST_ASSERT_OK(addr(ns, false, 10, 0, 0, 5, 24, eth_ifindex));
	TEST_ASSERT_EQUAL(addr(ns, false, 10, 0, 0, 6, 24, eth_ifindex),
			  -EADDRNOTAVAIL, "gone with its primary");
	TEST_ASSERT_EQUAL(look(ns, A(10, 0, 0, 6)).type, SN_RTN_UNSPEC, "");
	TEST_ASSERT_EQUAL(look(ns, A(10, 7, 0, 6)).type, SN_RTN_LOCAL, "");
	TEST_ASSERT_OK(addr(ns, false, 10, 7, 0, 6, 24, eth_ifindex));
	TEST_ASSERT_EQUAL(sn_route4_count(ns, SN_RT_TABLE_LOCAL), 3, "lo's");

	/* /31: local and the prefix, no broadcast (RFC 3021: the other
	 * address is the peer's) */
	TEST_ASSERT_OK(addr(ns, true, 10, 0, 0, 4, 31, eth_ifindex));
	TEST_ASSERT_OK(expect_show(ns, SN_RT_TABLE_MAIN,
		"10.0.0.4/31 dev eth0 proto kernel scope link src 10.0.0.4\n"));
	TEST_ASSERT(strstr(show(ns, SN_RT_TABLE_LOCAL), "broadcast 10.0.0") ==
		    NULL, "%s", shown);
	TEST_ASSERT_EQUAL(sn_route4_count(ns, SN_RT_TABLE_LOCAL), 4, "");
	TEST_ASSERT_EQUAL(look(ns, A(10, 0, 0, 5)).type, SN_RTN_UNICAST,
			  "the peer");
	TEST_ASSERT_OK(addr(ns, false, 10, 0, 0, 4, 31, eth_ifindex));
	/* in 0/8: the local route only (R5: no prefix, no broadcast) */
	TEST_ASSERT_OK(addr(ns, true, 0, 1, 2, 3, 16, eth_ifindex));
	TEST_ASSERT_OK(expect_show(ns, SN_RT_TABLE_MAIN, ""));
	TEST_ASSERT_EQUAL(sn_route4_count(ns, SN_RT_TABLE_LOCAL), 4, "");
	TEST_ASSERT_EQUAL(look(ns, A(0, 1, 2, 3)).type, SN_RTN_LOCAL, "");
	TEST_ASSERT_OK(addr(ns, false, 0, 1, 2, 3, 16, eth_ifindex));
	/* /32: only local */
	TEST_ASSERT_OK(addr(ns, true, 10, 0, 0, 5, 32, eth_ifindex));
	TEST_ASSERT_OK(expect_show(ns, SN_RT_TABLE_MAIN, ""));
	TEST_ASSERT_EQUAL(sn_route4_count(ns, SN_RT_TABLE_LOCAL), 4, "");
	TEST_ASSERT_OK(addr(ns, false, 10, 0, 0, 5, 32, eth_ifindex));
	TEST_ASSERT_EQUAL(sn_route4_count(ns, SN_RT_TABLE_LOCAL), 3, "");
	return TEST_SUCCESS;
}

static int
route(struct sn_netns *ns, uint8_t type, uint32_t dst, uint8_t plen,
      uint32_t gw, int oif, uint32_t table, unsigned int flags)
{
	/* iproute2's default scope: link for a route with no gateway */
	struct sn_route4 r = { .type = type, .dst = dst, .plen = plen,
			       .gw = gw, .oif = oif, .table = table,
			       .proto = SN_RTPROT_BOOT,
			       .scope = type == SN_RTN_UNICAST && gw == 0 ?
					SN_RT_SCOPE_LINK : 0 };

	return sn_route4_add(ns, &r, flags);
}

/* R10: each type's outcome, and `ip route get`'s words for it. */
static int
test_r10_route_types_and_get(void)
{
	struct sn_netns *ns = sn_netns_default();
	struct sn_fib_result r;
	char buf[256];

	TEST_ASSERT_OK(addr(ns, true, 10, 0, 0, 5, 24, eth_ifindex));
	TEST_ASSERT_OK(route(ns, SN_RTN_UNICAST, A(10, 1, 0, 0), 16,
			     A(10, 0, 0, 1), 0, 0, 0));
	TEST_ASSERT_OK(route(ns, SN_RTN_UNICAST, 0, 0, A(10, 0, 0, 1), 0, 0,
			     0));
	TEST_ASSERT_OK(route(ns, SN_RTN_BLACKHOLE, A(192, 0, 2, 0), 24, 0, 0,
			     0, 0));
	TEST_ASSERT_OK(route(ns, SN_RTN_UNREACHABLE, A(198, 51, 100, 0), 24,
			     0, 0, 0, 0));
	TEST_ASSERT_OK(route(ns, SN_RTN_PROHIBIT, A(203, 0, 113, 0), 24, 0,
			     0, 0, 0));

	r = look(ns, A(10, 1, 2, 3));
	TEST_ASSERT_EQUAL(r.type, SN_RTN_UNICAST, "");
	TEST_ASSERT_EQUAL(r.gw, A(10, 0, 0, 1), "via");
	TEST_ASSERT_EQUAL(r.port, eth_port, "gateway resolved to eth0");
	TEST_ASSERT_EQUAL(look(ns, A(1, 1, 1, 1)).gw, A(10, 0, 0, 1),
			  "default route");
	TEST_ASSERT_EQUAL(look(ns, A(192, 0, 2, 9)).type, SN_RTN_BLACKHOLE,
			  "");
	TEST_ASSERT_EQUAL(look(ns, A(198, 51, 100, 9)).type,
			  SN_RTN_UNREACHABLE, "");
	TEST_ASSERT_EQUAL(look(ns, A(203, 0, 113, 9)).type, SN_RTN_PROHIBIT,
			  "");

	TEST_ASSERT_OK(sn_route4_get(ns, A(10, 1, 2, 3), buf, sizeof(buf)));
	TEST_ASSERT(strcmp(buf, "10.1.2.3 via 10.0.0.1 dev eth0 src 10.0.0.5")
		    == 0, "'%s' (the source: eth0's address)", buf);
	TEST_ASSERT_OK(sn_route4_get(ns, A(127, 0, 0, 1), buf, sizeof(buf)));
	/* no custom rule: local's routes are in main's trie, whose table
	 * iproute2 does not print */
	TEST_ASSERT(strcmp(buf, "local 127.0.0.1 dev lo src 127.0.0.1") == 0,
		    "'%s'", buf);
	TEST_ASSERT_OK(sn_route4_get(ns, A(10, 0, 0, 9), buf, sizeof(buf)));
	TEST_ASSERT(strcmp(buf, "10.0.0.9 dev eth0 src 10.0.0.5") == 0,
		    "'%s'", buf);
	/* R6: local traffic goes out of lo, whichever device has it */
	TEST_ASSERT_OK(sn_route4_get(ns, A(10, 0, 0, 5), buf, sizeof(buf)));
	TEST_ASSERT(strcmp(buf, "local 10.0.0.5 dev lo src 10.0.0.5") == 0,
		    "'%s'", buf);
	TEST_ASSERT_EQUAL(sn_route4_get(ns, A(192, 0, 2, 1), buf,
					sizeof(buf)), -EINVAL, "");
	TEST_ASSERT(strcmp(buf, "Invalid argument") == 0, "");
	TEST_ASSERT_EQUAL(sn_route4_get(ns, A(198, 51, 100, 1), buf,
					sizeof(buf)), -EHOSTUNREACH, "");
	TEST_ASSERT(strcmp(buf, "No route to host") == 0, "");
	TEST_ASSERT_EQUAL(sn_route4_get(ns, A(203, 0, 113, 1), buf,
					sizeof(buf)), -EACCES, "");

	/* no default route: net unreachable */
	TEST_ASSERT_OK(sn_route4_del(ns, &(struct sn_route4){ .dst = 0,
					 .plen = 0 }));
	TEST_ASSERT_EQUAL(sn_route4_get(ns, A(1, 1, 1, 1), buf, sizeof(buf)),
			  -ENETUNREACH, "");
	TEST_ASSERT(strcmp(buf, "Network is unreachable") == 0, "");
	return TEST_SUCCESS;
}

/* add/replace/del errors as Linux gives them. */
/* max_routes (16,384 here) bounds a table: the next add is -ENOSPC, and
 * every route taken can be deleted again (none is half in). */
static int
table_full4(struct sn_netns *ns)
{
	unsigned int i, n = 0;
	int ret = 0;

	for (i = 0; i < 20000 && ret == 0; i++) {
		ret = route(ns, SN_RTN_BLACKHOLE, A(20, i >> 8, i, 0), 24, 0, 0,
			    300, 0);
		if (ret == 0)
			n++;
	}
	TEST_ASSERT_EQUAL(ret, -ENOSPC, "past max_routes");
	TEST_ASSERT_EQUAL(n, 16384, "");
	TEST_ASSERT_EQUAL(sn_route4_count(ns, 300), 16384, "");
	for (i = 0; i < n; i++)
		TEST_ASSERT_OK(sn_route4_del(ns, &(struct sn_route4){
			.dst = A(20, i >> 8, i, 0), .plen = 24, .table = 300 }));
	TEST_ASSERT_EQUAL(sn_route4_count(ns, 300), 0, "");
	TEST_ASSERT_OK(route(ns, SN_RTN_BLACKHOLE, A(20, 0, 0, 0), 24, 0, 0,
			     300, 0));
	return TEST_SUCCESS;
}

/* An address whose prefix route does not fit is refused whole: no local
 * route left behind, not listed (it used to stay, half routed). */
static int
addr_refused_when_full(struct sn_netns *ns)
{
	struct sn_ifaddr all[64];
	unsigned int i, n = 0, k;
	int ret = 0;

	for (i = 0; ret == 0; i++) {
		ret = route(ns, SN_RTN_BLACKHOLE, A(21, i >> 8, i, 0), 24, 0, 0,
			    0, 0);
		if (ret == 0)
			n++;
	}
	TEST_ASSERT_EQUAL(ret, -ENOSPC, "main is full");
	TEST_ASSERT_EQUAL(addr(ns, true, 10, 77, 0, 5, 24, eth_ifindex),
			  -ENOSPC, "its prefix route does not fit");
	TEST_ASSERT_EQUAL(look(ns, A(10, 77, 0, 5)).type, SN_RTN_UNSPEC,
			  "no local route left");
	TEST_ASSERT_EQUAL(look(ns, A(10, 77, 0, 255)).type, SN_RTN_UNSPEC,
			  "no broadcast route left");
	k = sn_netns_addrs(ns, all, RTE_DIM(all));
	for (i = 0; i < k && i < RTE_DIM(all); i++)
		TEST_ASSERT(!(all[i].family == AF_INET &&
			      all[i].addr[0] == 10 && all[i].addr[1] == 77),
			    "not listed");
	for (i = 0; i < n; i++)
		TEST_ASSERT_OK(sn_route4_del(ns, &(struct sn_route4){
			.dst = A(21, i >> 8, i, 0), .plen = 24 }));
	TEST_ASSERT_OK(addr(ns, true, 10, 77, 0, 5, 24, eth_ifindex));
	TEST_ASSERT_EQUAL(look(ns, A(10, 77, 0, 5)).type, SN_RTN_LOCAL, "");
	TEST_ASSERT_OK(addr(ns, false, 10, 77, 0, 5, 24, eth_ifindex));
	return TEST_SUCCESS;
}

static int
test_add_replace_del_errors(void)
{
	struct sn_netns *ns = sn_netns_default();
	struct sn_route4 d = { .dst = A(10, 9, 0, 0), .plen = 16 };

	TEST_ASSERT_OK(route(ns, SN_RTN_UNICAST, A(10, 9, 0, 0), 16, 0,
			     eth_ifindex, 0, 0));
	TEST_ASSERT_EQUAL(route(ns, SN_RTN_UNICAST, A(10, 9, 0, 0), 16, 0,
				eth_ifindex, 0, 0), -EEXIST, "");
	TEST_ASSERT_OK(route(ns, SN_RTN_BLACKHOLE, A(10, 9, 0, 0), 16, 0, 0,
			     0, SN_RT_F_REPLACE));
	TEST_ASSERT_EQUAL(look(ns, A(10, 9, 1, 1)).type, SN_RTN_BLACKHOLE,
			  "replaced");
	TEST_ASSERT_EQUAL(sn_route4_count(ns, SN_RT_TABLE_MAIN), 1, "");
	TEST_ASSERT_EQUAL(route(ns, SN_RTN_UNICAST, A(10, 9, 0, 1), 16, 0,
				eth_ifindex, 0, 0), -EINVAL, "host bits");
	TEST_ASSERT_EQUAL(route(ns, SN_RTN_UNICAST, A(10, 8, 0, 0), 16, 0,
				99, 0, 0), -ENODEV, "no such device");
	TEST_ASSERT_EQUAL(route(ns, SN_RTN_UNICAST, A(10, 8, 0, 0), 16, 0, 0,
				0, 0), -EINVAL, "no device, no gateway");
	TEST_ASSERT_EQUAL(route(ns, SN_RTN_UNICAST, A(10, 8, 0, 0), 16,
				A(172, 16, 0, 1), 0, 0, 0), -ENETUNREACH,
			  "gateway not on a link");
	/* fib_check_nh_v4_gw: a gateway on a link route of the route's own
	 * table (policy routing: table 100 with its own link) */
	TEST_ASSERT_OK(route(ns, SN_RTN_UNICAST, A(10, 50, 0, 0), 24, 0,
			     eth_ifindex, 100, 0));
	TEST_ASSERT_EQUAL(route(ns, SN_RTN_UNICAST, A(10, 60, 0, 0), 16,
				A(10, 50, 0, 1), 0, 0, 0), -ENETUNREACH,
			  "a link of another table");
	TEST_ASSERT_OK(route(ns, SN_RTN_UNICAST, 0, 0, A(10, 50, 0, 1), 0,
			     100, 0));
	TEST_ASSERT_OK(route(ns, SN_RTN_UNICAST, A(10, 61, 0, 0), 16,
			     A(10, 50, 0, 1), eth_ifindex, 100, 0));
	/* the lookup skips gateway routes, as Linux's at scope link: a
	 * /25 through a gateway does not hide its /16's link in table 100 */
	TEST_ASSERT_OK(route(ns, SN_RTN_UNICAST, A(10, 50, 0, 128), 25,
			     A(10, 50, 0, 1), 0, 100, 0));
	TEST_ASSERT_OK(route(ns, SN_RTN_UNICAST, A(10, 63, 0, 0), 16,
			     A(10, 50, 0, 200), 0, 100, 0));
	TEST_ASSERT_OK(sn_route4_del(ns, &(struct sn_route4){
		.dst = A(10, 63, 0, 0), .plen = 16, .table = 100 }));
	TEST_ASSERT_OK(sn_route4_del(ns, &(struct sn_route4){
		.dst = A(10, 50, 0, 128), .plen = 25, .table = 100 }));
	TEST_ASSERT_EQUAL(sn_route4_count(ns, 100), 3, "");
	TEST_ASSERT_OK(sn_route4_del(ns, &(struct sn_route4){ .dst = 0,
					 .plen = 0, .table = 100 }));
	TEST_ASSERT_OK(sn_route4_del(ns, &(struct sn_route4){
		.dst = A(10, 61, 0, 0), .plen = 16, .table = 100 }));
	TEST_ASSERT_OK(sn_route4_del(ns, &(struct sn_route4){
		.dst = A(10, 50, 0, 0), .plen = 24, .table = 100 }));
	/* onlink: a gateway off every subnet, on the device's link; it
	 * needs the device, and a unicast gateway that is not ours */
	{
		struct sn_route4 o = { .type = SN_RTN_UNICAST,
				       .dst = A(10, 62, 0, 0), .plen = 16,
				       .gw = A(169, 254, 1, 1),
				       .proto = SN_RTPROT_BOOT,
				       .flags = SN_RTNH_F_ONLINK };
		char line[128];

		TEST_ASSERT_EQUAL(sn_route4_add(ns, &o, 0), -ENODEV,
				  "onlink without a device");
		o.oif = eth_ifindex;
		TEST_ASSERT_OK(sn_route4_add(ns, &o, 0));
		TEST_ASSERT_EQUAL(look(ns, A(10, 62, 3, 4)).gw,
				  A(169, 254, 1, 1), "");
		TEST_ASSERT_EQUAL(look(ns, A(10, 62, 3, 4)).port, eth_port,
				  "");
		sn_route4_format(ns, &o, line, sizeof(line));
		TEST_ASSERT(strstr(line, " onlink") != NULL, "%s", line);
		TEST_ASSERT_OK(sn_route4_del(ns, &o));
		TEST_ASSERT_OK(addr(ns, true, 10, 0, 0, 5, 24,
				    eth_ifindex));
		o.gw = A(10, 0, 0, 5);	/* ours */
		o.flags = SN_RTNH_F_ONLINK;
		TEST_ASSERT_EQUAL(sn_route4_add(ns, &o, 0), -EINVAL,
				  "onlink through our own address");
		TEST_ASSERT_OK(addr(ns, false, 10, 0, 0, 5, 24,
				    eth_ifindex));
		o.flags = 0;
		o.gw = A(169, 254, 1, 1);
		TEST_ASSERT_EQUAL(sn_route4_add(ns, &o, 0), -ENETUNREACH,
				  "the same without onlink");
	}
	/* fib_table_delete: what is given must match */
	d.proto = SN_RTPROT_KERNEL;
	TEST_ASSERT_EQUAL(sn_route4_del(ns, &d), -ESRCH, "proto differs");
	d.proto = 0;
	d.scope = SN_RT_SCOPE_HOST;
	TEST_ASSERT_EQUAL(sn_route4_del(ns, &d), -ESRCH, "scope differs");
	d.scope = SN_RT_SCOPE_NOWHERE;
	d.prefsrc = A(10, 0, 0, 5);
	TEST_ASSERT_EQUAL(sn_route4_del(ns, &d), -ESRCH, "prefsrc differs");
	d.prefsrc = 0;
	d.type = SN_RTN_UNICAST;
	TEST_ASSERT_EQUAL(sn_route4_del(ns, &d), -ESRCH, "type differs");
	d.type = 0;
	TEST_ASSERT_OK(sn_route4_del(ns, &d));
	TEST_ASSERT_EQUAL(sn_route4_del(ns, &d), -ESRCH, "");
	TEST_ASSERT_EQUAL(look(ns, A(10, 9, 1, 1)).type, SN_RTN_UNSPEC, "");
	TEST_ASSERT_OK(table_full4(ns));
	TEST_ASSERT_OK(addr_refused_when_full(ns));
	return TEST_SUCCESS;
}

/* R1: local and main are one lookup, local first; then default. */
static int
test_r1_merged_local_main_default(void)
{
	struct sn_netns *ns = sn_netns_default();

	TEST_ASSERT_OK(addr(ns, true, 10, 0, 0, 5, 24, eth_ifindex));
	/* main's 10.0.0.5/32 is hidden by local's */
	TEST_ASSERT_OK(route(ns, SN_RTN_BLACKHOLE, A(10, 0, 0, 5), 32, 0, 0,
			     SN_RT_TABLE_MAIN, 0));
	TEST_ASSERT_EQUAL(look(ns, A(10, 0, 0, 5)).type, SN_RTN_LOCAL, "");
	TEST_ASSERT_OK(addr(ns, false, 10, 0, 0, 5, 24, eth_ifindex));
	TEST_ASSERT_EQUAL(look(ns, A(10, 0, 0, 5)).type, SN_RTN_BLACKHOLE,
			  "main's shows once local's is gone");
	/* the default table is looked up after main misses */
	TEST_ASSERT_OK(route(ns, SN_RTN_UNREACHABLE, A(172, 16, 0, 0), 12, 0,
			     0, SN_RT_TABLE_DEFAULT, 0));
	TEST_ASSERT_OK(route(ns, SN_RTN_PROHIBIT, A(172, 16, 1, 0), 24, 0, 0,
			     SN_RT_TABLE_MAIN, 0));
	TEST_ASSERT_EQUAL(look(ns, A(172, 16, 1, 1)).type, SN_RTN_PROHIBIT,
			  "main first");
	TEST_ASSERT_EQUAL(look(ns, A(172, 17, 1, 1)).type,
			  SN_RTN_UNREACHABLE, "then default");
	TEST_ASSERT_EQUAL(look(ns, A(172, 17, 1, 1)).table,
			  SN_RT_TABLE_DEFAULT, "");
	return TEST_SUCCESS;
}

static char rules_text[2048];

static int
rule_line(const struct sn_rule4 *r, void *arg)
{
	size_t n = strlen(rules_text);

	sn_rule4_format(arg, r, rules_text + n, sizeof(rules_text) - n);
	n = strlen(rules_text);
	snprintf(rules_text + n, sizeof(rules_text) - n, "\n");
	return 0;
}

static const char *
rules_show(struct sn_netns *ns)
{
	rules_text[0] = '\0';
	sn_rule4_foreach(ns, rule_line, ns);
	return rules_text;
}

static struct sn_fib_result
look_from(struct sn_netns *ns, uint32_t dst, uint32_t src, int iif)
{
	struct sn_fib_result r;

	sn_route4_lookup_bulk(ns, &dst, &src, iif, &r, 1);
	return r;
}

/* A burst through the rules answers as packets one by one: 70 packets,
 * so two bursts of the bulk lookup, mixing every rule's outcome. */
static int
burst_as_single(struct sn_netns *ns, int iif)
{
	static const uint32_t dsts[] = {
		A(10, 0, 0, 5), A(1, 1, 1, 1), A(8, 8, 8, 8), A(192, 0, 2, 7),
		A(10, 0, 0, 6), A(127, 0, 0, 1), A(10, 0, 0, 9),
	};
	static const uint32_t srcs[] = { A(10, 9, 0, 1), A(1, 2, 3, 4), 0 };
	uint32_t dst[70], src[70];
	struct sn_fib_result r[70], one;
	unsigned int i;

	for (i = 0; i < RTE_DIM(dst); i++) {
		dst[i] = dsts[i % RTE_DIM(dsts)];
		src[i] = srcs[i % RTE_DIM(srcs)];
	}
	sn_route4_lookup_bulk(ns, dst, src, iif, r, RTE_DIM(dst));
	for (i = 0; i < RTE_DIM(dst); i++) {
		one = look_from(ns, dst[i], src[i], iif);
		TEST_ASSERT(memcmp(&one, &r[i], sizeof(one)) == 0,
			    "packet %u: type %u in the burst, %u alone", i,
			    r[i].type, one.type);
	}
	return TEST_SUCCESS;
}

/* R1 rules: the defaults, custom rules changing the result, throw, and
 * the merged lookup coming back when the custom rules go. */
static int
test_r1_rules(void)
{
	struct sn_netns *ns = sn_netns_default();
	struct sn_rule4 from = { .pref = 100, .src = A(10, 9, 0, 0),
				 .src_len = 16, .action = SN_FR_ACT_TO_TBL,
				 .table = 100 };
	/* no preference: one below the second rule's, as Linux */
	struct sn_rule4 to = { .pref = SN_RULE_PREF_AUTO,
			       .dst = A(192, 0, 2, 0), .dst_len = 24,
			       .action = SN_FR_ACT_PROHIBIT };
	struct sn_rule4 iif = { .pref = 200, .iif = eth_ifindex,
				.action = SN_FR_ACT_BLACKHOLE };
	struct sn_fib_result r;
	char rbuf[128];

	TEST_ASSERT(strcmp(rules_show(ns),
		"0:\tfrom all lookup local\n"
		"32766:\tfrom all lookup main\n"
		"32767:\tfrom all lookup default\n") == 0, "%s", rules_text);
	TEST_ASSERT_OK(addr(ns, true, 10, 0, 0, 5, 24, eth_ifindex));
	TEST_ASSERT_OK(route(ns, SN_RTN_UNICAST, 0, 0, A(10, 0, 0, 1), 0, 0,
			     0));
	TEST_ASSERT_OK(route(ns, SN_RTN_UNREACHABLE, 0, 0, 0, 0, 100, 0));
	TEST_ASSERT_OK(route(ns, SN_RTN_THROW, A(8, 8, 8, 0), 24, 0, 0, 100,
			     0));

	/* table 100 is used by no rule yet */
	TEST_ASSERT_EQUAL(look_from(ns, A(1, 1, 1, 1), A(10, 9, 0, 1),
				    eth_ifindex).type, SN_RTN_UNICAST, "");
	TEST_ASSERT_OK(sn_rule4_add(ns, &from));
	TEST_ASSERT_EQUAL(sn_rule4_add(ns, &from), -EEXIST, "");
	TEST_ASSERT_OK(sn_rule4_add(ns, &to));
	TEST_ASSERT_OK(sn_rule4_add(ns, &iif));
	TEST_ASSERT(strcmp(rules_show(ns),
		"0:\tfrom all lookup local\n"
		"99:\tfrom all to 192.0.2.0/24 prohibit\n"
		"100:\tfrom 10.9.0.0/16 lookup 100\n"
		"200:\tfrom all iif eth0 blackhole\n"
		"32766:\tfrom all lookup main\n"
		"32767:\tfrom all lookup default\n") == 0, "%s", rules_text);

	/* local still first */
	r = look_from(ns, A(10, 0, 0, 5), A(10, 9, 0, 1), eth_ifindex);
	TEST_ASSERT_EQUAL(r.type, SN_RTN_LOCAL, "rule 0");
	/* an input lookup says no source (rt_fill_info) */
	TEST_ASSERT_OK(sn_route4_get_from(ns, A(10, 0, 0, 5), A(10, 9, 0, 1),
					  eth_ifindex, 0, rbuf, sizeof(rbuf)));
	TEST_ASSERT(strcmp(rbuf, "local 10.0.0.5 from 10.9.0.1 dev lo table "
			   "local iif eth0") == 0, "'%s'", rbuf);
	/* custom rules split local from main: route get names it */
	TEST_ASSERT_OK(sn_route4_get(ns, A(10, 0, 0, 5), rbuf, sizeof(rbuf)));
	TEST_ASSERT(strcmp(rbuf, "local 10.0.0.5 dev lo table local src "
			   "10.0.0.5") == 0, "'%s'", rbuf);
	r = look_from(ns, A(127, 0, 0, 1), 0, SN_LOOPBACK_IFINDEX);
	TEST_ASSERT_EQUAL(r.type, SN_RTN_LOCAL, "");
	/* from 10.9/16: table 100 */
	r = look_from(ns, A(1, 1, 1, 1), A(10, 9, 0, 1), 7);
	TEST_ASSERT_EQUAL(r.type, SN_RTN_UNREACHABLE, "table 100");
	TEST_ASSERT_EQUAL(r.table, 100, "");
	/* throw in table 100: on to the next rules, main's default */
	r = look_from(ns, A(8, 8, 8, 8), A(10, 9, 0, 1), 7);
	TEST_ASSERT_EQUAL(r.type, SN_RTN_UNICAST, "thrown to main");
	TEST_ASSERT_EQUAL(r.table, SN_RT_TABLE_MAIN, "");
	/* iif eth0: blackhole; to 192.0.2/24: prohibit */
	TEST_ASSERT_EQUAL(look_from(ns, A(1, 1, 1, 1), A(1, 2, 3, 4),
				    eth_ifindex).type, SN_RTN_BLACKHOLE, "");
	TEST_ASSERT_EQUAL(look_from(ns, A(192, 0, 2, 7), A(1, 2, 3, 4),
				    SN_LOOPBACK_IFINDEX).type,
			  SN_RTN_PROHIBIT, "");
	TEST_ASSERT_EQUAL(look_from(ns, A(1, 1, 1, 1), A(1, 2, 3, 4),
				    SN_LOOPBACK_IFINDEX).type,
			  SN_RTN_UNICAST, "main");
	/* a route added to local while unmerged is found */
	TEST_ASSERT_OK(addr(ns, true, 10, 0, 0, 6, 24, eth_ifindex));
	TEST_ASSERT_EQUAL(look_from(ns, A(10, 0, 0, 6), 0,
				    SN_LOOPBACK_IFINDEX).type,
			  SN_RTN_LOCAL, "");
	TEST_ASSERT_OK(burst_as_single(ns, 7));
	TEST_ASSERT_OK(burst_as_single(ns, eth_ifindex));
	TEST_ASSERT_OK(burst_as_single(ns, SN_LOOPBACK_IFINDEX));

	/* an unreachable rule is no route, as fib4_rule_action's
	 * -ENETUNREACH (an unreachable route is host unreachable) */
	TEST_ASSERT_OK(sn_rule4_add(ns, &(struct sn_rule4){
		.pref = 300, .dst = A(198, 51, 100, 0), .dst_len = 24,
		.action = SN_FR_ACT_UNREACHABLE }));
	TEST_ASSERT_EQUAL(look_from(ns, A(198, 51, 100, 7), A(1, 2, 3, 4),
				    SN_LOOPBACK_IFINDEX).type,
			  SN_RTN_UNSPEC, "unreachable rule: no route");
	TEST_ASSERT_EQUAL(sn_route4_get(ns, A(198, 51, 100, 7), rbuf,
					sizeof(rbuf)), -ENETUNREACH, "");
	TEST_ASSERT(strcmp(rbuf, "Network is unreachable") == 0, "%s", rbuf);
	/* an automatic preference: one below the second rule's, or 0 when
	 * that one is 0 (fib_default_rule_pref) */
	TEST_ASSERT_OK(sn_rule4_add(ns, &(struct sn_rule4){
		.pref = 0, .src = A(10, 18, 0, 0), .src_len = 16,
		.action = SN_FR_ACT_TO_TBL, .table = SN_RT_TABLE_MAIN }));
	TEST_ASSERT_OK(sn_rule4_add(ns, &(struct sn_rule4){
		.pref = SN_RULE_PREF_AUTO, .src = A(10, 20, 0, 0),
		.src_len = 16, .action = SN_FR_ACT_TO_TBL, .table = 100 }));
	TEST_ASSERT(strstr(rules_show(ns),
		"0:\tfrom 10.20.0.0/16 lookup 100\n") != NULL, "%s",
		rules_text);
	TEST_ASSERT_OK(sn_rule4_del(ns, &(struct sn_rule4){
		.pref = 0, .src = A(10, 20, 0, 0), .src_len = 16 }));
	TEST_ASSERT_OK(sn_rule4_del(ns, &(struct sn_rule4){
		.pref = 0, .src = A(10, 18, 0, 0), .src_len = 16 }));
	TEST_ASSERT_OK(sn_rule4_del(ns, &(struct sn_rule4){ .pref = 300 }));

	/* without the main rule, main's routes are out of reach */
	TEST_ASSERT_OK(sn_rule4_del(ns, &(struct sn_rule4){
		.pref = 32766, .table = SN_RT_TABLE_MAIN }));
	TEST_ASSERT_EQUAL(look_from(ns, A(1, 1, 1, 1), A(1, 2, 3, 4),
				    SN_LOOPBACK_IFINDEX).type,
			  SN_RTN_UNSPEC, "no rule left");
	TEST_ASSERT_OK(sn_rule4_add(ns, &(struct sn_rule4){
		.pref = 32766, .action = SN_FR_ACT_TO_TBL,
		.table = SN_RT_TABLE_MAIN }));

	/* the custom rules go: one merged lookup again, same answers */
	TEST_ASSERT_OK(sn_rule4_del(ns, &from));
	TEST_ASSERT_OK(sn_rule4_del(ns, &(struct sn_rule4){
		.pref = SN_RULE_PREF_AUTO, .action = SN_FR_ACT_PROHIBIT }));
	TEST_ASSERT_OK(sn_rule4_del(ns, &(struct sn_rule4){ .pref = 200 }));
	TEST_ASSERT_EQUAL(sn_rule4_del(ns, &(struct sn_rule4){ .pref = 200 }),
			  -ENOENT, "");
	TEST_ASSERT_EQUAL(look_from(ns, A(10, 0, 0, 6), 0,
				    SN_LOOPBACK_IFINDEX).type,
			  SN_RTN_LOCAL, "");
	TEST_ASSERT_EQUAL(look_from(ns, A(10, 0, 0, 7), 0,
				    SN_LOOPBACK_IFINDEX).type,
			  SN_RTN_UNICAST, "");
	TEST_ASSERT_EQUAL(look_from(ns, A(1, 1, 1, 1), A(10, 9, 0, 1), 7).type,
			  SN_RTN_UNICAST, "table 100 unused again");
	/* Linux never merges the tables back: route get still names it,
	 * and a throw in local goes on to main (merged, it skips it) */
	TEST_ASSERT_OK(sn_route4_get(ns, A(10, 0, 0, 5), rbuf, sizeof(rbuf)));
	TEST_ASSERT(strcmp(rbuf, "local 10.0.0.5 dev lo table local src "
			   "10.0.0.5") == 0, "'%s'", rbuf);
	TEST_ASSERT_OK(route(ns, SN_RTN_UNICAST, A(10, 80, 0, 0), 16,
			     A(10, 0, 0, 254), 0, 0, 0));
	TEST_ASSERT_OK(route(ns, SN_RTN_THROW, A(10, 80, 0, 0), 16, 0, 0,
			     SN_RT_TABLE_LOCAL, 0));
	r = look(ns, A(10, 80, 0, 1));
	TEST_ASSERT_EQUAL(r.type, SN_RTN_UNICAST, "thrown from local to main");
	TEST_ASSERT_EQUAL(r.gw, A(10, 0, 0, 254), "");
	TEST_ASSERT_OK(burst_as_single(ns, 7));
	/* merged: a throw in main goes on to the default table, not to
	 * main's own default route */
	TEST_ASSERT_OK(route(ns, SN_RTN_THROW, A(8, 8, 4, 0), 24, 0, 0, 0,
			     0));
	TEST_ASSERT_EQUAL(look(ns, A(8, 8, 4, 4)).type, SN_RTN_UNSPEC,
			  "thrown, and nothing in table default");
	TEST_ASSERT_OK(route(ns, SN_RTN_UNICAST, A(8, 8, 0, 0), 16,
			     A(10, 0, 0, 2), 0, SN_RT_TABLE_DEFAULT, 0));
	r = look(ns, A(8, 8, 4, 4));
	TEST_ASSERT_EQUAL(r.type, SN_RTN_UNICAST, "thrown to default");
	TEST_ASSERT_EQUAL(r.table, SN_RT_TABLE_DEFAULT, "");
	TEST_ASSERT_EQUAL(r.gw, A(10, 0, 0, 2), "");
	TEST_ASSERT_EQUAL(look(ns, A(8, 8, 8, 8)).gw, A(10, 0, 0, 1),
			  "main's default route");
	TEST_ASSERT_EQUAL(sn_rule4_add(ns, &(struct sn_rule4){
		.pref = 5, .action = SN_FR_ACT_TO_TBL }), -EINVAL,
		"lookup needs a table");
	/* not (FIB_RULE_INVERT), in the datapath's bulk lookup too */
	{
		struct sn_rule4 nr = { .pref = 6, .src = A(10, 9, 0, 1),
				       .src_len = 16, .invert = true,
				       .action = SN_FR_ACT_PROHIBIT };

		TEST_ASSERT_OK(sn_rule4_add(ns, &nr));
		TEST_ASSERT_EQUAL(look_from(ns, A(1, 1, 1, 1), A(10, 8, 0, 1),
					    7).type, SN_RTN_PROHIBIT, "");
		TEST_ASSERT_EQUAL(look_from(ns, A(1, 1, 1, 1), A(10, 9, 3, 3),
					    7).type, SN_RTN_UNICAST, "");
		TEST_ASSERT_OK(burst_as_single(ns, 7));
		TEST_ASSERT(strstr(rules_show(ns), "6:\tnot from 10.9.0.1/16 "
				   "prohibit\n") != NULL, "%s", rules_text);
		nr.src = A(10, 9, 0, 0);
		TEST_ASSERT_EQUAL(sn_rule4_del(ns, &nr), -ENOENT,
				  "the address as given");
		nr.src = A(10, 9, 0, 1);
		nr.invert = false;	/* a delete without not: either */
		TEST_ASSERT_OK(sn_rule4_del(ns, &nr));
		TEST_ASSERT_EQUAL(sn_rule4_add(ns, &(struct sn_rule4){
			.pref = (uint64_t)UINT32_MAX + 1,
			.action = SN_FR_ACT_PROHIBIT }), -EINVAL, "pref");
	}
	/* rules of one preference keep the order they came in: a new one
	 * goes after them (fib_nl_newrule) */
	{
		struct sn_rule4 wide = { .pref = 50, .src = A(10, 30, 0, 0),
					 .src_len = 16,
					 .action = SN_FR_ACT_PROHIBIT };
		struct sn_rule4 narrow = { .pref = 50,
					   .src = A(10, 30, 1, 0),
					   .src_len = 24,
					   .action = SN_FR_ACT_BLACKHOLE };

		TEST_ASSERT_OK(sn_rule4_add(ns, &wide));
		TEST_ASSERT_OK(sn_rule4_add(ns, &narrow));
		TEST_ASSERT(strstr(rules_show(ns),
			"50:\tfrom 10.30.0.0/16 prohibit\n"
			"50:\tfrom 10.30.1.0/24 blackhole\n") != NULL, "%s",
			rules_text);
		TEST_ASSERT_EQUAL(look_from(ns, A(1, 1, 1, 1), A(10, 30, 1, 1),
					    7).type, SN_RTN_PROHIBIT,
				  "the first added first");
		TEST_ASSERT_OK(burst_as_single(ns, 7));
		TEST_ASSERT_OK(sn_rule4_del(ns, &wide));
		TEST_ASSERT_OK(sn_rule4_del(ns, &narrow));
	}
	/* ip route show table all: tables ascending, local last */
	{
		uint32_t ids[8];
		unsigned int n;

		TEST_ASSERT_OK(route(ns, SN_RTN_BLACKHOLE, A(10, 99, 0, 0), 16,
				     0, 0, 1000, 0));
		n = sn_route4_tables(ns, ids, RTE_DIM(ids));
		TEST_ASSERT(n == 5 && ids[0] == 100 &&
			    ids[1] == SN_RT_TABLE_DEFAULT &&
			    ids[2] == SN_RT_TABLE_MAIN && ids[3] == 1000 &&
			    ids[4] == SN_RT_TABLE_LOCAL,
			    "%u tables: %u %u %u %u %u", n, ids[0], ids[1],
			    ids[2], ids[3], ids[4]);
	}
	return TEST_SUCCESS;
}

/* Two namespaces with the same addresses answer apart. */
static int
test_namespaces_apart(void)
{
	struct rte_malloc_socket_stats before, after;
	struct sn_netns *x;
	struct sn_netdev dev;
	uint16_t px;

	rte_malloc_get_socket_stats(rte_socket_id(), &before);
	TEST_ASSERT_OK(sn_netns_add("x", &x));
	rte_malloc_get_socket_stats(rte_socket_id(), &after);
	/* main's lpm (local is merged into it) and the two route hashes */
	printf("memory of a namespace with its tables: %zu bytes\n",
	       after.heap_allocsz_bytes - before.heap_allocsz_bytes);
	TEST_ASSERT(after.heap_allocsz_bytes - before.heap_allocsz_bytes <
		    100u << 20, "");
	TEST_ASSERT_OK(rte_vdev_init("net_null1", NULL));
	TEST_ASSERT_OK(rte_eth_dev_get_port_by_name("net_null1", &px));
	TEST_ASSERT_OK(sn_netns_link_add(x, px, "eth0"));
	TEST_ASSERT_OK(sn_netns_link_get(px, &dev));
	TEST_ASSERT_OK(addr(sn_netns_default(), true, 10, 0, 0, 5, 24,
			    eth_ifindex));
	TEST_ASSERT_OK(addr(x, true, 10, 0, 0, 5, 24, dev.ifindex));
	TEST_ASSERT_EQUAL(look(sn_netns_default(), A(10, 0, 0, 9)).port,
			  eth_port, "");
	TEST_ASSERT_EQUAL(look(x, A(10, 0, 0, 9)).port, px, "");
	TEST_ASSERT_EQUAL(look(x, A(10, 0, 0, 5)).port,
			  sn_netns_lo_port(x), "x's own lo");
	TEST_ASSERT_OK(route(x, SN_RTN_BLACKHOLE, A(10, 7, 0, 0), 16, 0, 0, 0,
			     0));
	TEST_ASSERT_EQUAL(look(sn_netns_default(), A(10, 7, 0, 1)).type,
			  SN_RTN_UNSPEC, "x's route stays in x");
	TEST_ASSERT_OK(sn_netns_del("x"));
	TEST_ASSERT(sn_netns_of_port(px) == sn_netns_default(), "");
	TEST_ASSERT_EQUAL(look(sn_netns_default(), A(10, 0, 0, 9)).port,
			  eth_port, "default unchanged");
	sn_netns_link_del(px);
	TEST_ASSERT_OK(rte_vdev_uninit("net_null1"));
	return TEST_SUCCESS;
}

/* Updates while a worker looks up: never a wrong answer, nothing leaks. */
static volatile int stop_worker;
static volatile uint64_t lookups, wrong;

static int
lookup_worker(void *arg)
{
	struct sn_netns *ns = arg;
	struct rte_rcu_qsbr *v = sn_softnet_qsbr();
	unsigned int lcore = rte_lcore_id();
	uint32_t dst[32];
	struct sn_fib_result res[32];
	unsigned int i;

	for (i = 0; i < 32; i++)
		dst[i] = A(10, 0, 0, 10 + i);
	rte_rcu_qsbr_thread_online(v, lcore);
	while (!stop_worker) {
		sn_route4_lookup_bulk(ns, dst, NULL, eth_ifindex, res, 32);
		for (i = 0; i < 32; i++)
			if (res[i].type != SN_RTN_UNICAST ||
			    res[i].port != eth_port)
				wrong++;
		lookups += 32;
		rte_rcu_qsbr_quiescent(v, lcore);
	}
	rte_rcu_qsbr_thread_offline(v, lcore);
	return 0;
}

static int
test_updates_during_lookups(void)
{
	struct sn_netns *ns = sn_netns_default();
	struct rte_malloc_socket_stats before, after;
	unsigned int round, i, used0;

	TEST_ASSERT_OK(addr(ns, true, 10, 0, 0, 5, 24, eth_ifindex));
	/* warm the entry array and the hash to their working size */
	for (i = 0; i < 4000; i++)
		TEST_ASSERT_OK(route(ns, SN_RTN_BLACKHOLE, A(20, i >> 8, i, 0),
				     24, 0, 0, 0, 0));
	for (i = 0; i < 4000; i++)
		TEST_ASSERT_OK(sn_route4_del(ns, &(struct sn_route4){
			.dst = A(20, i >> 8, i, 0), .plen = 24 }));
	used0 = sn_route4_entries_used(ns);
	/* routes with the same result share one next-hop entry */
	for (i = 0; i < 4000; i++)
		TEST_ASSERT_OK(route(ns, SN_RTN_BLACKHOLE, A(20, i >> 8, i, 0),
				     24, 0, 0, 0, 0));
	TEST_ASSERT_EQUAL(sn_route4_entries_used(ns), used0 + 1, "shared");
	for (i = 0; i < 4000; i++)
		TEST_ASSERT_OK(sn_route4_del(ns, &(struct sn_route4){
			.dst = A(20, i >> 8, i, 0), .plen = 24 }));
	TEST_ASSERT_EQUAL(sn_route4_entries_used(ns), used0, "released");
	rte_malloc_get_socket_stats(rte_socket_id(), &before);
	stop_worker = 0;
	TEST_ASSERT_OK(rte_eal_remote_launch(lookup_worker, ns, 1));
	for (round = 0; round < 5; round++) {
		for (i = 0; i < 4000; i++)
			TEST_ASSERT_OK(route(ns, SN_RTN_BLACKHOLE,
				A(20, i >> 8, i, 0), 24, 0, 0, 0, 0));
		/* more specific routes over the watched ones, and back,
		 * each through its own gateway (an entry each) */
		for (i = 0; i < 32; i++)
			TEST_ASSERT_OK(route(ns, SN_RTN_UNICAST,
				A(10, 0, 0, 10 + i), 32, A(10, 0, 0, 100 + i),
				eth_ifindex, 0, 0));
		for (i = 0; i < 32; i++)
			TEST_ASSERT_OK(sn_route4_del(ns, &(struct sn_route4){
				.dst = A(10, 0, 0, 10 + i), .plen = 32 }));
		for (i = 0; i < 4000; i++)
			TEST_ASSERT_OK(sn_route4_del(ns, &(struct sn_route4){
				.dst = A(20, i >> 8, i, 0), .plen = 24 }));
	}
	stop_worker = 1;
	rte_eal_mp_wait_lcore();
	rte_malloc_get_socket_stats(rte_socket_id(), &after);
	printf("%" PRIu64 " lookups during updates, %" PRIu64 " wrong; heap "
	       "%+zd bytes\n", lookups, wrong,
	       (ssize_t)(after.heap_allocsz_bytes - before.heap_allocsz_bytes));
	TEST_ASSERT(lookups > 0, "");
	TEST_ASSERT_EQUAL(wrong, 0, "");
	/* every entry of a deleted route came back (none leaked); the
	 * entry array may have doubled while reclamation lagged */
	TEST_ASSERT_EQUAL(sn_route4_entries_used(ns), used0, "");
	TEST_ASSERT(after.heap_allocsz_bytes - before.heap_allocsz_bytes <=
		    1u << 20, "bounded");
	return TEST_SUCCESS;
}

/* IPv6 (§5): ::1 on every lo, address routes, main's types, rules order. */
static char shown6[4096];

static int
show6_one(const struct sn_route6 *r, void *arg)
{
	static const char pref[] = " pref medium";
	size_t n = strlen(shown6), k;

	sn_route6_format(arg, r, shown6 + n, sizeof(shown6) - n);
	/* every IPv6 line ends as iproute2's: checked here once, left out
	 * of the cases' expected text */
	k = strlen(shown6);
	if (k - n < sizeof(pref) - 1 ||
	    strcmp(shown6 + k - (sizeof(pref) - 1), pref) != 0)
		snprintf(shown6 + k, sizeof(shown6) - k, " [no pref]");
	else
		shown6[k - (sizeof(pref) - 1)] = '\0';
	n = strlen(shown6);
	snprintf(shown6 + n, sizeof(shown6) - n, "\n");
	return 0;
}

static const char *
show6(struct sn_netns *ns, uint32_t table)
{
	shown6[0] = '\0';
	sn_route6_foreach(ns, table, show6_one, ns);
	return shown6;
}

static const struct sn_fib6_result *
look6(struct sn_netns *ns, const char *a)
{
	const struct sn_fib6_result *r;
	uint8_t d[1][16];

	inet_pton(AF_INET6, a, d[0]);
	sn_route6_lookup_bulk_ref(ns, (const uint8_t (*)[16])d, &r, 1);
	return r;
}

static int
route6(struct sn_netns *ns, uint8_t type, const char *dst, uint8_t plen,
       int oif, unsigned int flags)
{
	struct sn_route6 r = { .type = type, .plen = plen, .oif = oif };

	inet_pton(AF_INET6, dst, r.dst);
	return sn_route6_add(ns, &r, flags);
}

static int
route6_gw(struct sn_netns *ns, const char *dst, const char *gw, int oif)
{
	struct sn_route6 r = { .type = SN_RTN_UNICAST, .plen = 48,
			       .oif = oif };

	inet_pton(AF_INET6, dst, r.dst);
	inet_pton(AF_INET6, gw, r.gw);
	return sn_route6_add(ns, &r, 0);
}

/* IPv6 tables are bounded by max_routes too, and give every route back. */
static int
table_full6(struct sn_netns *ns)
{
	struct sn_route6 r = { .type = SN_RTN_BLACKHOLE, .plen = 24,
			       .table = 300 };
	unsigned int i, n = 0;
	int ret = 0;

	/* /24s: the TRIE's first level, no tbl8 group each */
	r.dst[0] = 0x20;
	for (i = 0; i < 20000 && ret == 0; i++) {
		r.dst[1] = (uint8_t)(0x10 + (i >> 8));
		r.dst[2] = (uint8_t)i;
		ret = sn_route6_add(ns, &r, 0);
		if (ret == 0)
			n++;
	}
	TEST_ASSERT_EQUAL(ret, -ENOSPC, "past max_routes");
	TEST_ASSERT_EQUAL(n, 16384, "");
	TEST_ASSERT_EQUAL(sn_route6_count(ns, 300), 16384, "");
	for (i = 0; i < n; i++) {
		r.dst[1] = (uint8_t)(0x10 + (i >> 8));
		r.dst[2] = (uint8_t)i;
		TEST_ASSERT_OK(sn_route6_del(ns, &r));
	}
	TEST_ASSERT_EQUAL(sn_route6_count(ns, 300), 0, "");
	return TEST_SUCCESS;
}

/* One prefix on two devices: the first address's device has the route;
 * removing that address hands the route to the other (dev and src), and
 * removing the last removes it, for IPv4 and IPv6 alike. */
static int
test_prefix_on_two_devices(void)
{
	struct sn_netns *ns = sn_netns_default();
	struct sn_ifaddr a6 = { .family = AF_INET6, .plen = 64,
				.ifindex = eth_ifindex };
	struct sn_ifaddr b6 = a6;
	struct sn_netdev dev;
	char buf[128];
	unsigned int k;
	uint16_t px;

	TEST_ASSERT_OK(rte_vdev_init("net_null1", NULL));
	TEST_ASSERT_OK(rte_eth_dev_get_port_by_name("net_null1", &px));
	TEST_ASSERT_OK(sn_netns_link_add(ns, px, "eth1"));
	TEST_ASSERT_OK(sn_netns_link_get(px, &dev));

	TEST_ASSERT_OK(addr(ns, true, 10, 9, 0, 5, 24, eth_ifindex));
	TEST_ASSERT_OK(addr(ns, true, 10, 9, 0, 6, 24, dev.ifindex));
	TEST_ASSERT_EQUAL(look(ns, A(10, 9, 0, 9)).port, eth_port, "first");
	/* each device's route, as fib_add_ifaddr appends them */
	TEST_ASSERT_OK(expect_show(ns, SN_RT_TABLE_MAIN,
		"10.9.0.0/24 dev eth0 proto kernel scope link src 10.9.0.5\n"
		"10.9.0.0/24 dev eth1 proto kernel scope link src 10.9.0.6\n"));
	TEST_ASSERT_OK(sn_route4_get_from(ns, A(10, 9, 0, 9), 0,
					  SN_LOOPBACK_IFINDEX, dev.ifindex,
					  buf, sizeof(buf)));
	TEST_ASSERT(strcmp(buf, "10.9.0.9 dev eth1 src 10.9.0.6") == 0,
		    "oif: its own route, '%s'", buf);
	/* a gateway on the second device's subnet, through it */
	TEST_ASSERT_OK(route(ns, SN_RTN_UNICAST, A(10, 8, 0, 0), 24,
			     A(10, 9, 0, 7), dev.ifindex, 0, 0));
	TEST_ASSERT_EQUAL(look(ns, A(10, 8, 0, 1)).port, px, "");
	TEST_ASSERT_OK(sn_route4_del(ns, &(struct sn_route4){
		.dst = A(10, 8, 0, 0), .plen = 24 }));
	/* one device down: the other's route is left, and the first's
	 * comes back after it (appended) */
	TEST_ASSERT_OK(sn_netns_link_set_up(eth_port, false));
	TEST_ASSERT_EQUAL(look(ns, A(10, 9, 0, 9)).port, px, "the other's");
	TEST_ASSERT_OK(sn_netns_link_set_up(eth_port, true));
	TEST_ASSERT_OK(expect_show(ns, SN_RT_TABLE_MAIN,
		"10.9.0.0/24 dev eth1 proto kernel scope link src 10.9.0.6\n"
		"10.9.0.0/24 dev eth0 proto kernel scope link src 10.9.0.5\n"));
	TEST_ASSERT_OK(addr(ns, false, 10, 9, 0, 5, 24, eth_ifindex));
	TEST_ASSERT_EQUAL(look(ns, A(10, 9, 0, 9)).port, px, "handed over");
	TEST_ASSERT_OK(sn_route4_get(ns, A(10, 9, 0, 9), buf, sizeof(buf)));
	TEST_ASSERT(strcmp(buf, "10.9.0.9 dev eth1 src 10.9.0.6") == 0,
		    "'%s'", buf);
	TEST_ASSERT_OK(addr(ns, false, 10, 9, 0, 6, 24, dev.ifindex));
	TEST_ASSERT_EQUAL(look(ns, A(10, 9, 0, 9)).type, SN_RTN_UNSPEC, "");

	/* three on one device: removing one that does not own the route
	 * leaves it; removing its owner hands it to the first remaining
	 * (promote_secondaries: else its secondaries would go with it) */
	sn_netns_set_promote_secondaries(ns, true);
	TEST_ASSERT_OK(addr(ns, true, 10, 9, 0, 1, 24, dev.ifindex));
	TEST_ASSERT_OK(addr(ns, true, 10, 9, 0, 2, 24, eth_ifindex));
	TEST_ASSERT_OK(addr(ns, true, 10, 9, 0, 3, 24, eth_ifindex));
	TEST_ASSERT_OK(addr(ns, true, 10, 9, 0, 4, 24, eth_ifindex));
	TEST_ASSERT_OK(addr(ns, false, 10, 9, 0, 3, 24, eth_ifindex));
	TEST_ASSERT_OK(sn_route4_get(ns, A(10, 9, 0, 9), buf, sizeof(buf)));
	TEST_ASSERT(strcmp(buf, "10.9.0.9 dev eth1 src 10.9.0.1") == 0,
		    "not its route: unchanged, '%s'", buf);
	TEST_ASSERT_OK(addr(ns, false, 10, 9, 0, 1, 24, dev.ifindex));
	TEST_ASSERT_OK(sn_route4_get(ns, A(10, 9, 0, 9), buf, sizeof(buf)));
	TEST_ASSERT(strcmp(buf, "10.9.0.9 dev eth0 src 10.9.0.2") == 0,
		    "to the first remaining, '%s'", buf);
	/* the user's own route of the prefix is never rewritten */
	TEST_ASSERT_OK(route(ns, SN_RTN_BLACKHOLE, A(10, 9, 0, 0), 24, 0, 0,
			     0, SN_RT_F_REPLACE));
	TEST_ASSERT_OK(addr(ns, false, 10, 9, 0, 2, 24, eth_ifindex));
	TEST_ASSERT_EQUAL(look(ns, A(10, 9, 0, 9)).type, SN_RTN_BLACKHOLE, "");
	TEST_ASSERT_OK(addr(ns, false, 10, 9, 0, 4, 24, eth_ifindex));
	TEST_ASSERT_EQUAL(look(ns, A(10, 9, 0, 9)).type, SN_RTN_BLACKHOLE,
			  "the user's, not a kernel route: kept");
	TEST_ASSERT_OK(sn_route4_del(ns, &(struct sn_route4){
		.dst = A(10, 9, 0, 0), .plen = 24 }));

	/* sources past the 64th address: a secondary's local route says
	 * its primary (fib_add_ifaddr's prim) */
	for (k = 0; k < 70; k++)
		TEST_ASSERT_OK(addr(ns, true, 10, 200, 0, (uint8_t)(k + 1), 32,
				    dev.ifindex));
	TEST_ASSERT_OK(addr(ns, true, 10, 201, 0, 1, 24, eth_ifindex));
	TEST_ASSERT_OK(addr(ns, true, 10, 201, 0, 2, 24, eth_ifindex));
	TEST_ASSERT_OK(sn_route4_get(ns, A(10, 201, 0, 2), buf, sizeof(buf)));
	TEST_ASSERT(strcmp(buf, "local 10.201.0.2 dev lo src 10.201.0.1") == 0,
		    "'%s'", buf);
	TEST_ASSERT_OK(route(ns, SN_RTN_UNICAST, A(10, 202, 0, 0), 16, 0,
			     eth_ifindex, 0, 0));
	TEST_ASSERT_OK(sn_route4_get(ns, A(10, 202, 0, 1), buf, sizeof(buf)));
	TEST_ASSERT(strcmp(buf, "10.202.0.1 dev eth0 src 10.201.0.1") == 0,
		    "'%s'", buf);
	/* a secondary gone leaves the user's deletions deleted */
	TEST_ASSERT_OK(addr(ns, true, 10, 201, 0, 3, 24, eth_ifindex));
	TEST_ASSERT_OK(sn_route4_del(ns, &(struct sn_route4){
		.dst = A(10, 201, 0, 0), .plen = 24 }));
	TEST_ASSERT_OK(addr(ns, false, 10, 201, 0, 3, 24, eth_ifindex));
	TEST_ASSERT_EQUAL(look(ns, A(10, 201, 0, 9)).type, SN_RTN_UNSPEC,
			  "not brought back");
	TEST_ASSERT_OK(addr(ns, false, 10, 201, 0, 1, 24, eth_ifindex));
	for (k = 0; k < 70; k++)
		TEST_ASSERT_OK(addr(ns, false, 10, 200, 0, (uint8_t)(k + 1), 32,
				    dev.ifindex));

	inet_pton(AF_INET6, "2001:db8:9::5", a6.addr);
	inet_pton(AF_INET6, "2001:db8:9::6", b6.addr);
	b6.ifindex = dev.ifindex;
	TEST_ASSERT_OK(sn_netns_addr_add(ns, &a6));
	TEST_ASSERT_OK(sn_netns_addr_add(ns, &b6));
	TEST_ASSERT_EQUAL(look6(ns, "2001:db8:9::9")->port, eth_port,
			  "the first keeps it (it was replaced by the second)");
	TEST_ASSERT_OK(sn_netns_addr_del(ns, &b6));
	TEST_ASSERT_EQUAL(look6(ns, "2001:db8:9::9")->port, eth_port,
			  "the second's removal leaves the first's (was lost)");
	TEST_ASSERT_OK(sn_netns_addr_add(ns, &b6));
	TEST_ASSERT_OK(sn_netns_addr_del(ns, &a6));
	TEST_ASSERT_EQUAL(look6(ns, "2001:db8:9::9")->port, px,
			  "handed over");
	TEST_ASSERT_EQUAL(look6(ns, "2001:db8:9::6")->type, SN_RTN_LOCAL, "");
	TEST_ASSERT_OK(sn_netns_addr_del(ns, &b6));
	TEST_ASSERT_EQUAL(look6(ns, "2001:db8:9::9")->type, SN_RTN_UNSPEC,
			  "");
	/* the user's route of the prefix stays the user's */
	TEST_ASSERT_OK(sn_netns_addr_add(ns, &a6));
	TEST_ASSERT_OK(route6(ns, SN_RTN_BLACKHOLE, "2001:db8:9::", 64, 0,
			      SN_RT_F_REPLACE));
	TEST_ASSERT_OK(sn_netns_addr_add(ns, &b6));
	TEST_ASSERT_OK(sn_netns_addr_del(ns, &b6));
	TEST_ASSERT_OK(sn_netns_addr_del(ns, &a6));
	TEST_ASSERT_EQUAL(look6(ns, "2001:db8:9::9")->type, SN_RTN_BLACKHOLE,
			  "");
	TEST_ASSERT_OK(sn_route6_del(ns, &(struct sn_route6){
		.dst = { 0x20, 0x01, 0x0d, 0xb8, 0, 9 }, .plen = 64 }));
	sn_netns_link_del(px);
	TEST_ASSERT_OK(rte_vdev_uninit("net_null1"));
	return TEST_SUCCESS;
}

static int
test_ipv6_tables(void)
{
	struct sn_netns *ns = sn_netns_default(), *blue;
	struct sn_ifaddr a = { .family = AF_INET6, .plen = 64,
			       .ifindex = eth_ifindex };
	const struct sn_fib6_result *r;
	struct sn_route6 del = { .plen = 48, .type = SN_RTN_BLACKHOLE };
	unsigned int used, i;
	char buf[256];
	uint8_t d[16];

	/* R4: ::1/128 on lo, local through lo; no main routes yet */
	TEST_ASSERT(strcmp(show6(ns, SN_RT_TABLE_LOCAL), "local ::1 dev lo "
			   "table local proto kernel metric 0\n") == 0, "%s",
		    shown6);
	TEST_ASSERT_EQUAL(sn_route6_count(ns, SN_RT_TABLE_MAIN), 0, "");
	r = look6(ns, "::1");
	TEST_ASSERT_EQUAL(r->type, SN_RTN_LOCAL, "");
	TEST_ASSERT_EQUAL(r->port, sn_netns_lo_port(ns), "through lo");
	TEST_ASSERT_EQUAL(look6(ns, "::2")->type, SN_RTN_UNSPEC, "");

	/* an address: local /128 and the prefix route (metric 256) */
	inet_pton(AF_INET6, "2001:db8::5", a.addr);
	TEST_ASSERT_OK(sn_netns_addr_add(ns, &a));
	TEST_ASSERT(strcmp(show6(ns, SN_RT_TABLE_LOCAL),
			   "local ::1 dev lo table local proto kernel metric 0\n"
			   "local 2001:db8::5 dev eth0 table local proto "
			   "kernel metric 0\n") == 0, "%s", shown6);
	TEST_ASSERT(strcmp(show6(ns, SN_RT_TABLE_MAIN), "2001:db8::/64 dev "
			   "eth0 proto kernel metric 256\n") == 0, "%s",
		    shown6);
	r = look6(ns, "2001:db8::9");
	TEST_ASSERT_EQUAL(r->type, SN_RTN_UNICAST, "");
	TEST_ASSERT_EQUAL(r->port, eth_port, "");
	TEST_ASSERT_EQUAL(look6(ns, "2001:db8::5")->type, SN_RTN_LOCAL,
			  "rule 0 (local) before main");
	inet_pton(AF_INET6, "2001:db8::5", d);
	TEST_ASSERT_OK(sn_route6_get(ns, d, buf, sizeof(buf)));
	/* rt6_fill_node's words: from ::, proto, metric, pref */
	TEST_ASSERT(strcmp(buf, "local 2001:db8::5 from :: dev lo table local "
			   "proto kernel src 2001:db8::5 metric 0 pref medium")
		    == 0, "'%s'", buf);
	/* two addresses of the subnet: their common prefixes with the
	 * destination count up to their prefix length (equal here), and
	 * then the newer wins, as a Linux device lists it first */
	{
		struct sn_ifaddr b = a;

		inet_pton(AF_INET6, "2001:db8::6", b.addr);
		TEST_ASSERT_OK(sn_netns_addr_add(ns, &b));
		inet_pton(AF_INET6, "2001:db8::1", d);
		TEST_ASSERT_OK(sn_route6_get(ns, d, buf, sizeof(buf)));
		TEST_ASSERT(strstr(buf, " src 2001:db8::6 ") != NULL,
			    "the newer of equal candidates: '%s'", buf);
		TEST_ASSERT_OK(sn_netns_addr_del(ns, &b));
	}
	/* a /128 gets its main route too, as addrconf_prefix_route (lo's
	 * ::1 has none); it goes with the address */
	{
		struct sn_ifaddr h = { .family = AF_INET6, .plen = 128,
				       .ifindex = eth_ifindex };

		inet_pton(AF_INET6, "2001:db8:77::1", h.addr);
		TEST_ASSERT_OK(sn_netns_addr_add(ns, &h));
		TEST_ASSERT(strcmp(show6(ns, SN_RT_TABLE_MAIN),
			"2001:db8::/64 dev eth0 proto kernel metric 256\n"
			"2001:db8:77::1 dev eth0 proto kernel metric 256\n") ==
			0, "%s", shown6);
		TEST_ASSERT_EQUAL(look6(ns, "2001:db8:77::1")->type,
				  SN_RTN_LOCAL, "");
		TEST_ASSERT_OK(sn_netns_addr_del(ns, &h));
		TEST_ASSERT_EQUAL(sn_route6_count(ns, SN_RT_TABLE_MAIN), 1,
				  "");
	}

	/* route types in main, and the errors */
	TEST_ASSERT_OK(route6(ns, SN_RTN_BLACKHOLE, "2001:db8:1::", 48, 0, 0));
	TEST_ASSERT_OK(route6(ns, SN_RTN_UNREACHABLE, "2001:db8:2::", 48, 0,
			      0));
	TEST_ASSERT_EQUAL(route6(ns, SN_RTN_BLACKHOLE, "2001:db8:1::", 48, 0,
				 0), -EEXIST, "");
	TEST_ASSERT_EQUAL(route6(ns, SN_RTN_BLACKHOLE, "2001:db8:1::1", 48, 0,
				 0), -EINVAL, "host bits");
	TEST_ASSERT_EQUAL(route6(ns, SN_RTN_UNICAST, "2001:db8:3::", 48, 0,
				 0), -EINVAL, "no device");
	/* ip6_validate_gw with a device given: a gateway of its subnet,
	 * not ours, not through lo */
	TEST_ASSERT_EQUAL(route6_gw(ns, "2001:db8:3::", "2001:db9::1",
				    eth_ifindex), -EHOSTUNREACH, "off-link");
	TEST_ASSERT_EQUAL(route6_gw(ns, "2001:db8:3::", "2001:db8::5",
				    eth_ifindex), -EINVAL, "ours");
	TEST_ASSERT_EQUAL(route6_gw(ns, "2001:db8:3::", "fe80::1",
				    SN_LOOPBACK_IFINDEX), -EINVAL, "lo");
	TEST_ASSERT_OK(route6_gw(ns, "2001:db8:3::", "2001:db8::1",
				 eth_ifindex));
	TEST_ASSERT_EQUAL(look6(ns, "2001:db8:1::7")->type, SN_RTN_BLACKHOLE,
			  "");
	inet_pton(AF_INET6, "2001:db8:2::7", d);
	TEST_ASSERT_EQUAL(sn_route6_get(ns, d, buf, sizeof(buf)),
			  -EHOSTUNREACH, "");
	TEST_ASSERT_EQUAL(look6(ns, "2001:db9::1")->type, SN_RTN_UNSPEC, "");
	TEST_ASSERT_OK(route6(ns, SN_RTN_UNICAST, "::", 0, eth_ifindex, 0));
	TEST_ASSERT_EQUAL(look6(ns, "2001:db9::1")->type, SN_RTN_UNICAST,
			  "default route");
	/* a throw in main: no rule after it (IPv6 has no 32767), so no
	 * route, even with main's default */
	TEST_ASSERT_OK(route6(ns, SN_RTN_THROW, "2001:db8:9::", 48, 0, 0));
	TEST_ASSERT_EQUAL(look6(ns, "2001:db8:9::1")->type, SN_RTN_UNSPEC,
			  "thrown");
	/* routes with the same result share one entry, released with them */
	used = sn_route6_entries_used(ns);
	for (i = 0; i < 300; i++) {
		snprintf(buf, sizeof(buf), "2001:db8:%x::", 0x100 + i);
		TEST_ASSERT_OK(route6(ns, SN_RTN_BLACKHOLE, buf, 48, 0, 0));
	}
	TEST_ASSERT_EQUAL(sn_route6_entries_used(ns), used,
			  "as 2001:db8:1::/48's");
	TEST_ASSERT_EQUAL(look6(ns, "2001:db8:1ab::1")->type,
			  SN_RTN_BLACKHOLE, "");
	for (i = 0; i < 300; i++) {
		snprintf(buf, sizeof(buf), "2001:db8:%x::", 0x100 + i);
		inet_pton(AF_INET6, buf, del.dst);
		TEST_ASSERT_OK(sn_route6_del(ns, &del));
	}
	inet_pton(AF_INET6, "2001:db8:9::", del.dst);
	del.type = SN_RTN_THROW;
	TEST_ASSERT_OK(sn_route6_del(ns, &del));
	del.type = SN_RTN_BLACKHOLE;
	TEST_ASSERT_EQUAL(sn_route6_entries_used(ns), used - 1,
			  "the throw's entry released");
	inet_pton(AF_INET6, "2001:db8:1::", del.dst);
	TEST_ASSERT_OK(sn_route6_del(ns, &del));
	TEST_ASSERT_EQUAL(sn_route6_del(ns, &del), -ESRCH, "");
	TEST_ASSERT_EQUAL(look6(ns, "2001:db8:1::7")->type, SN_RTN_UNICAST,
			  "the default again");

	/* R5: the address goes, its routes go */
	TEST_ASSERT_OK(sn_netns_addr_del(ns, &a));
	TEST_ASSERT(strcmp(show6(ns, SN_RT_TABLE_LOCAL), "local ::1 dev lo "
			   "table local proto kernel metric 0\n") == 0, "%s",
		    shown6);
	TEST_ASSERT_EQUAL(look6(ns, "2001:db8::5")->type, SN_RTN_UNICAST,
			  "only the default route left");

	/* another namespace has its own ::1 through its own lo */
	TEST_ASSERT_OK(sn_netns_add("blue", &blue));
	r = look6(blue, "::1");
	TEST_ASSERT_EQUAL(r->type, SN_RTN_LOCAL, "");
	TEST_ASSERT_EQUAL(r->port, sn_netns_lo_port(blue), "");
	TEST_ASSERT_EQUAL(look6(blue, "2001:db9::1")->type, SN_RTN_UNSPEC,
			  "default's routes are not blue's");
	TEST_ASSERT_OK(sn_netns_del("blue"));
	/* an address that comes and goes: table local's lock-free hash gets
	 * its slot back each time (it holds 1,024) */
	for (i = 0; i < 1500; i++) {
		struct sn_route6 l = { .type = SN_RTN_LOCAL, .plen = 128,
				       .oif = eth_ifindex };

		inet_pton(AF_INET6, "2001:db8::99", l.dst);
		TEST_ASSERT_OK(sn_route6_add(ns, &l, 0));
		TEST_ASSERT_OK(sn_route6_del(ns, &l));
	}
	TEST_ASSERT_OK(table_full6(ns));
	return TEST_SUCCESS;
}

/* IPv6 rules: a user table, a source selector, actions, order, back to
 * the default rules. */
static const struct sn_fib6_result *
look6_from(struct sn_netns *ns, const char *dst, const char *src, int iif)
{
	const struct sn_fib6_result *r;
	uint8_t d[1][16], f[1][16];

	inet_pton(AF_INET6, dst, d[0]);
	inet_pton(AF_INET6, src, f[0]);
	sn_route6_lookup_bulk_ref_from(ns, (const uint8_t (*)[16])d,
				       (const uint8_t (*)[16])f, iif, &r, 1);
	return r;
}

static char rules6[1024];

static int
show_rule6(const struct sn_rule6 *r, void *arg)
{
	size_t n = strlen(rules6);

	sn_rule6_format(arg, r, rules6 + n, sizeof(rules6) - n);
	n = strlen(rules6);
	snprintf(rules6 + n, sizeof(rules6) - n, "\n");
	return 0;
}

static int
test_ipv6_rules(void)
{
	struct sn_netns *ns = sn_netns_default();
	struct sn_route6 r = { .type = SN_RTN_UNICAST, .plen = 0,
			       .table = 100, .oif = eth_ifindex };
	struct sn_rule6 ru = { .pref = SN_RULE_PREF_AUTO, .src_len = 48,
			       .action = SN_FR_ACT_TO_TBL, .table = 100 };
	struct sn_rule6 pr = { .pref = 50, .dst_len = 32,
			       .action = SN_FR_ACT_PROHIBIT };

	rules6[0] = '\0';
	sn_rule6_foreach(ns, show_rule6, ns);
	TEST_ASSERT(strcmp(rules6, "0:\tfrom all lookup local\n"
			   "32766:\tfrom all lookup main\n") == 0, "%s",
		    rules6);
	/* a default route in user table 100, for 2001:db8:1::/48 sources */
	TEST_ASSERT_OK(sn_route6_add(ns, &r, 0));
	TEST_ASSERT_EQUAL(sn_route6_count(ns, 100), 1, "");
	inet_pton(AF_INET6, "2001:db8:1::", ru.src);
	TEST_ASSERT_OK(sn_rule6_add(ns, &ru));
	TEST_ASSERT_EQUAL(sn_rule6_add(ns, &(struct sn_rule6){ .pref = 32765,
		.src = { 0x20, 0x01, 0x0d, 0xb8, 0, 1 }, .src_len = 48,
		.action = SN_FR_ACT_TO_TBL, .table = 100 }), -EEXIST, "");
	inet_pton(AF_INET6, "2001:db9::", pr.dst);
	TEST_ASSERT_OK(sn_rule6_add(ns, &pr));
	rules6[0] = '\0';
	sn_rule6_foreach(ns, show_rule6, ns);
	TEST_ASSERT(strcmp(rules6, "0:\tfrom all lookup local\n"
			   "50:\tfrom all to 2001:db9::/32 prohibit\n"
			   "32765:\tfrom 2001:db8:1::/48 lookup 100\n"
			   "32766:\tfrom all lookup main\n") == 0, "%s",
		    rules6);
	TEST_ASSERT_EQUAL(look6_from(ns, "2001:dba::1", "2001:db8:1::9",
				     eth_ifindex)->type, SN_RTN_UNICAST,
			  "table 100 by source");
	TEST_ASSERT_EQUAL(look6_from(ns, "2001:dba::1", "2001:db8:2::9",
				     eth_ifindex)->type, SN_RTN_UNSPEC,
			  "other sources: main has no route");
	TEST_ASSERT_EQUAL(look6_from(ns, "2001:db9::1", "2001:db8:1::9",
				     eth_ifindex)->type, SN_RTN_PROHIBIT,
			  "pref 50 first");
	TEST_ASSERT_EQUAL(look6_from(ns, "::1", "2001:db8:1::9",
				     eth_ifindex)->type, SN_RTN_LOCAL,
			  "rule 0 first");
	/* a second rule of preference 50 goes after the first */
	{
		struct sn_rule6 bh = { .pref = 50, .dst_len = 48,
				       .action = SN_FR_ACT_BLACKHOLE };

		inet_pton(AF_INET6, "2001:db9:1::", bh.dst);
		TEST_ASSERT_OK(sn_rule6_add(ns, &bh));
		rules6[0] = '\0';
		sn_rule6_foreach(ns, show_rule6, ns);
		TEST_ASSERT(strstr(rules6,
			"50:\tfrom all to 2001:db9::/32 prohibit\n"
			"50:\tfrom all to 2001:db9:1::/48 blackhole\n") != NULL,
			"%s", rules6);
		TEST_ASSERT_EQUAL(look6_from(ns, "2001:db9:1::1",
					     "2001:db8:1::9",
					     eth_ifindex)->type,
				  SN_RTN_PROHIBIT, "the first added first");
		TEST_ASSERT_OK(sn_rule6_del(ns, &bh));
	}
	/* oif: only output lookups bound to the device match (ip -6 route
	 * get A oif DEV); the datapath's are bound to none. Bound with no
	 * source (RT6_LOOKUP_F_IFACE), only routes through the device
	 * qualify: a reject route (on lo in Linux) does not */
	{
		struct sn_route6 bh = { .type = SN_RTN_BLACKHOLE, .plen = 0,
					.table = 101 };
		struct sn_route6 dv = { .type = SN_RTN_UNICAST, .plen = 0,
					.table = 101, .oif = eth_ifindex };
		struct sn_rule6 o = { .pref = 40, .oif = eth_ifindex,
				      .action = SN_FR_ACT_TO_TBL,
				      .table = 101 };
		char buf[256];
		uint8_t d[16];

		TEST_ASSERT_OK(sn_route6_add(ns, &bh, 0));
		TEST_ASSERT_OK(sn_rule6_add(ns, &o));
		inet_pton(AF_INET6, "2001:dba::1", d);
		TEST_ASSERT_EQUAL(sn_route6_get_from(ns, d, NULL,
						     SN_LOOPBACK_IFINDEX,
						     eth_ifindex, buf,
						     sizeof(buf)), -ENETUNREACH,
				  "table 101's blackhole is not eth0's: %s",
				  buf);
		TEST_ASSERT_EQUAL(sn_route6_get_from(ns, d,
			(const uint8_t [16]){ 0x20, 0x01, 0x0d, 0xb8, 0, 2,
					      [15] = 9 },
			SN_LOOPBACK_IFINDEX, eth_ifindex, buf, sizeof(buf)),
			-EINVAL, "with a source, oif is a preference: "
			"table 101's blackhole: %s", buf);
		TEST_ASSERT_OK(sn_route6_del(ns, &bh));
		TEST_ASSERT_OK(sn_route6_add(ns, &dv, 0));
		TEST_ASSERT_OK(sn_route6_get_from(ns, d, NULL,
						  SN_LOOPBACK_IFINDEX,
						  eth_ifindex, buf,
						  sizeof(buf)));
		TEST_ASSERT(strstr(buf, "dev eth0 table 101") != NULL, "%s",
			    buf);
		TEST_ASSERT_EQUAL(sn_route6_get_from(ns, d, NULL,
						     SN_LOOPBACK_IFINDEX, 0,
						     buf, sizeof(buf)),
				  -ENETUNREACH, "unbound: %s", buf);
		TEST_ASSERT_EQUAL(look6_from(ns, "2001:dba::1",
					     "2001:db8:2::9",
					     eth_ifindex)->type,
				  SN_RTN_UNSPEC, "the datapath: unbound");
		TEST_ASSERT_OK(sn_rule6_del(ns, &o));
		TEST_ASSERT_OK(sn_route6_del(ns, &dv));
	}
	/* not: what the selectors do not match; host bits kept, so a
	 * delete names the address as given */
	{
		struct sn_rule6 nr = { .pref = 45, .src_len = 48,
				       .invert = true,
				       .action = SN_FR_ACT_BLACKHOLE };

		inet_pton(AF_INET6, "2001:db8:1::77", nr.src);
		TEST_ASSERT_OK(sn_rule6_add(ns, &nr));
		TEST_ASSERT_EQUAL(look6_from(ns, "2001:dba::1",
					     "2001:db8:2::9",
					     eth_ifindex)->type,
				  SN_RTN_BLACKHOLE, "not from 2001:db8:1::/48");
		TEST_ASSERT_EQUAL(look6_from(ns, "2001:dba::1",
					     "2001:db8:1::9",
					     eth_ifindex)->type,
				  SN_RTN_UNICAST, "from it: table 100");
		rules6[0] = '\0';
		sn_rule6_foreach(ns, show_rule6, ns);
		TEST_ASSERT(strstr(rules6, "45:\tnot from 2001:db8:1::77/48 "
				   "blackhole\n") != NULL, "%s", rules6);
		inet_pton(AF_INET6, "2001:db8:1::", nr.src);
		TEST_ASSERT_EQUAL(sn_rule6_del(ns, &nr), -ENOENT,
				  "the address as given");
		inet_pton(AF_INET6, "2001:db8:1::77", nr.src);
		TEST_ASSERT_OK(sn_rule6_del(ns, &nr));
	}
	/* delete by selector; then the default rules again */
	TEST_ASSERT_OK(sn_rule6_del(ns, &(struct sn_rule6){
		.pref = SN_RULE_PREF_AUTO, .action = SN_FR_ACT_PROHIBIT }));
	TEST_ASSERT_OK(sn_rule6_del(ns, &ru));
	TEST_ASSERT_EQUAL(sn_rule6_del(ns, &ru), -ENOENT, "");
	TEST_ASSERT_EQUAL(look6_from(ns, "2001:dba::1", "2001:db8:1::9",
				     eth_ifindex)->type, SN_RTN_UNSPEC, "");
	rules6[0] = '\0';
	sn_rule6_foreach(ns, show_rule6, ns);
	TEST_ASSERT(strcmp(rules6, "0:\tfrom all lookup local\n"
			   "32766:\tfrom all lookup main\n") == 0, "%s",
		    rules6);
	return TEST_SUCCESS;
}

/* Routes of one prefix with other metrics: the lowest is looked up, the
 * others take over in order, as Linux's fib aliases by priority. */
static int
test_metrics(void)
{
	struct sn_netns *ns = sn_netns_default();
	struct sn_route4 r = { .type = SN_RTN_UNICAST, .dst = A(10, 9, 0, 0),
			       .plen = 16, .proto = SN_RTPROT_BOOT };
	unsigned int used0;

	TEST_ASSERT_OK(addr(ns, true, 10, 0, 0, 5, 24, eth_ifindex));
	r.gw = A(10, 0, 0, 1);
	r.metric = 100;
	TEST_ASSERT_OK(sn_route4_add(ns, &r, 0));
	TEST_ASSERT_EQUAL(look(ns, A(10, 9, 1, 1)).gw, A(10, 0, 0, 1), "");
	r.gw = A(10, 0, 0, 2);
	r.metric = 50;
	TEST_ASSERT_OK(sn_route4_add(ns, &r, 0));
	TEST_ASSERT_EQUAL(look(ns, A(10, 9, 1, 1)).gw, A(10, 0, 0, 2),
			  "the lower metric wins");
	TEST_ASSERT_EQUAL(sn_route4_add(ns, &r, 0), -EEXIST, "same metric");
	r.gw = A(10, 0, 0, 3);
	r.metric = 200;
	TEST_ASSERT_OK(sn_route4_add(ns, &r, 0));
	r.gw = A(10, 0, 0, 4);
	r.metric = 50;
	TEST_ASSERT_OK(sn_route4_add(ns, &r, SN_RT_F_REPLACE));
	TEST_ASSERT_EQUAL(look(ns, A(10, 9, 1, 1)).gw, A(10, 0, 0, 4),
			  "replaced at its metric");
	TEST_ASSERT_EQUAL(sn_route4_count(ns, SN_RT_TABLE_MAIN), 4,
			  "10.0.0.0/24 and three of 10.9.0.0/16");
	TEST_ASSERT_OK(expect_show(ns, SN_RT_TABLE_MAIN,
		"10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.5\n"
		"10.9.0.0/16 via 10.0.0.4 dev eth0 metric 50\n"
		"10.9.0.0/16 via 10.0.0.1 dev eth0 metric 100\n"
		"10.9.0.0/16 via 10.0.0.3 dev eth0 metric 200\n"));
	/* a delete without a metric takes the lowest; the next takes over */
	TEST_ASSERT_OK(sn_route4_del(ns, &(struct sn_route4){
		.dst = A(10, 9, 0, 0), .plen = 16 }));
	TEST_ASSERT_EQUAL(look(ns, A(10, 9, 1, 1)).gw, A(10, 0, 0, 1), "");
	TEST_ASSERT_EQUAL(sn_route4_del(ns, &(struct sn_route4){
		.dst = A(10, 9, 0, 0), .plen = 16, .metric = 999 }), -ESRCH,
		"");
	TEST_ASSERT_OK(sn_route4_del(ns, &(struct sn_route4){
		.dst = A(10, 9, 0, 0), .plen = 16, .metric = 200 }));
	TEST_ASSERT_EQUAL(look(ns, A(10, 9, 1, 1)).gw, A(10, 0, 0, 1),
			  "a higher metric went: nothing changes");
	TEST_ASSERT_OK(sn_route4_del(ns, &(struct sn_route4){
		.dst = A(10, 9, 0, 0), .plen = 16 }));
	TEST_ASSERT_EQUAL(look(ns, A(10, 9, 1, 1)).type, SN_RTN_UNSPEC, "");
	TEST_ASSERT_EQUAL(sn_route4_count(ns, SN_RT_TABLE_MAIN), 1, "");

	/* ip route append and prepend: more routes of one metric (fib
	 * aliases), in their order; the first is looked up, the same route
	 * again is -EEXIST, a delete without selectors takes the first */
	used0 = sn_route4_entries_used(ns);
	r.metric = 0;
	r.gw = A(10, 0, 0, 1);
	TEST_ASSERT_OK(sn_route4_add(ns, &r, SN_RT_F_APPEND));
	r.gw = A(10, 0, 0, 2);
	TEST_ASSERT_EQUAL(sn_route4_add(ns, &r, 0), -EEXIST, "add: one there");
	TEST_ASSERT_OK(sn_route4_add(ns, &r, SN_RT_F_APPEND));
	TEST_ASSERT_EQUAL(sn_route4_add(ns, &r, SN_RT_F_APPEND), -EEXIST,
			  "the same route again");
	TEST_ASSERT_EQUAL(sn_route4_add(ns, &r, SN_RT_F_PREPEND), -EEXIST,
			  "");
	TEST_ASSERT_EQUAL(look(ns, A(10, 9, 1, 1)).gw, A(10, 0, 0, 1),
			  "appended: the first stays looked up");
	r.gw = A(10, 0, 0, 3);
	TEST_ASSERT_OK(sn_route4_add(ns, &r, SN_RT_F_PREPEND));
	TEST_ASSERT_EQUAL(look(ns, A(10, 9, 1, 1)).gw, A(10, 0, 0, 3),
			  "prepended: looked up");
	r.gw = A(10, 0, 0, 4);
	r.metric = 7;
	TEST_ASSERT_OK(sn_route4_add(ns, &r, SN_RT_F_PREPEND));
	r.gw = A(10, 0, 0, 6);
	TEST_ASSERT_OK(sn_route4_add(ns, &r, SN_RT_F_APPEND));
	r.gw = A(10, 0, 0, 5);
	TEST_ASSERT_OK(sn_route4_add(ns, &r, SN_RT_F_PREPEND));
	TEST_ASSERT_OK(expect_show(ns, SN_RT_TABLE_MAIN,
		"10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.5\n"
		"10.9.0.0/16 via 10.0.0.3 dev eth0\n"
		"10.9.0.0/16 via 10.0.0.1 dev eth0\n"
		"10.9.0.0/16 via 10.0.0.2 dev eth0\n"
		"10.9.0.0/16 via 10.0.0.5 dev eth0 metric 7\n"
		"10.9.0.0/16 via 10.0.0.4 dev eth0 metric 7\n"
		"10.9.0.0/16 via 10.0.0.6 dev eth0 metric 7\n"));
	TEST_ASSERT_EQUAL(sn_route4_count(ns, SN_RT_TABLE_MAIN), 7, "");
	r.gw = A(10, 0, 0, 9);
	TEST_ASSERT_OK(sn_route4_add(ns, &r, SN_RT_F_REPLACE));
	TEST_ASSERT_OK(sn_route4_del(ns, &(struct sn_route4){
		.dst = A(10, 9, 0, 0), .plen = 16, .gw = A(10, 0, 0, 1) }));
	TEST_ASSERT_OK(sn_route4_del(ns, &(struct sn_route4){
		.dst = A(10, 9, 0, 0), .plen = 16 }));
	TEST_ASSERT_EQUAL(look(ns, A(10, 9, 1, 1)).gw, A(10, 0, 0, 2),
			  "the next of the metric takes over");
	TEST_ASSERT_OK(expect_show(ns, SN_RT_TABLE_MAIN,
		"10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.5\n"
		"10.9.0.0/16 via 10.0.0.2 dev eth0\n"
		"10.9.0.0/16 via 10.0.0.9 dev eth0 metric 7\n"
		"10.9.0.0/16 via 10.0.0.4 dev eth0 metric 7\n"
		"10.9.0.0/16 via 10.0.0.6 dev eth0 metric 7\n"));
	while (sn_route4_del(ns, &(struct sn_route4){
		.dst = A(10, 9, 0, 0), .plen = 16 }) == 0)
		;
	TEST_ASSERT_EQUAL(look(ns, A(10, 9, 1, 1)).type, SN_RTN_UNSPEC, "");
	TEST_ASSERT_EQUAL(sn_route4_count(ns, SN_RT_TABLE_MAIN), 1, "");
	TEST_ASSERT_EQUAL(sn_route4_entries_used(ns), used0,
			  "the next hops went back");
	return TEST_SUCCESS;
}

/*
 * Prefixes that end at 255.255.255.255. DPDK 22.11's DIR24_8 rewrote the
 * whole table when such a prefix was added over more-specific ones that
 * tile its top (255.224/12 and 255.240/12 under 255.224/11): every
 * address then went through the /11's gateway (the route bench met it
 * with random prefixes). Each step checks the rest of the table too.
 */
static int
check_top(struct sn_netns *ns, uint32_t a, uint32_t gw, const char *what)
{
	struct sn_fib_result r = look(ns, a);

	TEST_ASSERT_EQUAL(look(ns, A(10, 0, 0, 11)).type, SN_RTN_UNICAST,
			  "%s: 10.0.0.11 still on its link", what);
	TEST_ASSERT_EQUAL(look(ns, A(10, 0, 0, 11)).gw, 0,
			  "%s: 10.0.0.11 still on its link", what);
	TEST_ASSERT_EQUAL(look(ns, A(8, 8, 8, 8)).type, SN_RTN_UNSPEC,
			  "%s: 8.8.8.8 still has no route", what);
	if (gw == 0)
		TEST_ASSERT_EQUAL(r.type, SN_RTN_UNSPEC, "%s: %08x: no route",
				  what, a);
	else
		TEST_ASSERT_EQUAL(r.gw, gw, "%s: %08x", what, a);
	return TEST_SUCCESS;
}

/* The same in IPv6 (DPDK 22.11's trie has the same flaw at ffff::). */
static int
check_top6(struct sn_netns *ns, const char *a, uint8_t gw_last,
	   const char *what)
{
	const struct sn_fib6_result *r = look6(ns, "2001:db8::9");

	TEST_ASSERT(r->type == SN_RTN_UNICAST && r->gw[15] == 0,
		    "%s: 2001:db8::9 still on its link", what);
	TEST_ASSERT_EQUAL(look6(ns, "2001:db9::1")->type, SN_RTN_UNSPEC,
			  "%s: 2001:db9::1 still has no route", what);
	r = look6(ns, a);
	if (gw_last == 0)
		TEST_ASSERT_EQUAL(r->type, SN_RTN_UNSPEC, "%s: %s", what, a);
	else
		TEST_ASSERT_EQUAL(r->gw[15], gw_last, "%s: %s", what, a);
	return TEST_SUCCESS;
}

static int
top6(void)
{
	struct sn_netns *ns = sn_netns_default();
	struct sn_ifaddr a = { .family = AF_INET6, .plen = 64,
			       .ifindex = eth_ifindex };
	struct sn_route6 r = { .type = SN_RTN_UNICAST, .oif = eth_ifindex };
	static const struct { const char *dst; uint8_t plen, gw; } rs[] = {
		{ "ff00::", 9, 1 }, { "ff80::", 9, 2 }, { "ff00::", 8, 3 },
		{ "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", 128, 4 },
	};
	unsigned int i;

	inet_pton(AF_INET6, "2001:db8::5", a.addr);
	TEST_ASSERT_OK(sn_netns_addr_add(ns, &a));
	for (i = 0; i < RTE_DIM(rs); i++) {
		inet_pton(AF_INET6, rs[i].dst, r.dst);
		inet_pton(AF_INET6, "2001:db8::", r.gw);
		r.gw[15] = rs[i].gw;
		r.plen = rs[i].plen;
		TEST_ASSERT_OK(sn_route6_add(ns, &r, 0));
	}
	TEST_ASSERT_OK(check_top6(ns, "ff01::1", 1, "1"));
	TEST_ASSERT_OK(check_top6(ns, "ff81::1", 2, "2"));
	TEST_ASSERT_OK(check_top6(ns, rs[3].dst, 4, "the /128"));
	memset(&r, 0, sizeof(r));
	inet_pton(AF_INET6, "ff00::", r.dst);
	r.plen = 9;
	TEST_ASSERT_OK(sn_route6_del(ns, &r));
	TEST_ASSERT_OK(check_top6(ns, "ff01::1", 3, "the /8 under the /9"));
	inet_pton(AF_INET6, rs[3].dst, r.dst);
	r.plen = 128;
	TEST_ASSERT_OK(sn_route6_del(ns, &r));
	TEST_ASSERT_OK(check_top6(ns, rs[3].dst, 2, "the /9 at the top"));
	inet_pton(AF_INET6, "ff00::", r.dst);
	r.plen = 8;
	TEST_ASSERT_OK(sn_route6_del(ns, &r));
	TEST_ASSERT_OK(check_top6(ns, "ff01::1", 0, "none"));
	TEST_ASSERT_OK(check_top6(ns, rs[3].dst, 2, "the /9 stays"));
	return TEST_SUCCESS;
}

/*
 * Table local at the top, while rules come and go: local gets a fib of
 * its own with the first rule and goes back into main's without one
 * (R1); each new fib must get the top written anew.
 */
static int
top_local_rules(struct sn_netns *ns)
{
	struct sn_route4 loc = { .type = SN_RTN_LOCAL, .proto = SN_RTPROT_BOOT,
				 .dst = A(255, 255, 255, 255), .plen = 32,
				 .oif = eth_ifindex,
				 .table = SN_RT_TABLE_LOCAL };
	struct sn_rule4 rule = { .pref = 100, .src = A(10, 9, 0, 0),
				 .src_len = 16, .action = SN_FR_ACT_TO_TBL,
				 .table = 100 };
	unsigned int i;

	TEST_ASSERT_OK(sn_route4_add(ns, &loc, 0));
	for (i = 0; i < 3; i++) {
		TEST_ASSERT_EQUAL(look(ns, A(255, 255, 255, 255)).type,
				  SN_RTN_LOCAL, "round %u, merged", i);
		TEST_ASSERT_OK(sn_rule4_add(ns, &rule));
		TEST_ASSERT_EQUAL(look(ns, A(255, 255, 255, 255)).type,
				  SN_RTN_LOCAL, "round %u, with a rule", i);
		TEST_ASSERT_OK(check_top(ns, A(200, 0, 0, 1), 0, "rules"));
		TEST_ASSERT_OK(sn_rule4_del(ns, &rule));
	}
	TEST_ASSERT_OK(sn_route4_del(ns, &loc));
	TEST_ASSERT_EQUAL(look(ns, A(255, 255, 255, 255)).type, SN_RTN_UNSPEC,
			  "gone");
	return TEST_SUCCESS;
}

/*
 * Rules come and go, and /25-/32 routes can still be added: DPDK 22.11's
 * DIR24_8 counts a tbl8 for a /25+ prefix on delete even when its add,
 * under a parent with the same next hop, counted none (127.0.0.1/32
 * under 127.0.0.0/8 moves between local's fib and main's at each merge),
 * until its count wraps and every new /25+ is -ENOSPC.
 */
static int
test_rules_cycles_keep_tbl8s(void)
{
	struct sn_netns *ns = sn_netns_default();
	struct sn_rule4 rule = { .pref = 100, .src = A(10, 9, 0, 0),
				 .src_len = 16, .action = SN_FR_ACT_TO_TBL,
				 .table = 100 };
	struct sn_route4 r = { .type = SN_RTN_UNICAST, .proto = SN_RTPROT_BOOT,
			       .plen = 32, .gw = A(10, 0, 0, 1) };
	unsigned int i;

	TEST_ASSERT_OK(addr(ns, true, 10, 0, 0, 5, 24, eth_ifindex));
	for (i = 0; i < 8; i++) {
		TEST_ASSERT_OK(sn_rule4_add(ns, &rule));
		TEST_ASSERT_OK(sn_rule4_del(ns, &rule));
	}
	for (i = 0; i < 8; i++) {
		r.dst = A(192, 0, 2 + i, 1);
		TEST_ASSERT_OK(sn_route4_add(ns, &r, 0));
		TEST_ASSERT_EQUAL(look(ns, r.dst).gw, r.gw, "");
	}
	/* /32s added and deleted by hand under a /16 through the same
	 * gateway, each alone in its /24: DPDK's count drifts down by one
	 * each time; the table is remade when it refuses one */
	r.dst = A(10, 99, 0, 0);
	r.plen = 16;
	TEST_ASSERT_OK(sn_route4_add(ns, &r, 0));
	r.plen = 32;
	for (i = 0; i < 600; i++) {
		r.dst = A(10, 99, i % 256, 1);
		TEST_ASSERT_OK(sn_route4_add(ns, &r, 0));
		TEST_ASSERT_OK(sn_route4_del(ns, &r));
	}
	r.dst = A(10, 98, 0, 1);
	r.gw = A(10, 0, 0, 2);
	TEST_ASSERT_OK(sn_route4_add(ns, &r, 0));
	TEST_ASSERT_EQUAL(look(ns, r.dst).gw, A(10, 0, 0, 2), "");
	TEST_ASSERT_EQUAL(look(ns, A(10, 99, 7, 1)).gw, A(10, 0, 0, 1),
			  "the /16 still");
	TEST_ASSERT_EQUAL(look(ns, A(192, 0, 3, 1)).gw, A(10, 0, 0, 1),
			  "the /32s still");
	TEST_ASSERT_EQUAL(look(ns, A(10, 0, 0, 5)).type, SN_RTN_LOCAL,
			  "local's routes, merged, still");
	TEST_ASSERT_EQUAL(look(ns, A(127, 0, 0, 1)).type, SN_RTN_LOCAL, "");
	TEST_ASSERT_EQUAL(look(ns, A(10, 0, 0, 9)).gw, 0, "the link still");
	/* a fib truly out of tbl8s (256 here): /32s alone in their /24s
	 * until one is refused; the table is remade once in vain, the
	 * routes all still answer, and after a delete one fits again */
	{
		unsigned int added = 0;
		int ret = 0;

		r.gw = A(10, 0, 0, 3);
		for (i = 0; i < 400 && ret == 0; i++) {
			r.dst = A(172, 16 + i / 256, i % 256, 1);
			ret = sn_route4_add(ns, &r, 0);
			added += ret == 0;
		}
		TEST_ASSERT_EQUAL(ret, -ENOSPC, "full at %u", added);
		TEST_ASSERT(added > 200, "only %u", added);
		r.dst = A(172, 31, 0, 1);
		TEST_ASSERT_EQUAL(sn_route4_add(ns, &r, 0), -ENOSPC, "still");
		for (i = 0; i < added; i++)
			TEST_ASSERT_EQUAL(look(ns, A(172, 16 + i / 256,
					       i % 256, 1)).gw, A(10, 0, 0, 3),
					  "route %u", i);
		r.dst = A(172, 16, 0, 1);
		TEST_ASSERT_OK(sn_route4_del(ns, &r));
		r.dst = A(172, 31, 0, 1);
		TEST_ASSERT_OK(sn_route4_add(ns, &r, 0));
		TEST_ASSERT_EQUAL(look(ns, r.dst).gw, A(10, 0, 0, 3), "");
	}
	/* and IPv6 routes added and deleted more times than the fib has
	 * tbl8s (1024) keep their room too */
	{
		struct sn_ifaddr a6 = { .family = AF_INET6, .plen = 64,
					.ifindex = eth_ifindex };
		struct sn_route6 r6 = { .type = SN_RTN_UNICAST, .plen = 64,
					.oif = eth_ifindex };

		inet_pton(AF_INET6, "2001:db8::5", a6.addr);
		TEST_ASSERT_OK(sn_netns_addr_add(ns, &a6));
		inet_pton(AF_INET6, "2001:db8::1", r6.gw);
		for (i = 0; i < 3000; i++) {
			inet_pton(AF_INET6, "2001:db9::", r6.dst);
			r6.dst[4] = (uint8_t)(i >> 8);
			r6.dst[5] = (uint8_t)i;
			TEST_ASSERT_OK(sn_route6_add(ns, &r6, 0));
			TEST_ASSERT_OK(sn_route6_del(ns, &r6));
		}
	}
	return TEST_SUCCESS;
}

static int
test_top_of_address_space(void)
{
	struct sn_netns *ns = sn_netns_default();
	struct sn_route4 r = { .type = SN_RTN_UNICAST, .proto = SN_RTPROT_BOOT,
			       .oif = 0 };
	static const struct { uint32_t dst; uint8_t plen; uint32_t gw; } rs[] = {
		{ A(255, 224, 0, 0), 12, A(10, 0, 0, 1) },
		{ A(255, 240, 0, 0), 12, A(10, 0, 0, 2) },
		{ A(255, 224, 0, 0), 11, A(10, 0, 0, 3) },
		{ A(255, 255, 255, 255), 32, A(10, 0, 0, 4) },
		{ A(128, 0, 0, 0), 1, A(10, 0, 0, 5) },
	};
	unsigned int i;

	TEST_ASSERT_OK(addr(ns, true, 10, 0, 0, 5, 24, eth_ifindex));
	for (i = 0; i < RTE_DIM(rs); i++) {
		r.dst = rs[i].dst;
		r.plen = rs[i].plen;
		r.gw = rs[i].gw;
		TEST_ASSERT_OK(sn_route4_add(ns, &r, 0));
	}
	TEST_ASSERT_OK(check_top(ns, A(255, 230, 0, 1), A(10, 0, 0, 1), "1"));
	TEST_ASSERT_OK(check_top(ns, A(255, 250, 0, 1), A(10, 0, 0, 2), "2"));
	TEST_ASSERT_OK(check_top(ns, A(255, 255, 255, 255), A(10, 0, 0, 4),
				 "the /32"));
	TEST_ASSERT_OK(check_top(ns, A(255, 255, 255, 254), A(10, 0, 0, 2),
				 "below the /32"));
	TEST_ASSERT_OK(check_top(ns, A(200, 0, 0, 1), A(10, 0, 0, 5), "/1"));
	/* deletes: what covers comes back, the rest stays */
	TEST_ASSERT_OK(sn_route4_del(ns, &(struct sn_route4){
		.dst = A(255, 224, 0, 0), .plen = 12 }));
	TEST_ASSERT_OK(check_top(ns, A(255, 230, 0, 1), A(10, 0, 0, 3),
				 "the /11 under the gone /12"));
	TEST_ASSERT_OK(sn_route4_del(ns, &(struct sn_route4){
		.dst = A(255, 240, 0, 0), .plen = 12 }));
	TEST_ASSERT_OK(check_top(ns, A(255, 250, 0, 1), A(10, 0, 0, 3),
				 "the /11 under the other"));
	TEST_ASSERT_OK(sn_route4_del(ns, &(struct sn_route4){
		.dst = A(255, 255, 255, 255), .plen = 32 }));
	TEST_ASSERT_OK(check_top(ns, A(255, 255, 255, 255), A(10, 0, 0, 3),
				 "the /11 at the top"));
	TEST_ASSERT_OK(sn_route4_del(ns, &(struct sn_route4){
		.dst = A(255, 224, 0, 0), .plen = 11 }));
	TEST_ASSERT_OK(check_top(ns, A(255, 250, 0, 1), A(10, 0, 0, 5),
				 "the /1 at last"));
	TEST_ASSERT_OK(sn_route4_del(ns, &(struct sn_route4){
		.dst = A(128, 0, 0, 0), .plen = 1 }));
	TEST_ASSERT_OK(check_top(ns, A(255, 255, 255, 255), 0, "none"));
	TEST_ASSERT_OK(check_top(ns, A(200, 0, 0, 1), 0, "none"));
	TEST_ASSERT_OK(top_local_rules(ns));
	return top6();
}

/*
 * Up to 16 tables per namespace and family (route.md): IPv4 counts local,
 * main, and default once it has a route; IPv6 main and the user tables.
 * One more is -ENOSPC (Linux has no such bound). Table 0 is main, as
 * fib_new_table takes it.
 */
static int
test_table_limits(void)
{
	struct sn_netns *ns = sn_netns_default();
	struct sn_route6 r6 = { .type = SN_RTN_BLACKHOLE, .plen = 0 };
	uint32_t id;

	TEST_ASSERT_OK(route(ns, SN_RTN_BLACKHOLE, A(10, 1, 0, 0), 16, 0, 0,
			     0, 0));
	TEST_ASSERT_EQUAL(sn_route4_count(ns, SN_RT_TABLE_MAIN), 1,
			  "table 0 is main");
	for (id = 1; id <= 13; id++)
		TEST_ASSERT_OK(route(ns, SN_RTN_BLACKHOLE, A(10, 1, 0, 0), 16,
				     0, 0, id, 0));
	TEST_ASSERT_OK(route(ns, SN_RTN_BLACKHOLE, A(10, 1, 0, 0), 16, 0, 0,
			     SN_RT_TABLE_DEFAULT, 0));
	TEST_ASSERT_EQUAL(route(ns, SN_RTN_BLACKHOLE, A(10, 1, 0, 0), 16, 0,
				0, 14, 0), -ENOSPC, "a 17th table");
	TEST_ASSERT(!sn_route4_table_exists(ns, 14), "not made");
	TEST_ASSERT_OK(route(ns, SN_RTN_BLACKHOLE, A(10, 2, 0, 0), 16, 0, 0,
			     13, 0));
	/* an emptied table stays (as Linux's): still no room */
	for (id = 1; id <= 2; id++)
		TEST_ASSERT_OK(sn_route4_del(ns, &(struct sn_route4){
			.dst = A(10, id, 0, 0), .plen = 16, .table = 13 }));
	TEST_ASSERT(sn_route4_table_exists(ns, 13), "");
	TEST_ASSERT_EQUAL(route(ns, SN_RTN_BLACKHOLE, A(10, 1, 0, 0), 16, 0,
				0, 14, 0), -ENOSPC, "");

	/* IPv6: main and 15 user tables, table local apart (::/0 is kept
	 * beside the fib: no 64 MiB fib each) */
	for (id = 1; id <= 15; id++) {
		r6.table = id == 15 ? SN_RT_TABLE_DEFAULT : id;
		TEST_ASSERT_OK(sn_route6_add(ns, &r6, 0));
	}
	r6.table = 16;
	TEST_ASSERT_EQUAL(sn_route6_add(ns, &r6, 0), -ENOSPC, "a 17th table");
	TEST_ASSERT(!sn_route6_table_exists(ns, 16), "");
	r6.table = 0;
	TEST_ASSERT_OK(sn_route6_add(ns, &r6, 0));
	TEST_ASSERT_EQUAL(sn_route6_count(ns, SN_RT_TABLE_MAIN), 1,
			  "table 0 is main");
	TEST_ASSERT_EQUAL(look6(ns, "2001:db8::1")->type, SN_RTN_BLACKHOLE,
			  "");
	return TEST_SUCCESS;
}

/* A full table (max_routes) takes no other metric of a prefix, IPv4 and
 * IPv6 alike, but still a replace of a metric it holds. */
static int
alternates_full(struct sn_netns *ns)
{
	struct sn_route6 r6 = { .type = SN_RTN_BLACKHOLE, .plen = 24,
				.table = 300 };
	struct sn_route4 r4 = { .type = SN_RTN_BLACKHOLE, .plen = 24,
				.table = 300, .proto = SN_RTPROT_BOOT };
	unsigned int i, n;

	r6.dst[0] = 0x20;
	for (n = 0; n < 16384; n++) {
		r6.dst[1] = (uint8_t)(0x10 + (n >> 8));
		r6.dst[2] = (uint8_t)n;
		TEST_ASSERT_OK(sn_route6_add(ns, &r6, 0));
		r4.dst = A(20, n >> 8, n, 0);
		TEST_ASSERT_OK(sn_route4_add(ns, &r4, 0));
	}
	r6.dst[1] = 0x10;
	r6.dst[2] = 0;
	r6.metric = 2000;
	TEST_ASSERT_EQUAL(sn_route6_add(ns, &r6, 0), -ENOSPC, "a waiting one");
	TEST_ASSERT_EQUAL(sn_route6_add(ns, &r6, SN_RT_F_REPLACE), -ENOSPC,
			  "no route of that metric to replace");
	r6.metric = 500;
	TEST_ASSERT_EQUAL(sn_route6_add(ns, &r6, 0), -ENOSPC, "a new lowest");
	r6.metric = SN_RT6_PRIO_USER;
	r6.type = SN_RTN_PROHIBIT;
	TEST_ASSERT_OK(sn_route6_add(ns, &r6, SN_RT_F_REPLACE));
	TEST_ASSERT_EQUAL(sn_route6_count(ns, 300), 16384, "");
	r4.dst = A(20, 0, 0, 0);
	r4.metric = 7;
	TEST_ASSERT_EQUAL(sn_route4_add(ns, &r4, 0), -ENOSPC, "");
	r4.metric = 0;
	r4.type = SN_RTN_PROHIBIT;
	TEST_ASSERT_OK(sn_route4_add(ns, &r4, SN_RT_F_REPLACE));
	TEST_ASSERT_EQUAL(sn_route4_count(ns, 300), 16384, "");
	r6.type = 0;
	r6.metric = 0;
	r4.type = 0;
	for (i = 0; i < n; i++) {
		r6.dst[1] = (uint8_t)(0x10 + (i >> 8));
		r6.dst[2] = (uint8_t)i;
		TEST_ASSERT_OK(sn_route6_del(ns, &r6));
		r4.dst = A(20, i >> 8, i, 0);
		TEST_ASSERT_OK(sn_route4_del(ns, &r4));
	}
	TEST_ASSERT_EQUAL(sn_route6_count(ns, 300), 0, "");
	TEST_ASSERT_EQUAL(sn_route4_count(ns, 300), 0, "");
	return TEST_SUCCESS;
}

/*
 * Routes of one prefix with other metrics, past the first: `ip route add`
 * (NLM_F_EXCL) of a metric already there is -EEXIST wherever it stands,
 * `ip route replace` (NLM_F_REPLACE) replaces that metric's route
 * (fib_table_insert, fib6_add_rt2node), and a delete takes the lowest
 * that matches what it gives (fib_table_delete, ip6_route_del).
 */
static int
test_alternate_routes(void)
{
	struct sn_netns *ns = sn_netns_default();
	struct sn_route4 r = { .type = SN_RTN_UNICAST, .dst = A(10, 9, 0, 0),
			       .plen = 16, .proto = SN_RTPROT_BOOT };
	struct sn_ifaddr a6 = { .family = AF_INET6, .plen = 64,
				.ifindex = eth_ifindex };
	struct sn_route6 r6 = { .type = SN_RTN_UNICAST, .plen = 48 };
	static const struct { uint8_t gw; uint32_t metric; } alt[] = {
		{ 2, 50 }, { 1, 100 }, { 3, 200 },
	};
	unsigned int i;

	TEST_ASSERT_OK(addr(ns, true, 10, 0, 0, 5, 24, eth_ifindex));
	for (i = 0; i < RTE_DIM(alt); i++) {
		r.gw = A(10, 0, 0, alt[i].gw);
		r.metric = alt[i].metric;
		TEST_ASSERT_OK(sn_route4_add(ns, &r, 0));
	}
	r.gw = A(10, 0, 0, 7);
	r.metric = 100;
	TEST_ASSERT_EQUAL(sn_route4_add(ns, &r, 0), -EEXIST,
			  "the second's metric");
	r.metric = 200;
	TEST_ASSERT_EQUAL(sn_route4_add(ns, &r, 0), -EEXIST,
			  "the last's metric");
	r.gw = A(10, 0, 0, 9);
	r.metric = 100;
	TEST_ASSERT_OK(sn_route4_add(ns, &r, SN_RT_F_REPLACE));
	TEST_ASSERT_OK(expect_show(ns, SN_RT_TABLE_MAIN,
		"10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.5\n"
		"10.9.0.0/16 via 10.0.0.2 dev eth0 metric 50\n"
		"10.9.0.0/16 via 10.0.0.9 dev eth0 metric 100\n"
		"10.9.0.0/16 via 10.0.0.3 dev eth0 metric 200\n"));
	TEST_ASSERT_EQUAL(look(ns, A(10, 9, 1, 1)).gw, A(10, 0, 0, 2),
			  "the lowest still looked up");
	TEST_ASSERT_EQUAL(sn_route4_count(ns, SN_RT_TABLE_MAIN), 4, "");
	/* a delete by gateway alone takes the one through it */
	TEST_ASSERT_OK(sn_route4_del(ns, &(struct sn_route4){
		.dst = A(10, 9, 0, 0), .plen = 16, .gw = A(10, 0, 0, 9) }));
	TEST_ASSERT_EQUAL(sn_route4_del(ns, &(struct sn_route4){
		.dst = A(10, 9, 0, 0), .plen = 16, .gw = A(10, 0, 0, 9) }),
		-ESRCH, "gone");
	TEST_ASSERT_EQUAL(look(ns, A(10, 9, 1, 1)).gw, A(10, 0, 0, 2), "");
	for (i = 0; i < 2; i++)
		TEST_ASSERT_OK(sn_route4_del(ns, &(struct sn_route4){
			.dst = A(10, 9, 0, 0), .plen = 16 }));
	TEST_ASSERT_EQUAL(look(ns, A(10, 9, 1, 1)).type, SN_RTN_UNSPEC, "");
	TEST_ASSERT_OK(addr(ns, false, 10, 0, 0, 5, 24, eth_ifindex));

	inet_pton(AF_INET6, "2001:db8::5", a6.addr);
	TEST_ASSERT_OK(sn_netns_addr_add(ns, &a6));
	inet_pton(AF_INET6, "2001:db8:9::", r6.dst);
	for (i = 0; i < RTE_DIM(alt); i++) {
		memset(r6.gw, 0, 16);
		r6.gw[0] = 0x20;
		r6.gw[1] = 0x01;
		r6.gw[2] = 0x0d;
		r6.gw[3] = 0xb8;
		r6.gw[15] = alt[i].gw;
		r6.oif = 0;
		r6.metric = alt[i].metric;
		TEST_ASSERT_OK(sn_route6_add(ns, &r6, 0));
	}
	r6.gw[15] = 7;
	r6.oif = 0;
	r6.metric = 100;
	TEST_ASSERT_EQUAL(sn_route6_add(ns, &r6, 0), -EEXIST,
			  "the second's metric");
	r6.gw[15] = 9;
	r6.oif = 0;
	TEST_ASSERT_OK(sn_route6_add(ns, &r6, SN_RT_F_REPLACE));
	TEST_ASSERT(strcmp(show6(ns, SN_RT_TABLE_MAIN),
		"2001:db8::/64 dev eth0 proto kernel metric 256\n"
		"2001:db8:9::/48 via 2001:db8::2 dev eth0 metric 50\n"
		"2001:db8:9::/48 via 2001:db8::9 dev eth0 metric 100\n"
		"2001:db8:9::/48 via 2001:db8::3 dev eth0 metric 200\n") == 0,
		"%s", shown6);
	TEST_ASSERT_EQUAL(look6(ns, "2001:db8:9::1")->gw[15], 2,
			  "the lowest still looked up");
	/* a delete of a waiting route, by gateway: the head stays */
	memset(&r6.gw[4], 0, 12);
	r6.gw[15] = 3;
	r6.metric = 0;
	r6.oif = 0;
	r6.type = 0;
	TEST_ASSERT_OK(sn_route6_del(ns, &r6));
	TEST_ASSERT_EQUAL(sn_route6_del(ns, &r6), -ESRCH, "gone");
	TEST_ASSERT_EQUAL(look6(ns, "2001:db8:9::1")->gw[15], 2, "");
	TEST_ASSERT_EQUAL(sn_route6_count(ns, SN_RT_TABLE_MAIN), 3, "");
	memset(r6.gw, 0, 16);
	r6.metric = 100;
	TEST_ASSERT_OK(sn_route6_del(ns, &r6));
	TEST_ASSERT_EQUAL(sn_route6_del(ns, &r6), -ESRCH, "");
	TEST_ASSERT(strcmp(show6(ns, SN_RT_TABLE_MAIN),
		"2001:db8::/64 dev eth0 proto kernel metric 256\n"
		"2001:db8:9::/48 via 2001:db8::2 dev eth0 metric 50\n") == 0,
		"%s", shown6);
	r6.metric = 0;
	TEST_ASSERT_OK(sn_route6_del(ns, &r6));
	TEST_ASSERT_EQUAL(look6(ns, "2001:db8:9::1")->type, SN_RTN_UNSPEC, "");
	TEST_ASSERT_OK(sn_netns_addr_del(ns, &a6));
	return alternates_full(ns);
}

/*
 * IPv6 adds and deletes refused. A gateway whose route is through lo is
 * -EHOSTUNREACH: Linux makes a `dev lo` route a reject one
 * (fib6_is_reject), which ip6_route_check_nh refuses to reach a gateway,
 * as Linux 6.18 answers. Table local holds /128s only here (route.md;
 * Linux takes any prefix there); a delete from it of what it does not
 * hold is -ESRCH, as ip6_route_del.
 */
static int
test_ipv6_refusals(void)
{
	struct sn_netns *ns = sn_netns_default();
	struct sn_ifaddr a6 = { .family = AF_INET6, .plen = 64,
				.ifindex = eth_ifindex };
	struct sn_route6 l = { .type = SN_RTN_LOCAL, .plen = 128,
			       .oif = eth_ifindex };

	inet_pton(AF_INET6, "2001:db8::5", a6.addr);
	TEST_ASSERT_OK(sn_netns_addr_add(ns, &a6));
	TEST_ASSERT_OK(route6(ns, SN_RTN_UNICAST, "2001:db8:50::", 64,
			      SN_LOOPBACK_IFINDEX, 0));
	TEST_ASSERT_EQUAL(route6_gw(ns, "2001:db8:60::", "2001:db8:50::1", 0),
			  -EHOSTUNREACH, "a gateway behind lo");
	TEST_ASSERT_EQUAL(route6_gw(ns, "2001:db8:60::", "2001:db8:50::1",
				    eth_ifindex), -EHOSTUNREACH,
			  "behind lo, a device given");
	TEST_ASSERT_EQUAL(sn_route6_count(ns, SN_RT_TABLE_MAIN), 2, "");

	/* table local: /128 only */
	TEST_ASSERT_EQUAL(route6(ns, SN_RTN_LOCAL, "2001:db8:70::", 64,
				 eth_ifindex, 0), -EINVAL, "local /64");
	TEST_ASSERT_EQUAL(sn_route6_add(ns, &(struct sn_route6){
		.type = SN_RTN_UNICAST, .plen = 64, .oif = eth_ifindex,
		.table = SN_RT_TABLE_LOCAL,
		.dst = { 0x20, 0x01, 0x0d, 0xb8, 0, 0x70 } }, 0), -EINVAL,
		"a /64 in table local");
	/* a local /128 there: add again, then replace it */
	inet_pton(AF_INET6, "2001:db8:70::5", l.dst);
	TEST_ASSERT_OK(sn_route6_add(ns, &l, 0));
	TEST_ASSERT_EQUAL(sn_route6_add(ns, &l, 0), -EEXIST, "");
	l.proto = SN_RTPROT_STATIC;
	TEST_ASSERT_OK(sn_route6_add(ns, &l, SN_RT_F_REPLACE));
	/* a user's local route gets IP6_RT_PRIO_USER, as any (the
	 * kernel's own have 0) */
	TEST_ASSERT(strstr(show6(ns, SN_RT_TABLE_LOCAL),
		"local 2001:db8:70::5 dev eth0 table local proto static "
		"metric 1024\n") != NULL, "replaced: %s", shown6);
	TEST_ASSERT_EQUAL(sn_route6_count(ns, SN_RT_TABLE_LOCAL), 3,
			  "::1, 2001:db8::5 and it: replaced, not added");
	/* proto kernel given by a user: still 1024 */
	l.proto = SN_RTPROT_KERNEL;
	TEST_ASSERT_OK(sn_route6_add(ns, &l, SN_RT_F_REPLACE));
	TEST_ASSERT(strstr(show6(ns, SN_RT_TABLE_LOCAL),
		"local 2001:db8:70::5 dev eth0 table local proto kernel "
		"metric 1024\n") != NULL, "user's proto kernel: %s", shown6);
	TEST_ASSERT_EQUAL(look6(ns, "2001:db8:70::5")->type, SN_RTN_LOCAL, "");
	TEST_ASSERT_EQUAL(look6(ns, "2001:db8:70::5")->port,
			  sn_netns_lo_port(ns), "through lo");
	/* deletes from table local */
	TEST_ASSERT_EQUAL(sn_route6_del(ns, &(struct sn_route6){
		.type = SN_RTN_LOCAL, .plen = 128,
		.dst = { 0x20, 0x01, 0x0d, 0xb8, 0, 0x99, [15] = 5 } }),
		-ESRCH, "not there");
	TEST_ASSERT_EQUAL(sn_route6_del(ns, &(struct sn_route6){
		.plen = 64, .table = SN_RT_TABLE_LOCAL,
		.dst = { 0x20, 0x01, 0x0d, 0xb8, 0, 0x70 } }), -ESRCH,
		"a /64");
	TEST_ASSERT_OK(sn_route6_del(ns, &l));
	TEST_ASSERT_EQUAL(sn_route6_del(ns, &l), -ESRCH, "");
	TEST_ASSERT_EQUAL(look6(ns, "2001:db8:70::5")->type, SN_RTN_UNSPEC,
			  "");
	TEST_ASSERT_OK(sn_netns_addr_del(ns, &a6));
	return TEST_SUCCESS;
}

/*
 * An address removed while it, or its prefix, is still held elsewhere.
 * IPv4: the same address on two devices stays local, routes with it as
 * source stay (fib_sync_down_addr only once no device has it), and the
 * prefix goes to the other device, as Linux ends up. IPv6: the prefix
 * route goes to an address of the same device first.
 */
static int
test_addr_held_elsewhere(void)
{
	struct sn_netns *ns = sn_netns_default();
	struct sn_ifaddr a6 = { .family = AF_INET6, .plen = 64 };
	struct sn_ifaddr b6, c6;
	struct sn_netdev dev;
	char buf[128];
	uint16_t px;

	TEST_ASSERT_OK(rte_vdev_init("net_null1", NULL));
	TEST_ASSERT_OK(rte_eth_dev_get_port_by_name("net_null1", &px));
	TEST_ASSERT_OK(sn_netns_link_add(ns, px, "eth1"));
	TEST_ASSERT_OK(sn_netns_link_get(px, &dev));

	TEST_ASSERT_OK(addr(ns, true, 10, 9, 0, 5, 24, eth_ifindex));
	TEST_ASSERT_OK(addr(ns, true, 10, 9, 0, 5, 24, dev.ifindex));
	TEST_ASSERT_OK(sn_route4_add(ns, &(struct sn_route4){
		.type = SN_RTN_UNICAST, .dst = A(10, 50, 0, 0), .plen = 16,
		.oif = dev.ifindex, .prefsrc = A(10, 9, 0, 5),
		.scope = SN_RT_SCOPE_LINK, .proto = SN_RTPROT_BOOT }, 0));
	TEST_ASSERT_OK(addr(ns, false, 10, 9, 0, 5, 24, eth_ifindex));
	TEST_ASSERT_OK(expect_show(ns, SN_RT_TABLE_MAIN,
		"10.9.0.0/24 dev eth1 proto kernel scope link src 10.9.0.5\n"
		"10.50.0.0/16 dev eth1 scope link src 10.9.0.5\n"));
	TEST_ASSERT_EQUAL(look(ns, A(10, 9, 0, 5)).type, SN_RTN_LOCAL,
			  "still eth1's");
	TEST_ASSERT_OK(sn_route4_get(ns, A(10, 9, 0, 9), buf, sizeof(buf)));
	TEST_ASSERT(strcmp(buf, "10.9.0.9 dev eth1 src 10.9.0.5") == 0, "'%s'",
		    buf);
	/* gone from every device: its routes go */
	TEST_ASSERT_OK(addr(ns, false, 10, 9, 0, 5, 24, dev.ifindex));
	TEST_ASSERT_OK(expect_show(ns, SN_RT_TABLE_MAIN, ""));
	TEST_ASSERT_EQUAL(look(ns, A(10, 9, 0, 5)).type, SN_RTN_UNSPEC, "");

	/* IPv6: a (eth1, owns the prefix), b (eth0), c (eth1); a goes:
	 * c, on a's device, keeps it; then c goes: b's device */
	a6.ifindex = dev.ifindex;
	b6 = a6;
	c6 = a6;
	b6.ifindex = eth_ifindex;
	inet_pton(AF_INET6, "2001:db8:9::5", a6.addr);
	inet_pton(AF_INET6, "2001:db8:9::6", b6.addr);
	inet_pton(AF_INET6, "2001:db8:9::7", c6.addr);
	TEST_ASSERT_OK(sn_netns_addr_add(ns, &a6));
	TEST_ASSERT_OK(sn_netns_addr_add(ns, &b6));
	TEST_ASSERT_OK(sn_netns_addr_add(ns, &c6));
	TEST_ASSERT_EQUAL(look6(ns, "2001:db8:9::9")->port, px, "a's");
	TEST_ASSERT_OK(sn_netns_addr_del(ns, &a6));
	TEST_ASSERT_EQUAL(look6(ns, "2001:db8:9::9")->port, px,
			  "c's, on the same device");
	/* each device's prefix route, as addrconf adds one per device */
	TEST_ASSERT(strcmp(show6(ns, SN_RT_TABLE_MAIN),
		"2001:db8:9::/64 dev eth1 proto kernel metric 256\n"
		"2001:db8:9::/64 dev eth0 proto kernel metric 256\n") == 0,
		"%s", shown6);
	TEST_ASSERT_OK(sn_netns_addr_del(ns, &c6));
	TEST_ASSERT_EQUAL(look6(ns, "2001:db8:9::9")->port, eth_port, "b's");
	TEST_ASSERT_OK(sn_netns_addr_del(ns, &b6));
	TEST_ASSERT_EQUAL(look6(ns, "2001:db8:9::9")->type, SN_RTN_UNSPEC, "");
	sn_netns_link_del(px);
	TEST_ASSERT_OK(rte_vdev_uninit("net_null1"));
	return TEST_SUCCESS;
}

static const char *
rules6_show(struct sn_netns *ns)
{
	rules6[0] = '\0';
	sn_rule6_foreach(ns, show_rule6, ns);
	return rules6;
}

/*
 * `ip route show` and `ip rule show` lines iproute2 6.1 prints on Linux
 * 6.18 for the same routes and rules (IPv6's "pref medium" checked and
 * cut by show6_one): throw
 * and prohibit routes, proto static, a number without a name and ones
 * with (rt_protos), a /32
 * selector without its length, oif, devices gone ([detached]), an IPv6
 * unreachable rule and table default.
 */
static int
test_show_formats(void)
{
	struct sn_netns *ns = sn_netns_default();
	struct sn_route4 r = { .type = SN_RTN_UNICAST, .plen = 16,
			       .oif = eth_ifindex, .scope = SN_RT_SCOPE_LINK };
	struct sn_route6 r6 = { .type = SN_RTN_UNICAST, .plen = 48,
				.oif = eth_ifindex };
	struct sn_netdev dev;
	uint16_t px;

	TEST_ASSERT_OK(rte_vdev_init("net_null1", NULL));
	TEST_ASSERT_OK(rte_eth_dev_get_port_by_name("net_null1", &px));
	TEST_ASSERT_OK(sn_netns_link_add(ns, px, "eth1"));
	TEST_ASSERT_OK(sn_netns_link_get(px, &dev));

	TEST_ASSERT_OK(route(ns, SN_RTN_THROW, A(10, 8, 0, 0), 16, 0, 0, 0, 0));
	r.dst = A(10, 9, 0, 0);
	r.proto = SN_RTPROT_STATIC;
	TEST_ASSERT_OK(sn_route4_add(ns, &r, 0));
	r.dst = A(10, 10, 0, 0);
	r.proto = 77;
	TEST_ASSERT_OK(sn_route4_add(ns, &r, 0));
	r.dst = A(10, 11, 0, 0);
	r.proto = 16;	/* rt_protos: dhcp */
	TEST_ASSERT_OK(sn_route4_add(ns, &r, 0));
	TEST_ASSERT_OK(route(ns, SN_RTN_THROW, A(10, 13, 0, 0), 16, 0, 0, 100,
			     0));
	TEST_ASSERT_OK(route(ns, SN_RTN_PROHIBIT, A(10, 14, 0, 0), 16, 0, 0,
			     100, 0));
	TEST_ASSERT_OK(expect_show(ns, SN_RT_TABLE_MAIN,
		"throw 10.8.0.0/16\n"
		"10.9.0.0/16 dev eth0 proto static scope link\n"
		"10.10.0.0/16 dev eth0 proto 77 scope link\n"
		"10.11.0.0/16 dev eth0 proto dhcp scope link\n"));
	TEST_ASSERT_OK(expect_show(ns, 100,
		"throw 10.13.0.0/16 table 100\n"
		"prohibit 10.14.0.0/16 table 100\n"));

	TEST_ASSERT_OK(sn_rule4_add(ns, &(struct sn_rule4){ .pref = 100,
		.src = A(10, 1, 2, 3), .src_len = 32, .dst = A(10, 4, 5, 6),
		.dst_len = 32, .action = SN_FR_ACT_TO_TBL, .table = 100 }));
	TEST_ASSERT_OK(sn_rule4_add(ns, &(struct sn_rule4){ .pref = 101,
		.src = A(10, 1, 2, 0), .src_len = 24, .dst = A(10, 4, 5, 6),
		.dst_len = 32, .action = SN_FR_ACT_TO_TBL, .table = 100 }));
	TEST_ASSERT_OK(sn_rule4_add(ns, &(struct sn_rule4){ .pref = 102,
		.oif = eth_ifindex, .action = SN_FR_ACT_TO_TBL,
		.table = 100 }));
	TEST_ASSERT_OK(sn_rule4_add(ns, &(struct sn_rule4){ .pref = 103,
		.iif = dev.ifindex, .action = SN_FR_ACT_PROHIBIT }));
	TEST_ASSERT_OK(sn_rule4_add(ns, &(struct sn_rule4){ .pref = 104,
		.oif = dev.ifindex, .action = SN_FR_ACT_BLACKHOLE }));

	r6.proto = SN_RTPROT_STATIC;
	inet_pton(AF_INET6, "2001:db8:a::", r6.dst);
	TEST_ASSERT_OK(sn_route6_add(ns, &r6, 0));
	r6.proto = 77;
	inet_pton(AF_INET6, "2001:db8:b::", r6.dst);
	TEST_ASSERT_OK(sn_route6_add(ns, &r6, 0));
	r6.proto = 186;	/* bgp */
	inet_pton(AF_INET6, "2001:db8:d::", r6.dst);
	TEST_ASSERT_OK(sn_route6_add(ns, &r6, 0));
	r6.proto = 0;
	r6.table = SN_RT_TABLE_DEFAULT;
	inet_pton(AF_INET6, "2001:db8:c::", r6.dst);
	TEST_ASSERT_OK(sn_route6_add(ns, &r6, 0));
	TEST_ASSERT_OK(route6(ns, SN_RTN_THROW, "2001:db8:8::", 48, 0, 0));
	TEST_ASSERT_OK(route6(ns, SN_RTN_PROHIBIT, "2001:db8:9::", 48, 0, 0));
	TEST_ASSERT(strcmp(show6(ns, SN_RT_TABLE_MAIN),
		"throw 2001:db8:8::/48 dev lo metric 1024\n"
		"prohibit 2001:db8:9::/48 dev lo metric 1024\n"
		"2001:db8:a::/48 dev eth0 proto static metric 1024\n"
		"2001:db8:b::/48 dev eth0 proto 77 metric 1024\n"
		"2001:db8:d::/48 dev eth0 proto bgp metric 1024\n") == 0, "%s",
		shown6);
	TEST_ASSERT(strcmp(show6(ns, SN_RT_TABLE_DEFAULT),
		"2001:db8:c::/48 dev eth0 table default metric 1024\n") == 0,
		"%s", shown6);
	/* proto unspec is stored as boot (ip6_route_info_create): a
	 * delete naming boot finds it */
	{
		struct sn_route6 d = { .plen = 48, .table = SN_RT_TABLE_DEFAULT,
				       .proto = SN_RTPROT_BOOT };

		inet_pton(AF_INET6, "2001:db8:c::", d.dst);
		TEST_ASSERT_OK(sn_route6_del(ns, &d));
		TEST_ASSERT_OK(sn_route6_add(ns, &r6, 0));
	}
	TEST_ASSERT_OK(sn_rule6_add(ns, &(struct sn_rule6){ .pref = 100,
		.dst = { 0x20, 0x01, 0x0d, 0xb8 }, .dst_len = 32,
		.action = SN_FR_ACT_UNREACHABLE }));
	TEST_ASSERT_OK(sn_rule6_add(ns, &(struct sn_rule6){ .pref = 101,
		.src = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 }, .src_len = 128,
		.action = SN_FR_ACT_TO_TBL, .table = 100 }));
	TEST_ASSERT_OK(sn_rule6_add(ns, &(struct sn_rule6){ .pref = 102,
		.oif = eth_ifindex, .action = SN_FR_ACT_TO_TBL,
		.table = 100 }));
	TEST_ASSERT_OK(sn_rule6_add(ns, &(struct sn_rule6){ .pref = 103,
		.iif = dev.ifindex, .action = SN_FR_ACT_TO_TBL,
		.table = 100 }));
	TEST_ASSERT_OK(sn_rule6_add(ns, &(struct sn_rule6){ .pref = 104,
		.oif = dev.ifindex, .action = SN_FR_ACT_BLACKHOLE }));
	TEST_ASSERT_OK(sn_rule6_add(ns, &(struct sn_rule6){ .pref = 105,
		.src = { 0x20, 0x01, 0x0d, 0xb8 }, .src_len = 64,
		.dst = { 0x20, 0x01, 0x0d, 0xb8, 0, 1 }, .dst_len = 128,
		.action = SN_FR_ACT_TO_TBL, .table = SN_RT_TABLE_MAIN }));
	TEST_ASSERT_OK(sn_rule6_add(ns, &(struct sn_rule6){ .pref = 106,
		.dst = { 0x20, 0x01, 0x0d, 0xb8, [15] = 7 }, .dst_len = 128,
		.action = SN_FR_ACT_TO_TBL, .table = SN_RT_TABLE_DEFAULT }));

	/* eth1 leaves: its rules stay, said detached */
	sn_netns_link_del(px);
	TEST_ASSERT_OK(rte_vdev_uninit("net_null1"));
	TEST_ASSERT(strcmp(rules_show(ns),
		"0:\tfrom all lookup local\n"
		"100:\tfrom 10.1.2.3 to 10.4.5.6 lookup 100\n"
		"101:\tfrom 10.1.2.0/24 to 10.4.5.6 lookup 100\n"
		"102:\tfrom all oif eth0 lookup 100\n"
		"103:\tfrom all iif eth1 [detached] prohibit\n"
		"104:\tfrom all oif eth1 [detached] blackhole\n"
		"32766:\tfrom all lookup main\n"
		"32767:\tfrom all lookup default\n") == 0, "%s", rules_text);
	TEST_ASSERT(strcmp(rules6_show(ns),
		"0:\tfrom all lookup local\n"
		"100:\tfrom all to 2001:db8::/32 unreachable\n"
		"101:\tfrom 2001:db8::1 lookup 100\n"
		"102:\tfrom all oif eth0 lookup 100\n"
		"103:\tfrom all iif eth1 [detached] lookup 100\n"
		"104:\tfrom all oif eth1 [detached] blackhole\n"
		"105:\tfrom 2001:db8::/64 to 2001:db8:1:: lookup main\n"
		"106:\tfrom all to 2001:db8::7 lookup default\n"
		"32766:\tfrom all lookup main\n") == 0, "%s", rules6);
	return TEST_SUCCESS;
}

/*
 * IPv6 has no such guess: ip6_route_output_flags answers a reject rule's
 * error (fib6_rule_action), as Linux 6.18 does for ip -6 route get A oif
 * DEV, with or without a source.
 */
static int
oif_bound_rejects6(struct sn_netns *ns)
{
	static const struct { uint8_t act; int err; } acts[] = {
		{ SN_FR_ACT_BLACKHOLE, -EINVAL },
		{ SN_FR_ACT_UNREACHABLE, -ENETUNREACH },
		{ SN_FR_ACT_PROHIBIT, -EACCES },
	};
	struct sn_route6 r6 = { .type = SN_RTN_UNICAST, .plen = 48,
				.oif = eth_ifindex };
	uint8_t d6[16], s6[16];
	char buf[160];
	unsigned int i;

	inet_pton(AF_INET6, "2001:db8:dd::", r6.dst);
	TEST_ASSERT_OK(sn_route6_add(ns, &r6, 0));
	inet_pton(AF_INET6, "2001:db8:dd::1", d6);
	inet_pton(AF_INET6, "2001:db8:9::1", s6);
	for (i = 0; i < RTE_DIM(acts); i++) {
		TEST_ASSERT_OK(sn_rule6_add(ns, &(struct sn_rule6){
			.pref = 100, .oif = eth_ifindex,
			.action = acts[i].act }));
		TEST_ASSERT_EQUAL(sn_route6_get_from(ns, d6, NULL,
						     SN_LOOPBACK_IFINDEX,
						     eth_ifindex, buf,
						     sizeof(buf)),
				  acts[i].err, "'%s'", buf);
		TEST_ASSERT_EQUAL(sn_route6_get_from(ns, d6, s6,
						     SN_LOOPBACK_IFINDEX,
						     eth_ifindex, buf,
						     sizeof(buf)),
				  acts[i].err, "from: '%s'", buf);
		TEST_ASSERT_OK(sn_rule6_del(ns, &(struct sn_rule6){
			.pref = 100 }));
	}
	TEST_ASSERT_OK(sn_route6_get_from(ns, d6, NULL, SN_LOOPBACK_IFINDEX,
					  eth_ifindex, buf, sizeof(buf)));
	TEST_ASSERT(strstr(buf, "dev eth0") != NULL, "'%s'", buf);
	return TEST_SUCCESS;
}

/*
 * `ip route get A oif DEV`: an output lookup bound to a device. When the
 * lookup fails, by a reject rule or a reject route (fib_lookup's error),
 * ip_route_output_key_hash_rcu takes the destination as on the device's
 * link; a throw goes on to the next rule. Linux 6.18 answers so for the
 * same rules and routes.
 */
static int
test_oif_bound_rejects(void)
{
	struct sn_netns *ns = sn_netns_default();
	static const uint8_t acts[] = { SN_FR_ACT_BLACKHOLE,
					SN_FR_ACT_UNREACHABLE,
					SN_FR_ACT_PROHIBIT };
	char buf[128];
	unsigned int i;

	TEST_ASSERT_OK(addr(ns, true, 10, 0, 0, 5, 24, eth_ifindex));
	for (i = 0; i < RTE_DIM(acts); i++) {
		TEST_ASSERT_OK(sn_rule4_add(ns, &(struct sn_rule4){
			.pref = 100, .oif = eth_ifindex, .action = acts[i] }));
		TEST_ASSERT_OK(sn_route4_get_from(ns, A(1, 1, 1, 1), 0,
						  SN_LOOPBACK_IFINDEX,
						  eth_ifindex, buf,
						  sizeof(buf)));
		TEST_ASSERT(strcmp(buf, "1.1.1.1 dev eth0 src 10.0.0.5") == 0,
			    "rule action %u: '%s'", acts[i], buf);
		TEST_ASSERT_OK(sn_rule4_del(ns, &(struct sn_rule4){
			.pref = 100 }));
	}
	/* a reject route, merged tables (the default rules) */
	TEST_ASSERT_OK(route(ns, SN_RTN_BLACKHOLE, A(1, 1, 1, 0), 24, 0, 0, 0,
			     0));
	TEST_ASSERT_EQUAL(sn_route4_get(ns, A(1, 1, 1, 1), buf, sizeof(buf)),
			  -EINVAL, "unbound: the blackhole");
	TEST_ASSERT_OK(sn_route4_get_from(ns, A(1, 1, 1, 1), 0,
					  SN_LOOPBACK_IFINDEX, eth_ifindex,
					  buf, sizeof(buf)));
	TEST_ASSERT(strcmp(buf, "1.1.1.1 dev eth0 src 10.0.0.5") == 0, "'%s'",
		    buf);
	/* and through a rule's table; a throw there goes on to main */
	TEST_ASSERT_OK(sn_rule4_add(ns, &(struct sn_rule4){ .pref = 100,
		.oif = eth_ifindex, .action = SN_FR_ACT_TO_TBL,
		.table = 200 }));
	TEST_ASSERT_OK(route(ns, SN_RTN_PROHIBIT, A(8, 8, 8, 0), 24, 0, 0, 200,
			     0));
	TEST_ASSERT_OK(route(ns, SN_RTN_THROW, A(7, 7, 7, 0), 24, 0, 0, 200,
			     0));
	TEST_ASSERT_OK(route(ns, SN_RTN_UNICAST, A(7, 7, 7, 0), 24,
			     A(10, 0, 0, 1), 0, 0, 0));
	TEST_ASSERT_OK(sn_route4_get_from(ns, A(8, 8, 8, 8), 0,
					  SN_LOOPBACK_IFINDEX, eth_ifindex,
					  buf, sizeof(buf)));
	TEST_ASSERT(strcmp(buf, "8.8.8.8 dev eth0 src 10.0.0.5") == 0, "'%s'",
		    buf);
	TEST_ASSERT_OK(sn_route4_get_from(ns, A(8, 8, 8, 8),
					  A(10, 0, 0, 5), SN_LOOPBACK_IFINDEX,
					  eth_ifindex, buf, sizeof(buf)));
	TEST_ASSERT(strcmp(buf, "8.8.8.8 from 10.0.0.5 dev eth0") == 0,
		    "'%s'", buf);
	TEST_ASSERT_OK(sn_route4_get_from(ns, A(7, 7, 7, 7), 0,
					  SN_LOOPBACK_IFINDEX, eth_ifindex,
					  buf, sizeof(buf)));
	TEST_ASSERT(strcmp(buf, "7.7.7.7 via 10.0.0.1 dev eth0 src 10.0.0.5")
		    == 0, "thrown to main: '%s'", buf);
	return oif_bound_rejects6(ns);
}

/*
 * `ip route get A from S iif DEV oif DEV`: an input lookup, where Linux
 * ignores oif (ip_route_input_slow and ip6_route_input_lookup build a
 * flow with none), so an oif rule does not match it; Linux 6.18 answers
 * the route as if oif were not given, in both families.
 */
static int
test_input_ignores_oif(void)
{
	struct sn_netns *ns = sn_netns_default();
	struct sn_route6 r6 = { .type = SN_RTN_UNICAST, .plen = 48,
				.oif = eth_ifindex };
	uint8_t d6[16], s6[16];
	char buf[160];

	TEST_ASSERT_OK(addr(ns, true, 10, 0, 0, 5, 24, eth_ifindex));
	TEST_ASSERT_OK(route(ns, SN_RTN_UNICAST, A(1, 1, 1, 0), 24, 0,
			     eth_ifindex, 0, 0));
	TEST_ASSERT_OK(sn_rule4_add(ns, &(struct sn_rule4){ .pref = 100,
		.oif = eth_ifindex, .action = SN_FR_ACT_BLACKHOLE }));
	TEST_ASSERT_OK(sn_route4_get_from(ns, A(1, 1, 1, 1), A(10, 9, 9, 1),
					  eth_ifindex, eth_ifindex, buf,
					  sizeof(buf)));
	TEST_ASSERT(strcmp(buf, "1.1.1.1 from 10.9.9.1 dev eth0 iif eth0") ==
		    0, "'%s'", buf);
	/* nor an unbound output lookup */
	TEST_ASSERT_OK(sn_route4_get(ns, A(1, 1, 1, 1), buf, sizeof(buf)));
	TEST_ASSERT(strcmp(buf, "1.1.1.1 dev eth0 src 10.0.0.5") == 0, "'%s'",
		    buf);

	inet_pton(AF_INET6, "2001:db8:dd::", r6.dst);
	TEST_ASSERT_OK(sn_route6_add(ns, &r6, 0));
	TEST_ASSERT_OK(sn_rule6_add(ns, &(struct sn_rule6){ .pref = 100,
		.oif = eth_ifindex, .action = SN_FR_ACT_BLACKHOLE }));
	inet_pton(AF_INET6, "2001:db8:dd::1", d6);
	inet_pton(AF_INET6, "2001:db8:9::1", s6);
	TEST_ASSERT_OK(sn_route6_get_from(ns, d6, s6, eth_ifindex,
					  eth_ifindex, buf, sizeof(buf)));
	TEST_ASSERT(strcmp(buf, "2001:db8:dd::1 from 2001:db8:9::1 dev eth0 "
			   "metric 1024 iif eth0 pref medium") == 0, "'%s'",
		    buf);
	TEST_ASSERT_EQUAL(sn_route6_get_from(ns, d6, s6, SN_LOOPBACK_IFINDEX,
					     eth_ifindex, buf, sizeof(buf)),
			  -EINVAL, "output with a source: the rule, '%s'",
			  buf);
	return TEST_SUCCESS;
}

static const struct sn_test_case cases[] = {
	{ "r4_loopback_routes", test_r4_loopback_routes },
	{ "r3_r5_address_routes", test_r3_r5_address_routes },
	{ "r10_route_types_and_get", test_r10_route_types_and_get },
	{ "add_replace_del_errors", test_add_replace_del_errors },
	{ "r1_merged_local_main_default", test_r1_merged_local_main_default },
	{ "r1_rules", test_r1_rules },
	{ "namespaces_apart", test_namespaces_apart },
	{ "prefix_on_two_devices", test_prefix_on_two_devices },
	{ "updates_during_lookups", test_updates_during_lookups },
	{ "ipv6_tables", test_ipv6_tables },
	{ "ipv6_rules", test_ipv6_rules },
	{ "metrics", test_metrics },
	{ "top_of_address_space", test_top_of_address_space },
	{ "rules_cycles_keep_tbl8s", test_rules_cycles_keep_tbl8s },
	{ "table_limits", test_table_limits },
	{ "alternate_routes", test_alternate_routes },
	{ "ipv6_refusals", test_ipv6_refusals },
	{ "addr_held_elsewhere", test_addr_held_elsewhere },
	{ "show_formats", test_show_formats },
	{ "oif_bound_rejects", test_oif_bound_rejects },
	{ "input_ignores_oif", test_input_ignores_oif },
	{ NULL, NULL },
};

int
main(int argc, char **argv)
{
	return sn_test_main(argc, argv, cases, setup, teardown);
}
