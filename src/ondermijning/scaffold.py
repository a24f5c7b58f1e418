"""``ondermijning new-pack NAME``: a valid, installable pack a municipality can start from.

The new folder holds plain TOML content (routes for every level, a small signal list with golden
examples), a ``pyproject.toml`` with the entry point, a Dutch README for the municipality, a
test file and what a published repository needs (CI, pre-commit, changelog, publiccode.yml:
:mod:`ondermijning.scaffold_publish`). It passes ``ondermijning validate`` and its own tests at
once. An existing folder is never touched: the pack is written to a temporary folder and
renamed into place in one step.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import tempfile
from pathlib import Path

from ._version import __version__
from .errors import OndermijningError
from .fileio import _umask, not_a_folder
from .i18n import _
from .scaffold_publish import publishing_files

NAME = re.compile(r"^[a-z][a-z0-9-]{1,39}$")


class ScaffoldError(OndermijningError):
    """The pack cannot be created (bad name, the folder exists, the parent is missing)."""


def new_pack(name: str, parent: str | Path = ".") -> Path:
    """Create ``ondermijning-NAME/`` in ``parent`` and return its path."""
    if not NAME.match(name):
        raise ScaffoldError(_("{name!r} is geen bruikbare packnaam: gebruik 2-40 kleine letters, cijfers of '-', "
                              "te beginnen met een letter (bijvoorbeeld 'utrecht' of 'west-betuwe')").format(name=name))
    parent = Path(parent)
    if not parent.is_dir():
        raise ScaffoldError(_("{path}: {reason}; geef met --dir de map waarin het pack moet komen").format(
            path=parent, reason=not_a_folder(parent)))
    target = parent / f"ondermijning-{name}"
    if target.exists() or target.is_symlink():
        raise ScaffoldError(_("{path}: bestaat al; kies een andere naam of map (er is niets veranderd)").format(
            path=target))
    installed = installed_packs().get(name)
    if installed is not None:
        raise ScaffoldError(_("er is al een pack {name!r} geïnstalleerd ({where}); kies een andere naam").format(
            name=name, where=installed))
    module = "ondermijning_" + name.replace("-", "_")
    pack_id = name
    files = _files(name, pack_id, module)
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=parent))
    except OSError as exc:
        raise ScaffoldError(_cannot_create(parent, exc)) from None
    try:
        for relative, text in files.items():
            path = staging / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        staging.chmod(0o777 & ~_umask())  # mkdtemp makes the folder private (0700); give it the usual mode
        staging.rename(target)  # one step: a crash leaves no half-made pack under the real name
    except BaseException as exc:
        with contextlib.suppress(OSError):
            shutil.rmtree(staging)
        if isinstance(exc, OSError):
            raise ScaffoldError(_cannot_create(parent, exc)) from None
        raise
    return target


def _cannot_create(parent: Path, exc: OSError) -> str:
    return _("{path}: kan het pack hier niet maken: {reason}").format(path=parent, reason=exc.strerror or exc)


def installed_packs() -> dict[str, str]:
    """The id of every pack already installed -> where it comes from (its distribution, or its folder)."""
    from .assemble import load_catalog

    catalog = load_catalog()
    found = {}
    for pack_id in catalog.packs:
        provider = catalog.provenance[pack_id].provider if pack_id in catalog.provenance else ""
        # "FOLDER (via plugin 'x' uit DISTRIBUTION VERSION)" or "FOLDER (via ONDERMIJNING_PACK_PATH)"
        by = next((p for p in catalog.plugins if p.distribution and f"(via {p.describe()})" in provider), None)
        found[pack_id] = (by.distribution.rpartition(" ")[0] or by.distribution) if by is not None else \
            provider or _("bron onbekend")
    return found


def municipality(name: str) -> str:
    """The municipality's name as written: every word part capitalised ('west-betuwe' -> 'West-Betuwe')."""
    return "-".join(part[:1].upper() + part[1:] for part in name.split("-"))


