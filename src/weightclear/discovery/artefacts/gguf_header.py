"""A small, bounds-checked reader of GGUF metadata (the key/value header only).

GGUF layout (ggml docs/gguf.md): magic ``GGUF``, version (u32), tensor count
(u64), KV count (u64), then KV pairs: key (u64 length + UTF-8), value type
(u32), value. Arrays carry an element type (u32) and a count (u64). The tensor
infos follow the last KV; we stop there, so the file's size never matters,
only its header.

Why not ``gguf.GGUFReader``: it builds a numpy view per array element, which
took ~10 s on a real 128k-token vocabulary (reference performance notes §6).
Here array contents are stepped over without being materialised: fixed-size
elements in O(1), strings by walking their lengths. Every count and length is
checked against the bytes that remain *before* anything is allocated, so a
truncated or lying header gives a ``GgufFormatError``, never a huge allocation.
"""

from __future__ import annotations

import mmap
import re
import struct
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from itertools import repeat
from pathlib import Path
from typing import cast

MAGIC = b"GGUF"
SUPPORTED_VERSIONS = (2, 3)  # v1 used u32 counts and lengths; llama.cpp dropped it in 2023
MAX_KEY_LENGTH = 65_535  # the spec caps key length at 65535 bytes
MAX_KV_COUNT = 1 << 20  # real files carry tens of keys; a vocabulary is one array, not many keys
MAX_ARRAY_DEPTH = 4
MAX_VALUE_STRING = 1 << 24  # a decoded wanted string (a licence text is ~10 KB)
_CHUNK = 512  # strings per regex step

# value type -> element size in bytes (None: variable, STRING and ARRAY)
_UINT32, _STRING, _ARRAY = 4, 8, 9
_FIXED_SIZE: dict[int, int] = {0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8}
_SCALAR_FORMAT: dict[int, str] = {
    0: "B", 1: "b", 2: "H", 3: "h", 4: "I", 5: "i", 6: "f", 7: "?", 10: "Q", 11: "q", 12: "d",
}  # fmt: skip

Scalar = str | int | float | bool


class GgufFormatError(ValueError):
    """The header is not a readable GGUF header; the message says why and where."""


@dataclass(frozen=True, kw_only=True)
class GgufHeader:
    """What the header holds: version, counts, and the values of the keys asked for."""

    version: int
    tensor_count: int
    kv_count: int
    values: dict[str, Scalar]
    header_end: int  # offset of the first tensor info


class _Cursor:
    """Bounds-checked reads over a buffer; every read checks the remaining size first."""

    def __init__(self, buf: bytes | mmap.mmap | memoryview, endian: str) -> None:
        self.buf = buf
        self.size = len(buf)
        self.off = 0
        self.u32 = struct.Struct(endian + "I")
        self.u64 = struct.Struct(endian + "Q")
        self.endian = endian

    def need(self, n: int, what: str) -> None:
        if n > self.size - self.off:
            raise GgufFormatError(
                f"truncated at byte {self.off}: {what} needs {n} bytes, {self.size - self.off} left"
            )

    def read_u32(self, what: str) -> int:
        self.need(4, what)
        (value,) = self.u32.unpack_from(self.buf, self.off)
        self.off += 4
        return int(value)

    def read_u64(self, what: str) -> int:
        self.need(8, what)
        (value,) = self.u64.unpack_from(self.buf, self.off)
        self.off += 8
        return int(value)

    def string_span(self, what: str, cap: int | None = None) -> tuple[int, int]:
        """Step over one GGUF string; return its (start, end) offsets."""
        length = self.read_u64(f"{what} length")
        if cap is not None and length > cap:
            raise GgufFormatError(f"{what} at byte {self.off - 8} claims {length} bytes (limit {cap})")
        self.need(length, what)
        start = self.off
        self.off += length
        return start, self.off

    def text(self, span: tuple[int, int], what: str) -> str:
        try:
            return bytes(self.buf[span[0] : span[1]]).decode("utf-8")
        except UnicodeDecodeError:
            raise GgufFormatError(f"{what} at byte {span[0]} is not UTF-8") from None


@cache
def _short_strings_pattern() -> re.Pattern[bytes]:
    """A regex that steps over ``_CHUNK`` little-endian strings of fewer than 64 bytes each.

    One alternative per length: the length byte, seven zero bytes, then exactly
    that many bytes. sre walks it in C, about 1.5x faster than the Python loop
    on a 128k-token vocabulary (benchmarks/gguf_header.py); a chunk holding a
    longer string does not match and falls back to the exact loop.
    """
    alternatives = b"|".join(re.escape(bytes([n])) + rb"\x00{7}" + rb".{%d}" % n for n in range(64))
    return re.compile(rb"(?:" + alternatives + rb"){%d}" % _CHUNK, re.DOTALL)


def _step_strings(cur: _Cursor, count: int) -> int:
    """Step over ``count`` strings one by one; return the new offset (the exact path)."""
    unpack, buf, off = cur.u64.unpack_from, cur.buf, cur.off
    try:
        for _ in repeat(None, count):
            off += 8 + unpack(buf, off)[0]
    except (struct.error, OverflowError):  # a length read past the end, or a lying length past 2**63
        raise GgufFormatError(f"truncated at byte {off}: string array element length") from None
    if off > cur.size:
        raise GgufFormatError(f"truncated: string array runs {off - cur.size} bytes past the end of the file")
    return off


