"""EnsureImport, carried out: `from module import name` for a name the
module does not bind yet — added to an existing `from module import ...`
(in order, when its names are sorted the way isort sorts them) while the
line stays short, else written as a new import line below it, or after the
module's last top-level import.
"""

from __future__ import annotations

import libcst as cst

def _binds(statement, name):
    """Whether a top-level statement binds `name` (an import or a definition)."""
    if isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
        return statement.name.value == name
    if not isinstance(statement, cst.SimpleStatementLine):
        return False
    for small in statement.body:
        if isinstance(small, (cst.Import, cst.ImportFrom)) and not isinstance(small.names, cst.ImportStar):
            for alias in small.names:
                bound = alias.asname.name if alias.asname else alias.name
                if isinstance(bound, cst.Name) and bound.value == name:
                    return True
        if isinstance(small, cst.Assign):
            if any(isinstance(t.target, cst.Name) and t.target.value == name for t in small.targets):
                return True
    return False


def _is_import_line(statement):
    return isinstance(statement, cst.SimpleStatementLine) and all(
        isinstance(s, (cst.Import, cst.ImportFrom)) for s in statement.body)


def ensure_imports(module, imports):
    """`module` with each (module, name) import added unless the name is
    bound at top level already."""
    body = list(module.body)
    for module_name, name in imports:
        if any(_binds(s, name) for s in body):
            continue
        extended = _extend_from_import(body, module_name, name)
        if extended is not None:
            index, statement = extended
            if _fits(statement):
                body[index] = statement
            else:  # a line too long: a new import right below
                body.insert(index + 1, cst.parse_statement(f"from {module_name} import {name}"))
            continue
        at = 0
        for index, statement in enumerate(body):
            if _is_import_line(statement):
                at = index + 1
        if at == 0 and body and _is_docstring(body[0]):
            at = 1
        body.insert(at, cst.parse_statement(f"from {module_name} import {name}"))
    return module.with_changes(body=body)


def _is_docstring(statement):
    return (isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1
            and isinstance(statement.body[0], cst.Expr)
            and isinstance(statement.body[0].value, (cst.SimpleString, cst.ConcatenatedString)))


# Beyond this, an import grown by one name is written as a new import line.
MAX_IMPORT_LINE = 88


def _fits(statement):
    code = cst.Module([statement]).code
    return all(len(line) <= MAX_IMPORT_LINE for line in code.splitlines())


def _name_key(name):
    """isort's default order within `from m import ...`: CONSTANTS, then
    Classes, then functions, each alphabetical."""
    kind = 0 if name.isupper() else 1 if name[:1].isupper() else 2
    return kind, name.lower()


def _extend_from_import(body, module_name, name):
    """(index, new statement) adding `name` to the module's first top-level
    `from module_name import ...`, in order when its names are sorted; None
    when there is no such import."""
    for index, statement in enumerate(body):
        if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
            continue
        small = statement.body[0]
        if not isinstance(small, cst.ImportFrom) or small.relative or small.module is None:
            continue
        if isinstance(small.names, cst.ImportStar) or cst.Module([]).code_for_node(small.module) != module_name:
            continue
        names = list(small.names)
        keys = [_name_key(cst.Module([]).code_for_node(a.name)) for a in names]
        new_key = _name_key(name)
        at = len(names)
        if keys == sorted(keys):
            at = next((i for i, key in enumerate(keys) if key > new_key), len(names))
        separator = names[0].comma if len(names) > 1 and isinstance(names[0].comma, cst.Comma) else (
            cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        alias = cst.ImportAlias(name=cst.Name(name))
        if at < len(names):
            names.insert(at, alias.with_changes(comma=separator))
        else:
            last = names[-1]
            names[-1] = last.with_changes(comma=separator)
            names.append(alias.with_changes(comma=last.comma))
        return index, statement.with_changes(body=[small.with_changes(names=names)])
    return None
