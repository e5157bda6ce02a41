"""Inline SVG charts for the HTML report: vertical and horizontal bars, and a trend line.

Every chart is plain SVG text computed in Python (no script), so the same report data gives
byte-identical markup.  Value axes use whole-number ticks that never repeat: a peak of 2 gets
the ticks 0, 1, 2 rather than 0, 0, 1, 1, 2.
"""

from __future__ import annotations

import math
from typing import Any

from medlint.report.html_text import esc

WIDTH, HEIGHT = 440, 230


def nice_ticks(peak: float, most: int = 4) -> list[int]:
    """Whole-number axis ticks from 0 to at least ``peak``, at most ``most`` steps, no repeats."""
    top = max(1, math.ceil(peak))
    if top <= most:
        return list(range(top + 1))
    raw = top / most
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    step = max(1, math.ceil(step))
    return [step * k for k in range(math.ceil(top / step) + 1)]


def _open(chart_id: str, title: str) -> list[str]:
    return [
        f'<svg id="{chart_id}" class="chart" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{esc(title)}">',
        f'<text x="40" y="16" class="chart-title">{esc(title)}</text>',
    ]


def _grid(ticks: list[int], left: int, right: int, top: int, plot_h: int) -> list[str]:
    out = []
    for val in ticks:
        y = top + plot_h - plot_h * val / ticks[-1]
        out.append(
            f'<line x1="{left}" x2="{WIDTH - right}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
            f'<text x="{left - 4}" y="{y + 4:.1f}" class="axis" text-anchor="end">{val}</text>'
        )
    return out


def _legend(series: list[tuple[str, list[Any], str]], right: int) -> list[str]:
    if len(series) < 2:
        return []
    out = []
    lx = WIDTH - right - 100 * len(series)
    for j, (name, _v, color) in enumerate(series):
        out.append(
            f'<rect x="{lx + j * 100}" y="20" width="10" height="10" fill="{color}"/>'
            f'<text x="{lx + j * 100 + 14}" y="29" class="axis">{esc(name)}</text>'
        )
    return out


def _close(
    out: list[str],
    x_title: str,
    middle: float,
    series: list[tuple[str, list[Any], str]],
    right: int,
) -> str:
    """The chart's x-axis title (centred at ``middle``), its legend and the end of the SVG."""
    if x_title:
        out.append(
            f'<text x="{middle:.1f}" y="{HEIGHT - 6}" class="axis" '
            f'text-anchor="middle">{esc(x_title)}</text>'
        )
    out += _legend(series, right)
    out.append("</svg>")
    return "".join(out)


def bar_chart(
    chart_id: str,
    title: str,
    labels: list[str],
    series: list[tuple[str, list[int], str]],
    colors: list[str] | None = None,
    x_title: str = "",
) -> str:
    """A vertical bar chart as inline SVG; ``series`` = (name, values, colour)."""
    left, right, top, bottom = 40, 10, 38, 44
    plot_w, plot_h = WIDTH - left - right, HEIGHT - top - bottom
    ticks = nice_ticks(max((v for _n, vals, _c in series for v in vals), default=0))
    scale = ticks[-1]
    group_w = plot_w / max(len(labels), 1)
    bar_w = max(2.0, (group_w - 8) / max(len(series), 1))
    out = _open(chart_id, title) + _grid(ticks, left, right, top, plot_h)
    for i, label in enumerate(labels):
        gx = left + i * group_w + 4
        for j, (name, values, color) in enumerate(series):
            v = values[i]
            h = plot_h * v / scale
            x = gx + j * bar_w
            y = top + plot_h - h
            fill = colors[i] if colors and len(series) == 1 else color
            out.append(
                f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{bar_w - 1:.1f}" '
                f'height="{h:.1f}" fill="{fill}" data-series="{esc(name)}" '
                f'data-label="{esc(label)}" data-value="{v}">'
                f"<title>{esc(name)} {esc(label)}: {v}</title></rect>"
            )
            if v and bar_w >= 14:
                out.append(
                    f'<text x="{x + bar_w / 2:.1f}" y="{y - 3:.1f}" class="val" '
                    f'text-anchor="middle">{v}</text>'
                )
        out.append(
            f'<text x="{gx + group_w / 2 - 4:.1f}" y="{top + plot_h + 16}" class="axis" '
            f'text-anchor="middle">{esc(label)}</text>'
        )
    return _close(out, x_title, left + plot_w / 2, series, right)


