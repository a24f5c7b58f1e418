"""A document is a list of blocks (headings, paragraphs, bullet lists); each format renders it.

Content code builds one :class:`Document`; ``render(doc, "text" | "markdown")`` lays it out,
so the words live in one place whatever the output.
"""

from __future__ import annotations

import textwrap

import attrs

WIDTH = 88


@attrs.frozen
class Block:
    kind: str  # "heading" | "paragraph" | "bullets" | "fields"
    text: str = ""
    level: int = 1
    items: tuple[str | tuple[str, tuple[str, ...]], ...] = ()  # bullet, or (bullet, sub-lines)


@attrs.define
class Document:
    blocks: list[Block] = attrs.Factory(list)

    def heading(self, text: str, level: int = 2) -> None:
        self.blocks.append(Block("heading", text, level))

    def paragraph(self, text: str) -> None:
        if text:
            self.blocks.append(Block("paragraph", text))

    def bullets(self, items: list[str | tuple[str, tuple[str, ...]]]) -> None:
        if items:
            self.blocks.append(Block("bullets", items=tuple(items)))


def render(document: Document, fmt: str) -> str:
    if fmt == "markdown":
        return _markdown(document)
    if fmt == "text":
        return _text(document)
    raise ValueError(f"unknown format {fmt!r}: use 'text' or 'markdown'")


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
