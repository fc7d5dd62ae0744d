"""`plume lint` and `plume styleguide check|docs|diff`."""

import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from harness.cli._common import AddressOption, EngineChoice, EngineOption, err_console, guarded
from harness.errors import InputError, PlumeError, UsageError
from harness.files import decode_text, read_bytes, write_atomic

if TYPE_CHECKING:
    from harness.styleguide import GuideDiff, LintResult, StyleGuide, Violation


class Format(StrEnum):
    """Output formats."""

    text = "text"
    json = "json"


StyleguideOption = Annotated[
    Path | None,
    typer.Option(
        "--styleguide",
        help="Style guide folder (default: the bundled styleguide/).",
        file_okay=False,
        show_default=False,
    ),
]
FormatOption = Annotated[
    Format, typer.Option("--format", help="text (path:line:column: …) or json.")
]


@contextmanager
def _input_errors_exit_2() -> Iterator[None]:
    """Bad input to lint exits 2, like a usage error, so that 1 keeps meaning 'errors found'."""
    try:
        yield
    except PlumeError as error:
        raise PlumeError(str(error), exit_code=2) from None


def _read_text(name: str) -> str:
    from harness.styleguide import MAX_CHARACTERS

    where = "standard input" if name == "-" else name
    data = sys.stdin.buffer.read() if name == "-" else read_bytes(Path(name), "the text")
    if b"\0" in data:
        raise InputError(where, "looks like a binary file; lint checks UTF-8 text")
    text = decode_text(where, data)
    if len(text) > MAX_CHARACTERS:
        raise InputError(
            where,
            f"{len(text):,} characters: lint checks replies of at most"
            f" {MAX_CHARACTERS:,}; split it",
        )
    return text


def _selected_rules(guide: "StyleGuide", names: list[str]) -> set[str] | None:
    """Rule ids from ``--rules`` values, which may be rule ids or categories (comma-separated)."""
    import difflib

    from harness.styleguide import CATEGORIES

    wanted = [part.strip() for value in names for part in value.split(",") if part.strip()]
    if not wanted:
        return None
    ids = {rule.id for rule in guide.rules}
    selected = set()
    for name in wanted:
        if name in ids:
            selected.add(name)
        elif name in CATEGORIES:
            selected.update(rule.id for rule in guide.rules if rule.category == name)
        else:
            close = difflib.get_close_matches(name, [*sorted(ids), *CATEGORIES], n=1)
            hint = f"; did you mean {close[0]}?" if close else ""
            raise UsageError(f"--rules: no rule or category {name!r}{hint}")
    return selected


def _violation_json(violation: "Violation") -> dict[str, Any]:
    from harness.styleguide import ReportedViolation

    return violation.model_dump(include=set(ReportedViolation.model_fields))


def _text_line(path: str, violation: "Violation") -> str:
    line = (
        f"{path}:{violation.line}:{violation.column}: {violation.severity} {violation.rule}"
        f" {violation.message}"
    )
    return f"{line} ({violation.suggestion})" if violation.suggestion else line


def _summary(guide: "StyleGuide", results: list["LintResult"]) -> str:
    counts = {"error": 0, "warning": 0, "info": 0}
    for result in results:
        for violation in result.violations:
            counts[violation.severity] += 1
    files = f"{len(results)} file{'s' if len(results) != 1 else ''}"
    found = ", ".join(
        f"{count} {name}{'s' if count != 1 else ''}" for name, count in counts.items()
    )
    return f"{found} in {files} (style guide {guide.version}, sha256 {guide.sha256[:12]})"


def _print_results(names: list[str], results: list["LintResult"], guide: "StyleGuide") -> None:
    for name, result in zip(names, results, strict=True):
        for violation in result.violations:
            typer.echo(_text_line(name, violation))
    err_console.print(_summary(guide, results), highlight=False, markup=False)


WATCH_INTERVAL = 0.3
"""Seconds between two looks at the watched files: an editor's save shows within a blink."""


def _stamp(name: str) -> tuple[int, int] | None:
    try:
        status = Path(name).stat()
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size


