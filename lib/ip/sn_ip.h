/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The softnet authors
 */

#ifndef SN_IP_H
#define SN_IP_H

/**
 * @file
 * The IP datapath: what softnet delivers walks Ethernet input, IPv4
 * checks, martian filters (R8, R9), rules + lookup (lib/route), then
 * local delivery through the namespace's lo, forwarding with a neighbour
 * table, or the ICMP error Linux would send (R10).
 *
 * Locally destined packets are transmitted on the namespace's lo (queue =
 * the lcore id), so lo's counters and a capture on lo see them; in softnet
 * mode lo's transmit is netif_rx on the same lcore's backlog, and what
 * comes back from lo is delivered without a second lookup (L7): ICMP echo,
 * UDP sinks, ICMP port/protocol unreachable.
 *
 * Neighbours (ARP) are owned by the control thread: workers read them
 * without locks (rte_hash lock-free readers + RCU) and hand packets that
 * need resolution, and what ARP taught them, to the control thread
 * through one MP/SC ring. sn_ip_control() must be called periodically
 * from the control lcore (the app's main lcore).
 *
 * Counters are per namespace and per lcore; sn_ip_stats_get() sums them.
 */

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <rte_ether.h>
#include <rte_mbuf.h>
#include <rte_rcu_qsbr.h>

