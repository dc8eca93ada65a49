"""Files attached to a proposal: checked by their content, stored under a random name.

An upload is accepted only when its extension is one of the allowed types AND its bytes
are that type (magic numbers, and for ZIP-based formats the expected inner entries), so
a renamed executable or a script called ``보고서.pdf`` never reaches a reviewer's PC.
ZIP containers are also checked for zip bombs and unsafe entry names before anything
is written. All checks run before the file touches storage: a refused upload leaves no
row and no file behind.

HWP and XLS are both OLE2 compound files. Without adding ``olefile`` we tell them apart
by the directory entry names the OLE directory stores in UTF-16LE (``FileHeader`` and the
``HWP Document File`` signature for HWP, ``Workbook``/``Book`` for XLS): a byte scan,
not a full OLE parse, but enough to refuse a ``.doc`` or ``.msi`` renamed to ``.hwp``.
"""

import dataclasses
import os
import unicodedata
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.core.archives import OLE2_MAGIC, ZIP_MAGIC, UnsafeArchive, ZipLimits, check_zip, office_kind
from apps.core.virusscan import scan_upload

from .models import Attachment, Proposal
from .services import ensure_may, record_event

PDF = "pdf"
PNG = "png"
JPEG = "jpeg"
HWP = "hwp"
XLS = "xls"
ZIP = "zip"
XLSX = "xlsx"
DOCX = "docx"
PPTX = "pptx"
HWPX = "hwpx"

CONTENT_TYPES = {
    PDF: "application/pdf",
    PNG: "image/png",
    JPEG: "image/jpeg",
    HWP: "application/x-hwp",
    XLS: "application/vnd.ms-excel",
    ZIP: "application/zip",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    PPTX: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    HWPX: "application/hwp+zip",
}

# Extension → the kinds of content it may hold. A .zip may be any ZIP container.
EXTENSION_KINDS = {
    ".pdf": {PDF},
    ".hwp": {HWP},
    ".hwpx": {HWPX},
    ".xlsx": {XLSX},
    ".xls": {XLS},
    ".docx": {DOCX},
    ".pptx": {PPTX},
    ".png": {PNG},
    ".jpg": {JPEG},
    ".jpeg": {JPEG},
    ".zip": {ZIP, XLSX, DOCX, PPTX, HWPX},
}
ALLOWED_LABEL = "PDF, HWP, HWPX, XLSX, XLS, DOCX, PPTX, PNG, JPG, ZIP"

PDF_MAGIC = b"%PDF-"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"

HWP_STREAM = "FileHeader".encode("utf-16-le")
HWP_SIGNATURE = b"HWP Document File"
XLS_STREAMS = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"))  # BIFF8, BIFF5
HWPX_MIMETYPE = b"application/hwp+zip"

ZIP_MAX_ENTRIES = 1000
ZIP_MAX_TOTAL_BYTES = 500 * 1024 * 1024
CHUNK = 1024 * 1024
MAX_NAME_LENGTH = 255


@dataclasses.dataclass(frozen=True)
class CheckedFile:
    name: str
    extension: str
    kind: str
    content_type: str
    size: int


def _refusal(message: str) -> ValidationError:
    return ValidationError({"file": message})


def sanitise_filename(name: str) -> str:
    """The uploader's name made safe to keep and show: basename only (either slash),
    Unicode NFC (macOS sends Hangul decomposed), no control or bidi-override characters
    (``보고서\u202etxt.exe`` must not pass as something else), at most 255 characters
    with the extension kept."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Zl", "Zp"))
    name = name.strip().strip(".").strip()
    stem, extension = os.path.splitext(name)
    if not stem:
        stem = _("첨부파일")
    extension = extension[:20]
    return stem[: MAX_NAME_LENGTH - len(extension)] + extension


def _size_of(upload) -> int:
    upload.seek(0, os.SEEK_END)
    size = upload.tell()
    upload.seek(0)
    return size


def _found(upload, *needles: bytes) -> set[bytes]:
    """Which of the needles occur somewhere in the file (read in chunks, with overlap)."""
    upload.seek(0)
    found: set[bytes] = set()
    overlap = max(len(n) for n in needles) - 1
    tail = b""
    while len(found) < len(needles):
        chunk = upload.read(CHUNK)
        if not chunk:
            break
        window = tail + chunk
        found |= {n for n in needles if n in window}
        tail = window[-overlap:]
    upload.seek(0)
    return found


def _ole_kind(upload) -> str | None:
    found = _found(upload, HWP_STREAM, HWP_SIGNATURE, *XLS_STREAMS)
    if {HWP_STREAM, HWP_SIGNATURE} <= found:
        return HWP
    if found & set(XLS_STREAMS):
        return XLS
    return None


def _check_zip(upload, max_bytes: int) -> str:
    """Refuse archives that are unsafe to open; return the container's kind."""
    limits = ZipLimits(
        max_entries=ZIP_MAX_ENTRIES,
        max_unpacked_bytes=min(20 * max_bytes, ZIP_MAX_TOTAL_BYTES),
        verify_data=True,
    )
    try:
        names = check_zip(upload, limits)
    except UnsafeArchive as refusal:
        raise _refusal(refusal.messages[0]) from None
    with zipfile.ZipFile(upload) as archive:
        kind = _container_kind(archive, names)
    upload.seek(0)
    return kind


