"""People and their dated memberships (DESIGN.md §2).

A user holds one or more memberships; each has a role, a scope (region, department,
regional office or partner organisation, by role) and validity dates.
"""

import datetime

import rules
from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.core.hangul import with_particle
from apps.organisations.models import (
    Body,
    DatedQuerySet,
    Department,
    PartnerOrganisation,
    Region,
    RegionalOffice,
    today,
)


class Role(models.TextChoices):
    REGIONAL_OFFICIAL = "regional_official", _("지자체 담당자")
    VICE_GOVERNOR = "vice_governor", _("부지사")
    LIAISON = "liaison", _("지역협력관")
    REGIONAL_OFFICE = "regional_office", _("지방국토관리청·국토관리사무소")
    TF_STAFF = "tf_staff", _("기획단 TF")
    TF_LEAD = "tf_lead", _("국토정책관·국토도시실장")
    DEPT_REVIEWER = "dept_reviewer", _("소관부서 담당자")
    ADVISOR = "advisor", _("전문가 자문그룹")
    INSTITUTION = "institution", _("공공기관 그룹")
    FORUM_MEMBER = "forum_member", _("포럼 위원")
    FORUM_CHAIR = "forum_chair", _("포럼 의장(장관)")
    ADMIN = "admin", _("운영자")


class Scope(models.TextChoices):
    REGION = "region", _("지역")
    REGIONAL_OFFICE = "regional_office", _("지방조직")
    DEPARTMENT = "department", _("부서")
    ORGANISATION = "organisation", _("협력기관")
    FORUM = "forum", _("포럼")
    ALL = "all", _("전체")


ROLE_SCOPE = {
    Role.REGIONAL_OFFICIAL: Scope.REGION,
    Role.VICE_GOVERNOR: Scope.REGION,
    Role.LIAISON: Scope.REGION,
    Role.REGIONAL_OFFICE: Scope.REGIONAL_OFFICE,
    Role.TF_STAFF: Scope.ALL,
    Role.TF_LEAD: Scope.ALL,
    Role.DEPT_REVIEWER: Scope.DEPARTMENT,
    Role.ADVISOR: Scope.ORGANISATION,
    Role.INSTITUTION: Scope.ORGANISATION,
    Role.FORUM_MEMBER: Scope.FORUM,
    Role.FORUM_CHAIR: Scope.FORUM,
    Role.ADMIN: Scope.ALL,
}

# The body a membership of each role belongs to (seed 003's org chart).
ROLE_BODY = {
    Role.VICE_GOVERNOR: "regional_council",
    Role.LIAISON: "planning_group",
    Role.REGIONAL_OFFICE: "planning_group",
    Role.TF_STAFF: "tf",
    Role.TF_LEAD: "planning_group",
    Role.ADVISOR: "expert_group",
    Role.INSTITUTION: "institution_group",
    Role.FORUM_MEMBER: "forum",
    Role.FORUM_CHAIR: "forum",
}

# Which partner-organisation group each organisation-scoped role must belong to.
ROLE_ORGANISATION_GROUP = {Role.ADVISOR: "expert_group", Role.INSTITUTION: "institution_group"}

MINISTRY_ROLES = frozenset(
    {Role.TF_STAFF, Role.TF_LEAD, Role.DEPT_REVIEWER, Role.LIAISON, Role.REGIONAL_OFFICE, Role.ADMIN}
)


class User(AbstractUser):
    """A person. Korean names are one string, so ``name`` replaces first/last name."""

    name = models.CharField(_("성명"), max_length=60, blank=True)
    position = models.CharField(_("직위"), max_length=80, blank=True)
    affiliation = models.CharField(_("소속"), max_length=120, blank=True)
    phone = models.CharField(_("연락처"), max_length=40, blank=True)
    # Raised by "모든 곳에서 로그아웃" (accounts.tokens.logout_everywhere): it is part of the
    # session hash, so every session signed in before no longer verifies.
    session_epoch = models.PositiveIntegerField(_("세션 세대"), default=0, editable=False)
    # The language chosen last in the header: e-mails are written in it (workers have no request).
    preferred_language = models.CharField(
        _("사용 언어"), max_length=8, blank=True, choices=settings.LANGUAGES, editable=False
    )

    class Meta:
        verbose_name = _("사용자")
        verbose_name_plural = _("사용자")
        ordering = ["username"]

    def __str__(self):
        return self.name or self.username

    def get_full_name(self):
        # Pages and feeds (public ones included) name people with this: never the login ID.
        return self.name or gettext("이름 미등록 사용자")

    def _get_session_auth_hash(self, secret=None):
        # Django's HMAC of the password hash (a password change ends other sessions),
        # plus the session epoch (logging out everywhere ends them all).
        key_salt = "apps.accounts.models.User.get_session_auth_hash"
        value = f"{self.password}:{self.session_epoch}"
        return salted_hmac(key_salt, value, secret=secret, algorithm="sha256").hexdigest()

    def get_short_name(self):
        return self.name or self.username

    def has_perm(self, perm, obj=None):
        """Workflow permissions (those registered with django-rules) are decided by the
        rules alone, for superusers too: a superuser account is for the Django admin's
        data maintenance and gets no workflow power from a role it does not hold. Every
        other permission keeps Django's behaviour (superusers have them all).

        The admin checks its model permissions without the rules (apps.core.admin), since
        names such as ``proposals.view_proposal`` are both a rule and a model permission.
        """
        if rules.perm_exists(perm):
            return rules.has_perm(perm, self, obj)
        return super().has_perm(perm, obj)


