"""`plume report`: rebuild a run's report, with `--judge` judged first; `--compare` is an alias
of `plume compare`."""

from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.markup import escape

from harness import paths
from harness.cli import _compare
from harness.cli._common import console, err_console, guarded
from harness.errors import UsageError


def register(app: typer.Typer) -> None:
    """Add `plume report` to the application."""

    @app.command("report")
    @guarded
    def report(
        run_dir: Annotated[Path, typer.Argument(help="A run directory (runs/<run-id>).")],
        format: Annotated[
            Literal["html", "md"],
            typer.Option("--format", help="html (report.html) or md (report.md)."),
        ] = "html",
        compare: Annotated[
            Path | None,
            typer.Option(
                help="Another run directory: the same as `plume compare RUN_DIR OTHER`, written "
                "to RUN_DIR/compare-OTHER.html (or .md)."
            ),
        ] = None,
        intersect: Annotated[
            bool,
            typer.Option(
                help="With --compare: runs on different item sets are compared on the shared items."
            ),
        ] = False,
        judge: Annotated[
            list[str] | None,
            typer.Option(
                help="A model from models.yaml that grades the run's replies on tone and accuracy "
                "(judge-tone, judge-accuracy) and the built-in canary pairs, before the report is "
                "written; repeat for several judges. Verdicts are kept in RUN_DIR/judges.jsonl: "
                "only those not recorded yet are asked for."
            ),
        ] = None,
    ) -> None:
        """Rebuild the report of a run directory from run.json, samples.jsonl and results.json,
        with the judges' scores and canary checks kept in judges.jsonl."""
        from harness.report import write_report

        if judge and compare is not None:
            raise UsageError(
                "--judge judges one run: run `plume report RUN --judge MODEL` on each run, then "
                "compare them"
            )
        for name in judge or []:
            _judge(run_dir, name)
        if compare is None:
            path = write_report(run_dir, markdown=format == "md")
            console.print(f"Report: {escape(str(path))}", highlight=False, soft_wrap=True)
            return
        out = run_dir / f"compare-{compare.resolve().name}.{format}"
        _compare.compare([run_dir, compare], out=out, intersect=intersect)


def _judge(run_dir: Path, name: str) -> None:
    """Have judge ``name`` grade what it has not graded yet in ``run_dir``."""
    from harness.models import load_models, select_models
    from harness.report import judge_run, read_run

    (spec,), _ = select_models(load_models(paths.models_file()), [name])
    _, _, records, items = read_run(run_dir)
    if items is None:
        raise UsageError(
            f"{run_dir}: the run's gold set is no longer where the run found it, or changed, "
            "and the run kept no copy (gold.anonymised.jsonl): the judge needs the items"
        )
    with err_console.status(f"judging with {spec.name}"):
        asked = judge_run(run_dir, spec, records, items)
    console.print(
        f"judge {escape(spec.name)}: {asked} verdicts asked"
        + (" (all were already recorded)" if not asked else ""),
        highlight=False,
    )
