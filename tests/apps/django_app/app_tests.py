import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")
django.setup()

from django.test import Client  # noqa: E402


def test_the_session_and_the_remember_cookie_round_trip():
    client = Client()  # http://testserver
    assert client.post("/login", {"name": "alice"}).status_code == 200
    assert client.get("/me").json() == {"user": "alice", "remembered": "t0ken"}
