"""The environment a test gives a process it starts (a worker, the stack, a management command)."""

import os

# The browser tests set this for the whole session (Playwright keeps an event loop in the
# test thread); a deployment never has it, and `check --deploy` rightly refuses it.
SESSION_ONLY = {"DJANGO_ALLOW_ASYNC_UNSAFE"}


def child_environment(*, without=(), **overrides: str) -> dict[str, str]:
    """This process's environment without session-only and `without` keys, then `overrides`."""
    dropped = SESSION_ONLY | set(without)
    return {key: value for key, value in os.environ.items() if key not in dropped} | overrides
