import io
import zipfile

import pytest

from apps.core import archives
from apps.core.archives import UnsafeArchive, ZipLimits, check_zip

ROOMY = ZipLimits(max_entries=100, max_unpacked_bytes=50 * 1024 * 1024)


def _zip(entries) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
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
