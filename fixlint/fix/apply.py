"""Carry out Plans on source text with libcst, touching only the flagged
nodes: everything else — comments, quotes, blank lines, line endings — is
reproduced byte for byte by libcst's round-trip.

Edits name ast nodes by span; each span is converted to libcst's
character-based positions (ast columns count UTF-8 bytes) and matched to the
libcst node with exactly that range (libcst, like ast, leaves parentheses
out of an expression's range). A plan whose target cannot be found, or that
would collide with a plan already accepted, is not applied.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import libcst as cst
from libcst.metadata import MetadataWrapper, ParentNodeProvider, PositionProvider

from .edits import (
    AddKeyword, AppendToString, EnsureImport, Expression, InsertStatements, ReplaceInString, ReplaceStatement,
    ReplaceValue, conflicts, target,
)
from .imports import ensure_imports

_LINE = re.compile(r"\r\n|\r|\n")
_STRINGS = (cst.SimpleString, cst.FormattedString, cst.ConcatenatedString)


class Unfixable(Exception):
    """A plan's edit cannot be carried out on this tree."""


class Applied(NamedTuple):
    """The outcome of one pass: the new source and which plans made it."""

    code: str
    applied: list  # Plans carried out
    skipped: list  # (Plan, reason): not carried out


def apply_plans(source, plans):
    """Apply as many of `plans` (in order) as fit together in one pass.
    Raises libcst.ParserSyntaxError when libcst cannot parse `source`."""
    module = cst.parse_module(source)
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    locator = _Locator(source, wrapper)
    edits = _Edits(locator)
    accepted, skipped = [], []
    taken = _Taken()
    for plan in plans:
        if any(taken.conflicts(edit) for edit in plan.edits):
            skipped.append((plan, "overlaps another fix; retried in the next pass"))
            continue
        try:
            staged = [edits.resolve(edit) for edit in plan.edits]
        except Unfixable as exc:
            skipped.append((plan, str(exc)))
            continue
        for item in staged:
            edits.add(item)
        for edit in plan.edits:
            taken.add(edit)
        accepted.append(plan)
    if not accepted:
        return Applied(source, [], skipped)
    transformer = _Transformer(edits, _quote_preference(module))
    new_module = wrapper.module.visit(transformer)
    if transformer.failures:
        # A staged edit failed while rewriting: apply nothing rather than half.
        reasons = "; ".join(transformer.failures)
        return Applied(source, [], skipped + [(plan, reasons) for plan in accepted])
    return Applied(_final_newline(source, new_module.code), accepted, skipped)


def _final_newline(source, code):
    """libcst drops the final bare `\\r` of a file whose lines end in `\\r`
    alone (old Mac style): put it back, so the file keeps its bytes."""
    if source.endswith("\r") and not code.endswith(("\r", "\n")):
        return code + "\r"
    return code


class _Taken:
    """The edits of the plans accepted so far, indexed so that a new edit
    meets only those it may conflict with (edits.conflicts): one on the same
    span, or a replaced statement around or inside it. Comparing every pair
    made a file with a thousand cookie findings take seconds per pass."""

    def __init__(self):
        self._by_span = {}
        self._statements = []  # ReplaceStatement edits
        self._every = []  # all but EnsureImport: what a statement may hold

    def conflicts(self, edit):
        if isinstance(edit, EnsureImport):
            return False
        if isinstance(edit, ReplaceStatement):
            candidates = self._every
        else:
            candidates = self._by_span.get(target(edit), []) + self._statements
        return any(conflicts(edit, other) for other in candidates)

    def add(self, edit):
        if isinstance(edit, EnsureImport):
            return
        self._by_span.setdefault(target(edit), []).append(edit)
        self._every.append(edit)
        if isinstance(edit, ReplaceStatement):
            self._statements.append(edit)


# -- finding nodes -----------------------------------------------------------

