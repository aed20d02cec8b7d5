#!/usr/bin/env bash
# Runs the whole test suite against real servers: PostgreSQL, an SMTP server, Redis, nginx and Chromium, installed
# from Debian's packages when missing (and an S3-compatible store from npm), started on loopback for the run and stopped at the end.
# Prints the totals as "N passed, N failed" on a line of their own.
#
# Already have a server? Set RQIIAC_TEST_POSTGRES (a connection string without Database=) or
# RQIIAC_TEST_SMTP (host:port, with RQIIAC_TEST_MAILDIR the Maildir it writes) and it is used instead.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d /tmp/rqiiac-tests.XXXXXX)
chmod 755 "$work"
pids=()
pg_data=""

log() { printf '\n== %s\n' "$*"; }

cleanup() {
  set +e
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  [ -n "$pg_data" ] && su postgres -s /bin/sh -c "$pg_ctl -D $pg_data -m immediate stop" >/dev/null 2>&1
  [ -f "$work/redis.pid" ] && kill "$(cat "$work/redis.pid")" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

free_port() {
  /usr/bin/python3 - <<'PY'
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()
PY
}

# --- Debian packages ------------------------------------------------------------------------------------------
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
# nginx: the reverse proxy in front of two hosts (the cluster tests run it from a config of their own, no service).
[ -x /usr/sbin/nginx ] || missing+=(nginx)
if [ ${#missing[@]} -gt 0 ]; then
  log "Installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- PostgreSQL -----------------------------------------------------------------------------------------------
if [ -z "${RQIIAC_TEST_POSTGRES:-}" ]; then
  bin=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
  pg_ctl="$bin/pg_ctl"
  port=$(free_port)
  mkdir -p "$work/pg" && chown postgres: "$work/pg"
  pg_data="$work/pg/data"
  log "Starting PostgreSQL on 127.0.0.1:$port"
  su postgres -s /bin/sh -c "$bin/initdb -D $pg_data -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8" >/dev/null
  su postgres -s /bin/sh -c "$pg_ctl -D $pg_data -l $work/pg/log -w -o \"-c listen_addresses=127.0.0.1 -p $port -k $work/pg -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300\" start" >/dev/null
  export RQIIAC_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres"
fi

# --- SMTP (aiosmtpd stores each message as a Maildir file) ----------------------------------------------------
if [ -z "${RQIIAC_TEST_SMTP:-}" ]; then
  port=$(free_port)
  export RQIIAC_TEST_MAILDIR="$work/maildir"
  log "Starting SMTP server on 127.0.0.1:$port"
  /usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$port" -c aiosmtpd.handlers.Mailbox "$RQIIAC_TEST_MAILDIR" >"$work/smtp.log" 2>&1 &
  pids+=($!)
  export RQIIAC_TEST_SMTP="127.0.0.1:$port"
  for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
fi

# --- Redis (SignalR scale-out tests) --------------------------------------------------------------------------
if [ -z "${RQIIAC_TEST_REDIS:-}" ]; then
  port=$(free_port)
  log "Starting Redis on 127.0.0.1:$port"
  redis-server --bind 127.0.0.1 --port "$port" --save '' --appendonly no --daemonize yes --dir "$work" --pidfile "$work/redis.pid" >/dev/null
  export RQIIAC_TEST_REDIS="127.0.0.1:$port"
fi

# --- S3-compatible object store (s3rver from npm: Debian packages none) ---------------------------------------
if [ -z "${RQIIAC_TEST_S3:-}" ]; then
  [ -d "$root/tests/tools/node_modules/s3rver" ] || npm ci --prefix "$root/tests/tools" --no-audit --no-fund --loglevel=error
  port=$(free_port)
  log "Starting an S3-compatible store on 127.0.0.1:$port"
  mkdir -p "$work/s3"
  node "$root/tests/tools/node_modules/s3rver/bin/s3rver.js" -d "$work/s3" -a 127.0.0.1 -p "$port" --configure-bucket portail --silent \
    >"$work/s3.log" 2>&1 &
  pids+=($!)
  export RQIIAC_TEST_S3="http://127.0.0.1:$port"
  for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
fi

# --- Build once, then each test project -----------------------------------------------------------------------
cd "$root"
log "Building"
if ! dotnet build RqiiacPortail.sln -c Release -nologo -clp:ErrorsOnly; then
  echo
  echo "0 passed, 1 failed"
  exit 1
fi

status=0
for project in tests/RqiiacPortail.UnitTests tests/RqiiacPortail.Tests tests/RqiiacPortail.E2E; do
  log "Testing $project"
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFilePrefix=$(basename "$project")" --results-directory "$work/results" || status=1
done

# --- Totals, read from the TRX files --------------------------------------------------------------------------
read -r passed failed skipped < <(/usr/bin/python3 - "$work/results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
p = f = s = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns)
    p += int(c.get("passed")); f += int(c.get("failed")) + int(c.get("error")) + int(c.get("timeout")) + int(c.get("aborted"))
    s += int(c.get("notExecuted"))
print(p, f, s)
PY
)
echo
if [ "$skipped" -gt 0 ]; then echo "$passed passed, $failed failed, $skipped skipped"; else echo "$passed passed, $failed failed"; fi
if [ "$failed" -gt 0 ] || [ "$passed" -eq 0 ]; then status=1; fi
exit $status
