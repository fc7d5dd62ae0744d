"""Few-shot examples: same service first, then closest wording, never from dev or test."""

from itertools import count

from hypothesis import given
from hypothesis import strategies as st

from harness.gold import GoldItem, split_of
from harness.prompts import select_examples


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
