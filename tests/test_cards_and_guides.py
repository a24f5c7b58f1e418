"""Dilemma cards and facilitator scripts: walk-throughs, session rules, printable HTML."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from ondermijning import load_catalog
from ondermijning.cli import main
from ondermijning.sessions import check_case_session

CATALOG = load_catalog()
CARD = "nieuwegein/bankpas-uitgeleend"
CASE = "nsob/onzichtbaar-gevolg"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


class Outline(HTMLParser):
    """The tags of a page, in order, with the text of headings and each article's size."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.headings: list[tuple[str, str]] = []
        self.articles = 0
        self._heading: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "article" and ("class", "page") in attrs:
            self.articles += 1
        if tag in ("h1", "h2"):
            self._heading = tag

    def handle_endtag(self, tag: str) -> None:
        if tag == self._heading:
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._heading:
            self.headings.append((self._heading, data))


def outline(page: str) -> Outline:
    parser = Outline()
    parser.feed(page)
    return parser


def test_at_least_ten_cards_listed(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "dilemma", "--list")
    assert code == 0
    assert len([line for line in out.splitlines() if line.startswith("nieuwegein/")]) >= 10


@pytest.mark.parametrize("card_id", sorted(CATALOG.dilemma_cards))
def test_every_card_renders_in_every_format(capsys: pytest.CaptureFixture[str], card_id: str) -> None:
    import html

    card = CATALOG.dilemma_cards[card_id]
    for fmt in ("text", "markdown", "html"):
        code, out, _ = run(capsys, "dilemma", card_id, "--print", "--format", fmt)
        assert code == 0
        flat = " ".join(html.unescape(out).replace("\\", "").split()).lower()
        assert card.title.lower() in flat, fmt
        assert card.options[-1].consequences.organisation[:40].lower() in flat, fmt
    assert len(card.options) >= 2
    assert card.frameworks and card.source.publication


def test_card_html_is_a_printable_page(capsys: pytest.CaptureFixture[str]) -> None:
    _, page, _ = run(capsys, "dilemma", CARD, "--format", "html")
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="nl">' in page
    assert "@media print" in page and "break-after: page" in page
    doc = outline(page)
    assert doc.articles == 1
    headings = [text for tag, text in doc.headings]
    assert headings[0].startswith("Dilemmakaart: ")
    for section in ("Waarden die botsen", "Vragen om af te wegen", "Handelingsopties en hun gevolgen", "Kaders",
                    "Signalen die hierbij kunnen passen", "Routes", "Zo gebruik je de kaart"):
        assert section in headings
    assert doc.tags.count("h1") == 1


def test_all_cards_one_article_per_page(capsys: pytest.CaptureFixture[str]) -> None:
    _, page, _ = run(capsys, "dilemma", "--all", "--format", "html")
    doc = outline(page)
    assert doc.articles == len(CATALOG.dilemma_cards)
    assert doc.tags.count("h1") == len(CATALOG.dilemma_cards)


def test_html_escapes_content() -> None:
    from ondermijning.render import Document, render

    doc = Document()
    doc.heading("<script>alert(1)</script>", 1)
    assert "<script>alert" not in render(doc, "html")


def test_cards_reference_other_packs_and_the_validator_checks_them() -> None:
    card = CATALOG.dilemma_cards[CARD]
    assert all(s in CATALOG.signals for s in card.signals)
    assert all(r in CATALOG.routes for r in card.routes)
    assert card.usage in CATALOG.workshops


def test_walk_through_a_card(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    card = CATALOG.dilemma_cards[CARD]
    answers = iter(["", "", *[""] * len(card.questions), "9", "2"])
    monkeypatch.setattr("builtins.input", lambda _prompt="": next(answers))
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    code, out, _ = run(capsys, "dilemma", "bankpas-uitgeleend")
    assert code == 0
    assert f"Vraag {len(card.questions)} van {len(card.questions)}" in out
    assert "9 staat niet in de lijst" in out
    assert f"Jullie keuze: {card.options[1].title}." in out
    assert "hier wordt niets bewaard" in out


@pytest.mark.english
def test_unknown_card_suggests(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "dilemma", "bankpas-uitgelend", "--print")
    assert code == 2
    assert "did you mean 'nieuwegein/bankpas-uitgeleend'" in err


def test_guide_warns_about_group_size(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "guide", "onzichtbaar-gevolg", "--participants", "7")
    assert code == 0
    assert "7 deelnemers; de leidraad adviseert 4–5 deelnemers" in err
    assert "Let op: 7 deelnemers" in out


def test_guide_within_the_rules_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "guide", CASE, "--participants", "5", "--facilitators", "2")
    assert (code, err) == (0, "")
    assert "De opzet past bij de leidraad: 5 deelnemers, 1 casus." in out
    for step in ("Rollen", "1. Opening", "2. Casus: ", "3. De vier vragen", "4. Afronding", "5. Reflectie"):
        assert step in out
    assert out.count("Vraag ") >= 4


