from django.urls import path

from . import views

urlpatterns = [
    path("bodies/", views.body_list, name="body-list"),
    path("bodies/<str:code>/", views.body_detail, name="body-detail"),
    path("regions/", views.region_list, name="region-list"),
]
