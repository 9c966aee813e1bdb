"""Writing fixed files: atomic, permissions kept, refused when the file
changed on disk since it was read, encoding and line endings preserved."""

from __future__ import annotations

import os
import stat

import pytest

from fixlint.fix import files

SOURCE = 'resp.set_cookie("sid", "v")\n'


def _leftovers(folder):
    return [name for name in os.listdir(folder) if name.endswith(".fixlint-tmp")]


def test_write_goes_through_a_temporary_file_in_the_same_folder(tmp_path, monkeypatch):
    path = tmp_path / "app.py"
    path.write_text(SOURCE)
    replaced = []
    real_replace = os.replace
    monkeypatch.setattr(files.os, "replace", lambda src, dst: replaced.append((src, dst)) or real_replace(src, dst))
    files.write(files.read(str(path)), "new\n")
    assert path.read_text() == "new\n"
    [(src, dst)] = replaced
    assert os.path.dirname(src) == str(tmp_path) and dst == str(path) and src != dst
    assert _leftovers(tmp_path) == []


def test_permissions_are_kept(tmp_path):
    path = tmp_path / "app.py"
    path.write_text(SOURCE)
    os.chmod(path, 0o640)
    files.write(files.read(str(path)), "new\n")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640


def test_a_file_changed_since_it_was_read_is_not_written(tmp_path):
    path = tmp_path / "app.py"
    path.write_text(SOURCE)
    source = files.read(str(path))
    path.write_text("edited meanwhile\n")
    with pytest.raises(files.FileChanged):
        files.write(source, "fixed\n")
    assert path.read_text() == "edited meanwhile\n"
    assert _leftovers(tmp_path) == []


def test_a_failed_replace_leaves_the_original_and_no_temporary_file(tmp_path, monkeypatch):
    path = tmp_path / "app.py"
    path.write_text(SOURCE)

    def fail(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", fail)
    with pytest.raises(OSError):
        files.write(files.read(str(path)), "new\n")
    assert path.read_text() == SOURCE
    assert _leftovers(tmp_path) == []


def test_a_symlink_stays_a_symlink(tmp_path):
    real = tmp_path / "real.py"
    real.write_text(SOURCE)
    link = tmp_path / "link.py"
    link.symlink_to(real)
    files.write(files.read(str(link)), "new\n")
    assert link.is_symlink() and real.read_text() == "new\n"


@pytest.mark.parametrize("data", [
    b"\xef\xbb\xbfx = 1\r\n",  # BOM, CRLF
    b"# -*- coding: latin-1 -*-\nname = '\xe9'\n",
])
def test_encoding_bom_and_line_endings_survive(tmp_path, data):
    path = tmp_path / "app.py"
    path.write_bytes(data)
    source = files.read(str(path))
    files.write(source, source.text + "y = 2" + ("\r\n" if b"\r\n" in data else "\n"))
    written = path.read_bytes()
    assert written.startswith(data)
    assert written[len(data):] in (b"y = 2\n", b"y = 2\r\n")
