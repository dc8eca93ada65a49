#!/usr/bin/env bash
# 균형발전 소통창구 — the production topology on this machine, without Docker.
#
#   bash platform/stack.sh up       # release (checks, migrate, collectstatic), then gunicorn,
#                                   # two Celery workers (queues split) and one beat under
#                                   # honcho (platform/Procfile); waits until /readyz is 200
#   bash platform/stack.sh status   # each process, and /readyz
#   bash platform/stack.sh down     # stops exactly what `up` started
#
# Services: DATABASE_URL (PostgreSQL) and REDIS_URL, as in production; either one not given
# is started here when its programs exist (initdb/pg_ctl, redis-server) — a PostgreSQL
# cluster on PORT+1 and a Redis on PORT+2, kept in STACK_DIR/local, stopped by `down`. Settings:
# config.settings.production unless DJANGO_SETTINGS_MODULE says otherwise; without a
# SECRET_KEY one is made for this machine and kept in the state folder.
# PORT (default 8000) is where gunicorn listens; GUNICORN_WORKERS defaults to 2 here.
# State (pid, logs, beat schedule, key): STACK_DIR, default .stack/ in the repository.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../scripts/run.sh
source "$ROOT/scripts/run.sh" # say, die, setup, require_port (nothing runs when sourced)
STATE="${STACK_DIR:-$ROOT/.stack}"
PIDFILE="$STATE/honcho.pid"
LOG="$STATE/stack.log"
PORT="${PORT:-8000}"
READY_URL="http://127.0.0.1:$PORT/readyz"
READY_TIMEOUT="${STACK_READY_TIMEOUT:-120}"
PROCESSES=(web notifications jobs beat)
LOCAL="$STATE/local" # the PostgreSQL and Redis this script started, if any

running_pid() {
    # The process group honcho leads, if it is still alive.
    [[ -f "$PIDFILE" ]] || return 1
    local pid
    pid="$(cat "$PIDFILE")"
    kill -0 "$pid" 2>/dev/null || return 1
    echo "$pid"
}

tree() {
    # PID and every process below it (honcho starts each process in a session of its own,
    # so the tree, not a process group, is what `up` started).
    ps -eo pid=,ppid= | awk -v root="$1" '
        { parent[$1] = $2 }
        END {
            keep[root] = 1; found = 1
            while (found) { found = 0; for (p in parent) if (!(p in keep) && (parent[p] in keep)) { keep[p] = 1; found = 1 } }
            for (p in keep) print p
        }' | sort -n
}

alive() {
    local pid
    for pid in "$@"; do kill -0 "$pid" 2>/dev/null && return 0; done
    return 1
}

