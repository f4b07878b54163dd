"""A document depends only on its article and the storyline version: the same article gives the
same JSON whether it is processed alone, in batches of any size beside any neighbours in any
order, or with worker processes; for each quote tagger (issue 26, item 3)."""

from __future__ import annotations

import itertools
import json
import random
from collections.abc import Sequence

import pytest

import storyline
from storyline import Article, Document
from storyline.readers import read_inputs

from .conftest import REUTERS, SAMPLES

# Short news texts written for this test: datelines, direct, mixed and indirect quotes with
# curly and straight marks, a transcript, a refusal to comment, a brief with no quote, and two
# long enough for several of the accurate tagger's windows (256 wordpieces, half overlapping).
_TEXTS = {
    "summit": (
        "GENEVA, March 4 (Wire) - Foreign ministers from Armenia and Azerbaijan met in Geneva on Tuesday "
        "for a third round of talks on their shared border, officials from both sides said.\n"
        "“We have made real progress on the maps,” Armenia’s foreign minister told reporters after the "
        "meeting. “But nobody should expect a treaty this month.”\n"
        "Azerbaijan’s delegation said in a statement that the talks had been “frank and useful” and that "
        "experts would meet again in Vienna next week."
    ),
    "arrests": (
        "Police in Nairobi arrested 43 people on Saturday after protesters blocked the main road to the "
        "airport for several hours, a police spokesman said.\n"
        "The spokesman, Daniel Mwangi, said officers had used tear gas only after demonstrators threw stones. "
        "Organisers of the march denied that and accused the police of firing first.\n"
        "Kenya's interior ministry did not respond to a request for comment."
    ),
    "budget": (
        "Finance Minister Carla Ruiz said on Wednesday that Spain would cut its deficit to 2.5 percent of "
        "output next year, according to a draft budget seen by reporters.\n"
        '"The numbers are prudent and they are credible," Ruiz said at a news conference in Madrid. '
        "Opposition leaders said the plan relied on optimistic growth forecasts and called for a vote "
        "in parliament before the end of the month."
    ),
    "transcript": (
        "The following is an excerpt from Sunday's interview on national radio.\n"
        "HOST: Will the government raise fuel prices again this year?\n"
        "MINISTER: We have no such plans. Prices depend on the world market, and we will protect "
        "families who drive to work.\n"
        "HOST: And the strike at the refinery?\n"
        "MINISTER: I spoke to the union leaders on Friday. They want a deal, and so do we."
    ),
    "brief": (
        "The central bank of Chile kept its benchmark interest rate at 5.75 percent on Thursday, "
        "its fourth hold in a row."
    ),
    "court": (
        "A court in Warsaw on Monday sentenced a former deputy mayor to three years in prison for taking "
        "bribes from construction firms.\n"
        "Judge Anna Nowak said the evidence was “overwhelming” and that the defendant had shown no "
        "remorse. His lawyer said he would appeal, calling the verdict “a political decision.”\n"
        "The prosecutor's office declined to comment on whether others would be charged."
    ),
    "floods": (
        "DHAKA, July 19 - Floods in northern Bangladesh have killed at least 28 people and forced more than "
        "200,000 from their homes, the disaster management ministry said on Friday.\n"
        "Rivers rose after a week of heavy monsoon rain, and the army was sent to help evacuate villages in "
        "Sylhet and Sunamganj districts.\n"
        '"The water came at night and we lost everything," said Rahima Begum, a farmer who reached a '
        'shelter in Sylhet with her three children. "We had no time to take the rice or the goats."\n'
        "The ministry said the rain was expected to ease by Sunday, but warned that rivers in the south could "
        "still burst their banks. India's weather office said more rain would fall in the hills of Assam and "
        "Meghalaya, upstream of Bangladesh, over the next two days.\n"
        "Aid agencies said clean water was the most urgent need. The United Nations children's agency said "
        "it had sent water purification tablets for 50,000 families and was setting up medical camps.\n"
        "Prime Minister Sheikh Hasina visited a shelter in Sylhet on Thursday and promised that every family "
        'would receive food and cash. "No one will go hungry," she told residents. Critics said the '
        "government had ignored warnings from engineers that the embankments along the Surma river were "
        "weak, and called for an inquiry.\n"
        "Officials said damage to crops could cost the country more than $300 million. The agriculture "
        "minister said seeds would be handed out free to farmers whose fields had been flooded, so that they "
        "could plant again when the water went down.\n"
        "Bangladesh, a low-lying delta nation of 170 million people, is among the countries most exposed to "
        "climate change, and scientists say floods there are becoming more frequent and more severe."
    ),
    "election": (
        "Voters in Ghana chose a new president on Saturday in an election that observers said was "
        "peaceful and orderly.\n"
        "The electoral commission said turnout was about 70 percent and that results would be announced "
        "within 72 hours. Its chairwoman, Jean Mensa, told journalists in Accra that the count was going "
        "well. “Every vote will be counted in public,” she said, “and every party has agents at every "
        "polling station.”\n"
        "The opposition candidate said his party had recorded irregularities in several constituencies in "
        "the Ashanti region, but gave no details. The ruling party rejected the claim and said its rival "
        "was preparing excuses for a defeat.\n"
        "African Union observers said in a preliminary report that voting had been transparent, although "
        "some polling stations opened late because ballot papers arrived after dawn. The head of the "
        "mission, a former president of Botswana, urged both camps to wait for the official results and "
        "to take any dispute to the courts rather than the streets.\n"
        "“Ghana has shown the region how to hold an election,” he said. “Now it must show how to accept "
        "one.”\n"
        "Markets were calm. The cedi was steady against the dollar on Friday, and traders said investors "
        "were watching for the new government's plans for the country's debt, which was restructured "
        "last year under a deal with the International Monetary Fund."
    ),
}
_PUBLISHED = "2025-03-04"
# Reuters-21578 stories, long and short, with quotes and without (reuters-13 is a results table)
_REUTERS = ("reuters-1", "reuters-13", "reuters-17", "reuters-28", "reuters-32")
_METHODS = ("accurate", "fast")


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    if not REUTERS.exists():
        pytest.skip(f"{REUTERS} is absent (the shared development data is not checked out beside the repo)")
    wanted = set(_REUTERS)
    reuters = [
        a for a in itertools.islice(read_inputs([REUTERS]), 40) if isinstance(a, Article) and a.input_id in wanted
    ]
    assert sorted(a.input_id or "" for a in reuters) == sorted(wanted)
    page = [a for a in read_inputs([SAMPLES / "port-strike.html"]) if isinstance(a, Article)]  # a page with captions
    own = [Article.create(text, published=_PUBLISHED, input_id=name) for name, text in _TEXTS.items()]
    return [*own, *reuters, *page]


