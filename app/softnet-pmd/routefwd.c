/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The softnet authors
 */

/*
 * route: the full datapath. The lcores run softnet's net_rx_action;
 * what softnet delivers walks sn_ip_input: Ethernet and IPv4 input, the
 * namespace's rules and tables, local delivery through its lo, forwarding
 * with ARP, ICMP errors. The main lcore runs the neighbour control work.
 */

#include "sn_ip.h"
#include "softnet-pmd.h"

struct fwd_engine route_fwd_engine = {
	.name = "route",
	.help = "the softnet datapath: backlog, L3 input, rules + lookup, "
		"local delivery through lo, forwarding",
	.packet_fwd = NULL,
	.softnet = 1,
	.deliver = sn_ip_input,
};
