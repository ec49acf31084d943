/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The softnet authors
 */

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/queue.h>
#include <sys/socket.h>

#include <rte_bus_vdev.h>
#include <rte_common.h>
#include <rte_ethdev.h>
#include <rte_log.h>
#include <rte_malloc.h>
#include <rte_rcu_qsbr.h>
#include <rte_tailq.h>

#include "sn_eth_loopback.h"
#include "sn_netns.h"
#include "sn_softnet.h"

RTE_LOG_REGISTER_DEFAULT(sn_netns_logtype, NOTICE);
#define NS_LOG(level, fmt, ...) \
	rte_log(RTE_LOG_ ## level, sn_netns_logtype, \
		"netns: " fmt "\n", ##__VA_ARGS__)

#define MAX_NETNS_DEFAULT 256

struct netdev {
	struct sn_netdev d;
	TAILQ_ENTRY(netdev) next;
};
TAILQ_HEAD(netdev_list, netdev);

struct sn_netns {
	char name[SN_NETNS_NAME_MAX];
	uint32_t id;
	int ifindex;		/* net->ifindex: the last one handed out */
	uint16_t lo_port;
	struct netdev_list devs;	/* registration order: lo first */
	struct sn_ifaddr *addrs;
	unsigned int nb_addrs;
	unsigned int max_addrs;
	bool promote_secondaries;	/* net.ipv4.conf.all.*, 0 */
	void *generic[SN_PERNET_MAX];
	TAILQ_ENTRY(sn_netns) next;
};
TAILQ_HEAD(netns_list, sn_netns);

struct sn_netns *sn_netns_port_map[RTE_MAX_ETHPORTS];
int sn_netns_port_ifindex[RTE_MAX_ETHPORTS];

static struct netns_list netns_list = TAILQ_HEAD_INITIALIZER(netns_list);
#define LISTENERS_MAX 4
/* A notifier's listener: its callback, of the notifier's type. */
struct listener {
	void (*fn)(void);
	void *arg;
};
static struct listener addr_listeners[LISTENERS_MAX];
static struct listener leave_listeners[LISTENERS_MAX];
static struct listener link_listeners[LISTENERS_MAX];
static struct sn_netns_conf cfg;
static bool initialised;
static unsigned int nb_netns;
static uint32_t next_id;

/* pernet_list: subsys ops, then device ops from first_device on. */
static const struct sn_pernet_ops *pernet[SN_PERNET_MAX];
static unsigned int nb_pernet;
static unsigned int first_device;
/* net_generic slots are per ops, stable across insertions */
static const struct sn_pernet_ops *slot_ops[SN_PERNET_MAX];

static int
slot_of(const struct sn_pernet_ops *ops)
{
	int i;

	for (i = 0; i < SN_PERNET_MAX; i++)
		if (slot_ops[i] == ops)
			return i;
	return -1;
}

void *
sn_netns_generic(const struct sn_netns *ns, const struct sn_pernet_ops *ops)
{
	int s = slot_of(ops);

	return s < 0 ? NULL : ns->generic[s];
}

void
sn_netns_set_generic(struct sn_netns *ns, const struct sn_pernet_ops *ops,
		     void *data)
{
	int s = slot_of(ops);

	if (s >= 0)
		ns->generic[s] = data;
}

/* ---------------------------------------------------------------------- */
/* Notifiers: devices leaving (NETDEV_UNREGISTER's), addresses.            */

static int
listener_add(struct listener *l, void (*fn)(void), void *arg)
{
	unsigned int i;

	if (fn == NULL)
		return -EINVAL;
	for (i = 0; i < LISTENERS_MAX; i++) {
		if (l[i].fn != NULL)
			continue;
		l[i].fn = fn;
		l[i].arg = arg;
		return 0;
	}
	return -ENOSPC;
}

static int
listener_del(struct listener *l, void (*fn)(void), void *arg)
{
	unsigned int i;

	for (i = 0; i < LISTENERS_MAX; i++) {
		if (l[i].fn != fn || l[i].arg != arg)
			continue;
		l[i].fn = NULL;
		l[i].arg = NULL;
		return 0;
	}
	return -ENOENT;
}

int
sn_netns_dev_leave_register(sn_netns_dev_leave_cb_t cb, void *arg)
{
	return listener_add(leave_listeners, (void (*)(void))cb, arg);
}

int
sn_netns_dev_leave_unregister(sn_netns_dev_leave_cb_t cb, void *arg)
{
	return listener_del(leave_listeners, (void (*)(void))cb, arg);
}

static void
dev_leave_notify(struct sn_netns *ns, uint16_t port)
{
	unsigned int i;

	for (i = 0; i < LISTENERS_MAX; i++)
		if (leave_listeners[i].fn != NULL)
			((sn_netns_dev_leave_cb_t)leave_listeners[i].fn)(ns,
				port, leave_listeners[i].arg);
}

int
sn_netns_link_notifier_register(sn_netns_link_cb_t cb, void *arg)
{
	return listener_add(link_listeners, (void (*)(void))cb, arg);
}

int
sn_netns_link_notifier_unregister(sn_netns_link_cb_t cb, void *arg)
{
	return listener_del(link_listeners, (void (*)(void))cb, arg);
}

int
sn_netns_addr_notifier_register(sn_netns_addr_cb_t cb, void *arg)
{
	return listener_add(addr_listeners, (void (*)(void))cb, arg);
}

int
sn_netns_addr_notifier_unregister(sn_netns_addr_cb_t cb, void *arg)
{
	return listener_del(addr_listeners, (void (*)(void))cb, arg);
}

/* ---------------------------------------------------------------------- */
/* Addresses.                                                              */

/* Every listener; an add stops at the first that refuses it. */
static int
addr_notify(struct sn_netns *ns, const struct sn_ifaddr *a, bool add)
{
	unsigned int i;
	int ret;

	for (i = 0; i < LISTENERS_MAX; i++) {
		if (addr_listeners[i].fn == NULL)
			continue;
		ret = ((sn_netns_addr_cb_t)addr_listeners[i].fn)(ns, a, add,
			addr_listeners[i].arg);
		if (add && ret != 0)
			return ret;
	}
	return 0;
}

static bool
same_addr(const struct sn_ifaddr *a, const struct sn_ifaddr *b)
{
	size_t len = a->family == AF_INET ? 4 : 16;

	return a->family == b->family && a->ifindex == b->ifindex &&
	       a->plen == b->plen && memcmp(a->addr, b->addr, len) == 0;
}

static struct netdev *dev_by_ifindex(const struct sn_netns *ns, int ifindex);

/* inet_ifa_match with the same mask: two IPv4 addresses of one device
 * in one subnet */
static bool
same_subnet4(const struct sn_ifaddr *x, const struct sn_ifaddr *y)
{
	uint32_t a, b, m;

	if (x->family != AF_INET || y->family != AF_INET ||
	    x->ifindex != y->ifindex || x->plen != y->plen)
		return false;
	memcpy(&a, x->addr, 4);
	memcpy(&b, y->addr, 4);
	m = x->plen == 0 ? 0 : rte_cpu_to_be_32(~0u << (32 - x->plen));
	return ((a ^ b) & m) == 0;
}

static void
addr_remove(struct sn_netns *ns, unsigned int i)
{
	memmove(&ns->addrs[i], &ns->addrs[i + 1],
		(ns->nb_addrs - i - 1) * sizeof(ns->addrs[0]));
	ns->nb_addrs--;
}

int
sn_netns_addr_add(struct sn_netns *ns, const struct sn_ifaddr *a)
{
	struct sn_ifaddr *grown;
	struct netdev *d;
	unsigned int i;
	int ret;

	if (ns == NULL || a == NULL ||
	    (a->family != AF_INET && a->family != AF_INET6) ||
	    a->plen > (a->family == AF_INET ? 32 : 128))
		return -EINVAL;
	d = dev_by_ifindex(ns, a->ifindex);
	if (d == NULL)
		return -ENODEV;
	/* ipv6_add_addr: not ::, a multicast address, or ::1 off lo */
	if (a->family == AF_INET6 &&
	    (memcmp(a->addr, (uint8_t[16]){ 0 }, 16) == 0 ||
	     a->addr[0] == 0xff ||
	     (!d->d.is_loopback &&
	      memcmp(a->addr, (uint8_t[16]){ [15] = 1 }, 16) == 0)))
		return -EADDRNOTAVAIL;
	/* 0.0.0.0 is no address (__inet_insert_ifa stores nothing) */
	if (a->family == AF_INET &&
	    memcmp(a->addr, (uint8_t[4]){ 0 }, 4) == 0)
		return -EADDRNOTAVAIL;
	for (i = 0; i < ns->nb_addrs; i++)
		if (same_addr(&ns->addrs[i], a))
			return -EEXIST;
	if (ns->nb_addrs == ns->max_addrs) {
		grown = rte_realloc(ns->addrs, (ns->max_addrs + 8) *
				    sizeof(*grown), 0);
		if (grown == NULL)
			return -ENOMEM;
		ns->addrs = grown;
		ns->max_addrs += 8;
	}
	ns->addrs[ns->nb_addrs] = *a;
	if (a->family == AF_INET)
		memset(ns->addrs[ns->nb_addrs].addr + 4, 0, 12);
	ns->nb_addrs++;
	ret = addr_notify(ns, &ns->addrs[ns->nb_addrs - 1], true);
	if (ret != 0) {
		/* taken back: the removal undoes what listeners did */
		struct sn_ifaddr gone = ns->addrs[--ns->nb_addrs];

		addr_notify(ns, &gone, false);
	}
	return ret;
}

int
sn_netns_addr_del(struct sn_netns *ns, const struct sn_ifaddr *a)
{
	struct sn_ifaddr gone;
	unsigned int i, j;
	bool primary;

	for (i = 0; ns != NULL && i < ns->nb_addrs; i++)
		if (same_addr(&ns->addrs[i], a))
			break;
	if (ns == NULL || i == ns->nb_addrs)
		return -EADDRNOTAVAIL;
	/* __inet_del_ifa: a primary IPv4 address (the first of its subnet
	 * on its device) takes its secondaries with it, unless they are
	 * promoted (promote_secondaries) */
	primary = a->family == AF_INET;
	for (j = 0; primary && j < i; j++)
		if (same_subnet4(&ns->addrs[j], &ns->addrs[i]))
			primary = false;
	for (j = i + 1; primary && !ns->promote_secondaries &&
	     j < ns->nb_addrs;) {
		if (!same_subnet4(&ns->addrs[j], &ns->addrs[i])) {
			j++;
			continue;
		}
		gone = ns->addrs[j];
		addr_remove(ns, j);
		addr_notify(ns, &gone, false);
	}
	gone = ns->addrs[i];
	addr_remove(ns, i);
	/* after removal: the listener sees what remains */
	addr_notify(ns, &gone, false);
	return 0;
}

void
sn_netns_set_promote_secondaries(struct sn_netns *ns, bool on)
{
	if (ns != NULL)
		ns->promote_secondaries = on;
}

bool
sn_netns_promote_secondaries(const struct sn_netns *ns)
{
	return ns != NULL && ns->promote_secondaries;
}

/* A device leaving a namespace loses its addresses there. */
static void
addrs_flush_dev(struct sn_netns *ns, int ifindex)
{
	struct sn_ifaddr gone;
	unsigned int i;

	for (i = ns->nb_addrs; i-- > 0;) {
		if (ns->addrs[i].ifindex != ifindex)
			continue;
		gone = ns->addrs[i];
		sn_netns_addr_del(ns, &gone);
	}
}

unsigned int
sn_netns_addrs(const struct sn_netns *ns, struct sn_ifaddr *out,
	       unsigned int max)
{
	unsigned int i;

	for (i = 0; i < ns->nb_addrs && i < max; i++)
		out[i] = ns->addrs[i];
	return ns->nb_addrs;
}

bool
sn_netns_addr_is_local(const struct sn_netns *ns, int family,
		       const void *addr)
{
	size_t len = family == AF_INET ? 4 : 16;
	unsigned int i;

	for (i = 0; i < ns->nb_addrs; i++)
		if (ns->addrs[i].family == family &&
		    memcmp(ns->addrs[i].addr, addr, len) == 0)
			return true;
	return false;
}

/* ---------------------------------------------------------------------- */
/* Devices and ifindex (N5, N6).                                           */

static struct netdev *
dev_by_port(const struct sn_netns *ns, uint16_t port)
{
	struct netdev *d;

	TAILQ_FOREACH(d, &ns->devs, next)
		if (d->d.port_id == port)
			return d;
	return NULL;
}

static struct netdev *
dev_by_name(const struct sn_netns *ns, const char *ifname)
{
	struct netdev *d;

	TAILQ_FOREACH(d, &ns->devs, next)
		if (strcmp(d->d.ifname, ifname) == 0)
			return d;
	return NULL;
}

static struct netdev *
dev_by_ifindex(const struct sn_netns *ns, int ifindex)
{
	struct netdev *d;

	TAILQ_FOREACH(d, &ns->devs, next)
		if (d->d.ifindex == ifindex)
			return d;
	return NULL;
}

/* dev_new_index: monotonic, wraps to 1, skips indexes in use. */
static int
dev_new_index(struct sn_netns *ns)
{
	int i = ns->ifindex;

	for (;;) {
		if (i == INT_MAX)
			i = 0;
		if (++i <= 0)
			i = 1;
		if (dev_by_ifindex(ns, i) == NULL)
			return ns->ifindex = i;
	}
}

static struct sn_netns *
ns_of_port(uint16_t port)
{
	return port < RTE_MAX_ETHPORTS ? sn_netns_port_map[port] : NULL;
}

static int
dev_attach(struct sn_netns *ns, uint16_t port, const char *ifname, bool lo)
{
	struct netdev *d;

	d = rte_zmalloc("sn_netdev", sizeof(*d), 0);
	if (d == NULL)
		return -ENOMEM;
	snprintf(d->d.ifname, sizeof(d->d.ifname), "%s", ifname);
	d->d.port_id = port;
	d->d.is_loopback = lo;
	d->d.ifindex = dev_new_index(ns);
	TAILQ_INSERT_TAIL(&ns->devs, d, next);
	__atomic_store_n(&sn_netns_port_ifindex[port], d->d.ifindex,
			 __ATOMIC_RELAXED);
	__atomic_store_n(&sn_netns_port_map[port], ns, __ATOMIC_RELEASE);
	return 0;
}

static bool
valid_ifname(const char *s)
{
	size_t n = strlen(s), i;

	if (n == 0 || n >= SN_IFNAMSIZ || strcmp(s, ".") == 0 ||
	    strcmp(s, "..") == 0)
		return false;
	for (i = 0; i < n; i++)
		if (s[i] == '/' || s[i] == ':' || s[i] <= ' ' || s[i] > '~')
			return false;
	return true;
}

int
sn_netns_link_add(struct sn_netns *ns, uint16_t port, const char *ifname)
{
	char name[RTE_ETH_NAME_MAX_LEN];

	if (ns == NULL)
		return -EINVAL;
	if (!rte_eth_dev_is_valid_port(port))
		return -ENODEV;
	if (ns_of_port(port) != NULL) {
		NS_LOG(ERR, "port %u is already in namespace %s", port,
		       ns_of_port(port)->name);
		return -EEXIST;
	}
	if (ifname == NULL) {
		rte_eth_dev_get_name_by_port(port, name);
		name[SN_IFNAMSIZ - 1] = '\0';
		ifname = name;
	}
	if (!valid_ifname(ifname)) {
		NS_LOG(ERR, "bad device name '%s': 1 to %d printable "
		       "characters, no '/', ':' or space", ifname,
		       SN_IFNAMSIZ - 1);
		return -EINVAL;
	}
	if (dev_by_name(ns, ifname) != NULL) {
		NS_LOG(ERR, "device %s exists in namespace %s", ifname,
		       ns->name);
		return -EEXIST;
	}
	return dev_attach(ns, port, ifname, false);
}

/* __dev_change_net_namespace */
static int
dev_move(struct netdev *d, struct sn_netns *from, struct sn_netns *to,
	 const char *new_name)
{
	char name[SN_IFNAMSIZ];
	struct netdev *at;

	if (d->d.is_loopback)
		return -EINVAL;	/* NETNS_LOCAL */
	if (dev_by_name(to, new_name) != NULL)
		return -EEXIST;
	snprintf(name, sizeof(name), "%s", new_name); /* may be d's own */
	addrs_flush_dev(from, d->d.ifindex);
	dev_leave_notify(from, d->d.port_id);
	TAILQ_REMOVE(&from->devs, d, next);
	memcpy(d->d.ifname, name, sizeof(name));
	/* keeps its ifindex if free there */
	if (dev_by_ifindex(to, d->d.ifindex) != NULL)
		d->d.ifindex = dev_new_index(to);
	/* in ifindex order, as Linux dumps a namespace's devices */
	TAILQ_FOREACH(at, &to->devs, next)
		if (at->d.ifindex > d->d.ifindex)
			break;
	if (at != NULL)
		TAILQ_INSERT_BEFORE(at, d, next);
	else
		TAILQ_INSERT_TAIL(&to->devs, d, next);
	__atomic_store_n(&sn_netns_port_ifindex[d->d.port_id], d->d.ifindex,
			 __ATOMIC_RELAXED);
	__atomic_store_n(&sn_netns_port_map[d->d.port_id], to,
			 __ATOMIC_RELEASE);
	return 0;
}

int
sn_netns_link_move(uint16_t port, struct sn_netns *to)
{
	struct sn_netns *from = ns_of_port(port);
	struct netdev *d;
	int ret;

	if (from == NULL || to == NULL)
		return -EINVAL;
	d = dev_by_port(from, port);
	if (d->d.is_loopback) {
		NS_LOG(ERR, "%s is a loopback device: it cannot change "
		       "namespace", d->d.ifname);
		return -EINVAL;
	}
	if (from == to)
		return 0;
	ret = dev_move(d, from, to, d->d.ifname);
	if (ret == -EEXIST)
		NS_LOG(ERR, "device %s exists in namespace %s", d->d.ifname,
		       to->name);
	return ret;
}

int
sn_netns_link_del(uint16_t port)
{
	struct sn_netns *ns = ns_of_port(port);
	struct netdev *d;

	if (ns == NULL)
		return -ENOENT;
	d = dev_by_port(ns, port);
	if (d->d.is_loopback)
		return -EINVAL;
	addrs_flush_dev(ns, d->d.ifindex);
	dev_leave_notify(ns, port);
	TAILQ_REMOVE(&ns->devs, d, next);
	__atomic_store_n(&sn_netns_port_map[port], NULL, __ATOMIC_RELEASE);
	if (cfg.qsbr != NULL)
		rte_rcu_qsbr_synchronize(cfg.qsbr, RTE_QSBR_THRID_INVALID);
	rte_free(d);
	return 0;
}

int
sn_netns_link_get(uint16_t port, struct sn_netdev *dev)
{
	struct sn_netns *ns = ns_of_port(port);

	if (ns == NULL)
		return -ENOENT;
	*dev = dev_by_port(ns, port)->d;
	return 0;
}

int
sn_netns_link_by_name(const struct sn_netns *ns, const char *ifname,
		      struct sn_netdev *dev)
{
	struct netdev *d = dev_by_name(ns, ifname);

	if (d == NULL)
		return -ENOENT;
	*dev = d->d;
	return 0;
}

int
sn_netns_link_by_ifindex(const struct sn_netns *ns, int ifindex,
			 struct sn_netdev *dev)
{
	struct netdev *d = dev_by_ifindex(ns, ifindex);

	if (d == NULL)
		return -ENOENT;
	*dev = d->d;
	return 0;
}

unsigned int
sn_netns_links(const struct sn_netns *ns, struct sn_netdev *devs,
	       unsigned int max)
{
	struct netdev *d;
	unsigned int n = 0;

	TAILQ_FOREACH(d, &ns->devs, next) {
		if (n < max)
			devs[n] = d->d;
		n++;
	}
	return n;
}

int
sn_netns_link_set_up(uint16_t port, bool up)
{
	struct sn_netns *ns = ns_of_port(port);
	static const struct sn_ifaddr lo6 = { .family = AF_INET6,
		.plen = 128, .addr = { [15] = 1 },
		.ifindex = SN_LOOPBACK_IFINDEX };
	struct sn_ifaddr gone;
	struct netdev *d;
	unsigned int i;

	if (ns == NULL)
		return -ENOENT;
	d = dev_by_port(ns, port);
	if (d->d.down == !up)
		return 0;
	d->d.down = !up;
	/* addrconf_ifdown: keep_addr_on_down 0 keeps no IPv6 address */
	for (i = ns->nb_addrs; !up && i-- > 0;) {
		if (ns->addrs[i].ifindex != d->d.ifindex ||
		    ns->addrs[i].family != AF_INET6)
			continue;
		gone = ns->addrs[i];
		sn_netns_addr_del(ns, &gone);
	}
	for (i = 0; i < LISTENERS_MAX; i++)
		if (link_listeners[i].fn != NULL)
			((sn_netns_link_cb_t)link_listeners[i].fn)(ns, &d->d,
				link_listeners[i].arg);
	if (up && d->d.is_loopback)
		sn_netns_addr_add(ns, &lo6);	/* init_loopback */
	return 0;
}

void
sn_netns_set_ifindex_base(struct sn_netns *ns, int ifindex)
{
	ns->ifindex = ifindex;
}

/* ---------------------------------------------------------------------- */
/* The loopback device: the first device operation (L5).                   */

static int lo_port_own(uint16_t port);

static int
lo_port_setup(uint16_t port)
{
	struct rte_eth_conf conf;
	uint16_t q, nq = cfg.lo_queues != 0 ? cfg.lo_queues : 1;
	int ret;

	memset(&conf, 0, sizeof(conf));
	conf.rxmode.mtu = UINT16_MAX;
	ret = rte_eth_dev_configure(port, nq, nq, &conf);
	for (q = 0; ret == 0 && q < nq; q++) {
		ret = rte_eth_rx_queue_setup(port, q, 0, SOCKET_ID_ANY, NULL,
					     cfg.mp);
		if (ret == 0)
			ret = rte_eth_tx_queue_setup(port, q, 0, SOCKET_ID_ANY,
						     NULL);
	}
	if (ret == 0 && cfg.lo_softnet)
		ret = sn_eth_loopback_set_input(port, sn_softnet_lo_input,
						NULL);
	if (ret == 0)
		ret = rte_eth_dev_start(port);
	return ret;
}

static void loopback_net_exit(struct sn_netns *ns, void *arg);

static int
loopback_net_init(struct sn_netns *ns, void *arg __rte_unused)
{
	char vname[RTE_DEV_NAME_MAX_LEN], args[32];
	uint16_t port;
	int ret;

	if (TAILQ_EMPTY(&netns_list) && nb_netns == 0) {
		/* the default namespace: lo is the existing port */
		port = cfg.default_lo_port;
	} else {
		if (rte_eth_dev_count_total() >= RTE_MAX_ETHPORTS) {
			NS_LOG(ERR, "namespace %s: no DPDK port left for its "
			       "lo (RTE_MAX_ETHPORTS is %d in this DPDK build)",
			       ns->name, RTE_MAX_ETHPORTS);
			return -ENOSPC;
		}
		snprintf(vname, sizeof(vname), "net_loopback_ns%u", ns->id);
		snprintf(args, sizeof(args), "queues=%u",
			 cfg.lo_queues != 0 ? cfg.lo_queues : 1);
		ret = rte_vdev_init(vname, args);
		if (ret != 0)
			return ret;
		ret = rte_eth_dev_get_port_by_name(vname, &port);
		if (ret == 0)
			ret = lo_port_setup(port);
		/* owned: the application's RTE_ETH_FOREACH_DEV skips it */
		if (ret == 0)
			ret = lo_port_own(port);
		if (ret != 0) {
			rte_vdev_uninit(vname);
			return ret;
		}
	}
	ns->lo_port = port;
	/* the first device of a namespace: ifindex 1 (BUG_ON otherwise) */
	ret = dev_attach(ns, port, "lo", true);
	if (ret != 0)
		goto fail;
	if (ret == 0 && dev_by_port(ns, port)->d.ifindex !=
			SN_LOOPBACK_IFINDEX) {
		NS_LOG(ERR, "lo of %s got ifindex %d", ns->name,
		       dev_by_port(ns, port)->d.ifindex);
		ret = -EINVAL;
	}
	if (ret == 0) {
		/* R4: lo comes up with 127.0.0.1/8 and ::1/128 */
		struct sn_ifaddr v4 = { .family = AF_INET, .plen = 8,
			.addr = { 127, 0, 0, 1 },
			.ifindex = SN_LOOPBACK_IFINDEX };
		struct sn_ifaddr v6 = { .family = AF_INET6, .plen = 128,
			.addr = { [15] = 1 },
			.ifindex = SN_LOOPBACK_IFINDEX };

		ret = sn_netns_addr_add(ns, &v4);
		if (ret == 0)
			ret = sn_netns_addr_add(ns, &v6);
	}
	if (ret == 0)
		return 0;
fail:
	/* setup_net runs only the exits of the operations before this one */
	loopback_net_exit(ns, NULL);
	return ret;
}

static int
lo_port_own(uint16_t port)
{
	static uint64_t owner_id;
	struct rte_eth_dev_owner owner = { .name = "softnet-netns" };
	int ret;

	if (owner_id == 0) {
		ret = rte_eth_dev_owner_new(&owner_id);
		if (ret != 0)
			return ret;
	}
	owner.id = owner_id;
	return rte_eth_dev_owner_set(port, &owner);
}

static void
loopback_net_exit(struct sn_netns *ns, void *arg __rte_unused)
{
	char vname[RTE_DEV_NAME_MAX_LEN];
	struct netdev *d = dev_by_port(ns, ns->lo_port);
	uint16_t port = ns->lo_port;

	if (d != NULL) {
		addrs_flush_dev(ns, d->d.ifindex);
		TAILQ_REMOVE(&ns->devs, d, next);
		rte_free(d);
	}
	__atomic_store_n(&sn_netns_port_map[port], NULL, __ATOMIC_RELEASE);
	if (cfg.qsbr != NULL)
		rte_rcu_qsbr_synchronize(cfg.qsbr, RTE_QSBR_THRID_INVALID);
	if (port == cfg.default_lo_port)
		return;	/* the application's port 0 */
	/* unregister: no poller (napi_disable), stop, flush the backlogs
	 * (S11), then it is gone */
	sn_softnet_del_port(port);
	rte_eth_dev_stop(port);
	if (sn_softnet_flush_port(port) != 0)
		NS_LOG(ERR, "namespace %s: lo's packets may remain queued",
		       ns->name);
	rte_eth_dev_get_name_by_port(port, vname);
	rte_eth_dev_close(port);
	rte_vdev_uninit(vname);
}

static const struct sn_pernet_ops loopback_net_ops = {
	.name = "loopback",
	.init = loopback_net_init,
	.exit = loopback_net_exit,
};

/* ---------------------------------------------------------------------- */
/* pernet operations (N1-N3).                                              */

/* Run exits of pernet[from..to), in reverse, for ns. */
static void
ops_exit_range(struct sn_netns *ns, unsigned int from, unsigned int to)
{
	while (to-- > from)
		if (pernet[to]->exit != NULL)
			pernet[to]->exit(ns, pernet[to]->arg);
}

/* Run one new operation's init on every namespace, or undo. */
static int
ops_init_all(const struct sn_pernet_ops *ops)
{
	struct sn_netns *ns, *undo;
	int ret;

	TAILQ_FOREACH(ns, &netns_list, next) {
		ret = ops->init != NULL ? ops->init(ns, ops->arg) : 0;
		if (ret != 0) {
			TAILQ_FOREACH(undo, &netns_list, next) {
				if (undo == ns)
					break;
				if (ops->exit != NULL)
					ops->exit(undo, ops->arg);
			}
			return ret;
		}
	}
	return 0;
}

static void
clear_slot(int slot)
{
	struct sn_netns *ns;

	TAILQ_FOREACH(ns, &netns_list, next)
		ns->generic[slot] = NULL;
	slot_ops[slot] = NULL;
}

static int
register_at(const struct sn_pernet_ops *ops, unsigned int pos)
{
	int ret, slot;

	if (nb_pernet == SN_PERNET_MAX)
		return -ENOSPC;
	if (slot_of(ops) >= 0)
		return -EEXIST;
	/* the slot first: init may store its data (net_generic) */
	slot = slot_of(NULL);
	slot_ops[slot] = ops;
	ret = ops_init_all(ops);
	if (ret != 0) {
		clear_slot(slot);
		NS_LOG(ERR, "pernet %s: init failed: %d", ops->name, ret);
		return ret;
	}
	memmove(&pernet[pos + 1], &pernet[pos],
		(nb_pernet - pos) * sizeof(pernet[0]));
	pernet[pos] = ops;
	nb_pernet++;
	return 0;
}

int
sn_pernet_register_subsys(const struct sn_pernet_ops *ops)
{
	int ret = register_at(ops, first_device);

	if (ret == 0)
		first_device++;
	return ret;
}

int
sn_pernet_register_device(const struct sn_pernet_ops *ops)
{
	return register_at(ops, nb_pernet);
}

int
sn_pernet_unregister(const struct sn_pernet_ops *ops)
{
	struct sn_netns *ns;
	unsigned int i;

	for (i = 0; i < nb_pernet; i++)
		if (pernet[i] == ops)
			break;
	if (i == nb_pernet || ops == &loopback_net_ops)
		return -ENOENT;
	TAILQ_FOREACH(ns, &netns_list, next)
		if (ops->exit != NULL)
			ops->exit(ns, ops->arg);
	memmove(&pernet[i], &pernet[i + 1],
		(nb_pernet - i - 1) * sizeof(pernet[0]));
	nb_pernet--;
	if (i < first_device)
		first_device--;
	clear_slot(slot_of(ops));
	return 0;
}

/* ---------------------------------------------------------------------- */
/* Namespaces.                                                             */

static bool
valid_nsname(const char *s)
{
	size_t n = strlen(s), i;

	if (n == 0 || n >= SN_NETNS_NAME_MAX || strcmp(s, ".") == 0 ||
	    strcmp(s, "..") == 0)
		return false;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9') ||
		      s[i] == '_' || s[i] == '-' || s[i] == '.'))
			return false;
	return true;
}

