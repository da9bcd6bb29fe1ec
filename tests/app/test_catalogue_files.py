"""The shipped catalogue files (resources/catalogues/*.json) are well-formed seed data."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path
from typing import Any

import pytest

from app.paths import resource_path

CATALOGUE_DIR = resource_path("catalogues")
FILES = sorted(CATALOGUE_DIR.glob("*.json"))

CATALOGUE_CODE = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*")
ITEM_CODE = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)*")
TOP_KEYS = {"code", "label_ja", "label_en", "source", "items"}
ITEM_KEYS = {"code", "ja", "en"}

# Every enumeration of domain.md §3 shipped so far, plus ORGUNIT_TYPE and PPC_REPORT_DESTINATION.
EXPECTED = {
    "SUBJECT_CAT", "MEDIA", "LIFECYCLE_PHASE", "RISK_CONSEQUENCE", "THREAT", "RISK_TREATMENT",
    "RISK_TRIGGER", "SENSITIVE_TYPE", "EMPLOYMENT_TYPE", "PMS_ROLE", "ACQ_BASIS", "VOLUME_BAND",
    "CONFIDENTIALITY", "CONTROL_STATUS", "DISPOSAL_METHOD", "TRAINING_TYPE", "TRAINING_FORMAT",
    "ATTENDANCE_STATUS", "PLEDGE_TYPE", "FINDING_SEVERITY", "CA_SOURCE", "EFFECTIVENESS",
    "AUDIT_TYPE", "EVAL_RESULT", "EVAL_METHOD", "CONTRACTOR_CAT", "CERT", "ORGUNIT_TYPE",
    "PPC_REPORT_DESTINATION", "ACQ_METHOD", "ACQ_SOURCE", "SPECIAL_CARE", "NOTICE_METHOD",
    "PURPOSE_SCOPE", "PURPOSE_CHANGE_TYPE", "RETENTION_BASIS", "CONTROL_CATEGORY", "CONTROL_SCOPE",
    "RISK_IMPACT", "RISK_LIKELIHOOD", "RISK_BAND", "THREAT_PROFILE",
}  # fmt: skip


def load(path: Path) -> dict[str, Any]:
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), f"{path.name} starts with a BOM"
    data = json.loads(raw.decode("utf-8"))
    assert isinstance(data, dict), f"{path.name} is not a JSON object"
    return data


def catalogue(code: str) -> dict[str, Any]:
    return load(CATALOGUE_DIR / f"{code.lower()}.json")


def test_expected_catalogues_are_shipped() -> None:
    shipped = {path.stem.upper() for path in FILES}
    assert shipped >= EXPECTED, f"missing: {sorted(EXPECTED - shipped)}"


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_catalogue_file(path: Path) -> None:
    data = load(path)
    assert set(data) == TOP_KEYS, f"keys: {sorted(data)}"
    assert CATALOGUE_CODE.fullmatch(data["code"]), data["code"]
    assert path.name == f"{data['code'].lower()}.json"
    for key in ("label_ja", "label_en", "source"):
        assert isinstance(data[key], str)
        assert data[key].strip() == data[key] != "", key

    items = data["items"]
    assert isinstance(items, list)
    assert items, "no items"
    for item in items:
        assert isinstance(item, dict)
        assert ITEM_KEYS <= set(item) <= ITEM_KEYS | {"extra", "synonyms"}, f"keys: {sorted(item)}"
        assert ITEM_CODE.fullmatch(item["code"]), f"code {item['code']!r} is not snake_case"
        for key in ("ja", "en"):
            assert isinstance(item[key], str)
            assert item[key].strip() == item[key] != "", f"{item['code']}.{key}"
        if "extra" in item:
            assert isinstance(item["extra"], dict)
            assert item["extra"], f"{item['code']} has an empty extra"
        if "synonyms" in item:
            synonyms = item["synonyms"]
            assert isinstance(synonyms, list) and synonyms, f"{item['code']}: synonyms"
            assert all(isinstance(s, str) and s.strip() == s != "" for s in synonyms)
            assert len(set(synonyms)) == len(synonyms), f"{item['code']}: repeated synonym"
    for key in ("code", "ja", "en"):
        values = [item[key] for item in items]
        duplicates = sorted({value for value in values if values.count(value) > 1})
        assert not duplicates, f"duplicate {key}: {duplicates}"


def test_every_threat_names_a_lifecycle_phase() -> None:
    phases = [item["code"] for item in catalogue("LIFECYCLE_PHASE")["items"]]
    threat_phases = [item["extra"]["phase"] for item in catalogue("THREAT")["items"]]
    assert set(threat_phases) <= set(phases)
    # Listed phase by phase, in the order of the lifecycle.
    assert sorted(threat_phases, key=phases.index) == threat_phases


def test_finding_severity_due_days() -> None:
    due = {
        item["code"]: item["extra"]["due_days"] for item in catalogue("FINDING_SEVERITY")["items"]
    }
    assert due == {
        "major_nc": 30,
        "minor_nc": 90,
        "observation": None,
        "improvement": None,
        "good_practice": None,
    }


def test_volume_bands_are_contiguous() -> None:
    bands = [item["extra"] for item in catalogue("VOLUME_BAND")["items"]]
    assert bands[0]["min"] == 0
    assert bands[-1]["max"] is None
    for lower, upper in itertools.pairwise(bands):
        assert upper["min"] == lower["max"] + 1
