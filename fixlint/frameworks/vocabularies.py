"""Words real code names authentication with, per language, as data.

Each language lists the words of its handler names and route paths for
logging in (signing up and resetting a password count when they sign the
user in) and logging out, the words of session keys that name a principal,
the signed-out and signed-in flags, and the names of session ids and
session-bound tokens. `frameworks.auth` and `frameworks.session_id_words` read the
union of every language; tests read each language on its own.

Words are compared as sequences of lower-case ASCII words (`fw.words`), so
a phrase is written snake_case (`iniciar_sesion` matches `IniciarSesion`,
`/iniciar-sesion`) and without accents (`deconnexion`: identifiers and
route paths rarely carry them). A word goes in only when it cannot name
anything else a web app does; "enter" and "exit" words (`masuk`, `keluar`,
`salir`, `entrar`), which also name stock coming in or going out, count
only as a whole handler name or route segment (`login_exact`,
`logout_exact`).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Vocabulary:
    language: str
    login: tuple = ()  # handler/route words of an authentication event
    logout: tuple = ()  # handler/route words of a logout
    # "Enter"/"exit" words that name other things too (`barang_masuk`,
    # stock coming in): they count only as a whole handler name or a whole
    # route path segment (`def masuk`, `/keluar/`).
    login_exact: tuple = ()
    logout_exact: tuple = ()
    principal: tuple = ()  # words of a session key naming the signed-in user
    signed_out: tuple = ()  # a flag key set true at logout (`islogout`), compact form
    signed_in: tuple = ()  # a flag key set false at logout (`logged_in`), compact form
    verify: tuple = ()  # first word of a credential check's name (`verificar_senha`)
    check: tuple = ()  # ... that does so with one of `password` after it (`conferir_senha`)
    password: tuple = ()  # words for a password (in names and columns)
    session_ids: tuple = ()  # names of a session id (normal form)
    tokens: tuple = ()  # names of a session-bound credential (normal form)
    # Verbs of a call that ends a record on the server (`udalit_sessiyu(token)`: "delete session"),
    # beside English's in auth.REVOKE_WORDS.
    revoke: tuple = ()


ENGLISH = Vocabulary(
    "en",
    login=(
        "login", "autologin", "signin", "sign_in", "log_in", "logon", "authenticate", "callback", "authorize",
        "oauth", "sso", "saml", "register", "signup", "sign_up", "verify_otp", "otp", "totp",
        "mfa", "2fa", "two_factor", "sudo", "reauthenticate", "impersonate",
        "reset_password", "password_reset", "forgot_password", "recover_password",
        # An invitation's or a magic link's landing page that signs the new user in (Qually's
        # `/accept_invite`, which makes the account and writes its id).
        "accept_invite", "accept_invitation", "magic_link",
        # An e-mail confirmation link's page that signs the new user in (teams-optimizer's
        # `/confirm-email/{token}`, which then writes `user_id`): reported only where it binds.
        "confirm_email", "verify_email", "confirm_account", "activate_account",
    ),
    # `loginout` (xunfeng's `/loginout`, `def LoginOut`): a logout as often written in Chinese-English code.
    # `registration` signs someone up only as a whole handler name or route segment (aiohttpCarsharing's
    # `/registration/`): an event's or a course's registration module (Indico's) signs nobody in.
    # So does `authentication`, the noun (clearfarmAPI's `def authentication()` at `/authentication`):
    # an `authentication_backend` or `authentication_settings` signs nobody in.
    login_exact=("registration", "authentication"),
    logout=("logout", "signout", "sign_out", "log_out", "logoff", "log_off", "loginout", "login_out"),
    # The user's "exit" (Russian-English code translating `vyhod`: the `server` app's `def leave_user()`
    # at `/user/leave_user`, online-store-api's `exit_user`), as a whole handler name or route segment
    # only: a user leaving a group or a room is no logout.
    logout_exact=("exit_user", "leave_user", "user_exit", "exit_account"),
    principal=(
        "user", "users", "uid", "userid", "username", "member", "customer", "account",
        "principal", "identity", "email", "login", "logged", "auth", "authed",
        "authenticated", "authorized", "role", "roles", "admin", "staff", "superuser",
        "sudo", "mfa", "otp", "totp", "verified", "profile", "userinfo", "token", "jwt", "authorization", "bearer",
        "claims", "tenant", "employee", "privilege", "privileges", "permissions",
    ),
    signed_out=("logout", "loggedout", "islogout", "isloggedout", "signedout", "signout", "logoff"),
    signed_in=("loggedin", "isloggedin", "islogged", "logged", "islogin", "authenticated",
               "isauthenticated", "signedin", "issignedin", "isauth"),
    verify=("verify",),
    # `authenticate_credentials(...)` (bk-user's login plugins), `authenticate_by_password`:
    # a check when a password word follows, as for `check_*`.
    # `equals_password(pw)`, `compare_password`, `matches_password` (gerenciador-de-vacinacao's model
    # method): a comparison with a password word after it. Not `validate_password`: Django's
    # checks a new password's strength.
    check=("check", "authenticate", "equals", "compare", "match", "matches"),
    password=("password", "passwd", "pwd", "pass", "password_hash", "hashed_password", "credentials",
              "credential", "otp"),
    session_ids=("session_id", "sessionid", "sid", "session_key", "sess", "sessid", "sess_id"),
    tokens=("auth_token", "authtoken", "access_token", "refresh_token", "remember_token",
            "remember_me", "rememberme", "login_token", "bearer_token", "session_secret",
            "api_key", "apikey", "staff_token", "admin_token", "user_token"),
)

PORTUGUESE = Vocabulary(
    "pt",
    revoke=("excluir", "apagar", "remover", "deletar", "encerrar", "invalidar", "revogar"),
    login=("logar", "autenticar", "iniciar_sessao", "cadastrar", "cadastro", "redefinir_senha",
           "recuperar_senha", "confirmar_email", "ativar_conta"),
    logout=("deslogar", "encerrar_sessao", "terminar_sessao", "sair_da_conta", "sair_conta"),
    login_exact=("entrar", "acessar", "registrar", "autenticacao"),
    logout_exact=("sair", "desconectar"),
    principal=("usuario", "usuaria", "utilizador", "logado", "autenticado", "cliente"),
    signed_out=("deslogado", "saiu"),
    signed_in=("logado", "estalogado", "autenticado", "sessaoativa", "sessaoiniciada"),
    verify=("verificar", "validar"),
    check=("conferir", "confere", "checar"),
    password=("senha", "hash_senha"),
    session_ids=("id_sessao", "sessao_id", "chave_sessao"),
    tokens=("token_acesso", "lembrar_me", "lembrarme", "chave_api"),
)

SPANISH = Vocabulary(
    "es",
    revoke=("eliminar", "borrar", "invalidar", "revocar"),
    login=("iniciar_sesion", "autenticar", "registrarse", "restablecer_contrasena",
           "recuperar_contrasena", "confirmar_email", "confirmar_correo", "activar_cuenta"),
    logout=("cerrar_sesion", "finalizar_sesion"),
    login_exact=("ingresar", "acceder", "entrar", "registro", "autenticacion"),
    logout_exact=("salir", "desconectar"),
    # `correo` (and `correo_electronico`): the address the user signs in with, as `email`.
    principal=("usuario", "usuaria", "logueado", "autenticado", "correo"),
    signed_out=("deslogueado", "sesioncerrada"),
    # `estadoSesion = True` (Fichas-Derivacion-Hospital's login), `sesion_iniciada`, `sesion_activa`.
    signed_in=("logueado", "estalogueado", "autenticado", "estadosesion", "sesioniniciada", "sesionactiva"),
    verify=("verificar", "validar"),
    check=("comprobar", "comprueba"),
    password=("contrasena", "contraseña"),
    session_ids=("id_sesion", "sesion_id", "clave_sesion"),
    tokens=("token_acceso", "recordarme", "clave_api"),
)

FRENCH = Vocabulary(
    "fr",
    revoke=("supprimer", "effacer", "revoquer", "invalider"),
    login=("connexion", "se_connecter", "authentifier", "inscription", "reinitialiser_mot_de_passe"),
    login_exact=("connecter", "inscrire", "s_identifier", "sinscrire", "s_inscrire"),
    logout=("deconnexion", "deconnecter", "se_deconnecter"),
    principal=("utilisateur", "utilisatrice", "connecte", "authentifie"),
    signed_out=("deconnecte",),
    signed_in=("connecte", "estconnecte", "authentifie"),
    verify=("verifier",),
    check=("controler",),
    password=("mot_de_passe", "mdp"),
    session_ids=("id_session", "cle_session"),
    tokens=("jeton", "jeton_acces", "se_souvenir", "cle_api"),
)

GERMAN = Vocabulary(
    "de",
    revoke=("loeschen", "entfernen", "widerrufen", "beenden"),
    login=("anmelden", "anmeldung", "einloggen", "registrieren", "registrierung",
           "passwort_zuruecksetzen"),
    logout=("abmelden", "abmeldung", "ausloggen"),
    principal=("benutzer", "nutzer", "angemeldet", "eingeloggt"),
    signed_out=("abgemeldet", "ausgeloggt"),
    signed_in=("angemeldet", "eingeloggt", "istangemeldet"),
    verify=("pruefe", "pruefen", "verifiziere"),
    check=("ueberpruefe",),
    password=("passwort", "kennwort"),
    session_ids=("sitzung_id", "sitzungs_id", "sitzungsschluessel"),
    tokens=("anmelde_token", "angemeldet_bleiben", "api_schluessel"),
)

ITALIAN = Vocabulary(
    "it",
    revoke=("eliminare", "cancellare", "rimuovere", "revocare", "invalidare"),
    login=("accedi", "autentica", "registrati", "registrazione", "reimposta_password", "iscriviti"),
    logout=("disconnetti",),
    login_exact=("accesso",),
    logout_exact=("esci", "uscita"),
    principal=("utente", "autenticato", "loggato"),
    signed_out=("disconnesso",),
    signed_in=("loggato", "autenticato"),
    verify=("verifica", "verificare"),
    check=("controlla",),
    # `psw`: the form field and column ProgettoIngsw's login reads.
    password=("password", "psw"),
    session_ids=("id_sessione", "chiave_sessione"),
    tokens=("ricordami", "token_accesso", "chiave_api"),
)

INDONESIAN = Vocabulary(
    "id",
    revoke=("hapus", "cabut"),
    login=("otentikasi", "autentikasi", "registrasi", "regis", "daftar_akun", "lupa_password",
           "reset_kata_sandi"),
    login_exact=("masuk", "daftar"),
    logout=("keluar_akun",),  # "leave the account": `keluarakun`
    logout_exact=("keluar",),
    principal=("pengguna", "pelanggan", "anggota", "petugas"),
    signed_out=("sudahkeluar",),
    signed_in=("sudahmasuk", "sudahlogin"),
    verify=("verifikasi", "periksa"),
    check=("cek",),
    password=("kata_sandi", "sandi"),
    session_ids=("id_sesi", "sesi_id", "kunci_sesi"),
    tokens=("token_akses", "ingat_saya", "kunci_api"),
)

# Beyond the languages RULES.md names, as real apps write them (reviewer 44d):
# Vietnamese without diacritics (`dang_nhap`, `/dang-xuat`) and Turkish
# (`giris`, `cikis`: whole names only, as `masuk`).
VIETNAMESE = Vocabulary(
    "vi",
    revoke=("xoa",),
    login=("dang_nhap", "dangnhap", "dang_ky", "dangky", "xac_minh", "xacminh"),
    logout=("dang_xuat", "dangxuat"),
    # Single words, as keys split into them: `tai_khoan` (account) ends in `khoan`.
    principal=("khoan", "taikhoan", "nguoidung"),
    signed_out=("dadangxuat",),
    signed_in=("dadangnhap",),
    # First words of a check's name: `xac_minh_...` (verify), `kiem_tra_mat_khau` (check + password).
    verify=("xac", "xacminh"),
    check=("kiem", "kiemtra"),
    password=("mat_khau", "matkhau"),
    session_ids=("ma_phien", "id_phien"),
    tokens=("ma_truy_cap",),
)

TURKISH = Vocabulary(
    "tr",
    revoke=("sil", "kaldir", "iptal"),
    login=("giris_yap", "oturum_ac", "kayit_ol", "uye_ol"),
    logout=("cikis_yap", "oturum_kapat"),
    login_exact=("giris", "kayit"),
    logout_exact=("cikis",),
    principal=("kullanici", "uye", "yetki"),
    signed_out=("cikisyapti",),
    signed_in=("girisyapti", "oturumacik"),
    verify=("dogrula",),
    check=("kontrol",),
    password=("sifre", "parola"),
    session_ids=("oturum_id", "oturum_anahtari"),
    tokens=("erisim_tokeni", "beni_hatirla"),
)

# Chinese written in pinyin (code keeps to ASCII names: `def denglu()`, `/denglu`): 登录/登入 sign in,
# 注册 sign up; 退出 (exit) and 注销 (log off, also "cancel") sign out only as a whole name.
CHINESE = Vocabulary(
    "zh",
    revoke=("shanchu", "zhuxiao"),
    login=("denglu", "dengru", "zhuce"),
    # 登出 (log out; also "published", so a whole name only), and 退出登录 glued (`tuichudenglu`).
    logout_exact=("tuichu", "zhuxiao", "tuichu_denglu", "tuichudenglu", "dengchu"),
    principal=("yonghu",),
    signed_in=("yidenglu",),  # 已登录, "signed in"
    verify=("yanzheng",),  # 验证: `yanzheng_mima(...)` checks a password
    password=("mima",),
)

# Russian, transliterated: войти/вход sign in (вход, "entrance", only as a whole name), выйти/выход
# sign out (выход, "exit", likewise), авторизация, регистрация; пароль.
RUSSIAN = Vocabulary(
    "ru",
    revoke=("udalit", "otozvat"),
    login=("voiti", "vojti", "avtorizaciya", "avtorizatsiya"),
    login_exact=("vhod", "vkhod", "registraciya", "registratsiya"),
    logout=("vyiti", "vyjti"),
    logout_exact=("vyhod", "vykhod"),
    principal=("polzovatel",),
    signed_in=("avtorizovan", "voshel"),
    verify=("proverit",),  # `proverit_parol(...)`
    password=("parol",),
)

# Polish (reviewer 46e: asbhp, Learning-platform; `/wyloguj` is common): zaloguj/logowanie sign in,
# wyloguj sign out, rejestracja sign-up only as a whole name (a car's registration is one too).
POLISH = Vocabulary(
    "pl",
    revoke=("usun", "usunac"),
    login=("zaloguj", "zaloguj_sie", "logowanie", "zalogowanie", "zarejestruj", "zarejestruj_sie"),
    login_exact=("rejestracja",),
    logout=("wyloguj", "wyloguj_sie", "wylogowanie"),
    principal=("uzytkownik", "uzytkownika", "zalogowany", "zalogowana"),
    signed_out=("wylogowany", "wylogowana"),
    signed_in=("zalogowany", "zalogowana"),
    verify=("zweryfikuj", "weryfikuj"),
    check=("sprawdz",),  # `sprawdz_haslo(...)`
    password=("haslo",),
    session_ids=("id_sesji", "klucz_sesji"),
    tokens=("zapamietaj_mnie", "token_dostepu"),
)

# Czech: prihlasit/prihlaseni sign in, odhlasit/odhlaseni sign out, registrace only as a whole name.
CZECH = Vocabulary(
    "cs",
    revoke=("smazat", "odstranit"),
    login=("prihlasit", "prihlasit_se", "prihlaseni"),
    login_exact=("registrace",),
    logout=("odhlasit", "odhlasit_se", "odhlaseni"),
    principal=("uzivatel", "prihlaseny"),
    signed_out=("odhlasen", "odhlaseny"),
    signed_in=("prihlasen", "prihlaseny"),
    verify=("overit", "overte"),
    check=("zkontroluj", "zkontrolovat"),
    password=("heslo",),
    session_ids=("id_relace",),
    tokens=("zapamatovat",),
)

VOCABULARIES = (ENGLISH, PORTUGUESE, SPANISH, FRENCH, GERMAN, ITALIAN, INDONESIAN, VIETNAMESE, TURKISH, CHINESE,
                RUSSIAN, POLISH, CZECH)


# Fields whose phrases are also written glued, in lower case (`cerrarsesion`, `cikisyap`,
# `wylogujsie`: a route's or a handler's name written as one word): every() adds that form.
_GLUED_FIELDS = frozenset(("login", "logout", "login_exact", "logout_exact"))


def every(field):
    """The words of `field` in every language, each once, English first
    (for handler names, each phrase also glued into one word)."""
    seen = {}
    for vocabulary in VOCABULARIES:
        for word in getattr(vocabulary, field):
            seen.setdefault(word, None)
    if field in _GLUED_FIELDS:
        for word in list(seen):
            if "_" in word:
                seen.setdefault(word.replace("_", ""), None)
    return tuple(seen)


def by_language(code):
    for vocabulary in VOCABULARIES:
        if vocabulary.language == code:
            return vocabulary
    raise KeyError(code)


# Words of a session key that record a finished change rather than who is
# signed in: `enabled_totp = True` after turning on a second factor is a
# flash flag on a page behind login, not a privilege.
CHANGE_FLAG_WORDS = frozenset(
    ("enabled", "disabled", "activated", "deactivated", "changed", "updated", "saved", "added",
     "removed", "deleted",
     # bunkerweb's `totp_refreshed`: the recovery codes were made anew, shown once on the next page.
     "refreshed")
)

# Words of a session key for what a page shows rather than who is signed
# in: a profile edit that re-checks the password and stores the new display
# name binds nobody.
DISPLAY_WORDS = frozenset(
    ("name", "display", "nickname", "greeting", "avatar", "picture", "photo", "nome", "nombre",
     "nom", "prenom", "vorname", "nachname", "nama", "foto", "apodo", "apelido")
)

# Columns a credential lookup filters on: `User.objects.filter(password=...)`,
# `WHERE username = %s AND password = %s`.
PASSWORD_COLUMNS = frozenset(every("password")) - {"credentials", "credential", "otp"}

# What an authentication event is called in the comment `fixlint fix`
# writes above the regeneration, by the words of the handler's name, class
# and routes (first match wins; else "login"): the comment never calls a
# second-factor check or a sign-up a login.
SECOND_FACTOR = "second-factor check"  # (lifecycle_paths.carries_sign_in)
OCCASIONS = (
    (SECOND_FACTOR, ("mfa", "2fa", "otp", "totp", "two_factor", "verify_otp")),
    ("privilege change", ("sudo", "reauthenticate", "impersonate")),
    ("password reset", ("reset_password", "password_reset", "forgot_password", "recover_password",
                        "redefinir_senha", "recuperar_senha", "restablecer_contrasena",
                        "recuperar_contrasena", "reinitialiser_mot_de_passe",
                        "passwort_zuruecksetzen", "reimposta_password", "lupa_password",
                        "reset_kata_sandi")),
    ("sign-up", ("register", "registration", "signup", "sign_up", "cadastrar", "cadastro", "registrarse",
                 "inscription", "registrieren", "registrierung", "registrati", "registrazione",
                 "registrasi", "regis", "daftar_akun")),
)

# Sign-in and sign-out words that handler names glue to a verb or a role
# without a separator (`dologin`, `execlogin`, `adminlogin`, `userlogout`:
# ProgettoIngsw, and code written in Chinese-English and Indonesian), and
# the glued first parts that say so. Only these, glued whole: `catalogin` is
# no login.
GLUED_TERMS = ("login", "logout", "signin", "signout", "logon", "logoff")
GLUE_PREFIXES = frozenset((
    "do", "exec", "execute", "process", "handle", "submit", "check", "try", "go", "ajax", "api", "web", "app",
    "btn", "button",
    "fazer", "efetuar", "realizar", "hacer",  # `fazerlogout`, `realizarlogin` (pt, es)
    "user", "admin", "member", "staff", "customer", "client", "student", "teacher", "my",
))

# Words a class-based view's name ends in beside what it does (`EntrarView`, `SairAPIView`,
# `MasukHandler`): left off when an "enter"/"exit" word must stand alone (`*_exact`).
CLASS_SUFFIX_WORDS = frozenset(("view", "views", "viewset", "api", "apiview", "handler", "resource", "page",
                                "controller", "endpoint"))

LOGIN_WORDS = every("login")
LOGOUT_WORDS = every("logout")
LOGIN_EXACT = every("login_exact")
LOGOUT_EXACT = every("logout_exact")
# The REST form of a logout, `DELETE /sessions` (the http.server course template's
# `handleSessionDelete(self)`), as a whole handler name given no id: with one
# (`deleteSession(idSession)`, a quiz's or an admin's record) it deletes something else.
SESSION_DELETE_NAMES = ("session_delete", "delete_session")
PRINCIPAL_WORDS = frozenset(every("principal"))
# Literal cookie or session values that are the same for every visitor: a
# yes/no flag's words, a placeholder for no value (csc-648's
# `set_cookie("token", "none")` after a failed login), and a 1/0 switch.
FLAG_WORDS = frozenset(("true", "false", "yes", "no", "on", "off", "done",
                        "none", "null", "undefined", "invalid", "deleted", "expired"))
SWITCH_VALUES = frozenset(("0", "1"))
SIGNED_OUT_FLAGS = frozenset(every("signed_out"))
SIGNED_IN_FLAGS = frozenset(every("signed_in"))
VERIFY_VERBS = frozenset(every("verify"))
CHECK_VERBS = frozenset(every("check"))
PASSWORD_WORDS = frozenset(w for phrase in every("password") for w in phrase.split("_"))
SESSION_ID_NAMES = frozenset(every("session_ids"))
TOKEN_NAMES = frozenset(every("tokens"))
# Whole words that make a cookie's name a session or sign-in cookie's in the
# other languages (`usuario_id`, `sesion`, `jeton`, `utente_loggato`), as
# the English parts frameworks.SESSION_COOKIE_WORDS do (`user`, `sess`,
# `token`): the session's noun, the signed-in user's and a signed-in flag's,
# and a remember-me or access token's own word. Not a customer's or a
# member's (`cliente`, `anggota`): English names none of those either.
COOKIE_WORDS = frozenset(
    ("sessao", "sesion", "sitzung", "sessione", "sesi", "jeton", "lembrarme", "recordarme", "ricordami")
    + tuple(w for v in VOCABULARIES[1:] for w in (*v.principal, *v.signed_in))
) - frozenset(("cliente", "pelanggan", "anggota", "petugas"))
# The other languages' token phrases, glued (`lembrar_me`, `ingat-saya`, `IngatSaya` -> `ingatsaya`):
# a cookie name holding one is a sign-in cookie's, as one holding `remember` is.
COOKIE_PHRASES = frozenset(w.replace("_", "") for v in VOCABULARIES[1:] for w in v.tokens
                            if "_" in w and len(w) > 8)  # (not `cle_api`: `articleapi` holds it)

# Columns that name whom a lookup finds rather than prove who asks: a row
# looked up by one of these (`filter_by(username=...)`, `get(email=...)`)
# was found by an identifier, not by a credential the request carries
# (SFX201's sign-in lookups). A column counts when every word of it is one.
IDENTIFIER_COLUMN_WORDS = frozenset(
    ("id", "pk", "uuid", "slug", "user", "username", "uname", "userid", "uid", "login", "email", "mail", "address",
     "name", "first", "last", "full", "nick", "nickname", "handle", "phone", "mobile", "number", "account",
     "member", "customer", "iexact", "exact", "lower", "usuario", "utilisateur", "utente", "benutzer",
     "pengguna", "nome", "nombre", "nom", "nama", "correo", "telefone", "telefono", "conta", "cuenta",
     "compte", "konto", "akun",
     # National identity numbers people sign in with (Brazil's CPF and CNPJ, Indonesia's NIK, Spain's
     # DNI, Chile's RUT, Mexico's CURP): gerenciador-de-vacinacao's `filter_by(CPF=...)`.
     "cpf", "cnpj", "nik", "dni", "rut", "curp",
     "khoan", "taikhoan", "kullanici")
)
# Decorators that admit signed-in users only: Django's `user_passes_test`
# and `staff_member_required`, and any `..._required` decorator whose name
# says what is required is a sign-in or a permission (`login_required`,
# `fresh_login_required`, `permission_required`, `auth_required`): a
# function behind one is reached by a request already signed in (SFX201's
# sign-in lookups).
SIGNED_IN_DECORATORS = frozenset(("user_passes_test", "staff_member_required", "superuser_required"))
SIGNED_IN_REQUIREMENTS = frozenset(("login", "auth", "permission", "permissions", "staff", "superuser"))
