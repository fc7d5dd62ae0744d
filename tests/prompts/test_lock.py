"""Released versions are immutable: the lock, validation and releasing a new version."""

import dataclasses
import json
import shutil
from pathlib import Path

import pytest

from harness.errors import InputError, UsageError
from harness.gold import GoldSet
from harness.prompts import (
    diff_versions,
    judge_variables,
    load_manifest,
    load_prompt,
    lock_released,
    new_version,
    prompt_ids,
    read_lock,
    release,
    released_render_changes,
    validate_store,
)
from tests.prompts.conftest import FakeEntry, FakeGuide

RELEASED = {
    "reply@1.0.0",
    "judge-tone@1.0.0",
    "judge-accuracy@1.0.0",
    "judge-accuracy@1.1.0",
    "judge-pairwise@1.0.0",
}


def test_the_repository_store_is_valid_and_locked(
    store: Path, gold: GoldSet, guide: FakeGuide
) -> None:
    report = validate_store([gold], styleguide=guide)
    assert report.problems == []
    manifests = [load_manifest(prompt_id) for prompt_id in prompt_ids()]
    versions = sum(len(m.versions) for m in manifests)
    assert report.versions == versions
    # Every version renders every item; reply versions render one more sample (sign-off branch).
    replies = sum(len(m.versions) for m in manifests if m.kind == "reply")
    assert report.renders == versions * len(gold.items) + replies
    assert set(read_lock().versions) >= RELEASED


def test_editing_one_character_of_a_released_template_fails_naming_the_file(
    store: Path, gold: GoldSet, guide: FakeGuide
) -> None:
    file = store / "prompts" / "judge-tone" / "1.0.0" / "system.j2"
    file.write_text(file.read_text().replace("sobre", "sobré", 1))
    report = validate_store([gold], styleguide=guide)
    assert len(report.problems) == 1
    problem = report.problems[0]
    assert "judge-tone@1.0.0 is released and has changed" in problem
    assert str(file) in problem and "add a new version" in problem
    assert "user.j2" not in problem


def test_changing_a_released_versions_variables_fails_naming_the_manifest(
    store: Path, gold: GoldSet, guide: FakeGuide
) -> None:
    path = store / "prompts" / "judge-accuracy" / "manifest.yaml"
    path.write_text(
        path.read_text().replace("candidate:\n", "candidate:\n        default: ''\n", 1)
    )
    problems = validate_store([gold], styleguide=guide).problems
    assert len(problems) == 1
    assert f"{path} (variables of 1.0.0)" in problems[0]


def test_a_change_goes_into_a_new_version_which_validates(
    store: Path, gold: GoldSet, guide: FakeGuide
) -> None:
    folder = store / "prompts" / "judge-tone"
    shutil.copytree(folder / "1.0.0", folder / "1.0.1")
    (folder / "1.0.1" / "system.j2").write_text(
        (folder / "1.0.1" / "system.j2").read_text().replace("sobre", "simple", 1)
    )
    manifest = folder / "manifest.yaml"
    text = manifest.read_text()
    entry = text[text.index("  - version: 1.0.0") :]
    manifest.write_text(
        text
        + "\n"
        + entry.replace("version: 1.0.0", "version: 1.0.1")
        .replace("status: released", "status: draft")
        .replace("changelog: Version initiale.", "changelog: « simple » plutôt que « sobre ».")
    )
    assert validate_store([gold], styleguide=guide).ok
    assert load_prompt("judge-tone").ref.version == "1.0.0"  # a draft is not the default

    ref = release("judge-tone@1.0.1", [gold])
    assert str(ref) == "judge-tone@1.0.1"
    assert load_manifest("judge-tone").get("1.0.1").status == "released"
    assert "# Released versions are immutable" in manifest.read_text()  # comments kept
    assert "judge-tone@1.0.1" in read_lock().versions
    assert load_prompt("judge-tone").ref.version == "1.0.1"
    assert validate_store([gold], styleguide=guide).ok
    assert "+Le ton attendu est celui de l'administration en langage clair : courtois, simple" in (
        diff_versions("judge-tone@1.0.0", "judge-tone@1.0.1")
    )


def test_releasing_a_version_that_draws_on_the_style_guide_records_its_version(
    store: Path, gold: GoldSet, guide: FakeGuide
) -> None:
    release("reply@1.1.0", [gold], styleguide=guide)
    entry = load_manifest("reply").get("1.1.0")
    assert (entry.status, entry.styleguide_version) == ("released", guide.version)
    assert load_prompt("reply", styleguide=guide).ref.version == "1.1.0"
    assert validate_store([gold], styleguide=guide).ok
    renders = read_lock().versions["reply@1.1.0"].renders
    assert renders is not None and renders.inputs[0]["service"] == gold.items[0].service


def _with_jargon(guide: FakeGuide, term: str, replacement: str) -> FakeGuide:
    lexicons = {
        **guide.lexicons,
        "jargon": [*guide.lexicons["jargon"], FakeEntry(term, replacement)],
    }
    return dataclasses.replace(guide, sha256="c" * 64, lexicons=lexicons)


