"""Cost of the exported FHIRPath score (fhirpathpy) beside Scorer.score and assess(), in one run.

    python benchmarks/interop.py [--list deurne/jongeren] [--sets 200] [--repeats 5]

score        Scorer.score(ids): the library's fast path (the baseline, 1.0x)
assess()     the whole information picture
fhirpath     the exported Questionnaire's SDC variables and score expression, compiled once by
             fhirpathpy and evaluated over a QuestionnaireResponse with those signals answered true
             (building the response is not timed)
xpath        the XLSForm's calculate rows, evaluated by libxml2's XPath 1.0 over an instance

Every engine is checked to give the same score on every set first. Medians over --repeats passes
through the same seeded observation sets (0-15 signals each). Needs the test extra.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable

import ondermijning as o
from ondermijning.interop.fhir import SCORE, questionnaire
from ondermijning.interop.record import own_themes
from ondermijning.interop.xlsform import YES, sheets, workbook
from ondermijning.scoring import compile_scorer
from ondermijning.testing.forms import FhirCalculator, XFormCalculator, fhir_response


def median_per_call(work: Callable[[], None], calls: int, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) / calls)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", default="deurne/jongeren", help="signal list id (default: %(default)s)")
    parser.add_argument("--sets", type=int, default=200, help="random observation sets (default: %(default)s)")
    parser.add_argument("--repeats", type=int, default=5, help="passes; the median is shown (default: %(default)s)")
    args = parser.parse_args()

    catalog = o.load_catalog()
    sl = catalog.signal_lists[args.list]
    pack = catalog.packs[sl.id.split("/")[0]]
    themes = own_themes(sl, catalog.themes)
    rng = random.Random(2026)
    ids = [s.id for s in sl.signals]
    sets = [frozenset(rng.sample(ids, rng.randint(0, 15))) for _ in range(args.sets)]
    scorer = compile_scorer(sl, tuple(catalog.scoring_rules))
    fhir = FhirCalculator(questionnaire(sl, pack, themes=themes))
    responses = [fhir_response(fhir.questionnaire, observed) for observed in sets]
    xform = XFormCalculator(workbook(sl, pack, themes=themes))
    name_of = {row[6]: row[1] for row in sheets(sl, pack)["survey"][1:] if row[0] == "select_one ja_nee"}
    path_of = {path.rsplit("/", 1)[1]: path for path in xform.questions}
    instances = [{path_of[name_of[s]]: YES for s in observed} for observed in sets]

    for observed, response, answers in zip(sets, responses, instances, strict=True):
        expected = scorer.score(observed)[0]
        assert float(fhir.evaluate(response)[SCORE][0]) == expected
        assert float(xform.evaluate(answers)["/data/score"]) == expected

    def score() -> None:
        for observed in sets:
            scorer.score(observed)

    def full() -> None:
        for observed in sets:
            o.assess(sl, observed, catalog=catalog)

    def fhirpath() -> None:
        for response in responses:
            fhir.evaluate(response)

    def xpath() -> None:
        for answers in instances:
            xform.evaluate(answers)

    base = median_per_call(score, len(sets), args.repeats)
    rows = [("score (Scorer.score)", base),
            ("assess() (whole picture)", median_per_call(full, len(sets), args.repeats)),
            ("fhirpath (fhirpathpy)", median_per_call(fhirpath, len(sets), args.repeats)),
            ("xpath (lxml, XLSForm)", median_per_call(xpath, len(sets), args.repeats))]
    print(f"{sl.id}: {len(ids)} signals, {args.sets} observation sets, median of {args.repeats} passes; "
          "all engines gave the same score on every set")
    for name, seconds in rows:
        print(f"{name:<28} {seconds * 1e6:>11.2f} µs/call {seconds / base:>10.1f}x")


if __name__ == "__main__":
    main()
