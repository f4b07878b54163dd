"""A PETRARCH verb dictionary (``PETR.Validate.verbs.txt``) as a storyline event lexicon.

The PETRARCH2 unit tests expect the codes of PETRARCH's own verb dictionary, fictional ones
included (901-905, 345), so ``storyline eval events`` converts it at run time, as it does the
actor dictionary, into the TOML that :func:`storyline.knowledge.cameo.load_lexicon` reads.

The dictionary's parts, and what each becomes:

- synonym sets: ``&NAME`` and ``+WORD`` / ``+TWO WORDS`` / ``+&OTHER`` lines below it; a
  pattern's ``&NAME`` becomes ``(word|two_words|...)``, nested sets spelt out;
- verb blocks: ``--- VERB [CODE] ---``, then the verb lines (``BAN {BANS BANNED}``, each with
  an optional code of its own) and the patterns (``- * DIPLOMATIC TIES [901]``); every verb of
  the block gets every pattern, and its code as the pattern ``*``;
- codes: ``[---]`` (no event) is kept as ``""``; ``[032:033]`` is a reciprocal pair; codes
  that are not 2-4 digits ("075A", "def") cannot be written in a document, so their patterns
  are left out; digit codes the codebook lacks are declared in ``[codes]``.

Multi-word verb lines (``KLM_NOP_+RST``) are left out: storyline looks a verb up by one word.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict

from storyline.knowledge.cameo import codebook

__all__ = ["verbs_toml"]

_COMMENT = re.compile(r"<!\s*--.*?-->", re.S)
_BLOCK = re.compile(r"^---\s*(?P<verb>\S+)\s*\[(?P<code>[^\]]*)\]\s*---")
_CODE = re.compile(r"\[([^\]]*)\]")
_DIGITS = re.compile(r"\d{2,4}")
_SYNSET = re.compile(r"&[A-Z0-9]+")


def _lines(text: str) -> list[str]:
    out = []
    for line in _COMMENT.sub("", text).splitlines():
        line = line.split("#", 1)[0].rstrip()
        if line.strip():
            out.append(line.strip())
    return out


def _synsets(lines: list[str]) -> dict[str, list[str]]:
    sets: dict[str, list[str]] = {}
    current: str | None = None
    for line in lines:
        if line.startswith("&"):
            current = line.split()[0].rstrip("_")
            sets[current] = []
        elif line.startswith("+") and current is not None:
            sets[current].append(line[1:].strip())
        else:
            current = None
    return sets


def _spelt(name: str, sets: dict[str, list[str]], seen: tuple[str, ...] = ()) -> list[str]:
    """The phrases of a synonym set, each as glued words ("austrian_florin")."""
    out: list[str] = []
    for entry in sets.get(name.rstrip("_"), []):
        if entry.startswith("&") and entry not in seen:
            out += _spelt(entry, sets, (*seen, name))
        else:
            words = "_".join(w for w in re.split(r"[\s_]+", entry.lower()) if w)
            if words:
                out.append(words)
    return out


def _code(raw: str) -> str | None:
    """A PETRARCH code as storyline writes it: "" for none, "A:B" for a pair; None if unusable."""
    parts = [p.strip() for p in raw.split(":")]
    if parts[0] in ("---", "+++", ""):
        return ""
    if not all(_DIGITS.fullmatch(p) for p in parts if p):
        return None
    return ":".join(parts[:2])


def verbs_toml(text: str) -> str:
    """The lexicon TOML (``replace = true``) for a PETRARCH verb dictionary's text."""
    lines = _lines(text)
    sets = _synsets(lines)
    patterns: dict[str, list[tuple[str, str]]] = defaultdict(list)
    verbs: list[tuple[str, str]] = []
    block_patterns: list[tuple[str, str]] = []
    block_code: str | None = None

    def close_block() -> None:
        for verb, code in verbs:
            patterns[verb].extend(block_patterns)
            if code:
                patterns[verb].append(("*", code))
        verbs.clear()
        block_patterns.clear()

    for line in lines:
        block = _BLOCK.match(line)
        if block:
            close_block()
            block_code = _code(block.group("code"))
        elif line.startswith(("&", "+")):
            continue  # a synonym set and its members
        elif line.startswith("-"):
            found = _CODE.search(line)
            code = _code(found.group(1)) if found else None
            if code is None:
                continue
            words = _CODE.sub("", line[1:])
            words = _SYNSET.sub(lambda m: "(" + "|".join(_spelt(m.group(0), sets)) + ")", words)
            if "*" in words and "()" not in words:
                block_patterns.append((" ".join(words.split()).lower(), code))
        else:
            head = _CODE.sub("", line)
            found = _CODE.search(line)
            own = _code(found.group(1)) if found else (block_code or "")
            forms = head.replace("{", " ").replace("}", " ").split()
            if forms and "_" not in forms[0].strip("_") and "+" not in forms[0] and own is not None:
                verbs.extend((f.strip("_").lower(), own) for f in forms)
    close_block()
    return _toml(patterns)


def _toml(patterns: dict[str, list[tuple[str, str]]]) -> str:
    known = codebook()
    used = {part for listed in patterns.values() for _, code in listed for part in code.split(":") if part}
    lines = ["# Converted at run time from a PETRARCH verb dictionary by storyline eval events.", "replace = true", ""]
    lines.append("[codes]")
    for code in sorted(used - set(known)):
        root = known.get(code[:2])
        quad = root.quad_class if root else 1
        name = json.dumps(f"PETRARCH dictionary code {code}")
        lines.append(f'"{code}" = {{ name = {name}, goldstein = 0.0, quad_class = {quad} }}')
    lines += ["", "[patterns]"]
    for verb, listed in sorted(patterns.items()):
        entries = ", ".join(f"{{ match = {json.dumps(m)}, code = {json.dumps(c)} }}" for m, c in listed)
        lines.append(f"{json.dumps(verb)} = [{entries}]")
    return "\n".join(lines) + "\n"
