"""uvicorn's logging for ``ondermijning serve``: one line per request without what could identify anyone.

An access line keeps the method, the path *without* its query string, and the status; the
client's address, the query string and every header are left out, and request bodies are never
logged (uvicorn does not log them; neither does the app).
"""

from __future__ import annotations

import logging
from typing import Any


class PrivateAccess(logging.Filter):
    """Rewrites uvicorn's access record to ``"POST /api/v1/assessments HTTP/1.1" 200``."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) == 5:
            _client, method, full_path, http_version, status = args
            path = str(full_path).split("?", 1)[0]
            record.msg = '"%s %s HTTP/%s" %s'
            record.args = (method, path, http_version, status)
        return True


def log_config(level: str = "info") -> dict[str, Any]:
    """A ``logging.config.dictConfig`` for uvicorn: errors as usual, access lines through :class:`PrivateAccess`."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"private": {"()": PrivateAccess}},
        "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
        "handlers": {
            "default": {"class": "logging.StreamHandler", "formatter": "plain", "stream": "ext://sys.stderr"},
            "access": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["private"],
                       "stream": "ext://sys.stdout"},
        },
        "loggers": {
            "uvicorn": {"handlers": ["default"], "level": level.upper(), "propagate": False},
            "uvicorn.error": {"level": level.upper()},
            "uvicorn.access": {"handlers": ["access"], "level": level.upper(), "propagate": False},
            "ondermijning.web": {"handlers": ["default"], "level": "INFO", "propagate": False},
        },
    }
