"""C8: the stamp on every page of a recipient's copy, written with pikepdf (issue 14, finding 7).

The copy is written from the cleaned document (:func:`confidentiality.pdf_active.
strip_active_content`): the source's scripts, launch actions, forms, attachments and outline are
not carried over, whatever was stored. Each page gets the stamp as a form XObject laid over it,
its own graphics state kept apart (``q``/``Q``).

The text is set in Noto Sans, the portal's own typeface, embedded as a subset (only the glyphs
of this stamp) in a Type 0 font with a ToUnicode map: any Latin, Greek, Cyrillic or Vietnamese
name prints as written ("Łukasz Żółć", where Helvetica's WinAnsi gave "?ukasz ???") and can be
copied and searched in the copy. The font file is made from the npm package of the look by
``tools/watermark_font.py``; a character it lacks prints as "?".
"""

from __future__ import annotations

import functools
import hashlib
import io
import math
from pathlib import Path

FONT_PATH = Path(__file__).resolve().parent / "fonts" / "NotoSans-Regular.ttf"
FONT_NAME = "NotoSans-Regular"
MISSING = "?"


@functools.cache
def _font_file() -> bytes:
    return FONT_PATH.read_bytes()


@functools.cache
def _coverage() -> frozenset[int]:
    from fontTools.ttLib import TTFont

    return frozenset(TTFont(io.BytesIO(_font_file())).getBestCmap())


def printable(text: str) -> str:
    """``text`` with every character the font cannot print replaced by "?"."""
    covered = _coverage()
    return "".join(c if ord(c) in covered else MISSING for c in text)


class SubsetFont:
    """Noto Sans cut down to the characters of ``text``, with what a PDF needs of it: the
    glyph id of each character, the glyph widths in thousandths of the size, the metrics."""

    def __init__(self, text: str):
        from fontTools import subset
        from fontTools.ttLib import TTFont

        characters = sorted(set(printable(text)) | {" ", MISSING})
        options = subset.Options()
        options.layout_features = []
        options.name_IDs = [0, 1, 2, 3, 4, 5, 6]
        options.notdef_outline = True
        font = TTFont(io.BytesIO(_font_file()))
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=[ord(c) for c in characters])
        subsetter.subset(font)
        out = io.BytesIO()
        font.save(out)
        self.data = out.getvalue()
        cmap = font.getBestCmap()
        scale = 1000 / font["head"].unitsPerEm
        self.gid = {c: font.getGlyphID(cmap[ord(c)]) for c in characters}
        order = font.getGlyphOrder()
        self.widths = [round(font["hmtx"][name][0] * scale) for name in order]
        head, os2 = font["head"], font["OS/2"]
        self.bbox = [round(v * scale) for v in (head.xMin, head.yMin, head.xMax, head.yMax)]
        self.ascent = round(os2.sTypoAscender * scale)
        self.descent = round(os2.sTypoDescender * scale)
        self.cap_height = round(getattr(os2, "sCapHeight", 714) * scale)
        tag = hashlib.sha256("".join(characters).encode()).digest()
        self.name = "".join(chr(65 + b % 26) for b in tag[:6]) + "+" + FONT_NAME

    def encode(self, text: str) -> bytes:
        """A PDF hex string of the text's glyph ids (Identity-H: two bytes each)."""
        return b"<" + "".join(f"{self.gid[c]:04X}" for c in printable(text)).encode() + b">"

    def _to_unicode(self) -> bytes:
        entries = "\n".join(
            f"<{gid:04X}> <{c.encode('utf-16-be').hex().upper()}>" for c, gid in self.gid.items()
        )
        return (
            "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
            "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
            f"{len(self.gid)} beginbfchar\n{entries}\nendbfchar\n"
            "endcmap CMapName currentdict /CMap defineresource pop end end"
        ).encode()

    def pdf_object(self, pdf):
        """The Type 0 font, added to ``pdf`` as an indirect object."""
        from pikepdf import Array, Dictionary, Name, String

        font_file = pdf.make_stream(self.data)
        font_file.Length1 = len(self.data)
        descriptor = Dictionary(
            Type=Name.FontDescriptor,
            FontName=Name("/" + self.name),
            Flags=4,
            FontBBox=Array(self.bbox),
            ItalicAngle=0,
            Ascent=self.ascent,
            Descent=self.descent,
            CapHeight=self.cap_height,
            StemV=80,
            FontFile2=font_file,
        )
        descendant = Dictionary(
            Type=Name.Font,
            Subtype=Name.CIDFontType2,
            BaseFont=Name("/" + self.name),
            CIDSystemInfo=Dictionary(
                Registry=String("Adobe"), Ordering=String("Identity"), Supplement=0
            ),
            FontDescriptor=pdf.make_indirect(descriptor),
            CIDToGIDMap=Name.Identity,
            W=Array([0, Array(self.widths)]),
        )
        return pdf.make_indirect(
            Dictionary(
                Type=Name.Font,
                Subtype=Name.Type0,
                BaseFont=Name("/" + self.name),
                Encoding=Name("/Identity-H"),
                DescendantFonts=Array([pdf.make_indirect(descendant)]),
                ToUnicode=pdf.make_stream(self._to_unicode()),
            )
        )


