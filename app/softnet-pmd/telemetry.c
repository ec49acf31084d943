/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The softnet authors
 */

/*
 * rte_telemetry endpoints, for dpdk-telemetry.py while the app runs:
 *   /softnet/stat             softnet_stat of every lcore
 *   /softnet/netns/list       namespaces
 *   /softnet/route,NS         NS's main table, `ip route show` lines
 *   /softnet/ip/stats,NS      NS's datapath counters
 *   /softnet/port/stats,N     a port's basic stats
 * The telemetry thread reads control-plane state: it takes the control
 * lock the shell holds while it runs a command (never the datapath).
 */

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_ethdev.h>
#include <rte_lcore.h>
#include <rte_telemetry.h>

#include "sn_ip.h"
#include "sn_netns.h"
#include "sn_route.h"
#include "sn_softnet.h"
#include "softnet-pmd.h"

pthread_mutex_t sn_ctl_lock = PTHREAD_MUTEX_INITIALIZER;

static struct sn_netns *
ns_param(const char *params)
{
	return sn_netns_find(params != NULL && *params != '\0' ? params :
			     SN_NETNS_DEFAULT);
}

static int
tel_stat(const char *cmd __rte_unused, const char *params __rte_unused,
	 struct rte_tel_data *d)
{
	struct sn_softnet_stat st;
	struct rte_tel_data *c;
	char name[16];
	unsigned int l;

	rte_tel_data_start_dict(d);
	RTE_LCORE_FOREACH(l) {
		if (sn_softnet_stat_get(l, &st) != 0)
			continue;
		c = rte_tel_data_alloc();
		if (c == NULL)
			return -ENOMEM;
		rte_tel_data_start_dict(c);
		rte_tel_data_add_dict_u64(c, "processed", st.processed);
		rte_tel_data_add_dict_u64(c, "dropped", st.dropped);
		rte_tel_data_add_dict_u64(c, "time_squeeze", st.time_squeeze);
		rte_tel_data_add_dict_u64(c, "received_rps", st.received_rps);
		rte_tel_data_add_dict_u64(c, "flow_limit_count",
					  st.flow_limit_count);
		rte_tel_data_add_dict_u64(c, "backlog_len",
					  st.input_qlen + st.process_qlen);
		rte_tel_data_add_dict_int(c, "online", st.online);
		snprintf(name, sizeof(name), "lcore%u", l);
		rte_tel_data_add_dict_container(d, name, c, 0);
	}
	return 0;
}

static int
add_ns(struct sn_netns *ns, void *arg)
{
	rte_tel_data_add_array_string(arg, sn_netns_name(ns));
	return 0;
}

static int
tel_netns_list(const char *cmd __rte_unused, const char *params __rte_unused,
	       struct rte_tel_data *d)
{
	rte_tel_data_start_array(d, RTE_TEL_STRING_VAL);
	pthread_mutex_lock(&sn_ctl_lock);
	sn_netns_foreach(add_ns, d);
	pthread_mutex_unlock(&sn_ctl_lock);
	return 0;
}

struct route_arg {
	struct sn_netns *ns;
	struct rte_tel_data *d;
};

static int
add_route(const struct sn_route4 *r, void *arg)
{
	struct route_arg *ra = arg;
	char buf[RTE_TEL_MAX_STRING_LEN];

	sn_route4_format(ra->ns, r, buf, sizeof(buf));
	return rte_tel_data_add_array_string(ra->d, buf) != 0;
}

static int
tel_route(const char *cmd __rte_unused, const char *params,
	  struct rte_tel_data *d)
{
	struct route_arg ra = { .d = d };
	int ret = 0;

	pthread_mutex_lock(&sn_ctl_lock);
	ra.ns = ns_param(params);
	if (ra.ns == NULL) {
		ret = -EINVAL;
	} else {
		rte_tel_data_start_array(d, RTE_TEL_STRING_VAL);
		sn_route4_foreach(ra.ns, SN_RT_TABLE_MAIN, add_route, &ra);
	}
	pthread_mutex_unlock(&sn_ctl_lock);
	return ret;
}

static int
tel_ip_stats(const char *cmd __rte_unused, const char *params,
	     struct rte_tel_data *d)
{
	uint64_t v[SN_IP_CNT_MAX];
	struct sn_netns *ns;
	unsigned int i;
	int ret = 0;

	pthread_mutex_lock(&sn_ctl_lock);
	ns = ns_param(params);
	if (ns == NULL || sn_ip_stats_get(ns, v) != 0)
		ret = -EINVAL;
	pthread_mutex_unlock(&sn_ctl_lock);
	if (ret != 0)
		return ret;
	rte_tel_data_start_dict(d);
	for (i = 0; i < SN_IP_CNT_MAX; i++)
		rte_tel_data_add_dict_u64(d, sn_ip_counter_name(i), v[i]);
	return 0;
}

static int
tel_port_stats(const char *cmd __rte_unused, const char *params,
	       struct rte_tel_data *d)
{
	struct rte_eth_stats st;
	char *end;
	long port;

	if (params == NULL || *params == '\0')
		return -EINVAL;
	port = strtol(params, &end, 0);
	if (*end != '\0' || port < 0 || port >= RTE_MAX_ETHPORTS ||
	    rte_eth_stats_get(port, &st) != 0)
		return -EINVAL;
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_u64(d, "ipackets", st.ipackets);
	rte_tel_data_add_dict_u64(d, "opackets", st.opackets);
	rte_tel_data_add_dict_u64(d, "ibytes", st.ibytes);
	rte_tel_data_add_dict_u64(d, "obytes", st.obytes);
	rte_tel_data_add_dict_u64(d, "imissed", st.imissed);
	rte_tel_data_add_dict_u64(d, "ierrors", st.ierrors);
	rte_tel_data_add_dict_u64(d, "oerrors", st.oerrors);
	return 0;
}

int
sn_telemetry_register(void)
{
	return rte_telemetry_register_cmd("/softnet/stat", tel_stat,
		"softnet_stat of every lcore. No parameters") |
	       rte_telemetry_register_cmd("/softnet/netns/list",
		tel_netns_list, "Namespaces. No parameters") |
	       rte_telemetry_register_cmd("/softnet/route", tel_route,
		"Main table of a namespace. Parameter: namespace") |
	       rte_telemetry_register_cmd("/softnet/ip/stats", tel_ip_stats,
		"Datapath counters of a namespace. Parameter: namespace") |
	       rte_telemetry_register_cmd("/softnet/port/stats",
		tel_port_stats, "Basic stats of a port. Parameter: port id");
}
