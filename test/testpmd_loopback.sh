#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
#
# Stock dpdk-testpmd loads our driver as a plugin (-d) and forwards through
# net_loopback0 in io mode: what it transmits on queue 0 comes back on
# queue 0, so with --tx-first the burst circulates. Pass: non-zero Rx-pps
# and Tx-pps, and a clean exit on SIGINT.
#
# usage: testpmd_loopback.sh PLUGIN.so
set -u
so=$1
testpmd=${DPDK_TESTPMD:-dpdk-testpmd}

command -v "$testpmd" >/dev/null 2>&1 || {
	echo "FAIL: $testpmd not found (Debian package dpdk-dev)"; exit 1; }
[ -f "$so" ] || { echo "FAIL: no plugin $so"; exit 1; }

# EAL refuses a plugin below a world-writable folder (e.g. /tmp): copy it
# to a private folder then.
unsafe=0
d=$(cd "$(dirname "$so")" && pwd)
while [ "$d" != "/" ]; do
	[ -n "$(find "$d" -maxdepth 0 -perm -0002 2>/dev/null)" ] && unsafe=1
	d=$(dirname "$d")
done
if [ $unsafe -eq 1 ]; then
	safe=${HOME:-/root}/.cache/softnet/plugins
	mkdir -p "$safe" && chmod 700 "$safe"
	cp "$so" "$safe/" && so="$safe/$(basename "$so")"
	echo "plugin copied to $so (its folder was below a world-writable one)"
fi

# An ASan build of the plugin needs the sanitizer runtimes loaded first
# into the (uninstrumented) testpmd; testpmd's own leaks are not ours.
preload=$(ldd "$so" | awk '/lib(asan|ubsan)\.so/ {print $3}' | tr '\n' ' ')
if [ -n "$preload" ]; then
	export LD_PRELOAD="$preload"
	export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
fi

last=$(($(nproc) - 1))
out=$(mktemp)
# EAL's runtime directories of this script's processes (--no-shconf still
# makes one, and telemetry needs its files): removed on exit
rundirs() { rm -rf /var/run/dpdk/sn-*-$$ "${XDG_RUNTIME_DIR:-/tmp}"/dpdk/sn-*-$$; }
trap 'exit 143' TERM	# meson's timeout: the EXIT trap still cleans up
trap 'rm -f "$out"; rundirs' EXIT
timeout -s INT -k 10 5 "$testpmd" --no-huge -m 512 --no-shconf \
	--file-prefix "sn-testpmd-$$" --no-pci --lcores "0@0,1@$last" \
	-d "$so" --vdev net_loopback0 -- \
	--forward-mode=io --tx-first --stats-period 1 \
	--total-num-mbufs=4096 </dev/null >"$out" 2>&1
rc=$?
cat "$out"
echo "--- exit code $rc"

fail=0
# 124: timeout delivered SIGINT; testpmd then stops and exits 0.
[ $rc -eq 0 ] || [ $rc -eq 124 ] || { echo "FAIL: exit code $rc"; fail=1; }
grep -q "Port 0: 00:00:00:00:00:00" "$out" ||
	{ echo "FAIL: port 0 is not net_loopback (all-zero MAC)"; fail=1; }
rx=$(grep -o 'Rx-pps: *[0-9]*' "$out" | awk '{print $2}' | sort -n | tail -n 1)
tx=$(grep -o 'Tx-pps: *[0-9]*' "$out" | awk '{print $2}' | sort -n | tail -n 1)
echo "best Rx-pps ${rx:-none}, Tx-pps ${tx:-none}"
[ "${rx:-0}" -gt 0 ] || { echo "FAIL: no Rx-pps above 0"; fail=1; }
[ "${tx:-0}" -gt 0 ] || { echo "FAIL: no Tx-pps above 0"; fail=1; }
grep -q "Bye" "$out" || { echo "FAIL: testpmd did not exit cleanly"; fail=1; }
[ $fail -eq 0 ] && echo "PASS"
exit $fail
