"""gunicorn settings for 균형발전 소통창구: ``gunicorn -c platform/gunicorn.conf.py config.wsgi``.

Every value can be overridden from the environment (GUNICORN_*), so the same file
serves systemd, the Procfile and a container.
"""

import multiprocessing
import os

wsgi_app = "config.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: the app is ORM-bound; slow work goes to Celery, not the request.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak cannot grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 2000))
max_requests_jitter = 200
# Workers' heartbeat files on tmpfs, as gunicorn's docs advise: on a slow disk the
# arbiter could take a blocked heartbeat write for a hung worker and kill it.
SHM = "/dev/shm"  # noqa: S108 - a heartbeat file, no data
worker_tmp_dir = os.environ.get("GUNICORN_WORKER_TMP_DIR", SHM if os.path.isdir(SHM) else None)
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = "balance-web"


def child_exit(server, worker):
    """Prometheus multiprocess mode (PROMETHEUS_MULTIPROC_DIR set): drop a dead worker's gauges."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)


def post_worker_init(worker):
    """Freeze what the worker made while loading the project (modules, settings, URL
    patterns): the garbage collector's full passes then walk only what requests create.
    Python's documented use of ``gc.freeze`` for long-lived servers."""
    import gc

    gc.collect()
    gc.freeze()