def _watch(names: list[str], folder: Path | None, rules: list[str], guide: "StyleGuide") -> None:
    """Lint a file again each time it is saved, and every file when the style guide changes,
    with the pipeline kept loaded, until Ctrl-C. A file or guide that cannot be read (an editor
    half-way through a save, a YAML slip) is reported, and the watch goes on."""
    from harness.styleguide import lint_many, load_styleguide

    seen = {name: _stamp(name) for name in names}
    err_console.print("Surveillance des fichiers (Ctrl-C pour arrêter)…", highlight=False)
    try:
        while True:
            time.sleep(WATCH_INTERVAL)
            changed = [name for name in names if _stamp(name) != seen[name]]
            try:
                latest = load_styleguide(folder)
                if latest.sha256 != guide.sha256:
                    guide, changed = latest, names
                if not changed:
                    continue
                for name in changed:
                    seen[name] = _stamp(name)
                selected = _selected_rules(guide, rules)
                results = lint_many([_read_text(name) for name in changed], guide, rules=selected)
            except PlumeError as error:
                err_console.print(str(error), highlight=False, markup=False)
                continue
            _print_results(changed, results, guide)
    except KeyboardInterrupt:
        return


def register(app: typer.Typer) -> None:
    """Add `plume lint` and the `plume styleguide` group to the application."""

    @app.command("lint")
    @guarded
    def lint(
        paths: Annotated[
            list[str] | None,
            typer.Argument(help="Text files to check; - (or nothing) reads standard input."),
        ] = None,
        output: FormatOption = Format.text,
        styleguide: StyleguideOption = None,
        rules: Annotated[
            list[str] | None,
            typer.Option(
                "--rules",
                help="Only these rule ids or categories (comma-separated or repeated).",
                show_default=False,
            ),
        ] = None,
        engine: EngineOption = EngineChoice.local,
        address: AddressOption = None,
        watch: Annotated[
            bool,
            typer.Option(
                "--watch",
                help="Keep running: check each file again when it or the style guide changes"
                " (Ctrl-C stops).",
            ),
        ] = False,
    ) -> None:
        """Check texts against the style guide (langage clair).

        Exit 0 when no error-severity violation, 1 when any, 2 on a usage or input error.
        With --watch, exit 0 on Ctrl-C.
        """
        from harness.styleguide import (
            FileReport,
            GuideStamp,
            LintReport,
            lint_many,
            load_styleguide,
        )

        names = paths or ["-"]
        if watch and ("-" in names or output is Format.json or engine is EngineChoice.ray):
            raise UsageError("--watch checks files, in text format, in this process")
        if "-" in names and sys.stdin.isatty():
            raise UsageError("no input: pass files to check, or pipe text into `plume lint`")
        with _input_errors_exit_2():
            guide = load_styleguide(styleguide)
            selected = _selected_rules(guide, rules or [])
            texts = [_read_text(name) for name in names]
            if engine is EngineChoice.ray:
                from harness.audit import lint_on_ray

                results = lint_on_ray(texts, guide, rules=selected, address=address)
            else:
                results = lint_many(texts, guide, rules=selected)
        if output is Format.json:
            report = LintReport(
                styleguide=GuideStamp(version=guide.version, sha256=guide.sha256),
                files=[
                    FileReport(
                        path=name, violations=list(result.violations), metrics=result.metrics
                    )
                    for name, result in zip(names, results, strict=True)
                ],
            )
            typer.echo(json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2))
        else:
            _print_results(names, results, guide)
        if watch:
            _watch(names, styleguide, rules or [], guide)
            return
        if any(result.errors for result in results):
            raise typer.Exit(1)

    group = typer.Typer(
        help="The style guide: validate it, render it for people, see what a change does.",
        no_args_is_help=True,
    )

    @group.command("check")
    @guarded
    def check(
        styleguide: StyleguideOption = None,
        regenerate: Annotated[
            bool,
            typer.Option("--regenerate", help="Rewrite GUIDE.md if it is out of date."),
        ] = False,
    ) -> None:
        """Validate the rules file against its schema and run every rule's examples.

        A GUIDE.md out of date is reported, not counted as a problem: the writer regenerates it
        once the rules are right (--regenerate, or `plume styleguide docs`; CI runs
        `plume styleguide docs --check`)."""
        from harness import paths as plume_paths
        from harness.prompts import released_render_changes
        from harness.styleguide import (
            GUIDE_FILE,
            RULES_FILE,
            SCHEMA_FILE,
            example_failures,
            load_styleguide,
            parse_yaml,
            render_guide,
            schema_problem,
        )
        from harness.styleguide._versions import unraised_version

        folder = styleguide or plume_paths.styleguide_dir()
        rules_path = folder / RULES_FILE
        try:
            text = rules_path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = None  # load_styleguide below reports it with the right message
        if text is not None:
            data, lines = parse_yaml(rules_path, text)
            problem = schema_problem(folder / SCHEMA_FILE, rules_path, data, lines)
            if problem is not None:
                raise problem
        guide = load_styleguide(folder)
        failures = [str(failure) for failure in example_failures(guide)]
        failures += released_render_changes(guide)
        note = unraised_version(folder)
        if note is not None:
            err_console.print(f"NOTE {note}", highlight=False, markup=False, soft_wrap=True)
        guide_path = folder / GUIDE_FILE
        current = guide_path.read_text(encoding="utf-8") if guide_path.is_file() else None
        rendered = render_guide(guide)
        if current != rendered and regenerate:
            write_atomic(guide_path, rendered)
            typer.echo(f"wrote {guide_path}")
        elif current != rendered:
            err_console.print(
                f"NOTE {guide_path} is out of date; once the rules are right, run"
                " `plume styleguide check --regenerate` (or `plume styleguide docs`)",
                highlight=False,
                markup=False,
                soft_wrap=True,
            )
        for failure in failures:
            err_console.print(f"FAIL {failure}", highlight=False, markup=False, soft_wrap=True)
        examples = sum(len(r.examples.bad) + len(r.examples.good) for r in guide.rules)
        entries = sum(len(guide.lexicon(name)) for name in guide.lexicon_names)
        typer.echo(
            f"style guide {guide.version} (sha256 {guide.sha256[:12]}): {len(guide.rules)} rules,"
            f" {len(guide.lexicon_names)} lexicons ({entries} entries), {examples} examples:"
            f" {'all pass' if not failures else f'{len(failures)} problem(s)'}"
        )
        if failures:
            raise typer.Exit(1)

    @group.command("docs")
    @guarded
    def docs(
        styleguide: StyleguideOption = None,
        check_only: Annotated[
            bool,
            typer.Option("--check", help="Write nothing; exit 1 if GUIDE.md is out of date."),
        ] = False,
    ) -> None:
        """Render the guide for people into styleguide/GUIDE.md (Markdown, by category)."""
        from harness.styleguide import GUIDE_FILE, load_styleguide, render_guide

        guide = load_styleguide(styleguide)
        path = guide.folder / GUIDE_FILE
        content = render_guide(guide)
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if check_only:
            if current != content:
                err_console.print(
                    f"{path} is out of date: run `plume styleguide docs`",
                    highlight=False,
                    markup=False,
                )
                raise typer.Exit(1)
            typer.echo(f"{path} is up to date")
            return
        if current != content:
            write_atomic(path, content)
        typer.echo(f"wrote {path} (style guide {guide.version})")

    @group.command("diff")
    @guarded
    def diff(
        old: Annotated[
            str | None,
            typer.Argument(
                help="Style guide before the change: a folder or a git revision (default HEAD)."
            ),
        ] = None,
        new: Annotated[
            str | None,
            typer.Argument(
                help="Style guide after the change: a folder or a git revision (default: the"
                " files as they are)."
            ),
        ] = None,
        gold: Annotated[
            Path | None,
            typer.Option(
                "--gold",
                help="Gold set (JSONL) whose replies are linted (default: the bundled one).",
            ),
        ] = None,
        run: Annotated[
            Path | None,
            typer.Option(
                "--run", help="Also lint this run folder's model replies.", file_okay=False
            ),
        ] = None,
        styleguide: StyleguideOption = None,
        output: FormatOption = Format.text,
    ) -> None:
        """Show which replies gain or lose which violations under a new style guide: by default
        the guide as it is in git HEAD against the files as they are, on the gold replies and,
        with --run, on a run's model replies."""
        import tempfile

        from harness import paths as plume_paths
        from harness.gold import load_gold
        from harness.styleguide import StyleGuide, diff_guides, load_styleguide
        from harness.styleguide._versions import guide_at_revision, rule_changes, run_replies

        folder = styleguide or plume_paths.styleguide_dir()
        gold = gold or plume_paths.gold_dir() / "services-publics-plus.jsonl"
        with (
            _input_errors_exit_2(),
            tempfile.TemporaryDirectory() as old_copy,
            tempfile.TemporaryDirectory() as new_copy,
        ):

            def version(spec: str | None, copy: str) -> StyleGuide:
                if spec is None:
                    return load_styleguide(folder)
                if Path(spec).is_dir():
                    return load_styleguide(Path(spec))
                return guide_at_revision(folder, spec, Path(copy))

            before = version(old or "HEAD", old_copy)
            after = version(new, new_copy)
            gold_set = load_gold(gold)
            sets = [(gold_set.name, [(item.id, item.reply) for item in gold_set.items])]
            if run is not None:
                sets.append((f"run {run.name}", run_replies(run)))
        results = [(name, diff_guides(before, after, texts)) for name, texts in sets]
        changes = rule_changes(before, after)
        if output is Format.json:
            payload = {
                "old": {"version": before.version, "sha256": before.sha256},
                "new": {"version": after.version, "sha256": after.sha256},
                "gold": {"name": gold_set.name, "sha256": gold_set.sha256},
                "rule_changes": {
                    "added": list(changes.added),
                    "removed": list(changes.removed),
                    "changed": {k: list(v) for k, v in changes.changed.items()},
                    "lexicons": {
                        k: {"added": a, "removed": r} for k, (a, r) in changes.lexicons.items()
                    },
                },
                **_diff_json(results[0][1]),
            }
            if run is not None:
                payload["run"] = {"name": run.name, **_diff_json(results[1][1])}
            typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        typer.echo(
            f"style guide {before.version} ({before.sha256[:12]}) → {after.version}"
            f" ({after.sha256[:12]})"
        )
        for rule_id in changes.added:
            typer.echo(f"rule added: {rule_id}")
        for rule_id in changes.removed:
            typer.echo(f"rule removed: {rule_id}")
        for rule_id, fields in changes.changed.items():
            typer.echo(f"rule changed: {rule_id} ({', '.join(fields)})")
        for name, (added, removed) in changes.lexicons.items():
            typer.echo(f"lexicon {name}: +{added} -{removed} entries")
        for name, result in results:
            _print_diff(name, result)

    app.add_typer(group, name="styleguide")


