from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from apps.core.admin import ModelPermissionsAdminMixin

from .models import Body, CouncilSeat, Department, PartnerOrganisation, Region, RegionalOffice, today

admin.site.site_header = _("균형발전 소통창구 관리")
admin.site.site_title = _("균형발전 소통창구 관리")
admin.site.index_title = _("관리 메뉴")


class ValidityListFilter(admin.SimpleListFilter):
    """Rows valid today, ended (폐지·종료) or not yet started, by their validity dates."""

    title = _("유효 여부")
    parameter_name = "validity"

    def lookups(self, request, model_admin):
        return [("current", _("현행")), ("ended", _("종료·폐지")), ("upcoming", _("시행 예정"))]

    def queryset(self, request, queryset):
        on = today()
        if self.value() == "current":
            return queryset.valid_on(on)
        if self.value() == "ended":
            return queryset.filter(valid_to__lt=on)
        if self.value() == "upcoming":
            return queryset.filter(valid_from__gt=on)
        return queryset


class CouncilSeatInline(ModelPermissionsAdminMixin, admin.TabularInline):
    model = CouncilSeat
    extra = 0
    autocomplete_fields = ["region"]


@admin.register(Region)
class RegionAdmin(ModelPermissionsAdminMixin, admin.ModelAdmin):
    list_display = ["code", "name", "short_name", "name_en", "name_en_verified", "valid_from", "valid_to", "successor"]
    list_display_links = ["code", "name"]
    list_filter = ["is_capital_area", ValidityListFilter, "region_5geuk3teuk", "name_en_verified"]
    search_fields = ["code", "name", "short_name", "name_en"]
    list_select_related = ["successor"]
    autocomplete_fields = ["successor"]
    ordering = ["code"]


@admin.register(Body)
class BodyAdmin(ModelPermissionsAdminMixin, admin.ModelAdmin):
    list_display = ["name", "code", "name_en", "name_en_verified", "parent", "members_public", "order"]
    list_display_links = ["name", "code"]
    list_filter = ["members_public", "parent", "name_en_verified"]
    search_fields = ["code", "name", "name_en", "composition"]
    list_select_related = ["parent"]
    inlines = [CouncilSeatInline]


@admin.register(CouncilSeat)
class CouncilSeatAdmin(ModelPermissionsAdminMixin, admin.ModelAdmin):
    list_display = ["region", "body", "valid_from", "valid_to"]
    list_filter = ["body", ValidityListFilter]
    search_fields = ["region__name", "region__code", "body__name", "body__code"]
    list_select_related = ["region", "body"]
    autocomplete_fields = ["region", "body"]
    date_hierarchy = "valid_from"


@admin.register(Department)
class DepartmentAdmin(ModelPermissionsAdminMixin, admin.ModelAdmin):
    list_display = ["name", "code", "office", "bureau", "unit_type", "name_en", "name_en_verified", "is_active"]
    list_filter = ["is_active", "reports_to", "office", "unit_type", "name_en_verified"]
    search_fields = ["code", "name", "name_en", "office", "bureau", "duties"]


@admin.register(RegionalOffice)
class RegionalOfficeAdmin(ModelPermissionsAdminMixin, admin.ModelAdmin):
    list_display = ["name", "code", "kind", "parent", "city"]
    list_filter = ["kind", "parent"]
    search_fields = ["code", "name", "city", "jurisdiction"]
    list_select_related = ["parent"]
    filter_horizontal = ["regions"]


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(ModelPermissionsAdminMixin, admin.ModelAdmin):
    list_display = ["name", "code", "abbreviation", "name_en", "name_en_verified", "group"]
    list_filter = ["group", "name_en_verified"]
    search_fields = ["code", "name", "name_en", "abbreviation"]
    list_select_related = ["group"]
