#!/usr/bin/env python3
"""Validates FHIR R4 JSON files with the `fhir.resources` R4B models (identical to R4
for Questionnaire and QuestionnaireResponse; the Bundle, Observation and DetectedIssue
elements we write are the same in both).

Usage: validate.py FILE...   Prints one line per file; exit status 1 if any is invalid.
Catches missing required elements, unknown properties, two value[x] keys, bad dates.
"""
import json
import sys

from fhir.resources.R4B import get_fhir_model_class


def validate(resource):
    """Validates one resource, then each resource a Bundle holds, on its own too."""
    cls = get_fhir_model_class(resource["resourceType"])
    cls.model_validate_json(json.dumps(resource))
    for entry in resource.get("entry", []):
        validate(entry["resource"])


def main(paths):
    failed = 0
    for path in paths:
        with open(path, encoding="utf-8") as f:
            resource = json.load(f)
        try:
            validate(resource)
            print(f"ok {path}")
        except Exception as e:  # pydantic's ValidationError, or a bad resourceType
            failed += 1
            print(f"INVALID {path}: {e}")
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: validate.py FILE...")
    sys.exit(main(sys.argv[1:]))
