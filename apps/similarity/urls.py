from django.urls import path

from . import views

urlpatterns = [
    path("draft/", views.draft_similar, name="similarity-draft"),
    path("triage/", views.triage_panel, name="similarity-triage-panel"),
    path("proposals/<int:pk>/", views.proposal_panel, name="similarity-proposal-panel"),
    path("clusters/", views.cluster_list, name="similarity-cluster-list"),
    path("clusters/new/", views.cluster_create, name="similarity-cluster-create"),
    path("clusters/<int:pk>/", views.cluster_detail, name="similarity-cluster-detail"),
    path("clusters/<int:pk>/add/", views.cluster_add, name="similarity-cluster-add"),
    path("clusters/<int:pk>/remove/<int:proposal_pk>/", views.cluster_remove, name="similarity-cluster-remove"),
    path("clusters/<int:pk>/dissolve/", views.cluster_dissolve, name="similarity-cluster-dissolve"),
    path("clusters/<int:pk>/action/<str:action>/", views.cluster_action, name="similarity-cluster-action"),
]