/* setup_net */
int
sn_netns_add(const char *name, struct sn_netns **out)
{
	struct sn_netns *ns;
	unsigned int i;
	int ret;

	if (!initialised)
		return -EINVAL;
	if (name == NULL || !valid_nsname(name)) {
		NS_LOG(ERR, "bad namespace name '%s': 1 to %d of "
		       "[A-Za-z0-9_.-]", name != NULL ? name : "",
		       SN_NETNS_NAME_MAX - 1);
		return -EINVAL;
	}
	if (sn_netns_find(name) != NULL) {
		NS_LOG(ERR, "namespace %s exists", name);
		return -EEXIST;
	}
	if (nb_netns >= cfg.max_netns) {
		NS_LOG(ERR, "namespace %s: the limit of %u is reached", name,
		       cfg.max_netns);
		return -ENOSPC;
	}
	ns = rte_zmalloc("sn_netns", sizeof(*ns), RTE_CACHE_LINE_SIZE);
	if (ns == NULL)
		return -ENOMEM;
	snprintf(ns->name, sizeof(ns->name), "%s", name);
	ns->id = next_id++;
	TAILQ_INIT(&ns->devs);

	for (i = 0; i < nb_pernet; i++) {
		ret = pernet[i]->init != NULL ?
		      pernet[i]->init(ns, pernet[i]->arg) : 0;
		if (ret != 0) {
			NS_LOG(ERR, "namespace %s: %s init failed: %d", name,
			       pernet[i]->name, ret);
			ops_exit_range(ns, 0, i);
			if (cfg.qsbr != NULL)
				rte_rcu_qsbr_synchronize(cfg.qsbr,
						RTE_QSBR_THRID_INVALID);
			rte_free(ns->addrs);
			rte_free(ns);
			return ret;
		}
	}
	TAILQ_INSERT_TAIL(&netns_list, ns, next);
	nb_netns++;
	if (out != NULL)
		*out = ns;
	return 0;
}

