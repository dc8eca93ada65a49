"""Refusing a file before openpyxl ever opens it.

An .xlsx is a ZIP of XML parts. A file that merely carries the name (a CSV, a PDF, an
old .xls renamed), a password-protected workbook (Office wraps those in an OLE2
container), a corrupt ZIP, or a ZIP bomb (parts that inflate to gigabytes) is refused
here from the ZIP's own directory — sizes are read, nothing is inflated.
"""

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
REQUIRED_PARTS = ("[Content_Types].xml", "xl/workbook.xml")


def limit(name: str, default: int) -> int:
    return getattr(settings, name, default)


MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
MAX_ENTRIES = 2000


class ImportRefused(ValidationError):
    """The whole file is refused (not xlsx, protected, corrupt, too large…): nothing changes."""


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
    try:
        with zipfile.ZipFile(fileobj) as archive:
            entries = archive.infolist()
            names = {entry.filename for entry in entries}
            if len(entries) > limit("EXCHANGE_MAX_ZIP_ENTRIES", MAX_ENTRIES):
                raise ImportRefused(_("파일 구성이 비정상적입니다(내부 항목이 너무 많음)."))
            if any(entry.flag_bits & 0x1 for entry in entries):
                raise ImportRefused(_("암호로 보호된 파일입니다. 암호를 해제하고 다시 저장해 올려 주세요."))
            if not all(part in names for part in REQUIRED_PARTS):
                raise ImportRefused(
                    _("엑셀 통합 문서(.xlsx)가 아닙니다. 내려받은 서식에 작성해 .xlsx로 저장해 주세요.")
                )
            uncompressed = sum(entry.file_size for entry in entries)
            compressed = sum(entry.compress_size for entry in entries) or 1
            if uncompressed > limit("EXCHANGE_MAX_UNCOMPRESSED_BYTES", MAX_UNCOMPRESSED_BYTES):
                raise ImportRefused(_("압축을 풀면 너무 큰 파일입니다. 내용을 나누어 올려 주세요."))
            ratio = limit("EXCHANGE_MAX_COMPRESSION_RATIO", MAX_COMPRESSION_RATIO)
            if uncompressed / compressed > ratio or any(
                entry.file_size > 1048576 and entry.file_size / max(entry.compress_size, 1) > ratio for entry in entries
            ):
                raise ImportRefused(_("압축 비율이 비정상적인 파일입니다(압축 폭탄 의심). 올릴 수 없습니다."))
    except zipfile.BadZipFile as error:
        raise ImportRefused(_("파일이 손상되어 열 수 없습니다. 엑셀에서 다시 저장해 올려 주세요.")) from error
    finally:
        fileobj.seek(0)
