"""Learn attribution frames from PolNeAR's training part: which verbs are cues, and where
their content sits in the parse.

    python train/learn_quote_cues.py ../shared/data/quotes/polnear --split train \
        > src/storyline/knowledge/data/quote_cues.txt

For every gold attribution whose cue is a verb, the relation of the content's head to that
verb is counted: ``ccomp`` ("said that ..."), ``dobj`` ("announced his candidacy"),
``xcomp`` ("called it a disaster"), or ``prep:about`` ("spoke about ..."). A (lemma, relation)
pair is kept when the content sat there in at least ``--share`` of the verb's uses with such a
dependent, and at least ``--min-count`` times. Only lemmas, relations and counts are written:
the shipped file is a word list, not the corpus.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from spacy.tokens import Doc, Token

from storyline.evaluation.quotes import read_polnear
from storyline.stages.s03_annotate.nlp import load_model


def relation(verb: Token, head: Token) -> str | None:
    """How the content's head hangs on the cue verb, or None if it does not."""
    if head.head.i == verb.i and head.i != verb.i:
        return head.dep_
    if head.head.dep_ == "prep" and head.head.head.i == verb.i:
        return f"prep:{head.head.lower_}"
    return None


def dependents(verb: Token) -> set[str]:
    found = {c.dep_ for c in verb.children}
    found |= {
        f"prep:{c.lower_}" for c in verb.children if c.dep_ == "prep" and any(g.dep_ == "pobj" for g in c.children)
    }
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("data", type=Path, help="PolNeAR folder (or a split folder)")
    parser.add_argument("--split", default="train")
    parser.add_argument("--share", type=float, default=0.5)
    parser.add_argument("--min-count", type=int, default=3)
    args = parser.parse_args()
    articles = read_polnear(args.data, args.split)
    nlp = load_model()
    as_content: Counter[tuple[str, str]] = Counter()
    with_dependent: Counter[tuple[str, str]] = Counter()
    for doc, article in nlp.pipe(((a.text, a) for a in articles), as_tuples=True, batch_size=32):
        seen: set[int] = set()
        for attribution in article.attributions:
            verb = _cue_verb(doc, attribution.cue.start, attribution.cue.end) if attribution.cue else None
            content = doc.char_span(attribution.content.start, attribution.content.end, alignment_mode="expand")
            if verb is None or content is None or verb.i in seen:
                continue
            found = relation(verb, content.root)
            if found:
                seen.add(verb.i)
                as_content[(verb.lemma_.lower(), found)] += 1
        for token in doc:
            if token.pos_ in ("VERB", "AUX"):
                for dep in dependents(token):
                    with_dependent[(token.lemma_.lower(), dep)] += 1
    print("# attribution frames learned from PolNeAR train by train/learn_quote_cues.py")
    print("# lemma relation  # uses with the content there / uses with such a dependent")
    for (lemma, dep), n in sorted(as_content.items()):
        total = max(with_dependent[(lemma, dep)], n)
        if n >= args.min_count and n / total >= args.share:
            print(f"{lemma} {dep}  # {n}/{total}")
    print(f"learned from {len(articles)} articles", file=sys.stderr)


def _cue_verb(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    verbs = [t for t in span if t.pos_ in ("VERB", "AUX")] if span is not None else []
    return verbs[-1] if verbs else None


if __name__ == "__main__":
    main()
