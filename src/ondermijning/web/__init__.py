"""``ondermijning serve``: a JSON API with OpenAPI and pages (Dutch, or English on request), storing nothing.

:func:`create_app` returns the ASGI app (Litestar) that ``ondermijning serve`` runs under uvicorn;
an embedder mounts the same app in its own. Needs the ``web`` extra: ``pip install ondermijning[web]``.
"""

from .app import create_app

__all__ = ["create_app"]