def test_a_style_guide_change_a_released_version_renders_is_named_with_the_fix(
    store: Path, gold: GoldSet, guide: FakeGuide
) -> None:
    release("reply@1.1.0", [gold], styleguide=guide)
    changed = _with_jargon(guide, "présentement", "en ce moment")
    [problem] = validate_store([gold], styleguide=changed).problems
    assert problem.startswith(
        "reply@1.1.0 is released and would render differently with style guide 1.0.0"
    )
    assert "`plume prompts new-version reply`" in problem
    assert "prompts/reply/manifest.yaml" in problem
    assert released_render_changes(changed) == [problem]

    # The same change given to a new version, the old one deprecated: nothing to fix.
    assert str(new_version("reply")) == "reply@1.2.0"
    release("reply@1.2.0", [gold], styleguide=changed)
    manifest = store / "prompts" / "reply" / "manifest.yaml"
    text = manifest.read_text()
    at = text.index("  - version: 1.1.0")
    manifest.write_text(text[:at] + text[at:].replace("status: released", "status: deprecated", 1))
    assert validate_store([gold], styleguide=changed).ok
    assert released_render_changes(changed) == []
    [problem] = validate_store([gold], styleguide=guide).problems  # and reply@1.2.0 is locked
    assert problem.startswith("reply@1.2.0 is released and would render differently")


def test_a_style_guide_change_a_released_version_does_not_read_is_free(
    store: Path, gold: GoldSet, guide: FakeGuide
) -> None:
    release("reply@1.1.0", [gold], styleguide=guide)
    rules = [dataclasses.replace(rule, rationale="Reformulée.") for rule in guide.rules]
    unread = [
        dataclasses.replace(guide, sha256="d" * 64, rules=rules),  # rationales are not printed
        _with_jargon(guide, "depuis * mois", "depuis mars"),  # a pattern is not a pair
    ]
    for changed in unread:
        assert validate_store([gold], styleguide=changed).ok
    renamed = [dataclasses.replace(guide.rules[0], title="Aucune formule cérémonieuse")]
    changed = dataclasses.replace(guide, rules=renamed + guide.rules[1:])
    [problem] = validate_store([gold], styleguide=changed).problems  # its title is printed
    assert problem.startswith("reply@1.1.0 is released and would render differently")


def test_a_style_guide_that_breaks_a_released_version_is_named_not_raised(
    store: Path, gold: GoldSet, guide: FakeGuide
) -> None:
    release("reply@1.1.0", [gold], styleguide=guide)
    # A title of the wrong type on purpose: the released templates no longer render with it.
    untitled = [dataclasses.replace(guide.rules[0], title=None), *guide.rules[1:]]  # type: ignore[arg-type]
    broken = dataclasses.replace(guide, rules=untitled)
    problem = validate_store([gold], styleguide=broken).problems[0]
    assert problem.startswith("reply@1.1.0 is released and would render differently")
    assert "(it no longer renders:" in problem and "system.j2" in problem


def test_a_draft_checked_against_an_older_style_guide_is_a_warning(
    store: Path, gold: GoldSet
) -> None:
    newer = FakeGuide(version="9.0.0")
    report = validate_store([gold], styleguide=newer)
    assert report.ok
    assert report.warnings == [
        "reply@1.1.0 was checked against style guide 1.2.0, the style guide is now 9.0.0:"
        " review its renders"
    ]


def test_a_new_version_copies_the_newest_and_is_a_draft(store: Path, gold: GoldSet) -> None:
    manifest = store / "prompts" / "judge-accuracy" / "manifest.yaml"
    before = manifest.read_text()
    ref = new_version("judge-accuracy", "2.0.0")
    assert before in manifest.read_text()  # comments and anchors kept
    entry = load_manifest("judge-accuracy").get("2.0.0")
    newest = load_manifest("judge-accuracy").get("1.1.0")
    assert (entry.status, entry.variables) == ("draft", newest.variables)
    folder = store / "prompts" / "judge-accuracy"
    assert (folder / "2.0.0" / "system.j2").read_text() == (
        folder / "1.1.0" / "system.j2"
    ).read_text()
    assert load_prompt(str(ref)).render(judge_variables(gold.items[0], "Bonjour.")).messages
    with pytest.raises(UsageError, match=r"newer than judge-accuracy@2\.0\.0"):
        new_version("judge-accuracy", "1.5.0")


def test_a_new_version_reuses_the_manifests_yaml_anchor(store: Path) -> None:
    manifest = store / "prompts" / "reply" / "manifest.yaml"
    new_version("reply")
    text = manifest.read_text()
    assert text.endswith("    styleguide: true\n    variables: *reply-variables\n")
    entry = load_manifest("reply").get("1.2.0")
    assert (entry.styleguide_version, entry.status) == ("1.2.0", "draft")


