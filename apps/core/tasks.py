"""Health tasks: prove that a Celery worker is consuming the broker and answering.

``core.ping`` touches no database and no file, so it can be sent to any worker at any
time (monitoring, ``check_services``, the integration tests) without side effects.
"""

import os
import socket

from celery import shared_task


@shared_task(name="core.ping", bind=True, ignore_result=False)
def ping(self, *, token: str) -> dict:
    """Answer with the token and who ran it (pid and host tell a real worker from eager mode)."""
    return {
        "pong": token,
        "pid": os.getpid(),
        "hostname": socket.gethostname(),
        "worker": self.request.hostname or "",
        "eager": bool(self.request.is_eager),
    }
