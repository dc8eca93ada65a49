"""The public list's filter form (GET), named as ``selectors.PublicProposalFilter`` reads them."""

from django import forms
from django.db.models import Exists, Max, Min, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.forms import TextPolicyFormMixin
from apps.core.templatetags.site_tags import localized_name
from apps.organisations.models import Department, Region
from apps.proposals.models import PUBLIC_STATUSES, Category, Outcome, Proposal, ProposalStatus, Strategy
from apps.proposals.selectors import public_q

NAME_FIELDS = ("code", "name", "short_name", "name_en", "name_en_verified")


def filter_choices() -> dict:
    """The options of every select, from index probes (cached with the page by the view)."""
    today = timezone.localdate()
    # Today's regions first, then the abolished ones (their proposals keep their region).
    current, abolished = [], []
    regions = Region.objects.order_by("code").select_related("successor")
    for region in regions.only(*NAME_FIELDS, "valid_to", *(f"successor__{field}" for field in NAME_FIELDS)):
        name = localized_name(region)
        if region.valid_to is not None and region.valid_to < today:
            label = _("%(name)s (%(date)s 폐지 → %(successor)s)") % {
                "name": name,
                "date": region.valid_to.isoformat(),
                "successor": localized_name(region.successor) if region.successor_id else "",
            }
            abolished.append((region.code, label))
        else:
            current.append((region.code, name))
    departments: dict[str, list] = {}
    # EXISTS per department and per year: each an index probe (proposals_public_* indexes),
    # where a DISTINCT over the public proposals read every one of them.
    public = Proposal.objects.filter(public_q())
    for row in (
        Department.objects.filter(Exists(public.filter(lead_department=OuterRef("pk"))))
        .order_by("office", "name")
        .values("code", "name", "name_en", "name_en_verified", "office")
    ):
        departments.setdefault(row["office"] or str(_("기타")), []).append((row["code"], localized_name(row)))
    years = _years(public.filter(submitted_at__isnull=False))
    return {
        "region": current + ([(str(_("통합·폐지 전 지역")), abolished)] if abolished else []),
        "department": sorted(departments.items()),
        "strategy": list(Strategy.objects.order_by("order").values_list("code", "name")),
        "year": [(str(year), f"{year}") for year in years],
    }


def _years(submitted) -> list[int]:
    """Years (Asia/Seoul) in which public proposals were received, newest first: the
    first and last dates, then an index probe per year between them, all in one query
    (two queries whatever the number of years or proposals)."""
    span = submitted.aggregate(first=Min("submitted_at"), last=Max("submitted_at"))
    if span["first"] is None:
        return []
    first, last = timezone.localtime(span["first"]).year, timezone.localtime(span["last"]).year
    years = range(last, first - 1, -1)
    probes = {f"y{year}": Exists(submitted.filter(submitted_at__year=year)) for year in years}
    # Any one row to hang the probes on: the strategies always exist (reference data).
    found = Strategy.objects.annotate(**probes).values(*probes).order_by().first()
    if found is None:
        return list(years)
    return [year for year in years if found[f"y{year}"]]


class PublicFilterForm(TextPolicyFormMixin, forms.Form):
    q = forms.CharField(
        label=_("검색어"),
        required=False,
        max_length=200,
        widget=forms.SearchInput,
        help_text=_("제목, 요약, 과제번호에서 찾습니다. 여러 낱말은 모두 들어 있는 과제를 찾습니다."),
    )
    region = forms.ChoiceField(label=_("지역"), required=False)
    status = forms.ChoiceField(label=_("처리 상태"), required=False)
    outcome = forms.ChoiceField(label=_("검토결과"), required=False)
    category = forms.ChoiceField(label=_("분야"), required=False)
    strategy = forms.ChoiceField(label=_("정책 전략"), required=False)
    department = forms.ChoiceField(label=_("소관부서"), required=False)
    year = forms.ChoiceField(label=_("접수 연도"), required=False)

    def __init__(self, *args, choices: dict, **kwargs):
        kwargs.setdefault("auto_id", "filter-%s")
        super().__init__(*args, **kwargs)
        everything = [("", _("전체"))]
        self.fields["status"].choices = everything + [
            (value, label) for value, label in ProposalStatus.choices if value in PUBLIC_STATUSES
        ]
        self.fields["outcome"].choices = everything + list(Outcome.choices)
        self.fields["category"].choices = everything + list(Category.choices)
        for name in ("region", "department", "strategy", "year"):
            self.fields[name].choices = everything + choices[name]
        for field in self.fields.values():
            field.widget.attrs["class"] = "krds-form-select" if isinstance(field.widget, forms.Select) else "krds-input"
        self.fields["q"].widget.attrs["aria-describedby"] = "filter-q_helptext"
