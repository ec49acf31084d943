#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
#
# Prepare a Debian machine for softnet and build it:
#  - install the Debian packages that are missing;
#  - make Debian's source packages reachable (deb-src), for DPDK's driver
#    headers, which meson takes from the source package of the installed DPDK;
#  - reserve 2 MiB hugepages when possible (else programs use --no-huge);
#  - configure and build build/ (and, with --asan, build-asan/: clang with
#    ASan and UBSan, and the libFuzzer targets).
#
# usage: scripts/setup.sh [--asan]
set -eu
cd "$(dirname "$0")/.."

asan=0
for a in "$@"; do
	case $a in
	--asan) asan=1 ;;
	-h|--help) echo "usage: scripts/setup.sh [--asan]"; exit 0 ;;
	*) echo "setup: unknown option '$a'" >&2
	   echo "usage: scripts/setup.sh [--asan]" >&2; exit 2 ;;
	esac
done

say() { echo "setup: $*"; }
# "$@" with its output kept aside, and shown (on stderr, which the
# scripts that call setup.sh do not hide) if it fails
quiet() {
	log=$(mktemp)
	if ! "$@" >"$log" 2>&1; then
		echo "setup: '$*' failed:" >&2
		tail -n 60 "$log" >&2
		rm -f "$log"
		exit 1
	fi
	rm -f "$log"
}
if [ "$(id -u)" -eq 0 ]; then
	SUDO=
else
	SUDO=sudo
fi

PKGS="libdpdk-dev dpdk dpdk-dev libnuma-dev libpcap-dev meson ninja-build
pkg-config gcc dpkg-dev python3 python3-pyelftools procps"
# the sanitizer build is clang's, for its libFuzzer targets too
[ $asan -eq 1 ] && PKGS="$PKGS clang libclang-rt-dev"
missing=
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
updated=0
if [ -n "$missing" ]; then
	say "installing$missing"
	quiet $SUDO apt-get update -q
	updated=1
	quiet $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		--no-install-recommends $missing
fi

# deb-src entries for Debian's own archives, mirroring the deb ones.
ver=$(dpkg-query -W -f='${Version}' libdpdk-dev)
if [ ! -f build/config/dpdk-driver-headers/VERSION ] ||
   [ "$(cat build/config/dpdk-driver-headers/VERSION)" != "$ver" ]; then
	if ! apt-get source --print-uris -q "dpdk=$ver" >/dev/null 2>&1; then
		src=/etc/apt/sources.list.d/softnet-debian-src.sources
		say "adding deb-src entries ($src) for DPDK's driver headers"
		tmp=$(mktemp)
		for f in /etc/apt/sources.list.d/*.sources; do
			[ -f "$f" ] || continue
			# each deb822 stanza of Types: deb on a Debian archive
			awk 'BEGIN { RS = ""; ORS = "\n\n" }
			     /Types:[^\n]*deb/ && /URIs:[^\n]*\/debian/ {
				sub(/Types:[^\n]*/, "Types: deb-src"); print }' \
				"$f" >>"$tmp"
		done
		if [ -f /etc/apt/sources.list ]; then
			grep -E '^deb [^#]*/debian' /etc/apt/sources.list |
				sed 's/^deb /deb-src /' >"$tmp.list" || true
			if [ -s "$tmp.list" ]; then
				$SUDO cp "$tmp.list" \
					/etc/apt/sources.list.d/softnet-debian-src.list
			fi
			rm -f "$tmp.list"
		fi
		[ -s "$tmp" ] && $SUDO cp "$tmp" "$src"
		rm -f "$tmp"
		quiet $SUDO apt-get update -q
		updated=1
		apt-get source --print-uris -q "dpdk=$ver" >/dev/null 2>&1 ||
			say "warning: Debian source package dpdk=$ver still unreachable"
	fi
fi

# Hugepages: 1024 x 2 MiB if we may; programs fall back to --no-huge.
hp_free=$(awk '/^HugePages_Free/ {print $2}' /proc/meminfo)
if [ "${hp_free:-0}" -lt 256 ] && [ -w /proc/sys/vm/nr_hugepages ]; then
	total=$(cat /proc/sys/vm/nr_hugepages)
	echo $((total + 1024 - hp_free)) >/proc/sys/vm/nr_hugepages 2>/dev/null || true
	hp_free=$(awk '/^HugePages_Free/ {print $2}' /proc/meminfo)
fi
if [ "${hp_free:-0}" -ge 256 ] && ! grep -q hugetlbfs /proc/mounts; then
	mkdir -p /dev/hugepages &&
		mount -t hugetlbfs nodev /dev/hugepages 2>/dev/null || true
fi
if [ "${hp_free:-0}" -ge 256 ] && grep -q hugetlbfs /proc/mounts; then
	say "hugepages: $hp_free x 2 MiB free"
else
	say "note: no hugepages could be reserved: programs run with --no-huge (about 2.5x slower)" >&2
fi

if [ ! -f build/build.ninja ]; then
	[ -d build ] || say "building build/ (a minute or two the first time)" >&2
	quiet meson setup build
fi
quiet ninja -C build
say "built build/"
if [ $asan -eq 1 ]; then
	# made by an older setup.sh with gcc and no fuzz targets: made again
	if [ -f build-asan/build.ninja ] && ! grep -q \
	    '"name": "fuzz", "value": true' \
	    build-asan/meson-info/intro-buildoptions.json 2>/dev/null; then
		rm -rf build-asan
	fi
	if [ ! -f build-asan/build.ninja ]; then
		quiet env CC=clang meson setup build-asan \
			-Db_sanitize=address,undefined -Db_lundef=false \
			-Dbuildtype=debugoptimized -Dfuzz=true
	fi
	quiet ninja -C build-asan
	say "built build-asan/ (ASan + UBSan)"
fi