def _skip_strings(cur: _Cursor, count: int) -> None:
    """Step over ``count`` length-prefixed strings: the hot loop for vocabularies."""
    if cur.endian == "<":
        pattern = _short_strings_pattern()
        while count >= _CHUNK:
            match = pattern.match(cur.buf, cur.off)
            if match is None:  # a long string somewhere in this chunk
                cur.off = _step_strings(cur, _CHUNK)
            else:
                cur.off = match.end()
            count -= _CHUNK
    cur.off = _step_strings(cur, count)


def _skip_array(cur: _Cursor, depth: int) -> None:
    elem_type = cur.read_u32("array element type")
    count = cur.read_u64("array length")
    if elem_type in _FIXED_SIZE:
        size = _FIXED_SIZE[elem_type] * count
        cur.need(size, f"array of {count} elements")
        cur.off += size
    elif elem_type == _STRING:
        # each element takes at least its 8-byte length: reject a lying count before looping
        cur.need(8 * count, f"string array of {count} elements")
        _skip_strings(cur, count)
    elif elem_type == _ARRAY:
        if depth >= MAX_ARRAY_DEPTH:
            raise GgufFormatError(f"arrays nested deeper than {MAX_ARRAY_DEPTH} at byte {cur.off}")
        cur.need(12 * count, f"array of {count} arrays")
        for _ in range(count):
            _skip_array(cur, depth + 1)
    else:
        raise GgufFormatError(f"unknown array element type {elem_type} at byte {cur.off - 12}")


def _read_value(cur: _Cursor, value_type: int, keep: bool, key: str) -> Scalar | None:
    """Read (when ``keep``) or step over one value of ``value_type``."""
    if value_type == _STRING:
        span = cur.string_span(f"value of {key}")
        if keep and span[1] - span[0] <= MAX_VALUE_STRING:
            return cur.text(span, f"value of {key}")
        return None
    if value_type == _ARRAY:
        _skip_array(cur, 0)
        return None
    fmt = _SCALAR_FORMAT.get(value_type)
    if fmt is None:
        raise GgufFormatError(f"unknown value type {value_type} for key {key!r} at byte {cur.off - 4}")
    size = _FIXED_SIZE[value_type]
    cur.need(size, f"value of {key}")
    (value,) = struct.unpack_from(cur.endian + fmt, cur.buf, cur.off)
    cur.off += size
    return cast(Scalar, value) if keep else None


def _open_cursor(buf: bytes | mmap.mmap | memoryview) -> tuple[_Cursor, int]:
    if len(buf) < 24:
        raise GgufFormatError(f"file too short for a GGUF header ({len(buf)} bytes)")
    if bytes(buf[:4]) != MAGIC:
        raise GgufFormatError(f"not a GGUF file (magic {bytes(buf[:4])!r})")
    for endian in ("<", ">"):  # big-endian GGUF exists (s390x); the version tells which
        (version,) = struct.unpack_from(endian + "I", buf, 4)
        if 0 < version < 0x10000:
            break
    if version not in SUPPORTED_VERSIONS:
        raise GgufFormatError(f"unsupported GGUF version {version} (supported: 2, 3)")
    cur = _Cursor(buf, endian)
    cur.off = 8
    return cur, version


def parse_header(buf: bytes | mmap.mmap | memoryview, wanted: Callable[[str], bool]) -> GgufHeader:
    """Walk every KV of a GGUF header in ``buf``; return the values of the keys ``wanted`` accepts.

    Raises GgufFormatError for a bad magic, an unsupported version, or a count
    or length that does not fit in the bytes that remain.
    """
    cur, version = _open_cursor(buf)
    tensor_count = cur.read_u64("tensor count")
    kv_count = cur.read_u64("KV count")
    # the smallest KV is 13 bytes (empty key, type, one-byte value)
    if kv_count > MAX_KV_COUNT or kv_count * 13 > cur.size - cur.off:
        raise GgufFormatError(f"KV count {kv_count} does not fit in a {cur.size}-byte file")
    values: dict[str, Scalar] = {}
    for index in range(kv_count):
        key = cur.text(cur.string_span(f"key #{index}", MAX_KEY_LENGTH), f"key #{index}")
        value_type = cur.read_u32(f"type of {key}")
        value = _read_value(cur, value_type, wanted(key), key)
        if value is not None:
            values[key] = value
    return GgufHeader(
        version=version, tensor_count=tensor_count, kv_count=kv_count, values=values, header_end=cur.off
    )


def read_header(path: Path, wanted: Callable[[str], bool], data: bytes | None = None) -> GgufHeader:
    """Read the GGUF header of ``path`` over a read-only memory map (or ``data`` when already read).

    Only the header pages are touched; raises GgufFormatError or OSError.
    """
    if data is not None:
        return parse_header(data, wanted)
    with path.open("rb") as handle:
        size = handle.seek(0, 2)
        if size < 24:
            raise GgufFormatError(f"file too short for a GGUF header ({size} bytes)")
        with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
            return parse_header(mapped, wanted)
