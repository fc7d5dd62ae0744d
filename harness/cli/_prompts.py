"""`plume prompts ...`: list, show, render, diff, validate, lock, start and release versions."""

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.table import Table

from harness import paths
from harness.cli._common import console, err_console, guarded
from harness.errors import UsageError

if TYPE_CHECKING:
    from harness.gold import GoldSet

GoldOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--gold", help="Gold set (JSONL); repeat for several. Default: every bundled set."
    ),
]


def _bundled_gold() -> list[Path]:
    folder = paths.gold_dir()
    return sorted(folder.glob("*.jsonl")) if folder.is_dir() else []


def _gold_sets(given: list[Path] | None) -> list["GoldSet"]:
    from harness.gold import load_gold

    return [load_gold(path) for path in (given or _bundled_gold())]


def _plain(text: str) -> None:
    console.print(text, markup=False, highlight=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    """Add the `plume prompts` group to the application."""
    group = typer.Typer(
        help="Versioned prompt templates: list, show, render, diff, validate, lock, new-version,"
        " release.",
        no_args_is_help=True,
    )

    @group.command("list")
    @guarded
    def list_() -> None:
        """Every prompt version: status, lock, and what changed (`show` gives the rest)."""
        from harness.prompts import load_manifest, prompt_ids, read_lock

        lock = read_lock()
        table = Table(show_edge=False)
        for column in ("prompt", "status", "style guide", "locked"):
            table.add_column(column, no_wrap=True)
        table.add_column("changelog")
        for prompt_id in prompt_ids():
            manifest = load_manifest(prompt_id)
            for entry in manifest.versions:
                ref = f"{prompt_id}@{entry.version}"
                table.add_row(
                    ref,
                    entry.status,
                    "yes" if entry.styleguide else "",
                    "yes" if ref in lock.versions else "",
                    entry.changelog,
                )
        console.print(table)

    @group.command("show")
    @guarded
    def show(
        ref: Annotated[str, typer.Argument(help="Prompt id and optional version (reply@1.0.0).")],
    ) -> None:
        """A version's manifest entry, hashes and template sources."""
        from harness.prompts import load_prompt, read_lock

        template = load_prompt(ref)
        entry = template.entry
        _plain(f"{template.ref}  ({entry.status}, {template.kind})")
        _plain(f"description: {entry.description}")
        _plain(f"changelog: {entry.changelog}")
        if entry.styleguide:
            _plain(f"draws on the style guide (checked against {entry.styleguide_version})")
        _plain(f"content sha256: {template.content_sha256}")
        _plain(f"sha256: {template.sha256}")
        locked = read_lock().versions.get(str(template.ref))
        _plain(f"lock: {'recorded' if locked else 'not recorded'}")
        _plain("variables:")
        for name, spec in entry.variables.items():
            default = "" if spec.required else f" = {json.dumps(spec.default, ensure_ascii=False)}"
            _plain(f"  {name}{default}: {spec.description}")
        for file in sorted(template.folder.iterdir()):
            if file.is_file() and not file.name.startswith("."):
                console.rule(str(file.relative_to(paths.prompts_dir())))
                _plain(file.read_text(encoding="utf-8"))

    @group.command("render")
    @guarded
    def render(
        ref: Annotated[str, typer.Argument(help="Prompt id and optional version (reply@1.0.0).")],
        item: Annotated[str, typer.Option("--item", help="Gold item id.")],
        gold: Annotated[
            Path | None, typer.Option(help="Gold set holding the item; the bundled set by default.")
        ] = None,
        few_shot: Annotated[
            int | None,
            typer.Option(
                min=0,
                help="Example replies, chosen as `plume run` does (default: as many as it shows).",
                show_default=False,
            ),
        ] = None,
        include_signoff: Annotated[
            bool | None,
            typer.Option(
                help="Ask for a closing formula and signature (default: as `plume run`).",
                show_default=False,
            ),
        ] = None,
        candidate: Annotated[
            str | None,
            typer.Option(help="Judge prompts: the reply to grade (default: gold reply)."),
        ] = None,
        remote: Annotated[
            bool,
            typer.Option(help="Show what a remote model receives: personal data anonymised."),
        ] = False,
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    ) -> None:
        """The exact messages a model receives for one gold item, and their hash."""
        from harness.gold import anonymised, load_gold
        from harness.prompts import judge_variables, load_prompt
        from harness.runner import PromptMaker, RunSpec

        template = load_prompt(ref)
        path = gold or paths.gold_dir() / "services-publics-plus.jsonl"
        gold_set = load_gold(path)
        found = next((i for i in gold_set.items if i.id == item), None)
        if found is None:
            raise UsageError(f"{path} has no item {item!r}")
        if template.kind == "judge":
            shown = anonymised(found) if remote else found
            variables = judge_variables(shown, shown.reply if candidate is None else candidate)
        else:
            options = {"few_shot": few_shot, "include_signoff": include_signoff}
            spec = RunSpec.model_validate(
                {"gold": path, "prompt": ref}
                | {name: value for name, value in options.items() if value is not None}
            )
            variables = PromptMaker(template, gold_set, spec, remote=remote).variables(found)
        rendered = template.render(variables)
        if as_json:
            payload = {
                "prompt": str(template.ref),
                "template_sha256": template.sha256,
                "chat_sha256": rendered.chat_sha256,
                "text_sha256": rendered.text_sha256,
                "messages": [m.model_dump() for m in rendered.messages],
                "text": rendered.text,
            }
            _plain(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        for message in rendered.messages:
            console.rule(message.role)
            _plain(message.content)
        console.rule("completion text")
        _plain(rendered.text)
        console.rule()
        _plain(f"prompt {template.ref}  template sha256 {template.sha256}")
        _plain(f"sha256 of the chat messages {rendered.chat_sha256}")
        _plain(f"sha256 of the completion text {rendered.text_sha256}")

    @group.command("diff")
    @guarded
    def diff(
        old: Annotated[str, typer.Argument(help="Older version, e.g. reply@1.0.0.")],
        new: Annotated[str, typer.Argument(help="Newer version, e.g. reply@1.1.0.")],
    ) -> None:
        """A unified diff of two versions' templates and variables."""
        from harness.prompts import diff_versions

        _plain(diff_versions(old, new) or "no difference")

    @group.command("validate")
    @guarded
    def validate(gold: GoldOption = None) -> None:
        """Check every version against its schemas and the lock, and render every gold item."""
        from harness.prompts import validate_store

        report = validate_store(_gold_sets(gold))
        for warning in report.warnings:
            err_console.print(
                f"[yellow]warning:[/] {escape(warning)}", highlight=False, soft_wrap=True
            )
        for problem in report.problems:
            err_console.print(
                f"[bold red]error:[/] {escape(problem)}", highlight=False, soft_wrap=True
            )
        summary = f"{report.versions} versions compiled, {report.renders} renders"
        if not report.ok:
            count = len(report.problems)
            err_console.print(
                f"{summary}; {count} problem{'s' if count > 1 else ''}", highlight=False
            )
            raise typer.Exit(1)
        _plain(f"{summary}: all prompts valid")

    @group.command("lock")
    @guarded
    def lock(gold: GoldOption = None) -> None:
        """Record the hash of every released version not yet locked; never changes an entry.

        A version that draws on the style guide is recorded with what it renders for the first
        item of the first gold set."""
        from harness.prompts import lock_path, lock_released

        gold_sets = _gold_sets(gold)
        added = lock_released(gold_sets[0].items if gold_sets else ())
        if added:
            _plain(f"locked in {lock_path()}: {', '.join(added)}")
        else:
            _plain("nothing to lock: every released version is recorded")

    @group.command("new-version")
    @guarded
    def new_version_(
        prompt_id: Annotated[str, typer.Argument(help="The prompt, e.g. reply.")],
        version: Annotated[
            str | None,
            typer.Option(
                help="The new version (default: the next minor version).", show_default=False
            ),
        ] = None,
    ) -> None:
        """Start a draft: a copy of the newest version, added to the manifest."""
        from harness.prompts import new_version

        ref = new_version(prompt_id, version)
        folder = paths.prompts_dir() / ref.id
        _plain(
            f"added the draft {ref}: edit {folder / ref.version}/ and its changelog in"
            f" {folder / 'manifest.yaml'}, then `plume prompts release {ref}`"
        )

    @group.command("release")
    @guarded
    def release_(
        ref: Annotated[str, typer.Argument(help="The draft to release, e.g. reply@1.1.0.")],
        gold: GoldOption = None,
    ) -> None:
        """Release a draft: check it renders every gold item, mark it released, lock it."""
        from harness.prompts import lock_path, release

        released = release(ref, _gold_sets(gold))
        _plain(f"released {released} and recorded it in {lock_path()}")

    app.add_typer(group, name="prompts")
