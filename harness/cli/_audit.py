"""`plume audit`: anonymise, lint and score a whole Services Publics+ export, here or on Ray."""

from pathlib import Path
from typing import Annotated

import typer

from harness.cli._common import (
    AddressOption,
    EngineChoice,
    EngineOption,
    console,
    err_console,
    guarded,
)


def register(app: typer.Typer) -> None:
    """Add `plume audit` to the application."""

    @app.command("audit")
    @guarded
    def audit(
        corpus: Annotated[
            Path,
            typer.Argument(
                help="Services Publics+ export: CSV or JSON as published, JSONL or Parquet."
            ),
        ],
        out: Annotated[Path, typer.Option("--out", help="Folder for the Parquet files and page.")],
        engine: EngineOption = EngineChoice.local,
        address: AddressOption = None,
        resume: Annotated[
            bool,
            typer.Option("--resume", help="Continue an interrupted audit in --out."),
        ] = False,
        chunk_size: Annotated[
            int, typer.Option("--chunk-size", help="Replies per Parquet file.")
        ] = 500,
    ) -> None:
        """Audit an export: anonymise, lint, score tone and conciseness, find personal data.

        Writes one Parquet file per chunk and index.html (charts per service and month, score
        distributions, worst and best replies, all anonymised). A killed audit continues with
        --resume.
        """
        from harness.audit import run_audit
        from harness.errors import UsageError

        if address is not None and engine is not EngineChoice.ray:
            raise UsageError("--address is for --engine ray")
        with err_console.status("auditing") as status:
            summary = run_audit(
                corpus,
                out,
                engine=engine.value,
                address=address,
                resume=resume,
                chunk_size=chunk_size,
                progress=lambda done, total: status.update(f"auditing: chunk {done}/{total}"),
            )
        for line in summary.skipped[:5]:
            err_console.print(f"skipped {line}", highlight=False, markup=False, soft_wrap=True)
        if len(summary.skipped) > 5:
            err_console.print(f"… and {len(summary.skipped) - 5} more rows skipped")
        resumed = f" ({summary.resumed} found done)" if summary.resumed else ""
        console.print(
            f"{summary.replies} replies audited in {summary.chunks} chunks{resumed},"
            f" {len(summary.skipped)} rows skipped",
            highlight=False,
        )
        console.print(f"Page: {summary.report}", highlight=False, markup=False, soft_wrap=True)
