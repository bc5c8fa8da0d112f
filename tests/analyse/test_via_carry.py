"""A venue or a relay carried to the quotes it covers, and the cues that name them on unseen news
(sentences written for these tests)."""

from __future__ import annotations

import pytest

from sourcier import analyze
from tests.analyse.test_via_follows import via_of, vias

pytestmark = pytest.mark.slow


def roles(text: str) -> set[tuple[str, str]]:
    return {(s.name, s.role) for s in analyze(text).sources}


def test_via_an_outlet_written_with_one_capital_is_still_known():
    found = vias(
        "« La grève sera suivie », a prédit jeudi la syndicaliste Nadia Roux sur Cnews.\n\n"
        "Nadia Roux a ajouté que « les cheminots ne lâcheront rien »."
    )
    assert via_of(found, "La grève sera") == {"CNews"}
    assert via_of(found, "les cheminots") == {"CNews"}
