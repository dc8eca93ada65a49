"""Is a ZIP safe to open? One check for every upload that is a ZIP underneath
(attachments of any ZIP-based type, Excel workbooks for the ledger import).

Read from the ZIP's own directory before anything is inflated: too many entries,
encrypted entries, entry names that climb out of a folder, symbolic links, archives
inside the archive, programs and scripts, Office macros (``vbaProject.bin``, a
macro-enabled content type), too much once unpacked, and compression ratios only a ZIP
bomb has. Optionally every entry is then inflated once, bounded by those limits, so a
header lying about its sizes — or a program or archive under an innocent name — is
caught too. The callers differ only in their limits (``ZipLimits``). ``office_kind``
says which Office document a ZIP really is, from its declared main content type.

Documents that are ZIPs themselves (a folder of .xlsx/.docx/.pptx/.hwpx zipped, a chart's
workbook in ``word/embeddings/``) are allowed one level down and checked the same way,
within the same total budget of unpacked bytes; any other archive inside is refused.
"""

import dataclasses
import io
import re
import stat
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
SYMLINK = "symlink"
NESTED = "nested"
EXECUTABLE = "executable"
MACRO = "macro"

NESTED_EXTENSIONS = (
    ".zip",
    ".7z",
    ".rar",
    ".alz",
    ".egg",
    ".gz",
    ".tgz",
    ".tar",
    ".bz2",
    ".xz",
    ".cab",
    ".iso",
    ".jar",
)
EXECUTABLE_EXTENSIONS = (
    ".exe", ".com", ".scr", ".pif", ".cpl", ".dll", ".sys", ".msi", ".msp", ".bat", ".cmd", ".ps1", ".psm1",
    ".vbs", ".vbe", ".js", ".jse", ".wsf", ".wsh", ".hta", ".lnk", ".reg", ".sh", ".bash", ".py", ".pl", ".apk",
    ".app", ".elf",
)  # fmt: skip
EXECUTABLE_MAGICS = (b"MZ", b"\x7fELF", b"#!", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe")
OFFICE_MAIN_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": "pptx",
}
# Documents that are ZIPs themselves: allowed inside a ZIP, checked one level down.
DOCUMENT_EXTENSIONS = (".xlsx", ".docx", ".pptx", ".hwpx")
# A document inside a ZIP is inflated in memory to be checked: at most this large.
NESTED_MAX_BYTES = 64 * 1024 * 1024
CONTENT_TYPES_PART = "[Content_Types].xml"
_OVERRIDE = re.compile(rb'<Override\b[^>]*PartName="([^"]+)"[^>]*ContentType="([^"]+)"', re.IGNORECASE)


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


def _is_office_embedding(name: str) -> bool:
    """An Office document's embedded object (``word/embeddings/…xlsx``, ``ppt/embeddings/…``)."""
    parts = name.lower().split("/")
    return len(parts) >= 3 and parts[-2] == "embeddings"


def _basename(name: str) -> str:
    return name.replace("\\", "/").rsplit("/", 1)[-1].lower()


def _entry_refusal(entry: zipfile.ZipInfo) -> UnsafeArchive | None:
    name = _basename(entry.filename)
    if entry.create_system == 3 and stat.S_ISLNK(entry.external_attr >> 16):
        return UnsafeArchive(_("압축 파일에 바로가기(심볼릭 링크)가 있어 올릴 수 없습니다."), code=SYMLINK)
    if name == "vbaproject.bin":
        return UnsafeArchive(
            _("매크로가 포함된 문서는 올릴 수 없습니다. 매크로를 제거하고 다시 저장해 주세요."), code=MACRO
        )
    if name.endswith(EXECUTABLE_EXTENSIONS) and not _is_office_embedding(entry.filename):
        return UnsafeArchive(
            _("압축 파일에 실행 파일이나 스크립트가 있어 올릴 수 없습니다: %(name)s") % {"name": entry.filename[:100]},
            code=EXECUTABLE,
        )
    if name.endswith(NESTED_EXTENSIONS):
        return _nested(entry)
    return None


def _nested(entry: zipfile.ZipInfo) -> UnsafeArchive:
    return UnsafeArchive(
        _("압축 파일 안에 다른 압축 파일이 있습니다. 압축을 풀어 한 번만 압축해 올려 주세요: %(name)s")
        % {"name": entry.filename[:100]},
        code=NESTED,
    )


def _is_document(name: str) -> bool:
    """A document that is a ZIP itself (checked one level down), or an Office embedding."""
    return _basename(name).endswith(DOCUMENT_EXTENSIONS) or _is_office_embedding(name)


