/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The softnet authors
 */

#ifndef SN_NETNS_H
#define SN_NETNS_H

/**
 * @file
 * netns: logical network namespaces, as Linux's struct net.
 *
 * A namespace has a name, an id, its own devices (DPDK ports with a
 * namespace-local name and ifindex) and per-subsystem data. Subsystems
 * register pernet operations (linux-semantics N1-N3): subsystem hooks run
 * before device hooks, init in registration order, exit in reverse, and
 * registering runs init for every existing namespace. The loopback device
 * is the first device hook: every namespace gets its own net_loopback,
 * ifindex 1, created first and removed last (L5, L6); the default
 * namespace's is DPDK port 0.
 *
 * One control thread calls everything here except sn_netns_of_port(),
 * which workers call on the fast path (RCU: namespaces are freed only
 * after a grace period of the QSBR variable given at init).
 */

#include <stdbool.h>
#include <stdint.h>

#include <rte_mempool.h>
#include <rte_rcu_qsbr.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SN_NETNS_NAME_MAX	16	/**< with the NUL, as IFNAMSIZ */
#define SN_IFNAMSIZ		16	/**< IFNAMSIZ */
#define SN_PERNET_MAX		32	/**< registered pernet operations */
#define SN_LOOPBACK_IFINDEX	1	/**< LOOPBACK_IFINDEX */
#define SN_NETNS_DEFAULT	"default"

struct sn_netns;

/** pernet_operations. */
struct sn_pernet_ops {
	const char *name;
	/** Set up @p ns; a non-zero return undoes what ran (N2). */
	int (*init)(struct sn_netns *ns, void *arg);
	/** Tear down @p ns (may be NULL). */
	void (*exit)(struct sn_netns *ns, void *arg);
	void *arg;
};

/** A device of a namespace. */
struct sn_netdev {
	char ifname[SN_IFNAMSIZ];
	int ifindex;
	uint16_t port_id;
	bool is_loopback;
	bool down;		/**< IFF_UP cleared (sn_netns_link_set_up) */
};

/** Configuration at init. */
struct sn_netns_conf {
	/** Most namespaces at once, the default one included; 0: 256. */
	unsigned int max_netns;
	/** The default namespace's lo: an existing net_loopback port. */
	uint16_t default_lo_port;
	/** Pool given to the rx queues of the namespaces' lo ports. */
	struct rte_mempool *mp;
	/** Queues of each new lo (one per lcore id); 0: 1. */
	uint16_t lo_queues;
	/** Put each new lo in softnet mode (sn_softnet_lo_input). */
	bool lo_softnet;
	/** Workers' QSBR variable (NULL: no worker reads namespaces). */
	struct rte_rcu_qsbr *qsbr;
};

/**
 * Create the default namespace around conf->default_lo_port and register
 * the loopback device operations.
 * @return 0, -EEXIST, -EINVAL, -ENOMEM.
 */
int sn_netns_init(const struct sn_netns_conf *conf);

/** Delete every namespace but the default, then the default. */
void sn_netns_fini(void);

/**
 * register_pernet_subsys: inserted before the first device operation; its
 * init runs at once for every namespace (undone on failure).
 * @return 0, -ENOSPC, or the failing init's error.
 */
int sn_pernet_register_subsys(const struct sn_pernet_ops *ops);

/** register_pernet_device: appended after every operation. */
int sn_pernet_register_device(const struct sn_pernet_ops *ops);

/** Unregister: runs its exit for every namespace. @return 0 or -ENOENT. */
int sn_pernet_unregister(const struct sn_pernet_ops *ops);

/**
 * Add a namespace (setup_net): every operation's init, in order; a
 * failure runs the exits of those that ran, in reverse.
 * @return 0, -EINVAL (bad name), -EEXIST, -ENOSPC (max_netns), -ENOMEM,
 *   or the failing init's error.
 */
int sn_netns_add(const char *name, struct sn_netns **out);

/**
 * Delete a namespace (N3, N4): its devices but lo go back to the default
 * namespace (renamed if their name is taken there), the operations' exits
 * run in reverse (lo's last of the devices: it flushes the backlogs of lo's
 * packets and removes lo), then after an RCU grace period it is freed.
 * @return 0, -ENOENT, -EINVAL (the default namespace).
 */
