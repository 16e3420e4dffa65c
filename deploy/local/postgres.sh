#!/usr/bin/env bash
# PostgreSQL for the local stack and the tests, without Docker.
#
#   postgres.sh ensure   use the configured server, or provision and start the project's own one
#   postgres.sh stop     stop the project's own server (if this script started it)
#   postgres.sh status   say whether it runs
#
# A reachable server is used as it is when MARQUEE_DB_HOST is set (with MARQUEE_DB_PORT, MARQUEE_DB_USER,
# MARQUEE_DB_PASSWORD). Otherwise the project runs its own cluster under $MARQUEE_HOME/postgres, listening on
# 127.0.0.1:$MARQUEE_PG_PORT (55432). PostgreSQL binaries come from the system (Debian's postgresql package,
# installed here with apt-get when running as root and missing); a non-root user without them gets relocatable
# binaries from Maven Central (io.zonky.test.postgres, through ./mvnw). MARQUEE_PG_BINARIES=embedded forces those.
# Root cannot run PostgreSQL itself, so as root the cluster belongs to the 'postgres' system user.
#
# 'ensure' prints one line: "running <host> <port> <user> <password>" or "started <host> <port> <user> <password>".
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
MARQUEE_HOME=${MARQUEE_HOME:-$ROOT/.marquee}
PG_DIR=$MARQUEE_HOME/postgres
DATA=$PG_DIR/data
PORT=${MARQUEE_PG_PORT:-55432}
DB_USER=marquee
DB_PASSWORD=marquee

log() { echo "postgres.sh: $*" >&2; }
die() { log "$*"; exit 1; }

bindir() {
  local dir
  if [ -x "$PG_DIR/dist/bin/initdb" ]; then
    echo "$PG_DIR/dist/bin"; return
  fi
  [ "${MARQUEE_PG_BINARIES:-system}" = embedded ] && return 1
  if command -v pg_config >/dev/null 2>&1; then
    dir=$(pg_config --bindir 2>/dev/null || true)
    [ -x "$dir/initdb" ] && { echo "$dir"; return; }
  fi
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r) /usr/local/pgsql/bin; do
    [ -x "$dir/initdb" ] && { echo "$dir"; return; }
  done
  return 1
}

install_postgres() {
  if [ "$(id -u)" != 0 ] || [ "${MARQUEE_PG_BINARIES:-system}" = embedded ]; then
    install_embedded_binaries
  elif command -v apt-get >/dev/null 2>&1; then
    log "installing PostgreSQL from the system packages (apt-get install postgresql)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 || true
    apt-get install -y -qq postgresql >&2
  else
    die "PostgreSQL is not installed. Install it (Debian/Ubuntu: sudo apt-get install postgresql), or point Marquee at a server with MARQUEE_DB_HOST, MARQUEE_DB_PORT, MARQUEE_DB_USER and MARQUEE_DB_PASSWORD."
  fi
}

