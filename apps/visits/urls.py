from django.urls import path

from . import views

urlpatterns = [
    path("meetings/<int:pk>/pack.<str:kind>", views.visit_pack, name="visits-pack"),
    path("meetings/<int:pk>/commitments/", views.meeting_commitments, name="visits-meeting-commitments"),
    path("commitments/<int:pk>/close/", views.commitment_close, name="visits-commitment-close"),
    path("regions/<str:code>/", views.region_commitments, name="visits-region"),
]
