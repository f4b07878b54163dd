"""Write PolNeAR's gold attribution spans as JSON Lines, for training scripts that run outside
storyline's own environment (``train_quote_encoder.py`` runs under PyTorch, not spaCy).

    python train/polnear_spans.py ../shared/data/quotes/polnear train > /tmp/polnear-train.jsonl

One line an article: ``name``, ``text``, and the ``cue``, ``source`` and ``content`` extents
(``[start, end]``, stripped of whitespace, a discontinuous span as its extent, as
``storyline eval quotes`` compares them; ``Content2`` counts as one more content). The output
holds the corpus' text, so it is written to a scratch file, never into the repository.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from storyline.evaluation.quotes import read_polnear


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("polnear", type=Path)
    parser.add_argument("split", choices=("train", "dev"))
    args = parser.parse_args()
    for article in read_polnear(args.polnear, args.split):
        roles: dict[str, set[tuple[int, int]]] = {"cue": set(), "source": set(), "content": set()}
        for attribution in article.attributions:
            for span in (attribution.content, *attribution.more_content):
                roles["content"].add(span.extent)
            for role in ("cue", "source"):
                part = getattr(attribution, role)
                if part is not None:
                    roles[role].add(part.extent)
        line = {"name": article.name, "text": article.text, **{r: sorted(s) for r, s in roles.items()}}
        sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