/* default_device_exit: push the devices but lo to the default namespace. */
static void
devices_to_default(struct sn_netns *ns)
{
	struct sn_netns *def = sn_netns_default();
	struct netdev *d, *tmp;
	char fb_name[SN_IFNAMSIZ];

	RTE_TAILQ_FOREACH_SAFE(d, &ns->devs, next, tmp) {
		if (d->d.is_loopback)
			continue;
		snprintf(fb_name, sizeof(fb_name), "%s", d->d.ifname);
		if (dev_by_name(def, fb_name) != NULL)
			snprintf(fb_name, sizeof(fb_name), "dev%d",
				 d->d.ifindex);
		if (dev_by_name(def, fb_name) != NULL) {
			unsigned int k;

			for (k = 0; ; k++) {
				snprintf(fb_name, sizeof(fb_name), "dev%u", k);
				if (dev_by_name(def, fb_name) == NULL)
					break;
			}
		}
		dev_move(d, ns, def, fb_name);
	}
}

static void
netns_free(struct sn_netns *ns)
{
	TAILQ_REMOVE(&netns_list, ns, next);
	nb_netns--;
	ops_exit_range(ns, 0, nb_pernet);
	/* nothing is freed while a worker may hold it */
	if (cfg.qsbr != NULL)
		rte_rcu_qsbr_synchronize(cfg.qsbr, RTE_QSBR_THRID_INVALID);
	rte_free(ns->addrs);
	rte_free(ns);
}

