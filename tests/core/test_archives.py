import io
import zipfile

import pytest

from apps.core import archives
from apps.core.archives import UnsafeArchive, ZipLimits, check_zip

ROOMY = ZipLimits(max_entries=100, max_unpacked_bytes=50 * 1024 * 1024)


def _zip(entries, compression=zipfile.ZIP_DEFLATED) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    buffer.seek(0)
    return buffer


def _refusal_code(fileobj, limits) -> str:
    with pytest.raises(UnsafeArchive) as refusal:
        check_zip(fileobj, limits)
    return refusal.value.code


def test_a_sane_zip_gives_its_entry_names_and_rewinds():
    fileobj = _zip([("a.txt", b"hello"), ("b/c.txt", b"world")])

    assert check_zip(fileobj, ROOMY) == {"a.txt", "b/c.txt"}
    assert fileobj.tell() == 0


def test_the_callers_limits_decide():
    fileobj = _zip([(f"{n}.txt", b"x") for n in range(5)])

    assert check_zip(fileobj, ZipLimits(max_entries=5, max_unpacked_bytes=100))
    assert _refusal_code(fileobj, ZipLimits(max_entries=4, max_unpacked_bytes=100)) == archives.TOO_MANY_ENTRIES
    assert _refusal_code(fileobj, ZipLimits(max_entries=5, max_unpacked_bytes=4)) == archives.TOO_LARGE


def test_a_zip_bomb_is_refused():
    assert _refusal_code(_zip([("zeros.bin", b"\0" * (5 * 1024 * 1024))]), ROOMY) == archives.BOMB


@pytest.mark.parametrize("name", ["../evil", "/etc/passwd", "C:\\evil.dll", "a/../../b"])
def test_entry_names_that_leave_the_folder_are_refused(name):
    assert _refusal_code(_zip([(name, b"x")]), ROOMY) == archives.UNSAFE_PATH


def test_what_is_not_a_zip_is_corrupt():
    assert _refusal_code(io.BytesIO(b"PK\x03\x04garbage"), ROOMY) == archives.CORRUPT


def test_data_that_does_not_match_its_header_is_caught_only_when_verifying():
    data = bytearray(_zip([("note.txt", "광역철도 " * 200)]).getvalue())
    data[30 + len("note.txt") + 5] ^= 0xFF

    assert check_zip(io.BytesIO(bytes(data)), ROOMY) == {"note.txt"}
    verifying = ZipLimits(max_entries=100, max_unpacked_bytes=1024 * 1024, verify_data=True)
    assert _refusal_code(io.BytesIO(bytes(data)), verifying) == archives.CORRUPT


# --- what an archive carries (issue 13, item 4) ----------------------------------------

VERIFY = ZipLimits(max_entries=100, max_unpacked_bytes=50 * 1024 * 1024, verify_data=True)


def _symlink_zip() -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        link = zipfile.ZipInfo("etc-passwd")
        link.create_system = 3
        link.external_attr = (0o120777 << 16) | 0
        archive.writestr(link, "/etc/passwd")
    buffer.seek(0)
    return buffer


def test_a_symlink_entry_is_refused():
    assert _refusal_code(_symlink_zip(), ROOMY) == archives.SYMLINK


@pytest.mark.parametrize("name", ["setup.exe", "run.BAT", "docs/install.ps1", "a.vbs", "x.lnk"])
def test_programs_and_scripts_are_refused_by_name(name):
    assert _refusal_code(_zip([("readme.txt", b"hi"), (name, b"data")]), ROOMY) == archives.EXECUTABLE


@pytest.mark.parametrize("head", [b"MZ\x90\x00", b"\x7fELF\x02", b"#!/bin/sh\nrm -rf /"])
def test_programs_under_an_innocent_name_are_refused_by_content(head):
    fileobj = _zip([("report.txt", head + b"\x00" * 100)])

    assert check_zip(fileobj, ROOMY)  # the directory alone cannot tell
    assert _refusal_code(fileobj, VERIFY) == archives.EXECUTABLE


@pytest.mark.parametrize("name", ["inner.zip", "a/b.7z", "c.rar", "d.tar.gz"])
def test_archives_inside_are_refused_by_name(name):
    assert _refusal_code(_zip([(name, b"data")]), ROOMY) == archives.NESTED


def test_an_archive_under_an_innocent_name_is_refused_by_content():
    inner = _zip([("a.txt", b"hello")]).getvalue()

    assert _refusal_code(_zip([("photo.png", inner)]), VERIFY) == archives.NESTED


def test_ten_stored_zips_inflating_to_100mb_each_are_refused():
    bomb = _zip([("zeros.bin", b"\x00" * (100 * 1024 * 1024))]).getvalue()
    fileobj = _zip([(f"part{n}.zip", bomb) for n in range(10)], zipfile.ZIP_STORED)

    assert _refusal_code(fileobj, VERIFY) == archives.NESTED


def test_documents_inside_are_checked_within_one_budget():
    workbook = _zip([("[Content_Types].xml", b"<Types/>"), ("xl/workbook.xml", b"x" * 1000)]).getvalue()
    fileobj = _zip([("a.xlsx", workbook), ("b.xlsx", workbook)])

    assert check_zip(fileobj, VERIFY) == {"a.xlsx", "b.xlsx"}
    tight = ZipLimits(max_entries=100, max_unpacked_bytes=len(workbook) * 2 + 1500, verify_data=True)
    assert _refusal_code(fileobj, tight) == archives.TOO_LARGE


def test_a_document_inside_a_document_inside_is_refused():
    innermost = _zip([("x.txt", b"x")]).getvalue()
    inner = _zip([("nested.docx", innermost)]).getvalue()

    assert _refusal_code(_zip([("outer.xlsx", inner)]), VERIFY) == archives.NESTED


def test_a_document_inside_carrying_a_program_is_refused():
    inner = _zip([("word/document.xml", b"<w/>"), ("word/run.exe", b"MZ")]).getvalue()

    assert _refusal_code(_zip([("report.docx", inner)]), VERIFY) == archives.EXECUTABLE


def test_macros_are_refused():
    by_part = _zip([("[Content_Types].xml", b"<Types/>"), ("word/vbaProject.bin", b"\xd0\xcf")])
    by_type = _zip(
        [
            (
                "[Content_Types].xml",
                b'<Types><Override ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/>',
            )
        ]
    )

    assert _refusal_code(by_part, ROOMY) == archives.MACRO
    assert _refusal_code(by_type, VERIFY) == archives.MACRO


def _office(main: str) -> zipfile.ZipFile:
    declared = f"application/vnd.openxmlformats-officedocument.{main}+xml"
    types = f'<Types><Override PartName="/x.xml" ContentType="{declared}"/></Types>'
    return zipfile.ZipFile(_zip([("[Content_Types].xml", types.encode())]))


def test_office_kind_reads_the_declared_main_part():
    assert archives.office_kind(_office("wordprocessingml.document.main")) == "docx"
    assert archives.office_kind(_office("spreadsheetml.sheet.main")) == "xlsx"
    assert archives.office_kind(_office("presentationml.presentation.main")) == "pptx"
    assert archives.office_kind(zipfile.ZipFile(_zip([("word/document.xml", b"<w/>")]))) is None
