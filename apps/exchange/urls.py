from django.urls import path

from . import ledger_views, views

urlpatterns = [
    path("", views.import_list, name="exchange-import-list"),
    path("template.xlsx", views.import_template, name="exchange-import-template"),
    path("imports/<int:pk>/", views.import_detail, name="exchange-import-detail"),
    path("imports/<int:pk>/status/", views.import_status, name="exchange-import-status"),
    path("imports/<int:pk>/commit/", views.import_commit, name="exchange-import-commit"),
    path("imports/<int:pk>/submit/", views.import_submit, name="exchange-import-submit"),
    path("imports/<int:pk>/delete/", views.import_delete, name="exchange-import-delete"),
    path("export/proposals/", views.export_proposals, name="exchange-export-proposals"),
    path("ledger/", ledger_views.ledger_home, name="exchange-ledger"),
    path("ledger/download/", ledger_views.ledger_download, name="exchange-ledger-download"),
    path("ledger/exports/", ledger_views.ledger_export_request, name="exchange-ledger-exports"),
    path("ledger/exports/<int:pk>/", ledger_views.ledger_export, name="exchange-ledger-export"),
    path("ledger/exports/<int:pk>/status/", ledger_views.ledger_export_status, name="exchange-ledger-export-status"),
    path("ledger/exports/<int:pk>/file/", ledger_views.ledger_export_file, name="exchange-ledger-export-file"),
    path("ledger/exports/<int:pk>/delete/", ledger_views.ledger_export_delete, name="exchange-ledger-export-delete"),
    path("ledger/updates/<int:pk>/", ledger_views.ledger_update, name="exchange-ledger-update"),
    path("ledger/updates/<int:pk>/status/", ledger_views.ledger_update_status, name="exchange-ledger-update-status"),
    path("ledger/updates/<int:pk>/apply/", ledger_views.ledger_update_apply, name="exchange-ledger-update-apply"),
]
