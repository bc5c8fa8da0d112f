"""Every malformed outlet table fails with a KnowledgeBaseError naming the file and the line at fault."""

from __future__ import annotations

import re

import pytest

from sourcier.errors import KnowledgeBaseError
from sourcier.knowledge.countries import parse_countries
from sourcier.knowledge.outlets import load_outlets, parse_outlets

HEADER = "id,name,country,state_affiliated,parent\n"
GOOD = "ok-one,Ok One,ML,false,\n"

CASES = {
    "unknown column": ("id,name,colour\nx,X,red\n", 1, "unknown column 'colour'"),
    "missing name column": ("id,aliases\nx,X\n", 1, "missing column(s) 'name'"),
    "missing name": (HEADER + GOOD + "x,,ML,false,\n", 3, "missing name"),
    "missing id": (HEADER + ",No Id,ML,,\n", 2, "missing id"),
    "bad id": (HEADER + "Not A Slug,X,ML,,\n", 2, "not a slug"),
    "bad country code": (HEADER + GOOD + "x,X,XX,false,\n", 3, "unknown country code 'XX'"),
    "alpha-3 country code": (HEADER + "x,X,MLI,false,\n", 2, "use the alpha-2 code ML"),
    "bad boolean": (HEADER + GOOD + GOOD.replace("ok-one", "x") + "y,Y,ML,maybe,\n", 4, "'maybe' is not a boolean"),
    "duplicate id": (HEADER + GOOD + "x,X,SN,,\n" + GOOD, 4, "duplicate id 'ok-one' (first at line 2)"),
    "self parent": (HEADER + "x,X,ML,,x\n", 2, "its own parent"),
    "bad kind": ("id,name,kind\nx,X,blog\n", 2, "kind: unknown value 'blog'"),
    "bad ownership": ("id,name,ownership\nx,X,owned by someone\n", 2, "ownership: unknown value"),
    "bad domain": ("id,name,domains\nx,X,https://x.org\n", 2, "is not a host name"),
    "duplicate domain": ("id,name,domains\nx,X,x.org\ny,Y,www.x.org\n", 3, "domain 'x.org' already belongs to 'x'"),
    "bad source url": ("id,name,source_url\nx,X,www.x.org\n", 2, "must start with http"),
    "too many fields": (HEADER + GOOD + "x,X,ML,false,,extra\n", 3, "6 fields but the header has 5"),
    "unterminated quote": (HEADER + GOOD + 'x,"X,ML,false,\n', 3, "malformed CSV"),
    "empty file": ("", 1, "empty file"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_malformed_table(tmp_path, case):
    text, line, message = CASES[case]
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as caught:
        parse_outlets(path)
    error = str(caught.value)
    assert f"{path}:{line}:" in error, error
    assert message in error
    assert error.startswith("[E200]")


def test_multi_line_record_is_reported_at_its_first_line(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text('id,name,notes\nx,X,"two\nlines"\ny,Y,\nz,Z,"a\nb"\nz,Z2,\n', encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=re.escape(f"{path}:7:") + ".*first at line 5"):
        parse_outlets(path)


def test_not_utf8(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("id,name\nx,X\ny,Télé\n".encode("latin-1"))
    with pytest.raises(KnowledgeBaseError, match=re.escape(f"{path}:3:") + ".*not valid UTF-8"):
        parse_outlets(path)


def test_missing_file(tmp_path):
    with pytest.raises(KnowledgeBaseError, match="no such outlet table"):
        load_outlets([tmp_path / "nope.csv"])


def test_unknown_parent_is_reported_when_loading(tmp_path):
    path = tmp_path / "overlay.csv"
    path.write_text("id,name,parent\nradio-a,Radio A,\nradio-b,Radio B,no-such-group\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as caught:
        load_outlets([path])
    assert f"{path}:3:" in str(caught.value)
    assert "unknown parent 'no-such-group'" in str(caught.value)


def test_parent_may_be_a_bundled_outlet(tmp_path):
    path = tmp_path / "overlay.csv"
    path.write_text("id,name,parent\nrfi-mandenkan,RFI Mandenkan,rfi\n", encoding="utf-8")
    kb = load_outlets([path])
    assert kb.parent(kb.get("rfi-mandenkan")).id == "rfi"


def test_parent_cycle(tmp_path):
    path = tmp_path / "overlay.csv"
    path.write_text("id,name,parent\na,A,b\nb,B,a\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match="parent cycle"):
        load_outlets([path])


def test_a_bad_overlay_in_sourcier_home_is_named(monkeypatch, tmp_path):
    monkeypatch.setenv("SOURCIER_HOME", str(tmp_path))
    (tmp_path / "outlets").mkdir()
    bad = tmp_path / "outlets" / "team.csv"
    bad.write_text("id,name,country\nx,X,ZZ\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=re.escape(f"{bad}:2:")):
        load_outlets()


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("alpha2,alpha3,name_fr,name_en\nML,MLI,Mali,Mali\nML,MLX,Mali bis,Mali bis\n", 3, "duplicate code ML"),
        ("alpha2,alpha3,name_fr,name_en,demonyms\nML,MLI,Mali,Mali,malien|malienne\n", 2, "four forms"),
        ("alpha2,alpha3,name_fr,name_en\nM1,MLI,Mali,Mali\n", 2, "alpha2 must be two letters"),
        ("alpha2,alpha3,name_fr,name_en\nML,MLI,,Mali\n", 2, "missing name_fr"),
        ("alpha2,alpha3,name_fr,name_en,status\nML,MLI,Mali,Mali,colony\n", 2, "status must be empty"),
    ],
)
def test_malformed_country_table(tmp_path, text, line, message):
    path = tmp_path / "countries.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=re.escape(f"{path}:{line}:") + ".*" + re.escape(message)):
        parse_countries(str(path))
