"""Readers: turn paths (files, folders, stdin) into :class:`~storyline.document.article.Article` records.

``read_inputs(paths)`` walks every path and yields an ``Article`` for each usable input and a
:class:`~storyline.document.skips.Skipped` for each unusable one, in input order, lazily: a corpus is
never read into memory whole.

Formats, by extension and then by content: plain text, HTML (trafilatura), JSON Lines
(``text`` + optional ``url``, ``title``, ``published``, ``source``), Parquet (the same columns),
WARC (HTML responses), any of these but Parquet gzipped (``page.html.gz``), folders of any of
these, recursively.
"""

from __future__ import annotations

from storyline.readers.dispatch import (
    FORMATS,
    detect_format,
    folder_files,
    read_file,
    read_inputs,
    read_path,
    read_stream,
)

__all__ = ["FORMATS", "detect_format", "folder_files", "read_file", "read_inputs", "read_path", "read_stream"]
