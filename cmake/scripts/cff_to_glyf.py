#!/usr/bin/python3
"""Rewrites an OpenType font with CFF outlines as one with TrueType (glyf) outlines, in place.

Dear ImGui rasterises with stb_truetype, which interprets a CFF charstring three times per glyph
(once for its box, twice for its shape) but reads glyf outlines once: with glyf outlines the
widget's font atlas builds about twice as fast (cubic curves become quadratic ones within
`--tolerance` of an em; the default, 1/500 em, is 0.03 px at the body size and 0.12 px at the
largest title). Hinting was dropped by the subset step already, so no instructions are written.

    cff_to_glyf.py FONT [--tolerance EM_FRACTION]

Needs Debian's python3-fonttools (cu2qu).
"""
import argparse
import sys

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable


def convert(path, tolerance):
    font = TTFont(path)
    if "CFF " not in font:
        sys.exit(f"{path}: no CFF table (already TrueType outlines?)")
    order = font.getGlyphOrder()
    outlines = font.getGlyphSet()
    max_err = font["head"].unitsPerEm * tolerance

    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(None)
        # TrueType winds outer contours clockwise, CFF counter-clockwise.
        outlines[name].draw(Cu2QuPen(pen, max_err, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()

    del font["CFF "]
    font["glyf"] = glyf
    font["loca"] = newTable("loca")  # filled in from glyf when the font is written
    font.sfntVersion = "\x00\x01\x00\x00"
    font["head"].glyphDataFormat = 0
    font["head"].indexToLocFormat = 0  # compiled again on save, long offsets if they are needed
    # maxp 1.0: the TrueType fields. No hinting: no zones but the glyph zone, no stack, no
    # functions; the outline limits are recomputed from glyf on save.
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements",
                  "maxComponentDepth", "maxPoints", "maxContours", "maxCompositePoints",
                  "maxCompositeContours"):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    # post 3.0: no glyph names (CFF carried them; nothing here looks glyphs up by name).
    font["post"].formatType = 3.0
    font.save(path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("font")
    parser.add_argument("--tolerance", type=float, default=1 / 500,
                        help="largest distance of a quadratic from its cubic, in ems (1/500)")
    args = parser.parse_args()
    convert(args.font, args.tolerance)


if __name__ == "__main__":
    main()
