#!/usr/bin/env bash
# 균형발전 소통창구 — backups that are proven to restore.
#
#   bash platform/backup.sh backup                 # database + media into BACKUP_DIR, keep BACKUP_KEEP sets
#   bash platform/backup.sh restore-drill [DUMP]   # restore DUMP (default: the newest) into a scratch
#                                                  # database, verify it, drop the scratch database
#
# A set is balance-<UTC time>.dump (pg_dump custom format), .dump.manifest.json (row counts
# from the dump's own snapshot, media file count), .media.tar.gz and .sha256.
# Environment: DATABASE_URL (PostgreSQL), DJANGO_SETTINGS_MODULE (default production, so
# SECRET_KEY and REDIS_URL as for the service: run it with /etc/balance/env), BACKUP_DIR
# (default backups/ in the repository), BACKUP_KEEP (default 14), RESTORE_DRILL_DB
# (default <database>_restore_drill), RESTORE_DRILL_KEEP=1 to keep the scratch database.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../scripts/run.sh
source "$ROOT/scripts/run.sh" # say, die, PY (nothing runs when sourced)
cd "$ROOT"
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-config.settings.production}"
BACKUP_DIR="${BACKUP_DIR:-$ROOT/backups}"
KEEP="${BACKUP_KEEP:-14}"
[[ "${DATABASE_URL:-}" == postgres://* || "${DATABASE_URL:-}" == postgresql://* ]] ||
    die "DATABASE_URL이 PostgreSQL이어야 합니다 / DATABASE_URL must be postgres://…"
[[ "$KEEP" =~ ^[1-9][0-9]*$ ]] || die "BACKUP_KEEP must be a positive number (got '$KEEP')"

# with_database NAME: DATABASE_URL pointing at another database on the same server.
with_database() {
    "$PY" -c 'import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path="/" + sys.argv[2])))' \
        "$DATABASE_URL" "$1"
}

backup() {
    mkdir -p "$BACKUP_DIR"
    local base media_root
    base="$BACKUP_DIR/balance-$(date -u +%Y%m%dT%H%M%SZ)"
    say "데이터베이스 / pg_dump → $base.dump"
    "$PY" manage.py backup_database "$base.dump"
    media_root="$("$PY" -c 'from django.conf import settings; print(settings.MEDIA_ROOT)')"
    say "첨부파일 / media $media_root → $base.media.tar.gz"
    if [[ -d "$media_root" ]]; then
        tar -czf "$base.media.tar.gz" -C "$media_root" .
    else
        tar -czf "$base.media.tar.gz" -T /dev/null
    fi
    (cd "$BACKUP_DIR" && sha256sum "$(basename "$base").dump" "$(basename "$base").dump.manifest.json" \
        "$(basename "$base").media.tar.gz" >"$(basename "$base").sha256")
    local old
    while read -r old; do
        [[ -n "$old" ]] || continue
        say "보존 기간 경과 / retention (keep $KEEP): removing ${old%.dump}.*"
        rm -f "$old" "$old.manifest.json" "${old%.dump}.media.tar.gz" "${old%.dump}.sha256"
    done < <(find "$BACKUP_DIR" -maxdepth 1 -name 'balance-*.dump' | sort -r | tail -n +"$((KEEP + 1))")
    say "백업 완료 / backup done: $base.*"
}

restore_drill() {
    local dump="${1:-}"
    [[ -n "$dump" ]] || dump="$(find "$BACKUP_DIR" -maxdepth 1 -name 'balance-*.dump' | sort -r | head -n 1)"
    [[ -f "$dump" ]] || die "백업이 없습니다 / no backup found (${dump:-$BACKUP_DIR})"
    local base="${dump%.dump}" source_db scratch scratch_url admin_url
    say "무결성 / checksums"
    (cd "$(dirname "$dump")" && sha256sum --quiet -c "$(basename "$base").sha256")
    source_db="$("$PY" -c 'import sys, urllib.parse as u; print(u.urlsplit(sys.argv[1]).path.lstrip("/"))' "$DATABASE_URL")"
    scratch="${RESTORE_DRILL_DB:-${source_db}_restore_drill}"
    [[ "$scratch" != "$source_db" ]] || die "the scratch database must not be the live one"
    scratch_url="$(with_database "$scratch")"
    admin_url="$(with_database postgres)"
    export PGOPTIONS="-c client_min_messages=warning"
    psql -q "$admin_url" -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS \"$scratch\"" -c "CREATE DATABASE \"$scratch\""
    if [[ "${RESTORE_DRILL_KEEP:-}" != 1 ]]; then
        # shellcheck disable=SC2064 # expand now: the names are fixed
        trap "psql -q '$admin_url' -c 'DROP DATABASE IF EXISTS \"$scratch\"' >/dev/null" EXIT
    fi
    say "복원 / pg_restore $dump → $scratch"
    pg_restore --no-owner --exit-on-error -d "$scratch_url" "$dump"
    say "검증 / verify against $(basename "$dump").manifest.json"
    DATABASE_URL="$scratch_url" "$PY" manage.py verify_restore "$dump.manifest.json" --media-archive "$base.media.tar.gz"
    say "복원 훈련 통과 / restore drill passed ($scratch $([[ "${RESTORE_DRILL_KEEP:-}" == 1 ]] && echo kept || echo dropped))"
}

case "${1:-}" in
backup) backup ;;
restore-drill) restore_drill "${2:-}" ;;
*)
    echo "usage: bash platform/backup.sh backup | restore-drill [DUMP]" >&2
    exit 2
    ;;
esac
