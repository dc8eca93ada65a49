"""The import template: the data sheet with Korean headers, drop-down lists and an
example row, a hidden sheet holding the lists, and a guide sheet."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from apps.accounts.models import Role
from apps.accounts.selectors import user_region_ids
from apps.organisations.models import Region
from apps.proposals.models import Category, Strategy

from .columns import COLUMNS, DATA_SHEET, EXAMPLE_MARK, GUIDE_SHEET, LISTS_SHEET, header_text
from .reading import max_rows

HEADER_FILL = PatternFill("solid", fgColor="DCE6F2")
EXAMPLE_FONT = Font(italic=True, color="808080")


def _regions_for(user) -> list[Region]:
    writable = Region.objects.filter(pk__in=user_region_ids(user, Role.REGIONAL_OFFICIAL, Role.VICE_GOVERNOR))
    regions = list(writable.current())
    return regions or list(Region.objects.current())


def _example(region: Region, strategy: Strategy | None) -> dict:
    return {
        "title": f"{EXAMPLE_MARK} 개발제한구역 해제 권한 시·도 위임",
        "summary": "지역 전략산업 용지를 제때 공급할 수 있도록 30만㎡ 이상 개발제한구역 해제 권한을 시·도지사에게 "
        "위임해 주실 것을 건의합니다. (이 행은 예시이며 가져오지 않습니다.)",
        "region": region.short_name or region.name,
        "category": str(Category.REGULATION.label),
        "strategies": strategy.name if strategy else "",
        "requested_action": "「개발제한구역법 시행령」상 해제 권한 위임 범위 확대",
        "related_laws": "개발제한구역의 지정 및 관리에 관한 특별조치법 제3조",
        "budget_estimate": 0,
        "location": "",
        "body": "",
        "is_public": "예",
    }


def build_template(user) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = DATA_SHEET
    lists = workbook.create_sheet(LISTS_SHEET)
    guide = workbook.create_sheet(GUIDE_SHEET)

    regions = _regions_for(user)
    strategies = list(Strategy.objects.all())
    choices = {
        "region": [r.short_name or r.name for r in regions],
        "category": [str(label) for _value, label in Category.choices],
        "strategies": [s.name for s in strategies],
        "is_public": ["예", "아니오"],
    }
    list_ranges = {}
    for index, (key, values) in enumerate(choices.items(), start=1):
        letter = get_column_letter(index)
        lists.cell(row=1, column=index, value=next(c.header for c in COLUMNS if c.key == key))
        for row, value in enumerate(values, start=2):
            lists.cell(row=row, column=index, value=value)
        list_ranges[key] = f"'{LISTS_SHEET}'!${letter}$2:${letter}${len(values) + 1}"
    lists.sheet_state = "hidden"

    last_row = max_rows() + 1
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index, value=header_text(column))
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="center")
        if column.hint:
            cell.comment = Comment(str(column.hint), "균형발전 소통창구")
        sheet.column_dimensions[get_column_letter(index)].width = column.width
        if column.key in list_ranges:
            letter = get_column_letter(index)
            strict = column.key != "strategies"  # several strategies may be typed, comma-separated
            validation = DataValidation(
                type="list",
                formula1=f"={list_ranges[column.key]}",
                allow_blank=True,
                showErrorMessage=True,
                errorStyle="stop" if strict else "warning",
                errorTitle=_("목록에 없는 값"),
                error=_("목록에서 골라 주세요."),
                promptTitle=column.header,
                prompt=str(column.hint or _("목록에서 고르세요")),
                showInputMessage=True,
            )
            validation.add(f"{letter}2:{letter}{last_row}")
            sheet.add_data_validation(validation)
    example = _example(regions[0], strategies[0] if strategies else None)
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=2, column=index, value=example[column.key])
        cell.font = EXAMPLE_FONT
    sheet.freeze_panes = "A2"

    guide.column_dimensions["A"].width = 110
    lines = [
        _("건의과제 일괄 등록 서식 — 작성 안내"),
        "",
        _("1. ‘건의과제’ 시트의 2행은 예시입니다. 제목이 ‘(예시)’로 시작하는 행은 가져오지 않습니다."),
        _("2. 3행부터 한 행에 건의과제 하나씩 적습니다. * 표시 열(제목, 요약, 지역, 분야)은 반드시 적습니다."),
        _("3. 지역·분야·정책 전략·공개 여부는 칸의 목록에서 고릅니다. 정책 전략은 쉼표로 여러 개 적을 수 있습니다."),
        _("4. 수식은 읽지 않습니다. 다른 파일에서 옮길 때는 ‘값만 붙여넣기’ 하세요. 머리글(1행)은 바꾸지 마세요."),
        _("5. 한 번에 %(limit)s행까지 올릴 수 있습니다. 파일은 암호 없이 .xlsx로 저장합니다.")
        % {"limit": f"{max_rows():,}"},
        _("6. 올리면 모든 행을 검사해 오류를 행·열별로 알려 드립니다. 오류가 없으면 미리보기를 보고 가져옵니다."),
        _("   가져온 과제는 모두 ‘작성중’ 상태로 등록되며, 각 과제를 열어 확인한 뒤 제출합니다."),
        _("7. 같은 지역에 같은 제목의 과제가 이미 있거나 파일 안에 중복된 행이 있으면 오류로 알려 드립니다."),
    ]
    for row, line in enumerate(lines, start=1):
        guide.cell(row=row, column=1, value=line)
    guide["A1"].font = Font(bold=True, size=13)

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
