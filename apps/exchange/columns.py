"""The columns of the import template: Korean headers, which are required, widths."""

import dataclasses

from django.utils.translation import gettext_lazy as _


@dataclasses.dataclass(frozen=True)
class Column:
    key: str  # the Proposal field (or "region", "strategies")
    header: str
    required: bool = False
    width: int = 16
    max_length: int | None = None
    hint: str = ""


COLUMNS = (
    Column("title", "제목", True, 40, 200, _("200자 이내")),
    Column("summary", "요약", True, 60, 2000, _("2,000자 이내")),
    Column("region", "지역", True, 16, hint=_("목록에서 고르세요(작성할 수 있는 지역만)")),
    Column("category", "분야", True, 14, hint=_("목록에서 고르세요")),
    Column("strategies", "정책 전략", False, 28, hint=_("목록에서 고르거나, 여러 개는 쉼표(,)로 구분")),
    Column("requested_action", "요청 사항", False, 40, 20000),
    Column("related_laws", "관련 법령", False, 30, 20000),
    Column("budget_estimate", "소요 예산(백만원)", False, 16, hint=_("숫자만(백만원 단위)")),
    Column("location", "위치(시군구)", False, 18, 100),
    Column("body", "본문", False, 60, 100000, _("마크다운 사용 가능")),
    Column("is_public", "공개 여부", False, 10, hint=_("예/아니오, 비우면 예")),
)
BY_KEY = {column.key: column for column in COLUMNS}

# A row whose title starts with this is the template's example: it is skipped.
EXAMPLE_MARK = "(예시)"
DATA_SHEET = "건의과제"
LISTS_SHEET = "목록"
GUIDE_SHEET = "작성 안내"
YES = ("예", "y", "yes", "공개", "true", "1", "o")
NO = ("아니오", "아니요", "n", "no", "비공개", "false", "0", "x")


def header_key(text) -> str | None:
    """The column a header cell names: "제목 *", " 제목" and "제목" are all ``title``."""
    if not isinstance(text, str):
        return None
    normalised = text.replace("*", "").replace("\u00a0", " ").strip()
    for column in COLUMNS:
        if normalised == column.header:
            return column.key
    return None


def header_text(column: Column) -> str:
    return f"{column.header} *" if column.required else column.header
