#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
#
# Provide DPDK's driver headers (ethdev_driver.h, ethdev_vdev.h,
# bus_vdev_driver.h, bus_driver.h, dev_driver.h) for the installed DPDK.
#
# Debian's libdpdk-dev does not install them. They are taken from Debian's
# source package of exactly the installed libdpdk-dev version and copied into
# OUTDIR (under the build tree, never into the repository). meson runs this
# at configure time; it prints the include directory to use on success, or a
# one-line reason on stderr and exits non-zero.
#
# usage: dpdk-driver-headers.sh OUTDIR
set -eu

HEADERS="lib/ethdev/ethdev_driver.h lib/ethdev/ethdev_vdev.h
drivers/bus/vdev/bus_vdev_driver.h lib/eal/include/bus_driver.h
lib/eal/include/dev_driver.h"

die() {
	echo "dpdk-driver-headers: $*" >&2
	exit 1
}

case ${1:-} in -h|--help)
	echo "usage: $0 OUTDIR (meson runs it: DPDK's driver headers for the" \
		"installed libdpdk-dev, from its Debian source package, into" \
		"OUTDIR; prints the include directory)"
	exit 0 ;;
-*) die "unknown option '$1' (usage: $0 OUTDIR)" ;;
esac
[ $# -eq 1 ] || die "usage: $0 OUTDIR"
out=$1

modver=$(pkg-config --modversion libdpdk 2>/dev/null) ||
	die "libdpdk not found by pkg-config: install libdpdk-dev"

# 1. The system may ship them (some distributions and DPDK built from source).
incdir=$(pkg-config --variable=includedir libdpdk)/dpdk
missing=0
for h in $HEADERS; do
	[ -f "$incdir/$(basename "$h")" ] || missing=1
done
if [ $missing -eq 0 ]; then
	echo "$incdir"
	exit 0
fi

# 2. Debian: the exact source package version of the installed libdpdk-dev.
debver=$(dpkg-query -W -f='${Version}' libdpdk-dev 2>/dev/null) ||
	die "driver headers are not installed and libdpdk-dev is not a Debian package here; install DPDK's driver headers"
srcpkg=$(dpkg-query -W -f='${source:Package}' libdpdk-dev)
upstream=${debver#*:}
upstream=${upstream%%-*}
[ "$upstream" = "$modver" ] ||
	die "libdpdk-dev $debver does not match pkg-config libdpdk $modver"

if [ -f "$out/VERSION" ] && [ "$(cat "$out/VERSION")" = "$debver" ]; then
	ok=1
	for h in $HEADERS; do
		[ -f "$out/$(basename "$h")" ] || ok=0
	done
	if [ $ok -eq 1 ]; then
		echo "$out"
		exit 0
	fi
fi

command -v apt-get >/dev/null || die "apt-get not found"
command -v dpkg-source >/dev/null ||
	die "dpkg-source not found: install dpkg-dev (scripts/setup.sh does)"

work="$out/.src"
rm -rf "$work"
mkdir -p "$work"
if ! (cd "$work" && apt-get source --download-only -q \
	"$srcpkg=$debver" >apt.log 2>&1); then
	die "cannot download Debian source package $srcpkg=$debver (no deb-src entry? run scripts/setup.sh): $(tail -n 1 "$work/apt.log")"
fi
dsc=$(ls "$work"/*.dsc 2>/dev/null | head -n 1)
[ -n "$dsc" ] || die "no .dsc downloaded for $srcpkg=$debver"
dpkg-source --no-check -x "$dsc" "$work/tree" >"$work/extract.log" 2>&1 ||
	die "dpkg-source -x $dsc failed: $(tail -n 1 "$work/extract.log")"

srcver=$(dpkg-parsechangelog -l "$work/tree/debian/changelog" -S Version 2>/dev/null ||
	head -n 1 "$work/tree/debian/changelog" | sed 's/.*(\(.*\)).*/\1/')
[ "$srcver" = "$debver" ] ||
	die "source package version $srcver differs from installed libdpdk-dev $debver"
treever=$(cat "$work/tree/VERSION")
[ "$treever" = "$modver" ] ||
	die "source tree VERSION $treever differs from installed DPDK $modver"

for h in $HEADERS; do
	[ -f "$work/tree/$h" ] || die "$h missing from $srcpkg $debver"
	cp "$work/tree/$h" "$out/"
done
echo "$debver" >"$out/VERSION"
rm -rf "$work"
echo "$out"