class MembershipQuerySet(DatedQuerySet):
    def with_scope(self):
        return self.select_related("region", "department", "regional_office", "organisation", "body")


class Membership(models.Model):
    user = models.ForeignKey(User, verbose_name=_("사용자"), on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("역할"), max_length=30, choices=Role.choices)
    body = models.ForeignKey(
        Body, verbose_name=_("기구"), null=True, blank=True, on_delete=models.PROTECT, related_name="memberships"
    )
    region = models.ForeignKey(
        Region, verbose_name=_("지역"), null=True, blank=True, on_delete=models.PROTECT, related_name="memberships"
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("부서"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    regional_office = models.ForeignKey(
        RegionalOffice,
        verbose_name=_("지방조직"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        PartnerOrganisation,
        verbose_name=_("협력기관"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    title = models.CharField(_("직함"), max_length=80, blank=True)
    valid_from = models.DateField(_("시작일"), default=today)
    valid_to = models.DateField(_("종료일"), null=True, blank=True)
    created_at = models.DateTimeField(_("등록일시"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("역할 부여")
        verbose_name_plural = _("역할 부여")
        ordering = ["user", "role", "valid_from"]
        indexes = [models.Index(fields=["role", "valid_from", "valid_to"])]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()}{f' · {self.scope_label}' if self.scope_label else ''}"

    @property
    def scope(self) -> str:
        return ROLE_SCOPE[Role(self.role)]

    @property
    def scope_label(self) -> str:
        from apps.core.templatetags.site_tags import localized_name

        target = self.scope_object
        return localized_name(target) if target is not None else ""

    @property
    def scope_description(self) -> str:
        """What the membership covers: its region, department … or the scope's label (전체, 포럼)."""
        return self.scope_label or str(Scope(self.scope).label)

    @property
    def scope_object(self):
        return {
            Scope.REGION: self.region,
            Scope.DEPARTMENT: self.department,
            Scope.REGIONAL_OFFICE: self.regional_office,
            Scope.ORGANISATION: self.organisation,
        }.get(self.scope)

    def is_valid_on(self, on: datetime.date | None = None) -> bool:
        on = on or today()
        return self.valid_from <= on and (self.valid_to is None or self.valid_to >= on)

    def clean(self):
        errors = {}
        scope = ROLE_SCOPE.get(self.role)
        required = {
            Scope.REGION: "region",
            Scope.DEPARTMENT: "department",
            Scope.REGIONAL_OFFICE: "regional_office",
            Scope.ORGANISATION: "organisation",
        }
        field = required.get(scope)
        if field and getattr(self, f"{field}_id") is None:
            errors[field] = _("이 역할에는 %(scope)s 지정해야 합니다.") % {
                "scope": with_particle(str(Scope(scope).label), "을/를")
            }
        for other in set(required.values()) - {field}:
            if getattr(self, f"{other}_id") is not None:
                errors[other] = _("이 역할에는 %(field)s 지정할 수 없습니다.") % {
                    "field": with_particle(str(self._meta.get_field(other).verbose_name), "을/를")
                }
        group = ROLE_ORGANISATION_GROUP.get(self.role)
        if group and self.organisation_id and self.organisation.group.code != group:
            errors["organisation"] = _("%(org)s %(role)s에 속한 기관이 아닙니다.") % {
                "org": with_particle(str(self.organisation), "은/는"),
                "role": self.get_role_display(),
            }
        if self.valid_to and self.valid_from and self.valid_to < self.valid_from:
            errors["valid_to"] = _("종료일은 시작일보다 빠를 수 없습니다.")
        if self.region_id and self.valid_from and not self.region.is_valid_on(self.valid_from):
            successor = self.region.current_region()
            errors["region"] = _(
                "%(region)s %(date)s에 유효한 지역이 아닙니다. 현재 지역은 %(successor)s(%(scode)s)입니다."
            ) % {
                "region": with_particle(f"{self.region.name}({self.region.code})", "은/는"),
                "date": self.valid_from,
                "successor": successor.name,
                "scode": successor.code,
            }
        if errors:
            raise ValidationError(errors)
