"""Named entities against CoNLL-2003: entity-level exact match, the bare spaCy model beside it.

Each CoNLL document is rebuilt as text (tokens joined by one space, sentences by a newline),
every token keeping its character offsets, and the texts go through the pipeline in one
``process_many`` pass and through the bare model in one ``nlp.pipe`` pass.

What is scored:
- Gold: the IOB chunks of the NER column. IOB1 (``I-`` opens a chunk, ``B-`` only splits two
  adjacent chunks of one type) and IOB2 (every chunk opens with ``B-``) decode with one rule:
  a chunk starts at any ``B-X``, or at an ``I-X`` that does not continue an ``X`` chunk.
- System: every name mention of every entity is one predicted span, typed by its *entity*'s
  type (the pipeline types a whole cluster by vote, and that choice is what is being
  measured). Pronoun and title mentions that coreference adds ("he", "the Ukrainian
  President") and places found inside longer names are left out: CoNLL tags names only, so they would all count as false
  positives for work that is not NER; their number is reported (``excluded_mentions``).
- Baseline: the bare model's ``doc.ents``.
- Types map to CoNLL's four (:data:`TO_CONLL`); labels CoNLL does not tag (DATE, MONEY, ...)
  are dropped.
- Misaligned spans: a predicted span is first trimmed of surrounding whitespace; if it then
  does not start at a token start and end at a token end (spaCy splits some CoNLL tokens,
  e.g. "Belgian-born", "U.S.-based"), it cannot equal any gold span, so it stays in the
  count as a false positive rather than being snapped onto tokens it did not choose. The
  number of such spans is reported (``misaligned``, ``baseline_misaligned``).
- Micro precision / recall / F1 overall, per type, and without MISC (OntoNotes labels do not
  map cleanly onto CoNLL's MISC, so the PER/ORG/LOC figure is the fairer one to compare).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

from storyline.budget import MEASURING
from storyline.document.encode import JSONObject
from storyline.document.records import WITHIN, Entity
from storyline.errors import OffsetsChanged

__all__ = [
    "CONLL_TYPES",
    "TO_CONLL",
    "ConllDocument",
    "Predictions",
    "Scores",
    "Span",
    "chunks",
    "error_patterns",
    "evaluate_ner",
    "ner_errors",
    "parse_conll",
    "read_conll",
    "score",
]

CONLL_TYPES = ("PER", "ORG", "LOC", "MISC")

# spaCy (OntoNotes) label -> CoNLL type. Facilities and geo-political entities are places in
# CoNLL (LOC); nationalities, events, products, works, laws and languages are its MISC.
TO_CONLL: dict[str, str] = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
}

_DOCSTART = "-DOCSTART-"
# Mention kinds (``Mention.label``) that are not names: coreference's pronouns and titles, and
# nominal actors ("Ukraine's military"), which CoNLL does not tag; and the places found inside
# longer names ("Toronto" in "the Toronto Police Services Board", which CoNLL tags as one ORG),
# scored by ``eval geo``.
_NOT_NAMES = frozenset({"PRON", "TITLE", "NOMINAL", WITHIN})
_HAS_LETTER = re.compile(r"[^\W\d_]")
_NUMBER = re.compile(r"[\d.,:/+-]*\d[\d.,:/+-]*")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_POSSESSIVES = frozenset({"'s", "'", "’s", "’"})
_JOINERS = frozenset({"-", ",", "(", ")", ":", "/", "v", "vs", "vs."})


class Span(NamedTuple):
    """An entity in token space: document index, first token, end token (exclusive), type."""

    doc: int
    start: int
    end: int
    type: str


@dataclass(frozen=True)
class ConllDocument:
    """One CoNLL document: tokens, their tags, and the text rebuilt from them."""

    tokens: tuple[str, ...]
    tags: tuple[str, ...]
    # Token index just after each sentence: gold chunks never cross these.
    sentence_ends: tuple[int, ...]
    text: str
    # (start, end) character offsets of each token in ``text``.
    offsets: tuple[tuple[int, int], ...]

    def gold(self, index: int) -> list[Span]:
        """The gold entities of this document (``index`` is its place in the run)."""
        spans = []
        begin = 0
        for end in self.sentence_ends:
            spans += [Span(index, begin + s, begin + e, t) for s, e, t in chunks(self.tags[begin:end])]
            begin = end
        return spans

    def token_span(self, start: int, end: int) -> tuple[int, int] | None:
        """The tokens [first, end) of exactly these characters once surrounding whitespace is
        trimmed, or None when the span cuts through a token (see the module docstring)."""
        piece = self.text[start:end]
        start += len(piece) - len(piece.lstrip())
        end -= len(piece) - len(piece.rstrip())
        first, last = self._token_at_start.get(start), self._token_at_end.get(end)
        if first is None or last is None or first >= last:
            return None
        return first, last

    @cached_property
    def _token_at_start(self) -> dict[int, int]:
        return {start: i for i, (start, _) in enumerate(self.offsets)}

    @cached_property
    def _token_at_end(self) -> dict[int, int]:
        return {end: i + 1 for i, (_, end) in enumerate(self.offsets)}

    def sentence_of(self, token: int) -> range:
        """The token range of the sentence holding ``token``."""
        n = bisect_right(self.sentence_ends, token)
        return range(self.sentence_ends[n - 1] if n else 0, self.sentence_ends[n])


@dataclass
class Predictions:
    """Predicted spans of a run, and the type of every span that fit no token boundaries."""

    spans: set[Span] = field(default_factory=set)
    misaligned: list[str] = field(default_factory=list)
    excluded: int = 0  # mentions that are not names (see the module docstring)

    def add(self, document: ConllDocument, index: int, start: int, end: int, label: str) -> None:
        """Record a predicted character span of ``document`` (number ``index`` in the run)."""
        conll = TO_CONLL.get(label)
        if conll is None:  # DATE, CARDINAL, ...: CoNLL does not tag them
            return
        tokens = document.token_span(start, end)
        if tokens is None:
            self.misaligned.append(conll)
        else:
            self.spans.add(Span(index, tokens[0], tokens[1], conll))

    def add_entities(self, document: ConllDocument, index: int, entities: Iterable[Entity]) -> None:
        """Record the name mentions of the pipeline's entities, each typed by its entity."""
        for entity in entities:
            for mention in entity.mentions:
                if mention.label in _NOT_NAMES:
                    self.excluded += 1
                else:
                    self.add(document, index, mention.start, mention.end, entity.type)