class _Locator:
    def __init__(self, source, wrapper):
        self.lines = _LINE.split(source)
        self.module = wrapper.module
        positions = wrapper.resolve(PositionProvider)
        self.parents = wrapper.resolve(ParentNodeProvider)
        self.by_range = {}
        for node, where in positions.items():
            key = (where.start.line, where.start.column, where.end.line, where.end.column)
            self.by_range.setdefault(key, []).append(node)

    def _column(self, line, byte_col):
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        return len(text.encode("utf-8")[:byte_col].decode("utf-8", "ignore"))

    def find(self, span, types):
        key = (span.line, self._column(span.line, span.col),
               span.end_line, self._column(span.end_line, span.end_col))
        found = [n for n in self.by_range.get(key, ()) if isinstance(n, types)]
        if not found:
            raise Unfixable(f"the flagged {types[0].__name__} was not found in the source")
        return found[-1]  # the outermost of equal ranges (a Call, not its Expr)

    def statement(self, span):
        """(body owner, statement line or compound statement, small statement
        or None) for an ast statement's span."""
        node = self.find(span, (cst.BaseSmallStatement, cst.BaseCompoundStatement))
        small = None
        if isinstance(node, cst.BaseSmallStatement):
            small, node = node, self.parents.get(node)
            if not isinstance(node, cst.SimpleStatementLine):
                raise Unfixable("the statement shares its line with its block header")
        owner = self.parents.get(node)
        if not isinstance(owner, (cst.Module, cst.IndentedBlock)):
            raise Unfixable("the statement is not in a block")
        return owner, node, small


# -- collecting edits ----------------------------------------------------------

class _Edits:
    """Edits keyed by the identity of the node they change."""

    def __init__(self, locator):
        self.locator = locator
        self.keywords = {}  # id(Call) -> [(name, value)]
        self.values = {}  # id(expression) -> value
        self.appends = {}  # id(string) -> [text]
        self.string_replacements = {}  # id(SimpleString) -> (pattern, new)
        self.before = {}  # id(statement) -> [code tuple], in plan order
        self.after = {}
        self.replace = {}  # id(statement) -> code
        self.imports = []  # (module, name)

    def resolve(self, edit):
        find = self.locator.find
        if isinstance(edit, AddKeyword):
            return ("keywords", id(find(edit.call, (cst.Call,))), (edit.name, edit.value))
        if isinstance(edit, ReplaceValue):
            return ("values", id(find(edit.expr, (cst.BaseExpression,))), edit.value)
        if isinstance(edit, AppendToString):
            return ("appends", id(find(edit.expr, _STRINGS)), edit.text)
        if isinstance(edit, ReplaceInString):
            return ("string_replacements", id(find(edit.expr, _STRINGS)), (edit.pattern, edit.new))
        if isinstance(edit, (InsertStatements, ReplaceStatement)):
            span = edit.stmt if isinstance(edit, ReplaceStatement) else edit.anchor
            _, line, small = self.locator.statement(span)
            if small is not None and len(line.body) > 1:
                raise Unfixable("the statement shares its line with others")
            _check_code(edit.code)
            if isinstance(edit, ReplaceStatement):
                return ("replace", id(line), edit.code)
            return ("after" if edit.after else "before", id(line), edit.code)
        if isinstance(edit, EnsureImport):
            return ("imports", None, (edit.module, edit.name))
        raise Unfixable(f"unknown edit {type(edit).__name__}")  # pragma: no cover

    def add(self, staged):
        table, key, item = staged
        if table == "imports":
            if item not in self.imports:
                self.imports.append(item)
            return
        store = getattr(self, table)
        if table in ("values", "string_replacements", "replace"):
            store[key] = item
        elif item not in store.setdefault(key, []):
            store[key].append(item)


def _check_code(code):
    for line in code:
        if not line.lstrip().startswith("#"):
            try:
                cst.parse_statement(line)
            except cst.ParserSyntaxError:
                raise Unfixable(f"the fix's code does not parse: {line!r} (please report this)") from None


# -- rewriting -------------------------------------------------------------------

