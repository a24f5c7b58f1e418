"""A document is a list of blocks (headings, paragraphs, bullet lists); each format renders it.

Content code builds one :class:`Document`; ``render(doc, "text" | "markdown" | "html")`` lays it
out, so the words live in one place whatever the output. ``render_many`` puts several documents
in one output: in HTML each is an ``<article>`` printed on a page of its own.

Every text in a document may come from a pack, so none of it is trusted: in every format control
characters are shown as visible escapes (:func:`ondermijning.shown.shown`), in HTML the text is
escaped, and in Markdown it is escaped as Markdown *text*: no raw HTML, no links, images or
autolinks, no emphasis or code, and nothing at the start of a line that starts a block (a
heading, quote, list, rule, table or code block). What a viewer renders is the text as written.
Output is bounded: a document larger than :data:`ondermijning.fileio.MAX_OUTPUT_BYTES` is refused.
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Sequence

import attrs

from ..fileio import check_output
from ..i18n import _, language
from ..shown import shown

WIDTH = 88
FORMATS = ("text", "markdown", "html")

#: a bullet, or a bullet with indented sub-lines
Item = str | tuple[str, tuple[str, ...]]


@attrs.frozen
class Block:
    kind: str  # "heading" | "paragraph" | "bullets" | "fields"
    text: str = ""
    level: int = 1
    items: tuple[Item, ...] = ()


@attrs.define
class Document:
    blocks: list[Block] = attrs.Factory(list)

    def heading(self, text: str, level: int = 2) -> None:
        self.blocks.append(Block("heading", text, level))

    def paragraph(self, text: str) -> None:
        if text:
            self.blocks.append(Block("paragraph", text))

    def bullets(self, items: Sequence[Item]) -> None:
        if items:
            self.blocks.append(Block("bullets", items=tuple(items)))


def render(document: Document, fmt: str) -> str:
    """One document as text, Markdown or a complete HTML page."""
    return render_many([document], fmt)


def render_many(documents: Sequence[Document], fmt: str) -> str:
    """Several documents in one output; in HTML one per printed page.

    Raises :class:`~ondermijning.fileio.OutputTooLarge` when the output would pass the limit.
    """
    if fmt not in FORMATS:
        raise ValueError(_("onbekend formaat {format!r}: kies uit {choices}").format(format=fmt,
                                                                                   choices=", ".join(FORMATS)))
    if fmt == "html":
        out = _html_page(documents)
    else:
        parts, size = [], 0
        for document in documents:  # checked as it grows: a huge output is refused before it is all built
            part = _markdown(document) if fmt == "markdown" else _text(document)
            size += len(part)
            check_output(size, _("het document"))
            parts.append(part)
        out = ("\n---\n\n" if fmt == "markdown" else "\n\n").join(parts)
    check_output(len(out), _("het document"))
    return out


def _wrap(text: str, indent: str = "", hanging: str | None = None) -> str:
    return textwrap.fill(text, WIDTH, initial_indent=indent,
                         subsequent_indent=hanging if hanging is not None else indent,
                         break_on_hyphens=False)


def _plain(text: str) -> str:
    """Pack text as one line that cannot steer a terminal: whitespace runs one space, controls escaped."""
    return shown(" ".join(text.split()))


def _text(document: Document) -> str:
    out: list[str] = []
    for block in document.blocks:
        if block.kind == "heading":
            if out and out[-1]:
                out.append("")
            title = _plain(block.text)
            out.append(title.upper() if block.level == 1 else title)
            out.append(("=" if block.level == 1 else "-") * min(len(title), WIDTH))
        elif block.kind == "paragraph":
            out.append(_wrap(_plain(block.text)))
        else:
            for item in block.items:
                head, subs = (item, ()) if isinstance(item, str) else item
                out.append(_wrap(_plain(head), "  - ", "    "))
                out.extend(_wrap(_plain(sub), "      ") for sub in subs)
        out.append("") if block.kind == "paragraph" else None
    return "\n".join(out).rstrip() + "\n"


#: ASCII punctuation that means something inside a Markdown line (CommonMark and GitHub's extensions):
#: emphasis, code, links and images, raw HTML and entities, strike-through, tables, headings
_INLINE = re.compile(r"[\\`*_\[\]<>#&~|]")
#: what GitHub turns into a link without any markup: "https://", "www.", and e-mail addresses
_AUTOLINK = re.compile(r"(?i)(?<=[a-z0-9])(:)(?=//)|\b(www)(\.)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
#: what starts a block at the start of a line: a quote, list item, rule, setext underline, ordered item
_BLOCK_START = re.compile(r"[>+\-=]|\d+[.)]")


def _escape_part(text: str) -> str:
    text = _INLINE.sub(lambda m: "\\" + m.group(), text)
    return _AUTOLINK.sub(lambda m: "\\:" if m.group(1) else m.group(2) + "\\.", text)


def _escape(text: str) -> str:
    """Pack text as Markdown *text*: one line, every character that could mean markup backslash-escaped.

    CommonMark lets any ASCII punctuation be escaped with a backslash and then shows it as it
    is, so a viewer shows ``<script>`` or ``[x](javascript:...)`` as those characters and runs,
    loads or links nothing. An e-mail address becomes a code span: GitHub links addresses after
    escapes are resolved, but never inside code.
    """
    line, parts, at = _plain(text), [], 0
    for email in _EMAIL.finditer(line):
        parts += [_escape_part(line[at:email.start()]), f"`{email.group()}`"]
        at = email.end()
    line = "".join([*parts, _escape_part(line[at:])])
    start = _BLOCK_START.match(line)
    if start:  # "- x", "> x", "1. x", "---": text, not a list, quote or rule
        line = line[: start.end() - 1] + "\\" + line[start.end() - 1:]
    return line


def _markdown(document: Document) -> str:
    out: list[str] = []
    for block in document.blocks:
        if block.kind == "heading":
            out += ["#" * block.level + " " + _escape(block.text), ""]
        elif block.kind == "paragraph":
            out += [_escape(block.text), ""]
        else:
            for item in block.items:
                head, subs = (item, ()) if isinstance(item, str) else item
                out.append("- " + _escape(head))
                out.extend("  - " + _escape(sub) for sub in subs)
            out.append("")
    return "\n".join(out).rstrip() + "\n"


PRINT_CSS = """
@page { size: A4; margin: 18mm 16mm; }
body { font-family: "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; font-size: 11pt;
       line-height: 1.45; color: #111; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 17pt; border-bottom: 2px solid #222; padding-bottom: .3em; margin-top: 0; }
h2 { font-size: 12.5pt; margin: 1.3em 0 .4em; }
ul { padding-left: 1.3em; } ul ul { list-style: circle; margin: .2em 0 .5em; }
li { margin: .15em 0; }
article.page + article.page { margin-top: 3rem; border-top: 1px dashed #999; padding-top: 2rem; }
@media print {
  body { margin: 0; max-width: none; padding: 0; }
  article.page { break-after: page; page-break-after: always; }
  article.page:last-child { break-after: auto; page-break-after: auto; }
  article.page + article.page { border-top: none; margin-top: 0; padding-top: 0; }
  h2 { break-after: avoid; page-break-after: avoid; }
  li { break-inside: avoid; page-break-inside: avoid; }
}
"""


def _html_article(document: Document) -> str:
    out = ['<article class="page">']
    for block in document.blocks:
        if block.kind == "heading":
            level = min(block.level, 6)
            out.append(f"<h{level}>{_html(block.text)}</h{level}>")
        elif block.kind == "paragraph":
            out.append(f"<p>{_html(block.text)}</p>")
        else:
            out.append("<ul>")
            for item in block.items:
                head, subs = (item, ()) if isinstance(item, str) else item
                inner = "".join(f"<li>{_html(sub)}</li>" for sub in subs)
                out.append(f"<li>{_html(head)}" + (f"<ul>{inner}</ul>" if subs else "") + "</li>")
            out.append("</ul>")
    out.append("</article>")
    return "\n".join(out)


def _html(text: str) -> str:
    return html.escape(shown(text, keep="\n\t"))


def _html_page(documents: Sequence[Document]) -> str:
    title = next((b.text for d in documents for b in d.blocks if b.kind == "heading"), "ondermijning")
    if len(documents) > 1:
        title = f"{title} (en {len(documents) - 1} meer)"
    articles = "\n".join(_html_article(d) for d in documents)
    return (f'<!DOCTYPE html>\n<html lang="{language()}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{_html(title)}</title>\n<style>{PRINT_CSS}</style>\n</head>\n<body>\n"
            f"{articles}\n</body>\n</html>\n")
