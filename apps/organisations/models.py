"""The organisations the platform serves: regions, MOLIT units, regional offices,
partner organisations and the bodies of DESIGN.md §1.

All of it is reference data loaded by data migrations from ``apps/organisations/data``
(copied from the verified ``shared/reference`` set). Every kind has a stable ``code``:
the key used by ``add_member``, the API and every other entry point.
"""

import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def today() -> datetime.date:
    return timezone.localdate()


def valid_on_q(on: datetime.date, prefix: str = "") -> Q:
    """Rows whose [valid_from, valid_to] interval contains ``on`` (open ends allowed)."""
    return (Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": on})) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": on})
    )


class DatedQuerySet(models.QuerySet):
    def valid_on(self, on: datetime.date | None = None):
        return self.filter(valid_on_q(on or today()))

    def current(self):
        return self.valid_on(today())


class Region(models.Model):
    """A 광역자치단체, identified by its 2-digit 행정표준코드.

    Regions change: codes were replaced (강원 42→51, 전북 45→52) and regions merged
    (광주 29 + 전남 46 → 전남광주 12 on 2026-07-01). Abolished regions stay, with
    ``valid_to`` and a ``successor``, so that records filed under them keep them.
    """

    code = models.CharField(_("코드"), max_length=2, unique=True)
    name = models.CharField(_("명칭"), max_length=40)
    short_name = models.CharField(_("약칭"), max_length=20)
    name_en = models.CharField(_("영문 명칭"), max_length=80, blank=True)
    name_en_verified = models.BooleanField(
        _("영문 명칭 확인됨"),
        default=False,
        help_text=_("참고자료에서 확인된 영문 명칭일 때만 영어 화면에 씁니다. 확인되지 않으면 한글 명칭을 보입니다."),
    )
    is_capital_area = models.BooleanField(_("수도권 여부"), default=False)
    valid_from = models.DateField(_("유효 시작일"), null=True, blank=True)
    valid_to = models.DateField(_("유효 종료일"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("승계 지역"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
    )
    iso_3166_2 = models.CharField(_("ISO 3166-2"), max_length=10, blank=True)
    region_5plus2 = models.CharField(_("5+2 광역경제권(2008)"), max_length=40, blank=True)
    region_4plus3 = models.CharField(_("4+3 초광역권(2023)"), max_length=40, blank=True)
    region_5geuk3teuk = models.CharField(_("5극 3특(2025)"), max_length=40, blank=True)
    notes = models.TextField(_("비고"), blank=True)

    objects = DatedQuerySet.as_manager()

    class Meta:
        verbose_name = _("지역(광역자치단체)")
        verbose_name_plural = _("지역(광역자치단체)")
        ordering = ["code"]

    def __str__(self):
        return self.name

    def is_valid_on(self, on: datetime.date | None = None) -> bool:
        on = on or today()
        return (self.valid_from is None or self.valid_from <= on) and (self.valid_to is None or self.valid_to >= on)

    @property
    def is_current(self) -> bool:
        return self.is_valid_on()

    def current_region(self) -> "Region":
        """Today's region this one rolls up to (itself when still valid)."""
        region, seen = self, set()
        while region.successor_id and not region.is_current and region.pk not in seen:
            seen.add(region.pk)
            region = region.successor
        return region


class Body(models.Model):
    """A governance body of DESIGN.md §1 (forum, support group, council, TF, groups)."""

    code = models.CharField(_("코드"), max_length=40, unique=True)
    name = models.CharField(_("명칭"), max_length=80)
    name_en = models.CharField(_("영문 명칭"), max_length=120, blank=True)
    name_en_verified = models.BooleanField(
        _("영문 명칭 확인됨"),
        default=False,
        help_text=_("참고자료에서 확인된 영문 명칭일 때만 영어 화면에 씁니다. 확인되지 않으면 한글 명칭을 보입니다."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("상위 기구"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    chair_title = models.CharField(_("의장·단장"), max_length=80, blank=True)
    secretary_title = models.CharField(_("간사"), max_length=80, blank=True)
    composition = models.TextField(_("구성"), blank=True)
    description = models.TextField(_("설명"), blank=True)
    members_public = models.BooleanField(
        _("구성원 공개"),
        default=True,
        help_text=_("공개 기구는 누구나 구성원 명단을 볼 수 있습니다. 내부 기구는 부처 직원만 봅니다."),
    )
    order = models.PositiveSmallIntegerField(_("정렬 순서"), default=0)

    class Meta:
        verbose_name = _("기구")
        verbose_name_plural = _("기구")
        ordering = ["order", "code"]

    def __str__(self):
        return self.name


class CouncilSeat(models.Model):
    """A region's dated seat on a body (the 지역협의회's membership by region).

    The council had 14 non-capital regions when formed and 13 after the 2026 merger:
    that is data here, never a constant in code.
    """

    body = models.ForeignKey(Body, verbose_name=_("기구"), on_delete=models.PROTECT, related_name="seats")
    region = models.ForeignKey(Region, verbose_name=_("지역"), on_delete=models.PROTECT, related_name="seats")
    valid_from = models.DateField(_("참여 시작일"))
    valid_to = models.DateField(_("참여 종료일"), null=True, blank=True)

    objects = DatedQuerySet.as_manager()

    class Meta:
        verbose_name = _("기구 참여 지역")
        verbose_name_plural = _("기구 참여 지역")
        ordering = ["body", "region__code", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["body", "region", "valid_from"], name="unique_seat_start"),
        ]

    def __str__(self):
        return f"{self.body} · {self.region} ({self.valid_from}~{self.valid_to or ''})"


class Department(models.Model):
    """A MOLIT headquarters unit (과·팀·담당관 …) from the 직제 시행규칙."""

    code = models.CharField(_("코드"), max_length=60, unique=True)
    name = models.CharField(_("명칭"), max_length=60)
    name_en = models.CharField(_("영문 명칭"), max_length=120, blank=True)
    name_en_verified = models.BooleanField(
        _("영문 명칭 확인됨"),
        default=False,
        help_text=_("참고자료에서 확인된 영문 명칭일 때만 영어 화면에 씁니다. 확인되지 않으면 한글 명칭을 보입니다."),
    )
    reports_to = models.CharField(_("소속 차관"), max_length=40, blank=True)
    office = models.CharField(_("실·국"), max_length=60, blank=True)
    bureau = models.CharField(_("정책관"), max_length=60, blank=True)
    unit_type = models.CharField(_("유형"), max_length=20, blank=True)
    temporary_until = models.DateField(_("한시 조직 존속기한"), null=True, blank=True)
    duties = models.TextField(_("주요 업무"), blank=True)
    legal_basis = models.TextField(_("근거"), blank=True)
    notes = models.TextField(_("비고"), blank=True)
    is_active = models.BooleanField(_("운영 중"), default=True)

    class Meta:
        verbose_name = _("소관부서")
        verbose_name_plural = _("소관부서")
        ordering = ["office", "bureau", "name"]

    def __str__(self):
        return self.name

    @property
    def path(self) -> str:
        parts = [self.office, self.bureau if not self.bureau.startswith("(") else "", self.name]
        return " › ".join(p for p in parts if p)


class RegionalOffice(models.Model):
    """A 지방국토관리청 or 국토관리사무소, with the regions it covers."""

    class Kind(models.TextChoices):
        ADMINISTRATION = "administration", _("지방국토관리청")
        OFFICE = "office", _("국토관리사무소")

    code = models.CharField(_("코드"), max_length=60, unique=True)
    name = models.CharField(_("명칭"), max_length=60)
    kind = models.CharField(_("유형"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("상위 기관"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="offices",
    )
    city = models.CharField(_("소재지"), max_length=200, blank=True)
    location_detail = models.TextField(_("상세 위치"), blank=True)
    jurisdiction = models.TextField(_("관할"), blank=True)
    regions = models.ManyToManyField(Region, verbose_name=_("관할 지역"), related_name="regional_offices")
    head_grade = models.CharField(_("기관장 직급"), max_length=60, blank=True)
    notes = models.TextField(_("비고"), blank=True)

    class Meta:
        verbose_name = _("지방조직")
        verbose_name_plural = _("지방조직")
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name


class PartnerOrganisation(models.Model):
    """An organisation of the expert advisory group or the public institution group."""

    code = models.CharField(_("코드"), max_length=40, unique=True)
    name = models.CharField(_("명칭"), max_length=80)
    name_en = models.CharField(_("영문 명칭"), max_length=120, blank=True)
    name_en_verified = models.BooleanField(
        _("영문 명칭 확인됨"),
        default=False,
        help_text=_("참고자료에서 확인된 영문 명칭일 때만 영어 화면에 씁니다. 확인되지 않으면 한글 명칭을 보입니다."),
    )
    abbreviation = models.CharField(_("약칭"), max_length=40, blank=True)
    group = models.ForeignKey(Body, verbose_name=_("소속 그룹"), on_delete=models.PROTECT, related_name="organisations")
    seed_label = models.CharField(_("보도자료 표기"), max_length=60, blank=True)
    org_type = models.CharField(_("기관 유형"), max_length=80, blank=True)
    relation = models.TextField(_("국토부와의 관계"), blank=True)
    notes = models.TextField(_("비고"), blank=True)

    class Meta:
        verbose_name = _("협력기관")
        verbose_name_plural = _("협력기관")
        ordering = ["group__order", "name"]

    def __str__(self):
        return self.name
