/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The softnet authors
 */

#ifndef SN_ROUTE_PVT_H
#define SN_ROUTE_PVT_H

/* What sn_route.c and sn_route6.c share, not part of the API. */

#include <stddef.h>
#include <stdint.h>

#include "sn_netns.h"

/* A rule's device that has left: its name when the rule was added, else
 * its ifindex, in buf. */
const char *sn_rt_rule_dev_name(const char *name, int ifindex, char *buf,
				size_t len);

/* The names of a rule's devices (SN_IFNAMSIZ each; "" for none). */
void sn_rt_rule_dev_names(const struct sn_netns *ns, int iif, int oif,
			  char *iifname, char *oifname);

/* A route line's " proto NAME" (or " proto N"), in buf; "" for boot and
 * for 0 ("not given" here, boot in IPv6), which iproute2 leaves out. */
const char *sn_rt_proto_word(uint8_t proto, char *buf, size_t len);

/* A copy of ns's addresses (free() it), *n of them; NULL and 0 when
 * there is no memory. */
struct sn_ifaddr *sn_rt_addrs(const struct sn_netns *ns, unsigned int *n);

#endif /* SN_ROUTE_PVT_H */