int
sn_netns_del(const char *name)
{
	struct sn_netns *ns = sn_netns_find(name);

	if (ns == NULL) {
		NS_LOG(ERR, "no namespace %s", name != NULL ? name : "");
		return -ENOENT;
	}
	if (ns == sn_netns_default()) {
		NS_LOG(ERR, "the default namespace cannot be deleted");
		return -EINVAL;
	}
	devices_to_default(ns);
	netns_free(ns);
	return 0;
}

struct sn_netns *
sn_netns_find(const char *name)
{
	struct sn_netns *ns;

	if (name == NULL)
		return NULL;
	TAILQ_FOREACH(ns, &netns_list, next)
		if (strcmp(ns->name, name) == 0)
			return ns;
	return NULL;
}

struct sn_netns *
sn_netns_default(void)
{
	return TAILQ_FIRST(&netns_list);
}

const char *
sn_netns_name(const struct sn_netns *ns)
{
	return ns->name;
}

uint32_t
sn_netns_id(const struct sn_netns *ns)
{
	return ns->id;
}

uint16_t
sn_netns_lo_port(const struct sn_netns *ns)
{
	return ns->lo_port;
}

unsigned int
sn_netns_max(void)
{
	return cfg.max_netns;
}

unsigned int
sn_netns_count(void)
{
	return nb_netns;
}

