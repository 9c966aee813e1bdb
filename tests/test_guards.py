"""Per-file guards: an analysis skips files whose text cannot hold one of
its facts — and only those."""

from __future__ import annotations

from fixlint.analysis.session_ids import SessionIdAnalysis
from fixlint.config import Config

from .helpers import lint


def test_session_id_analysis_skips_request_code_that_names_no_session_id():
    text = "from flask import request\n\ndef page():\n    return request.args.get('page')\n"
    assert not SessionIdAnalysis.wanted(text, Config())


def test_session_id_analysis_runs_where_a_session_id_or_token_is_named():
    for text in ("sid = request.args['sid']", "x = request.cookies.get('user')",
                 "def make_token(): ...", "SessionStore(session_key=k)"):
        assert SessionIdAnalysis.wanted(text.lower(), Config()), text


def test_configured_session_id_name_is_found_in_camel_case():
    # The text says "userkey", never "user_key": the guard looks for the
    # configured name's words.
    config = Config(session_id_names=("user_key",))
    assert SessionIdAnalysis.wanted("userkey = 1", config)
    source = """
    import random
    from flask import request

    def newUserKey():
        return str(random.random())
    """
    assert lint(source, config=config, codes={"SFX204"}) == [(5, 16, "SFX204")]