int sn_netns_del(const char *name);

/** @return the namespace, or NULL. */
struct sn_netns *sn_netns_find(const char *name);
/** The default namespace. */
struct sn_netns *sn_netns_default(void);
const char *sn_netns_name(const struct sn_netns *ns);
uint32_t sn_netns_id(const struct sn_netns *ns);
/** Its lo's DPDK port id. */
uint16_t sn_netns_lo_port(const struct sn_netns *ns);
/** Namespaces now, the default one included. */
unsigned int sn_netns_count(void);
/** max_netns: how many namespaces may exist, default included. */
unsigned int sn_netns_max(void);
/** Call fn for each namespace, in creation order; stops on non-zero. */
int sn_netns_foreach(int (*fn)(struct sn_netns *ns, void *arg), void *arg);

/** Per-operation data of a namespace (net_generic), by ops pointer. */
void *sn_netns_generic(const struct sn_netns *ns,
		       const struct sn_pernet_ops *ops);
void sn_netns_set_generic(struct sn_netns *ns,
			  const struct sn_pernet_ops *ops, void *data);

/**
 * Attach a DPDK port to a namespace as a device named @p ifname (NULL:
 * its DPDK name, truncated), with a new ifindex (N5).
 * @return 0, -EINVAL, -EEXIST (name used, or port attached), -ENODEV.
 */
int sn_netns_link_add(struct sn_netns *ns, uint16_t port,
		      const char *ifname);

/**
 * Move a device to another namespace (N6): it keeps its ifindex if free
 * there, else gets a new one. @return 0, -EINVAL (lo, or not attached),
 * -EEXIST (its name is used there).
 */
int sn_netns_link_move(uint16_t port, struct sn_netns *to);

/** Detach a device (not lo). @return 0, -EINVAL, -ENOENT. */
int sn_netns_link_del(uint16_t port);

/** The device of a port. @return 0 or -ENOENT. */
int sn_netns_link_get(uint16_t port, struct sn_netdev *dev);
/** A namespace's device by name or by ifindex. @return 0 or -ENOENT. */
int sn_netns_link_by_name(const struct sn_netns *ns, const char *ifname,
			  struct sn_netdev *dev);
int sn_netns_link_by_ifindex(const struct sn_netns *ns, int ifindex,
			     struct sn_netdev *dev);
/** Devices of a namespace, lo first; returns the count (up to max). */
unsigned int sn_netns_links(const struct sn_netns *ns, struct sn_netdev *devs,
			    unsigned int max);

/** An interface address (`ip addr`), IPv4 or IPv6. */
struct sn_ifaddr {
	int family;		/**< AF_INET or AF_INET6 */
	uint8_t addr[16];	/**< network order; IPv4 in the first 4 */
	uint8_t plen;		/**< prefix length */
	int ifindex;		/**< the device it is on */
};

/**
 * Add an address to a device of a namespace. Every lo starts with
 * 127.0.0.1/8 and ::1/128 (R4). A device that leaves the namespace loses
 * its addresses there.
 * @return 0, -EINVAL (family, prefix length), -ENODEV (no such ifindex),
 *   -EADDRNOTAVAIL (IPv4 0.0.0.0, which Linux stores nothing of; IPv6 ::,
 *   multicast, or ::1 on a device other than lo, as Linux's ipv6_add_addr), -EEXIST (the same address and length on
 *   the device), -ENOMEM, or a listener's error (-ENOSPC: a route table
 *   is full), the address not added.
 */
int sn_netns_addr_add(struct sn_netns *ns, const struct sn_ifaddr *a);

/**
 * Remove an address. A primary IPv4 address (the first of its subnet on
 * its device) takes the others of that subnet on that device with it,
 * unless promote_secondaries is set (then the next one becomes primary),
 * as Linux's __inet_del_ifa; each removal is notified.
 * @return 0, or -EADDRNOTAVAIL (no such address on the device).
 */
int sn_netns_addr_del(struct sn_netns *ns, const struct sn_ifaddr *a);

