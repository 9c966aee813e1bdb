"""The project model's on-disk cache: one file of module summaries, each
keyed by the module's path (relative to the root), size and mtime.

The file is a JSON index on its first line — fixlint's fingerprint, the
root, each module's size, mtime and where its summary lies in the rest of
the file, and the import links — followed by the summaries, each a JSON
text. Reading it decodes the index only; a summary is decoded when the
project model first asks for it (Summaries), so a one-file flake8 run
decodes the few modules its file's application spans, not the project.

It lives in `<root>/.fixlint_cache/` (with a `.gitignore` of its own, as
ruff and mypy do), or in the user cache folder when the project cannot be
written. It is written whole to a temporary file and renamed into place, so
concurrent flake8 workers never read half a file; a cache that cannot be
read, parsed or written is ignored without a word: it only saves time.
"""

from __future__ import annotations

import functools
import json
import os
import zlib
from collections.abc import Mapping

from .. import __version__

# 5: summaries hold `constants`, `response_classes`, `cookie_flag_classes`,
# `session_methods`, `app_classes`, `session_interfaces`, `cookie_getter_classes`;
# 6: `session_methods` holds the methods that renew the id by another name,
# and functions' `events` hold `["own", fw, name]`; 7: `keyed_interfaces`;
# 8: functions' `verifies`, and the profiles of classes' class and static
# methods (`Class.method`); 9: `int_path_params`, `other_path_params`;
# 10: the profiles a text scan gives are those of a parse (clock sources,
# every session method, names bound by `as` and imports over continued lines);
# 11: `from_object(config[name])` of a mapping of classes is read, not `unreadable`;
# 12: a helper returning a string built with a signature (`f"{signature}-{ts}"`) is not weak;
# 13: `object_imports`; 14: `class_keys`, `loads_objects`, and a class's `from_file` is not `unreadable`;
# 15: `object_links`, `calls`, `env_defaults`, and functions' `events` hold `["delete_cookie", name]`;
# 16: `class_bases`; 17: `numbers`; 18: `jwt_cookies` (Flask-JWT-Extended's project_use); 19: `mounts`;
# 20: `renamed`, `user_names` (names re-exported by a project module); 21: `routes`, and
# functions' `remove` events for every key a literal names; 22: `aliases`; 23: functions' events
# through calls of their module's own functions, `keyed` removals, and `config.include()`d backends;
# 24: `builds_app` for a module calling an application class after a star import;
# 25: functions' events through Litestar's `request.set_session()`/`clear_session()`, and
# imports resolved through namespace packages (links); 26: one-word signed-in flags (`islogin`) are identity
# keys in functions' events; 27: `keys` of annotated class attributes (`SESSION_COOKIE_SECURE: bool = True`),
# and the import strings of a mapping `from_object` picks from through a local (`ambient = objects_config[env]`);
# 28: functions' `remove` events of a key a name gives (`session.pop(USER_KEY)`), and `app_classes` of
# subclasses of the other project constructions (`class PortalLoginManager(LoginManager)`), and `unreadable`
# for a configuration module imported by a computed name (`Config = import_module(...)`), and `routes`
# under the registering blueprint's own prefix (`bp = Blueprint(..., url_prefix="/mfa")`), and `imports` of
# Flask's legacy `flask.ext.<name>` as `flask_<name>`; 29: no `keys` given only in a development `if`
# (`if ENV == "dev": SESSION_COOKIE_SECURE = False`), and `unreadable` for a mapping fixlint cannot read given to
# the app's config (`app.config.from_mapping(self.config.web.app)`), and `keys` of every framework's cookie
# settings in a module read for others (`CSRF_COOKIE_SECURE`), and `runs_main` (`if __name__ == "__main__":`),
# and `handler_cookies` (what a module's handler classes do with the signed identity cookie);
# 30: `fresh_keys`, `defaults_off`, and functions' `end_store` events keyed by a session read (`["end_store", "store", key]`);
# 31: the session's use through a star import of the framework (`from flask import *`, then `session[...]`),
# and `settings_named` (manage.py's `DJANGO_SETTINGS_MODULE`); 32: `handler_cookies`' identity cookies named by
# an attribute chain on `self` (`self.cookie_name`); 33: `settings_values` (cookie options given as literals),
# `forced_keys` (configuration an extension writes over the app's), the profiles of a plain class's methods
# acting on a session they are given, and `cookies_read` of FastAPI's `Cookie()` parameters; 36: a profile's
# `options` of a function returning a `dict(...)` call, and the modules of a project that is a virtual environment too;
# 37: `remember_default_lifetime` (a remembering login_user() without duration=), and a returned option's
# conditional of two weak literals (`samesite="None" if prod else None`) kept as its first
# 38: `module_keys` (a module's keys given as bare names), `loads_modules` (from_object of a module) and
# `live_objects` (from_object of an object not named for development); 39: a profile's calls of a framework's
# `cookie_expire_calls` (CherryPy's expire()), and a session use no longer read off a comment or a string;
# 40: imports of quart_jwt_extended read as flask_jwt_extended's (its port); 41: later sessions' facts;
# 42: `dict_names` and `mapping_imports` (`app.config.update(MAIL)`, the dict imported from a project module)
FORMAT = 42
FOLDER = ".fixlint_cache"
NAME = "project.json"