class _Transformer(cst.CSTTransformer):
    def __init__(self, edits, quote):
        super().__init__()
        self.edits = edits
        self.quote = quote
        self.failures = []

    def on_leave(self, original, updated):
        key = id(original)
        edits = self.edits
        try:
            if key in edits.values:
                updated = _replace_value(updated, edits.values[key], self.quote)
            if key in edits.keywords:
                for name, value in edits.keywords[key]:
                    updated = _add_keyword(updated, name, value, self.quote)
            if key in edits.appends:
                for text in edits.appends[key]:
                    updated = _append(updated, text)
            if key in edits.string_replacements:
                updated = _replace_in_string(updated, *edits.string_replacements[key])
            if isinstance(updated, (cst.Module, cst.IndentedBlock)):
                updated = self._body(original, updated)
            if isinstance(updated, cst.Module) and edits.imports:
                updated = ensure_imports(updated, edits.imports)
        except Unfixable as exc:
            self.failures.append(str(exc))
        return updated

    def _body(self, original, updated):
        edits = self.edits
        if not any(id(s) in edits.before or id(s) in edits.after or id(s) in edits.replace
                   for s in original.body):
            return updated
        body = []
        carried = []  # comments of a deleted statement, for the next one
        for old, new in zip(original.body, updated.body):
            key = id(old)
            if carried:
                new = new.with_changes(leading_lines=carried + list(new.leading_lines))
                carried = []
            inserted = _statements(_lines(edits.before.get(key, ())), self.quote)
            if inserted:
                inserted[0], new = _take_blank_lines(inserted[0], new)
            body += inserted
            if key in edits.replace:
                replacement = _statements(edits.replace[key], self.quote)
                if not replacement:
                    carried = _kept_comments(new)
                elif isinstance(new, cst.SimpleStatementLine):
                    inner = [cst.EmptyLine(comment=c) for c in _inner_comments(new)]
                    replacement[0] = replacement[0].with_changes(
                        leading_lines=list(new.leading_lines) + inner + list(replacement[0].leading_lines))
                    replacement[-1] = replacement[-1].with_changes(trailing_whitespace=new.trailing_whitespace)
                body += replacement
            else:
                body.append(new)
            body += _statements(_lines(edits.after.get(key, ())), self.quote)
        if carried or not body:
            raise Unfixable("a deleted statement was the last of its block")
        return updated.with_changes(body=body)


def _kept_comments(statement):
    """The comment lines above a deleted statement, those inside it and its
    trailing comment, as lines to put above the statement that follows it."""
    kept = [line for line in statement.leading_lines if line.comment is not None]
    kept += [cst.EmptyLine(comment=c) for c in _inner_comments(statement)]
    trailing = getattr(statement, "trailing_whitespace", None)
    if trailing is not None and trailing.comment is not None:
        kept.append(cst.EmptyLine(comment=trailing.comment))
    return kept


def _inner_comments(statement):
    """Comments inside a statement that spans lines (`f(\n  a,  # why\n)`),
    in order: its leading lines and trailing comment excluded."""
    found = []

    class Comments(cst.CSTVisitor):
        def visit_Comment(self, node):
            found.append(node)

    outer = {id(line.comment) for line in statement.leading_lines if line.comment is not None}
    trailing = getattr(statement, "trailing_whitespace", None)
    if trailing is not None and trailing.comment is not None:
        outer.add(id(trailing.comment))
    statement.visit(Comments())
    return [c for c in found if id(c) not in outer]


def _take_blank_lines(inserted, anchor):
    """Blank lines above the anchor go above the statements inserted before
    it; comments stay with the anchor they describe."""
    leading = list(anchor.leading_lines)
    blank = 0
    while blank < len(leading) and leading[blank].comment is None:
        blank += 1
    if not blank:
        return inserted, anchor
    return (inserted.with_changes(leading_lines=leading[:blank] + list(inserted.leading_lines)),
            anchor.with_changes(leading_lines=leading[blank:]))


def _lines(blocks):
    return [line for block in blocks for line in block]


def _statements(code, quote):
    """Statements from source lines; comment lines go above the next one."""
    out, comments = [], []
    for line in code:
        if line.lstrip().startswith("#"):
            comments.append(cst.EmptyLine(comment=cst.Comment(line.strip())))
            continue
        statement = _requote(cst.parse_statement(line), quote)
        if comments:
            statement = statement.with_changes(leading_lines=comments + list(statement.leading_lines))
            comments = []
        out.append(statement)
    return out


