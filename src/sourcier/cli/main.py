"""The ``sourcier`` command: one group, subcommands registered from small modules."""

from __future__ import annotations

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="sourcier")
def main() -> None:
    """Sourcier: who said what, to whom, reported by whom, in French-language news."""


def _register() -> None:
    from sourcier.cli import analyze, corpus, demo, fetch, info, ingest, outlets, publishers, relations, reprints, skipped
    from sourcier.cli import speakers  # noqa: F401  (registers the correction subcommands)
    from sourcier.cli import eval as eval_
    from sourcier.cli import serve

    for command in (
        analyze.analyze,
        demo.demo,
        fetch.fetch,
        ingest.ingest,
        skipped.skipped,
        *corpus.COMMANDS,
        outlets.outlets,
        relations.relations,
        reprints.reprints,
        reprints.trace,
        reprints.relays,
        eval_.eval_command,
        info.info,
    ):
        main.add_command(command)
    main.add_command(serve.serve)
    outlets.outlets.add_command(publishers.publishers)


_register()
