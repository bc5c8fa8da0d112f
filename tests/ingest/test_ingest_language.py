"""Language identification (CLD2 through pycld2): French accepted, the region's languages named."""

from __future__ import annotations

import pytest

from sourcier.errors import NotFrench
from sourcier.ingest import detect_language, ensure_french

FRENCH = (
    "Le gouvernement de transition a annoncé mardi qu'il allait renforcer sa coopération militaire "
    "avec plusieurs partenaires, dont la Russie, selon un communiqué publié dans la soirée à Bamako."
)
ENGLISH = (
    "The transitional government announced on Tuesday that it would strengthen its military "
    "cooperation with several partners, including Russia, according to a statement released in Bamako."
)
SPANISH = (
    "El gobierno de transición anunció el martes que iba a reforzar su cooperación militar con "
    "varios socios, entre ellos Rusia, según un comunicado publicado por la noche en Bamako."
)
PORTUGUESE = (
    "O governo de transição anunciou na terça-feira que ia reforçar a sua cooperação militar com "
    "vários parceiros, entre os quais a Rússia, segundo um comunicado publicado à noite em Bamako."
)
GERMAN = (
    "Die Übergangsregierung hat am Dienstag angekündigt, dass sie ihre militärische Zusammenarbeit "
    "mit mehreren Partnern, darunter Russland, verstärken wird, wie es in einer Mitteilung hieß."
)
ITALIAN = (
    "Il governo di transizione ha annunciato martedì che rafforzerà la sua cooperazione militare con "
    "diversi partner, tra cui la Russia, secondo un comunicato pubblicato in serata a Bamako."
)


# Written for these tests: the same news item in the languages the region's press meets.
WOLOF = ("Xale yi dem nañu ca daara ja bu njëkk ci suba. Maangi fi rekk, jërëjëf. Dinaa dem ca marse ba "
         "ngir jënd ceeb ak jën, te ñu ngi koy waajal ngir réew mi.")
HAUSA = ("Gwamnatin rikon kwarya ta sanar a ranar Talata cewa za ta karfafa hadin gwiwar soji da wasu abokan "
         "hulda, kamar yadda wata sanarwa da aka fitar da yamma a Bamako ta nuna.")
ARABIC = "أعلنت الحكومة الانتقالية يوم الثلاثاء أنها ستعزز تعاونها العسكري مع عدة شركاء، بحسب بيان صدر مساء في باماكو."


@pytest.mark.parametrize(
    ("text", "code"),
    [(FRENCH, "fr"), (ENGLISH, "en"), (SPANISH, "es"), (PORTUGUESE, "pt"), (GERMAN, "de"), (ITALIAN, "it"),
     (WOLOF, "wo"), (HAUSA, "ha"), (ARABIC + " " + ARABIC, "ar")],
)
def test_detects_the_language(text, code):
    assert detect_language(text) == code


@pytest.mark.parametrize(("text", "name"), [(WOLOF, "Wolof"), (HAUSA, "Hausa")])
def test_the_regions_languages_are_named_when_rejected(text, name):
    with pytest.raises(NotFrench, match=name):
        ensure_french(text, "depeche.txt")


def test_control_characters_do_not_stop_the_detector():
    assert detect_language(FRENCH.replace(" ", " \x01", 3) + "\ud800") == "fr"


def test_french_with_a_long_english_quote_is_still_french():
    text = FRENCH + " « We will never give up », a-t-il dit en anglais. " + FRENCH
    assert detect_language(text) == "fr"


def test_short_texts_are_never_rejected():
    assert detect_language("Le ministre est arrivé.") == "fr"
    assert detect_language("Hello world") == "unknown"
    assert ensure_french("Hello world") == "unknown"
    assert ensure_french("Bamako, 3 mars") == "unknown"


@pytest.mark.parametrize(("text", "name"), [(ENGLISH, "English"), (SPANISH, "Spanish")])
def test_ensure_french_rejects_other_languages(text, name):
    with pytest.raises(NotFrench) as info:
        ensure_french(text, "article.txt")
    assert name in str(info.value) and "article.txt" in str(info.value)
    assert info.value.code == "E105"


BAMBARA = ("Jamana ɲɛmɔgɔw ye kunnafoni di tarata don ko u bɛna sɔrɔdasiw ka baara barika bonya ni "
           "jɛɲɔgɔn caman ye, ka kɛɲɛ ni kunnafoni min bɔra Bamakɔ wula fɛ.")
FULA = ("Mi yahii luumo ngam soodde gawri e kosam. Sukaaɓe ɓen njahii duɗal ñalnde aljuma. Laamu nguu "
        "wiyii ko ɗum ina haani wallude aynaaɓe ɓen e leyɗeele maɓɓe.")


@pytest.mark.parametrize("text", [BAMBARA, FULA])
def test_ensure_french_rejects_long_text_in_no_known_language(text):
    # Bambara and Fula: no detector shipped with its model names them; they are still not French.
    with pytest.raises(NotFrench, match="no other language"):
        ensure_french(text)


def test_the_languages_named_are_those_the_docs_list():
    from sourcier.ingest.language import language_names

    names = language_names()
    for code in ("ar", "en", "pt", "wo", "ha", "yo", "ig", "ln", "sg", "rw", "rn", "sw", "mg", "so", "am", "ak"):
        assert code in names, code
    for code in ("bm", "ff", "mos", "snk", "dyu", "ee", "fon"):
        assert code not in names, code


def test_curly_apostrophes_are_elisions():
    assert detect_language("l’homme qu’on attendait") == "fr"
