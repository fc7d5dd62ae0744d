"""iter_records reads a table a row at a time and gives what read_records gives at once."""

import json
from pathlib import Path

import pytest

from harness.errors import InputError
from harness.gold import iter_records, read_records

ROWS = [
    {
        "id_experience": str(i),
        "description": f"texte {i}",
        "reponse_structure_1": "Bonjour",
        "n": 1.5,
    }
    for i in range(4)
]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("array.json", json.dumps(ROWS)),
        # Opendatasoft's records API: v2 wraps the rows after their count, v1 in "fields".
        ("v2.json", json.dumps({"total_count": 4, "results": ROWS})),
        ("v1.json", json.dumps({"nhits": 4, "records": [{"fields": r} for r in ROWS]})),
        # pandas' DataFrame.to_json(): columns of rows, read whole.
        (
            "pandas.json",
            json.dumps({k: {str(i): r[k] for i, r in enumerate(ROWS)} for k in ROWS[0]}),
        ),
        ("rows.jsonl", "".join(json.dumps(r) + "\n" for r in ROWS)),
        (
            "export.csv",
            '\ufeffid_experience;description\r\n1;"sur deux\r\nlignes"\r\n2;café\r\n',
        ),
    ],
)
def test_rows_read_one_at_a_time_are_those_read_at_once(
    name: str, content: str, tmp_path: Path
) -> None:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8"))
    rows = list(iter_records(path))
    assert rows == read_records(path)
    assert rows[0][1]["description"] in ("texte 0", "sur deux\r\nlignes")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.json", b"", "empty.json: is empty"),
        ("cut.json", b'[{"id_experience": "1"}, {', "cut.json: is not valid JSON (parse error"),
        ("scalars.json", b"[1, 2]", "scalars.json: record 1 is not a JSON object"),
        ("latin.csv", "a;b\n1;2\n3;café\n".encode("latin-1"), "latin.csv:3: is not UTF-8"),
        ("bad.jsonl", b'{"a": 1}\n{"a": \n', "bad.jsonl:2: is not valid JSON"),
        ("table.xlsx", b"PK", "must be a .json, .jsonl or .csv file"),
    ],
)
def test_bad_tables_are_one_input_error(
    name: str, content: bytes, message: str, tmp_path: Path
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        list(iter_records(path))
    assert message in str(caught.value) and "\n" not in str(caught.value)