def _stamp_operations(
    font: SubsetFont, width: float, height: float, lines: list[str], diagonal: str
) -> bytes:
    ops = [b"q", b"/GSwm gs", b"0.35 0.35 0.35 rg"]
    angle = math.atan2(height, width)
    cos, sin = math.cos(angle), math.sin(angle)
    size = max(10.0, min(width, height) / 22)
    matrix = (size, cos, sin, -sin, cos, width * 0.12, height * 0.12)
    ops.append(
        b"BT /FWm %.1f Tf %.4f %.4f %.4f %.4f %.1f %.1f Tm " % matrix
        + font.encode(diagonal)
        + b" Tj ET"
    )
    ops.append(b"Q q 0 0 0 rg")
    for index, line in enumerate(lines):
        text = font.encode(line)
        ops.append(b"BT /FWm 7 Tf 24 %.1f Td " % (10 + 9 * index) + text + b" Tj ET")
        ops.append(b"BT /FWm 7 Tf 24 %.1f Td " % (height - 14 - 9 * index) + text + b" Tj ET")
    ops.append(b"Q")
    return b"\n".join(ops)


def watermark_pdf(source, *, lines: list[str], diagonal: str) -> bytes:
    """Every page of ``source`` (a file object) with ``lines`` at its top and bottom margins
    and ``diagonal`` across it, written from the cleaned document."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name, Rectangle, String

    from .pdf_active import strip_active_content

    with pikepdf.open(io.BytesIO(source.read())) as pdf:
        strip_active_content(pdf)
        subset = SubsetFont("".join(lines) + diagonal)
        state = pdf.make_indirect(Dictionary(Type=Name.ExtGState, ca=0.25))
        resources = Dictionary(
            Font=Dictionary(FWm=subset.pdf_object(pdf)), ExtGState=Dictionary(GSwm=state)
        )
        stamps = {}
        for page in pdf.pages:
            box = Rectangle(page.mediabox)
            size = (round(box.width, 2), round(box.height, 2))
            if size not in stamps:
                stamp = pdf.make_stream(_stamp_operations(subset, *size, lines, diagonal))
                stamp.Type, stamp.Subtype = Name.XObject, Name.Form
                stamp.BBox = Array([0, 0, *size])
                stamp.Resources = resources
                stamps[size] = stamp
            page.add_overlay(stamps[size], box)
        pdf.docinfo = pdf.make_indirect(Dictionary(Title=String(diagonal)))
        output = io.BytesIO()
        pdf.save(output, compress_streams=True)
    return output.getvalue()
