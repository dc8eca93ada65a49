"""Optional virus scan of uploads with ClamAV's daemon (issue 13, item 4).

Off unless ``CLAMD_SOCKET`` is set: a UNIX socket path (``/run/clamav/clamd.ctl``) or
``host:port`` (``clamav:3310``). Then every upload that passed its own checks
(attachments, ledger imports) is streamed to clamd with ``INSTREAM`` before it is
stored, and a file clamd names a virus in is refused with a Korean field error. Once
scanning is configured it is never skipped: clamd unreachable, too slow
(``CLAMD_TIMEOUT`` seconds) or answering an error refuses the upload too — an operator
who asked for scanning never gets an unscanned file. clamd's ``StreamMaxLength`` must be
at least ``ATTACHMENT_MAX_BYTES`` (30M; clamd's default is 25M).

The protocol is four lines of clamd's documentation (``zINSTREAM``, chunks each led by
its length as 4 big-endian bytes, a zero length to end, one ``\\0``-terminated answer),
so it is spoken here rather than through the ``clamd`` package, unmaintained since 2014.
"""

import logging
import socket
import struct

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

CHUNK = 64 * 1024
FOUND, OK = b" FOUND", b": OK"


class ScanFailed(Exception):
    """clamd could not be asked, or answered something other than a verdict."""


def _connect(address: str, timeout: float) -> socket.socket:
    if address.startswith("/"):
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.settimeout(timeout)
            sock.connect(address)
        except OSError:
            sock.close()
            raise
        return sock
    host, _sep, port = address.rpartition(":")
    return socket.create_connection((host, int(port)), timeout=timeout)


def clamd_verdict(fileobj, address: str, timeout: float) -> str | None:
    """The name of what clamd found in ``fileobj`` (from its start), or None if clean."""
    fileobj.seek(0)
    try:
        with _connect(address, timeout) as sock:
            sock.sendall(b"zINSTREAM\0")
            while chunk := fileobj.read(CHUNK):
                sock.sendall(struct.pack("!L", len(chunk)) + chunk)
            sock.sendall(struct.pack("!L", 0))
            answer = b""
            while not answer.endswith(b"\0"):
                received = sock.recv(4096)
                if not received:
                    break
                answer += received
    except (OSError, ValueError) as error:
        raise ScanFailed(str(error)) from error
    finally:
        fileobj.seek(0)
    answer = answer.rstrip(b"\0").strip()
    if answer.endswith(OK):
        return None
    if answer.endswith(FOUND):
        return answer.removesuffix(FOUND).partition(b": ")[2].decode("utf-8", "replace") or "?"
    raise ScanFailed(answer.decode("utf-8", "replace"))


def scan_upload(fileobj, *, field: str = "file") -> None:
    """Raise ValidationError({field: …}) in Korean if clamd finds something in the file or
    cannot be asked; do nothing when ``CLAMD_SOCKET`` is not set."""
    address = getattr(settings, "CLAMD_SOCKET", "")
    if not address:
        return
    try:
        found = clamd_verdict(fileobj, address, settings.CLAMD_TIMEOUT)
    except ScanFailed as error:
        logger.error("clamd scan failed: %s", error)
        raise ValidationError(
            {field: _("바이러스 검사를 하지 못해 파일을 받지 않았습니다. 잠시 후 다시 올려 주세요.")}
        ) from error
    if found:
        logger.warning("clamd refused an upload: %s", found)
        raise ValidationError(
            {field: _("바이러스 검사에서 악성 코드(%(name)s)가 발견되어 올릴 수 없습니다.") % {"name": found}}
        )