# -- values and quotes ---------------------------------------------------------

def _quote_preference(module):
    """The quote character most of the module's plain strings use."""
    counts = {'"': 0, "'": 0}

    class Count(cst.CSTVisitor):
        def visit_SimpleString(self, node):
            quote = _quote_of(node)
            if quote in counts:
                counts[quote] += 1

    module.visit(Count())
    return "'" if counts["'"] > counts['"'] else '"'


def _quote_of(node):
    raw = node.value
    body = raw.lstrip("rRbBuUfF")
    if body[:3] in ('"""', "'''"):
        return body[:3]
    return body[:1]


def _literal(value, quote):
    if isinstance(value, Expression):
        return cst.parse_expression(value.text)
    if isinstance(value, bool) or value is None:
        return cst.Name(repr(value))
    if isinstance(value, int):
        return cst.Integer(repr(value))
    if isinstance(value, str):
        if quote in value or "\\" in value or "\n" in value:
            return cst.SimpleString(repr(value))
        return cst.SimpleString(f"{quote}{value}{quote}")
    raise Unfixable(f"cannot write {value!r}")  # pragma: no cover - planner bug


def _requote(tree, quote):
    """Inserted code's plain strings in the file's quote style."""

    class Requote(cst.CSTTransformer):
        def leave_SimpleString(self, original, updated):
            try:
                value = updated.evaluated_value
            except Exception:  # pragma: no cover - odd literals stay as written
                return updated
            if not isinstance(value, str) or _quote_of(updated) == quote or updated.prefix:
                return updated
            return _literal(value, quote)

    return tree.visit(Requote())


def _replace_value(node, value, quote):
    if isinstance(node, cst.SimpleString) and isinstance(value, str):
        quote = _quote_of(node) if len(_quote_of(node)) == 1 else quote
    new = _literal(value, quote)
    if hasattr(node, "lpar"):
        new = new.with_changes(lpar=node.lpar, rpar=node.rpar)
    return new


# -- keyword arguments ---------------------------------------------------------

_NO_SPACE = cst.SimpleWhitespace("")


def _add_keyword(call, name, value, quote):
    """`call` with `name=value` appended, in the layout its arguments use:
    one per line stays one per line, a trailing comma stays, and a comment
    after the last argument stays with that argument."""
    if not isinstance(call, cst.Call):
        raise Unfixable("not a call")
    args = list(call.args)
    if any(a.keyword is not None and a.keyword.value == name for a in args):
        raise Unfixable(f"{name}= is already passed")
    if any(a.star == "**" for a in args):
        raise Unfixable("the call passes **kwargs")
    quote = _call_quote(args) or quote
    equal = next((a.equal for a in args if a.keyword is not None and isinstance(a.equal, cst.AssignEqual)),
                 cst.AssignEqual(whitespace_before=_NO_SPACE, whitespace_after=_NO_SPACE))
    new = cst.Arg(value=_literal(value, quote), keyword=cst.Name(name), equal=equal)
    if not args:
        return call.with_changes(args=[new])
    last = args[-1]
    separator = _separator(call, args)
    multiline = isinstance(separator.whitespace_after, cst.ParenthesizedWhitespace)
    if isinstance(last.comma, cst.Comma):  # a trailing comma: keep one after the new argument
        tail = last.comma.whitespace_after
        if multiline and isinstance(tail, cst.ParenthesizedWhitespace):
            args[-1] = last.with_changes(comma=_carry_comment(separator, tail))
            args.append(new.with_changes(comma=last.comma.with_changes(whitespace_after=_uncommented(tail))))
        else:
            args[-1] = last.with_changes(comma=separator)
            args.append(new.with_changes(comma=last.comma))
    else:
        tail = last.whitespace_after_arg
        if multiline and isinstance(tail, cst.ParenthesizedWhitespace):
            args[-1] = last.with_changes(comma=_carry_comment(separator, tail), whitespace_after_arg=_NO_SPACE)
            args.append(new.with_changes(whitespace_after_arg=_uncommented(tail)))
        else:
            args[-1] = last.with_changes(comma=separator, whitespace_after_arg=_NO_SPACE)
            args.append(new.with_changes(whitespace_after_arg=tail))
    return call.with_changes(args=args)


