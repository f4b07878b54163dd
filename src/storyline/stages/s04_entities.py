"""Entities: the model's named-entity mentions, clustered within the document and typed by the cluster.

    "Sergei Lavrov" ... "Lavrov" ... "Lavrov"      -> one PERSON, whatever the model said of each
    "Kyiv" (tagged PERSON)                          -> GPE: a capital is a place
    "Nato" ... "North Atlantic Treaty Organization" -> one ORG

Pronoun and title mentions ("he", "the Ukrainian President") join later (``coref``), once the
actors are known; actor codes come from ``actors``.
"""

from __future__ import annotations

import re
from collections import defaultdict

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from storyline.document.records import Entity, Mention
from storyline.knowledge.actor_dictionary import ActorDictionary
from storyline.knowledge.countries import fold, lookup
from storyline.knowledge.gazetteer import REGION_WORDS, misspelt_country
from storyline.parse.datelines import DATELINE
from storyline.parse.text import text_of
from storyline.stages.stage import Config, Stage, Work

__all__ = ["ENTITY_LABELS", "STAGE", "extract_entities"]

# Numeric and temporal labels are not actors or places (dates go to the time stage).
ENTITY_LABELS = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
)

_LEADING = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:['’]s?|\s)+$")
# "the Bryansk region", "Donetsk Oblast": the administrative word belongs to the place name
# (one-word kinds only: the next token is compared).
_REGION_WORDS = frozenset(w for w in REGION_WORDS if " " not in w)


def extract_entities(doc: Doc, dictionary: ActorDictionary) -> list[Entity]:
    """Entities of the document, ids in order of first mention (E1, E2, ...)."""
    mentions = [m for span in doc.ents if span.label_ in ENTITY_LABELS and (m := _mention(doc, span))]
    _datelines(text_of(doc), mentions)
    _dictionary_names(doc, dictionary, mentions)
    _misspelt_countries(doc, mentions)
    clusters = _cluster(mentions, dictionary)
    entities: list[Entity] = []
    for members in sorted(clusters, key=lambda ms: min(m.start for m in ms)):
        name = _canonical(members)
        entities.append(
            Entity(id=f"E{len(entities) + 1}", name=name, type=_type(members, name, dictionary), mentions=members)
        )
    _untagged_surnames(doc, entities)
    _untagged_repeats(doc, entities)
    return entities


def _dictionary_names(doc: Doc, dictionary: ActorDictionary, mentions: list[Mention]) -> None:
    """A name of the actor dictionary, capitalised in the text, is a mention where the model
    tagged nothing there ("Arnor" in a user's dictionary of fictional states), or where it ran
    names together or took them for a title ("Gondor and Osgiliath" as a WORK_OF_ART)."""
    matcher = _name_matcher(dictionary, doc.vocab)
    found = sorted(matcher(doc), key=lambda match: (match[1], match[1] - match[2]))
    spans = [doc[start:end] for _, start, end in found]
    for m in [m for m in mentions if any(_overlap(m, s) and _run_together(m, s) for s in spans)]:
        mentions.remove(m)
    for (label, _, _), span in zip(found, spans, strict=True):
        if span[0].text[:1].isupper() and not any(_overlap(m, span) for m in mentions):
            mentions.append(Mention(span.start_char, span.end_char, span.text, doc.vocab.strings[label]))


def _misspelt_countries(doc: Doc, mentions: list[Mention]) -> None:
    """ "Ethopia has agreed": a proper noun the model left untagged that is a misspelt country's
    name or demonym (:func:`misspelt_country`) is a mention of it."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    for token in doc:
        if token.pos_ != "PROPN" or len(token) < 6 or not token.is_alpha or not token.text[0].isupper():
            continue
        if token.idx in covered or not (country := misspelt_country(token.text)):
            continue
        label = "NORP" if country.kind == "demonym" else "GPE"
        mentions.append(Mention(token.idx, token.idx + len(token), token.text, label))


def _overlap(mention: Mention, span: Span) -> bool:
    return mention.start < span.end_char and span.start_char < mention.end


def _run_together(mention: Mention, name: Span) -> bool:
    """A model mention that holds a dictionary name and more, joined by "and" or a comma, or
    that the model took for a kind of thing no actor is."""
    longer = len(mention.text) > len(name.text)
    return longer and (mention.label in _NOT_ACTORS or bool(re.search(r",| and | or ", mention.text)))


_NOT_ACTORS = frozenset({"WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "LANGUAGE"})
_MATCHERS: dict[tuple[int, int], tuple[ActorDictionary, PhraseMatcher]] = {}


def _name_matcher(dictionary: ActorDictionary, vocab: Vocab) -> PhraseMatcher:
    """One case-blind phrase matcher per dictionary and vocabulary, built on first use."""
    key = (id(dictionary), id(vocab))
    if key not in _MATCHERS:
        matcher = PhraseMatcher(vocab, attr="LOWER")
        by_label: dict[str, list[Doc]] = defaultdict(list)
        for alias, label in dictionary.names.items():
            by_label[label].append(Doc(vocab, words=re.findall(r"\w+(?:[.'’]\w+)*\.?|[^\w\s]", alias)))
        for label, docs in by_label.items():
            matcher.add(label, docs)
        _MATCHERS[key] = (dictionary, matcher)  # the dictionary kept alive, so its id stays its own
    return _MATCHERS[key][1]


def _untagged_repeats(doc: Doc, entities: list[Entity]) -> None:
    """A one-word place or organisation name the model tagged once but missed elsewhere
    ("... in Kyiv. Kyiv rejected the proposal."): a proper-noun token spelled the same joins it."""
    covered = {i for e in entities for m in e.mentions for i in range(m.start, m.end)}
    names: dict[str, list[Entity]] = defaultdict(list)
    for entity in entities:
        if entity.type in ("GPE", "LOC", "ORG", "NORP") and " " not in entity.name:
            names[entity.name].append(entity)
    for token in doc:
        found = names.get(token.text)
        if found and len(found) == 1 and token.pos_ == "PROPN" and token.idx not in covered:
            found[0].mentions.append(Mention(token.idx, token.idx + len(token), token.text, found[0].type))


def _untagged_surnames(doc: Doc, entities: list[Entity]) -> None:
    """A person's surname where the model tagged nothing: "Lena Voss spoke ... Voss said no."

    Only a proper-noun token spelled exactly as the surname of one person named in full counts;
    with two people of that surname in the story, it is left alone.
    """
    covered = {i for e in entities for m in e.mentions for i in range(m.start, m.end)}
    by_surname: dict[str, list[Entity]] = defaultdict(list)
    for entity in entities:
        parts = entity.name.split()
        if entity.type == "PERSON" and len(parts) > 1:
            by_surname[parts[-1]].append(entity)
    for token in doc:
        people = by_surname.get(token.text)
        if people and len(people) == 1 and token.pos_ == "PROPN" and token.idx not in covered:
            people[0].mentions.append(Mention(token.idx, token.idx + len(token), token.text, "PERSON"))


def _datelines(text: str, mentions: list[Mention]) -> None:
    """Dateline places are places, whatever the model tagged them (it often says ORG)."""
    from storyline.knowledge.gazetteer import gazetteer  # the place index is built once per process, and only if needed

    for m in DATELINE.finditer(text):
        start, end = m.span("place")
        if not gazetteer().lookup(m.group("place")):
            continue
        overlapping = [x for x in mentions if x.start < end and start < x.end]
        for x in overlapping:
            x.label = "GPE"
        if not overlapping:
            mentions.append(Mention(start, end, m.group("place"), "GPE"))


def _mention(doc: Doc, span: Span) -> Mention | None:
    """The span without a leading "the" or a trailing possessive; a place's "region" joined on."""
    text, start = span.text, span.start_char
    lead = _LEADING.match(text)
    if lead:
        start += lead.end()
        text = text[lead.end() :]
    tail = _POSSESSIVE.search(text)
    if tail and tail.start() > 0:
        text = text[: tail.start()]
    if span.label_ in ("GPE", "LOC") and span.end < len(doc) and doc[span.end].lower_ in _REGION_WORDS:
        text = text_of(doc)[start : doc[span.end].idx + len(doc[span.end])]
    return Mention(start, start + len(text), text, span.label_) if text else None


def _tokens(text: str) -> list[str]:
    return fold(text).split()


def _cluster(mentions: list[Mention], dictionary: ActorDictionary) -> list[list[Mention]]:
    """Group mentions: same name; a surname or first name of a person named in full; an acronym."""
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        org = dictionary.org(m.text)
        key = "org:" + org.name if org else fold(m.text)
        groups[key].append(m)
    people = [k for k, ms in groups.items() if len(k.split()) > 1 and _votes_person(ms, k, dictionary)]
    for key in [k for k in groups if len(k.split()) == 1 and not k.startswith("org:")]:
        if lookup(key) or dictionary.seat(key):
            continue  # "Georgia" is a country even where a Georgia Smith is named
        hosts = [p for p in people if key in (p.split()[0], p.split()[-1])]
        if not hosts:
            continue
        for m in groups.pop(key):
            # with two Trumps in the story, the one named last before this mention
            before = [h for h in hosts if any(x.start < m.start for x in groups[h])]
            host = max(
                before or hosts, key=lambda h: max((x.start for x in groups[h] if x.start < m.start), default=-1)
            )
            groups[host].append(m)
    _merge_acronyms(groups)
    return list(groups.values())


def _votes_person(members: list[Mention], key: str, dictionary: ActorDictionary) -> bool:
    if dictionary.person(key):
        return True
    return sum(m.label == "PERSON" for m in members) * 2 >= len(members)


def _merge_acronyms(groups: dict[str, list[Mention]]) -> None:
    """ "EU" joins "European Union": an all-caps name equal to another's initials."""
    initials = {
        "".join(w[0] for w in k.split() if w not in ("of", "the", "and", "for")): k
        for k in groups
        if len(k.split()) > 1 and not k.startswith("org:")
    }
    for key in [k for k in groups if k.upper() == k.upper() and len(k) <= 5 and k in initials]:
        members = groups[key]
        if all(m.text.isupper() for m in members) and initials[key] in groups:
            groups[initials[key]].extend(groups.pop(key))


def _canonical(members: list[Mention]) -> str:
    """The longest proper name in the cluster (its first spelling, if several are as long)."""
    names = [m for m in members if m.label not in ("PRON", "TITLE")]
    return max(names, key=lambda m: (len(m.text.split()), len(m.text), not m.text.isupper(), -m.start)).text


def _type(members: list[Mention], name: str, dictionary: ActorDictionary) -> str:
    """What knowledge says the name is, else a vote in which full names count double."""
    if dictionary.person(name):
        return "PERSON"
    if dictionary.org(name):
        return "ORG"  # "Boko Haram", whatever the model took it for
    country = lookup(name)
    if country:
        return "NORP" if country.kind == "demonym" else "GPE"  # "Bosnian Serbs" too
    full = [m for m in members if len(m.text.split()) > 1]
    if any(m.label == "PERSON" for m in full) and all(m.label == "PERSON" for m in full):
        return "PERSON"  # "Sergei Lavrov" named in full; the model's ORG on a bare "Lavrov" is its error
    if dictionary.seat(name):
        return "FAC"
    votes: dict[str, float] = defaultdict(float)
    for m in members:
        votes[m.label] += 2.0 if len(m.text.split()) > 1 else 1.0
    return max(votes, key=lambda label: (votes[label], label == "PERSON"))


def _entities(work: Work, config: Config) -> None:
    work.entities = extract_entities(work.parsed, config.dictionary)


STAGE = Stage(
    "entities",
    _entities,
    requires=("doc",),
    assigns=("entities",),
    about="the model's named entities, clustered in the document and typed by the cluster",
)
