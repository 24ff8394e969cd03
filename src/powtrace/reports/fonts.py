"""The font embedded in PDF reports: Noto Sans (OFL), shipped by the ``fontpkg-noto-sans`` wheel.

The wheel holds one *variable* font. Instancing it on every report would cost seconds, so a
static regular and bold instance, cut down to the scripts our records use (Latin, Cyrillic,
punctuation), is made once and cached on disk keyed by the source font's SHA-256 and the
recipe. Instancing and subsetting are deterministic, so the cache never changes a report's
bytes.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from functools import cache
from importlib import resources
from pathlib import Path

import platformdirs

FAMILY = "Noto Sans"  # also the family name the SVG charts ask for
_PACKAGE = "fontpkg_noto_sans"
_FILE = "files/NotoSans[wdth,wght].ttf"
_RECIPE = "v1"  # bump when the ranges or options below change
WEIGHTS = {"": 400, "B": 700}
_RANGES = [
    (0x20, 0x7E),  # Basic Latin
    (0xA0, 0x24F),  # Latin-1, Latin Extended-A and -B
    (0x2B0, 0x36F),  # spacing modifiers (ʼ) and combining marks
    (0x400, 0x52F),  # Cyrillic and its supplement
    (0x1E00, 0x1EFF),  # Latin Extended Additional
    (0x2000, 0x206F),  # general punctuation: dashes, quotes, ellipsis
    (0x20A0, 0x20CF),  # currency signs (₴ ₽ €)
    (0x2100, 0x215F),  # letterlike (№)
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # maths (− ≤ ≥)
    (0x25A0, 0x25FF),  # geometric shapes (● ■)
]


def _source() -> Path:
    return Path(str(resources.files(_PACKAGE).joinpath(_FILE)))


def _cache_dir() -> Path:
    for base in (Path(platformdirs.user_cache_dir("powtrace")), Path(tempfile.gettempdir())):
        folder = base / "fonts"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            if os.access(folder, os.W_OK):
                return folder
        except OSError:
            continue
    raise OSError("no writable cache directory for the report font")


def _build(source: Path, weight: int) -> bytes:
    from fontTools import subset, ttLib
    from fontTools.varLib import instancer

    font = ttLib.TTFont(str(source), recalcTimestamp=False)
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[c for lo, hi in _RANGES for c in range(lo, hi + 1)])
    subsetter.subset(font)
    static = instancer.instantiateVariableFont(
        font, {"wght": weight, "wdth": 100}, inplace=False, static=True
    )
    out = io.BytesIO()
    static.save(out)
    return out.getvalue()


@cache
def font_files() -> dict[str, Path]:
    """Style ('' regular, 'B' bold) → path of the static TrueType instance, built if needed."""
    source = _source()
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
    folder = _cache_dir()
    paths = {}
    for style, weight in WEIGHTS.items():
        path = folder / f"NotoSans-{weight}-{digest}-{_RECIPE}.ttf"
        if not path.exists():
            data = _build(source, weight)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        paths[style] = path
    return paths
