from starlette.testclient import TestClient

from app import app


def test_the_session_and_the_remember_cookie_round_trip():
    client = TestClient(app)  # http://testserver
    assert client.post("/login", json={"name": "alice"}).status_code == 200
    assert client.get("/me").json() == {"user": "alice", "remembered": "t0ken"}