def _inflates_too_far(unpacked: int, packed: int, limits: ZipLimits) -> bool:
    return unpacked > limits.ratio_floor_bytes and unpacked > limits.max_ratio * max(packed, 1)


def check_zip(fileobj, limits: ZipLimits, *, depth: int = 0) -> set[str]:
    """Raise ``UnsafeArchive`` unless ``fileobj`` is a ZIP safe to open under ``limits``;
    return its entry names. Leaves ``fileobj`` at position 0. ``depth``: 1 for a document
    inside the ZIP being checked (documents nest one level, no more)."""
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
                _verify_entries(archive, entries, limits, depth)
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
        refusal = _entry_refusal(entry)
        if refusal is not None:
            raise refusal
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > limits.max_unpacked_bytes:
        raise UnsafeArchive(_("압축을 풀었을 때의 크기가 너무 큽니다."), code=TOO_LARGE)
    packed = sum(entry.compress_size for entry in entries)
    if _inflates_too_far(unpacked, packed, limits) or any(
        _inflates_too_far(entry.file_size, entry.compress_size, limits) for entry in entries
    ):
        raise UnsafeArchive(_("압축률이 비정상적으로 높은 파일(압축 폭탄)은 올릴 수 없습니다."), code=BOMB)


def _verify_entries(archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo], limits: ZipLimits, depth: int) -> None:
    """Inflate every entry once (bounded by the limits already checked): zipfile stops at
    the declared size and checks the CRC, so a header lying about sizes is caught here.
    A document that is a ZIP is checked in turn, with what is left of the budget."""
    budget = limits.max_unpacked_bytes - sum(entry.file_size for entry in entries)
    try:
        for entry in entries:
            if entry.is_dir():
                continue
            with archive.open(entry) as stream:
                head = stream.read(CHUNK)
                _check_content(entry, head)
                inner = io.BytesIO(head) if head.startswith(ZIP_MAGIC) else None
                while chunk := stream.read(CHUNK):
                    if inner is not None:
                        inner.seek(0, io.SEEK_END)
                        if inner.tell() + len(chunk) > NESTED_MAX_BYTES:
                            raise UnsafeArchive(_("압축을 풀었을 때의 크기가 너무 큽니다."), code=TOO_LARGE)
                        inner.write(chunk)
            if inner is not None:
                if depth >= 1:
                    raise _nested(entry)
                names = check_zip(inner, dataclasses.replace(limits, max_unpacked_bytes=max(budget, 0)), depth=1)
                budget -= sum(info.file_size for info in zipfile.ZipFile(inner).infolist()) if names else 0
    except UnsafeArchive:
        raise
    except Exception:  # zlib/bz2/lzma errors, bad CRC, unsupported method: all mean "refuse"
        raise UnsafeArchive(_("손상되었거나 올바르지 않은 압축 파일입니다."), code=CORRUPT) from None


def _check_content(entry: zipfile.ZipInfo, head: bytes) -> None:
    """What an entry really is, whatever its name says: no program, no archive (but an
    Office document's embedded object), no macro-enabled Office content."""
    if head.startswith(EXECUTABLE_MAGICS) and not _is_office_embedding(entry.filename):
        raise UnsafeArchive(
            _("압축 파일에 실행 파일이나 스크립트가 있어 올릴 수 없습니다: %(name)s") % {"name": entry.filename[:100]},
            code=EXECUTABLE,
        )
    if head.startswith((ZIP_MAGIC, b"Rar!", b"7z\xbc\xaf", b"\x1f\x8b")) and not _is_document(entry.filename):
        raise _nested(entry)
    if entry.filename == CONTENT_TYPES_PART and b"macroenabled" in head.lower():
        raise UnsafeArchive(
            _("매크로가 포함된 문서는 올릴 수 없습니다. 매크로를 제거하고 다시 저장해 주세요."), code=MACRO
        )


def office_kind(archive: zipfile.ZipFile) -> str | None:
    """``"docx"``, ``"xlsx"`` or ``"pptx"`` by the main part's declared content type
    (never by folder names, which anyone can add); None for no Office document."""
    try:
        declared = archive.read(CONTENT_TYPES_PART)[:CHUNK]
    except (KeyError, zipfile.BadZipFile, OSError, ValueError):
        return None
    kinds = {
        OFFICE_MAIN_TYPES.get(content_type.decode("ascii", "replace"))
        for _part, content_type in _OVERRIDE.findall(declared)
    }
    kinds.discard(None)
    return kinds.pop() if len(kinds) == 1 else None
