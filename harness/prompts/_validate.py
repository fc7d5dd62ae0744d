"""``plume prompts validate``: every version compiles, matches its lock and renders every item."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from harness import paths
from harness.errors import PlumeError
from harness.gold import GoldSet
from harness.prompts._lock import (
    LOCKED_STATUSES,
    changed_parts,
    lock_path,
    read_lock,
    render_change,
)
from harness.prompts._manifest import PromptRef, load_manifest, prompt_ids
from harness.prompts._store import PromptTemplate, build_template
from harness.prompts._styleguide import StyleGuideLike, current_styleguide
from harness.prompts._variables import check_samples, sample_variables


@dataclass
class ValidationReport:
    """What ``validate_store`` found."""

    problems: list[str] = field(default_factory=list)
    """Each makes validation fail."""
    warnings: list[str] = field(default_factory=list)
    """Worth a look; validation still passes."""
    versions: int = 0
    """Versions that compiled."""
    renders: int = 0
    """Renders that succeeded."""

    @property
    def ok(self) -> bool:
        """Whether there was no problem."""
        return not self.problems


class RenderCheck(NamedTuple):
    """How rendering one version against one gold set went."""

    renders: int
    """Renders that succeeded."""
    problems: list[str]
    """The first failed render, with a count of the others (empty when all succeeded)."""


def render_problems(template: PromptTemplate, gold: GoldSet) -> RenderCheck:
    """Render ``template`` for every item of ``gold``, as a model would receive it."""
    failures: list[str] = []
    renders = 0
    for item in gold.items:
        if item is gold.items[0]:
            samples = check_samples(template.kind, item, gold.items)
        else:
            samples = [sample_variables(template.kind, item, gold.items)]
        for variables in samples:
            try:
                template.render(variables)
            except PlumeError as error:
                failures.append(f"{template.ref} on {gold.name} item {item.id}: {error}")
            else:
                renders += 1
    if not failures:
        return RenderCheck(renders, [])
    more = len(failures) - 1
    return RenderCheck(
        renders, [failures[0] + (f" (and {more} more failed renders)" if more else "")]
    )


def validate_store(
    gold_sets: Sequence[GoldSet], *, styleguide: StyleGuideLike | None = None
) -> ValidationReport:
    """Check every prompt: manifest, schemas, templates, lock, and a render of every gold item.

    Args:
        gold_sets: the items to render each version against.
        styleguide: for versions that draw on it; the project's own by default.
    """
    report = ValidationReport()
    root = paths.prompts_dir()
    if not root.is_dir():
        report.problems.append(f"{root}: the prompts folder is missing")
        return report
    try:
        lock = read_lock()
    except PlumeError as error:
        report.problems.append(str(error))
        return report
    if not gold_sets:
        report.warnings.append("no gold set: templates were compiled but not rendered")
    seen: set[str] = set()
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if not (folder / "manifest.yaml").is_file():
            report.problems.append(f"{folder}: a prompt folder needs a manifest.yaml")
    guide = styleguide
    for prompt_id in prompt_ids():
        try:
            manifest = load_manifest(prompt_id)
        except PlumeError as error:
            report.problems.append(str(error))
            continue
        listed = {v.version for v in manifest.versions}
        for sub in sorted((root / prompt_id).iterdir()):
            if sub.is_dir() and not sub.name.startswith(".") and sub.name not in listed:
                report.problems.append(f"{sub}: folder not listed in the manifest's versions")
        for entry in manifest.versions:
            ref = str(PromptRef(prompt_id, entry.version))
            seen.add(ref)
            try:
                if entry.styleguide and guide is None:
                    guide = current_styleguide()
                template = build_template(manifest, entry, styleguide=guide)
            except PlumeError as error:
                report.problems.append(f"{ref}: {error}")
                continue
            report.versions += 1
            locked = lock.versions.get(ref)
            if entry.status in LOCKED_STATUSES:
                if locked is None:
                    report.problems.append(
                        f"{ref} is {entry.status} but not in {lock_path()}; "
                        "run `plume prompts lock`"
                    )
                elif locked.sha256 != template.content_sha256:
                    report.problems.append(changed_parts(prompt_id, entry, locked, template.parts))
                elif entry.styleguide and locked.renders is None:
                    report.problems.append(
                        f"{ref} draws on the style guide but {lock_path()} does not record what"
                        " it renders; run `plume prompts lock`"
                    )
                elif entry.status == "released" and guide is not None:
                    # A deprecated version is no longer what a bare id runs: the guide may move
                    # on under it; its own files stay locked.
                    change = render_change(template, locked, guide)
                    if change is not None:
                        report.problems.append(change)
            elif locked is not None:
                report.problems.append(
                    f"{ref} is a draft but {lock_path()} records it as released; "
                    "a released version cannot go back to draft"
                )
            # A released version needs no review: the lock says whether its renders changed.
            if (
                entry.status == "draft"
                and entry.styleguide
                and guide is not None
                and entry.styleguide_version != guide.version
            ):
                report.warnings.append(
                    f"{ref} was checked against style guide {entry.styleguide_version or 'none'}, "
                    f"the style guide is now {guide.version}: review its renders"
                )
            for gold in gold_sets:
                check = render_problems(template, gold)
                report.renders += check.renders
                report.problems.extend(check.problems)
    for ref in sorted(set(lock.versions) - seen):
        report.problems.append(
            f"{lock_path()} records {ref}, which no manifest lists: a released version "
            "cannot be removed (deprecate it instead)"
        )
    return report
