"""`plume data ...`: validate, import, export, split, describe and anonymise gold sets."""

import json
import statistics
import sys
from collections import Counter
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.table import Table

from harness import paths
from harness.cli._common import console, guarded
from harness.errors import UsageError
from harness.files import decode_text, read_text

if TYPE_CHECKING:
    from harness.gold import GoldItem

MAX_PROBLEMS_SHOWN = 200


class SourceFormat(StrEnum):
    """Tables `plume data import` reads."""

    spp = "spp"
    spp_export = "spp-export"
    evalap = "evalap"
    review = "review"
    csv = "csv"


class TargetFormat(StrEnum):
    """Tables `plume data export` writes."""

    evalap = "evalap"
    sft = "sft"
    dpo = "dpo"


class AnonymizeFormat(StrEnum):
    """How `plume data anonymize` prints its result."""

    text = "text"
    json = "json"


def _read_input(source: str) -> str:
    if source == "-":
        return decode_text(source, sys.stdin.buffer.read())
    return read_text(Path(source))


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _words(text: str) -> int:
    return len(text.split())


def _unscorable(items: Sequence["GoldItem"]) -> str:
    """How many items accuracy cannot be judged on (no key facts, no context), when any."""
    from harness.scoring import accuracy_scorable

    count = sum(1 for item in items if not accuracy_scorable(item))
    if not count:
        return ""
    return (
        f"; {_count(count, 'item')} without key facts or context cannot be scored on accuracy"
        " (add the facts the agent had)"
    )