def _files(name: str, pack_id: str, module: str) -> dict[str, str]:
    town = municipality(name)
    minor = ".".join(__version__.split(".")[:2])
    upper = f"{int(minor.split('.')[0])}.{int(minor.split('.')[1]) + 1}"
    publication = f"Gemeente {town}, lokale afspraken (in te vullen)"
    source = f'{{ publication = "{publication}", section = "Lokale afspraken" }}'
    return {
        "pyproject.toml": f'''[build-system]
requires = ["hatchling>=1.18"]
build-backend = "hatchling.build"

[project]
name = "ondermijning-{name}"
version = "0.1.0"
description = "Pack voor ondermijning: lokale routes en signalen van gemeente {town}."
readme = "README.md"
requires-python = ">=3.10"
dependencies = ["ondermijning>={minor},<{upper}"]

[project.optional-dependencies]
test = ["ondermijning[testing]>={minor},<{upper}"]

[project.entry-points.ondermijning]
{pack_id} = "{module}"

[tool.hatch.build.targets.wheel]
packages = ["src/{module}"]

[tool.pytest.ini_options]
testpaths = ["tests"]
ondermijning_pack = ["src/{module}/pack"]
''',
        "README.md": f'''# ondermijning-{name}

Het pack van gemeente {town} voor de bibliotheek `ondermijning`: wie professionals kunnen
bellen (lokale routes) en een eigen signalenlijst. De inhoud is gewone TOML in
`src/{module}/pack/`.

## Wat je nog moet invullen

- `routes.toml`: bij elke route met `to_fill_in = true` de rol, het team en hoe je ze bereikt.
  Zet nooit namen van personen in een pack: beschrijf de rol. `role = "core/..."` zegt welke rol
  uit het kernpack de route invult (`ondermijningstafel`, `informatieknooppunt`, `halt`, `riec`,
  ...); voeg zo ook routes toe voor de overleggen die jullie hebben.
- Jullie routes gelden bij elke signalenlijst, ook bij die van een ander pack:
  `ondermijning assess --list deurne/jongeren --municipality {pack_id} ...` toont jullie lokale
  routes en de landelijke, en geen routes van een andere gemeente.
- `bibliography.toml`: de stukken waar de inhoud op steunt, met hun secties.
- `signals.toml`: de voorbeeldsignalen vervangen door wat jullie professionals echt zien, met
  een bron per signaal. Pas drempels en voorbeelden (`examples`) mee aan. De getallen zijn
  voorbeeldwaarden (`basis = {{ kind = "example" }}`); stelt de gemeente ze vast, schrijf dan
  `basis = {{ kind = "established", by = "...", date = "JJJJ-MM-DD" }}`.

## Controleren en testen

```sh
python -m pip install -e ".[test]"        # de bibliotheek met pytest en hypothesis
ondermijning validate                     # elke fout als bestand:regel: CODE melding
python -m pytest                          # validatie, scoringseigenschappen en voorbeelden
ondermijning ids                          # de ids waarnaar je pack kan verwijzen
```

De CI (`.github/workflows/ci.yml`) doet hetzelfde bij elke wijziging; `pre-commit install`
controleert het pack vóór elke commit (`.pre-commit-config.yaml`).

## Een nieuwe versie uitbrengen

Verhoog `version` in `pyproject.toml` en `pack.toml`, schrijf op wat er veranderde in
`CHANGELOG.md` en vergelijk met de vorige versie:

```sh
ondermijning diff OUD/src/{module}/pack src/{module}/pack --check-version
```

## Installeren

```sh
python -m pip install .                   # daarna staat het pack in: ondermijning packs
```
''',
        f"src/{module}/__init__.py": f'''"""The {name} pack: plain TOML in ``pack/``, offered through one hook."""

from __future__ import annotations

from pathlib import Path

from ondermijning import hookimpl


@hookimpl
def ondermijning_pack_paths():  # type: ignore[no-untyped-def]
    # the folder next to this module: cheaper at start-up than importlib.resources.files()
    return [Path(__file__).parent / "pack"]
''',
        f"src/{module}/pack/pack.toml": f'''[pack]
id = "{pack_id}"
name = "Gemeente {town}"
version = "0.1.0"
publisher = "Gemeente {town} (in te vullen)"
description = "Lokale routes en signalen van gemeente {town}."
language = "nl"
requires = {{ core = ">={minor},<{upper}" }}
''',
        f"src/{module}/pack/bibliography.toml": f'''# De bronnen van dit pack: elke source.publication noemt een titel
# hieronder, en source.section een van haar secties (ondermijning validate controleert dat: V010, V011).
# Vervang dit door jullie eigen stukken, bijvoorbeeld een routekaart of een besluit van het college.

[[publications]]
id = "lokale-afspraken"
title = "{publication}"
note = "In te vullen: de afspraken en stukken van gemeente {town} waar de routes en signalen op steunen."
sections = [{{ title = "Lokale afspraken" }}]
''',
        f"src/{module}/pack/routes.toml": f'''# Lokale routes: wie bel je bij welk zorgniveau?
# Beschrijf rollen, geen personen.
# Elke route met to_fill_in = true vult de gemeente nog aan.

[[routes]]
id = "collegiaal-overleg"
name = "Collega's en leidinggevende"
action = "consult"
scope = "local"
levels = ["low", "moderate", "high"]
when = "Altijd eerst: bespreek wat je zag en stel samen het zorgniveau vast."
contact = "Rol: eigen team en leidinggevende (in te vullen)"
share = "Wat je zelf zag of hoorde, zo veel mogelijk zonder naam."
feedback = "Samen spreken jullie af wie wat doet."
to_fill_in = true
source = {source}

[[routes]]
id = "ondermijningscoordinator"
name = "Ondermijningscoördinator van de gemeente"
action = "advice"
scope = "local"
levels = ["moderate", "high"]
when = "Als signalen op uitbuiting of criminele invloed wijzen."
contact = "Rol: ondermijningscoördinator (in te vullen)"
share = "Je observaties als feiten, gescheiden van je interpretatie."
feedback = "Je hoort of en hoe het signaal wordt opgepakt (termijn in te vullen)."
to_fill_in = true
role = "core/ondermijningscoordinator"
source = {source}

[[routes]]
id = "aandachtsfunctionaris-mensenhandel"
name = "Aandachtsfunctionaris mensenhandel"
action = "report"
scope = "local"
levels = ["moderate", "high"]
themes = ["core/seksuele-uitbuiting", "core/criminele-uitbuiting", "core/arbeidsuitbuiting"]
when = "Bij signalen dat iemand door anderen wordt ingezet of uitgebuit."
contact = "Rol: aandachtsfunctionaris mensenhandel (in te vullen)"
feedback = "Je hoort dat de melding is ontvangen en of die is doorgezet (in te vullen)."
to_fill_in = true
role = "core/aandachtsfunctionaris-mensenhandel"
source = {source}

[[routes]]
id = "zorg-en-veiligheidshuis"
name = "Zorg- en Veiligheidshuis van de regio"
action = "consult"
scope = "local"
levels = ["high"]
when = "Bij een hoog zorgwekkend beeld waarin zorg en veiligheid samenkomen."
contact = "Rol: aanmelding bij het Zorg- en Veiligheidshuis (in te vullen)"
feedback = "Een gezamenlijk plan met een regisseur (in te vullen)."
to_fill_in = true
role = "core/zorg-en-veiligheidshuis"
source = {source}
''',
        f"src/{module}/pack/signals.toml": f'''# Een kleine signalenlijst om mee te beginnen:
# vervang de voorbeelden door wat jullie zien.
# score = som van de gewichten + bonus per combinatiestap;
# matig vanaf 3, hoog vanaf 6 of bij een rode vlag.
# De getallen zijn voorbeeldwaarden (basis kind = "example"). Stelt de gemeente ze vast, schrijf dan
# basis = {{ kind = "established", by = "...", date = "JJJJ-MM-DD" }}.

[[signal_lists]]
id = "buurt"
name = "Signalen in de buurt (voorbeeld)"
description = "Voorbeeldlijst van gemeente {town}; in te vullen."
reminder = "Het berekende niveau is een advies. Stel het zorgniveau samen met collega's vast."
red_flag_themes = ["core/drugs", "core/criminele-uitbuiting"]
source = {source}

[signal_lists.scoring]
basis = {{ kind = "example", note = "Voorbeeldwaarden van new-pack; nog niet door de gemeente vastgesteld." }}
thresholds = {{ moderate = 3, high = 6 }}
combination = [
  {{ categories = 2, bonus = 1, explanation = "Signalen op meer dan één gebied wegen zwaarder." }},
]

[[signal_lists.categories]]
id = "gedrag"
name = "Gedrag"

[[signal_lists.categories]]
id = "omgeving"
name = "Omgeving"

[[signal_lists.signals]]
id = "vaak-weg-s-nachts"
category = "gedrag"
text = "Is vaak 's nachts van huis zonder te zeggen waar"
weight = 1
explanation = "Kan wijzen op klusjes voor anderen."
question = "Met wie is hij of zij dan op pad?"
source = {source}

[[signal_lists.signals]]
id = "nieuw-duur-bezit"
category = "gedrag"
text = "Heeft ineens dure spullen zonder uitleg"
weight = 2
source = {source}

[[signal_lists.signals]]
id = "onbekende-auto"
category = "omgeving"
text = "Wordt opgehaald door onbekenden in dure auto's"
weight = 2
source = {source}

[[signal_lists.signals]]
id = "brengt-pakketjes"
category = "omgeving"
text = "Brengt pakketjes rond voor anderen"
weight = 3
red_flag = true
themes = ["core/drugs", "core/criminele-uitbuiting"]
source = {source}

[[signal_lists.goals]]
id = "contact-maken"
text = "Contact maken met de jongere en de ouders"
levels = ["low", "moderate"]
source = {source}

[[signal_lists.goals]]
id = "veiligheid-eerst"
text = "Veiligheid eerst: specialistische hulp inschakelen"
levels = ["high"]
source = {source}

[[signal_lists.examples]]
signals = ["vaak-weg-s-nachts"]
expected = "low"
description = "Eén zwak signaal"

[[signal_lists.examples]]
signals = ["vaak-weg-s-nachts", "onbekende-auto"]
expected = "moderate"
description = "Twee gebieden: 1 + 2 + 1"

[[signal_lists.examples]]
signals = ["brengt-pakketjes"]
expected = "high"
description = "Rode vlag"
''',
        "tests/test_pack.py": f'''"""The pack's own tests.

pytest also runs validation, scoring properties and the examples (pyproject.toml: ondermijning_pack).
"""


def test_the_pack_is_loaded(ondermijning_catalog):
    catalog = ondermijning_catalog
    loaded = "{pack_id}" in catalog.packs and "{pack_id}/ondermijningscoordinator" in catalog.routes
    assert loaded, "the pack did not load:\\n" + "\\n".join(p.format() for p in catalog.problems)
''',
        **publishing_files(name, town, f">={minor},<{upper}"),
    }
