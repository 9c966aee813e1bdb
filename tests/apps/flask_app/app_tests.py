from app import app


def test_the_session_and_the_remember_cookie_round_trip():
    client = app.test_client()  # http://localhost
    assert client.post("/login", data={"name": "alice"}).status_code == 200
    assert client.get("/me").get_json() == {"user": "alice", "remembered": "t0ken"}
