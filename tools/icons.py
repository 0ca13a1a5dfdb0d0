#!/usr/bin/env python3
"""Draws Keyshift's icon (a key on a rounded green square) at each size the manifest
names, antialiased by supersampling, with nothing but the standard library.
Run: python3 tools/icons.py extension/icons"""
import math
import struct
import sys
import zlib

GREEN = (4, 120, 87)
WHITE = (255, 255, 255)


def inside_square(x, y):
    r = 0.22
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


def pixel(px, py, size, ss=4):
    cover_sq = cover_key = 0
    for i in range(ss):
        for j in range(ss):
            x, y = (px + (i + 0.5) / ss) / size, (py + (j + 0.5) / ss) / size
            if inside_square(x, y):
                cover_sq += 1
                cover_key += inside_key(x, y)
    n = ss * ss
    if not cover_sq:
        return (0, 0, 0, 0)
    k = cover_key / cover_sq
    rgb = tuple(round(g * (1 - k) + w * k) for g, w in zip(GREEN, WHITE))
    return rgb + (round(255 * cover_sq / n),)


def png(size):
    rows = b"".join(b"\0" + b"".join(bytes(pixel(x, y, size)) for x in range(size)) for y in range(size))
    chunk = lambda kind, data: struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


if __name__ == "__main__":
    out = sys.argv[1]
    for size in (16, 32, 48, 128):
        with open(f"{out}/{size}.png", "wb") as f:
            f.write(png(size))
