"""The bundled gold set: counts, hard cases, grounded key facts, clean replies."""

import re
from collections import Counter
from pathlib import Path

import pytest

from harness.gold import GoldItem, load_gold, split_items
from harness.privacy import find_personal_data

BUNDLED = Path(__file__).resolve().parents[2] / "gold" / "services-publics-plus.jsonl"
HARD_CASES = (
    "short-angry",
    "two-problems",
    "personal-data",
    "prompt-injection",
    "off-topic",
    "very-long",
)
ITEMS = load_gold(BUNDLED).items


def _stems(text: str) -> set[str]:
    # Five-letter prefixes absorb French inflection ("versé", "versés", "versement").
    return {w[:5] for w in re.findall(r"[a-zà-ÿ]{4,}", text.casefold())}


def test_size_services_and_sentiment_mix() -> None:
    assert len(ITEMS) >= 60
    assert len({item.service for item in ITEMS}) >= 8
    mix = Counter(item.experience.sentiment for item in ITEMS)
    assert abs(mix["negative"] / len(ITEMS) - 0.60) <= 0.05
    assert abs(mix["neutral"] / len(ITEMS) - 0.25) <= 0.05
    assert abs(mix["positive"] / len(ITEMS) - 0.15) <= 0.05


@pytest.mark.parametrize("tag", HARD_CASES)
def test_each_hard_case_is_present(tag: str) -> None:
    assert any(tag in item.tags for item in ITEMS)


def test_hard_cases_look_like_their_tag() -> None:
    tagged = {tag: [i for i in ITEMS if tag in i.tags] for tag in HARD_CASES}
    assert all(len(i.experience.text.split()) <= 20 for i in tagged["short-angry"])
    assert all(len(i.experience.text.split()) >= 250 for i in tagged["very-long"])
    assert all("ignore" in i.experience.text.casefold() for i in tagged["prompt-injection"])
    assert all(find_personal_data(i.experience.text) for i in tagged["personal-data"])


def test_every_item_has_context_key_facts_and_a_source() -> None:
    for item in ITEMS:
        assert item.context and item.key_facts, item.id
        assert item.source == "constructed"
        assert item.experience.pseudonym and " " not in item.experience.pseudonym


@pytest.mark.parametrize("item", ITEMS, ids=lambda i: i.id)
def test_every_key_fact_is_supported_by_the_context(item: GoldItem) -> None:
    context = " ".join(item.context)
    context_stems = _stems(context)
    for fact in item.key_facts:
        for number in re.findall(r"\d+(?:[ ,]\d+)*", fact):
            assert number in context, (fact, number)
        for site in re.findall(r"[\w.-]+\.(?:gouv\.)?fr\b", fact):
            assert site in context, (fact, site)
        for label in re.findall(r"«\s*([^»]+?)\s*»", fact):
            assert label in context, (fact, label)
        stems = _stems(fact)
        assert len(stems & context_stems) >= 0.6 * len(stems), fact


@pytest.mark.parametrize("item", ITEMS, ids=lambda i: i.id)
def test_gold_replies_follow_the_house_style(item: GoldItem) -> None:
    reply = item.reply
    assert reply.startswith(f"Bonjour {item.experience.pseudonym},\n\n")
    assert 60 <= len(re.findall(r"[\w'’-]+", reply)) <= 180
    assert not re.search(r"[;!…]", reply)
    assert not re.search(r"(?i)cordialement|veuillez agréer|je vous prie|j'ai l'honneur", reply)
    # Every number and site the reply gives comes from the context or the citizen.
    known = " ".join([*item.context, item.experience.text, item.experience.title])
    for number in re.findall(r"\d+", reply):
        assert number in known or number in (item.experience.pseudonym or ""), number
    for site in re.findall(r"[\w.-]+\.(?:gouv\.)?fr\b", reply):
        assert site in known, site


@pytest.mark.parametrize("item", ITEMS, ids=lambda i: i.id)
def test_gold_replies_hold_no_personal_data_beyond_the_greeting(item: GoldItem) -> None:
    greeting = len("Bonjour ")
    found = [
        e
        for e in find_personal_data(item.reply)
        if not (e.type == "NOM" and item.reply[e.start : e.end] == item.experience.pseudonym)
    ]
    assert found == [], [(e.type, item.reply[e.start : e.end]) for e in found]
    # The pseudonym appears once, in the greeting.
    assert item.reply.count(item.experience.pseudonym or "") == 1
    assert item.reply.index(item.experience.pseudonym or "") == greeting


def test_planted_personal_data_is_not_repeated_in_the_reply() -> None:
    for item in (i for i in ITEMS if "personal-data" in i.tags):
        text = item.experience.text
        for entity in find_personal_data(text):
            assert text[entity.start : entity.end] not in item.reply, item.id


def test_every_split_holds_items() -> None:
    assert all(len(group) >= 8 for group in split_items(ITEMS).values())
