/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The softnet authors
 */

/*
 * softnet-kudp: the Linux kernel's UDP over lo on this machine, the peer
 * the datapath benchmark compares local delivery with. A sender thread
 * sendmmsg()s datagrams of 18 bytes (a 64-byte Ethernet frame's worth)
 * to 127.0.0.1, a receiver thread recvmmsg()s them, each pinned to its
 * own CPU when there are two; the receiver's count over the run is the
 * rate.
 *
 * usage: softnet-kudp [SECONDS] [BATCH]
 */

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define PAYLOAD 18

static volatile int stop;
static unsigned int batch = 32;
static struct sockaddr_in dst;
static int rx_fd, tx_fd;
static unsigned long long received, sent;

static void
pin(int cpu)
{
	cpu_set_t set;

	if (sysconf(_SC_NPROCESSORS_ONLN) < 2)
		return;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	pthread_setaffinity_np(pthread_self(), sizeof(set), &set);
}

static void *
tx_main(void *arg)
{
	struct mmsghdr msgs[256];
	struct iovec iov[256];
	char buf[PAYLOAD] = "softnet-kudp";
	unsigned int i;
	int n;

	(void)arg;
	pin(0);
	memset(msgs, 0, sizeof(msgs));
	for (i = 0; i < batch; i++) {
		iov[i].iov_base = buf;
		iov[i].iov_len = PAYLOAD;
		msgs[i].msg_hdr.msg_iov = &iov[i];
		msgs[i].msg_hdr.msg_iovlen = 1;
		msgs[i].msg_hdr.msg_name = &dst;
		msgs[i].msg_hdr.msg_namelen = sizeof(dst);
	}
	while (!stop) {
		n = sendmmsg(tx_fd, msgs, batch, 0);
		if (n > 0)
			sent += n;
	}
	return NULL;
}

static void *
rx_main(void *arg)
{
	struct mmsghdr msgs[256];
	struct iovec iov[256];
	static char bufs[256][64];
	unsigned int i;
	int n;

	(void)arg;
	pin(1);
	memset(msgs, 0, sizeof(msgs));
	for (i = 0; i < batch; i++) {
		iov[i].iov_base = bufs[i];
		iov[i].iov_len = sizeof(bufs[i]);
		msgs[i].msg_hdr.msg_iov = &iov[i];
		msgs[i].msg_hdr.msg_iovlen = 1;
	}
	while (!stop) {
		n = recvmmsg(rx_fd, msgs, batch, MSG_WAITFORONE, NULL);
		if (n > 0)
			received += n;
	}
	return NULL;
}

int
main(int argc, char **argv)
{
	double secs = argc > 1 ? atof(argv[1]) : 3;
	struct sockaddr_in a = { .sin_family = AF_INET };
	unsigned long long r0;
	struct timespec t0, t1;
	socklen_t len = sizeof(a);
	pthread_t tx, rx;
	struct timeval rcvto = { .tv_sec = 0, .tv_usec = 100000 };
	int rcvbuf = 8 << 20;
	double el;

	if (argc > 2)
		batch = atoi(argv[2]);
	if (secs <= 0 || batch == 0 || batch > 256) {
		fprintf(stderr, "usage: %s [SECONDS] [BATCH 1..256]\n",
			argv[0]);
		return 2;
	}
	rx_fd = socket(AF_INET, SOCK_DGRAM, 0);
	tx_fd = socket(AF_INET, SOCK_DGRAM, 0);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (rx_fd < 0 || tx_fd < 0 ||
	    bind(rx_fd, (struct sockaddr *)&a, sizeof(a)) != 0 ||
	    getsockname(rx_fd, (struct sockaddr *)&a, &len) != 0) {
		perror("socket");
		return 1;
	}
	setsockopt(rx_fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	/* recvmmsg's own timeout is checked only after a datagram comes:
	 * with the sender stopped, the receiver would wait for ever */
	setsockopt(rx_fd, SOL_SOCKET, SO_RCVTIMEO, &rcvto, sizeof(rcvto));
	dst = a;
	pthread_create(&rx, NULL, rx_main, NULL);
	pthread_create(&tx, NULL, tx_main, NULL);
	usleep(200000);		/* warm up */
	r0 = received;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	usleep((useconds_t)(secs * 1e6));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	el = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("kernel UDP over lo: %.3f Mpps received (%u-datagram "
	       "sendmmsg/recvmmsg, %d-byte payload, %.1f s)\n",
	       (received - r0) / el / 1e6, batch, PAYLOAD, el);
	stop = 1;
	pthread_join(tx, NULL);
	pthread_join(rx, NULL);
	return 0;
}