/** net.ipv4.conf.all.promote_secondaries of ns (default 0, Linux's). */
void sn_netns_set_promote_secondaries(struct sn_netns *ns, bool on);
bool sn_netns_promote_secondaries(const struct sn_netns *ns);

/** Addresses of a namespace, in order of addition; returns the count. */
unsigned int sn_netns_addrs(const struct sn_netns *ns, struct sn_ifaddr *out,
			    unsigned int max);

/** Whether addr (of family) is on a device of ns. */
bool sn_netns_addr_is_local(const struct sn_netns *ns, int family,
			    const void *addr);

/**
 * Called after an address is added and after it is removed (also when its
 * device leaves the namespace), so that a removal sees what remains:
 * fib_add_ifaddr / fib_del_ifaddr's hook. An add that a listener cannot
 * follow (its routes do not fit) returns an error: the address is taken
 * back, every listener hears it removed, and sn_netns_addr_add() returns
 * that error. What a removal returns is ignored.
 */
typedef int (*sn_netns_addr_cb_t)(struct sn_netns *ns,
				  const struct sn_ifaddr *a, bool add,
				  void *arg);

/** Add a listener (up to 4). @return 0, -EINVAL, -ENOSPC. */
int sn_netns_addr_notifier_register(sn_netns_addr_cb_t cb, void *arg);

/** Remove a listener. @return 0 or -ENOENT. */
int sn_netns_addr_notifier_unregister(sn_netns_addr_cb_t cb, void *arg);

/**
 * Called on the control thread when a device (not lo) leaves a namespace
 * (moved, detached, or back to default with its namespace deleted), after
 * its addresses went: NETDEV_UNREGISTER's hook, where Linux's neighbour
 * tables drop the device's entries (neigh_ifdown).
 */
typedef void (*sn_netns_dev_leave_cb_t)(struct sn_netns *ns, uint16_t port,
					void *arg);

/** Add a listener (up to 4). @return 0, -EINVAL, -ENOSPC. */
int sn_netns_dev_leave_register(sn_netns_dev_leave_cb_t cb, void *arg);

/** Remove a listener. @return 0 or -ENOENT. */
int sn_netns_dev_leave_unregister(sn_netns_dev_leave_cb_t cb, void *arg);

/**
 * Take a device administratively up or down (IFF_UP; a device comes up
 * when attached). Down, as Linux's NETDEV_DOWN with keep_addr_on_down 0:
 * its IPv6 addresses go (addrconf_ifdown), then every link listener
 * hears it (routes through it, its neighbours: fib_disable_ip). Up: the
 * listeners hear it (fib_add_ifaddr for its IPv4 addresses), and lo gets
 * ::1/128 back (init_loopback). @return 0 (also when already so), -ENOENT
 * (no such device).
 */
int sn_netns_link_set_up(uint16_t port, bool up);

/** Called on the control thread when a device goes up or down. */
typedef void (*sn_netns_link_cb_t)(struct sn_netns *ns,
				   const struct sn_netdev *dev, void *arg);

/** Add a listener (up to 4). @return 0, -EINVAL, -ENOSPC. */
int sn_netns_link_notifier_register(sn_netns_link_cb_t cb, void *arg);

/** Remove a listener. @return 0 or -ENOENT. */
int sn_netns_link_notifier_unregister(sn_netns_link_cb_t cb, void *arg);

/** For tests of N5: the last ifindex handed out in ns. */
void sn_netns_set_ifindex_base(struct sn_netns *ns, int ifindex);

/** The fast path: the namespace of an ingress port, O(1). */
extern struct sn_netns *sn_netns_port_map[RTE_MAX_ETHPORTS];

static inline struct sn_netns *
sn_netns_of_port(uint16_t port)
{
	return __atomic_load_n(&sn_netns_port_map[port], __ATOMIC_ACQUIRE);
}

/** The ifindex of a port in its namespace (valid while it has one). */
extern int sn_netns_port_ifindex[RTE_MAX_ETHPORTS];

static inline int
sn_netns_ifindex_of_port(uint16_t port)
{
	return __atomic_load_n(&sn_netns_port_ifindex[port], __ATOMIC_RELAXED);
}

#ifdef __cplusplus
}
#endif

#endif /* SN_NETNS_H */
