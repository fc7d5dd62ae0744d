"""The tuned templates render what the program was scored with, and export never overwrites."""

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from harness import paths
from harness.gold import GoldItem, load_gold
from harness.prompts import (
    PromptTemplate,
    load_manifest,
    load_prompt,
    reply_variables,
    select_examples,
    validate_store,
)
from harness.tuning import ProgramTemplates, export_version, instructions_source, next_version

PROVENANCE = {"tool": "plume tune", "optimizer": "bootstrap", "seed": 3}


def bundled() -> tuple[GoldItem, ...]:
    return load_gold(paths.gold_dir() / "services-publics-plus.jsonl").items


def example(item: GoldItem, reply: str | None = None) -> dict[str, Any]:
    experience = {k: v for k, v in item.experience.model_dump().items() if v is not None}
    return {"service": item.service, "experience": experience, "reply": reply or item.reply}


@pytest.mark.parametrize("ref", ["reply@1.0.0", "reply@1.1.0"])
def test_untuned_templates_render_exactly_as_the_base_version(ref: str) -> None:
    base, items = load_prompt(ref), bundled()
    program = ProgramTemplates(base)
    for item in items:
        variables = reply_variables(item, select_examples(item, items, 2))
        assert program.render(variables) == base.render(variables)


@pytest.fixture(scope="module")
def reply_1_0_0() -> PromptTemplate:
    return load_prompt("reply@1.0.0")


@settings(max_examples=40, deadline=None)
@given(reply=st.text(alphabet=st.characters(exclude_categories=["Cs"]), min_size=1))
def test_fixed_examples_render_as_the_base_renders_the_same_examples(
    reply_1_0_0: PromptTemplate, reply: str
) -> None:
    base, items = reply_1_0_0, bundled()
    demos = (example(items[0], reply), example(items[1]))
    program = ProgramTemplates(base, None, demos)
    variables = reply_variables(items[5], select_examples(items[5], items, 2))
    expected = base.render({**variables, "examples": list(demos)})
    assert program.render(variables) == expected


def test_instructions_keep_their_variables_and_anything_else_is_verbatim() -> None:
    declared = {"service", "pseudonym"}
    assert instructions_source("Aide {{ service }}.", declared) == "Aide {{ service }}.\n"
    raw = instructions_source("Écris {{ inconnu }} et {% if %}.", declared)
    assert raw.startswith("{% raw %}")
    base = load_prompt("reply@1.0.0")
    for text in ("Écris {{ inconnu }} et {% if %}.", "Pas {% endraw %} de {{ piège"):
        program = ProgramTemplates(base, text)
        variables = reply_variables(bundled()[0])
        assert program.render(variables).messages[0].content == text


def test_next_version_is_the_next_free_minor() -> None:
    assert next_version("1.1.0", {"1.0.0", "1.1.0"}) == "1.2.0"
    assert next_version("1.0.0", {"1.0.0", "1.1.0", "1.2.0"}) == "1.3.0"
    assert next_version("2.0.3", set()) == "2.1.0"


def test_export_writes_a_draft_that_validates_renders_and_records_its_provenance(
    plume_root: Path,
) -> None:
    base, items = load_prompt("reply@1.1.0"), bundled()
    templates = ProgramTemplates(base, "Aide un agent de {{ service }}.", (example(items[0]),))
    manifest_before = (plume_root / "prompts" / "reply" / "manifest.yaml").read_text()
    ref = export_version(templates, description="d", changelog="c", provenance=PROVENANCE)
    assert str(ref) == "reply@1.2.0"
    manifest_after = (plume_root / "prompts" / "reply" / "manifest.yaml").read_text()
    assert manifest_after.startswith(manifest_before.rstrip("\n"))  # comments and entries kept
    entry = load_manifest("reply").get("1.2.0")
    assert entry.status == "draft" and entry.provenance == PROVENANCE
    assert entry.variables == base.entry.variables
    report = validate_store([load_gold(paths.gold_dir() / "services-publics-plus.jsonl")])
    assert report.ok, report.problems
    exported = load_prompt("reply@1.2.0")
    variables = reply_variables(items[3], select_examples(items[3], items, 2))
    assert exported.render(variables) == templates.render(variables)
    assert exported.render(variables).messages[0].content == f"Aide un agent de {items[3].service}."


def test_a_second_export_gets_the_next_version_and_never_overwrites(plume_root: Path) -> None:
    base = load_prompt("reply@1.1.0")
    first = export_version(ProgramTemplates(base), description="d", changelog="c", provenance={})
    written = {p.name: p.read_bytes() for p in (plume_root / "prompts/reply/1.2.0").iterdir()}
    # A stray folder that no manifest lists is not taken over either.
    (plume_root / "prompts/reply/1.3.0").mkdir()
    second = export_version(
        ProgramTemplates(base, "Autre consigne."), description="d", changelog="c", provenance={}
    )
    assert (str(first), str(second)) == ("reply@1.2.0", "reply@1.4.0")
    assert {p.name: p.read_bytes() for p in (plume_root / "prompts/reply/1.2.0").iterdir()} == (
        written
    )
    assert not any((plume_root / "prompts/reply/1.3.0").iterdir())


def test_export_from_an_older_version_is_listed_in_order(plume_root: Path) -> None:
    ref = export_version(
        ProgramTemplates(load_prompt("reply@1.0.0")), description="d", changelog="c", provenance={}
    )
    assert str(ref) == "reply@1.2.0"
    export_version(
        ProgramTemplates(load_prompt("reply@1.1.0")), description="d", changelog="c", provenance={}
    )
    versions = [v.version for v in load_manifest("reply").versions]
    assert versions == ["1.0.0", "1.1.0", "1.2.0", "1.3.0"]
    raw = yaml.safe_load((plume_root / "prompts/reply/manifest.yaml").read_text())
    assert raw["versions"][2]["variables"] == raw["versions"][0]["variables"]
