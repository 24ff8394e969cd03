"""Charts are well-formed SVG, escape their text, and are on the dashboard."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter

from powtrace.web import charts

from .support import Web, signed_in

SVG = "{http://www.w3.org/2000/svg}"


def test_bars_escape_labels_and_parse() -> None:
    svg = charts.stacked_bars("t", [("<script>", [1, 2]), ("b & c", [0, 3])], ["x", "y"])
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_sankey_bands_follow_the_flow() -> None:
    flows = Counter({("captured", "exchanged"): 3, ("exchanged", "status:at_home"): 3})
    svg = charts.sankey("flow", flows, {"captured": 0, "exchanged": 1}, {})
    root = ET.fromstring(svg)
    assert len(root.findall(f"{SVG}path")) == 2 and len(root.findall(f"{SVG}rect")) == 3


def test_dashboard_draws_its_charts_inline(web: Web) -> None:
    page = signed_in(web, "analyst").get("/").text
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart"') == 4
    assert "<script" not in page


def test_stacked_columns_parse_and_scale() -> None:
    svg = charts.stacked_columns("t", [("2024-05", [1, 2]), ("2024-06", [0, 0])], ["a", "b<"])
    root = ET.fromstring(svg)
    bars = [r for r in root.findall(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    assert len(bars) == 2 and "b&lt;" in svg