def _diff_json(result: "GuideDiff") -> dict[str, Any]:
    return {
        "replies": result.texts,
        "changes": [
            {
                "id": change.id,
                "gained": [_violation_json(v) for v in change.gained],
                "lost": [_violation_json(v) for v in change.lost],
                "errors_before": change.errors_before,
                "errors_after": change.errors_after,
            }
            for change in result.changes
        ],
        "rules": {
            rule: {"gained": gained, "lost": lost}
            for rule, (gained, lost) in result.per_rule().items()
        },
    }


def _print_diff(name: str, result: "GuideDiff") -> None:
    typer.echo(f"on {result.texts} replies of {name}")
    if not result.changes:
        typer.echo("no reply gains or loses a violation")
        return
    for change in result.changes:
        status = ""
        if (change.errors_before == 0) != (change.errors_after == 0):
            status = " (now fails)" if change.errors_after else " (now passes)"
        typer.echo(f"{change.id}{status}")
        for sign, violations in (("+", change.gained), ("-", change.lost)):
            for v in violations:
                typer.echo(
                    f"  {sign} {v.rule} {v.line}:{v.column} {v.severity} «{v.excerpt}» {v.message}"
                )
    typer.echo("per rule (gained / lost):")
    for rule, (gained, lost) in result.per_rule().items():
        typer.echo(f"  {rule}: +{gained} -{lost}")
