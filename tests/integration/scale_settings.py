"""Settings of the web and worker processes tests/integration/test_scale_out.py starts: the
mail workers' settings (e-mail into files), tasks through Redis on a queue of the test's own."""

from kombu import Exchange, Queue

from tests.notifications.worker_settings import *  # noqa: F403
from tests.notifications.worker_settings import env

CELERY_TASK_ALWAYS_EAGER = False
SCALE_QUEUE = env("SCALE_QUEUE")
CELERY_TASK_DEFAULT_QUEUE = SCALE_QUEUE
CELERY_TASK_QUEUES = (Queue(SCALE_QUEUE, Exchange(SCALE_QUEUE), routing_key=SCALE_QUEUE),)
CELERY_TASK_ROUTES: dict = {}
