"""Cleaning: scraping boilerplate out of the body, whitespace and quote marks normalised.

``clean(raw)`` returns a :class:`Cleaned` whose ``text`` is what every later stage reads and
every offset in the document points into. ``Cleaned.to_raw(i)`` maps an offset in ``text``
back to the raw input, so evidence can always be found in what was read.

Paragraphs come out separated by one blank line. Hard-wrapped text (newswire at 70-80
columns, paragraphs marked by an indent or a blank line) is re-joined into paragraphs;
otherwise every line break is a paragraph break, as trafilatura writes them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from storyline.document.records import Caption, Removed
from storyline.stages.s01_clean.boilerplate import DEFAULT_RULES, Rule, split_credit

__all__ = ["Caption", "Cleaned", "Removed", "clean"]

# Characters rewritten in the output text: typographic variants that tools read badly.
# `` and '' are PTB/NYT-style quote marks (PolNeAR); zero-width characters and soft hyphens vanish.
_REWRITE = {
    "``": "\u201c",
    "''": "\u201d",
    "\u201e": "\u201c",  # „ low double quote opens
    "\u201f": "\u201c",
    "\u00ad": "",  # soft hyphen
    "\u200b": "",  # zero-width space
    "\u200c": "",
    "\u200d": "",
    "\u2060": "",
    "\ufeff": "",
}
_WORDS = re.compile(r"\S+")
_INVISIBLE = "".join(k for k, v in _REWRITE.items() if not v)
_VISIBLE = re.compile(rf"[^\s{_INVISIBLE}]")
_DROP_INVISIBLE = str.maketrans(dict.fromkeys(_INVISIBLE))
# A doubled mark may have invisible characters inside (`\u200b`): they vanish, so it is still a pair.
_SPECIAL = re.compile(rf"`[{_INVISIBLE}]*`|'[{_INVISIBLE}]*'|[\u201e\u201f{_INVISIBLE}]")
# Anything add_words would change: a special character, or whitespace other than one space.
_UNTIDY = re.compile(_SPECIAL.pattern + r"|\s\s|[^\S ]")
_LINES = re.compile(r"[^\n]*\n?")
# How many non-blank lines at each end of an article count as its "edges" (bylines, stamps).
_EDGE_LINES = 4
# A list item's bullet, as trafilatura writes it ("- Advertisement 1Story continues below"):
# the rules read the item without it.
_BULLET = re.compile(r"[-–•·*▪●]\s+")


@dataclass
class Cleaned:
    text: str
    captions: list[Caption] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    # Alignment with the raw input: output offset where each piece starts, and its raw offset.
    _out_starts: list[int] = field(default_factory=list, repr=False)
    _raw_starts: list[int] = field(default_factory=list, repr=False)

    def to_raw(self, offset: int) -> int:
        """The offset in the raw input of the character at ``offset`` in ``text``."""
        if not 0 <= offset <= len(self.text):
            raise IndexError(f"offset {offset} is outside the cleaned text (0..{len(self.text)})")
        if not self._out_starts:
            return offset
        i = bisect.bisect_right(self._out_starts, offset) - 1
        return self._raw_starts[i] + (offset - self._out_starts[i])


class _Builder:
    """Appends pieces of the raw text, remembering where each came from."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.out_starts: list[int] = []
        self.raw_starts: list[int] = []

    def add(self, piece: str, raw_start: int) -> None:
        if not piece:
            return
        self.out_starts.append(self.length)
        self.raw_starts.append(raw_start)
        self.parts.append(piece)
        self.length += len(piece)

    def add_words(self, raw: str, start: int, end: int) -> None:
        """The words of ``raw[start:end]``, one space between them, quote marks normalised."""
        if not _UNTIDY.search(raw, start, end):  # most lines: already tidy, one piece
            self.add(raw[start:end], start)
            return
        words = [w for w in _WORDS.finditer(raw, start, end) if w.group().strip(_INVISIBLE)]
        for i, word in enumerate(words):
            if i:
                self.add(" ", word.start() - 1)
            pos = word.start()
            for special in _SPECIAL.finditer(raw, word.start(), word.end()):
                self.add(raw[pos : special.start()], pos)
                mark = special.group()
                self.add(_REWRITE[mark[0] * 2 if len(mark) > 1 else mark], special.start())
                pos = special.end()
            self.add(raw[pos : word.end()], pos)


@dataclass
class _Line:
    start: int
    end: int
    text: str  # stripped
    indented: bool


