"""Write confidentiality/fonts/NotoSans-Regular.ttf: the font the per-recipient watermark embeds
(C8, issue 14 finding 7).

The portal's look already depends on Noto Sans, from the npm package
@fontsource-variable/noto-sans (package-lock.json). That package ships variable WOFF2 files cut
by script; a PDF needs one static TrueType font. This script takes the package's Latin, Latin
Extended, Greek, Cyrillic and Vietnamese files, fixes the weight axis at 400 (Regular), drops
the layout tables a watermark does not use, and merges them into one file (about 190 kB), which
is committed so that the web process needs neither npm nor a system font to stamp a copy.

Run after updating @fontsource-variable/noto-sans (needs `npm ci` and the .venv):
    .venv/bin/python tools/watermark_font.py
"""

import json
import shutil
import sys
import tempfile
from pathlib import Path

from fontTools.merge import Merger
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "node_modules" / "@fontsource-variable" / "noto-sans"
TARGET = ROOT / "confidentiality" / "fonts"
SCRIPTS = ("latin", "latin-ext", "greek", "cyrillic", "vietnamese")
DROPPED = ("GSUB", "GPOS", "GDEF", "STAT", "MVAR", "HVAR", "avar", "fvar", "gvar")


def main() -> int:
    if not PACKAGE.is_dir():
        print(f"{PACKAGE} is missing: run npm ci first", file=sys.stderr)
        return 1
    version = json.loads((PACKAGE / "package.json").read_text())["version"]
    with tempfile.TemporaryDirectory() as tmp:
        parts = []
        for script in SCRIPTS:
            font = TTFont(PACKAGE / "files" / f"noto-sans-{script}-wght-normal.woff2")
            font = instancer.instantiateVariableFont(font, {"wght": 400})
            for tag in DROPPED:
                if tag in font:
                    del font[tag]
            font.flavor = None
            path = Path(tmp) / f"{script}.ttf"
            font.save(path)
            parts.append(str(path))
        merged = Merger().merge(parts)
        merged["name"].setName(
            f"Noto Sans Regular from @fontsource-variable/noto-sans {version}", 5, 3, 1, 0x409
        )
        merged.save(TARGET / "NotoSans-Regular.ttf")
    shutil.copy(PACKAGE / "LICENSE", TARGET / "OFL.txt")
    size = (TARGET / "NotoSans-Regular.ttf").stat().st_size
    print(f"{TARGET / 'NotoSans-Regular.ttf'}: {size} bytes from noto-sans {version}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
