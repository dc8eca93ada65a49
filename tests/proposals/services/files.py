"""Small real files of every allowed attachment type, made in memory for the tests."""

import io
import struct
import zipfile
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def pdf() -> bytes:
    return b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def png() -> bytes:
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b"")
    )


def jpeg() -> bytes:
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 32 + b"\xff\xd9"


def _ole(*stream_names: str, extra: bytes = b"") -> bytes:
    # The header, then directory entries as OLE stores them (UTF-16LE names, 128 bytes).
    header = OLE2 + b"\x00" * 16 + b"\x3e\x00\x03\x00\xfe\xff\x09\x00" + b"\x00" * 480
    entries = b"".join(name.encode("utf-16-le").ljust(128, b"\x00") for name in ("Root Entry", *stream_names))
    return header + entries.ljust(512, b"\x00") + extra.ljust(512, b"\x00")


def hwp() -> bytes:
    return _ole("FileHeader", "DocInfo", "BodyText", extra=b"HWP Document File" + b"\x00" * 15 + b"\x05\x00\x01\x05")


def xls() -> bytes:
    return _ole("Workbook", "\x05SummaryInformation")


def doc() -> bytes:
    return _ole("WordDocument", "1Table")


def _zip(entries: dict[str, bytes], *, stored_first: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if stored_first:
            archive.writestr(zipfile.ZipInfo(stored_first), entries.pop(stored_first), zipfile.ZIP_STORED)
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


CONTENT_TYPES_XML = (
    b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
)


def content_types(part: str, main: str) -> bytes:
    """``[Content_Types].xml`` declaring ``part`` as the package's main part (type ``main``)."""
    return (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        f'<Override PartName="/{part}" ContentType="application/vnd.openxmlformats-officedocument.{main}+xml"/>'
        "</Types>"
    ).encode()


DOCX_TYPES = content_types("word/document.xml", "wordprocessingml.document.main")
PPTX_TYPES = content_types("ppt/presentation.xml", "presentationml.presentation.main")


def xlsx() -> bytes:
    workbook = Workbook()
    workbook.active["A1"] = "개발제한구역 해제 면적(㎢)"
    workbook.active["B1"] = 12.5
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def docx() -> bytes:
    return _zip(
        {
            "[Content_Types].xml": DOCX_TYPES,
            "_rels/.rels": b"<Relationships/>",
            "word/document.xml": "<w:document><w:body>건의 내용</w:body></w:document>".encode(),
        }
    )


def pptx() -> bytes:
    return _zip(
        {
            "[Content_Types].xml": PPTX_TYPES,
            "_rels/.rels": b"<Relationships/>",
            "ppt/presentation.xml": b"<p:presentation/>",
        }
    )


def hwpx() -> bytes:
    return _zip(
        {
            "mimetype": b"application/hwp+zip",
            "version.xml": b"<hv:HCFVersion/>",
            "Contents/content.hpf": b"<opf:package/>",
            "Contents/section0.xml": "<hs:sec>본문</hs:sec>".encode(),
        },
        stored_first="mimetype",
    )


def plain_zip() -> bytes:
    return _zip({"현황/위치도.txt": "위치도 설명".encode(), "현황/예산.csv": b"a,b\n1,2\n"})


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)