def clean(raw: str, *, title: str | None = None, rules: Sequence[Rule] = DEFAULT_RULES) -> Cleaned:
    """Clean one article body. ``title``, when known, lets a repeated headline be removed."""
    lines = _lines(raw)
    nonblank = [i for i, line in enumerate(lines) if line.text]
    edges = set(nonblank[:_EDGE_LINES] + nonblank[-_EDGE_LINES:])
    captions: list[Caption] = []
    removed: list[Removed] = []
    keep: list[_Line | None] = []  # None marks a paragraph break
    for i, line in enumerate(lines):
        if not line.text:
            keep.append(None)
            continue
        taken = _apply_rules(line.text, rules, at_edge=i in edges, captions=captions, removed=removed)
        if not taken and title and i in nonblank[:_EDGE_LINES] and _same(line.text, title):
            removed.append(Removed("title", line.text))
            # a kicker ("Brazil") above the headline goes with it
            while keep and keep[-1] is not None and len(keep[-1].text.split()) <= 4:
                dropped = keep.pop()
                assert dropped is not None
                removed.append(Removed("kicker", dropped.text))
            taken = True
        keep.append(None if taken else line)
    return _assemble(raw, keep, captions, removed)


def _lines(raw: str) -> list[_Line]:
    out = []
    for m in _LINES.finditer(raw):
        if not m.group():
            break
        body = m.group().rstrip("\n")
        stripped = body.strip()
        if not _VISIBLE.search(stripped):  # only whitespace and invisible characters
            stripped = ""
        lead = len(body) - len(body.lstrip())
        out.append(_Line(m.start() + lead, m.start() + lead + len(stripped), stripped, indented=lead >= 2))
    return out


def _apply_rules(
    line: str, rules: Sequence[Rule], *, at_edge: bool, captions: list[Caption], removed: list[Removed]
) -> bool:
    # a rule reads the line as cleaning will leave it: "\u200b(c)" is the "(c)" it becomes
    visible = line.translate(_DROP_INVISIBLE).strip()
    visible = visible[bullet.end() :] if (bullet := _BULLET.match(visible)) else visible
    for rule in rules:
        if rule.where == "edges" and not at_edge:
            continue
        m = rule.match(visible)
        if m is None:
            continue
        if rule.action == "caption":
            body = m.groupdict().get("caption") or line
            text, credit = split_credit(" ".join(body.split()))
            furniture = _furniture(text, rules) if text else None
            if furniture:  # "Powered by", "Advertisement" in a caption's place
                removed.append(Removed(furniture, line))
            elif any(c.text == text for c in captions):  # the same photo shown again
                removed.append(Removed("caption-repeated", line))
            elif text:
                captions.append(Caption(text, credit, rule.name))
            else:
                removed.append(Removed(rule.name, line))
        else:
            removed.append(Removed(rule.name, line))
        return True
    return False


def _furniture(text: str, rules: Sequence[Rule]) -> str | None:
    """The name of the first rule that would drop ``text`` from anywhere in a body, if any."""
    return next((r.name for r in rules if r.action == "drop" and r.where == "anywhere" and r.match(text)), None)


def _same(a: str, b: str) -> bool:
    def fold(s: str) -> str:
        return " ".join(re.sub(r"[^\w\s]", "", s.lower()).split())

    return fold(a) == fold(b)


def _hard_wrapped(lines: list[_Line]) -> bool:
    """Newswire wrapped at a fixed width: most lines are 40-100 characters and run on."""
    texts = [line for line in lines if line.text]
    if len(texts) < 4:
        return False
    wrapped = sum(1 for line in texts if 40 <= len(line.text) <= 100)
    run_on = sum(1 for line in texts if not line.text.endswith((".", "!", "?", '"', "\u201d", ":")))
    return wrapped / len(texts) > 0.6 and run_on / len(texts) > 0.5


def _assemble(raw: str, keep: list[_Line | None], captions: list[Caption], removed: list[Removed]) -> Cleaned:
    real = [line for line in keep if line is not None]
    wrapped = _hard_wrapped(real)
    builder = _Builder()
    pending_break = False
    previous: _Line | None = None
    for line in keep:
        if line is None:
            pending_break = True
            continue
        if previous is not None:
            new_paragraph = pending_break or not wrapped or line.indented
            for ch in "\n\n" if new_paragraph else " ":  # each separator character maps to the line end
                builder.add(ch, previous.end)
        builder.add_words(raw, line.start, line.end)
        previous, pending_break = line, False
    return Cleaned("".join(builder.parts), captions, removed, builder.out_starts, builder.raw_starts)
