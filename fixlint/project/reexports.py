"""Names a project module gets from another module of the project that
imports them from outside it (RULES.md, Revision 2, "The project is the
unit": resolve names through the project's own imports): `from .base_view
import session`, or `from .base_view import *`, where base_view.py has
`from flask import session`, binds Flask's session. Read from the module
summaries' imports (and `renamed`, `user_names`): no module is parsed.
"""

from __future__ import annotations

import os

from .. import frameworks as fw

_UNKNOWN = object()
_DEPTH = 3  # project modules passing a name on, followed that far
# The frameworks' session users (`flask.session`, `flask.flash`): ReExports.used_in.
_SESSION_USERS = frozenset().union(*(f.session_users for f in fw.FRAMEWORKS))
# A session user's qualified name -> the project_use fact its use sets (Flask's `session_use`).
_USES = {q: f.project_use for f in fw.FRAMEWORKS if f.project_use for q in f.session_users}


class ReExports:
    """What the modules of one project (`summaries`, imports resolved by
    `resolve_in`, model.Project's) pass on of what they import, each
    answer kept."""

    def __init__(self, summaries, resolve_in):
        self.summaries = summaries
        self.resolve_in = resolve_in
        self._names = {}  # (absolute path, name) -> what the module binds the name to (bound_name)
        self._stars = {}  # absolute path -> what a star import of it gives (star_names)
        self._indexes = {}  # absolute path -> its imports by name, and its star imports (_import_index)

    def bound_name(self, path, name, depth=0):
        """The qualified name the module at `path` binds `name` to by an
        import from outside the project (`from flask import session`:
        "flask.session"; `from flask import session as s`, asked for `s`),
        followed through the project modules it imports the name from
        (named or by a star import); None for a name it defines or gets
        from nowhere it can tell. Imports anywhere in the module count
        (the summary's imports are those of its text)."""
        key = (path, name)
        found = self._names.get(key, _UNKNOWN)
        if found is _UNKNOWN:
            self._names[key] = None  # an import cycle asks again: no answer
            found = self._names[key] = self._bind_name(path, name, depth)
        return found

    def _bind_name(self, path, name, depth):
        summary = self.summaries[path]
        for alias, local in summary.get("aliases", ()):
            if alias == name:  # `login_user = _login_user`: what the import binds `_login_user` to
                return self.bound_name(path, local, depth + 1) if depth < _DEPTH else None
        renamed = summary.get("renamed", ())
        for module, original, local in renamed:
            if local == name and not self._project_module(path, 0, module):
                return f"{module}.{original}"
        # `from flask import session as s` is listed among the imports as `session`
        # too: each such entry is one the name is not bound by.
        renames = {}
        for module, original, _ in renamed:
            if original == name:
                renames[module] = renames.get(module, 0) + 1
        folder = os.path.dirname(path)
        by_name, stars = self._import_index(path)
        for level, module in by_name.get(name, ()):
            if not level and renames.get(module):
                renames[module] -= 1
                continue
            targets = self.resolve_in(folder, level, module, ())
            if not targets:
                return f"{module}.{name}" if not level and module else None
            return self.bound_name(targets[0], name, depth + 1) if depth < _DEPTH else None
        if depth >= _DEPTH or name.startswith("_"):
            return None
        for level, module in reversed(stars):  # the last star import binds last
            for target in self.resolve_in(folder, level, module, ())[:1]:
                found = self.bound_name(target, name, depth + 1)
                if found is not None:
                    return found
        return None

    def _import_index(self, path):
        """({name: [(level, module) of each `from` import of it, in order]},
        [(level, module) of each star import]) of the module at `path`."""
        found = self._indexes.get(path)
        if found is None:
            by_name, stars = {}, []
            for level, module, names in self.summaries[path]["imports"]:
                for name in names:
                    if name == "*":
                        stars.append((level, module))
                    else:
                        by_name.setdefault(name, []).append((level, module))
            found = self._indexes[path] = (by_name, stars)
        return found

    def star_names(self, path):
        """{name: qualified name} a star import of the module at `path`
        gives from outside the project (bound_name of each public name
        its imports bind; `__all__` is not read)."""
        found = self._stars.get(path)
        if found is None:
            self._stars[path] = {}  # an import cycle
            names = set()
            for level, module, listed in self.summaries[path]["imports"]:
                names.update(n for n in listed if n != "*" and not n.startswith("_"))
            names.update(local for _, _, local in self.summaries[path].get("renamed", ()) if not local.startswith("_"))
            names.update(alias for alias, _ in self.summaries[path].get("aliases", ()) if not alias.startswith("_"))
            found = {}
            for name in sorted(names):
                bound = self.bound_name(path, name)
                if bound is not None:
                    found[name] = bound
            # `import flask` binds the module `flask` (`import os.path`: `os`), a star import
            # passes it on (openNAMU's route modules write `flask.session` after `from .tool.func import *`);
            # not a project module's name, and not a name the module binds otherwise.
            for level, module, listed in self.summaries[path]["imports"]:
                root = module.partition(".")[0]
                if not level and not listed and root and not root.startswith("_") and root not in found and (
                        not self._project_module(path, 0, root)):
                    found[root] = root
            for level, module, listed in self.summaries[path]["imports"]:
                if "*" in listed:
                    for target in self.resolve_in(os.path.dirname(path), level, module, ())[:1]:
                        for name, bound in self.star_names(target).items():
                            found.setdefault(name, bound)
            self._stars[path] = found
        return found

    def star_helpers(self, path, depth=0, seen=None):
        """{name: the path of the module defining it} of the functions with a
        profile a star import of the module at `path` binds: its own
        (star_functions), and those of the project modules it star-imports
        in turn (HomeBanking's `from _app import *`, _app.py star-importing
        _logout.py: `logout`), its own first, then the last star import's."""
        seen = set() if seen is None else seen
        if path in seen or depth > _DEPTH:
            return {}
        seen.add(path)
        found = {}
        folder = os.path.dirname(path)
        for level, module in reversed(self._import_index(path)[1]):
            for target in self.resolve_in(folder, level, module, ())[:1]:
                for name, home in self.star_helpers(target, depth + 1, seen).items():
                    found.setdefault(name, home)
        found.update((name, path) for name in star_functions(self.summaries[path]))
        return found

    def _project_module(self, path, level, module):
        return bool(self.resolve_in(os.path.dirname(path), level, module, ()))

    def of(self, path):
        """ProjectFacts.reexports and .star_reexports of the module at `path`."""
        named, stars = {}, {}
        folder = os.path.dirname(path)
        for level, module, names in self.summaries[path]["imports"]:
            if not names:
                continue
            targets = self.resolve_in(folder, level, module, ())
            if not targets:
                continue
            prefix = "." * level + module
            for name in names:
                if name == "*":
                    given = self.star_names(targets[0])
                    own = self.star_helpers(targets[0])
                    if own:  # project helpers: bound by the names the importer's helpers know them by
                        given = {**given, **{n: f"{prefix}.{n}" if module else prefix + n for n in own}}
                    if given:
                        stars[prefix] = given
                    continue
                bound = self.bound_name(targets[0], name)
                if bound is not None:
                    named[f"{prefix}.{name}" if module else prefix + name] = bound
        return named, stars

    def used_in(self, group):
        """The project_use facts (Framework.project_use: Flask's
        `session_use`) a module of the application holds by naming a
        session user (summary `user_names`) that it imports from a project
        module re-exporting the framework's (`from .base_view import *`)."""
        found = set()
        for path in group:
            used = self.summaries[path].get("user_names")
            if not used:
                continue
            folder = os.path.dirname(path)
            for level, module, names in self.summaries[path]["imports"]:
                wanted = used if "*" in names else [name for name in used if name in names]
                if not wanted:
                    continue
                for target in self.resolve_in(folder, level, module, ())[:1]:
                    for name in wanted:
                        use = _USES.get(self.bound_name(target, name))
                        if use is not None:
                            found.add(use)
                    if "*" in names:  # a module passed on whole (`import flask` there): `flask.session` here
                        for local, bound in self.star_names(target).items():
                            if local == bound:
                                found.update(_USES[f"{bound}.{name}"] for name in used if f"{bound}.{name}" in _USES)
        return frozenset(found)


def star_functions(summary):
    """The module-level functions with a profile that a star import of the
    module binds: public names, not a class's methods (`Class.method`)."""
    return [name for name in summary.get("functions") or () if "." not in name and not name.startswith("_")]
