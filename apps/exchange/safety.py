"""Refusing a file before openpyxl ever opens it.

An .xlsx is a ZIP of XML parts. A file that merely carries the name (a CSV, a PDF, an
old .xls renamed), a password-protected workbook (Office wraps those in an OLE2
container), a corrupt ZIP, or a ZIP bomb (parts that inflate to gigabytes) is refused
here from the ZIP's own directory — sizes are read, nothing is inflated.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core import archives
from apps.core.archives import OLE2_MAGIC, ZIP_MAGIC, UnsafeArchive, ZipLimits, check_zip
from apps.core.virusscan import scan_upload

REQUIRED_PARTS = ("[Content_Types].xml", "xl/workbook.xml")


def limit(name: str, default: int) -> int:
    return getattr(settings, name, default)


MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
MAX_ENTRIES = 2000


class ImportRefused(ValidationError):
    """The whole file is refused (not xlsx, protected, corrupt, too large…): nothing changes."""


# Where a workbook's author needs other advice than an archive's (they never zipped it).
_WORKBOOK_WORDING = {
    archives.CORRUPT: gettext_lazy("파일이 손상되어 열 수 없습니다. 엑셀에서 다시 저장해 올려 주세요."),
    archives.ENCRYPTED: gettext_lazy("암호로 보호된 파일입니다. 암호를 해제하고 다시 저장해 올려 주세요."),
    archives.TOO_MANY_ENTRIES: gettext_lazy("파일 구성이 비정상적입니다(내부 항목이 너무 많음)."),
    archives.TOO_LARGE: gettext_lazy("압축을 풀면 너무 큰 파일입니다. 내용을 나누어 올려 주세요."),
    archives.BOMB: gettext_lazy("압축 비율이 비정상적인 파일입니다(압축 폭탄 의심). 올릴 수 없습니다."),
}


def check_package(fileobj, size: int) -> None:
    """Raise ``ImportRefused`` with a Korean reason unless ``fileobj`` is a plausible,
    unencrypted .xlsx of sane size. Leaves ``fileobj`` at position 0."""
    max_upload = limit("EXCHANGE_MAX_UPLOAD_BYTES", MAX_UPLOAD_BYTES)
    if size > max_upload:
        raise ImportRefused(
            _("파일이 너무 큽니다(%(size)s MB). %(limit)s MB 이하로 나누어 올려 주세요.")
            % {"size": f"{size / 1048576:.1f}", "limit": max_upload // 1048576}
        )
    fileobj.seek(0)
    head = fileobj.read(8)
    fileobj.seek(0)
    if head.startswith(OLE2_MAGIC):
        raise ImportRefused(
            _(
                "암호로 보호된 파일이거나 예전 엑셀 형식(.xls)입니다. 암호를 해제하고 "
                "‘Excel 통합 문서(.xlsx)’로 저장해 올려 주세요."
            )
        )
    if not head.startswith(ZIP_MAGIC):
        raise ImportRefused(
            _(
                "엑셀 통합 문서(.xlsx)가 아닙니다. CSV나 PDF의 이름만 바꾼 파일은 읽을 수 없습니다. "
                "내려받은 서식에 작성해 주세요."
            )
        )
    limits = ZipLimits(
        max_entries=limit("EXCHANGE_MAX_ZIP_ENTRIES", MAX_ENTRIES),
        max_unpacked_bytes=limit("EXCHANGE_MAX_UNCOMPRESSED_BYTES", MAX_UNCOMPRESSED_BYTES),
        max_ratio=limit("EXCHANGE_MAX_COMPRESSION_RATIO", MAX_COMPRESSION_RATIO),
    )
    try:
        names = check_zip(fileobj, limits)
    except UnsafeArchive as refusal:
        wording = _WORKBOOK_WORDING.get(refusal.code)
        raise ImportRefused(str(wording) if wording else refusal.messages[0]) from None
    if not all(part in names for part in REQUIRED_PARTS):
        raise ImportRefused(_("엑셀 통합 문서(.xlsx)가 아닙니다. 내려받은 서식에 작성해 .xlsx로 저장해 주세요."))
    try:
        scan_upload(fileobj)  # ClamAV, when CLAMD_SOCKET is set
    except ValidationError as refusal:
        raise ImportRefused(refusal.messages[0]) from None
