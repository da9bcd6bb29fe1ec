"""Every roster of the independent corpus (tests/data/rosters/), imported as a new user would.

Each case goes into a fresh encrypted workspace through ``import-roster FILE --skip-invalid`` plus
the options its expected.json lists (password, sheet, programme, date), and the stored attendance
records, people, duplicates and refused rows are compared with expected.json (see
``roster_corpus`` for the rules, which are the corpus README's).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from roster_corpus import cases, run_case

# Known disagreement with the corpus — undated not-yet rows: an e-learning export's 未受講 / 未修了 /
# In Progress rows without a date are expected as records with date null. Mamori records
# attendance at a dated session, so such a row records nothing; the import counts it as "not
# attended yet, without a date", and coverage shows the person as not trained anyway. The
# comparison leaves these expected records out and checks that each was counted so instead.


@pytest.mark.parametrize("case", cases())
def test_roster_case(case: str, tmp_path: Path) -> None:
    outcome = run_case(case, tmp_path)
    assert outcome.differences == [], "\n".join(outcome.differences[:20])
    assert outcome.summary["counts"]["not_yet_undated"] == outcome.undated_not_yet


def test_the_corpus_is_all_there() -> None:
    assert len(cases()) >= 30
