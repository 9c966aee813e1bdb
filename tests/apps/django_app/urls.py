from django.urls import path

import views

urlpatterns = [path("login", views.login), path("me", views.me)]
