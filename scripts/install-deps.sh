#!/usr/bin/env bash
# Installs the Debian 12 packages a leg needs, only if some are missing.
# Usage: scripts/install-deps.sh build|test
set -euo pipefail

build_pkgs=(
  build-essential cmake ninja-build pkg-config git
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler grpc-proto
  libabsl-dev libgtest-dev libgmock-dev libbenchmark-dev libsqlite3-dev
  libcli11-dev libspdlog-dev libsystemd-dev
)
test_pkgs=(
  "${build_pkgs[@]}"
  g++-mingw-w64-x86-64-posix wine64 wine
  clang libclang-rt-14-dev
  libesedb-utils python3-impacket python3-grpcio
)

case "${1:-build}" in
  build) pkgs=("${build_pkgs[@]}") ;;
  test) pkgs=("${test_pkgs[@]}") ;;
  *) echo "usage: $0 build|test" >&2; exit 2 ;;
esac

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing Debian packages: ${missing[*]}"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