def _container_kind(archive: zipfile.ZipFile, names: set[str]) -> str:
    if "[Content_Types].xml" in names:
        # What the package declares as its main part, not which folders it happens to hold.
        office = office_kind(archive)
        return {"xlsx": XLSX, "docx": DOCX, "pptx": PPTX}.get(office, ZIP)
    if "mimetype" in names and archive.read("mimetype").strip() == HWPX_MIMETYPE:
        return HWPX
    if any(n.startswith("Contents/") for n in names):
        return HWPX
    return ZIP


def check_upload(upload, *, max_bytes: int | None = None) -> CheckedFile:
    """Validate an uploaded file; raise ValidationError({"file": ...}) in Korean."""
    max_bytes = settings.ATTACHMENT_MAX_BYTES if max_bytes is None else max_bytes
    if upload is None:
        raise _refusal(_("파일을 선택해 주세요."))
    name = sanitise_filename(getattr(upload, "name", "") or "")
    extension = os.path.splitext(name)[1].lower()
    if extension not in EXTENSION_KINDS:
        raise _refusal(_("허용되지 않는 파일 형식입니다. 올릴 수 있는 형식: %(types)s") % {"types": ALLOWED_LABEL})
    size = _size_of(upload)
    if size == 0:
        raise _refusal(_("빈 파일은 올릴 수 없습니다."))
    if size > max_bytes:
        raise _refusal(
            _("파일이 너무 큽니다(최대 %(limit)s MB).") % {"limit": f"{max_bytes / (1024 * 1024):g}"},
        )
    head = upload.read(8)
    upload.seek(0)
    kind = None
    if head.startswith(PDF_MAGIC):
        kind = PDF
    elif head.startswith(PNG_MAGIC):
        kind = PNG
    elif head.startswith(JPEG_MAGIC):
        kind = JPEG
    elif head.startswith(OLE2_MAGIC):
        kind = _ole_kind(upload)
    elif head.startswith(ZIP_MAGIC):
        kind = _check_zip(upload, max_bytes)
    if kind not in EXTENSION_KINDS[extension]:
        raise _refusal(
            _("파일 내용이 확장자(%(extension)s)와 맞지 않습니다. 올바른 파일인지 확인해 주세요.")
            % {"extension": extension}
        )
    scan_upload(upload)  # ClamAV, when CLAMD_SOCKET is set: after the cheap checks, before storage
    return CheckedFile(name=name, extension=extension, kind=kind, content_type=CONTENT_TYPES[kind], size=size)


def attachment_add(*, proposal: Proposal, actor, upload) -> Attachment:
    """Attach ``upload`` to ``proposal`` as ``actor``.

    Http404 if the actor may not see the proposal, PermissionDenied if they may see but
    not attach, ValidationError({"file": ...}) for a refused file. The row, the stored
    file and the ``attach`` event are written together or not at all.
    """
    ensure_may(actor, "proposals.attach_proposal", proposal)
    checked = check_upload(upload)
    stored_name = None
    try:
        with transaction.atomic():
            attachment = Attachment(
                proposal=proposal,
                original_name=checked.name,
                content_type=checked.content_type,
                size=checked.size,
                uploaded_by=actor,
            )
            upload.seek(0)
            # upload_to (attachment_path) ignores this name and picks a random one.
            attachment.file.save(checked.name, upload, save=False)
            stored_name = attachment.file.name
            attachment.save()
            record_event(
                proposal=proposal,
                actor=actor,
                action="attach",
                payload={
                    "attachment": attachment.pk,
                    "name": checked.name,
                    "size": checked.size,
                    "content_type": checked.content_type,
                },
            )
    except BaseException:
        if stored_name:
            Attachment._meta.get_field("file").storage.delete(stored_name)
        raise
    return attachment