@dataclass(frozen=True)
class Scores:
    """Counts for micro P/R/F1; an empty side scores 0 rather than dividing by zero."""

    correct: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


# --- reading CoNLL -------------------------------------------------------------------------


def chunks(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """(start, end, type) of each IOB1 or IOB2 chunk in one sentence's tags."""
    found = []
    start, kind = 0, ""
    for i, tag in enumerate(tags):
        prefix, _, label = tag.partition("-")
        if prefix == "I" and label == kind:
            continue
        if kind:
            found.append((start, i, kind))
        start, kind = (i, label) if prefix in ("B", "I") and label else (i, "")
    if kind:
        found.append((start, len(tags), kind))
    return found


def parse_conll(lines: Iterable[str]) -> Iterator[ConllDocument]:
    """The documents of CoNLL lines; a file without ``-DOCSTART-`` lines is one document."""
    sentences: list[list[tuple[str, str]]] = [[]]
    for line in lines:
        columns = line.split()
        if columns and columns[0] == _DOCSTART:
            if any(sentences):
                yield _document(sentences)
            sentences = [[]]
        elif not columns:
            if sentences[-1]:
                sentences.append([])
        else:
            sentences[-1].append((columns[0], columns[-1]))
    if any(sentences):
        yield _document(sentences)


def _document(sentences: list[list[tuple[str, str]]]) -> ConllDocument:
    tokens: list[str] = []
    tags: list[str] = []
    ends: list[int] = []
    offsets: list[tuple[int, int]] = []
    lines = []
    position = 0
    for sentence in (s for s in sentences if s):
        for token, tag in sentence:
            offsets.append((position, position + len(token)))
            position += len(token) + 1  # the space after it, or the newline after the sentence
            tokens.append(token)
            tags.append(tag)
        ends.append(len(tokens))
        lines.append(" ".join(token for token, _ in sentence))
    return ConllDocument(tuple(tokens), tuple(tags), tuple(ends), "\n".join(lines), tuple(offsets))


def _files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
    return [path]


def read_conll(path: Path, limit: int | None = None) -> list[ConllDocument]:
    """The documents of a CoNLL file, or of every file in a folder (sorted), at most ``limit``."""
    documents: list[ConllDocument] = []
    for file in _files(path):
        with file.open(encoding="utf-8") as lines:
            for document in parse_conll(lines):
                if limit is not None and len(documents) >= limit:
                    return documents
                documents.append(document)
    return documents


# --- predicting ----------------------------------------------------------------------------


def _system(documents: Sequence[ConllDocument]) -> Predictions:
    """Every name mention of the pipeline's entities, typed by its entity."""
    from storyline import Skipped, process_many

    predictions = Predictions()
    results = process_many([d.text for d in documents], check_language=False, clean_text=False, time_budget=MEASURING)
    for index, (document, result) in enumerate(zip(documents, results, strict=True)):
        if isinstance(result, Skipped):  # nothing predicted: its gold entities count as missed
            continue
        if result.text != document.text:
            raise OffsetsChanged(f"the pipeline changed document {index}'s text: offsets would not match")
        predictions.add_entities(document, index, result.entities)
    return predictions


def _baseline(documents: Sequence[ConllDocument]) -> Predictions:
    """The bare model's ``doc.ents`` on the same texts."""
    from storyline.settings import BATCH_SIZE
    from storyline.stages.s03_annotate.nlp import bare, load_model

    predictions = Predictions()
    nlp = load_model()
    with bare(nlp):
        docs = nlp.pipe((d.text for d in documents), batch_size=BATCH_SIZE)
        for index, (document, doc) in enumerate(zip(documents, docs, strict=True)):
            for ent in doc.ents:
                predictions.add(document, index, ent.start_char, ent.end_char, ent.label_)
    return predictions


# --- scoring -------------------------------------------------------------------------------


def score(gold: Collection[Span], predicted: Collection[Span], misaligned: int = 0) -> Scores:
    """Exact span-and-type match; ``misaligned`` predictions are extra false positives."""
    return Scores(len(set(gold) & set(predicted)), len(set(predicted)) + misaligned, len(set(gold)))


def _of_types(spans: Iterable[Span], types: Collection[str]) -> set[Span]:
    return {s for s in spans if s.type in types}


def _scores(gold: Collection[Span], predictions: Predictions, types: Collection[str]) -> Scores:
    """Scores restricted to the given CoNLL types on both sides."""
    misaligned = sum(1 for t in predictions.misaligned if t in types)
    return score(_of_types(gold, types), _of_types(predictions.spans, types), misaligned)


def _figures(gold: list[Span], system: Predictions, baseline: Predictions) -> JSONObject:
    overall = _scores(gold, system, CONLL_TYPES)
    base = _scores(gold, baseline, CONLL_TYPES)
    no_misc = ("PER", "ORG", "LOC")
    per_type = {}
    for kind in CONLL_TYPES:
        mine, theirs = _scores(gold, system, (kind,)), _scores(gold, baseline, (kind,))
        per_type[kind] = {
            "precision": mine.precision,
            "recall": mine.recall,
            "f1": mine.f1,
            "baseline_precision": theirs.precision,
            "baseline_recall": theirs.recall,
            "baseline_f1": theirs.f1,
            "n": mine.gold,
        }
    return {
        "precision": overall.precision,
        "recall": overall.recall,
        "f1": overall.f1,
        "baseline_precision": base.precision,
        "baseline_recall": base.recall,
        "baseline_f1": base.f1,
        "f1_without_misc": _scores(gold, system, no_misc).f1,
        "baseline_f1_without_misc": _scores(gold, baseline, no_misc).f1,
        "n": overall.gold,
        "predicted": overall.predicted,
        "baseline_predicted": base.predicted,
        "misaligned": len(system.misaligned),
        "baseline_misaligned": len(baseline.misaligned),
        "excluded_mentions": system.excluded,
        "per_type": per_type,
    }


def evaluate_ner(path: Path, limit: int | None = None) -> JSONObject:
    """Entity-level P/R/F1 of the pipeline and of the bare model on CoNLL-2003 data at ``path``."""
    documents = read_conll(Path(path), limit)
    gold = [span for i, d in enumerate(documents) for span in d.gold(i)]
    figures = _figures(gold, _system(documents), _baseline(documents))
    return {**figures, "documents": len(documents)}


# --- error analysis ------------------------------------------------------------------------


def _line_kind(document: ConllDocument, token: int) -> str:
    """Which kind of newswire line holds the token, where that explains errors: a dateline
    ("SEOUL 1996-08-30"), a sports results table ("Pohang 3 Ulsan 2"), an all-caps headline."""
    line = [document.tokens[i] for i in document.sentence_of(token)]
    if len(line) <= 6 and _DATE.fullmatch(line[-1]):
        return "dateline"
    if 3 * sum(1 for t in line if _NUMBER.fullmatch(t)) >= len(line):
        return "table line"
    words = [t for t in line if _HAS_LETTER.search(t)]
    if len(words) > 1 and all(w == w.upper() for w in words):
        return "all-caps line"
    return ""


def _where(document: ConllDocument, token: int) -> str:
    kind = _line_kind(document, token)
    return f" in {kind}" if kind else ""


def _boundary(document: ConllDocument, gold: Span, guess: Span) -> str:
    """What is wrong with the extent of an overlapping prediction."""
    if not (guess.start <= gold.start and guess.end >= gold.end):
        inside = guess.start >= gold.start and guess.end <= gold.end
        return "boundary: too short" if inside else "boundary: crossing"
    extra = [*document.tokens[guess.start : gold.start], *document.tokens[gold.end : guess.end]]
    if [t.casefold() for t in extra] == ["the"]:
        return "boundary: includes 'the'"
    if extra[-1] in _POSSESSIVES:
        return "boundary: includes possessive"
    if any(_NUMBER.fullmatch(t) for t in extra):
        return "boundary: takes in numbers"  # scores, dates, statistics beside a name
    if any(t in _JOINERS for t in extra):
        return "boundary: runs over punctuation"  # two names merged across "-", ",", "("
    return "boundary: extra words"


def _by_doc(spans: Iterable[Span]) -> dict[int, list[Span]]:
    grouped: dict[int, list[Span]] = {}
    for span in sorted(spans):
        grouped.setdefault(span.doc, []).append(span)
    return grouped


def _overlapping(span: Span, others: dict[int, list[Span]]) -> list[Span]:
    return [o for o in others.get(span.doc, []) if o.start < span.end and span.start < o.end]


def _gold_error(document: ConllDocument, gold: Span, predicted: dict[int, list[Span]]) -> str:
    near = _overlapping(gold, predicted)
    if any(p.start == gold.start and p.end == gold.end for p in near):
        label = next(p.type for p in near if p.start == gold.start and p.end == gold.end)
        return f"type: gold {gold.type} as {label}"
    if near:
        return f"{_boundary(document, gold, near[0])} ({gold.type})"
    return f"missed {gold.type}{_where(document, gold.start)}"


def error_patterns(
    documents: Sequence[ConllDocument], gold: Collection[Span], predicted: Collection[Span]
) -> Counter[str]:
    """Counts of error kinds: one per unmatched gold entity (wrong type, wrong extent, missed),
    one per prediction that touches no gold entity (spurious), so nothing counts twice."""
    errors: Counter[str] = Counter()
    gold_set, predicted_set = set(gold), set(predicted)
    gold_by_doc, predicted_by_doc = _by_doc(gold_set), _by_doc(predicted_set)
    for span in sorted(gold_set - predicted_set):
        errors[_gold_error(documents[span.doc], span, predicted_by_doc)] += 1
    for span in sorted(predicted_set - gold_set):
        if not _overlapping(span, gold_by_doc):
            errors[f"spurious {span.type}{_where(documents[span.doc], span.start)}"] += 1
    return errors


def ner_errors(path: Path, limit: int | None = None, baseline: bool = False) -> Counter[str]:
    """Error kinds of the pipeline (or of the bare model) on the CoNLL data at ``path``,
    with the predictions that fit no token boundaries counted as ``misaligned``."""
    documents = read_conll(Path(path), limit)
    gold = [span for i, d in enumerate(documents) for span in d.gold(i)]
    predictions = _baseline(documents) if baseline else _system(documents)
    errors = error_patterns(documents, gold, predictions.spans)
    errors.update(f"misaligned {kind}" for kind in predictions.misaligned)
    return errors
