"""The libcst applier: edits land on the right node and keep the layout
around them. Edits are built from ast nodes, as planners build them."""

from __future__ import annotations

import ast
import textwrap

from fixlint.fix.apply import apply_plans
from fixlint.fix.edits import (
    SAFE, AddKeyword, AppendToString, EnsureImport, InsertStatements, Plan, ReplaceInString,
    ReplaceStatement, ReplaceValue, Span,
)


def _nodes(source, kind):
    found = [n for n in ast.walk(ast.parse(source)) if isinstance(n, kind)]
    return sorted(found, key=lambda n: (n.lineno, n.col_offset))


def span(source, kind, index=0):
    return Span.of(_nodes(source, kind)[index])


def apply(source, *edits):
    source = textwrap.dedent(source).lstrip("\n")
    edits = [edit(source) if callable(edit) else edit for edit in edits]
    result = apply_plans(source, [Plan(("finding", i), (e,), SAFE, "") for i, e in enumerate(edits)])
    return result.code, result.skipped


def dedent(text):
    return textwrap.dedent(text).lstrip("\n")


def test_keyword_added_to_a_one_line_call():
    code, _ = apply('f("sid", v)\n', lambda s: AddKeyword(span(s, ast.Call), "secure", True))
    assert code == 'f("sid", v, secure=True)\n'


def test_keyword_added_to_a_call_without_arguments():
    code, _ = apply("f()\n", lambda s: AddKeyword(span(s, ast.Call), "secure", True))
    assert code == "f(secure=True)\n"


def test_one_argument_per_line_with_trailing_comma_stays_so():
    code, _ = apply(
        """
        resp.set_cookie(
            "sid",
            token,  # the token
        )
        """,
        lambda s: AddKeyword(span(s, ast.Call), "secure", True),
        lambda s: AddKeyword(span(s, ast.Call), "samesite", "Lax"),
    )
    assert code == dedent("""
        resp.set_cookie(
            "sid",
            token,  # the token
            secure=True,
            samesite="Lax",
        )
        """)


def test_one_argument_per_line_without_trailing_comma():
    code, _ = apply(
        """
        resp.set_cookie(
            "sid",
            token  # the token
        )
        """,
        lambda s: AddKeyword(span(s, ast.Call), "secure", True),
    )
    assert code == dedent("""
        resp.set_cookie(
            "sid",
            token,  # the token
            secure=True
        )
        """)


def test_single_argument_on_its_own_line():
    code, _ = apply(
        """
        f(
            "sid"
        )
        """,
        lambda s: AddKeyword(span(s, ast.Call), "secure", True),
    )
    assert code == dedent("""
        f(
            "sid",
            secure=True
        )
        """)


def test_aligned_continuation_lines_stay_aligned():
    code, _ = apply(
        """
        resp.set_cookie("sid", token,
                        max_age=60)
        """,
        lambda s: AddKeyword(span(s, ast.Call), "secure", True),
    )
    assert code == dedent("""
        resp.set_cookie("sid", token,
                        max_age=60,
                        secure=True)
        """)


def test_keyword_spacing_follows_the_call():
    code, _ = apply("f(a, max_age = 60)\n", lambda s: AddKeyword(span(s, ast.Call), "secure", True))
    assert code == "f(a, max_age = 60, secure = True)\n"


def test_new_strings_take_the_quotes_of_the_call_then_of_the_file():
    code, _ = apply("f('sid')\ng(1)\n", lambda s: AddKeyword(span(s, ast.Call, 0), "samesite", "Lax"))
    assert code == "f('sid', samesite='Lax')\ng(1)\n"
    code, _ = apply("x = 'a'\ny = 'b'\ng(1)\n", lambda s: AddKeyword(span(s, ast.Call), "samesite", "Lax"))
    assert code.endswith("g(1, samesite='Lax')\n")
    code, _ = apply("g(1)\n", lambda s: AddKeyword(span(s, ast.Call), "samesite", "Lax"))
    assert code == 'g(1, samesite="Lax")\n'


def test_replaced_value_keeps_parentheses_and_quotes():
    code, _ = apply("f(secure=(False), samesite='None')\n",
                    lambda s: ReplaceValue(span(s, ast.Constant, 0), True),
                    lambda s: ReplaceValue(span(s, ast.Constant, 1), "Lax"))
    assert code == "f(secure=(True), samesite='Lax')\n"


def test_columns_after_non_ascii_text_are_found():
    # ast counts UTF-8 bytes, libcst counts characters.
    code, _ = apply('x = "é€"; f("é", secure=False)\n', lambda s: ReplaceValue(span(s, ast.Constant, 2), True))
    assert code == 'x = "é€"; f("é", secure=True)\n'


def test_crlf_line_endings_are_kept():
    source = "def v():\r\n    f(\r\n        a,\r\n    )\r\n"
    result = apply_plans(source, [Plan(1, (AddKeyword(span(source, ast.Call), "secure", True),), SAFE, "")])
    assert result.code == "def v():\r\n    f(\r\n        a,\r\n        secure=True,\r\n    )\r\n"


def test_append_to_string_literals():
    code, _ = apply('h = "sid=a; Path=/"\n', lambda s: AppendToString(span(s, ast.Constant), "Secure"))
    assert code == 'h = "sid=a; Path=/; Secure"\n'
    code, _ = apply("h = b'sid=a;'\n", lambda s: AppendToString(span(s, ast.Constant), "Secure"))
    assert code == "h = b'sid=a; Secure'\n"
    code, _ = apply('h = f"sid={v}"\n', lambda s: AppendToString(span(s, ast.JoinedStr), "Secure"))
    assert code == 'h = f"sid={v}; Secure"\n'
    code, _ = apply('h = ("sid=a; "\n     "Path=/")\n', lambda s: AppendToString(span(s, ast.Constant), "Secure"))
    assert code == 'h = ("sid=a; "\n     "Path=/; Secure")\n'


