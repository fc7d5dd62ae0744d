"""Few-shot examples: same service first, then closest wording, never from dev or test."""

import os
import subprocess
import sys
from itertools import count
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from harness.gold import GoldItem, load_gold, split_of
from harness.prompts import ExampleSelector, select_examples


def _ids(split: str) -> list[str]:
    return [i for i in (f"item-{n}" for n in range(200)) if split_of(i) == split]


TRAIN, DEV, TEST = _ids("train"), _ids("dev"), _ids("test")


def _item(item_id: str, service: str, text: str) -> GoldItem:
    return GoldItem.model_validate(
        {
            "id": item_id,
            "service": service,
            "experience": {"title": "Titre", "text": text, "sentiment": "negative"},
            "reply": "Bonjour, merci pour votre message.",
        }
    )


def test_same_service_first_then_the_closest_wording() -> None:
    train = iter(TRAIN)
    item = _item(next(train), "Caf", "Ma prime d'activité n'est toujours pas versée.")
    pool = [
        item,
        close := _item(next(train), "CPAM", "La prime d'activité n'est pas versée depuis mars."),
        far := _item(next(train), "CPAM", "Remboursement de lunettes refusé."),
        same := _item(next(train), "caf", "Rendez-vous impossible à obtenir."),
    ]
    assert select_examples(item, pool, 3) == [same, close, far]
    assert select_examples(item, pool, 1) == [same]
    assert select_examples(item, pool, 0) == []


def test_never_the_item_itself_nor_a_dev_or_test_item() -> None:
    item = _item(DEV[0], "Caf", "Prime d'activité non versée.")
    pool = [
        item,
        _item(DEV[1], "Caf", "Prime d'activité non versée."),
        _item(TEST[0], "Caf", "Prime d'activité non versée."),
        kept := _item(TRAIN[0], "Urssaf", "Cotisations."),
    ]
    assert select_examples(item, pool, 5) == [kept]


services = st.sampled_from(["Caf", "CPAM", "Urssaf", "ANTS"])
words = st.sampled_from(["prime", "activité", "carte", "vitale", "dossier", "attente", "permis"])


@given(
    specs=st.lists(st.tuples(services, st.lists(words, min_size=1, max_size=6)), max_size=12),
    wanted=st.integers(min_value=0, max_value=5),
)
def test_the_choice_is_stable_and_only_from_train(
    specs: list[tuple[str, list[str]]], wanted: int
) -> None:
    numbers = count()
    pool = [_item(f"item-{next(numbers)}", s, " ".join(w)) for s, w in specs]
    for item in pool:
        chosen = select_examples(item, pool, wanted)
        assert chosen == select_examples(item, list(reversed(pool)), wanted)
        assert len(chosen) <= wanted
        assert all(o.id != item.id and split_of(o.id) == "train" for o in chosen)
        same = [o.service == item.service for o in chosen]
        assert same == sorted(same, reverse=True)  # same-service examples come first


BUNDLED = Path(__file__).resolve().parents[2] / "gold" / "services-publics-plus.jsonl"


def _cycled(count: int) -> list[GoldItem]:
    """The bundled set cycled to ``count`` items with fresh ids: every text comes back often."""
    source = load_gold(BUNDLED).items
    return [
        source[n % len(source)].model_copy(update={"id": f"{source[n % len(source)].id}-b{n}"})
        for n in range(count)
    ]


def test_ties_on_score_are_broken_by_id_not_by_pool_order() -> None:
    # Some thirty copies of each text: whole groups tie on score, only the hash can order them.
    pool = _cycled(1000)
    forward, backward = ExampleSelector(pool), ExampleSelector(list(reversed(pool)))
    for item in pool[::37]:
        chosen = forward.select(item, 3)
        assert len(chosen) == 3
        assert chosen == backward.select(item, 3)
        assert all(o.experience.text == item.experience.text for o in chosen)  # the closest


def test_an_item_outside_the_pool_or_repeated_in_it() -> None:
    train = iter(TRAIN)
    item = _item(next(train), "Caf", "Prime d'activité non versée.")
    twin = _item(item.id, "Caf", "Prime d'activité non versée, encore.")
    other = _item(next(train), "Caf", "Prime d'activité versée en retard.")
    assert select_examples(item, [other], 2) == [other]  # the item need not be in the pool
    assert select_examples(item, [item, twin, other], 2) == [other]  # its id, whatever the text
    assert select_examples(item, [], 2) == []
    dev_only = [_item(DEV[0], "Caf", "Prime."), _item(TEST[0], "Caf", "Prime.")]
    assert select_examples(item, dev_only, 2) == []


def test_no_examples_asked_none_given() -> None:
    items = load_gold(BUNDLED).items
    assert select_examples(items[0], items, 0) == []
    assert select_examples(items[0], items, -1) == []


CHOOSE = """
from pathlib import Path
from harness.gold import load_gold
from harness.prompts import ExampleSelector
items = load_gold(Path({path!r})).items
selector = ExampleSelector(items)
for item in items:
    print(item.id, *(o.id for o in selector.select(item, 3)))
"""


def test_the_choice_does_not_depend_on_the_hash_seed() -> None:
    # Scores are sums of floats; summed in set order they would differ in their last bits from
    # one process to the next, and close scores would rank differently.
    outputs = set()
    for seed in ("0", "1", "12345"):
        done = subprocess.run(
            [sys.executable, "-c", CHOOSE.format(path=str(BUNDLED))],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1
    assert len(outputs.pop().splitlines()) == len(load_gold(BUNDLED).items)
