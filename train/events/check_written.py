"""Check the hand-written event sentences: every line parses, every trigger, source and target is
a substring of its text, every root is a CAMEO root (01-20).

    python train/events/check_written.py train/events/written/*.jsonl
"""

from __future__ import annotations

import json
import sys
from collections import Counter

ROOTS = {f"{n:02d}" for n in range(1, 21)}


def problems(path: str) -> tuple[list[str], Counter[str]]:
    found: list[str] = []
    roots: Counter[str] = Counter()
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            where = f"{path}:{number}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                found.append(f"{where}: not JSON ({error})")
                continue
            text = row.get("text")
            if not isinstance(text, str) or not text.strip():
                found.append(f"{where}: no text")
                continue
            events = row.get("events")
            if not isinstance(events, list):
                found.append(f"{where}: events is not a list")
                continue
            if not events:
                roots["none"] += 1
            for event in events:
                root = event.get("root")
                if root not in ROOTS:
                    found.append(f"{where}: root {root!r} is not 01-20")
                roots[str(root)] += 1
                trigger = event.get("trigger")
                if not isinstance(trigger, str) or len(trigger.split()) != 1 or trigger not in text:
                    found.append(f"{where}: trigger {trigger!r} is not one word of the text")
                for role in ("source", "target"):
                    value = event.get(role)
                    if value is not None and (not isinstance(value, str) or value not in text):
                        found.append(f"{where}: {role} {value!r} is not in the text")
    return found, roots


def main() -> int:
    total: Counter[str] = Counter()
    bad = 0
    for path in sys.argv[1:]:
        found, roots = problems(path)
        total.update(roots)
        bad += len(found)
        for problem in found:
            print(problem)
    print("per root:", dict(sorted(total.items())))
    print(f"{sum(total.values())} events/negatives, {bad} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
