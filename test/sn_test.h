/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The softnet authors
 */

/*
 * A minimal unit test harness, in the spirit of DPDK's app/test: each
 * program holds a table of named cases; meson runs one case per process
 * (`prog [EAL args] -- CASE`) so that a crash or leak names its case.
 */

#ifndef SN_TEST_H
#define SN_TEST_H

#include <stdio.h>
#include <string.h>

#include <rte_mempool.h>

#define TEST_SUCCESS 0
#define TEST_FAILED  -1

#define TEST_ASSERT(cond, fmt, ...) do { \
	if (!(cond)) { \
		printf("FAIL %s:%d: %s: " fmt "\n", __FILE__, __LINE__, \
		       #cond, ##__VA_ARGS__); \
		return TEST_FAILED; \
	} \
} while (0)

#define TEST_ASSERT_EQUAL(a, b, fmt, ...) do { \
	long long a_ = (long long)(a), b_ = (long long)(b); \
	if (a_ != b_) { \
		printf("FAIL %s:%d: %s == %s: %lld != %lld: " fmt "\n", \
		       __FILE__, __LINE__, #a, #b, a_, b_, ##__VA_ARGS__); \
		return TEST_FAILED; \
	} \
} while (0)

#define TEST_ASSERT_OK(expr) do { \
	int r_ = (expr); \
	if (r_ != 0) { \
		printf("FAIL %s:%d: %s returned %d (%s)\n", __FILE__, \
		       __LINE__, #expr, r_, strerror(r_ < 0 ? -r_ : r_)); \
		return TEST_FAILED; \
	} \
} while (0)

struct sn_test_case {
	const char *name;
	int (*fn)(void);
};

/*
 * Run the case named on the command line (after EAL's arguments and "--"),
 * or every case with "all". Returns the process exit status.
 */
int sn_test_main(int argc, char **argv, const struct sn_test_case *cases,
		 int (*setup)(void), void (*teardown)(void));

/* Fail unless every object of the pool is back in it. */
int sn_test_mempool_empty(const struct rte_mempool *mp);

/* Capture DPDK's log into a buffer, to assert on error messages. */
void sn_test_log_capture_start(void);
/* Stop capturing; returns the captured text (valid until the next start). */
const char *sn_test_log_capture_stop(void);

#endif /* SN_TEST_H */
