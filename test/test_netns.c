/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The softnet authors
 */

/* Namespaces (linux-semantics §2-§3: L5, L6, N1-N6), one test each. */

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include <rte_bus_vdev.h>
#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_ethdev.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>

#include "sn_netns.h"
#include "sn_softnet.h"
#include "sn_test.h"

static struct rte_mempool *mp;
static uint16_t lo0;

/* What the hooks saw, as "init:A:ns exit:B:ns ..." */
static char trace[8192];
static const char *fail_ns;	/* the op named "fail" fails for it */

static void
note(const char *what, const char *op, struct sn_netns *ns)
{
	size_t n = strlen(trace);

	snprintf(trace + n, sizeof(trace) - n, "%s:%s:%s ", what, op,
		 sn_netns_name(ns));
}

static int
rec_init(struct sn_netns *ns, void *arg)
{
	const char *op = arg;
	struct sn_netdev lo;

	note("init", op, ns);
	/* device ops run after lo: it is there, ifindex 1 */
	if (op[0] == 'D' &&
	    sn_netns_link_by_ifindex(ns, SN_LOOPBACK_IFINDEX, &lo) != 0)
		note("nolo", op, ns);
	if (strcmp(op, "fail") == 0 && fail_ns != NULL &&
	    strcmp(sn_netns_name(ns), fail_ns) == 0)
		return -EIO;
	return 0;
}

static void
rec_exit(struct sn_netns *ns, void *arg)
{
	const char *op = arg;
	struct sn_netdev lo;

	note("exit", op, ns);
	/* lo goes last: a later device op still sees it */
	if (op[0] == 'D' &&
	    sn_netns_link_by_ifindex(ns, SN_LOOPBACK_IFINDEX, &lo) != 0)
		note("nolo", op, ns);
}

#define OPS(n) { .name = n, .init = rec_init, .exit = rec_exit, .arg = n }
static struct sn_pernet_ops ops_a = OPS("A");
static struct sn_pernet_ops ops_b = OPS("B");
static struct sn_pernet_ops ops_c = OPS("C");
static struct sn_pernet_ops ops_d = OPS("D");
static struct sn_pernet_ops ops_fail = OPS("fail");

