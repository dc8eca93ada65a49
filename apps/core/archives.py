"""Is a ZIP safe to open? One check for every upload that is a ZIP underneath
(attachments of any ZIP-based type, Excel workbooks for the ledger import).

Read from the ZIP's own directory before anything is inflated: too many entries,
encrypted entries, entry names that climb out of a folder, too much once unpacked, and
compression ratios only a ZIP bomb has. Optionally every entry is then inflated once,
bounded by those limits, so a header lying about its sizes is caught too. The callers
differ only in their limits (``ZipLimits``).
"""

import dataclasses
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
CHUNK = 1024 * 1024

# The ``code`` of each refusal, for a caller that words one of them for its own users.
CORRUPT = "corrupt"
TOO_MANY_ENTRIES = "too_many_entries"
ENCRYPTED = "encrypted"
UNSAFE_PATH = "unsafe_path"
TOO_LARGE = "too_large"
BOMB = "bomb"


@dataclasses.dataclass(frozen=True)
class ZipLimits:
    max_entries: int
    max_unpacked_bytes: int
    max_ratio: int = 100
    # Tiny XML parts compress very well and are harmless: the ratio counts above this size.
    ratio_floor_bytes: int = 1024 * 1024
    # Inflate every entry once (CRC and true sizes checked) before the file is accepted.
    verify_data: bool = False


class UnsafeArchive(ValidationError):
    """The ZIP is refused; ``code`` says why, the message says it in Korean."""


def _unsafe_entry_name(name: str) -> bool:
    normalised = name.replace("\\", "/")
    if normalised.startswith("/") or (len(normalised) > 1 and normalised[1] == ":"):
        return True
    return ".." in normalised.split("/")


def _inflates_too_far(unpacked: int, packed: int, limits: ZipLimits) -> bool:
    return unpacked > limits.ratio_floor_bytes and unpacked > limits.max_ratio * max(packed, 1)


def check_zip(fileobj, limits: ZipLimits) -> set[str]:
    """Raise ``UnsafeArchive`` unless ``fileobj`` is a ZIP safe to open under ``limits``;
    return its entry names. Leaves ``fileobj`` at position 0."""
    try:
        archive = zipfile.ZipFile(fileobj)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        fileobj.seek(0)
        raise UnsafeArchive(_("손상되었거나 올바르지 않은 압축 파일입니다."), code=CORRUPT) from None
    try:
        with archive:
            entries = archive.infolist()
            _check_directory(entries, limits)
            if limits.verify_data:
                _verify_entries(archive, entries)
            return {entry.filename for entry in entries}
    finally:
        fileobj.seek(0)


def _check_directory(entries: list[zipfile.ZipInfo], limits: ZipLimits) -> None:
    if len(entries) > limits.max_entries:
        raise UnsafeArchive(
            _("압축 파일 안의 항목이 너무 많습니다(최대 %(count)d개).") % {"count": limits.max_entries},
            code=TOO_MANY_ENTRIES,
        )
    for entry in entries:
        if entry.flag_bits & 0x1:
            raise UnsafeArchive(_("암호가 걸린 압축 파일은 올릴 수 없습니다."), code=ENCRYPTED)
        if _unsafe_entry_name(entry.filename):
            raise UnsafeArchive(
                _("압축 파일에 허용되지 않는 경로가 있습니다: %(name)s") % {"name": entry.filename[:100]},
                code=UNSAFE_PATH,
            )
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > limits.max_unpacked_bytes:
        raise UnsafeArchive(_("압축을 풀었을 때의 크기가 너무 큽니다."), code=TOO_LARGE)
    packed = sum(entry.compress_size for entry in entries)
    if _inflates_too_far(unpacked, packed, limits) or any(
        _inflates_too_far(entry.file_size, entry.compress_size, limits) for entry in entries
    ):
        raise UnsafeArchive(_("압축률이 비정상적으로 높은 파일(압축 폭탄)은 올릴 수 없습니다."), code=BOMB)


def _verify_entries(archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo]) -> None:
    """Inflate every entry once (bounded by the limits already checked): zipfile stops at
    the declared size and checks the CRC, so a header lying about sizes is caught here."""
    try:
        for entry in entries:
            if entry.is_dir():
                continue
            with archive.open(entry) as stream:
                while stream.read(CHUNK):
                    pass
    except Exception:  # zlib/bz2/lzma errors, bad CRC, unsupported method: all mean "refuse"
        raise UnsafeArchive(_("손상되었거나 올바르지 않은 압축 파일입니다."), code=CORRUPT) from None
