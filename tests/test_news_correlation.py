"""tools/news_correlation.py: the rank statistics it reports are computed right."""

from __future__ import annotations

import importlib.util
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
