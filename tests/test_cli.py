"""The command line, through the real entry point (``python -m storyline``)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from storyline import __version__
from storyline.app.cli import cli
from storyline.app.reporting import Progress

from .conftest import SAMPLES, SEED, need


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "storyline", *args], input=stdin, capture_output=True, text=True, timeout=300
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], ["storyline process article.txt --published", "process", "show", "schema", "bench"]),
        (["process"], ["INPUT is a text or HTML file", "--published YYYY-MM-DD", "--skips", "--workers", "Examples:"]),
        (["show"], ["Summarise documents"]),
        (["bench"], ["ratio", "--data PATH"]),
    ],
)
def test_help_is_useful(args: list[str], expected: list[str]) -> None:
    result = CliRunner().invoke(cli, [*args, "--help"])
    assert result.exit_code == 0
    for text in expected:
        assert text in result.output


def test_version() -> None:
    assert run("--version").stdout.strip() == f"storyline, version {__version__}"


def test_seed_to_one_indented_document() -> None:
    result = run("process", str(need(SEED)), "--published", "2025-08-23")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith('{\n  "schema": "storyline.document/1"')
    doc = json.loads(result.stdout)
    assert doc["article"]["published"] == "2025-08-23"
    assert len(doc["captions"]) == 3
    assert result.stderr == ""  # one article: no progress or summary noise


def test_stdin_and_overrides() -> None:
    text = "Officials in Nairobi said on Tuesday that Kenya would reopen its border with Somalia next month."
    result = run("process", "-", "--title", "Border", "--url", "https://example.org/b", "--source", "Wire", stdin=text)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["article"]["title"] == "Border" and doc["article"]["source"] == "Wire"
    assert doc["article"]["url"] == "https://example.org/b"
    assert doc["text"] == text


def test_folder_to_json_lines_with_summary(tmp_path: Path) -> None:
    skips = tmp_path / "skips.jsonl"
    result = run("process", str(SAMPLES), "--validate", "--skips", str(skips))
    assert result.returncode == 0, result.stderr
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(docs) == 6
    assert {d["article"]["title"] for d in docs} >= {"Dockworkers' strike halts exports at Brazil's largest port"}
    assert "storyline: 6 documents, 0 skipped" in result.stderr
    assert skips.read_text() == ""
    # show reads what process wrote
    out = tmp_path / "docs.jsonl"
    out.write_text(result.stdout)
    shown = run("show", str(out))
    assert shown.returncode == 0 and shown.stdout.count("== ") == 6
    assert "credit: Jane Roe/Reuters" in shown.stdout


def test_schema_command_prints_the_schema() -> None:
    result = CliRunner().invoke(cli, ["schema"])
    assert json.loads(result.output)["title"] == "storyline.document/1"


def test_bench_reports_a_ratio() -> None:
    result = run("bench", "--data", str(SAMPLES), "--limit", "3", "--repeat", "1", "--json")
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["articles"] == 3 and figures["words"] > 300
    assert figures["ratio"] > 0 and figures["model_wps"] > 0 and figures["peak_rss_mb"] > 50
    assert 0 < figures["budget_used_p99"] <= figures["budget_used_max"] < 1  # every article within its time budget


def test_unknown_option_is_one_line() -> None:
    result = run("process", "--no-such-flag", "x.txt")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "storyline: error: No such option: --no-such-flag (see 'storyline process --help')"
    ]


def test_actors_option_extends_the_dictionary(tmp_path: Path) -> None:
    actors = tmp_path / "actors.toml"
    actors.write_text(
        '[[person]]\nname = "Lena Voss"\noffices = [{ country = "DEU", sector = "GOV", role = "chancellor" }]\n'
    )
    result = run("process", "-", "--actors", str(actors), stdin="Lena Voss spoke in Berlin on Monday. Voss said no.")
    assert result.returncode == 0, result.stderr
    (voss,) = [e for e in json.loads(result.stdout)["entities"] if e["name"] == "Lena Voss"]
    assert voss["actor"]["code"] == "DEUGOV" and voss["actor"]["role"] == "chancellor"
    assert len(voss["mentions"]) == 2
    missing = run("process", "-", "--actors", str(tmp_path / "nope.toml"), stdin="Text.")
    assert missing.returncode == 2 and "nope.toml" in missing.stderr


def test_lexicon_option_extends_the_event_lexicon(tmp_path: Path) -> None:
    lexicon = tmp_path / "lexicon.toml"
    lexicon.write_text('[patterns]\n"snub" = [{ match = "* (envoy|ambassador)", code = "161" }]\n')  # not "120"
    text = "Germany snubbed the envoy of Chile on Monday."
    plain = run("process", "-", "--published", "2025-08-23", stdin=text)
    assert plain.returncode == 0 and [e["cameo"] for e in json.loads(plain.stdout)["events"]] == ["120"]
    result = run("process", "-", "--published", "2025-08-23", "--lexicon", str(lexicon), stdin=text)
    assert result.returncode == 0, result.stderr
    assert [e["cameo"] for e in json.loads(result.stdout)["events"]] == ["161"]
    bad = tmp_path / "bad.toml"
    bad.write_text('[patterns]\n"snub" = [{ match = "* envoy", code = "999" }]\n')
    refused = run("process", "-", "--lexicon", str(bad), stdin=text)
    assert refused.returncode != 0 and "999" in refused.stderr


def test_quotes_option_picks_the_finder() -> None:
    text = "“The bridge will reopen in May,” Maria Lopez said on Tuesday."
    for method in ("accurate", "fast", "frames", "rules"):
        result = CliRunner().invoke(cli, ["process", "-", "--published", "2025-08-23", "--quotes", method], input=text)
        assert result.exit_code == 0, result.output
        (quote,) = json.loads(result.stdout)["quotes"]
        assert quote["cue"]["text"] == "said"
    wrong = CliRunner().invoke(cli, ["process", "-", "--quotes", "bert"], input=text)
    assert wrong.exit_code != 0
    assert "bert" in wrong.output


def test_ingest_takes_process_options_declared_once() -> None:
    """--skips, --quotes, --time-budget, --actors and --lexicon mean on ingest what they mean on process."""
    shared = ("--skips", "--quotes", "--time-budget", "--actors", "--lexicon")
    process, ingest = (cli.commands[name] for name in ("process", "ingest"))

    def declared(command: click.Command) -> dict[str, tuple[object, ...]]:
        options = [p for p in command.params if isinstance(p, click.Option)]
        return {o: (p.name, p.help, p.default, repr(p.type), p.multiple) for p in options for o in p.opts}

    assert all(option in declared(ingest) for option in shared)
    assert {o: declared(ingest)[o] for o in shared} == {o: declared(process)[o] for o in shared}
    helped = CliRunner().invoke(cli, ["ingest", "--help"])
    assert helped.exit_code == 0 and "--progress-every SECONDS" in helped.output and "Exit codes: 0" in helped.output


def test_progress_off_a_terminal_is_a_line_every_few_seconds() -> None:
    """A logged or nohup run is not silent (issue 26): tqdm's bar needs a terminal, so elsewhere
    the meter is a line of its own, at most one per ``every`` seconds (the clock is the test's)."""
    ticks = iter([0.0, 4.0, 12.0, 13.0, 30.0])
    out = io.StringIO()
    progress = Progress("storyline ingest", 1000, every=10, stream=out, clock=lambda: next(ticks))
    progress.update(60, "0 skipped")  # at 4 s: too soon
    progress.update(120, "3 skipped")
    progress.update(130, "3 skipped")  # at 13 s: too soon after the last line
    progress.update(500, "")
    progress.write("storyline: skipped x.txt: empty: the input is empty")
    assert out.getvalue().splitlines() == [
        "storyline ingest: 120/1,000 articles (12%), 10.0 articles/s, 00:12 elapsed, 01:28 left, 3 skipped",
        "storyline ingest: 500/1,000 articles (50%), 16.7 articles/s, 00:30 elapsed, 00:30 left",
        "storyline: skipped x.txt: empty: the input is empty",
    ]
    unknown = io.StringIO()
    clock = iter([0.0, 20.0])
    Progress("storyline ingest", None, stream=unknown, clock=lambda: next(clock)).update(7)
    assert unknown.getvalue() == "storyline ingest: 7 articles, 0.3 articles/s, 00:20 elapsed\n"
    quiet = io.StringIO()
    Progress("storyline ingest", 10, every=0, show=False, stream=quiet).update(3)
    assert quiet.getvalue() == ""


def test_progress_says_the_run_is_alive_while_no_article_finishes() -> None:
    """Articles finish a batch of the parse at a time, minutes apart: the run's thread ticks between."""
    ticks = iter([0.0, 11.0, 15.0, 25.0])
    out = io.StringIO()
    progress = Progress("storyline ingest", 64, stream=out, clock=lambda: next(ticks))
    for _ in range(3):
        progress.tick()  # what the thread does every 10 s
    assert out.getvalue().splitlines() == [
        "storyline ingest: 0/64 articles (0%), 0.0 articles/s, 00:11 elapsed",
        "storyline ingest: 0/64 articles (0%), 0.0 articles/s, 00:25 elapsed",
    ]