#include "sn_netns.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Per-namespace counters, with the Linux MIB or drop reason they mirror. */
#define SN_IP_COUNTERS(X) \
	X(rx_otherhost,		"frame for another MAC (rx_otherhost_dropped)") \
	X(rx_vlan,		"VLAN-tagged frame, VLANs not configured") \
	X(rx_nohandler,		"EtherType nobody handles (rx_nohandler)") \
	X(rx_runt,		"frame shorter than its Ethernet header") \
	X(ip_in_receives,	"IPv4 packets received (InReceives)") \
	X(ip_bad_version,	"IP version is not 4 (InHdrErrors)") \
	X(ip_bad_ihl,		"IHL below 5 (InHdrErrors)") \
	X(ip_bad_len,		"total length below the header (InHdrErrors)") \
	X(ip_truncated,		"frame shorter than the IP length (InTruncatedPkts)") \
	X(ip_bad_csum,		"header checksum wrong (InCsumErrors)") \
	X(ip_options,		"packets with IP options (passed)") \
	X(ip_bad_options,	"malformed IP options: parameter problem (InHdrErrors)") \
	X(ip_source_route,	"source route option, accept_source_route 0") \
	X(ip_frag_dropped,	"fragments for local delivery (not reassembled)") \
	X(martian_src,		"martian source (R8)") \
	X(martian_dst,		"martian destination (R8)") \
	X(local_src,		"own address as source from outside (R9)") \
	X(mcast_dropped,	"multicast destination (no multicast routing)") \
	X(in_addr_errors,	"not local and forwarding off (InAddrErrors)") \
	X(fwd_not_host,		"to forward, but sent to a broadcast/multicast MAC") \
	X(no_route,		"no route: ICMP net unreachable (InNoRoutes)") \
	X(blackhole,		"blackhole route: silent drop") \
	X(unreachable,		"unreachable route: ICMP host unreachable") \
	X(prohibit,		"prohibit route: ICMP packet filtered") \
	X(lo_tx,		"locally destined, sent on lo") \
	X(in_delivers,		"delivered from lo (InDelivers)") \
	X(forwarded,		"forwarded (OutForwDatagrams)") \
	X(ttl_exceeded,		"TTL <= 1: ICMP time exceeded") \
	X(frag_needed,		"over the MTU with DF: ICMP frag needed") \
	X(frag_fails,		"over the MTU without DF (FragFails)") \
	X(out_requests,		"locally generated packets (OutRequests)") \
	X(out_no_route,		"locally generated, no usable route (OutNoRoutes)") \
	X(neigh_queued,		"handed to the control thread for ARP") \
	X(neigh_dropped,	"dropped waiting for a neighbour") \
	X(tx_dropped,		"refused by the output port (tx_dropped)") \
	X(icmp_in_msgs,		"ICMP messages delivered (InMsgs)") \
	X(icmp_in_errors,	"ICMP short or bad checksum (InErrors)") \
	X(icmp_in_echos,	"ICMP echo requests (InEchos)") \
	X(icmp_in_echo_reps,	"ICMP echo replies (InEchoReps)") \
	X(icmp_out_echo_reps,	"ICMP echo replies sent (OutEchoReps)") \
	X(icmp_in_timestamps,	"ICMP timestamp requests (InTimestamps)") \
	X(icmp_out_timestamp_reps, "ICMP timestamp replies sent (OutTimestampReps)") \
	X(icmp_out_errors,	"ICMP errors sent (OutDestUnreachs, OutTimeExcds)") \
	X(icmp_ratelimited,	"ICMP errors not sent: rate limit (OutRateLimitHost)") \
	X(icmp_ratelimit_global, "ICMP errors not sent: icmp_msgs_per_sec (OutRateLimitGlobal)") \
	X(icmp_echo_ignored,	"echo to broadcast or echo_ignore_all") \
	X(udp_in_datagrams,	"UDP to a bound port (InDatagrams)") \
	X(udp_no_ports,		"UDP to an unbound port (NoPorts)") \
	X(udp_in_errors,	"UDP length wrong (InErrors)") \
	X(udp_csum_errors,	"UDP checksum wrong (InCsumErrors)") \
	X(udp_out_datagrams,	"UDP echoed by a sink (OutDatagrams)") \
	X(udp_ignored_multi,	"UDP broadcast or multicast, no sink (IgnoredMulti)") \
	X(unknown_proto,	"no handler for the protocol (InUnknownProtos)") \
	X(arp_in_requests,	"ARP requests received") \
	X(arp_in_replies,	"ARP replies received") \
	X(arp_out_requests,	"ARP requests sent") \
	X(arp_out_replies,	"ARP replies sent") \
	X(arp_invalid,		"ARP malformed or with martian addresses") \
	X(ip6_in_receives,	"IPv6 packets received (Ip6InReceives)") \
	X(ip6_bad_header,	"IPv6 header malformed (Ip6InHdrErrors)") \
	X(ip6_martian,		"::1 to or from a port that is not lo") \
	X(ip6_no_route,		"no IPv6 route: ICMPv6 no route (Ip6InNoRoutes)") \
	X(ip6_unknown_header,	"extension header or option refused (Ip6InHdrErrors)") \
	X(icmp6_in_msgs,	"ICMPv6 messages delivered (Icmp6InMsgs)") \
	X(icmp6_in_errors,	"ICMPv6 short or bad checksum (Icmp6InErrors)") \
	X(icmp6_in_echos,	"ICMPv6 echo requests (Icmp6InEchos)") \
	X(icmp6_in_echo_reps,	"ICMPv6 echo replies (Icmp6InEchoReplies)") \
	X(icmp6_out_echo_reps,	"ICMPv6 echo replies sent") \
	X(icmp6_out_errors,	"ICMPv6 errors sent") \
	X(nd_in_solicits,	"neighbour solicitations received") \
	X(nd_in_adverts,	"neighbour advertisements received") \
	X(nd_out_solicits,	"neighbour solicitations sent") \
	X(nd_out_adverts,	"neighbour advertisements sent") \
	X(nd_invalid,		"neighbour discovery malformed (hop limit, length)")

#define SN_IP_CNT_ENUM(name, help) SN_IP_##name,
/** Counter ids. */
enum sn_ip_counter {
	SN_IP_COUNTERS(SN_IP_CNT_ENUM)
	SN_IP_CNT_MAX
};
#undef SN_IP_CNT_ENUM

