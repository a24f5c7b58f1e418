"""Outputs for people: a small document model rendered as text or Markdown."""

from .document import FORMATS, Block, Document, Item, render, render_many

__all__ = ["FORMATS", "Block", "Document", "Item", "render", "render_many"]
