"""Operators keep the search synonym list here (그린벨트 → 개발제한구역, GTX → 광역급행철도)."""

from django.contrib import admin

from apps.core.admin import ModelPermissionsAdminMixin

from .models import SearchSynonym


@admin.register(SearchSynonym)
class SearchSynonymAdmin(ModelPermissionsAdminMixin, admin.ModelAdmin):
    list_display = ["term", "canonical"]
    search_fields = ["term", "canonical"]
    ordering = ["canonical", "term"]
