"""Fill in an exported form and let a real engine compute it: the proof that a form scores as ``assess()``.

- :class:`FhirCalculator` evaluates a Questionnaire's SDC ``variable`` and ``calculatedExpression``
  FHIRPath expressions with ``fhirpathpy`` over a QuestionnaireResponse (:func:`fhir_response`),
  in the order SDC prescribes: the Questionnaire's variables first, each seeing those before it.
- :class:`XFormCalculator` converts an XLSForm with ``pyxform`` and evaluates the XForm's
  ``calculate`` binds with libxml2's XPath 1.0 (``lxml``) over a generated instance, in document
  order, writing each result into the instance as text (``string()``), as a form engine does.
  XForms' ``if()`` is the one function XPath 1.0 lacks; it is added here (XForms 1.0 §7.6.1).

Both need the ``test`` extra (fhirpathpy, pyxform, lxml)::

    calc = FhirCalculator(questionnaire(sl, pack))
    assert calc.score_and_level(fhir_response(calc.questionnaire, observed)) == (picture.score, "moderate")
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from ..interop.fhir import CALCULATED, LEVEL, SCORE, VARIABLE


def fhir_response(questionnaire: Mapping[str, Any], ticked: Collection[str], *,
                  answered_false: Collection[str] = ()) -> dict[str, Any]:
    """A completed QuestionnaireResponse: the boolean items in ``ticked`` answered true, those in
    ``answered_false`` answered false, the rest left unanswered; groups nest as in the Questionnaire."""
    def items(children: list[dict[str, Any]]) -> list[dict[str, Any]]:
        answered = []
        for item in children:
            if item["type"] == "group":
                answered.append({"linkId": item["linkId"], "item": items(item.get("item", []))})
            elif item["type"] == "boolean":
                node: dict[str, Any] = {"linkId": item["linkId"]}
                if item["linkId"] in ticked or item["linkId"] in answered_false:
                    node["answer"] = [{"valueBoolean": item["linkId"] in ticked}]
                answered.append(node)
        return answered

    return {"resourceType": "QuestionnaireResponse", "status": "completed",
            "questionnaire": questionnaire.get("url", ""), "item": items(list(questionnaire["item"]))}


class FhirCalculator:
    """The calculations of one Questionnaire, compiled once by fhirpathpy."""

    def __init__(self, questionnaire: Mapping[str, Any]) -> None:
        from fhirpathpy import compile as compile_fhirpath
        from fhirpathpy.models import models

        self.questionnaire = questionnaire
        model = models["r4"]
        self.variables = [(e["valueExpression"]["name"], compile_fhirpath(e["valueExpression"]["expression"], model))
                          for e in questionnaire.get("extension", []) if e["url"] == VARIABLE]
        self.calculated = {item["linkId"]: compile_fhirpath(_calculation(item), model)
                           for item in questionnaire["item"] if _calculation(item)}

    def evaluate(self, response: Mapping[str, Any]) -> dict[str, list[Any]]:
        """Every calculated item's value (a FHIRPath collection) for this response."""
        env: dict[str, Any] = {"resource": response, "questionnaire": self.questionnaire}
        for name, expression in self.variables:
            env[name] = expression(response, env)
        return {link_id: expression(response, env) for link_id, expression in self.calculated.items()}

    def score_and_level(self, response: Mapping[str, Any]) -> tuple[float, str]:
        values = self.evaluate(response)
        (score,), (level,) = values[SCORE], values[LEVEL]
        return float(score), str(level)


def _calculation(item: Mapping[str, Any]) -> str:
    for extension in item.get("extension", []):
        if extension["url"] == CALCULATED:
            return str(extension["valueExpression"]["expression"])
    return ""


class XFormCalculator:
    """An XLSForm converted by pyxform, its calculations evaluated by libxml2's XPath 1.0."""

    def __init__(self, xlsx: bytes) -> None:
        from lxml import etree
        from pyxform.xls2xform import convert

        self.warnings: list[str] = []
        self.xform = convert(xlsx, warnings=self.warnings).xform
        root = etree.fromstring(self.xform.encode("utf-8"))
        ns = {"x": "http://www.w3.org/2002/xforms"}
        primary = root.xpath("//x:model/x:instance[not(@id)]/*", namespaces=ns)[0]
        self._template = _without_namespaces(primary)
        self.calculations = [(bind.get("nodeset"), bind.get("calculate"))
                             for bind in root.xpath("//x:model/x:bind[@calculate]", namespaces=ns)]
        self.questions = {bind.get("nodeset") for bind in root.xpath("//x:model/x:bind", namespaces=ns)
                          if bind.get("calculate") is None}
        self._etree = etree

    def instance(self, answers: Mapping[str, str]) -> Any:
        """A fresh instance with ``answers`` (node path such as ``/data/gedrag/gedrag-agressief`` -> value)."""
        document = self._etree.ElementTree(self._etree.fromstring(self._etree.tostring(self._template)))
        for path, value in answers.items():
            (node,) = document.xpath(path)
            node.text = value
        return document

    def evaluate(self, answers: Mapping[str, str]) -> dict[str, str]:
        """Every calculated node's text after the calculations ran in document order."""
        document = self.instance(answers)
        results = {}
        with _xforms_functions(self._etree):
            for path, calculation in self.calculations:
                (node,) = document.xpath(path)
                node.text = results[path] = document.xpath(f"string({calculation})")
        return results


def _without_namespaces(element: Any) -> Any:
    """A copy of the instance with plain element names, as XForms' XPath sees them."""
    from lxml import etree

    copy = etree.Element(etree.QName(element).localname, {k: v for k, v in element.attrib.items() if "}" not in k})
    for child in element:
        if isinstance(child.tag, str):
            copy.append(_without_namespaces(child))
    return copy


class _xforms_functions:
    """XForms' ``if(condition, then, else)`` registered for XPath without a namespace, while in use."""

    def __init__(self, etree: Any) -> None:
        self.functions = etree.FunctionNamespace(None)

    def __enter__(self) -> None:
        self.functions["if"] = lambda _context, condition, then, otherwise: then if condition else otherwise

    def __exit__(self, *_exc: object) -> None:
        del self.functions["if"]
