#!/usr/bin/env bash
# Installs PostgreSQL 15 + PostGIS 3 from Debian (needs root) for the exposure benchmark's peer.
# The benchmark itself starts and stops a throwaway cluster under a temp directory.
set -euo pipefail
if [ -e /usr/share/postgresql/15/extension/postgis.control ]; then
  echo "postgis already installed"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "run as root (apt-get install)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq postgresql postgresql-15-postgis-3 >/dev/null
# Debian's postgresql package creates and starts a default cluster; the benchmark does not use it.
pg_ctlcluster 15 main stop 2>/dev/null || true
echo "installed: $(ls /usr/share/postgresql/15/extension/postgis.control)"
