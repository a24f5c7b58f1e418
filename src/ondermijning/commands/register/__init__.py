"""``ondermijning register``: cases over time, on SQLite or PostgreSQL, with a processing log.

The parser lives in :mod:`.parser`, the subcommands in :mod:`.run`; the register itself is
:mod:`ondermijning.register` (imported only when a subcommand runs).
"""

from .parser import add_parser

__all__ = ["add_parser"]