# Relocatable PostgreSQL binaries (the io.zonky.test.postgres jars on Maven Central), for a user without root.
install_embedded_binaries() {
  local arch
  case "$(uname -m)" in
    x86_64) arch=amd64 ;;
    aarch64|arm64) arch=arm64v8 ;;
    *) die "no embedded PostgreSQL binaries for $(uname -m); install PostgreSQL or set MARQUEE_DB_HOST" ;;
  esac
  command -v xz >/dev/null 2>&1 && command -v unzip >/dev/null 2>&1 \
    || die "extracting the embedded PostgreSQL binaries needs xz and unzip; install them, or PostgreSQL"
  log "fetching relocatable PostgreSQL binaries for linux-$arch through Maven"
  mkdir -p "$PG_DIR/dist"
  "$ROOT/mvnw" -q -B -ntp -f "$ROOT/deploy/pom.xml" -Pembedded-postgres -Dpostgres.arch="$arch" \
    -Dmarquee.home="$MARQUEE_HOME" dependency:copy@embedded-postgres >&2 \
    || die "could not fetch the embedded PostgreSQL binaries"
  local jar=$PG_DIR/dist/embedded-postgres-binaries-linux-$arch.jar
  (cd "$PG_DIR/dist" && unzip -o -q "$jar" '*.txz' && tar -xJf ./*.txz && rm -f ./*.txz "$jar") \
    || die "could not unpack $jar"
}

# Runs a command as the owner of the cluster.
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

is_running() {
  [ -f "$DATA/postmaster.pid" ] && as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

init_cluster() {
  log "creating a PostgreSQL cluster in $DATA"
  mkdir -p "$PG_DIR"
  local pwfile=$PG_DIR/.pwfile
  echo "$DB_PASSWORD" > "$pwfile"
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || die "the 'postgres' system user is missing; reinstall the postgresql package"
    chown -R postgres: "$PG_DIR"
  fi
  chmod 700 "$PG_DIR"
  as_owner "$BIN/initdb" -D "$DATA" -U "$DB_USER" --pwfile="$pwfile" -E UTF8 --no-locale \
    --auth-host=scram-sha-256 --auth-local=trust >"$PG_DIR/initdb.log" 2>&1 \
    || { cat "$PG_DIR/initdb.log" >&2; die "initdb failed"; }
  rm -f "$pwfile"
  as_owner mkdir -p "$PG_DIR/run" "$PG_DIR/log"
  cat >> "$DATA/postgresql.conf" <<CONF

# Marquee local cluster
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PG_DIR/run'
max_connections = 300
shared_buffers = 128MB
logging_collector = off
CONF
}

port_answers() {
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

# A server of another checkout (or one still shutting down) may hold the port: wait a little, then say so.
await_free_port() {
  local waited=0
  while port_answers 127.0.0.1 "$PORT"; do
    if [ "$waited" -ge 30 ]; then
      die "port $PORT on 127.0.0.1 is taken by another process (another checkout's cluster?); stop it, or set MARQUEE_PG_PORT to a free port, or MARQUEE_DB_HOST to a server to use"
    fi
    [ "$waited" = 0 ] && log "port $PORT is in use; waiting up to 30 s for it to be freed"
    sleep 1
    waited=$((waited + 1))
  done
}

ensure_configured_server() {
  local host=$MARQUEE_DB_HOST port=${MARQUEE_DB_PORT:-5432}
  local user=${MARQUEE_DB_USER:-marquee} password=${MARQUEE_DB_PASSWORD:-marquee}
  if ! port_answers "$host" "$port"; then
    die "MARQUEE_DB_HOST is set to $host:$port but nothing answers there"
  fi
  echo "running $host $port $user $password"
}

cmd=${1:-ensure}
if [ "$cmd" = ensure ] && [ -n "${MARQUEE_DB_HOST:-}" ]; then
  ensure_configured_server
  exit 0
fi

BIN=$(bindir) || { [ "$cmd" = ensure ] && install_postgres && BIN=$(bindir); } || die "no PostgreSQL binaries found"

case "$cmd" in
  ensure)
    [ -f "$DATA/PG_VERSION" ] || init_cluster
    if is_running; then
      echo "running 127.0.0.1 $PORT $DB_USER $DB_PASSWORD"
    else
      await_free_port
      rm -f "$DATA/postmaster.pid"
      for attempt in 1 2 3; do
        if as_owner "$BIN/pg_ctl" -D "$DATA" -l "$PG_DIR/log/postgres.log" -w -t 60 -o "-p $PORT" start >/dev/null; then
          echo "started 127.0.0.1 $PORT $DB_USER $DB_PASSWORD"
          exit 0
        fi
        log "PostgreSQL did not start (attempt $attempt of 3); the end of $PG_DIR/log/postgres.log:"
        tail -20 "$PG_DIR/log/postgres.log" >&2
        sleep 5
      done
      die "PostgreSQL did not start"
    fi
    ;;
  stop)
    if is_running; then
      as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
      log "stopped"
    fi
    ;;
  status)
    if is_running; then echo "running 127.0.0.1 $PORT"; else echo "stopped"; exit 3; fi
    ;;
  *)
    die "usage: postgres.sh ensure|stop|status"
    ;;
esac
