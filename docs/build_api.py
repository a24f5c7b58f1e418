"""Build the API reference from the docstrings, with pdoc: ``python docs/build_api.py [FOLDER]`` (default: site/api).

Every warning is an error (an annotation that does not resolve, a module that does not import),
so the reference cannot rot quietly; ``tests/test_api_reference.py`` runs this build in the suite.
Docstrings are reStructuredText (``:class:`Catalog```, ``code``), as pdoc reads them.
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

#: what an embedder or pack author uses; the command modules and the loader's inside are left out
#: ("ondermijning" brings the submodules in its __all__ along: models and render)
MODULES = (
    "ondermijning",
    "ondermijning.models.picture",
    "ondermijning.catalog",
    "ondermijning.errors",
    "ondermijning.serialize",
    "ondermijning.schema",
    "ondermijning.hookspecs",
    "ondermijning.scoring",
    "ondermijning.diff",
    "ondermijning.version_policy",
    "ondermijning.scaffold",
    "ondermijning.i18n",
    "ondermijning.testing.strategies",
    "ondermijning.testing.properties",
    "ondermijning.testing.pytest_plugin",
)


def build(output: Path) -> list[Path]:
    """Write the reference into ``output``; return the pages written. Any warning raises."""
    import pdoc
    import pdoc.render

    pdoc.render.configure(docformat="restructuredtext", footer_text="ondermijning", search=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pdoc.pdoc(*MODULES, output_directory=output)
    return sorted(output.rglob("*.html"))


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "site/api")
    pages = build(target)
    print(f"{len(pages)} pages in {target}")
