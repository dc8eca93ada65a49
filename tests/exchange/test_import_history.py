"""``manage.py import_history``: past 건의 with their original references, regions (광주 29
before its end), stage dates and outcomes; imported events, no notifications, statistics
by the year they belong to."""

import csv
import datetime

import pytest
from django.core.management import CommandError, call_command

from apps.notifications.models import Notification
from apps.portal.stats import public_statistics
from apps.proposals.models import Proposal, ProposalEvent, ReferenceCounter
from apps.proposals.models import ProposalStatus as S
from apps.proposals.selectors import proposal_list
from apps.proposals.timeline import timeline_for

pytestmark = pytest.mark.django_db
HEADER = [
    "과제번호", "지역", "제목", "요약", "분야", "상태", "접수일", "배정일", "결정일", "완료일",
    "주관부서", "검토결과", "검토결과 요지", "추진 예정일", "추진률", "이관 부처", "공개 여부",
]  # fmt: skip


def gwangju_2023(n: int, **overrides) -> dict:
    row = {
        "과제번호": f"2023-29-{n + 7:04d}",
        "지역": "29",
        "제목": f"광주 도심융합특구 지정 건의 {n}",
        "요약": "광주 도심융합특구 지정과 기반시설 국비 지원을 건의합니다.",
        "분야": "도시·공간",
        "상태": "검토완료",
        "접수일": "2023-03-15",
        "배정일": "2023-03-20",
        "결정일": "2023-05-02",
        "주관부서": "녹색도시과",
        "검토결과": "수용",
        "검토결과 요지": "도심융합특구 후보지로 검토합니다.",
        "추진 예정일": "2024-06-30",
        "공개 여부": "예",
    }
    row.update(overrides)
    return row


def write_csv(tmp_path, rows, name="과거건의_2023.csv"):
    path = tmp_path / name
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=HEADER)
        writer.writeheader()
        writer.writerows(rows)
    return str(path)


@pytest.fixture
def operator(make_member):
    return make_member("admin")


def test_gwangju_2023_keeps_its_references_and_counts_in_2023(tmp_path, operator, make_member, capsys):
    received_only = {"과제번호": "", "상태": "접수", "배정일": "", "결정일": "", "주관부서": "", "검토결과": ""}
    received_only |= {"검토결과 요지": "", "추진 예정일": ""}
    rows = [gwangju_2023(n) for n in range(5)] + [gwangju_2023(9, **received_only)]
    before = public_statistics()["yearly"]
    assert not [row for row in before if row["year"] == 2023]

    call_command("import_history", write_csv(tmp_path, rows), user=operator.username)

    imported = Proposal.objects.filter(region__code="29").order_by("reference")
    assert [p.reference for p in imported] == [f"2023-29-{n:04d}" for n in (7, 8, 9, 10, 11, 12)]
    first = imported[0]
    assert first.status == S.DECIDED and first.outcome == "accepted" and first.lead_department.code == "녹색도시과"
    assert first.submitted_at.date() == datetime.date(2023, 3, 15) and first.created_at == first.submitted_at
    assert first.decided_at.date() == datetime.date(2023, 5, 2)
    assert imported.last().status == S.SUBMITTED  # the one without a reference got the next 2023 serial
    assert ReferenceCounter.objects.get(year=2023, region__code="29").last == 12
    year_2023 = next(row for row in public_statistics()["yearly"] if row["year"] == 2023)
    assert year_2023 == {"year": 2023, "received": 6, "decided": 5, "accepted": 5}
    # The timeline says when each stage happened and that it was imported, by whom, from where.
    events = ProposalEvent.objects.filter(proposal=first).order_by("created_at")
    assert [e.action for e in events] == ["endorse", "assign", "decide"]
    assert events[2].created_at.date() == datetime.date(2023, 5, 2)
    assert events[0].payload["imported"] is True and events[0].payload["imported_by"] == operator.username
    assert events[0].payload["source_file"] == "과거건의_2023.csv"
    assert Notification.objects.count() == 0  # nobody is told of what happened in 2023
    # The operator's name and file are internal: the public timeline does not show them.
    public = timeline_for(None, first)
    assert public and all("imported_by" not in entry.payload for entry in public)
    # Staff find them in their lists like any other proposal.
    assert proposal_list(make_member("tf_staff"), {"year": "2023"}).count() == 6
    assert "2023년 6건" in capsys.readouterr().out


def test_bad_rows_exit_non_zero_with_row_errors_and_import_nothing(tmp_path, operator, capsys):
    rows = [
        gwangju_2023(0),
        gwangju_2023(1, 접수일="2026-08-01", 배정일="", 결정일=""),  # 광주 ended 2026-06-30
        gwangju_2023(2, 지역="화성특별시"),
        gwangju_2023(3, 검토결과=""),
        gwangju_2023(4, 과제번호="2023-29-0007"),  # the first row's
    ]

    with pytest.raises(CommandError, match="오류"):
        call_command("import_history", write_csv(tmp_path, rows), user=operator.username)

    errors = capsys.readouterr().err
    assert "3행 지역: 광주광역시는 2026-06-30에 폐지되었습니다" in errors and "전남광주통합특별시로" in errors
    assert "4행 지역: 알 수 없는 지역" in errors
    assert "5행 검토결과" in errors
    assert "6행 과제번호: 파일 안에 같은 과제번호가 두 번 있습니다." in errors
    assert Proposal.objects.count() == 0


def test_an_existing_reference_is_refused(tmp_path, operator, capsys):
    call_command("import_history", write_csv(tmp_path, [gwangju_2023(0)]), user=operator.username)
    with pytest.raises(CommandError):
        call_command("import_history", write_csv(tmp_path, [gwangju_2023(0)]), user=operator.username)
    assert "이미 등록된 과제번호" in capsys.readouterr().err


def test_only_operators_import_history(tmp_path, make_member):
    for role in ("tf_staff", "regional_official"):
        with pytest.raises(CommandError, match="운영자"):
            call_command("import_history", write_csv(tmp_path, [gwangju_2023(0)]), user=make_member(role).username)
    assert Proposal.objects.count() == 0