def _documents(articles: Sequence[Article], quotes: str, batch_size: int, workers: int = 1) -> dict[str, str]:
    """Each article's document as JSON, by the article's id (no time budget: a loaded machine
    must not turn a document into a timeout skip)."""
    results = storyline.process_many(articles, quotes=quotes, batch_size=batch_size, workers=workers, time_budget=0)
    found: dict[str, str] = {}
    for article, result in zip(articles, results, strict=True):
        assert isinstance(result, Document), f"{article.where}: {result}"
        found[article.id] = result.to_json()
    return found


@pytest.fixture(scope="module", params=_METHODS)
def alone(request: pytest.FixtureRequest, articles: list[Article]) -> tuple[str, dict[str, str]]:
    """The quote method, and each article's document when it is processed alone."""
    quotes: str = request.param
    documents: dict[str, str] = {}
    for article in articles:
        documents.update(_documents([article], quotes, batch_size=1))
    quoted = [a.input_id for a in articles if json.loads(documents[a.id])["quotes"]]
    assert len(quoted) >= 10, f"--quotes {quotes} found quotes only in {quoted}: too little to compare"
    return quotes, documents


def _differences(articles: Sequence[Article], expected: dict[str, str], got: dict[str, str]) -> list[str]:
    """Each article whose document changed, with the fields that changed and their sizes."""
    found = []
    for article in articles:
        if expected[article.id] == got[article.id]:
            continue
        before, after = json.loads(expected[article.id]), json.loads(got[article.id])
        fields = [
            f"{key} ({len(before[key]) if isinstance(before[key], list) else '-'} -> "
            f"{len(after[key]) if isinstance(after[key], list) else '-'})"
            for key in before
            if before[key] != after.get(key)
        ]
        found.append(f"{article.input_id or article.where}: {', '.join(fields)}")
    return found


def _arranged(articles: list[Article], order: str) -> list[Article]:
    if order == "reversed":
        return articles[::-1]
    if order == "shuffled":
        return random.Random(26).sample(articles, len(articles))
    return list(articles)


@pytest.mark.parametrize(
    ("batch_size", "order", "workers"),
    [
        (2, "given", 1),
        (3, "reversed", 1),
        (7, "shuffled", 1),
        (64, "given", 1),  # the default batch: every article beside every other
        (3, "shuffled", 2),
        (7, "reversed", 2),
    ],
)
def test_documents_do_not_depend_on_their_neighbours(
    articles: list[Article], alone: tuple[str, dict[str, str]], batch_size: int, order: str, workers: int
) -> None:
    quotes, expected = alone
    arranged = _arranged(articles, order)
    got = _documents(arranged, quotes, batch_size=batch_size, workers=workers)
    changed = _differences(arranged, expected, got)
    assert not changed, f"--quotes {quotes}, batches of {batch_size}, {order} order, {workers} worker(s): " + "; ".join(
        changed
    )
