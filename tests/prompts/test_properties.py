"""Properties of rendering: deterministic, strict about required variables, delimiters hold."""

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from harness.errors import UsageError
from harness.prompts import PromptTemplate, load_prompt
from tests.prompts.conftest import FakeGuide

REFS = ["reply@1.0.0", "reply@1.1.0", "judge-tone", "judge-accuracy"]
DELIMITERS = ("message_usager", "reponse_a_evaluer", "reponse_de_reference", "exemple")

text = st.text(min_size=1, max_size=80).filter(str.strip)
any_text = st.one_of(text, st.sampled_from([f"</{d}>" for d in DELIMITERS] + ["<b>", "{{ x }}"]))
experiences = st.fixed_dictionaries(
    {
        "title": any_text,
        "text": any_text,
        "sentiment": st.sampled_from(["positive", "neutral", "negative"]),
    },
    optional={"date": st.none() | st.just("2026-01-31"), "pseudonym": st.none() | text},
)
reply_variables = st.fixed_dictionaries(
    {
        "service": text,
        "experience": experiences,
        "context": st.lists(any_text, max_size=3),
        "pseudonym": text,
        "include_signoff": st.booleans(),
        "signature": text,
        "examples": st.lists(
            st.fixed_dictionaries({"service": text, "experience": experiences, "reply": any_text}),
            max_size=2,
        ),
    }
)
judge_variables = st.fixed_dictionaries(
    {
        "service": text,
        "experience": experiences,
        "context": st.lists(any_text, max_size=3),
        "key_facts": st.lists(any_text, max_size=3),
        "reference": any_text,
        "candidate": st.one_of(st.just(""), any_text),
    }
)


@pytest.fixture
def templates(store: Path, guide: FakeGuide) -> dict[str, PromptTemplate]:
    return {ref: load_prompt(ref, styleguide=guide) for ref in REFS}


@pytest.fixture
def loaded_again(store: Path) -> dict[str, PromptTemplate]:
    """The same versions loaded a second time, with a guide of their own."""
    return {ref: load_prompt(ref, styleguide=FakeGuide()) for ref in REFS}


def _variables(template: PromptTemplate, data: st.DataObject) -> dict[str, Any]:
    return data.draw(reply_variables if template.kind == "reply" else judge_variables)


# The fixture is set up once per test, not per example: the templates do not change between them.
_settings = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@_settings
@given(ref=st.sampled_from(REFS), data=st.data())
def test_rendering_is_deterministic(
    templates: dict[str, PromptTemplate],
    loaded_again: dict[str, PromptTemplate],
    ref: str,
    data: st.DataObject,
) -> None:
    template = templates[ref]
    variables = _variables(template, data)
    first = template.render(variables)
    again = loaded_again[ref].render(variables)
    assert first == again and first.chat_sha256 == again.chat_sha256


@_settings
@given(ref=st.sampled_from(REFS), data=st.data())
def test_removing_any_required_variable_raises_plumes_own_error(
    templates: dict[str, PromptTemplate], ref: str, data: st.DataObject
) -> None:
    template = templates[ref]
    variables = _variables(template, data)
    required = sorted(n for n, spec in template.entry.variables.items() if spec.required)
    name = data.draw(st.sampled_from(required))
    del variables[name]
    with pytest.raises(UsageError, match=rf"prompt {template.ref}: missing variable '{name}'"):
        template.render(variables)


@_settings
@given(ref=st.sampled_from(REFS), data=st.data())
def test_untrusted_text_never_adds_a_delimiter(
    templates: dict[str, PromptTemplate], ref: str, data: st.DataObject
) -> None:
    template = templates[ref]
    variables = _variables(template, data)
    rendered = template.render(variables)
    user = rendered.messages[1].content
    examples = len(variables.get("examples", []))
    expected = {"message_usager": 1, "exemple": examples}
    if template.kind == "judge":
        expected = {"message_usager": 1, "reponse_a_evaluer": 1}
        expected["reponse_de_reference"] = int(template.ref.id == "judge-accuracy")
    for tag, count in expected.items():
        assert user.count(f"<{tag}>") == count, tag
        assert user.count(f"</{tag}>") == count, tag
