"""tools/news_correlation.py: the rank statistics it reports are computed right."""

from __future__ import annotations

import importlib.util
import json
import math
from pathlib import Path
from types import ModuleType

TOOL = Path(__file__).resolve().parent.parent / "tools" / "news_correlation.py"


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("news_correlation", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_ranks_average_ties() -> None:
    assert _tool().ranks([3.0, 1.0, 3.0, 2.0]) == [3.5, 1.0, 3.5, 2.0]


def test_spearman_known_values() -> None:
    tool = _tool()
    assert tool.spearman([1, 2, 3, 4], [10, 20, 30, 40]) == 1.0
    assert tool.spearman([1, 2, 3, 4], [4, 3, 2, 1]) == -1.0
    # textbook example with a tie: rho of ranks [1, 2.5, 2.5, 4] and [1, 3, 2, 4]
    got = tool.spearman([1, 2, 2, 3], [1, 3, 2, 4])
    assert math.isclose(got, 0.9486832980505138)
    assert math.isnan(tool.spearman([1, 1, 1], [1, 2, 3]))


def test_auc_counts_ties_half() -> None:
    tool = _tool()
    assert tool.auc([3, 4], [1, 2]) == 1.0
    assert tool.auc([1, 2], [3, 4]) == 0.0
    assert tool.auc([2], [2]) == 0.5
    assert tool.auc([2, 3], [2, 1]) == 0.875
    assert math.isnan(tool.auc([], [1]))


def test_criteria_precision_recall(tmp_path: Path, capsys: object) -> None:
    reviews = [
        {
            "news_id": "s1",
            "criteria": [
                {
                    "question": "Does the story adequately discuss the costs of it?",
                    "answer": "Not Satisfactory",
                },
                {
                    "question": "Does the story use independent sources and ...?",
                    "answer": "Satisfactory",
                },
                {
                    "question": "Does the story commit disease-mongering?",
                    "answer": "Not Satisfactory",
                },
            ],
        },
        {
            "news_id": "s2",
            "criteria": [
                {
                    "question": "Does the story adequately discuss the costs?",
                    "answer": "Not Satisfactory",
                },
                {"question": "Does the story use independent sources?", "answer": "Satisfactory"},
            ],
        },
        {
            "news_id": "elsewhere",
            "criteria": [
                {
                    "question": "Does the story adequately discuss the costs?",
                    "answer": "Not Applicable",
                }
            ],
        },
    ]
    path = tmp_path / "reviews.json"
    path.write_text(json.dumps(reviews), encoding="utf-8")
    _tool().criteria(path, {"s1": ["N803", "N807"], "s2": ["N801"]})
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines()[1:]}
    # cost: two stories rated not satisfactory, N803 fired on one: precision 1, recall 0.5
    assert rows["N803"] == ["2", "1.00", "0.50"]
    # sources: both satisfactory, N807 fired on one: precision 0, recall undefined
    assert rows["N806/N807"] == ["2", "0.00", "nan"]
    assert "disease" not in out
