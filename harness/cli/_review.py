"""`plume review create|serve|results` and `plume calibrate`: agents' blind review of replies."""

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from harness.cli._common import DEFAULT_HOST, DEFAULT_PORT, HostOption, PortOption, console, guarded
from harness.errors import UsageError

if TYPE_CHECKING:
    from harness.review import ReviewPlan, Verdict


class ResultsFormat(StrEnum):
    """What `plume review results` writes."""

    json = "json"
    md = "md"
    html = "html"


def _say(text: str) -> None:
    console.print(text, markup=False, highlight=False, soft_wrap=True)


def _reviewed(review_dir: Path) -> tuple["ReviewPlan", list["Verdict"]]:
    """The review's plan and its verdicts; a review with no verdict yet is a usage error."""
    from harness.review import load_plan, read_verdicts

    plan = load_plan(review_dir)
    verdicts = read_verdicts(review_dir)
    if not verdicts:
        raise UsageError(f"{review_dir}: no verdict yet (serve it with `plume review serve`)")
    return plan, verdicts


def register(app: typer.Typer) -> None:
    """Add `plume review` and `plume calibrate` to the application."""
    group = typer.Typer(
        help="Agents' blind review: plan it, serve the pages, read the results.",
        no_args_is_help=True,
    )

    @group.command("create")
    @guarded
    def create(
        runs: Annotated[list[Path], typer.Argument(help="Run directories on the same items.")],
        out: Annotated[Path, typer.Option("--out", help="Review folder to create.")],
        reviewers: Annotated[
            int,
            typer.Option(
                "--reviewers",
                min=1,
                help="Reviewers who compare each pair of models on each item (2 or more "
                "measures their agreement).",
            ),
        ] = 2,
        panel: Annotated[
            int | None,
            typer.Option("--panel", min=1, help="Reviewers in the team (default: --reviewers)."),
        ] = None,
        items: Annotated[
            str | None,
            typer.Option("--items", help="Comma-separated item ids (default: every shared item)."),
        ] = None,
        seed: Annotated[int, typer.Option(help="Seed of the assignment and positions.")] = 0,
        base_url: Annotated[
            str, typer.Option(help="Where reviewers will reach `plume review serve`.")
        ] = f"http://{DEFAULT_HOST}:{DEFAULT_PORT}",
    ) -> None:
        """Plan a review of the runs' replies and print each reviewer's personal link, once."""
        from harness.review import create_plan, write_link, write_plan

        ids = [i.strip() for i in items.split(",") if i.strip()] if items else None
        plan, tokens = create_plan(
            out.name,
            runs,
            per_pair=reviewers,
            panel=reviewers if panel is None else panel,
            seed=seed,
            item_ids=ids,
        )
        write_plan(plan, out)
        for run_dir in dict.fromkeys(runs):
            write_link(run_dir, out, [item.id for item in plan.items])
        planned = sum(len(r.tasks) for r in plan.reviewers)
        _say(
            f"{out}: {len(plan.items)} items, {len(plan.candidates)} models, "
            f"{planned} comparisons for {len(plan.reviewers)} reviewers."
        )
        _say("Personal links (shown once; the review keeps only their hashes):")
        for reviewer in plan.reviewers:
            link = f"{base_url.rstrip('/')}/entrer?jeton={tokens[reviewer.id]}"
            _say(f"  {reviewer.id} ({len(reviewer.tasks)} comparisons): {link}")

    @group.command("link")
    @guarded
    def link(
        review_dir: Annotated[Path, typer.Argument(help="Review folder.")],
        reviewer: Annotated[str, typer.Argument(help="The reviewer (r01, r02…).")],
        base_url: Annotated[
            str, typer.Option(help="Where reviewers reach `plume review serve`.")
        ] = f"http://{DEFAULT_HOST}:{DEFAULT_PORT}",
    ) -> None:
        """Give a reviewer a new personal link (the old one stops working once the server
        restarts); their verdicts stay theirs."""
        from harness.review import load_plan, new_token, write_plan

        plan, token = new_token(load_plan(review_dir), reviewer)
        write_plan(plan, review_dir, replace=True)
        _say(f"{reviewer}: {base_url.rstrip('/')}/entrer?jeton={token}")
        _say("Restart `plume review serve` for the new link to work.")

    @group.command("serve")
    @guarded
    def serve(
        review_dir: Annotated[Path, typer.Argument(help="Review folder.")],
        host: HostOption = DEFAULT_HOST,
        port: PortOption = DEFAULT_PORT,
    ) -> None:
        """Serve the review pages to the reviewers' browsers until Ctrl+C."""
        from harness.web import serve as run_server

        _say(f"Review {review_dir.name} on http://{host}:{port}/ (Ctrl+C to stop)")
        run_server(review_dir, host=host, port=port)

    @group.command("results")
    @guarded
    def results(
        review_dir: Annotated[Path, typer.Argument(help="Review folder.")],
        format: Annotated[
            ResultsFormat, typer.Option("--format", help="json, md or html.")
        ] = ResultsFormat.md,
    ) -> None:
        """Win rates, Bradley–Terry strengths, "would send as is", edits and agreement."""
        from harness.files import write_atomic
        from harness.review import render_html, render_markdown, review_results

        plan, verdicts = _reviewed(review_dir)
        found = review_results(plan, verdicts)
        path = review_dir / f"results.{format.value}"
        if format is ResultsFormat.json:
            write_atomic(path, found.model_dump_json(indent=1))
        elif format is ResultsFormat.md:
            write_atomic(path, render_markdown(found))
        else:
            write_atomic(path, render_html(found, verdicts))
        _say(f"{path}: {found.verdicts} verdicts of {found.planned} planned")

    @group.command("export")
    @guarded
    def export(
        review_dir: Annotated[Path, typer.Argument(help="Review folder.")],
        out: Annotated[Path, typer.Option("--out", help="JSONL file to write.")],
    ) -> None:
        """Write every verdict, one JSON object a line (the Review verdict contract)."""
        from harness.review import load_plan, read_verdicts, write_jsonl

        load_plan(review_dir)  # a folder that is not a review fails here, in one line
        verdicts = read_verdicts(review_dir)
        write_jsonl(out, [v.model_dump(mode="json", exclude_none=True) for v in verdicts])
        _say(f"{out}: {len(verdicts)} verdicts")

    @app.command("calibrate")
    @guarded
    def calibrate_(review_dir: Annotated[Path, typer.Argument(help="Review folder.")]) -> None:
        """How often each automatic score prefers what the agents preferred, and its rank
        correlation with their ratings; run reports show it beside the leaderboard."""
        from harness.review import calibrate, format_estimate, read_scores, write_calibration

        plan, verdicts = _reviewed(review_dir)
        found = calibrate(plan, verdicts, read_scores(plan))
        for c in found.criteria:
            rho = "—" if c.spearman is None else f"{c.spearman:+.2f}"
            _say(
                f"{c.criterion}: prefers what agents preferred "
                f"{format_estimate(c.prefers_as_agents)}; Spearman with {c.rating} rating {rho}"
            )
        _say(f"{write_calibration(found, review_dir)}: written")

    app.add_typer(group, name="review")