as_postgres() {
    # PostgreSQL refuses to run as root: as root, run it as the postgres user.
    if [[ "$(id -u)" == "0" ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

local_postgres() {
    local port=$((PORT + 1)) data="$LOCAL/postgres"
    require_port "$port" "platform/stack.sh up (PostgreSQL: PORT+1)"
    if [[ ! -s "$data/PG_VERSION" ]]; then
        say "PostgreSQL 준비 / initdb $data (no DATABASE_URL given)"
        mkdir -p "$data"
        [[ "$(id -u)" == "0" ]] && chown postgres "$data"
        as_postgres initdb -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    fi
    say "PostgreSQL 시작 / starting PostgreSQL on 127.0.0.1:$port"
    as_postgres pg_ctl -D "$data" -w -t 60 -l "$data/server.log" \
        -o "-p $port -c listen_addresses=127.0.0.1 -k $data" start >/dev/null
    export DATABASE_URL="postgres://postgres@127.0.0.1:$port/balance"
    "$PY" - "$port" <<'PYTHON'
import sys

import psycopg

with psycopg.connect(f"postgresql://postgres@127.0.0.1:{sys.argv[1]}/postgres", autocommit=True) as connection:
    if not connection.execute("SELECT 1 FROM pg_database WHERE datname = 'balance'").fetchone():
        connection.execute("CREATE DATABASE balance")
PYTHON
}

local_redis() {
    local port=$((PORT + 2))
    require_port "$port" "platform/stack.sh up (Redis: PORT+2)"
    say "Redis 시작 / starting Redis on 127.0.0.1:$port (no REDIS_URL given)"
    redis-server --port "$port" --bind 127.0.0.1 --daemonize yes --pidfile "$LOCAL/redis.pid" \
        --dir "$LOCAL" --logfile "$LOCAL/redis.log" --save "" --appendonly no
    local tries=0
    until redis-cli -p "$port" ping >/dev/null 2>&1; do
        ((++tries < 50)) || die "Redis가 응답하지 않습니다 / Redis did not answer ($LOCAL/redis.log)"
        sleep 0.2
    done
    export REDIS_URL="redis://127.0.0.1:$port/0"
}

local_services() {
    mkdir -p "$LOCAL"
    # As root the postgres user runs the cluster: it must reach its folder.
    [[ "$(id -u)" == "0" ]] && chmod 755 "$STATE" "$LOCAL"
    if [[ -z "${DATABASE_URL:-}" ]] && command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
        local_postgres
    fi
    if [[ -z "${REDIS_URL:-}" ]] && command -v redis-server >/dev/null && command -v redis-cli >/dev/null; then
        local_redis
    fi
}

stop_local_services() {
    if [[ -s "$LOCAL/postgres/postmaster.pid" ]]; then
        say "PostgreSQL 종료 / stopping the PostgreSQL this script started"
        as_postgres pg_ctl -D "$LOCAL/postgres" -m fast -w stop >/dev/null || true
    fi
    if [[ -s "$LOCAL/redis.pid" ]]; then
        local pid
        pid="$(cat "$LOCAL/redis.pid")"
        say "Redis 종료 / stopping the Redis this script started ($pid)"
        kill -TERM "$pid" 2>/dev/null || true
        while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
        rm -f "$LOCAL/redis.pid"
    fi
}

environment() {
    export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-config.settings.production}"
    [[ -n "${DATABASE_URL:-}" ]] || die "DATABASE_URL이 필요합니다 / DATABASE_URL is required (e.g. postgres://postgres@127.0.0.1:5432/balance)."
    [[ -n "${REDIS_URL:-}" ]] || die "REDIS_URL이 필요합니다 / REDIS_URL is required (e.g. redis://127.0.0.1:6379/0)."
    if [[ -z "${SECRET_KEY:-}" ]]; then
        [[ -s "$STATE/secret_key" ]] || (umask 077 && "$PY" -c 'import secrets; print(secrets.token_urlsafe(50))' >"$STATE/secret_key")
        SECRET_KEY="$(cat "$STATE/secret_key")"
        export SECRET_KEY
    fi
    export GUNICORN_BIND="127.0.0.1:$PORT" GUNICORN_WORKERS="${GUNICORN_WORKERS:-2}"
    # gunicorn answers plain HTTP on 127.0.0.1 here, with no TLS proxy in front: redirecting
    # to https would lose every request (production keeps the redirect behind nginx).
    export SECURE_SSL_REDIRECT="${SECURE_SSL_REDIRECT:-false}"
    export CELERY_BEAT_SCHEDULE_FILE="$STATE/celerybeat-schedule"
    # Several gunicorn workers: each writes its Prometheus counters here; /metrics adds them up.
    export PROMETHEUS_MULTIPROC_DIR="$STATE/prometheus"
    export PYTHONUNBUFFERED=1 PATH="$ROOT/.venv/bin:$PATH"
}

up() {
    if pid="$(running_pid)"; then
        die "이미 실행 중입니다 / already running (honcho pid $pid): bash platform/stack.sh status"
    fi
    mkdir -p "$STATE"
    setup requirements.txt
    # A failed start stops the PostgreSQL and Redis it started, as `down` would.
    trap 'stop_local_services' EXIT
    local_services
    environment
    require_port "$PORT" "platform/stack.sh up"
    rm -rf "$PROMETHEUS_MULTIPROC_DIR" && mkdir -p "$PROMETHEUS_MULTIPROC_DIR" # counters start at zero

    say "릴리스 단계 / release: $(sed -n 's/^release: //p' platform/Procfile)"
    bash -c "$(sed -n 's/^release: //p' platform/Procfile)"

    say "프로세스 시작 / starting ${PROCESSES[*]} (honcho, log: $LOG)"
    : >"$LOG"
    # Its own session: `down` signals exactly this process group, nothing else.
    setsid "$ROOT/.venv/bin/honcho" -f platform/Procfile -d "$ROOT" --no-colour start "${PROCESSES[@]}" \
        >>"$LOG" 2>&1 </dev/null &
    echo $! >"$PIDFILE"

    say "준비 대기 / waiting for $READY_URL (up to ${READY_TIMEOUT}s)"
    local deadline=$((SECONDS + READY_TIMEOUT)) body=""
    while ((SECONDS < deadline)); do
        running_pid >/dev/null || {
            tail -n 40 "$LOG" >&2
            die "프로세스가 종료되었습니다 / the stack exited; log above ($LOG)"
        }
        if body="$(curl -fsS --max-time 3 "$READY_URL" 2>/dev/null)"; then
            echo "$body"
            say "준비됨 / ready: http://127.0.0.1:$PORT  (status: bash platform/stack.sh status, stop: … down)"
            trap - EXIT
            return 0
        fi
        sleep 1
    done
    curl -sS --max-time 3 "$READY_URL" >&2 || true
    tail -n 40 "$LOG" >&2
    down
    die "${READY_TIMEOUT}초 안에 준비되지 않았습니다 / not ready within ${READY_TIMEOUT}s; stopped again"
}

down() {
    local pid
    if ! pid="$(running_pid)"; then
        rm -f "$PIDFILE"
        stop_local_services
        say "실행 중이 아닙니다 / not running"
        return 0
    fi
    local started
    mapfile -t started < <(tree "$pid")
    say "종료 / stopping honcho $pid and its ${#started[@]} processes (warm shutdown: running tasks finish)"
    kill -TERM "$pid" 2>/dev/null || true # honcho passes SIGTERM to each process
    local deadline=$((SECONDS + 40))
    while alive "${started[@]}" && ((SECONDS < deadline)); do
        sleep 0.5
    done
    if alive "${started[@]}"; then
        say "강제 종료 / still running after 40s: SIGKILL to what is left of them"
        kill -KILL "${started[@]}" 2>/dev/null || true
    fi
    rm -f "$PIDFILE"
    stop_local_services
    say "종료됨 / stopped"
}

status() {
    local pid
    if ! pid="$(running_pid)"; then
        say "실행 중이 아닙니다 / not running"
        return 3
    fi
    say "honcho pid $pid — processes (log: $LOG)"
    ps -ww -o pid,ppid,etime,rss,args --forest -p "$(tree "$pid" | paste -sd,)" | sed 's/^/    /'
    [[ -s "$LOCAL/postgres/postmaster.pid" ]] && say "PostgreSQL (started here): pid $(head -n 1 "$LOCAL/postgres/postmaster.pid"), port $((PORT + 1))"
    [[ -s "$LOCAL/redis.pid" ]] && say "Redis (started here): pid $(cat "$LOCAL/redis.pid"), port $((PORT + 2))"
    say "readiness: $READY_URL"
    curl -sS --max-time 5 "$READY_URL" || true
    echo
}

case "${1:-}" in
up) up ;;
down) down ;;
status) status ;;
*)
    echo "usage: bash platform/stack.sh up|down|status" >&2
    exit 2
    ;;
esac
