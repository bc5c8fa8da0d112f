"""The ``sourcier`` command: one group, subcommands registered from small modules."""

from __future__ import annotations

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="sourcier")
def main() -> None:
    """Sourcier: who said what, to whom, reported by whom, in French-language news."""


def _register() -> None:
    from sourcier.cli import analyze, demo

    main.add_command(analyze.analyze)
    main.add_command(demo.demo)

    from sourcier.cli import fetch

    main.add_command(fetch.fetch)

    from sourcier.cli import outlets

    main.add_command(outlets.outlets)

    from sourcier.cli import corpus, ingest

    main.add_command(ingest.ingest)
    for command in corpus.COMMANDS:
        main.add_command(command)

    from sourcier.cli import eval as eval_

    main.add_command(eval_.eval_command)


_register()
