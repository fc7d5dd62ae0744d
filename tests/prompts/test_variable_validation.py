"""Prompt variables are checked against their manifest's JSON Schemas before any render.

A refused value gets one message: the prompt, the variable and the path inside it, what is
wrong, and where its schema is declared.
"""

from pathlib import Path
from typing import Any

import pytest

from harness.errors import UsageError
from harness.gold import GoldSet, load_gold
from harness.prompts import (
    PromptTemplate,
    judge_variables,
    load_manifest,
    load_prompt,
    prompt_ids,
    reply_variables,
)

REPO = Path(__file__).resolve().parents[2]


def _refusal(template: PromptTemplate, variables: dict[str, Any]) -> str:
    with pytest.raises(UsageError) as caught:
        template.render(variables)
    return str(caught.value)


def test_every_bundled_item_is_accepted_by_every_bundled_prompt() -> None:
    items = load_gold(REPO / "gold" / "services-publics-plus.jsonl").items
    checked = 0
    for prompt_id in prompt_ids():
        manifest = load_manifest(prompt_id)
        for entry in manifest.versions:
            template = load_prompt(f"{prompt_id}@{entry.version}")
            for index, item in enumerate(items):
                if manifest.kind == "judge":
                    variables = judge_variables(item, item.reply)
                else:
                    examples = [items[(index + 1) % len(items)], items[(index + 2) % len(items)]]
                    variables = reply_variables(item, examples, include_signoff=index % 2 == 0)
                assert template.check_variables(variables).keys() == entry.variables.keys()
                checked += 1
    assert checked >= 3 * len(items)


def test_a_wrong_type_names_the_variable_and_where_its_schema_is(
    store: Path, gold: GoldSet
) -> None:
    variables = reply_variables(gold.items[0]) | {"include_signoff": "oui"}
    message = _refusal(load_prompt("reply"), variables)
    assert message == (
        "prompt reply@1.0.0: variable include_signoff: 'oui' is not of type 'boolean'; give a"
        " value that matches variables.include_signoff.schema in"
        f" {store / 'prompts' / 'reply' / 'manifest.yaml'}"
    )


def test_an_error_deep_in_a_list_names_its_path(gold: GoldSet) -> None:
    first, second = gold.items[0], gold.items[1]
    variables = reply_variables(first, [first, second])
    del variables["examples"][1]["reply"]
    message = _refusal(load_prompt("reply"), variables)
    assert "variable examples[1]: 'reply' is a required property" in message
    variables = reply_variables(first, [second])
    variables["examples"][0]["experience"]["sentiment"] = "furieux"
    message = _refusal(load_prompt("reply"), variables)
    assert "variable examples[0]['experience']['sentiment']: 'furieux' is not one of" in message


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("service", "", "'' should be non-empty"),
        ("signature", "", "'' should be non-empty"),
        ("context", "une seule chaîne", "'une seule chaîne' is not of type 'array'"),
        ("context", ("un", "tuple"), "('un', 'tuple') is not of type 'array'"),
        ("context", ["ok", 3], "variable context[1]: 3 is not of type 'string'"),
        ("include_signoff", 1, "1 is not of type 'boolean'"),
        ("experience", None, "None is not of type 'object'"),
    ],
)
def test_values_that_are_not_what_the_template_expects_are_refused(
    gold: GoldSet, name: str, value: object, expected: str
) -> None:
    variables = reply_variables(gold.items[0]) | {name: value}
    message = _refusal(load_prompt("reply"), variables)
    assert message.startswith(f"prompt reply@1.0.0: variable {name}")
    assert expected in message


def test_an_unexpected_field_inside_a_variable_is_refused(gold: GoldSet) -> None:
    variables = reply_variables(gold.items[0])
    variables["experience"] = {**variables["experience"], "note": "interne"}
    message = _refusal(load_prompt("reply"), variables)
    assert "variable experience: Additional properties are not allowed ('note'" in message
