"""``--format text`` shows article data as it is: never as rich markup, never as terminal codes."""

from __future__ import annotations

import io
import re

from rich.console import Console

from sourcier.cli.render import render_analysis
from sourcier.model import (
    Analysis, ArticleMeta, Entity, Outlet, Paragraph, Quote, Source, Speaker, TextSpan, Via, text_id,
)

HYPERLINK = "\x1b]8;;http://piege.example\x1b\\cliquez\x1b]8;;\x1b\\"
SAID = "Le [ministre] a tout dit [bold]en gras[/bold] et \x1b[2J effacé\r"
TEXT = f"Awa [link=http://piege.example]Diop[/link] a déclaré : « {SAID} », selon {HYPERLINK}.\u202egnp.exe"


def hostile_analysis() -> Analysis:
    start = TEXT.index(SAID)
    name = "Awa [link=http://piege.example]Diop[/link]"
    speaker = Entity(id="e1", name=name, type="PERSON", roles=["[red]ministre[/red]"],
                     mentions=[TextSpan(0, len(name), name)])
    source_start = TEXT.index(HYPERLINK)
    source = Source(id="s1", name=HYPERLINK, role="relay", outlet=Outlet(name="Agence :warning: [i]x[/i]"),
                    mentions=[TextSpan(source_start, source_start + len(HYPERLINK), HYPERLINK)])
    quote = Quote(id="q1", type="direct", start=start, end=start + len(SAID), text=SAID,
                  speaker=Speaker(entity="e1", name=name), cue=TextSpan(TEXT.index("a déclaré"),
                  TEXT.index("a déclaré") + 9, "a déclaré"), via=[Via(HYPERLINK, "s1")], confidence=0.9)
    return Analysis(id=text_id(TEXT), text=TEXT, paragraphs=[Paragraph(0, len(TEXT))],
                    article=ArticleMeta(title="[blink]Titre[/blink] \x07", url="http://x.example/\x1b[31m",
                                        outlet="Le :fire: Journal"),
                    entities=[speaker], quotes=[quote], sources=[source],
                    warnings=["avertissement [bold]piégé[/bold] \x1b[5m"])


def rendered() -> str:
    out = io.StringIO()
    # A real terminal: colours on, so anything rich would interpret shows up as codes.
    console = Console(file=out, width=400, force_terminal=True, color_system="truecolor")
    render_analysis(hostile_analysis(), console)
    return out.getvalue()


def test_article_data_is_never_rich_markup():
    shown = Console(file=io.StringIO(), width=400)
    render_analysis(hostile_analysis(), shown)
    text = shown.file.getvalue()  # type: ignore[attr-defined]
    for written in ("[ministre]", "[bold]en gras[/bold]", "[link=http://piege.example]Diop[/link]",
                    "[blink]Titre[/blink]", "[red]ministre[/red]", "Agence :warning: [i]x[/i]", "Le :fire: Journal",
                    "avertissement [bold]piégé[/bold]"):
        assert written in text, written


def test_article_data_never_reaches_the_terminal_as_control_codes():
    text = rendered()
    # rich's own styling uses CSI "m" sequences; nothing else may come through.
    without_styles = re.sub(r"\x1b\[[0-9;]*m", "", text)
    assert "\x1b" not in without_styles and "\x07" not in without_styles and "\r" not in without_styles
    assert "\u202e" not in text
    assert "\x1b]8;" not in text  # no OSC 8 hyperlink
    assert "␛]8;;http://piege.example␛\\cliquez" in without_styles  # shown, visibly
    assert "␛[2J effacé␍" in without_styles
