"""The visit pack as the documents ministries exchange: HWPX (python-hwpx) and PDF (fpdf2
with the machine's Noto Sans CJK KR), from one outline in the government report layout —
a title, the meeting line, then □ sections with ○ notes and tables.

Every text passes the text policy (``clean_text``): stored text of any age gives a valid file.
"""

import dataclasses
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from apps.core.text import clean_text

from .pack import VisitPack

DEFAULT_FONTS = {
    "": "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "B": "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
}
KOREAN_IN_COLLECTION = 1  # Noto Sans CJK collections: JP, KR, SC, TC, HK


class FontMissing(RuntimeError):
    pass


@dataclasses.dataclass
class Section:
    heading: str
    header: list[str]
    rows: list[list[str]]
    empty: str


def _date(value) -> str:
    return value.strftime("%Y.%m.%d.") if value else "-"


def outline(pack: VisitPack) -> tuple[str, list[str], list[Section]]:
    meeting = pack.meeting
    title = _("%(region)s 지역협의회 방문 자료") % {"region": pack.region.name}
    lines = [
        _("회의: %(title)s (%(date)s, %(place)s)")
        % {"title": meeting.title, "date": _date(meeting.starts_at.date()), "place": meeting.place},
        _("작성: %(date)s 기준, 국토교통부 균형발전 소통창구") % {"date": _date(pack.today)},
        _("직전 방문: %(previous)s")
        % {"previous": f"{pack.previous.title} ({_date(pack.previous.starts_at.date())})" if pack.previous else "-"},
    ]
    sections = [
        Section(
            _("□ 진행 중·기한 초과 과제 (%(count)s건)") % {"count": len(pack.open_items)},
            [_("과제번호"), _("제목"), _("단계"), _("처리기한"), _("D-day")],
            [
                [
                    item["proposal"].reference,
                    item["proposal"].title,
                    item["proposal"].get_status_display(),
                    _date(item["proposal"].due_at),
                    f"{item['d_day']}{' ' + _('초과') if item['overdue'] else ''}",
                ]
                for item in pack.open_items
            ],
            _("○ 진행 중인 과제가 없습니다."),
        ),
        Section(
            _("□ 직전 방문 이후 결정 (%(count)s건)") % {"count": len(pack.decisions)},
            [_("과제번호"), _("제목"), _("검토결과"), _("결정일"), _("주관부서")],
            [
                [
                    p.reference,
                    p.title,
                    p.get_outcome_display(),
                    _date(p.decided_at.date()),
                    p.lead_department.name if p.lead_department_id else "-",
                ]
                for p in pack.decisions
            ],
            _("○ 결정된 과제가 없습니다."),
        ),
        Section(
            _("□ 이행 기한이 다가오는 후속 추진 (%(count)s건)") % {"count": len(pack.followups)},
            [_("과제번호"), _("제목"), _("내용"), _("기한")],
            [[f["proposal"].reference, f["proposal"].title, f["what"], _date(f["due"])] for f in pack.followups],
            _("○ 90일 안에 기한이 오는 후속 추진이 없습니다."),
        ),
        Section(
            _("□ 직전 회의 약속 이행 현황 (%(count)s건)") % {"count": len(pack.commitments)},
            [_("약속 내용"), _("담당"), _("기한"), _("상태")],
            [[c.title, c.owner, _date(c.due_at), c.get_state_display()] for c in pack.commitments],
            _("○ 직전 회의에서 기록한 약속이 없습니다."),
        ),
    ]
    return title, lines, sections


def _clean(value) -> str:
    return clean_text(str(value or ""))


def hwpx_bytes(pack: VisitPack) -> bytes:
    from hwpx import HwpxDocument

    title, lines, sections = outline(pack)
    document = HwpxDocument.new()
    document.add_heading(_clean(title), level=1)
    for line in lines:
        document.add_paragraph(_clean(line))
    for section in sections:
        document.add_paragraph("")
        document.add_paragraph(_clean(section.heading))
        if not section.rows:
            document.add_paragraph(_clean(section.empty))
            continue
        table = document.add_table(len(section.rows) + 1, len(section.header))
        for column, text in enumerate(section.header):
            table.set_cell_text(0, column, _clean(text))
        for row_number, row in enumerate(section.rows, start=1):
            for column, text in enumerate(row):
                table.set_cell_text(row_number, column, _clean(text))
    return document.to_bytes()


def _fonts() -> dict[str, str]:
    fonts = getattr(settings, "VISIT_PACK_FONTS", DEFAULT_FONTS)
    missing = [path for path in fonts.values() if not Path(path).is_file()]
    if missing:
        raise FontMissing(_("PDF에 쓸 한글 글꼴이 없습니다(fonts-noto-cjk): %(paths)s") % {"paths": ", ".join(missing)})
    return fonts


def pdf_bytes(pack: VisitPack) -> bytes:
    from fpdf import FPDF

    title, lines, sections = outline(pack)
    pdf = FPDF(format="A4")
    for style, path in _fonts().items():
        pdf.add_font("korean", style=style, fname=path, collection_font_number=KOREAN_IN_COLLECTION)
    pdf.set_title(_clean(title))
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    pdf.set_font("korean", "B", 17)
    pdf.cell(0, 12, _clean(title), border=1, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("korean", "", 10)
    for line in lines:
        pdf.multi_cell(0, 6, _clean(line), new_x="LMARGIN", new_y="NEXT", align="R")
    for section in sections:
        pdf.ln(4)
        pdf.set_font("korean", "B", 12)
        pdf.multi_cell(0, 8, _clean(section.heading), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("korean", "", 9)
        if not section.rows:
            pdf.multi_cell(0, 6, _clean(section.empty), new_x="LMARGIN", new_y="NEXT")
            continue
        with pdf.table(first_row_as_headings=True, line_height=5.5) as table:
            for row in [section.header, *section.rows]:
                cells = table.row()
                for text in row:
                    cells.cell(_clean(text))
    return bytes(pdf.output())
