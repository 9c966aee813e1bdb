"""The authentication vocabularies per language (frameworks/vocabularies.py):
for each language, a login handler named in it binds a key named in it
(SFX101), a logout named in it removes part of the session (SFX102), a
credential check named in it makes an unnamed handler a login, and a
signed-out flag makes an unnamed handler a logout."""

from __future__ import annotations

import pytest

from fixlint.analysis.identity import is_identity_key
from fixlint.frameworks import vocabularies as vocab

from .helpers import lint

# language -> (login handler, identity key, logout handler, credential check, signed-out flag key and value)
CASES = {
    "en": ("sign_in", "member", "sign_out", "verify_password", ("logged_out", True)),
    "pt": ("iniciar_sessao", "usuario", "encerrar_sessao", "verificar_senha", ("logado", False)),
    "es": ("iniciar_sesion", "usuario", "cerrar_sesion", "comprobar_contrasena", ("logueado", False)),
    "fr": ("se_connecter", "utilisateur", "se_deconnecter", "verifier_mot_de_passe", ("deconnecte", True)),
    "de": ("anmelden", "benutzer", "abmelden", "pruefe_passwort", ("angemeldet", False)),
    "it": ("accedi", "utente", "disconnetti", "verifica_password", ("loggato", False)),
    "id": ("otentikasi", "pengguna", "keluar", "periksa_sandi", ("sudah_masuk", False)),
    "vi": ("dang_nhap", "tai_khoan", "dang_xuat", "kiem_tra_mat_khau", ("da_dang_nhap", False)),
    "tr": ("giris_yap", "kullanici", "cikis_yap", "dogrula_sifre", ("giris_yapti", False)),
    "zh": ("denglu", "yonghu", "tuichu", "yanzheng_mima", ("yi_denglu", False)),
    "ru": ("voiti", "polzovatel", "vyiti", "proverit_parol", ("avtorizovan", False)),
    "pl": ("zaloguj", "uzytkownik", "wyloguj", "sprawdz_haslo", ("zalogowany", False)),
    "cs": ("prihlasit", "uzivatel", "odhlasit", "overit_heslo", ("prihlasen", False)),
}

FLASK = """
from flask import Flask, request, session
from .security import {check}

app = Flask(__name__)

@app.post("/a")
def {login}():
    session["{key}"] = request.form["who"]
    return "ok"

@app.post("/b")
def handle_form():
    user = find(request.form["who"])
    if {check}(request.form["pw"], user.pw_hash):
        session["k"] = user.id
    return "ok"

@app.get("/c")
def {logout}():
    session.pop("{key}", None)
    return "bye"

@app.get("/d")
def page_index():
    session["{flag}"] = {value}
    return "bye"
"""


def test_every_language_has_each_vocabulary():
    assert [v.language for v in vocab.VOCABULARIES] == ["en", "pt", "es", "fr", "de", "it", "id", "vi", "tr", "zh", "ru", "pl", "cs"]
    for vocabulary in vocab.VOCABULARIES:
        assert vocabulary.login and vocabulary.logout + vocabulary.logout_exact and vocabulary.principal
        assert vocabulary.signed_in and vocabulary.verify and vocabulary.password, vocabulary.language


@pytest.mark.parametrize("language", sorted(CASES))
def test_a_language_names_logins_logouts_identities_checks_and_flags(language):
    login, key, logout, check, (flag, value) = CASES[language]
    words = vocab.by_language(language)
    assert is_identity_key(key), key
    source = FLASK.format(login=login, key=key, logout=logout, check=check, flag=flag, value=value)
    assert lint(source) == [(8, 5, "SFX101"), (15, 9, "SFX101"), (20, 5, "SFX102"), (25, 5, "SFX102")], (
        language, words)


@pytest.mark.parametrize("word", ["masuk", "entrar", "sair", "keluar", "salir", "esci"])
def test_enter_and_exit_words_count_only_standing_alone(word):
    alone = f"""
        from flask import Flask, session

        app = Flask(__name__)

        @app.route("/{word}")
        def {word}():
            session.pop("usuario", None)
            session["usuario"] = "x"
            return "ok"
    """
    stock = alone.replace(f'"/{word}"', f'"/barang/{word}"').replace(f"def {word}", f"def barang_{word}")
    assert lint(alone) and lint(stock) == []


def test_a_change_flag_is_no_identity_in_any_language():
    assert not is_identity_key("enabled_totp")
    assert not is_identity_key("totp_disabled")
    assert is_identity_key("mfa_passed") and is_identity_key("id_pengguna")


REVOKING_LOGOUT = """
from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse

from . import db

app = FastAPI()


@app.get("/logout")
def logout(request: Request):
    token = request.cookies.get("access_token")
    {call}
    response = RedirectResponse("/")
    response.delete_cookie("access_token")
    return response
"""


@pytest.mark.parametrize("verb", [w for v in vocab.VOCABULARIES[1:] for w in v.revoke])
def test_a_call_named_for_deleting_in_the_apps_language_ends_the_token_on_the_server(verb):
    # `db.udalit_sessiyu(token)` ("delete session") deletes the session's row, as `db.delete_session(token)` does.
    assert lint(REVOKING_LOGOUT.format(call=f"db.{verb}_sessao(token)")) == []
    assert lint(REVOKING_LOGOUT.format(call="db.find_sessao(token)")) == [(14, 5, "SFX102")]
