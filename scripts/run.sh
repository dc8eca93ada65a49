#!/usr/bin/env bash
# 균형발전 소통창구 — set up everything and run the platform at http://127.0.0.1:8000
#
#   bash scripts/run.sh            # or PORT=8001 bash scripts/run.sh
#
# Needs only Python 3.11+ and Node 20+. Idempotent: the virtualenv, pip packages and
# npm assets are (re)installed only when requirements*.txt / package-lock.json change.
# Runs on SQLite with Celery tasks in-process unless DATABASE_URL / REDIS_URL are set.
#
# scripts/test.sh sources this file for the shared set-up functions (nothing runs then).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"

say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
die() {
    printf '\033[1;31m오류 / error:\033[0m %s\n' "$*" >&2
    exit 1
}

# port_free PORT: nothing listens on 127.0.0.1:PORT (bash's /dev/tcp: no Python needed yet).
port_free() {
    ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# require_port PORT SCRIPT: stop early, with the way out, when the port is taken.
require_port() {
    [[ "$1" =~ ^[0-9]+$ ]] && (($1 > 0 && $1 < 65536)) || die "PORT는 1–65535 사이의 숫자여야 합니다 / PORT must be a number 1–65535 (got '$1')."
    port_free "$1" || die "이미 사용 중인 포트입니다: $1 / port $1 is taken (another server running?). 다른 포트로 / try: PORT=$(($1 + 1)) bash $2"
}

find_python() {
    local candidate
    for candidate in python3.11 python3.12 python3.13 python3; do
        # pyenv shims exist for versions that are not installed: ask the interpreter itself.
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1; then
            command -v "$candidate"
            return 0
        fi
    done
    return 1
}

ensure_venv() {
    if [[ -x "$PY" ]] && "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1; then
        return 0
    fi
    local python
    python="$(find_python)" || die "Python 3.11 이상이 필요합니다 / Python 3.11+ is required (python3.11 … python3)."
    say "가상환경 생성 / creating .venv with $python ($("$python" --version 2>&1))"
    rm -rf "$VENV"
    "$python" -m venv "$VENV"
}

# pip_install FILE: install FILE (and the files it includes) when their content changed.
pip_install() {
    local requirements="$1" stamp digest
    stamp="$VENV/.installed-$(basename "$requirements").sha256"
    digest="$(cd "$ROOT" && cat requirements*.txt | sha256sum | cut -d' ' -f1)"
    if [[ -f "$stamp" && "$(cat "$stamp")" == "$digest" ]]; then
        return 0
    fi
    say "파이썬 패키지 설치 / pip install -r $requirements"
    "$PY" -m pip install --quiet --quiet --disable-pip-version-check -r "$ROOT/$requirements"
    echo "$digest" >"$stamp"
}

npm_install() {
    command -v npm >/dev/null 2>&1 || die "Node.js 20 이상(npm)이 필요합니다 / Node.js 20+ with npm is required."
    local node_major stamp digest
    node_major="$(node -p 'process.versions.node.split(".")[0]')"
    ((node_major >= 20)) || die "Node.js 20 이상이 필요합니다 / Node.js 20+ is required (found $(node --version))."
    stamp="$ROOT/node_modules/.installed-package-lock.sha256"
    digest="$(sha256sum "$ROOT/package-lock.json" | cut -d' ' -f1)"
    if [[ -f "$stamp" && "$(cat "$stamp")" == "$digest" ]]; then
        return 0
    fi
    say "화면 자산 설치 / npm ci (KRDS, htmx)"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$digest" >"$stamp"
}

compile_messages() {
    # The compiled .mo files are committed; recompile only where gettext is installed.
    if command -v msgfmt >/dev/null 2>&1 && compgen -G "$ROOT/locale/*/LC_MESSAGES/*.po" >/dev/null; then
        (cd "$ROOT" && "$PY" manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0)
    fi
}

# setup REQUIREMENTS_FILE: everything both scripts need before Django runs.
setup() {
    cd "$ROOT"
    ensure_venv
    pip_install "$1"
    npm_install
}

main() {
    export DJANGO_SETTINGS_MODULE=config.settings.dev
    local port="${PORT:-8000}"
    require_port "$port" scripts/run.sh
    setup requirements.txt
    compile_messages
    say "데이터베이스 마이그레이션 / manage.py migrate"
    "$PY" manage.py migrate --noinput -v 0
    # Similar-proposal terms for rows that predate the index (new rows index themselves).
    "$PY" manage.py index_similarity --missing
    say "데모 데이터 / manage.py seed_demo"
    "$PY" manage.py seed_demo
    cat <<BANNER

  ────────────────────────────────────────────────────────────────
   균형발전 소통창구  →  http://127.0.0.1:${port}
   데모 계정: 위 seed_demo 출력 참고 / demo logins: see the seed_demo output above
   API 문서 / API docs: http://127.0.0.1:${port}/api/v1/docs/
   종료 / stop: Ctrl+C
  ────────────────────────────────────────────────────────────────

BANNER
    # The port may have been taken while we set up.
    require_port "$port" scripts/run.sh
    exec "$PY" manage.py runserver "127.0.0.1:$port"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    main "$@"
fi
