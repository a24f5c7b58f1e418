"""Output that a person or a program reads: hostile pack text comes out as text, in every format.

Issue #13, "Output that a person or a program reads". Markdown is checked with GitHub's own
renderer (cmarkgfm, with its extensions: autolinks, tables, strike-through) in its unsafe mode,
so raw HTML would pass straight through if we let it: the rendered HTML may hold only the tags
our own layout makes, without attributes, and its text must be the pack text as written.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options
from hypothesis import given
from hypothesis import strategies as st

from ondermijning.cli import main
from ondermijning.ics import Event, calendar
from ondermijning.render import Document, render
from ondermijning.shown import has_odd, shown

HOSTILE = [
    "<script>alert(1)</script>", '<img src=x onerror="alert(1)">', "[klik](javascript:alert(1))",
    "![pixel](https://tracker.example/p.png)", "https://evil.example/x", "www.evil.example", "mail a@b.example",
    "# kop", "> citaat", "- lijst", "1. genummerd", "---", "===", "| a | b |", "~~doorgestreept~~", "`code`",
    "    ingesprongen", "*nadruk* en _nadruk_", "&lt;entiteit&gt; &#60;", "\x1b]0;venstertitel\x07", "\x1b[2J",
    "regel\r\nvalse regel", "tekst\u202eomgekeerd", "<!-- commentaar -->", "[ref]: https://evil.example",
]
#: text built from the pieces that mean something in Markdown, and any text at all
_PIECES = st.sampled_from(["<", ">", "[", "]", "(", ")", "!", "#", "*", "_", "`", "~", "|", "-", "+", "=", "&", ";",
                           "\\", ":", "/", "@", ".", " ", "\n", "1", "a", "www", "https", "javascript", "\x1b", "é"])
markdownish = st.one_of(st.lists(_PIECES, max_size=30).map("".join), st.text(max_size=40), st.sampled_from(HOSTILE))
ALLOWED_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "li", "code", "hr"}


def _document(text: str) -> Document:
    document = Document()
    document.heading(text, 1)
    document.paragraph(text)
    document.bullets([text, (text, (text,))])
    return document


def _visible(text: str) -> str:
    """What a reader should see for ``text``: whitespace runs one space, control characters escaped."""
    return shown(" ".join(text.split()))


@given(markdownish)
def test_markdown_is_text_for_githubs_renderer(text: str) -> None:
    markdown = render(_document(text), "markdown")
    rendered = cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)
    tags = re.findall(r"<(/?)([a-zA-Z0-9]+)([^>]*)>", rendered)
    assert {name for _close, name, _attrs in tags} <= ALLOWED_TAGS, rendered
    assert all(not attributes.strip() for _close, _name, attributes in tags), rendered
    if _visible(text):
        expected = _visible(text)
        texts = [html.unescape(t) for t in re.findall(r"<(?:h1|p|li)>([^<]*)", rendered.replace("<code>", "")
                                                                                       .replace("</code>", ""))]
        assert texts.count(expected) == 4, (markdown, rendered)


@given(markdownish)
def test_no_format_lets_a_control_character_through(text: str) -> None:
    for fmt in ("text", "markdown", "html"):
        out = render(_document(text), fmt)
        assert not has_odd(out.replace("\n", "").replace("\t", "")), (fmt, out)


def test_ics_text_values_have_no_control_characters() -> None:
    import datetime

    event = Event(uid="u1@ondermijning", summary="titel\x1b[2J\x00\x7f", start=datetime.date(2026, 9, 7),
                  description="regel\r\nvalse: regel\x08\x1b]0;x\x07", location="zaal\u2028twee",
                  categories=("a\x00b",))
    text = calendar([event], name="agenda\x1b")
    body = text.replace("\r\n", "")
    assert not re.search(r"[\x00-\x08\x0a-\x1f\x7f]", body), body  # RFC 5545 §3.3.11: no CONTROL in TEXT
    assert "\\x1b" in body and "regel\\nvalse: regel" in body


DILEMMA = """\
[[dilemma_cards]]
id = "kaart"
title = "Kaart <img src=x onerror=alert(1)> \\u001b]0;titel\\u0007"
situation = "[klik](javascript:alert(1)) ![p](https://tracker.example/p.png)"
values = ["# kop", "> citaat"]
questions = ["<script>alert(1)</script>"]
source = { publication = "Test" }

[[dilemma_cards.options]]
title = "- lijst"
description = "---"
[dilemma_cards.options.consequences]
client = "| a | b |"
system = "~~weg~~"
professional = "www.evil.example"
organisation = "a@b.example"
"""


def _hostile_pack(make_pack: object) -> Path:
    return make_pack("vijand", {"dilemma.toml": DILEMMA})  # type: ignore[operator, no-any-return]


def test_cli_markdown_and_text_carry_no_markup_or_control_characters(
        make_pack: object, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    root = _hostile_pack(make_pack)
    monkeypatch.setenv("ONDERMIJNING_DISABLE_PLUGIN_AUTOLOAD", "1")
    assert main(["--pack", str(root), "dilemma", "vijand/kaart", "--print", "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    rendered = cmarkgfm.github_flavored_markdown_to_html(out, options=Options.CMARK_OPT_UNSAFE)
    assert "<img" not in rendered and "<a " not in rendered and "\x1b" not in out, rendered
    assert main(["--pack", str(root), "dilemma", "--list"]) == 0
    listed = capsys.readouterr().out
    assert "\x1b" not in listed and "\\x1b]0;titel\\x07" in listed


def test_a_plugin_that_prints_keeps_json_output_parseable(capsys: pytest.CaptureFixture[str],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from ondermijning import hookimpl

    class Chatty:
        @hookimpl
        def ondermijning_themes(self) -> list[object]:
            print("hallo van de plugin")
            return []

    from ondermijning import assemble

    original = assemble.load_catalog

    def with_chatty(*args: object, **kwargs: object) -> object:
        return original(*args, plugins=[Chatty()], **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(assemble, "load_catalog", with_chatty)
    assert main(["packs", "--format", "json"]) == 0
    captured = capsys.readouterr()
    json.loads(captured.out)
    assert "hallo van de plugin" in captured.err
