"""Outputs for people: a small document model rendered as text or Markdown."""

from .document import Block, Document, render

__all__ = ["Block", "Document", "render"]
