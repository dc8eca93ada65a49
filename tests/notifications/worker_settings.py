"""Settings of the Celery worker that tests/integration/test_notifications_delivery.py
starts: the test settings, but e-mail goes to files in NOTIFICATIONS_TEST_MAIL_DIR — the
worker is another process, so Django's in-memory (locmem) outbox would stay inside it."""

from config.settings.test import *  # noqa: F403
from config.settings.test import env

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = env("NOTIFICATIONS_TEST_MAIL_DIR")
