#!/usr/bin/env bash
# 균형발전 소통창구 — set up and run the whole test suite, lint included.
#
#   bash scripts/test.sh [--services] [pytest arguments…]     e.g. bash scripts/test.sh tests/api -x
#
# 1. the same set-up as scripts/run.sh, with requirements-dev.txt; Debian's chromium
#    through apt-get when /usr/bin/chromium is missing (as root; Playwright never
#    downloads a browser);
# 2. ruff check . and ruff format --check .;
# 3. pytest on SQLite, tasks in-process (integration tests deselected);
# 4. with CI=true or --services: manage.py check_services, then the whole suite again
#    on PostgreSQL with a real Redis broker and real Celery worker processes
#    (tests/integration). Unreachable services fail the run; they are never skipped.
#    DATABASE_URL / REDIS_URL set beforehand are used for this pass, otherwise
#    postgres://postgres@127.0.0.1:5432/balance and redis://127.0.0.1:6379/15.
#
# Exits non-zero if anything failed, including pytest collecting no tests (exit 5).
# PYTEST_WORKERS (default 2) sets pytest-xdist's -n; 0 runs serially.
set -euo pipefail

# shellcheck source=scripts/run.sh
source "$(dirname "${BASH_SOURCE[0]}")/run.sh"

SERVICES=false
[[ "${CI:-}" == "true" ]] && SERVICES=true
PYTEST_ARGS=()
for arg in "$@"; do
    case "$arg" in
    --services) SERVICES=true ;;
    *) PYTEST_ARGS+=("$arg") ;;
    esac
done

SERVICES_DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/balance}"
SERVICES_REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/15}"
WORKERS="${PYTEST_WORKERS:-2}"
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
FAILURES=()
TIMINGS=()

ensure_chromium() {
    [[ -x "$CHROMIUM" ]] && return 0
    if [[ "$(id -u)" == "0" ]] && command -v apt-get >/dev/null 2>&1; then
        say "브라우저 설치 / apt-get install -y chromium (Debian's chromium for the e2e tests)"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        # fonts-noto-cjk: Korean text in screenshots instead of empty boxes.
        apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
        [[ -x "$CHROMIUM" ]] || die "apt-get installed chromium but $CHROMIUM is missing."
        return 0
    fi
    local message="$CHROMIUM 없음: root로 'apt-get install -y chromium'을 실행하세요 / $CHROMIUM missing: run 'apt-get install -y chromium' as root."
    if [[ "${CI:-}" == "true" ]]; then
        die "$message"
    fi
    printf '\033[1;33m경고 / warning:\033[0m %s\n  → e2e 테스트는 건너뜁니다 / the e2e tests will be skipped.\n' "$message" >&2
}

# step NAME COMMAND…: run a step, time it, remember a failure and carry on.
step() {
    local name="$1" started=$SECONDS rc=0
    shift
    say "$name"
    "$@" || rc=$?
    TIMINGS+=("$(printf '%-44s %4ss  %s' "$name" $((SECONDS - started)) "$([[ $rc == 0 ]] && echo ok || echo "FAILED ($rc)")")")
    if [[ $rc != 0 ]]; then
        FAILURES+=("$name")
    fi
    return 0
}

run_pytest() {
    local xdist=()
    if [[ "$WORKERS" != "0" ]]; then
        xdist=(-p xdist -n "$WORKERS")
    fi
    local rc=0
    "$PY" -m pytest "${xdist[@]}" "$@" || rc=$?
    if [[ $rc == 5 ]]; then
        echo "pytest가 테스트를 하나도 실행하지 않았습니다 / pytest collected no tests: that is a failure (integration tests run only with --services or CI=true)." >&2
    fi
    return $rc
}

sqlite_pass() {
    DATABASE_URL="sqlite:///$ROOT/db.sqlite3" REDIS_URL="" \
        run_pytest -m "not integration" "${PYTEST_ARGS[@]}"
}

services_pass() {
    DATABASE_URL="$SERVICES_DATABASE_URL" REDIS_URL="$SERVICES_REDIS_URL" \
        "$PY" manage.py check_services --for-tests || return $?
    DATABASE_URL="$SERVICES_DATABASE_URL" REDIS_URL="$SERVICES_REDIS_URL" \
        run_pytest "${PYTEST_ARGS[@]}"
}

main_test() {
    export DJANGO_SETTINGS_MODULE=config.settings.test
    local started=$SECONDS
    setup requirements-dev.txt
    ensure_chromium
    mkdir -p "$ROOT/test-artifacts"

    step "ruff check ." "$VENV/bin/ruff" check .
    step "ruff format --check ." "$VENV/bin/ruff" format --check .
    step "pytest: SQLite, tasks in-process" sqlite_pass
    if [[ "$SERVICES" == "true" ]]; then
        step "pytest: PostgreSQL + Redis + Celery worker" services_pass
    else
        say "PostgreSQL/Redis 통합 테스트 생략 (CI=true 또는 --services로 실행) / services pass skipped: use CI=true or --services"
    fi

    echo
    printf '  %s\n' "${TIMINGS[@]}"
    echo "  total $((SECONDS - started))s (set-up included)"
    if ((${#FAILURES[@]})); then
        printf '\033[1;31m실패 / FAILED:\033[0m %s\n' "$(IFS=','; echo "${FAILURES[*]}")" >&2
        exit 1
    fi
    printf '\033[1;32m모두 통과 / all passed\033[0m\n'
}

main_test