static int
setup(void)
{
	struct sn_netns_conf conf;

	trace[0] = '\0';
	fail_ns = NULL;
	mp = rte_pktmbuf_pool_create("test_ns_pool", 8192, 0, 0,
				     RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	TEST_ASSERT(mp != NULL, "mempool");
	TEST_ASSERT_OK(sn_softnet_init(NULL));
	TEST_ASSERT_OK(rte_eth_dev_get_port_by_name("net_loopback0", &lo0));
	memset(&conf, 0, sizeof(conf));
	conf.default_lo_port = lo0;
	conf.mp = mp;
	conf.lo_queues = 3;
	conf.lo_softnet = true;
	conf.max_netns = 8;
	conf.qsbr = sn_softnet_qsbr();
	TEST_ASSERT_OK(sn_netns_init(&conf));
	return TEST_SUCCESS;
}

static void
teardown(void)
{
	/* a failed case may leave a loop running: stop it before freeing */
	sn_softnet_quit();
	rte_eal_mp_wait_lcore();
	sn_netns_fini();
	sn_softnet_fini();
	rte_mempool_free(mp);
}

static int
expect_trace(const char *want)
{
	TEST_ASSERT(strcmp(trace, want) == 0, "\n got  '%s'\n want '%s'",
		    trace, want);
	trace[0] = '\0';
	return TEST_SUCCESS;
}

/* N1-N3: subsys before devices; init in order, exit in reverse;
 * registering runs init for every namespace. */
static int
test_hook_order(void)
{
	TEST_ASSERT_OK(sn_pernet_register_subsys(&ops_a));
	TEST_ASSERT_OK(sn_pernet_register_device(&ops_d));
	TEST_ASSERT_OK(sn_pernet_register_subsys(&ops_b));
	TEST_ASSERT_OK(expect_trace("init:A:default init:D:default "
				    "init:B:default "));
	TEST_ASSERT_OK(sn_netns_add("x", NULL));
	TEST_ASSERT_OK(expect_trace("init:A:x init:B:x init:D:x "));
	TEST_ASSERT_OK(sn_pernet_register_subsys(&ops_c));
	TEST_ASSERT_OK(expect_trace("init:C:default init:C:x "));
	TEST_ASSERT_OK(sn_netns_del("x"));
	TEST_ASSERT_OK(expect_trace("exit:D:x exit:C:x exit:B:x exit:A:x "));
	TEST_ASSERT_OK(sn_pernet_unregister(&ops_c));
	TEST_ASSERT_OK(expect_trace("exit:C:default "));
	TEST_ASSERT_EQUAL(sn_pernet_unregister(&ops_c), -ENOENT, "");
	return TEST_SUCCESS;
}

/* net_generic: data an init stores, even while its operation registers,
 * is found again, and is gone once the operation is unregistered. */
static int
gen_init(struct sn_netns *ns, void *arg)
{
	sn_netns_set_generic(ns, arg,
			     (void *)(uintptr_t)(sn_netns_id(ns) + 100));
	return 0;
}

static struct sn_pernet_ops ops_gen = { .name = "gen", .init = gen_init };

static int
test_generic_data(void)
{
	struct sn_netns *x;

	ops_gen.arg = &ops_gen;
	TEST_ASSERT_OK(sn_pernet_register_subsys(&ops_gen));
	TEST_ASSERT_EQUAL((uintptr_t)sn_netns_generic(sn_netns_default(),
						       &ops_gen), 100,
			  "set during registration");
	TEST_ASSERT_OK(sn_netns_add("x", &x));
	TEST_ASSERT_EQUAL((uintptr_t)sn_netns_generic(x, &ops_gen),
			  sn_netns_id(x) + 100, "");
	TEST_ASSERT_OK(sn_pernet_unregister(&ops_gen));
	TEST_ASSERT(sn_netns_generic(x, &ops_gen) == NULL, "");
	TEST_ASSERT_OK(sn_pernet_register_subsys(&ops_a));
	TEST_ASSERT(sn_netns_generic(x, &ops_a) == NULL, "no stale data");
	return TEST_SUCCESS;
}

/* N2: a failing init undoes what ran, in reverse; nothing is left. */
static int
test_failing_init_unwinds(void)
{
	uint16_t nports = rte_eth_dev_count_avail();

	TEST_ASSERT_OK(sn_pernet_register_subsys(&ops_a));
	TEST_ASSERT_OK(sn_pernet_register_device(&ops_fail));
	TEST_ASSERT_OK(sn_pernet_register_device(&ops_d));
	trace[0] = '\0';
	fail_ns = "bad";
	TEST_ASSERT_EQUAL(sn_netns_add("bad", NULL), -EIO, "");
	TEST_ASSERT_OK(expect_trace("init:A:bad init:fail:bad exit:A:bad "));
	TEST_ASSERT(sn_netns_find("bad") == NULL, "not listed");
	TEST_ASSERT_EQUAL(sn_netns_count(), 1, "");
	TEST_ASSERT_EQUAL(rte_eth_dev_count_avail(), nports,
			  "its lo was removed");

	/* registering an op whose init fails for one namespace */
	TEST_ASSERT_OK(sn_netns_add("y", NULL));
	TEST_ASSERT_OK(sn_netns_add("z", NULL));
	trace[0] = '\0';
	fail_ns = "z";
	TEST_ASSERT_EQUAL(sn_pernet_register_subsys(&ops_fail), -EEXIST,
			  "already registered");
	TEST_ASSERT_OK(sn_pernet_unregister(&ops_fail));
	trace[0] = '\0';
	TEST_ASSERT_EQUAL(sn_pernet_register_subsys(&ops_fail), -EIO, "");
	TEST_ASSERT_OK(expect_trace("init:fail:default init:fail:y "
				    "init:fail:z exit:fail:default "
				    "exit:fail:y "));
	return TEST_SUCCESS;
}

/* L5, L6: every namespace has its own lo, ifindex 1, created first,
 * removed last; the default's is DPDK port 0; lo cannot move. */
static int
test_lo_first_last_immovable(void)
{
	struct sn_netns *x, *y;
	struct sn_netdev dev;
	uint16_t xlo;

	TEST_ASSERT_EQUAL(lo0, 0, "DPDK port 0");
	TEST_ASSERT_EQUAL(sn_netns_lo_port(sn_netns_default()), 0, "");
	TEST_ASSERT_OK(sn_netns_link_get(0, &dev));
	TEST_ASSERT_EQUAL(dev.ifindex, 1, "");
	TEST_ASSERT(strcmp(dev.ifname, "lo") == 0 && dev.is_loopback, "");
	TEST_ASSERT_OK(sn_pernet_register_device(&ops_d));
	TEST_ASSERT_OK(sn_netns_add("x", &x));
	TEST_ASSERT_OK(sn_netns_add("y", &y));
	xlo = sn_netns_lo_port(x);
	TEST_ASSERT(xlo != 0 && xlo != sn_netns_lo_port(y), "own lo");
	TEST_ASSERT_OK(sn_netns_link_by_ifindex(x, 1, &dev));
	TEST_ASSERT_EQUAL(dev.port_id, xlo, "");
	TEST_ASSERT(sn_netns_of_port(xlo) == x, "fast path");
	TEST_ASSERT_EQUAL(sn_netns_link_move(xlo, y), -EINVAL, "immovable");
	TEST_ASSERT_EQUAL(sn_netns_link_move(0, x), -EINVAL, "");
	TEST_ASSERT_EQUAL(sn_netns_link_del(xlo), -EINVAL, "");
	trace[0] = '\0';
	TEST_ASSERT_OK(sn_netns_del("x"));
	/* no "nolo": lo was still there when D (a later device) left */
	TEST_ASSERT_OK(expect_trace("exit:D:x "));
	TEST_ASSERT(!rte_eth_dev_is_valid_port(xlo) ||
		    sn_netns_of_port(xlo) == NULL, "lo gone");
	return TEST_SUCCESS;
}

static int
make_port(const char *name, uint16_t *port)
{
	TEST_ASSERT_OK(rte_vdev_init(name, NULL));
	TEST_ASSERT_OK(rte_eth_dev_get_port_by_name(name, port));
	return TEST_SUCCESS;
}

/* N5: per namespace, monotonic, wraps to 1, skips those in use. */
static int
test_ifindex_rules(void)
{
	struct sn_netns *def = sn_netns_default(), *x;
	uint16_t p[4];
	struct sn_netdev dev;
	int i;
	char name[16];

	for (i = 0; i < 4; i++) {
		snprintf(name, sizeof(name), "net_null%d", i);
		TEST_ASSERT_OK(make_port(name, &p[i]));
	}
	for (i = 0; i < 3; i++) {
		snprintf(name, sizeof(name), "eth%d", i);
		TEST_ASSERT_OK(sn_netns_link_add(def, p[i], name));
		TEST_ASSERT_OK(sn_netns_link_get(p[i], &dev));
		TEST_ASSERT_EQUAL(dev.ifindex, 2 + i, "");
	}
	TEST_ASSERT_OK(sn_netns_link_del(p[1]));	/* frees 3 */
	TEST_ASSERT_OK(sn_netns_link_add(def, p[3], "eth3"));
	TEST_ASSERT_OK(sn_netns_link_get(p[3], &dev));
	TEST_ASSERT_EQUAL(dev.ifindex, 5, "monotonic: 3 is not reused");
	TEST_ASSERT_OK(sn_netns_link_del(p[3]));
	sn_netns_set_ifindex_base(def, INT_MAX - 1);
	TEST_ASSERT_OK(sn_netns_link_add(def, p[3], "eth3"));
	TEST_ASSERT_OK(sn_netns_link_get(p[3], &dev));
	TEST_ASSERT_EQUAL(dev.ifindex, INT_MAX, "");
	TEST_ASSERT_OK(sn_netns_link_add(def, p[1], "eth1"));
	TEST_ASSERT_OK(sn_netns_link_get(p[1], &dev));
	TEST_ASSERT_EQUAL(dev.ifindex, 3, "wrapped, skipping 1 and 2");
	/* per namespace: a new one starts at lo = 1 */
	TEST_ASSERT_OK(sn_netns_add("x", &x));
	TEST_ASSERT_OK(sn_netns_link_move(p[0], x));
	TEST_ASSERT_OK(sn_netns_link_get(p[0], &dev));
	TEST_ASSERT_EQUAL(dev.ifindex, 2, "kept: free in x");
	TEST_ASSERT_EQUAL(sn_netns_link_add(def, p[0], "z"), -EEXIST,
			  "attached already");
	TEST_ASSERT_EQUAL(sn_netns_link_add(def, p[2], NULL), -EEXIST, "");
	for (i = 0; i < 4; i++) {
		snprintf(name, sizeof(name), "net_null%d", i);
		sn_netns_link_del(p[i]);
		TEST_ASSERT_OK(rte_vdev_uninit(name));
	}
	return TEST_SUCCESS;
}

/*
 * A name taken in the namespace is -EEXIST (register_netdevice); with no
 * name the device takes its ethdev's. A device that comes back to the
 * default namespace when its own gets deleted and finds both its name and
 * dev<ifindex> taken gets the first free devN (default_device_exit's
 * "dev%d").
 */
static int
test_link_names(void)
{
	struct sn_netns *def = sn_netns_default(), *x;
	struct sn_netdev dev;
	uint16_t p[4];
	char name[16];
	int i;

	for (i = 0; i < 4; i++) {
		snprintf(name, sizeof(name), "net_null%d", i);
		TEST_ASSERT_OK(make_port(name, &p[i]));
	}
	TEST_ASSERT_OK(sn_netns_link_add(def, p[0], NULL));
	TEST_ASSERT_OK(sn_netns_link_get(p[0], &dev));
	TEST_ASSERT(strcmp(dev.ifname, "net_null0") == 0, "%s", dev.ifname);
	TEST_ASSERT_EQUAL(sn_netns_link_add(def, p[1], "net_null0"), -EEXIST,
			  "taken");
	TEST_ASSERT_EQUAL(sn_netns_link_add(def, p[1], "lo"), -EEXIST, "");
	TEST_ASSERT(sn_netns_of_port(p[1]) == NULL, "not attached");
	TEST_ASSERT_OK(sn_netns_link_del(p[0]));

	TEST_ASSERT_OK(sn_netns_link_add(def, p[0], "ethz"));
	TEST_ASSERT_OK(sn_netns_link_get(p[0], &dev));
	TEST_ASSERT_OK(sn_netns_add("x", &x));
	TEST_ASSERT_OK(sn_netns_link_move(p[0], x));
	TEST_ASSERT_OK(sn_netns_link_add(def, p[1], "ethz"));
	snprintf(name, sizeof(name), "dev%d", dev.ifindex);
	TEST_ASSERT_OK(sn_netns_link_add(def, p[2], name));
	TEST_ASSERT_OK(sn_netns_link_add(def, p[3], "dev0"));
	TEST_ASSERT_OK(sn_netns_del("x"));
	TEST_ASSERT(sn_netns_of_port(p[0]) == def, "back in default");
	TEST_ASSERT_OK(sn_netns_link_get(p[0], &dev));
	TEST_ASSERT(strcmp(dev.ifname, "dev1") == 0, "%s, after %s and dev0",
		    dev.ifname, name);
	for (i = 0; i < 4; i++) {
		snprintf(name, sizeof(name), "net_null%d", i);
		sn_netns_link_del(p[i]);
		TEST_ASSERT_OK(rte_vdev_uninit(name));
	}
	return TEST_SUCCESS;
}

/* N4, N6: a moved device keeps its ifindex if free; at namespace delete
 * it returns to the default one, renamed if its name is taken. */
static int
test_port_move_and_return(void)
{
	struct sn_netns *def = sn_netns_default(), *x, *y;
	struct sn_netdev dev;
	uint16_t p, q, r;

	TEST_ASSERT_OK(make_port("net_null0", &p));
	TEST_ASSERT_OK(make_port("net_null1", &q));
	TEST_ASSERT_OK(make_port("net_null2", &r));
	TEST_ASSERT_OK(sn_netns_link_add(def, p, "eth0"));	/* 2 */
	TEST_ASSERT_OK(sn_netns_add("x", &x));
	TEST_ASSERT_OK(sn_netns_add("y", &y));
	TEST_ASSERT_OK(sn_netns_link_add(y, r, "eth0"));
	TEST_ASSERT_OK(sn_netns_link_move(p, x));
	TEST_ASSERT(sn_netns_of_port(p) == x, "");
	TEST_ASSERT_EQUAL(sn_netns_link_move(p, y), -EEXIST, "name in y");
	TEST_ASSERT(sn_netns_of_port(p) == x, "unchanged");
	/* the name eth0 is free again in default: take it */
	TEST_ASSERT_OK(sn_netns_link_add(def, q, "eth0"));
	TEST_ASSERT_OK(sn_netns_link_get(q, &dev));
	TEST_ASSERT_EQUAL(dev.ifindex, 3, "");
	TEST_ASSERT_OK(sn_netns_del("x"));
	TEST_ASSERT(sn_netns_of_port(p) == def, "back in default");
	TEST_ASSERT_OK(sn_netns_link_get(p, &dev));
	TEST_ASSERT(strcmp(dev.ifname, "dev2") == 0, "renamed: %s",
		    dev.ifname);
	TEST_ASSERT_EQUAL(dev.ifindex, 2, "kept");
	/* a free name is kept */
	TEST_ASSERT_OK(sn_netns_del("y"));
	TEST_ASSERT_OK(sn_netns_link_get(r, &dev));
	TEST_ASSERT(strcmp(dev.ifname, "dev2") != 0, "");
	TEST_ASSERT(strcmp(dev.ifname, "eth0") != 0, "eth0 is q's: %s",
		    dev.ifname);
	sn_netns_link_del(p);
	sn_netns_link_del(q);
	sn_netns_link_del(r);
	TEST_ASSERT_OK(rte_vdev_uninit("net_null0"));
	TEST_ASSERT_OK(rte_vdev_uninit("net_null1"));
	TEST_ASSERT_OK(rte_vdev_uninit("net_null2"));
	return TEST_SUCCESS;
}

/* Two namespaces with the same addresses keep them apart; lo starts with
 * 127.0.0.1/8 and ::1/128; a device that moves loses its addresses. */
static int
test_same_addresses_apart(void)
{
	struct sn_ifaddr a = { .family = AF_INET, .plen = 24,
			       .addr = { 10, 0, 0, 5 } }, list[8];
	struct sn_ifaddr z = { .family = AF_INET, .plen = 0 };
	uint8_t ten5[4] = { 10, 0, 0, 5 }, lo4[4] = { 127, 0, 0, 1 };
	uint8_t lo6[16] = { [15] = 1 };
	struct sn_netns *x, *y;
	struct sn_netdev dev;
	uint16_t px, py;

	TEST_ASSERT_OK(sn_netns_add("x", &x));
	TEST_ASSERT_OK(sn_netns_add("y", &y));
	TEST_ASSERT_EQUAL(sn_netns_addrs(x, list, 8), 2, "lo's two");
	TEST_ASSERT(sn_netns_addr_is_local(x, AF_INET, lo4), "");
	TEST_ASSERT(sn_netns_addr_is_local(y, AF_INET6, lo6), "");
	TEST_ASSERT_OK(make_port("net_null0", &px));
	TEST_ASSERT_OK(make_port("net_null1", &py));
	/* dev_valid_name: no ':' (an alias), '/' or blank */
	TEST_ASSERT_EQUAL(sn_netns_link_add(x, px, "eth0:1"), -EINVAL, "");
	TEST_ASSERT_EQUAL(sn_netns_link_add(x, px, "eth 0"), -EINVAL, "");
	TEST_ASSERT_OK(sn_netns_link_add(x, px, "eth0"));
	TEST_ASSERT_OK(sn_netns_link_add(y, py, "eth0"));
	TEST_ASSERT_OK(sn_netns_link_get(px, &dev));
	/* 0.0.0.0 is no address: nothing stored */
	z.ifindex = dev.ifindex;
	TEST_ASSERT_EQUAL(sn_netns_addr_add(x, &z), -EADDRNOTAVAIL, "");
	TEST_ASSERT_EQUAL(sn_netns_addrs(x, list, 8), 2, "lo's two only");
	a.ifindex = dev.ifindex;
	TEST_ASSERT_OK(sn_netns_addr_add(x, &a));
	TEST_ASSERT_EQUAL(sn_netns_addr_add(x, &a), -EEXIST, "");
	TEST_ASSERT_OK(sn_netns_link_get(py, &dev));
	a.ifindex = dev.ifindex;
	TEST_ASSERT_OK(sn_netns_addr_add(y, &a));
	TEST_ASSERT(sn_netns_addr_is_local(x, AF_INET, ten5), "");
	TEST_ASSERT(sn_netns_addr_is_local(y, AF_INET, ten5), "");
	TEST_ASSERT(!sn_netns_addr_is_local(sn_netns_default(), AF_INET,
					    ten5), "not in default");
	TEST_ASSERT_OK(sn_netns_addr_del(y, &a));
	TEST_ASSERT_EQUAL(sn_netns_addr_del(y, &a), -EADDRNOTAVAIL, "");
	TEST_ASSERT(!sn_netns_addr_is_local(y, AF_INET, ten5), "");
	TEST_ASSERT(sn_netns_addr_is_local(x, AF_INET, ten5), "x keeps it");
	a.ifindex = 99;
	TEST_ASSERT_EQUAL(sn_netns_addr_add(x, &a), -ENODEV, "");
	a.plen = 33;
	TEST_ASSERT_EQUAL(sn_netns_addr_add(x, &a), -EINVAL, "");
	/* moving eth0 out of x drops 10.0.0.5 there */
	TEST_ASSERT_OK(sn_netns_link_move(px, sn_netns_default()));
	TEST_ASSERT(!sn_netns_addr_is_local(x, AF_INET, ten5), "");
	TEST_ASSERT(!sn_netns_addr_is_local(sn_netns_default(), AF_INET,
					    ten5), "not carried along");
	sn_netns_link_del(px);
	sn_netns_link_del(py);
	TEST_ASSERT_OK(rte_vdev_uninit("net_null0"));
	TEST_ASSERT_OK(rte_vdev_uninit("net_null1"));
	return TEST_SUCCESS;
}

static unsigned int link_calls;
static struct sn_netdev link_last;

static void
link_heard(struct sn_netns *ns __rte_unused, const struct sn_netdev *dev,
	   void *arg __rte_unused)
{
	link_calls++;
	link_last = *dev;
}

/* IFF_UP: down, a device's IPv6 addresses go (keep_addr_on_down 0), its
 * IPv4 ones stay, the listeners hear it once; up, lo gets ::1 back. */
static int
test_link_up_down(void)
{
	struct sn_netns *def = sn_netns_default();
	struct sn_ifaddr a4 = { .family = AF_INET, .plen = 24,
				.addr = { 10, 0, 0, 5 } };
	struct sn_ifaddr a6 = { .family = AF_INET6, .plen = 64,
				.addr = { 0x20, 0x01, 0x0d, 0xb8, [15] = 5 } };
	uint8_t lo6[16] = { [15] = 1 };
	struct sn_netdev dev;
	uint16_t p;

	TEST_ASSERT_OK(make_port("net_null0", &p));
	TEST_ASSERT_OK(sn_netns_link_add(def, p, "eth0"));
	TEST_ASSERT_OK(sn_netns_link_get(p, &dev));
	TEST_ASSERT(!dev.down, "a device comes up");
	a4.ifindex = a6.ifindex = dev.ifindex;
	TEST_ASSERT_OK(sn_netns_addr_add(def, &a4));
	TEST_ASSERT_OK(sn_netns_addr_add(def, &a6));
	TEST_ASSERT_OK(sn_netns_link_notifier_register(link_heard, NULL));
	TEST_ASSERT_OK(sn_netns_link_set_up(p, false));
	TEST_ASSERT_EQUAL(link_calls, 1, "");
	TEST_ASSERT(link_last.down && link_last.port_id == p, "");
	TEST_ASSERT_OK(sn_netns_link_get(p, &dev));
	TEST_ASSERT(dev.down, "");
	TEST_ASSERT(sn_netns_addr_is_local(def, AF_INET, a4.addr), "kept");
	TEST_ASSERT(!sn_netns_addr_is_local(def, AF_INET6, a6.addr),
		    "IPv6 address gone");
	TEST_ASSERT_OK(sn_netns_link_set_up(p, false));
	TEST_ASSERT_EQUAL(link_calls, 1, "already down: not heard again");
	TEST_ASSERT_OK(sn_netns_link_set_up(p, true));
	TEST_ASSERT_EQUAL(link_calls, 2, "");
	TEST_ASSERT(!link_last.down, "");
	TEST_ASSERT(!sn_netns_addr_is_local(def, AF_INET6, a6.addr),
		    "not back");
	/* lo: ::1 goes with it and comes back */
	TEST_ASSERT_OK(sn_netns_link_set_up(sn_netns_lo_port(def), false));
	TEST_ASSERT(!sn_netns_addr_is_local(def, AF_INET6, lo6), "");
	TEST_ASSERT_OK(sn_netns_link_set_up(sn_netns_lo_port(def), true));
	TEST_ASSERT(sn_netns_addr_is_local(def, AF_INET6, lo6), "::1 back");
	TEST_ASSERT_EQUAL(link_calls, 4, "");
	TEST_ASSERT_OK(sn_netns_link_notifier_unregister(link_heard, NULL));
	TEST_ASSERT_EQUAL(sn_netns_link_set_up(RTE_MAX_ETHPORTS - 1, true),
			  -ENOENT, "no such device");
	sn_netns_link_del(p);
	TEST_ASSERT_OK(rte_vdev_uninit("net_null0"));
	return TEST_SUCCESS;
}

/* Names and limits: refused with -errno, nothing half made. */
static int
test_names_and_limits(void)
{
	char name[16];
	int i;

	TEST_ASSERT_EQUAL(sn_netns_add("", NULL), -EINVAL, "");
	TEST_ASSERT_EQUAL(sn_netns_add("0123456789abcdef", NULL), -EINVAL,
			  "16 characters");
	TEST_ASSERT_EQUAL(sn_netns_add("a/b", NULL), -EINVAL, "");
	TEST_ASSERT_EQUAL(sn_netns_add("..", NULL), -EINVAL, "");
	TEST_ASSERT_EQUAL(sn_netns_add("default", NULL), -EEXIST, "");
	TEST_ASSERT_OK(sn_netns_add("0123456789abcde", NULL));
	TEST_ASSERT_EQUAL(sn_netns_del("default"), -EINVAL, "");
	TEST_ASSERT_EQUAL(sn_netns_del("nope"), -ENOENT, "");
	for (i = 0; i < 6; i++) {
		snprintf(name, sizeof(name), "n%d", i);
		TEST_ASSERT_OK(sn_netns_add(name, NULL));
	}
	TEST_ASSERT_EQUAL(sn_netns_count(), 8, "");
	TEST_ASSERT_EQUAL(sn_netns_add("ninth", NULL), -ENOSPC, "max 8");
	return TEST_SUCCESS;
}

/* Each lo is a DPDK port: when the build's port table is full, adding a
 * namespace says so and leaves nothing behind. */
static int
test_port_table_full(void)
{
	const char *log;
	char name[16];
	int i, ret = 0;

	sn_netns_fini();
	{
		struct sn_netns_conf conf = {
			.default_lo_port = lo0, .mp = mp, .lo_queues = 1,
			.max_netns = 256,
		};
		TEST_ASSERT_OK(sn_netns_init(&conf));
	}
	for (i = 0; i < RTE_MAX_ETHPORTS; i++) {
		snprintf(name, sizeof(name), "n%d", i);
		sn_test_log_capture_start();
		ret = sn_netns_add(name, NULL);
		log = sn_test_log_capture_stop();
		if (ret != 0)
			break;
	}
	TEST_ASSERT_EQUAL(ret, -ENOSPC, "");
	TEST_ASSERT(strstr(log, "no DPDK port left for its lo") != NULL, "");
	TEST_ASSERT_EQUAL(rte_eth_dev_count_total(), RTE_MAX_ETHPORTS, "");
	TEST_ASSERT_EQUAL(sn_netns_count(), RTE_MAX_ETHPORTS, "default + %d",
			  RTE_MAX_ETHPORTS - 1);
	return TEST_SUCCESS;
}

/* 1,000 create/delete cycles: nothing grows. */
static int
test_create_delete_1000(void)
{
	struct rte_malloc_socket_stats before, after;
	uint16_t nports;
	int i;

	TEST_ASSERT_OK(sn_netns_add("warm", NULL));
	TEST_ASSERT_OK(sn_netns_del("warm"));
	nports = rte_eth_dev_count_avail();
	rte_malloc_get_socket_stats(rte_socket_id(), &before);
	for (i = 0; i < 1000; i++) {
		TEST_ASSERT_OK(sn_netns_add("cycle", NULL));
		TEST_ASSERT_OK(sn_netns_del("cycle"));
	}
	rte_malloc_get_socket_stats(rte_socket_id(), &after);
	TEST_ASSERT_EQUAL(after.heap_allocsz_bytes, before.heap_allocsz_bytes,
			  "heap");
	TEST_ASSERT_EQUAL(rte_eth_dev_count_avail(), nports, "ports");
	return sn_test_mempool_empty(mp);
}

/* The memory one namespace costs (reported, and bounded). */
static int
test_memory_per_netns(void)
{
	struct rte_malloc_socket_stats before, after;
	size_t per;

	rte_malloc_get_socket_stats(rte_socket_id(), &before);
	TEST_ASSERT_OK(sn_netns_add("m", NULL));
	rte_malloc_get_socket_stats(rte_socket_id(), &after);
	per = after.heap_allocsz_bytes - before.heap_allocsz_bytes;
	printf("memory per namespace (lo with 3 queues of 1024): %zu bytes\n",
	       per);
	TEST_ASSERT(per > 0 && per < 256 * 1024, "%zu bytes", per);
	return TEST_SUCCESS;
}

/* Delete under traffic: lo's packets are flushed from the backlogs, no
 * mbuf is lost, no worker touches freed memory. */
static volatile uint64_t seen_x;
static struct sn_netns *volatile x_ns;

static void
deliver_check(void *ctx __rte_unused, unsigned int lcore __rte_unused,
	      struct rte_mbuf **pkts, uint16_t n)
{
	uint16_t i;

	for (i = 0; i < n; i++) {
		/* the fast path's lookup, under RCU */
		if (sn_netns_of_port(pkts[i]->port) == x_ns)
			seen_x++;
		rte_delay_us_block(2);
	}
	rte_pktmbuf_free_bulk(pkts, n);
}

static int
test_delete_under_traffic(void)
{
	struct sn_softnet_conf sconf = { .deliver = deliver_check };
	struct sn_netns_conf nconf;
	struct rte_mbuf *pkts[32];
	struct sn_netns *x;
	uint16_t xlo;
	int round, i;

	/* softnet again, with a delivery that looks namespaces up */
	sn_netns_fini();
	sn_softnet_fini();
	TEST_ASSERT_OK(sn_softnet_init(&sconf));
	memset(&nconf, 0, sizeof(nconf));
	nconf.default_lo_port = lo0;
	nconf.mp = mp;
	nconf.lo_queues = 3;
	nconf.lo_softnet = true;
	nconf.qsbr = sn_softnet_qsbr();
	TEST_ASSERT_OK(sn_netns_init(&nconf));
	TEST_ASSERT_OK(sn_softnet_launch(1));
	for (round = 0; round < 20; round++) {
		TEST_ASSERT_OK(sn_netns_add("x", &x));
		x_ns = x;
		xlo = sn_netns_lo_port(x);
		for (i = 0; i < 10; i++) {
			TEST_ASSERT_OK(rte_pktmbuf_alloc_bulk(mp, pkts, 32));
			for (int k = 0; k < 32; k++)
				rte_pktmbuf_append(pkts[k], 64);
			/* lo's queue 1 is lcore 1's backlog */
			TEST_ASSERT_EQUAL(rte_eth_tx_burst(xlo, 1, pkts, 32),
					  32, "");
		}
		/* the first time, let some through before deleting */
		for (i = 0; round == 0 && seen_x == 0 && i < 1000000; i++)
			rte_delay_us_block(1);
		TEST_ASSERT_OK(sn_netns_del("x"));
	}
	TEST_ASSERT(seen_x > 0, "some were delivered before the delete");
	sn_softnet_quit();
	rte_eal_mp_wait_lcore();
	printf("delivered %" PRIu64 " of %d\n", seen_x, 20 * 320);
	return sn_test_mempool_empty(mp);
}

static const struct sn_test_case cases[] = {
	{ "hook_order", test_hook_order },
	{ "failing_init_unwinds", test_failing_init_unwinds },
	{ "generic_data", test_generic_data },
	{ "lo_first_last_immovable", test_lo_first_last_immovable },
	{ "ifindex_rules", test_ifindex_rules },
	{ "port_move_and_return", test_port_move_and_return },
	{ "link_names", test_link_names },
	{ "same_addresses_apart", test_same_addresses_apart },
	{ "link_up_down", test_link_up_down },
	{ "names_and_limits", test_names_and_limits },
	{ "port_table_full", test_port_table_full },
	{ "create_delete_1000", test_create_delete_1000 },
	{ "memory_per_netns", test_memory_per_netns },
	{ "delete_under_traffic", test_delete_under_traffic },
	{ NULL, NULL },
};

int
main(int argc, char **argv)
{
	return sn_test_main(argc, argv, cases, setup, teardown);
}
