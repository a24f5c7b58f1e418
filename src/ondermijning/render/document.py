"""A document is a list of blocks (headings, paragraphs, bullet lists); each format renders it.

Content code builds one :class:`Document`; ``render(doc, "text" | "markdown" | "html")`` lays it
out, so the words live in one place whatever the output. ``render_many`` puts several documents
in one output: in HTML each is an ``<article>`` printed on a page of its own.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Sequence

import attrs

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
    """Several documents in one output; in HTML one per printed page."""
    if fmt == "markdown":
        return "\n---\n\n".join(_markdown(d) for d in documents)
    if fmt == "text":
        return "\n\n".join(_text(d) for d in documents)
    if fmt == "html":
        return _html_page(documents)
    raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")


def _wrap(text: str, indent: str = "", hanging: str | None = None) -> str:
    return textwrap.fill(text, WIDTH, initial_indent=indent,
                         subsequent_indent=hanging if hanging is not None else indent,
                         break_on_hyphens=False)


def _text(document: Document) -> str:
    out: list[str] = []
    for block in document.blocks:
        if block.kind == "heading":
            if out and out[-1]:
                out.append("")
            out.append(block.text.upper() if block.level == 1 else block.text)
            out.append(("=" if block.level == 1 else "-") * min(len(block.text), WIDTH))
        elif block.kind == "paragraph":
            out.append(_wrap(block.text))
        else:
            for item in block.items:
                head, subs = (item, ()) if isinstance(item, str) else item
                out.append(_wrap(head, "  - ", "    "))
                out.extend(_wrap(sub, "      ") for sub in subs)
        out.append("") if block.kind == "paragraph" else None
    return "\n".join(out).rstrip() + "\n"


def _escape(text: str) -> str:
    # only what would change the meaning of a line in Markdown
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("#", "\\#")


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
            out.append(f"<h{level}>{html.escape(block.text)}</h{level}>")
        elif block.kind == "paragraph":
            out.append(f"<p>{html.escape(block.text)}</p>")
        else:
            out.append("<ul>")
            for item in block.items:
                head, subs = (item, ()) if isinstance(item, str) else item
                inner = "".join(f"<li>{html.escape(sub)}</li>" for sub in subs)
                out.append(f"<li>{html.escape(head)}" + (f"<ul>{inner}</ul>" if subs else "") + "</li>")
            out.append("</ul>")
    out.append("</article>")
    return "\n".join(out)


def _html_page(documents: Sequence[Document]) -> str:
    title = next((b.text for d in documents for b in d.blocks if b.kind == "heading"), "ondermijning")
    if len(documents) > 1:
        title = f"{title} (en {len(documents) - 1} meer)"
    articles = "\n".join(_html_article(d) for d in documents)
    return (f'<!DOCTYPE html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{html.escape(title)}</title>\n<style>{PRINT_CSS}</style>\n</head>\n<body>\n"
            f"{articles}\n</body>\n</html>\n")
