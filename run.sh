#!/usr/bin/env bash
# Builds jetsvc and jetctl and starts the service in the foreground with the
# built-in configuration: two instances under ./var, listening on loopback.
#   ./run.sh [jetsvc flags...]     e.g. ./run.sh --config my.json
set -euo pipefail
cd "$(dirname "$0")"

scripts/install-deps.sh build
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)" --target jetsvc jetctl

bin=build/release
cat <<MSG

jetsvc is starting in the foreground (Ctrl-C stops it). In another terminal:

  $bin/client/jetctl health               # the service's health check
  $bin/client/jetctl instances list       # the hosted instances and their state
  $bin/client/jetctl instances get alpha

Backup and restore (jetctl backup / jetctl restore) arrive with the engine's
backup and restore work; the README's "Status" section says what works today.

MSG
exec "$bin/service/jetsvc" "$@"