@functools.cache
def fingerprint():
    """fixlint's version and the size and mtime of its own modules: a cache
    written by other fixlint code (an upgrade, an edited checkout) is not
    read."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parts = [__version__]
    for folder, dirs, names in sorted(os.walk(package)):
        dirs.sort()
        for name in sorted(names):
            if name.endswith(".py"):
                try:
                    stat = os.stat(os.path.join(folder, name))
                except OSError:
                    continue
                parts.append(f"{folder}/{name}:{stat.st_size}:{stat.st_mtime_ns};")
    return digest("".join(parts).encode("utf-8", "surrogatepass"))


def digest(data):
    """64 bits of checksum (CRC-32 and Adler-32) of `data`, in hex: enough to
    tell caches apart, and zlib is loaded already where hashlib (a few ms
    of a one-file flake8 run) is not. Nothing here guards against tampering:
    the cache only saves time."""
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


def locations(root, rooted=True):
    """Where the cache of `root` may live, in order of preference: a folder
    that is no project root (checked files with no root) only in the user's."""
    tag = digest(root.encode("utf-8", "surrogatepass"))
    user = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    places = [os.path.join(root, FOLDER, NAME), os.path.join(user, "fixlint", f"project-{tag}.json")]
    return places if rooted else places[1:]


def load(root, rooted=True):
    """(relative path -> [size, mtime_ns, summary], the import links saved
    with them or None), from the first readable cache of `root`; ({}, None)
    when there is none. Each summary is its JSON text, for Summaries to
    decode when it is needed."""
    files, links, _ = load_text(root, rooted)
    return files, links


def load_text(root, rooted=True):
    """load()'s two answers and the whole text of the cache they come from
    (None when there is none): the same text means the same modules,
    summaries, links, root and fixlint, so the same project facts
    (Project.cache_text)."""
    for path in locations(root, rooted):
        try:
            with open(path, encoding="utf-8") as f:
                text = f.read()
            head, _, body = text.partition("\n")
            data = json.loads(head)
        except (OSError, ValueError, RecursionError):
            continue
        if (isinstance(data, dict) and data.get("format") == FORMAT and data.get("fixlint") == fingerprint()
                and data.get("root") == root and isinstance(data.get("files"), dict)):
            files = {}
            for relative, entry in data["files"].items():
                try:
                    size, mtime, start, end = entry
                    files[relative] = [size, mtime, body[start:end]]
                except (TypeError, ValueError):  # not four numbers: not an entry this code wrote
                    continue
            links = data.get("links")
            return files, links if isinstance(links, dict) else None, text
    return {}, None, None


def save(root, files, rooted=True, links=None):
    """Write the cache where it can be written; give up silently. `files`:
    relative path -> [size, mtime_ns, summary (a dict, or the JSON text
    load() gave)]; `links`: each module's resolved imports (relative
    paths), valid while the set of modules and their summaries stay the
    same."""
    return write(root, encode(root, files, links), rooted)


def write(root, text, rooted=True):
    """Write a cache `text` (encode's) where it can be written; False when
    it cannot be written anywhere."""
    return any(write_atomically(path, text) for path in locations(root, rooted))


def encode(root, files, links=None):
    """The text of the cache of `files` and `links` (see save)."""
    index, texts, offset = {}, [], 0
    for relative, (size, mtime, facts) in files.items():
        text = facts if isinstance(facts, str) else json.dumps(facts, separators=(",", ":"))
        index[relative] = [size, mtime, offset, offset + len(text)]
        texts.append(text)
        offset += len(text)
    head = {"format": FORMAT, "fixlint": fingerprint(), "root": root, "files": index, "links": links}
    return json.dumps(head, separators=(",", ":")) + "\n" + "".join(texts)


class Summaries(Mapping):
    """Absolute path -> module summary, where a summary may still be its
    JSON text from the cache: decoded on first use, or, when that text is
    not a summary (`valid` says), summarised again by `read(path)`."""

    def __init__(self, data, valid, read):
        self._data = data
        self._valid = valid
        self._read = read

    def __getitem__(self, path):
        facts = self._data[path]
        if facts.__class__ is str:
            try:
                facts = json.loads(facts)
            except (ValueError, RecursionError):
                facts = None
            if not self._valid(facts):
                facts = self._read(path) or {}
            self._data[path] = facts
        return facts

    def __contains__(self, path):
        return path in self._data

    def __iter__(self):
        return iter(self._data)

    def __len__(self):
        return len(self._data)

    def keys(self):
        return self._data.keys()  # its `in` stays in C: the model asks it for every import

    def empty_list(self, path, key):
        """Whether the summary of `path`, still its JSON text, holds `key` as
        an empty list: told from the text, without decoding it (a warm run
        asks this of every module's neighbours). False when unsure. Inside a
        JSON string a quote is escaped, so the text cannot match there."""
        facts = self._data[path]
        return facts.__class__ is str and f'"{key}":[]' in facts

    def may_hold(self, path, key):
        """Whether the summary of `path` may hold `key`: False only when it
        is still its JSON text and the text never names the key."""
        facts = self._data[path]
        return facts.__class__ is not str or f'"{key}"' in facts

    def replaced(self, path, facts):
        """A copy with `facts` as the summary of `path`."""
        return Summaries({**self._data, path: facts}, self._valid, self._read)


def write_atomically(path, text):
    """Write `text` to a temporary file beside `path` and rename it into
    place (readers never see half a file); False when it cannot be written."""
    import tempfile  # only where a cache is written: its imports cost a warm one-file run

    folder = os.path.dirname(path)
    try:
        os.makedirs(folder, exist_ok=True)
        if os.path.basename(folder) == FOLDER:
            _ignore_folder(folder)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".fixlint-", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as f:
                f.write(text)
            os.replace(temporary, path)
        except BaseException:
            _remove(temporary)
            raise
        return True
    except OSError:
        return False


def _ignore_folder(folder):
    marker = os.path.join(folder, ".gitignore")
    if not os.path.exists(marker):
        with open(marker, "w", encoding="utf-8") as f:
            f.write("# Created by fixlint\n*\n")


def _remove(path):
    try:
        os.unlink(path)
    except OSError:
        pass
