"""Things real code calls "sessions" that are not web sessions (SFX201,
SFX203, SFX204): conversations, headless browsers, terminals, socket and
tool connections, subprocesses, traces, caches of HTTP clients. The
fixtures (`other_sessions.py` per framework, `assistant/api.py`,
`chat/views.py`, `tracing.py`) pin the shapes; these tests pin the
vocabulary and where each signal applies."""

from __future__ import annotations

import pytest

from fixlint.frameworks import session_id_words as sid

from .helpers import lint


@pytest.mark.parametrize("name", [
    "browsersteps_session_id", "browsersteps_sessions", "mcp_sessions", "chat_sessions", "ChatSessionStore",
    "/api/chat/completions", "/{server_id}/api/terminals/{session_id}", "assistant_router", "chat_bp",
    "tracing", "sio_sid", "/agents/sessions/{session_id}", "agent_sessions", "/workflow/invoke", "/workbench/x",
])
def test_names_of_other_sessions(name):
    assert sid.names_other_session(name)


@pytest.mark.parametrize("name", [
    "session_id", "sid", "SESSIONS", "session_store", "user_sessions", "/cart", "/sessions/{sid}/stream",
    "router", "app", "websocket_session", "session_data", "views",
    # People who sign in, and steps of a web flow, are no other sessions.
    "/agent/login", "/agents/{agent_id}/login", "agent_id", "worker_portal", "/checkout/process",
    "process_login",
])
def test_names_of_web_sessions(name):
    assert not sid.names_other_session(name)


def test_a_store_named_for_other_sessions_is_no_session_store():
    assert sid.is_store_name("SESSIONS")
    assert not sid.is_store_name("browser_sessions")


FASTAPI_CHAT = """
    from fastapi import FastAPI, Query
    from fastapi.responses import JSONResponse

    app = FastAPI()
    SESSIONS = {{}}

    @app.get("{path}")
    def view(key: str = Query(...)):
        {body}
"""


def _fastapi(path, body):
    return FASTAPI_CHAT.format(path=path, body=body)


def test_a_chat_route_silences_a_store_lookup_that_a_plain_route_reports():
    lookup = "return SESSIONS.get(key, {})"
    assert lint(_fastapi("/cart", lookup), codes={"SFX201"}) == [(8, 10, "SFX201")]
    assert lint(_fastapi("/api/chat/history", lookup), codes={"SFX201"}) == []


def test_the_prefix_a_router_is_mounted_under_in_its_module_is_part_of_the_route_path():
    source = """
        from fastapi import APIRouter, FastAPI

        router = APIRouter()

        @router.get("/sessions/{session_id}")
        def view(session_id: str):
            return session_id

        app = FastAPI()
        app.include_router(router, prefix="%s")
    """
    assert lint(source % "/carts", codes={"SFX201"}) == [(6, 10, "SFX201")]
    assert lint(source % "/agents", codes={"SFX201"}) == []


def test_a_web_session_api_is_reported_even_in_a_chat_route():
    body = """response = JSONResponse({})
        response.set_cookie("session", key, secure=True, httponly=True)
        return response"""
    assert lint(_fastapi("/api/chat/resume", body), codes={"SFX201"}) == [(8, 10, "SFX201")]


def test_a_web_session_api_reached_through_a_helper_is_reported_in_a_chat_route():
    source = """
        from fastapi import FastAPI, Query
        from fastapi.responses import JSONResponse

        app = FastAPI()

        def resume(value):
            response = JSONResponse({})
            response.set_cookie("session", value, secure=True, httponly=True)
            return response

        @app.get("/api/chat/resume")
        def view(key: str = Query(...)):
            return resume(key)
    """
    assert lint(source, codes={"SFX201"}) == [(12, 10, "SFX201")]


def test_a_module_named_for_assistants_silences_its_session_ids():
    source = _fastapi("/cart", "return SESSIONS.get(key, {})")
    assert lint(source, filename="assistant/api.py", codes={"SFX201"}) == []
    assert lint(source, filename="shop/api.py", codes={"SFX201"}) == [(8, 10, "SFX201")]


CLIENT_CACHE = """
    import os
    import requests
    {extra}

    class Client:
        def __init__(self):
            self._sessions = {{self._session_key(): self.{factory}()}}

        def _session_key(self):
            return os.getpid()

        def make_client(self):
            session = requests.Session()
            return session

        def make_record(self):
            return {{}}
"""


def test_a_generator_keying_a_cache_of_http_clients_makes_no_session_id():
    assert lint(CLIENT_CACHE.format(extra="", factory="make_client"), codes={"SFX204"}) == []


def test_a_generator_keying_other_records_is_still_a_session_id_generator():
    assert lint(CLIENT_CACHE.format(extra="", factory="make_record"), codes={"SFX204"}) == [(10, 16, "SFX204")]