def hbar_chart(chart_id: str, title: str, labels: list[str], values: list[int], color: str) -> str:
    """A horizontal bar chart as inline SVG (labels on the left)."""
    left, right, top = 120, 44, 38
    row_h = min(22.0, (HEIGHT - top - 8) / max(len(labels), 1))
    peak = max(values, default=0) or 1
    out = _open(chart_id, title)
    if not labels:
        out.append(f'<text x="40" y="{top + 14}" class="axis">No findings.</text>')
    for i, (label, v) in enumerate(zip(labels, values, strict=True)):
        y = top + i * row_h
        w = (WIDTH - left - right) * v / peak
        out.append(
            f'<text x="{left - 6}" y="{y + row_h * 0.65:.1f}" class="axis" '
            f'text-anchor="end">{esc(label)}</text>'
            f'<rect class="bar" x="{left}" y="{y + 2:.1f}" width="{w:.1f}" '
            f'height="{row_h - 4:.1f}" fill="{color}" data-series="findings" '
            f'data-label="{esc(label)}" data-value="{v}"><title>{esc(label)}: {v}</title></rect>'
            f'<text x="{left + w + 4:.1f}" y="{y + row_h * 0.65:.1f}" class="val">{v}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def line_chart(
    chart_id: str,
    title: str,
    labels: list[str],
    series: list[tuple[str, list[float | None], str]],
    x_title: str = "",
) -> str:
    """A trend chart: one polyline per series over runs ``labels`` (oldest first); a ``None``
    value (a run that did not measure it) leaves a gap."""
    left, right, top, bottom = 40, 14, 38, 44
    plot_w, plot_h = WIDTH - left - right, HEIGHT - top - bottom
    ticks = nice_ticks(max((v or 0 for _n, vals, _c in series for v in vals), default=0))
    scale = ticks[-1]
    step = plot_w / max(len(labels) - 1, 1)
    out = _open(chart_id, title) + _grid(ticks, left, right, top, plot_h)
    every = max(1, math.ceil(len(labels) / 8))  # at most ~8 x labels
    last = len(labels) - 1
    for i, label in enumerate(labels):
        if i % every == 0 or i == last:
            # the end labels inside the chart: anchored at their start / end
            anchor = "start" if i == 0 and last else "end" if i == last and last else "middle"
            out.append(
                f'<text x="{left + i * step:.1f}" y="{top + plot_h + 16}" class="axis" '
                f'text-anchor="{anchor}">{esc(label)}</text>'
            )
    for name, values, color in series:
        runs: list[list[str]] = [[]]
        for i, v in enumerate(values):
            if v is None:
                runs.append([])
                continue
            x, y = left + i * step, top + plot_h - plot_h * v / scale
            runs[-1].append(f"{x:.1f},{y:.1f}")
            out.append(
                f'<circle class="pt" cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{color}" '
                f'data-series="{esc(name)}" data-label="{esc(labels[i])}" data-value="{v:g}">'
                f"<title>{esc(name)} {esc(labels[i])}: {v:g}</title></circle>"
            )
        for pts in runs:
            if len(pts) > 1:
                out.append(
                    f'<polyline fill="none" stroke="{color}" stroke-width="2" '
                    f'points="{" ".join(pts)}"/>'
                )
    return _close(out, x_title, left + plot_w / 2, series, right)
