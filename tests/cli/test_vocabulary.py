"""One vocabulary across commands (issue 11): help on every option, ``sourcier info``."""

from __future__ import annotations

import json

import click
from click.testing import CliRunner

from sourcier.cli.main import main
from sourcier.cli.output import FORMATS


def _commands(group: click.Group, path: str = "sourcier"):
    for name, command in group.commands.items():
        yield f"{path} {name}", command
        if isinstance(command, click.Group):
            yield from _commands(command, f"{path} {name}")


def test_every_visible_option_says_what_it_does():
    missing = [(name, p.opts) for name, command in _commands(main) for p in command.params
               if isinstance(p, click.Option) and not p.hidden and not p.help]
    assert missing == []


def test_every_command_takes_quiet():
    missing = [name for name, command in _commands(main) if not isinstance(command, click.Group)
               and "-q" not in {opt for p in command.params for opt in p.opts}]
    assert missing == []


def test_outlets_list_speaks_the_shared_vocabulary():
    options = {opt: p for p in main.commands["outlets"].commands["list"].params for opt in p.opts}
    assert tuple(options["--format"].type.choices) == FORMATS and {"-o", "--excel", "-q"} <= set(options)
    result = CliRunner().invoke(main, ["outlets", "list", "--country", "ML", "--format", "jsonl"])
    assert result.exit_code == 0 and all(json.loads(line)["country"] == "ML" for line in result.stdout.splitlines())


def test_the_query_commands_share_one_output_vocabulary():
    for name in ("quotes", "speakers", "sources", "articles", "relations", "reprints", "skipped"):
        options = {opt: p for p in main.commands[name].params for opt in p.opts}
        assert tuple(options["--format"].type.choices) == FORMATS, name
        assert {"-o", "--output", "-q", "--excel"} <= set(options), name


def test_info_names_model_knowledge_and_the_database_chosen_by_sourcier_db(tmp_path):
    missing = tmp_path / "nulle-part.db"
    result = CliRunner().invoke(main, ["info", "--format", "json"], env={"SOURCIER_DB": str(missing)})
    assert result.exit_code == 0, result.output
    facts = json.loads(result.stdout)
    assert facts["model"]["name"] == "fr_core_news_md"
    assert set(facts["knowledge_base"]) == {"outlets", "countries", "actors"}
    assert facts["database"]["chosen_by"] == "SOURCIER_DB" and facts["database"]["url"] == str(missing)
    assert "no database" in facts["database"]["error"]


def test_info_hides_a_database_password():
    result = CliRunner().invoke(main, ["info", "--format", "json", "--db", "postgresql://moi:secret@localhost:1/x"])
    assert "secret" not in result.stdout