def test_guide_html_structure(capsys: pytest.CaptureFixture[str]) -> None:
    _, page, _ = run(capsys, "guide", CASE, "zorgen-om-zorg", "--format", "html")
    headings = [text for tag, text in outline(page).headings if tag == "h2"]
    assert headings[:3] == ["Opzet van deze bijeenkomst", "Rollen", "1. Opening"]
    assert sum(h.startswith("2.") for h in headings) == 2


def test_session_rules() -> None:
    guide = CATALOG.guides["nsob/gespreksleidraad"]
    assert check_case_session(guide, participants=5, facilitators=2, cases=["a"]) == []
    codes = [p.code for p in check_case_session(guide, participants=3, facilitators=1, cases=["a", "b", "c"])]
    assert codes == ["S001", "S002", "S003"]


@pytest.mark.english
def test_guide_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "guide")[0] == 2
    assert run(capsys, "guide", CASE, "--participants", "0")[0] == 2
    code, _, err = run(capsys, "guide", "nsob/onbekend")
    assert code == 2 and "unknown case" in err


def test_a_municipal_pack_adds_a_card_and_its_references_are_checked(tmp_path: object) -> None:
    from pathlib import Path

    from ondermijning import validate_catalog

    folder = Path(str(tmp_path)) / "stad"
    folder.mkdir()
    (folder / "pack.toml").write_text('[pack]\nid = "stad"\nname = "Stad"\nversion = "1.0.0"\n', encoding="utf-8")
    (folder / "kaarten.toml").write_text('''[[dilemma_cards]]
id = "pakketje"
title = "Een pakketje in de kluis"
situation = "Een leerling bewaart een pakketje voor een ander."
source = { publication = "Gemeente Stad", section = "Casus" }
frameworks = ["core/avg"]
signals = ["deurne/bezittingen-heeft-drugs", "deurne/bezittingen-heeft-drug"]
routes = ["deurne/wijkagent"]
''', encoding="utf-8")
    catalog = load_catalog([folder])
    assert "stad/pakketje" in catalog.dilemma_cards
    (problem,) = [p for p in validate_catalog(catalog) if p.code == "V001"]
    assert "'deurne/bezittingen-heeft-drug'" in problem.message
    assert (problem.file, problem.line) == (str(folder / "kaarten.toml"), 7)


@pytest.mark.english
@pytest.mark.parametrize(("args", "message"), [
    ([CARD, "--all"], "give a card ID or --all, not both"),
    (["--list", "--all"], "give --list or --all, not both"),
    (["--list", CARD], "give --list or a card ID, not both"),
    (["--list", "--print"], "give --list or --print, not both"),
    (["--list", "--format", "html"], "give --list or --format html, not both (--list prints a plain list)"),
])
def test_dilemma_options_that_contradict_each_other_are_usage_errors(
        capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    code, out, err = run(capsys, "dilemma", *args)
    assert (code, out, err) == (2, "", f"ondermijning: error: {message}\n")


@pytest.mark.english
def test_a_case_given_twice_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "guide", CASE, CASE.split("/")[1])  # the same case, qualified and not
    assert (code, out) == (2, "")
    assert err == f"ondermijning: error: case {CASE!r} is given twice; give each case once\n"


@pytest.mark.english
@pytest.mark.parametrize("command", ["dilemma", "guide"])
def test_the_help_has_examples_and_exit_codes(capsys: pytest.CaptureFixture[str], command: str) -> None:
    with pytest.raises(SystemExit):
        main([command, "--help"])
    out = capsys.readouterr().out
    assert f"Examples:\n  ondermijning {command} " in out
    assert "\nExit codes: 0 done" in out