/** Library configuration. */
struct sn_ip_conf {
	/** Workers' QSBR variable (NULL: no worker runs the datapath). */
	struct rte_rcu_qsbr *qsbr;
	/** Pool for ARP requests the control thread sends. */
	struct rte_mempool *mp;
	/** Neighbours per namespace (gc_thresh3); 0: 1024. */
	uint32_t neigh_max;
	/** Packets held per unresolved neighbour (unres_qlen); 0: 101. */
	uint32_t unres_qlen;
	/** Packets held for all neighbours together; 0: 1024. */
	uint32_t held_max;
	/** ARP retransmit time in ms (retrans_time_ms); 0: 1000. */
	uint32_t retrans_ms;
	/** ARP requests before giving up (mcast_solicit); 0: 3. */
	uint32_t probes;
	/** A confirmed neighbour turns STALE after this, in ms
	 * (base_reachable_time_ms; Linux draws 0.5-1.5x of it); 0: 30000. */
	uint32_t reachable_ms;
	/** A STALE neighbour is probed after this since its confirmation,
	 * in ms (gc_stale_time); no answer to `probes` requests removes it;
	 * 0: 60000. */
	uint32_t gc_stale_ms;
};

/**
 * Set up the datapath for every namespace (a pernet subsystem). Call after
 * sn_netns_init() and sn_route_init().
 * @return 0, -EALREADY, -ENOMEM.
 */
int sn_ip_init(const struct sn_ip_conf *conf);

/** Tear down; held packets are freed. No worker may be running. */
void sn_ip_fini(void);

/**
 * The datapath, as softnet's delivery function (sn_deliver_t): consumes
 * every packet (sent, queued for a neighbour, or dropped and counted).
 */
void sn_ip_input(void *ctx, unsigned int lcore, struct rte_mbuf **pkts,
		 uint16_t n);

/**
 * Control-thread work: neighbour resolution, learning, ARP retransmits
 * and timeouts. Call it periodically on one lcore.
 * @return the number of messages and timers handled.
 */
unsigned int sn_ip_control(void);

/** The tx queue @p lcore uses on @p port (lo: always the lcore id). */
int sn_ip_set_txq(unsigned int lcore, uint16_t port, uint16_t queue);

/** Re-read a port's MAC address and MTU (after changing them). */
int sn_ip_port_refresh(uint16_t port);

/**
 * A port stopped (or started again): while down, what the datapath and
 * the control thread send to it is freed and counted in tx_dropped, and
 * its queues are not touched. @return 0 or -EINVAL.
 */
int sn_ip_port_set_down(uint16_t port, bool down);

/**
 * Packets the datapath was given from a port in no namespace (it left its
 * namespace while its queue still held them), dropped: summed over the
 * lcores, for every namespace has its own counters and these have none.
 */
uint64_t sn_ip_no_netns_drops(void);

/** Name and help text of a counter. */
const char *sn_ip_counter_name(unsigned int id);
const char *sn_ip_counter_help(unsigned int id);

/**
 * Sum of a namespace's counters over the lcores.
 * @param out SN_IP_CNT_MAX values.
 */
int sn_ip_stats_get(const struct sn_netns *ns, uint64_t *out);

/** Zero a namespace's counters (no worker may be running on them). */
void sn_ip_stats_reset(const struct sn_netns *ns);

/**
 * A namespace's counters as `name value` lines, every counter, in enum
 * order (a stable format).
 * @return bytes written (as snprintf).
 */
int sn_ip_stats_text(const struct sn_netns *ns, char *buf, size_t len);

/**
 * Per-namespace settings, Linux's sysctl names: forwarding (default 1,
 * see doc/guides/datapath.md), route_localnet (0), accept_local (0),
 * icmp_echo_ignore_all (0), icmp_echo_ignore_broadcasts (1),
 * icmp_ratelimit (ms, 1000), icmp_ratemask (0x1818), icmp_msgs_per_sec
 * (1000), icmp_msgs_burst (50), promote_secondaries (0); IPv6's own
 * ipv6_forwarding (1) and ipv6_icmp_echo_ignore_all (0).
 * @return 0, or -EINVAL / -ENOENT with a reason in err.
 */
int sn_ip_sysctl_set(struct sn_netns *ns, const char *name,
		     const char *value, char *err, size_t errlen);

