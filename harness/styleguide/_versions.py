"""Other versions of the style guide: a git revision's copy, and what changed between two guides.

``plume styleguide diff`` and the studio's « Que changerait ma modification ? » page compare the
guide being edited with the one in git (``HEAD`` by default), so a writer needs no hand-made copy
of the old folder.
"""

import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from harness.errors import PlumeError, UsageError
from harness.styleguide._load import LEXICONS_DIR, RULES_FILE, StyleGuide, load_styleguide


def guide_at_revision(folder: Path, revision: str, into: Path) -> StyleGuide:
    """Load the style guide in ``folder`` as it is in git ``revision``, copied into ``into``.

    Raises:
        UsageError: ``folder`` is not in a git repository, or the revision does not hold it.
        InputError: the old guide does not load.
    """
    folder = folder.resolve()
    top = Path(_git(folder, "rev-parse", "--show-toplevel").strip()).resolve()
    prefix = folder.relative_to(top).as_posix()
    try:
        _git(top, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    except UsageError:
        raise UsageError(
            f"{revision!r} is neither a style guide folder nor a git revision (try HEAD, HEAD~1,"
            " a branch name or a commit hash)"
        ) from None
    listing = _git(top, "ls-tree", "-r", "--name-only", revision, "--", f"{prefix}/")
    wanted = [
        name
        for name in listing.splitlines()
        if name == f"{prefix}/{RULES_FILE}"
        or (name.startswith(f"{prefix}/{LEXICONS_DIR}/") and name.endswith(".tsv"))
    ]
    if f"{prefix}/{RULES_FILE}" not in wanted:
        raise UsageError(f"git revision {revision} has no {prefix}/{RULES_FILE}")
    for name in wanted:
        target = into / Path(name).relative_to(prefix)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(_git_bytes(top, "show", f"{revision}:{name}"))
    (into / LEXICONS_DIR).mkdir(exist_ok=True)
    return load_styleguide(into)


def _git_bytes(folder: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=folder, capture_output=True, check=False)
    except OSError:
        raise UsageError("git is not installed: give the old style guide as a folder") from None
    if done.returncode != 0:
        problem = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(f"git {args[0]}: {problem[-1] if problem else 'failed'}")
    return done.stdout


def _git(folder: Path, *args: str) -> str:
    return _git_bytes(folder, *args).decode("utf-8")


@dataclass(frozen=True)
class RuleChanges:
    """Rules added, removed or changed between two guides, and lexicons whose entries changed."""

    added: tuple[str, ...]
    """Rule ids only the new guide has."""
    removed: tuple[str, ...]
    """Rule ids only the old guide has."""
    changed: dict[str, tuple[str, ...]]
    """Rule id → the fields that differ (``severity``, ``title``, ``params``…)."""
    lexicons: dict[str, tuple[int, int]]
    """Lexicon name → (entries added, entries removed or edited)."""

    @property
    def empty(self) -> bool:
        """Nothing changed in the rules or the lexicons."""
        return not (self.added or self.removed or self.changed or self.lexicons)


def rule_changes(old: StyleGuide, new: StyleGuide) -> RuleChanges:
    """Compare the rules and lexicons of two guides."""
    before = {rule.id: rule.model_dump() for rule in old.rules}
    after = {rule.id: rule.model_dump() for rule in new.rules}
    changed = {
        rule_id: tuple(key for key in after[rule_id] if after[rule_id][key] != before[rule_id][key])
        for rule_id in after
        if rule_id in before and after[rule_id] != before[rule_id]
    }
    lexicons = {}
    for name in sorted({*old.lexicon_names, *new.lexicon_names}):
        old_entries = set(old.lexicon(name)) if name in old.lexicon_names else set()
        new_entries = set(new.lexicon(name)) if name in new.lexicon_names else set()
        if old_entries != new_entries:
            lexicons[name] = (len(new_entries - old_entries), len(old_entries - new_entries))
    return RuleChanges(
        added=tuple(rule_id for rule_id in after if rule_id not in before),
        removed=tuple(rule_id for rule_id in before if rule_id not in after),
        changed=changed,
        lexicons=lexicons,
    )


def run_replies(run: Path) -> list[tuple[str, str]]:
    """The model replies of a run folder as ``("model · item", reply)`` pairs (failures left out).

    Raises:
        UsageError: the folder holds no ``samples.jsonl``.
        InputError: a line of it is malformed.
    """
    from harness.runner import latest_by_key, read_samples

    samples = run / "samples.jsonl"
    if not samples.is_file():
        raise UsageError(f"{run}: no samples.jsonl; give a folder written by `plume run`")
    return [
        (f"{record.model} · {record.id}", record.reply)
        for record in latest_by_key(read_samples(samples)).values()
        if record.reply is not None
    ]


def latest_run(runs: Path) -> Path | None:
    """The run folder in ``runs`` written to last, or None when there is none."""
    found = [path.parent for path in runs.glob("*/samples.jsonl")]
    return max(found, key=lambda path: (path / "samples.jsonl").stat().st_mtime, default=None)


def unraised_version(folder: Path) -> str | None:
    """A note when the rules or lexicons in ``folder`` changed since git HEAD but its version
    did not (None when the folder is not in git, HEAD's guide does not load, or all is well)."""
    with tempfile.TemporaryDirectory() as copy:
        try:
            old = guide_at_revision(folder, "HEAD", Path(copy))
        except PlumeError:
            return None
        new = load_styleguide(folder)
        if old.sha256 == new.sha256 or old.version != new.version:
            return None
        return (
            f"the rules or lexicons changed since git HEAD but the version is still"
            f" {new.version}: raise it in {RULES_FILE} (patch for wording, minor for a rule"
            " or lexicon entries, major for a removed or redefined rule) and add a changelog"
            " entry"
        )
