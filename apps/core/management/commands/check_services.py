"""Check that the database and the Celery broker answer; exit non-zero with a clear message if not.

Used by scripts/test.sh before the PostgreSQL + Redis pass, and by operators before
starting gunicorn, the worker and beat (platform/README.md).
"""

import time
import warnings

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from kombu.utils.url import maybe_sanitize_url


class Command(BaseCommand):
    help = (
        "데이터베이스와 Celery 브로커(및 결과 저장소)에 연결되는지 확인합니다. "
        "Check that the database and the Celery broker (and result backend) are reachable."
    )
    # Only reachability matters here; URL or model checks belong to `manage.py check`.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--for-tests",
            action="store_true",
            help=(
                "데이터베이스 서버만 확인합니다(테스트 DB는 pytest가 만듭니다). "
                "Check only the database server, as the test runner does before it creates test_<name>."
            ),
        )
        parser.add_argument(
            "--worker",
            action="store_true",
            help="실행 중인 Celery 워커가 응답하는지도 확인합니다. Also require a running Celery worker to answer.",
        )
        parser.add_argument("--timeout", type=float, default=5.0, help="seconds per check (default 5)")

    def handle(self, *args, **options):
        timeout = options["timeout"]
        failures = []
        for name, check in (
            ("database", lambda: self._check_database(for_tests=options["for_tests"], timeout=timeout)),
            ("broker", lambda: self._check_broker(timeout=timeout)),
            ("result backend", lambda: self._check_result_backend(timeout=timeout)),
        ):
            try:
                detail = check()
            except Exception as error:  # every failure is reported, then all at once
                failures.append(f"{name}: {error}")
                self.stderr.write(self.style.ERROR(f"✗ {name}: {error}"))
            else:
                self.stdout.write(self.style.SUCCESS(f"✓ {name}: {detail}"))

        if options["worker"] and not failures:
            try:
                detail = self._check_worker(timeout=timeout)
            except Exception as error:
                failures.append(f"worker: {error}")
                self.stderr.write(self.style.ERROR(f"✗ worker: {error}"))
            else:
                self.stdout.write(self.style.SUCCESS(f"✓ worker: {detail}"))

        if failures:
            raise CommandError(
                "필요한 서비스에 연결할 수 없습니다. 설정(DATABASE_URL, REDIS_URL)과 서비스 실행 여부를 확인하세요.\n"
                "Required services are unreachable. Check DATABASE_URL / REDIS_URL and that the services run.\n  "
                + "\n  ".join(failures)
            )

    def _check_database(self, *, for_tests: bool, timeout: float) -> str:
        connection = connections["default"]
        params = connection.settings_dict
        if connection.vendor == "sqlite":
            where = f"sqlite {params['NAME']}"
        else:
            host = f"{params.get('HOST') or 'localhost'}:{params.get('PORT') or 5432}"
            where = f"{connection.vendor} {host}/{params['NAME']}"
        if connection.vendor == "postgresql":
            params.setdefault("OPTIONS", {})["connect_timeout"] = max(1, int(timeout))
        try:
            if for_tests and connection.vendor != "sqlite":
                # The database itself may not exist yet: pytest-django creates test_<NAME>
                # through the server's maintenance database, exactly like this.
                with warnings.catch_warnings():
                    # Django warns before falling back to NAME; the failure is reported below anyway.
                    warnings.simplefilter("ignore", RuntimeWarning)
                    with connection._nodb_cursor() as cursor:
                        cursor.execute("SELECT 1")
            else:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT 1")
        except Exception as error:
            raise RuntimeError(
                f"데이터베이스에 연결할 수 없습니다 / cannot reach the database ({where}): {error}"
            ) from error
        finally:
            connection.close()
        return f"{where} OK"

    def _check_broker(self, *, timeout: float) -> str:
        from config.celery import app

        url = app.conf.broker_url or ""
        if url.startswith("memory://"):
            return "in-process (REDIS_URL 미설정, 작업을 즉시 실행 / tasks run eagerly)"
        shown = maybe_sanitize_url(url)
        try:
            with app.connection_for_write() as conn:
                conn.transport_options.update(socket_connect_timeout=timeout, socket_timeout=timeout)
                conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=timeout)
                with conn.channel() as channel:
                    # Redis transport: a real round trip, not just an open socket.
                    client = getattr(channel, "client", None)
                    if client is not None:
                        client.ping()
        except Exception as error:
            raise RuntimeError(f"브로커에 연결할 수 없습니다 / cannot reach the broker ({shown}): {error}") from error
        return f"{shown} OK"

    def _check_result_backend(self, *, timeout: float) -> str:
        url = settings.CELERY_RESULT_BACKEND or ""
        if not url.startswith(("redis://", "rediss://")):
            return f"{url or 'none'} (not checked)"
        import redis

        shown = maybe_sanitize_url(url)
        try:
            redis.Redis.from_url(url, socket_connect_timeout=timeout, socket_timeout=timeout).ping()
        except Exception as error:
            raise RuntimeError(
                f"결과 저장소에 연결할 수 없습니다 / cannot reach the result backend ({shown}): {error}"
            ) from error
        return f"{shown} OK"

    def _check_worker(self, *, timeout: float) -> str:
        from config.celery import app

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            replies = app.control.ping(timeout=1.0)
            if replies:
                return ", ".join(sorted(name for reply in replies for name in reply))
        raise RuntimeError("응답하는 Celery 워커가 없습니다 / no Celery worker answered the ping")
