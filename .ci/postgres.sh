#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster in a temporary directory and prints
# `export` lines for the tests; `.ci/postgres.sh stop DIR` stops and removes it.
set -euo pipefail

pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)

if [ "${1:-start}" = stop ]; then
  dir=$2
  as_pg() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
  as_pg "$pg_bin/pg_ctl -D $dir/data -m immediate -w stop" >/dev/null 2>&1 || true
  rm -rf "$dir"
  exit 0
fi

dir=$(mktemp -d /tmp/vern-pg.XXXXXX)
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
if [ "$(id -u)" -eq 0 ]; then
  # PostgreSQL refuses to run as root: the cluster belongs to the postgres user.
  chown postgres "$dir"
  as_pg() { su postgres -s /bin/sh -c "$*"; }
else
  as_pg() { sh -c "$*"; }
fi
as_pg "$pg_bin/initdb -D $dir/data --auth=trust -U postgres -E UTF8 >$dir/initdb.log 2>&1"
as_pg "$pg_bin/pg_ctl -D $dir/data -l $dir/server.log -w -o \"-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off\" start >/dev/null"
echo "export VERN_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:$port/postgres"
echo "export VERN_TEST_PG_DIR=$dir"
