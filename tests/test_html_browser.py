"""The HTML report in a real browser: headless Chromium renders the bundled NOPD policy's report.

Asserts on what Chromium shows: the DOM after rendering (the matrix, the three
readings side by side, a conflict cell, the neutralised cell of the founding
case) and the pixels of a screenshot (the verdict colours are on screen). The
screenshot is kept as an artefact in tests/artifacts/ (git-ignored) and its
path printed. Skips with a message where Chromium is absent; `.ci/run`
installs Debian's `chromium` so CI runs it.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

import cli
from tests.conftest import ROOT

NOPD = "policies/nopd-41.6.1-2016.yaml"
ARTIFACTS = ROOT / "tests" / "artifacts"
TIMEOUT = 120  # seconds; Chromium renders this page in about two
# The network is closed: without these flags Chromium waits on connections it cannot make.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
]
CONFLICT, NEUTRALISED, SATISFIES = (248, 208, 208), (212, 236, 247), (215, 240, 217)
NOT_IN_FORCE = (251, 233, 214)  # a conflict with law not in force on the date: never the conflict's red


def _chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("Chromium is not installed (Debian: apt-get install chromium); .ci/run installs it")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path | str]:
    """The report file, Chromium's DOM of it and a screenshot, made once for the module."""
    browser = _chromium()
    work = tmp_path_factory.mktemp("browser")
    report = work / "report.html"
    argv = ["check", str(ROOT / NOPD), "--format", "html", "--output", str(report), "--as-of", "2017-11-17"]
    # the founding case's day (the page never depends on today): only broad conflicts, and its
    # holders (a state official, a politician) are not counted by default
    assert cli.main(argv) == 0
    base = [browser, *FLAGS]

    def chromium(*extra: str) -> subprocess.CompletedProcess[str]:
        profile = work / f"profile-{len(list(work.iterdir()))}"
        command = [*base, f"--user-data-dir={profile}", *extra, report.as_uri()]
        return subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=True)

    dom = chromium("--dump-dom").stdout
    screenshot = work / "html-report.png"
    chromium(f"--screenshot={screenshot}", "--window-size=1400,2600")  # down to the verdicts of law not in force
    assert screenshot.is_file()
    ARTIFACTS.mkdir(exist_ok=True)
    kept = ARTIFACTS / "html-report.png"
    shutil.copyfile(screenshot, kept)
    print(f"screenshot of the HTML report: {kept}")
    return {"dom": dom, "screenshot": kept}


