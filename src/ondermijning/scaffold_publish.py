"""What makes a scaffolded pack a publishable repository: CI, pre-commit, a changelog, publiccode.yml.

``new-pack`` (:mod:`ondermijning.scaffold`) writes these beside the pack's content. The CI
workflow runs exactly what an author runs by hand: install with the test extra,
``ondermijning validate`` in the repository root (which finds the pack there), the pack's
tests. ``publiccode.yml`` follows the publiccode.yml standard (version 0.4) that Dutch and
Italian governments use to list public software; what only the municipality knows is marked
*in te vullen*.
"""

from __future__ import annotations

import datetime


def publishing_files(name: str, town: str, requirement: str) -> dict[str, str]:
    """The repository files of pack ``name`` for ``town``; ``requirement`` is the ondermijning range."""
    today = datetime.date.today().isoformat()
    return {
        ".github/workflows/ci.yml": '''# Controleert het pack bij elke wijziging: dezelfde stappen als met de hand.
name: ci
on:
  push:
  pull_request:
jobs:
  pack:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - run: python -m pip install -e ".[test]"
      - run: ondermijning validate
      - run: python -m pytest
''',
        ".pre-commit-config.yaml": f'''# Controleert het pack vóór elke commit (eenmalig: pre-commit install).
# Dezelfde hook heet ondermijning-validate in .pre-commit-hooks.yaml van ondermijning zelf.
repos:
  - repo: local
    hooks:
      - id: ondermijning-validate
        name: ondermijning validate
        entry: ondermijning validate
        language: python
        additional_dependencies: ["ondermijning{requirement}"]
        pass_filenames: false
        files: \\.toml$
''',
        "CHANGELOG.md": f'''# Wijzigingen

Alle wijzigingen van het pack ondermijning-{name}, nieuwste eerst.

Versienummers: een wijziging die voor dezelfde signalen een ander zorgniveau geeft (gewichten,
drempels, rode vlaggen) of iets weghaalt, krijgt een nieuwe hoofdversie (1.0.0 -> 2.0.0); nieuwe
routes, signalen of kaarten een nieuwe minorversie (1.0.0 -> 1.1.0); alleen andere tekst een
patchversie (1.0.0 -> 1.0.1). Vóór 1.0.0 schuift dat één plaats op (0.1.0 -> 0.2.0 voor een
ander niveau). `ondermijning diff OUD NIEUW --check-version` controleert het.

## 0.1.0 ({today})

- Eerste versie, gemaakt met `ondermijning new-pack {name}`: voorbeeldroutes en een kleine
  signalenlijst, nog in te vullen.
''',
        "publiccode.yml": f'''# publiccode.yml (standaard 0.4): beschrijft het pack voor overheden die software delen.
# In te vullen: url (het adres van de repository), de contactrol en, als je wilt, een andere licentie.
publiccodeYmlVersion: "0.4"
name: ondermijning-{name}
url: "https://example.org/in-te-vullen/ondermijning-{name}"
softwareVersion: "0.1.0"
releaseDate: "{today}"
platforms:
  - linux
  - windows
  - mac
categories:
  - knowledge-management
developmentStatus: development
softwareType: addon
dependsOn:
  open:
    - name: ondermijning
      optional: false
description:
  nl:
    shortDescription: "Lokale routes en signalen van gemeente {town} voor de bibliotheek ondermijning."
    longDescription: >
      Een pack voor de bibliotheek ondermijning: wie professionals in gemeente {town} kunnen
      inschakelen bij signalen van ondermijning (lokale routes per zorgniveau) en een eigen
      signalenlijst met voorbeelden die als test draaien. De inhoud is gewone TOML, gecontroleerd
      met ondermijning validate en getest met pytest.
    features:
      - Lokale routes per zorgniveau
      - Een signalenlijst met gouden voorbeelden
legal:
  license: EUPL-1.2
maintenance:
  type: internal
  contacts:
    - name: "In te vullen: de rol die het pack bijhoudt"
localisation:
  localisationReady: false
  availableLanguages:
    - nl
''',
        ".gitignore": '''.venv/
__pycache__/
*.egg-info/
dist/
build/
.pytest_cache/
''',
    }
