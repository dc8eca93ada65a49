from django.urls import path

from . import views

urlpatterns = [
    path("", views.import_list, name="exchange-import-list"),
    path("template.xlsx", views.import_template, name="exchange-import-template"),
    path("imports/<int:pk>/", views.import_detail, name="exchange-import-detail"),
    path("imports/<int:pk>/status/", views.import_status, name="exchange-import-status"),
    path("imports/<int:pk>/commit/", views.import_commit, name="exchange-import-commit"),
    path("imports/<int:pk>/delete/", views.import_delete, name="exchange-import-delete"),
    path("export/proposals/", views.export_proposals, name="exchange-export-proposals"),
]
