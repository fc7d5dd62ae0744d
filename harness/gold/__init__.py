"""Gold sets: the schema, loading and validation, splits, and import from other sources."""

from harness.gold._anonymised import anonymised, anonymised_many
from harness.gold._files import iter_records, read_records
from harness.gold._import import (
    UNKNOWN_SERVICE,
    ImportResult,
    SppRow,
    evalap_rows,
    import_evalap,
    import_spp_export,
    spp_rows,
)
from harness.gold._item import Experience, GoldItem, Sentiment
from harness.gold._load import GoldCheck, GoldSet, Problem, check_gold, load_gold
from harness.gold._schema import SCHEMA_VERSION, gold_schema, gold_schema_json
from harness.gold._split import SPLITS, Split, split_items, split_of
from harness.gold._write import write_evalap, write_gold

__all__ = [
    "SCHEMA_VERSION",
    "SPLITS",
    "UNKNOWN_SERVICE",
    "Experience",
    "GoldCheck",
    "GoldItem",
    "GoldSet",
    "ImportResult",
    "Problem",
    "Sentiment",
    "Split",
    "SppRow",
    "anonymised",
    "anonymised_many",
    "check_gold",
    "evalap_rows",
    "gold_schema",
    "gold_schema_json",
    "import_evalap",
    "import_spp_export",
    "iter_records",
    "load_gold",
    "read_records",
    "split_items",
    "split_of",
    "spp_rows",
    "write_evalap",
    "write_gold",
]