def _separator(call, args):
    """The comma-and-whitespace between two arguments of this call."""
    if len(args) >= 2 and isinstance(args[-2].comma, cst.Comma):
        comma = args[-2].comma
        after = comma.whitespace_after
        if isinstance(after, cst.ParenthesizedWhitespace):
            comma = comma.with_changes(whitespace_after=_uncommented(after))
        return comma
    opening = call.whitespace_before_args
    if isinstance(opening, cst.ParenthesizedWhitespace):  # f(\n    a\n)
        return cst.Comma(whitespace_before=_NO_SPACE, whitespace_after=_uncommented(opening))
    return cst.Comma(whitespace_before=_NO_SPACE, whitespace_after=cst.SimpleWhitespace(" "))


def _uncommented(whitespace):
    return whitespace.with_changes(first_line=cst.TrailingWhitespace(), empty_lines=[])


def _carry_comment(separator, tail):
    """The separator, keeping the comment that followed the old last argument."""
    return separator.with_changes(
        whitespace_after=separator.whitespace_after.with_changes(first_line=tail.first_line))


def _call_quote(args):
    for arg in args:
        if isinstance(arg.value, cst.SimpleString) and len(_quote_of(arg.value)) == 1:
            return _quote_of(arg.value)
    return None


# -- strings ---------------------------------------------------------------------

def _joiner(text):
    stripped = text.rstrip()
    if stripped.endswith(";"):
        return "" if text.endswith(" ") else " "
    return "; "


def _append(node, text):
    """A string literal with `; text` appended before its closing quote."""
    if isinstance(node, cst.ConcatenatedString):
        return node.with_changes(right=_append(node.right, text))
    if isinstance(node, cst.SimpleString):
        quote = _quote_of(node)
        prefix = node.value[: len(node.value) - len(node.value.lstrip("rRbBuU"))]
        body = node.value[len(prefix) + len(quote): len(node.value) - len(quote)]
        return node.with_changes(value=f"{prefix}{quote}{body}{_joiner(body)}{text}{quote}")
    if isinstance(node, cst.FormattedString):
        parts = list(node.parts)
        if parts and isinstance(parts[-1], cst.FormattedStringText):
            last = parts[-1].value
            parts[-1] = parts[-1].with_changes(value=f"{last}{_joiner(last)}{text}")
        else:
            parts.append(cst.FormattedStringText(f"; {text}"))
        return node.with_changes(parts=parts)
    raise Unfixable("not a string literal")


def _replace_in_string(node, pattern, new):
    """The string with the one match of `pattern` in its literal text replaced."""
    if isinstance(node, cst.ConcatenatedString):
        for side in ("left", "right"):
            try:
                return node.with_changes(**{side: _replace_in_string(getattr(node, side), pattern, new)})
            except Unfixable:
                continue
        raise Unfixable("the text to replace is not in the string")
    if isinstance(node, cst.FormattedString):
        parts = list(node.parts)
        for index, part in enumerate(parts):
            if isinstance(part, cst.FormattedStringText):
                replaced, count = re.subn(pattern, new, part.value, count=1, flags=re.IGNORECASE)
                if count:
                    parts[index] = part.with_changes(value=replaced)
                    return node.with_changes(parts=parts)
        raise Unfixable("the text to replace is not in the string")
    quote = _quote_of(node)
    prefix = node.value[: len(node.value) - len(node.value.lstrip("rRbBuU"))]
    body = node.value[len(prefix) + len(quote): len(node.value) - len(quote)]
    replaced, count = re.subn(pattern, new, body, count=1, flags=re.IGNORECASE)
    if count != 1:
        raise Unfixable("the text to replace is not in the string")
    return node.with_changes(value=f"{prefix}{quote}{replaced}{quote}")