int
sn_netns_foreach(int (*fn)(struct sn_netns *ns, void *arg), void *arg)
{
	struct sn_netns *ns, *tmp;
	int ret;

	RTE_TAILQ_FOREACH_SAFE(ns, &netns_list, next, tmp) {
		ret = fn(ns, arg);
		if (ret != 0)
			return ret;
	}
	return 0;
}

int
sn_netns_init(const struct sn_netns_conf *conf)
{
	int ret;

	if (initialised)
		return -EEXIST;
	if (conf == NULL || conf->mp == NULL ||
	    !rte_eth_dev_is_valid_port(conf->default_lo_port))
		return -EINVAL;
	cfg = *conf;
	if (cfg.max_netns == 0)
		cfg.max_netns = MAX_NETNS_DEFAULT;
	nb_pernet = 0;
	first_device = 0;
	next_id = 0;
	memset(slot_ops, 0, sizeof(slot_ops));
	/* net_dev_init: the loopback is the first device operation */
	pernet[nb_pernet++] = &loopback_net_ops;
	slot_ops[0] = &loopback_net_ops;
	initialised = true;
	ret = sn_netns_add(SN_NETNS_DEFAULT, NULL);
	if (ret != 0) {
		initialised = false;
		NS_LOG(ERR, "cannot create the default namespace: %d", ret);
	}
	return ret;
}

void
sn_netns_fini(void)
{
	struct sn_netns *ns;

	if (!initialised)
		return;
	while ((ns = TAILQ_LAST(&netns_list, netns_list)) != NULL) {
		if (ns != sn_netns_default())
			devices_to_default(ns);
		else {
			struct netdev *d, *tmp;

			RTE_TAILQ_FOREACH_SAFE(d, &ns->devs, next, tmp) {
				if (d->d.is_loopback)
					continue;
				TAILQ_REMOVE(&ns->devs, d, next);
				sn_netns_port_map[d->d.port_id] = NULL;
				rte_free(d);
			}
		}
		netns_free(ns);
	}
	initialised = false;
}
