"""Exports and imports: one signal list, many tools, the same score.

- :mod:`.fhir`: an HL7 FHIR R4 Questionnaire (SDC) whose FHIRPath expressions compute score and level;
- :mod:`.xlsform`: an XLSForm for ODK Collect and Enketo whose ``calculate`` rows do the same;
- :mod:`.catalog_json`: the whole catalog as one versioned JSON document with a conformance suite;
- :mod:`.reading` and :mod:`.packfolder`: a form made by these exports back into a pack folder.

Every export computes in the list's whole units (:mod:`.formula`), exactly as
:class:`~ondermijning.scoring.Scorer` does, so a form scores what ``assess()`` scores. Scoring
rules that plugins contribute are Python code and cannot travel: the exports refuse them.
"""