def test_a_new_version_that_cannot_be_added_leaves_everything_as_it_was(store: Path) -> None:
    manifest = store / "prompts" / "judge-tone" / "manifest.yaml"
    text = manifest.read_text()
    manifest.write_text(text.replace("id: judge-tone\n", "") + "id: judge-tone\n")
    assert load_manifest("judge-tone").versions  # still valid, but `versions:` is not last
    edited = manifest.read_text()
    with pytest.raises(UsageError, match=r"cannot add judge-tone@1\.1\.0 .* nothing was changed"):
        new_version("judge-tone")
    assert manifest.read_text() == edited
    assert not (store / "prompts" / "judge-tone" / "1.1.0").exists()


def test_a_release_is_refused_when_the_draft_does_not_render(
    store: Path, gold: GoldSet, guide: FakeGuide
) -> None:
    (store / "prompts" / "reply" / "1.1.0" / "user.j2").write_text("{{ experience.auteur }}\n")
    manifest = store / "prompts" / "reply" / "manifest.yaml"
    before = manifest.read_text()
    lock_before = (store / "prompts" / "prompts.lock").read_bytes()
    with pytest.raises(UsageError, match=r"cannot be released: reply@1\.1\.0 on cases item cas"):
        release("reply@1.1.0", [gold], styleguide=guide)
    assert manifest.read_text() == before
    assert (store / "prompts" / "prompts.lock").read_bytes() == lock_before


def test_a_released_version_cannot_be_released_again(store: Path, gold: GoldSet) -> None:
    with pytest.raises(UsageError, match="already released"):
        release("reply@1.0.0", [gold])
    with pytest.raises(UsageError, match="name the version"):
        release("reply", [gold])


def test_lock_records_new_releases_and_never_changes_an_entry(
    store: Path, guide: FakeGuide
) -> None:
    lock_file = store / "prompts" / "prompts.lock"
    assert lock_released(styleguide=guide) == []
    lock_file.unlink()
    assert set(lock_released(styleguide=guide)) == RELEASED
    before = lock_file.read_bytes()

    file = store / "prompts" / "reply" / "1.0.0" / "user.j2"
    file.write_text(file.read_text() + "Merci.\n")
    with pytest.raises(UsageError, match=rf"reply@1\.0\.0 is released and has changed .*{file}"):
        lock_released(styleguide=guide)
    assert lock_file.read_bytes() == before
    assert not list(lock_file.parent.glob(".prompts.lock*"))


def test_a_draft_recorded_in_the_lock_and_a_removed_release_are_problems(
    store: Path, gold: GoldSet, guide: FakeGuide
) -> None:
    lock_file = store / "prompts" / "prompts.lock"
    data = json.loads(lock_file.read_text())
    data["versions"]["reply@1.1.0"] = data["versions"]["reply@1.0.0"]
    data["versions"]["reply@0.9.0"] = data["versions"]["reply@1.0.0"]
    lock_file.write_text(json.dumps(data))
    problems = validate_store([gold], styleguide=guide).problems
    assert any("reply@1.1.0 is a draft" in p for p in problems)
    assert any("records reply@0.9.0, which no manifest lists" in p for p in problems)


def test_an_unlocked_release_is_a_problem(store: Path, gold: GoldSet, guide: FakeGuide) -> None:
    (store / "prompts" / "prompts.lock").unlink()
    problems = validate_store([gold], styleguide=guide).problems
    assert len(problems) == len(RELEASED)
    assert all("run `plume prompts lock`" in p for p in problems)


def test_a_malformed_lock_names_its_line(store: Path) -> None:
    (store / "prompts" / "prompts.lock").write_text('{\n  "format": 1,\n  "versions": {,}\n}\n')
    with pytest.raises(InputError, match="not valid JSON") as caught:
        read_lock()
    assert caught.value.line == 3


def test_validate_reports_every_broken_version_not_only_the_first(
    store: Path, gold: GoldSet, guide: FakeGuide
) -> None:
    (store / "prompts" / "judge-tone" / "1.0.0" / "user.j2").write_text("{% for %}\n")
    (store / "prompts" / "reply" / "1.1.0" / "user.j2").write_text("{{ experience.auteur }}\n")
    (store / "prompts" / "stray").mkdir()
    (store / "prompts" / "reply" / "2.0.0").mkdir()
    problems = validate_store([gold], styleguide=guide).problems
    joined = "\n".join(problems)
    assert "judge-tone@1.0.0" in joined and "user.j2:1" in joined
    assert "reply@1.1.0 on cases item cas-001" in joined and "(and 3 more failed renders)" in joined
    assert "stray: a prompt folder needs a manifest.yaml" in joined
    assert "2.0.0: folder not listed" in joined


def test_a_release_that_cannot_be_locked_leaves_the_manifest_as_it_was(
    store: Path, gold: GoldSet, guide: FakeGuide
) -> None:
    edited = store / "prompts" / "reply" / "1.0.0" / "user.j2"
    edited.write_text(edited.read_text() + "\n")
    manifest = store / "prompts" / "reply" / "manifest.yaml"
    before = manifest.read_text()
    with pytest.raises(UsageError, match=r"reply@1\.0\.0 is released and has changed"):
        release("reply@1.1.0", [gold], styleguide=guide)
    assert manifest.read_text() == before
    assert "reply@1.1.0" not in read_lock().versions