class _Cells(HTMLParser):
    """Matrix header texts and cells (class, reading, title), as the browser's DOM has them."""

    def __init__(self) -> None:
        super().__init__()
        self.in_matrix = False
        self.capture: str | None = None
        self.sub_headers: list[str] = []
        self.cells: list[dict[str, str | None]] = []
        self.columns: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "table" and a.get("class") == "matrix":
            self.in_matrix = True
        elif self.in_matrix and tag == "td":
            self.cells.append(a)
            self.capture = "td"
        elif self.in_matrix and tag == "th" and a.get("class") == "rd":
            self.capture = "rd"
        if tag == "div" and a.get("class") == "column":
            self.columns.append(a.get("data-reading") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.in_matrix = False
        if tag in ("th", "td"):
            self.capture = None

    def handle_data(self, data: str) -> None:
        if self.capture == "rd":
            self.sub_headers.append(data)
        elif self.capture == "td":
            self.cells[-1]["text"] = (self.cells[-1].get("text") or "") + data


def test_chromium_shows_the_matrix_with_the_three_readings_side_by_side(rendered: dict) -> None:
    cells = _Cells()
    cells.feed(rendered["dom"])
    assert cells.sub_headers[:3] == ["textual", "doj", "broad"]  # each provision's readings side by side
    assert len(cells.sub_headers) % 3 == 0 and len(cells.sub_headers) >= 9
    assert cells.columns == ["textual", "doj", "broad"]  # the findings, one column per reading
    titles = {c.get("title"): c.get("class") for c in cells.cells}
    # the founding case: the no-assistance clause conflicts with § 1373(a) only under the broad reading
    assert titles["clause [no-assistance] × 8 U.S.C. § 1373(a) under broad: conflicts"] == "r-conflicts"
    assert titles["clause [no-assistance] × 8 U.S.C. § 1373(a) under textual: none"] == "r-none"
    # and paragraph 5 neutralises the doj reading's § 1373(b)(1) conflict of the no-inquiry clause
    assert titles["clause [no-inquiry] × 8 U.S.C. § 1373(b)(1) under doj: neutralised"] == "r-neutralised"
    assert titles["clause [no-inquiry] × 8 U.S.C. § 1373(b)(1) under broad: conflicts"] == "r-conflicts"


def test_chromium_shows_a_conflict_with_law_not_in_force_apart_from_a_binding_one(rendered: dict) -> None:
    """A failed bill's or a future statute's conflict has its own mark, words and class, not the conflict's ✗."""
    cells = _Cells()
    cells.feed(rendered["dom"])
    by_title = {c.get("title"): c for c in cells.cells}
    bill = by_title[
        "clause [no-inquiry] × La. HB 1148 (2016), proposed R.S. 49:1402(3), “sanctuary policy” item (6), as in the"
        " HB 151 digest under textual: (!) conflicts, not in force (proposed on the date; reported, does not fail"
        " the check)"
    ]
    assert (bill["class"], bill["text"]) == ("r-conflicts off", "(!)")
    statute = by_title[
        "clause [no-assistance] × La. R.S. 33:82 under broad: (!) conflicts, not in force (not yet in force on the"
        " date; reported, does not fail the check)"
    ]
    assert (statute["class"], statute["text"]) == ("r-conflicts off", "(!)")
    binding = by_title["clause [no-assistance] × 8 U.S.C. § 1373(a) under broad: conflicts"]
    assert binding["text"] == "✗"
    marks = {(c.get("class"), c.get("text")) for c in cells.cells if (c.get("class") or "").startswith("r-conflicts")}
    assert marks == {("r-conflicts", "✗"), ("r-conflicts off", "(!)")}  # nothing in between
    dom = rendered["dom"]
    assert dom.count('<p class="meta not-in-force">(!) marks a conflict with law not in force on the date') == 1
    assert '<td class="v-conflicts off" title=' in dom and ">(!) conflicts, not in force</td>" in dom


def _pixels(png: Path) -> tuple[int, int, list[bytes]]:
    """Decode an 8-bit RGB/RGBA, non-interlaced PNG (what Chromium writes) into rows of RGB(A) bytes."""
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        chunk = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = chunk
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and colour in (2, 6) and interlace == 0
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for x in range(stride):
            left = line[x - bpp] if x >= bpp else 0
            up = previous[x]
            corner = previous[x - bpp] if x >= bpp else 0
            if kind == 1:
                line[x] = (line[x] + left) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + up) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                pred = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[x] = (line[x] + pred) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, bpp, rows


def test_the_screenshot_shows_the_coloured_matrix(rendered: dict) -> None:
    width, bpp, rows = _pixels(rendered["screenshot"])
    counts = {CONFLICT: 0, NEUTRALISED: 0, SATISFIES: 0, NOT_IN_FORCE: 0}
    for row in rows:
        for x in range(0, width * bpp, bpp):
            pixel = (row[x], row[x + 1], row[x + 2])
            if pixel in counts:
                counts[pixel] += 1
    # a verdict cell is ~40 x 20 pixels: each colour fills at least a few cells on screen
    assert counts[CONFLICT] > 2000, counts
    assert counts[NEUTRALISED] > 500, counts
    assert counts[SATISFIES] > 2000, counts
    # the verdict cells of the bill and the future statute (24 cells of ~130 x 22 pixels), not just the legend
    assert counts[NOT_IN_FORCE] > 20000, counts