/** A setting's value, or -1 if unknown. */
long sn_ip_sysctl_get(const struct sn_netns *ns, const char *name);

/**
 * `ip route get DST [from SRC] [iif DEV] [oif DEV]`: with an input device
 * other than lo, the datapath's input checks first (martians R8 with
 * route_localnet, broadcast input, R9 with accept_local), each refusal
 * -EINVAL as Linux's; else sn_route4_get_from()'s answer.
 * @return 0 with the line in buf, or a negative errno with the reason.
 */
int sn_ip_route_get4(const struct sn_netns *ns, uint32_t dst, uint32_t src,
		     int iif, int oif, char *buf, size_t len);

/** `udp listen`: a sink on a UDP port (host order) of ns. */
int sn_udp_listen(struct sn_netns *ns, uint16_t port, bool echo);

/** `udp close`. @return 0 or -ENOENT. */
int sn_udp_close(struct sn_netns *ns, uint16_t port);

/** A sink's counters: datagrams and payload bytes. @return 0 or -ENOENT. */
int sn_udp_stats(const struct sn_netns *ns, uint16_t port, uint64_t *pkts,
		 uint64_t *bytes);

/** Neighbour states, with Linux's NUD_* values. */
#define SN_NUD_INCOMPLETE	0x01
#define SN_NUD_REACHABLE	0x02
#define SN_NUD_STALE		0x04
#define SN_NUD_PROBE		0x10
#define SN_NUD_FAILED		0x20
#define SN_NUD_PERMANENT	0x80

/** A neighbour entry (`ip neigh`). */
struct sn_neigh {
	int family;		/**< AF_INET or AF_INET6 */
	uint32_t ip;		/**< IPv4, host order */
	uint8_t ip6[16];	/**< IPv6 */
	int ifindex;
	struct rte_ether_addr mac;
	uint8_t state;		/**< SN_NUD_* */
	uint16_t held;		/**< packets waiting (INCOMPLETE) */
};

/** `ip neigh add|replace ... lladdr MAC nud permanent`. */
int sn_neigh_add(struct sn_netns *ns, uint32_t ip, int ifindex,
		 const struct rte_ether_addr *mac);

/** `ip neigh del`. @return 0, -ENOENT. */
int sn_neigh_del(struct sn_netns *ns, uint32_t ip, int ifindex);

/** `ip neigh add|replace ... lladdr MAC nud STATE`: SN_NUD_PERMANENT,
 * SN_NUD_REACHABLE (confirmed now, then aged as a learnt entry) or
 * SN_NUD_STALE. @return 0, -EINVAL (another state, no MAC, lo),
 * -ENODEV, -ENOSPC. */
int sn_neigh_add_state(struct sn_netns *ns, uint32_t ip, int ifindex,
		       const struct rte_ether_addr *mac, uint8_t state);

/** The same for IPv6 neighbours (address in network order). */
int sn_neigh6_add(struct sn_netns *ns, const uint8_t *ip, int ifindex,
		  const struct rte_ether_addr *mac);
int sn_neigh6_add_state(struct sn_netns *ns, const uint8_t *ip, int ifindex,
			const struct rte_ether_addr *mac, uint8_t state);
int sn_neigh6_del(struct sn_netns *ns, const uint8_t *ip, int ifindex);

/** Whether ns has an entry, in any state, for ip on ifindex (`ip neigh
 * add` of one is -EEXIST, as NLM_F_EXCL). */
bool sn_neigh_exists(struct sn_netns *ns, uint32_t ip, int ifindex);
bool sn_neigh6_exists(struct sn_netns *ns, const uint8_t *ip, int ifindex);

/** Entries of ns; returns the count (up to max). */
unsigned int sn_neigh_list(const struct sn_netns *ns, struct sn_neigh *out,
			   unsigned int max);

/** One entry as `ip neigh show` prints it. */
int sn_neigh_format(const struct sn_netns *ns, const struct sn_neigh *e,
		    char *buf, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* SN_IP_H */