def test_replace_in_string_and_append_compose():
    code, _ = apply(
        'h = "sid=a; samesite = none; Path=/"\n',
        lambda s: ReplaceInString(span(s, ast.Constant), r"SameSite\s*=\s*None(?![\w-])", "SameSite=Lax"),
        lambda s: AppendToString(span(s, ast.Constant), "Secure"),
    )
    assert code == 'h = "sid=a; SameSite=Lax; Path=/; Secure"\n'


def test_statements_inserted_before_and_after_at_the_block_indentation():
    # Blank lines above the anchor go above the insertion; its comment stays with it.
    code, _ = apply(
        """
        def login():
            user = check()

            # bind the user
            session["user_id"] = user.id
            return "ok"
        """,
        lambda s: InsertStatements(span(s, ast.Assign, 1), ("# fixlint: a new session id", "session.clear()")),
        lambda s: InsertStatements(span(s, ast.Assign, 1), ("audit('login')",), after=True),
    )
    assert code == dedent("""
        def login():
            user = check()

            # fixlint: a new session id
            session.clear()
            # bind the user
            session["user_id"] = user.id
            audit("login")
            return "ok"
        """)


def test_statement_replaced_keeps_the_comments_above_it():
    code, _ = apply(
        """
        def logout():
            # forget the user
            session.pop("user_id", None)
            return "bye"
        """,
        lambda s: ReplaceStatement(span(s, ast.Expr), ("session.clear()",)),
    )
    assert code == dedent("""
        def logout():
            # forget the user
            session.clear()
            return "bye"
        """)


def test_statement_sharing_a_line_with_its_block_header_is_not_touched():
    source = "if ok: session['uid'] = 1\n"
    code, skipped = apply(source, lambda s: InsertStatements(span(s, ast.Assign), ("session.clear()",)))
    assert code == source
    assert "shares its line with its block header" in skipped[0][1]


def test_statement_on_a_line_with_others_is_not_touched():
    source = "a = 1; session['uid'] = 1\n"
    code, skipped = apply(source, lambda s: ReplaceStatement(span(s, ast.Assign, 1), ("session.clear()",)))
    assert code == source
    assert "shares its line with others" in skipped[0][1]


def test_import_added_after_the_last_import_unless_bound():
    code, _ = apply(
        '''
        """Docs."""
        import os
        from starlette.requests import Request

        x = 1
        ''',
        EnsureImport("starsessions", "regenerate_session_id"),
        lambda s: InsertStatements(span(s, ast.Assign), ("regenerate_session_id(request)",)),
    )
    assert code == dedent('''
        """Docs."""
        import os
        from starlette.requests import Request
        from starsessions import regenerate_session_id

        regenerate_session_id(request)
        x = 1
        ''')
    source = "from starsessions import regenerate_session_id\n"
    assert apply(source, EnsureImport("starsessions", "regenerate_session_id"))[0] == source


def test_two_plans_replacing_one_value_do_not_both_apply():
    code, skipped = apply("f(secure=False)\n",
                          lambda s: ReplaceValue(span(s, ast.Constant), True),
                          lambda s: ReplaceValue(span(s, ast.Constant), 1))
    assert code == "f(secure=True)\n"
    assert "next pass" in skipped[0][1]


def test_an_edit_whose_node_is_gone_is_skipped():
    code, skipped = apply("f(a)\n", AddKeyword(Span(5, 0, 5, 4), "secure", True))
    assert code == "f(a)\n"
    assert skipped and "the flagged Call was not found" in skipped[0][1]


# -- which plans wait for the next pass ------------------------------------------

from hypothesis import given, strategies as st  # noqa: E402

from fixlint.fix.apply import _Taken  # noqa: E402
from fixlint.fix.edits import conflicts  # noqa: E402

_SPANS = st.builds(lambda a, b: Span(a, 0, a + b, 4), st.integers(1, 4), st.integers(0, 2))
_EDITS = st.one_of(
    st.builds(AddKeyword, _SPANS, st.sampled_from(["secure", "httponly"]), st.just(True)),
    st.builds(ReplaceValue, _SPANS, st.sampled_from([True, "Lax"])),
    st.builds(AppendToString, _SPANS, st.just("; Secure")),
    st.builds(ReplaceInString, _SPANS, st.just("samesite=none"), st.just("SameSite=Lax")),
    st.builds(InsertStatements, _SPANS, st.just(("session.clear()",))),
    st.builds(ReplaceStatement, _SPANS, st.sampled_from([(), ("session.clear()",)])),
    st.builds(EnsureImport, st.just("starsessions"), st.just("regenerate_session_id")),
)


@given(st.lists(st.lists(_EDITS, min_size=1, max_size=3), max_size=12))
def test_the_index_of_accepted_edits_agrees_with_comparing_every_pair(plans):
    # The applier's index must accept and refuse exactly the plans that a
    # comparison of every pair of edits would.
    taken, accepted = _Taken(), []
    for edits in plans:
        every_pair = any(conflicts(a, b) for a in edits for other in accepted for b in other)
        assert any(taken.conflicts(edit) for edit in edits) == every_pair, (edits, accepted)
        if not every_pair:
            accepted.append(edits)
            for edit in edits:
                taken.add(edit)