def register(app: typer.Typer) -> None:
    """Add the `plume data` group to the application."""
    group = typer.Typer(
        help="Gold sets: validate, import, export, split, describe, anonymise.",
        no_args_is_help=True,
    )

    @group.command("validate")
    @guarded
    def validate(
        path: Annotated[Path, typer.Argument(help="Gold set (JSONL) to check.")],
    ) -> None:
        """Check a gold set against the schema; list every problem with its line and field."""
        from harness.gold import check_gold

        check = check_gold(path)
        for warning in check.warnings[:MAX_PROBLEMS_SHOWN]:
            typer.echo(f"{path}: warning: {warning}", err=True)
        if check.problems:
            for problem in check.problems[:MAX_PROBLEMS_SHOWN]:
                typer.echo(f"{path}: {problem}", err=True)
            hidden = len(check.problems) - MAX_PROBLEMS_SHOWN
            if hidden > 0:
                typer.echo(f"{path}: … and {hidden} more", err=True)
            typer.echo(f"{path}: {_count(len(check.problems), 'problem')}", err=True)
            raise typer.Exit(1)
        services = len({item.service for item in check.items})
        summary = (
            f"{path}: valid, {_count(len(check.items), 'item')}, {_count(services, 'service')}"
        )
        if check.warnings:
            summary += f", {_count(len(check.warnings), 'warning')}"
        console.print(summary + _unscorable(check.items), markup=False, highlight=False)

    @group.command("import")
    @guarded
    def import_(
        source: Annotated[
            Path, typer.Argument(help="Table to import (.json, .jsonl or .csv), or review folder.")
        ],
        out: Annotated[Path, typer.Option("--out", help="Gold set to write (JSONL).")],
        kind: Annotated[
            SourceFormat,
            typer.Option(
                "--from",
                "--format",
                help="spp (the Services Publics+ open-data export), evalap (query/output_true), "
                "review (agents' edited replies, as candidate items for a writer to check) "
                "or csv (writers' spreadsheet, one row per item: see styleguide/LISEZMOI.md).",
            ),
        ],
        service: Annotated[
            str | None,
            typer.Option(help="Service to record when an EvalAP table does not name one."),
        ] = None,
    ) -> None:
        """Import a table as a gold set; every text is anonymised before anything is written."""
        from harness.gold import import_evalap, import_spp_export, write_gold

        if kind is SourceFormat.review:
            from harness.review import candidate_gold, load_plan, read_verdicts

            candidates = candidate_gold(load_plan(source), read_verdicts(source))
            write_gold(candidates, out)
            console.print(
                f"{out}: {len(candidates)} candidate items, tagged à-vérifier for a writer",
                markup=False,
                highlight=False,
            )
            return
        if kind is SourceFormat.csv:
            from harness.gold._csv import import_writers_csv

            written = import_writers_csv(source)
            write_gold(written.items, out)
            for cell in written.anonymised:
                typer.echo(f"{source}: {cell} : données personnelles remplacées", err=True)
            console.print(f"{out}: {len(written.items)} items written", markup=False)
            return
        if kind is SourceFormat.evalap:
            result = import_evalap(source, service=service)
        else:
            if service is not None:
                raise UsageError(
                    "--service applies to EvalAP tables only; the export names each service"
                )
            result = import_spp_export(source)
        write_gold(result.items, out)
        for line in result.skipped[:MAX_PROBLEMS_SHOWN]:
            typer.echo(f"{source}: skipped {line}", err=True)
        console.print(
            f"{out}: {len(result.items)} items written, {len(result.skipped)} rows skipped"
            + _unscorable(result.items),
            markup=False,
            highlight=False,
        )

    @group.command("export")
    @guarded
    def export(
        path: Annotated[
            Path, typer.Argument(help="Gold set (JSONL) to export; for dpo, a review folder.")
        ],
        out: Annotated[Path, typer.Option("--out", help="Table to write (.jsonl or .csv).")],
        to: Annotated[
            TargetFormat,
            typer.Option(
                "--to",
                "--format",
                help="evalap, sft (chat examples: gold and agents' edits) or dpo (preferences).",
            ),
        ] = TargetFormat.evalap,
        review: Annotated[
            list[Path] | None,
            typer.Option("--review", help="With sft: a review folder whose edits to add."),
        ] = None,
        prompt: Annotated[
            str, typer.Option(help="With sft: the prompt gold examples are rendered with.")
        ] = "reply",
    ) -> None:
        """Export a gold set as an EvalAP table, or as style-tuning data (sft, dpo) without the
        gold test split."""
        from harness.gold import load_gold, write_evalap

        if review and to is not TargetFormat.sft:
            raise UsageError(
                f"--review adds agents' edits to sft examples; --to {to.value} has none"
            )
        if to is not TargetFormat.evalap:
            from harness.review import (
                dpo_records,
                load_plan,
                read_verdicts,
                sft_examples,
                write_jsonl,
            )

            if to is TargetFormat.dpo:
                rows = dpo_records(load_plan(path), read_verdicts(path))
            else:
                reviews = [(load_plan(d), read_verdicts(d)) for d in review or []]
                rows = sft_examples(load_gold(path).items, prompt, reviews)
            write_jsonl(out, rows)
            console.print(f"{out}: {len(rows)} examples written", markup=False, highlight=False)
            return
        gold = load_gold(path)
        write_evalap(gold.items, out)
        console.print(f"{out}: {len(gold.items)} rows written", markup=False, highlight=False)

    @group.command("split")
    @guarded
    def split(
        path: Annotated[Path, typer.Argument(help="Gold set (JSONL).")],
        ids: Annotated[
            bool, typer.Option("--ids", help="Also list the ids in each split.")
        ] = False,
    ) -> None:
        """Show the deterministic train/dev/test split (by a hash of each id)."""
        from harness.gold import load_gold, split_items

        groups = split_items(load_gold(path).items)
        for name, items in groups.items():
            line = f"{name}: {len(items)}"
            if ids:
                line += " " + " ".join(item.id for item in items)
            console.print(line, markup=False, highlight=False)

    @group.command("stats")
    @guarded
    def stats(path: Annotated[Path, typer.Argument(help="Gold set (JSONL).")]) -> None:
        """Summarise a gold set: items per service and sentiment, lengths, tags."""
        from harness.gold import load_gold

        items = load_gold(path).items
        table = Table(title=f"{escape(str(path))}: {len(items)} items")
        table.add_column("service")
        for column in ("items", "negative", "neutral", "positive"):
            table.add_column(column, justify="right")
        per_service = Counter(item.service for item in items)
        feelings = Counter((item.service, item.experience.sentiment) for item in items)
        for name, count in per_service.most_common():
            table.add_row(
                escape(name),
                str(count),
                *(str(feelings[name, s]) for s in ("negative", "neutral", "positive")),
            )
        console.print(table)
        for label, values in (
            ("citizen text (words)", [_words(i.experience.text) for i in items]),
            ("gold reply (words)", [_words(i.reply) for i in items]),
        ):
            console.print(
                f"{label}: min {min(values)}, median {statistics.median(values):g},"
                f" max {max(values)}",
                markup=False,
                highlight=False,
            )
        tags = Counter(tag for item in items for tag in item.tags)
        if tags:
            shown = ", ".join(f"{tag} {count}" for tag, count in tags.most_common())
            console.print(f"tags: {shown}", markup=False, highlight=False)

    @group.command("schema")
    @guarded
    def schema(
        out: Annotated[
            Path | None, typer.Option("--out", help="Write the schema to this file.")
        ] = None,
        check: Annotated[
            bool,
            typer.Option("--check", help="Exit 1 if gold/schema.json is not the model's schema."),
        ] = False,
    ) -> None:
        """Print the gold item's JSON Schema (generated from the model), write it, or check it."""
        from harness.files import write_atomic
        from harness.gold import gold_schema_json

        text = gold_schema_json()
        if check:
            published = paths.gold_dir() / "schema.json"
            try:
                current = published.read_text(encoding="utf-8")
            except OSError:
                current = ""
            if current != text:
                raise UsageError(
                    f"{published} is out of date: run `plume data schema --out {published}`"
                )
            console.print(f"{published}: up to date", markup=False, highlight=False)
        elif out is not None:
            write_atomic(out, [text])
            console.print(f"{out}: written", markup=False, highlight=False)
        else:
            typer.echo(text, nl=False)

    @group.command("anonymize")
    @guarded
    def anonymize_(
        source: Annotated[
            str, typer.Argument(help="Text file to anonymise, or - for standard input.")
        ],
        as_json: Annotated[
            bool, typer.Option("--json", help="Print the Anonymise JSON (text and entities).")
        ] = False,
        fmt: Annotated[
            AnonymizeFormat, typer.Option("--format", help="text or json (same as --json).")
        ] = AnonymizeFormat.text,
    ) -> None:
        """Replace personal data with typed placeholders ([NOM], [EMAIL], [TÉLÉPHONE]…)."""
        from harness.privacy import anonymize

        result = anonymize(_read_input(source))
        if as_json or fmt is AnonymizeFormat.json:
            typer.echo(json.dumps(result.as_json(), ensure_ascii=False))
        else:
            typer.echo(result.text, nl=not result.text.endswith("\n"))

    # The issue and the Anonymise JSON contract name it `plume anonymize`: the same command.
    app.command("anonymize")(anonymize_)
    app.add_typer(group, name="data")
