"""The Reuters-21578 stories the event audit draws from: those with political or conflict topics.

A story is chosen when the corpus' own ``people`` field names someone (its tag for the
politicians and officials a story is about) or when its text holds at least two distinct words
of armed conflict. Writes the chosen stories as storyline JSON Lines input, each with its
dateline put back before the body ("TOKYO, March 3 - ..."), as the wire carried it (the corpus
keeps the dateline in a field of its own).

    python bench/audit_stories.py > /tmp/audit-stories.jsonl
    storyline sample-events /tmp/audit-stories.jsonl -n 200 --seed 15 --out bench/audit-issue15.csv
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared/data/corpora/reuters21578/reuters21578.jsonl"
_CONFLICT = re.compile(
    r"\b(attack(?:s|ed)?|troops|war|rebels?|guerrillas?|killed|police|army|military|missiles?|warships?)\b", re.I
)


def political(story: dict[str, object]) -> bool:
    words = {m.lower() for m in _CONFLICT.findall(str(story.get("text", "")))}
    return bool(story.get("people")) or len(words) >= 2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    with args.corpus.open(encoding="utf-8") as lines:
        for line in lines:
            story = json.loads(line)
            if political(story):
                keep = {k: story[k] for k in ("id", "text", "title", "published", "source") if story.get(k)}
                if story.get("dateline"):
                    keep["text"] = f"{story['dateline']} - {keep['text']}"
                sys.stdout.write(json.dumps(keep, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
