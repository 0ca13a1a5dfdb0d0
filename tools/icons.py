#!/usr/bin/env python3
"""Draws Keyshift's icon (a key on a rounded green square) at each size the manifest
names, and the Chrome Web Store's 440×280 small promo tile, antialiased by supersampling,
with nothing but the standard library.

The 128 px icon is 96 px of artwork on 16 px of transparent padding, as the Chrome Web
Store and Edge Add-ons ask; at 16 px the key is drawn bolder and simpler, so it still
reads as a key in the toolbar.

Run: python3 tools/icons.py extension/icons store (`--check extension/icons store`: in step)"""
import math
import struct
import sys
import zlib

GREEN = (4, 120, 87)
DARK = (6, 78, 59)
WHITE = (255, 255, 255)
AMBER = (245, 158, 11)
RED = (220, 38, 38)


def inside_square(x, y, r=0.22):
    dx, dy = max(abs(x - 0.5) - (0.5 - r), 0), max(abs(y - 0.5) - (0.5 - r), 0)
    return dx * dx + dy * dy <= r * r


def inside_key(x, y):
    # Bow: a ring on the left; blade to the right with two teeth.
    cx, cy = 0.34, 0.5
    d = math.hypot(x - cx, y - cy)
    if 0.08 <= d <= 0.19:
        return True
    if 0.5 - 0.045 <= y <= 0.5 + 0.045 and 0.5 <= x <= 0.82:
        return True
    return (0.66 <= x <= 0.72 or 0.76 <= x <= 0.82) and 0.5 <= y <= 0.63


def inside_small_key(x, y):
    # At 16 px: a thick ring, a thick blade, one broad tooth.
    d = math.hypot(x - 0.33, y - 0.5)
    if 0.07 <= d <= 0.22:
        return True
    if 0.5 - 0.08 <= y <= 0.5 + 0.08 and 0.5 <= x <= 0.86:
        return True
    return 0.68 <= x <= 0.86 and 0.5 <= y <= 0.7


def icon_scene(size):
    """The icon at `size`: (x, y) in 0..1 of the canvas → RGBA or None."""
    pad = 16 / 128 if size == 128 else 0.0
    key = inside_small_key if size <= 16 else inside_key

    def scene(x, y):
        u, v = (x - pad) / (1 - 2 * pad), (y - pad) / (1 - 2 * pad)
        if not (0 <= u <= 1 and 0 <= v <= 1) or not inside_square(u, v):
            return None
        return WHITE if key(u, v) else GREEN

    return scene


# A blocky 5×7 alphabet for the promo tile's word mark (only the letters it spells).
FONT = {
    "K": ["10001", "10010", "10100", "11000", "10100", "10010", "10001"],
    "E": ["11111", "10000", "10000", "11110", "10000", "10000", "11111"],
    "Y": ["10001", "10001", "01010", "00100", "00100", "00100", "00100"],
    "S": ["01111", "10000", "10000", "01110", "00001", "00001", "11110"],
    "H": ["10001", "10001", "10001", "11111", "10001", "10001", "10001"],
    "I": ["11111", "00100", "00100", "00100", "00100", "00100", "11111"],
    "F": ["11111", "10000", "10000", "11110", "10000", "10000", "10000"],
    "T": ["11111", "00100", "00100", "00100", "00100", "00100", "00100"],
}


def tile_scene(width, height):
    """The 440×280 promo tile: the icon, the word mark, and three note pills (what stopped
    working, what is about to, the kept token) under it."""
    word, cell = "KEYSHIFT", 4.5  # px per font cell
    left, top = 190.0, 100.0

    def in_word(px, py):
        col, row = (px - left) / cell, (py - top) / cell
        if row < 0 or row >= 7 or col < 0:
            return False
        letter, at = int(col // 6), int(col % 6)
        if letter >= len(word) or at >= 5:
            return False
        return FONT[word[letter]][int(row)][at] == "1"

    def pill(px, py, x0, y0, w, h):
        r = h / 2
        cx = min(max(px, x0 + r), x0 + w - r)
        return math.hypot(px - cx, py - (y0 + r)) <= r

    icon = icon_scene(96)

    def scene(x, y):
        px, py = x * width, y * height
        if 40 <= px < 160 and 80 <= py < 200:
            c = icon((px - 40) / 120, (py - 80) / 120)
            if c:
                return WHITE if c == GREEN else GREEN
        if in_word(px, py):
            return WHITE
        for i, colour in enumerate((RED, AMBER, WHITE)):
            if pill(px, py, 190 + i * 72, 154, 62, 14):
                return colour
        # A soft diagonal from the brand green to a darker one.
        k = min(max((x + y) / 2, 0), 1)
        return tuple(round(g * (1 - k) + d * k) for g, d in zip(GREEN, DARK))

    return scene


def png(width, height, scene, ss=4):
    def pixel(px, py):
        hits, total = [], ss * ss
        for i in range(ss):
            for j in range(ss):
                c = scene((px + (i + 0.5) / ss) / width, (py + (j + 0.5) / ss) / height)
                if c:
                    hits.append(c)
        if not hits:
            return (0, 0, 0, 0)
        rgb = tuple(round(sum(c[k] for c in hits) / len(hits)) for k in range(3))
        return rgb + (round(255 * len(hits) / total),)

    rows = b"".join(b"\0" + b"".join(bytes(pixel(x, y)) for x in range(width)) for y in range(height))
    chunk = lambda kind, data: struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


def read_png(path):
    """(width, height, RGBA rows) of a PNG this script wrote (8-bit RGBA, filter 0)."""
    data = open(path, "rb").read()
    width, height = struct.unpack(">II", data[16:24])
    at, idat = 8, b""
    while at < len(data):
        n, kind = struct.unpack(">I4s", data[at:at + 8])
        if kind == b"IDAT":
            idat += data[at + 8:at + 8 + n]
        at += 12 + n
    raw = zlib.decompress(idat)
    stride = 1 + 4 * width
    return width, height, [raw[r * stride + 1:(r + 1) * stride] for r in range(height)]


def check(icons, store):
    """The committed pictures are the ones this script draws, at the sizes the stores ask,
    with the 128 px icon's 16 px of padding transparent."""
    problems = []
    expected = {f"{icons}/{s}.png": png(s, s, icon_scene(s)) for s in (16, 32, 48, 128)}
    expected[f"{store}/promo-440x280.png"] = png(440, 280, tile_scene(440, 280), ss=3)
    for path, want in expected.items():
        if open(path, "rb").read() != want:
            problems.append(f"{path} is not what tools/icons.py draws (run it)")
    w, h, rows = read_png(f"{store}/promo-440x280.png")
    if (w, h) != (440, 280):
        problems.append(f"the promo tile is {w}×{h}, not 440×280")
    w, h, rows = read_png(f"{icons}/128.png")
    edge = [rows[y][4 * x + 3] for y in range(h) for x in range(w) if min(x, y, w - 1 - x, h - 1 - y) < 16]
    if (w, h) != (128, 128) or any(edge):
        problems.append("the 128 px icon must be 96 px of artwork on 16 px of transparent padding")
    for p in problems:
        print("icons:", p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    if sys.argv[1] == "--check":
        sys.exit(check(sys.argv[2], sys.argv[3]))
    icons, store = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None
    for size in (16, 32, 48, 128):
        with open(f"{icons}/{size}.png", "wb") as f:
            f.write(png(size, size, icon_scene(size)))
    if store:
        with open(f"{store}/promo-440x280.png", "wb") as f:
            f.write(png(440, 280, tile_scene(440, 280), ss=3))
