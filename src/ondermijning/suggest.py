"""'Did you mean ...?': close matches among known ids, with bounded work.

A fuzzy search (:func:`difflib.get_close_matches`) reads every known id, so a pack with
thousands of dangling references would pay ids × references. A :class:`Suggestions` index
answers the cheap cases from dictionaries (another case, a missing or other pack prefix) and
runs at most :data:`MAX_SEARCHES` fuzzy searches, each remembered: validation time grows with
the number of references, not with their product with the number of ids.
"""

from __future__ import annotations

from collections.abc import Iterable

#: fuzzy searches one index runs; later unknown ids get the cheap matches only
MAX_SEARCHES = 100


class Suggestions:
    """Known ids, indexed for 'did you mean' hints."""

    def __init__(self, known: Iterable[str], *, searches: int = MAX_SEARCHES) -> None:
        self.known = list(dict.fromkeys(known))
        self._lower: dict[str, str] = {}
        self._local: dict[str, list[str]] = {}
        for key in self.known:
            self._lower.setdefault(key.lower(), key)
            self._local.setdefault(key.rpartition("/")[2].lower(), []).append(key)
        self._searches = searches
        self._found: dict[tuple[str, int, float], list[str]] = {}

    def close(self, word: str, n: int = 1, cutoff: float = 0.6) -> list[str]:
        """Up to ``n`` known ids close to ``word``, best first (empty when none is close enough)."""
        exact = self._lower.get(word.lower())
        if exact is not None:
            return [exact]
        key = (word, n, cutoff)
        if key in self._found:
            return self._found[key]
        if self._searches <= 0:  # the budget is spent: only what a dictionary knows
            return self._local.get(word.rpartition("/")[2].lower(), [])[:n]
        self._searches -= 1
        import difflib  # only when an id is unknown; a clean validate does not load it

        found = difflib.get_close_matches(word, self.known, n=n, cutoff=cutoff)
        self._found[key] = found
        return found

    def with_local_part(self, word: str, n: int = 3, cutoff: float = 0.7) -> list[str]:
        """Known ids whose part after the pack (``jongeren`` of ``deurne/jongeren``) is close to ``word``'s."""
        local = word.rpartition("/")[2].lower()
        if local in self._local:
            return self._local[local][:n]
        if self._searches <= 0:
            return []
        self._searches -= 1
        import difflib

        return [self._local[m][0] for m in difflib.get_close_matches(local, list(self._local), n=n, cutoff=cutoff)]

    def containing(self, word: str, n: int = 3) -> list[str]:
        """Known ids that contain ``word`` (any case), sorted: ``bankpas`` finds ``nieuwegein/bankpas-uitgeleend``."""
        wanted = word.lower()
        return sorted(key for key in self.known if wanted in key.lower())[:n]
