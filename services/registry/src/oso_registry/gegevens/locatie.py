"""Find the line of a JSON path (``besturen[0].scholen[1].brin``) in the original text, for error messages."""

from __future__ import annotations

import json
from collections.abc import Sequence
from json.decoder import scanstring  # type: ignore[attr-defined]

_WS = " \t\r\n"


def pad_tekst(pad: Sequence[str | int]) -> str:
    """``("besturen", 0, "naam")`` → ``besturen[0].naam``."""
    tekst = ""
    for stap in pad:
        tekst += f"[{stap}]" if isinstance(stap, int) else (f".{stap}" if tekst else stap)
    return tekst


def regel_van(tekst: str, pad: Sequence[str | int]) -> int | None:
    """1-based line of the value at ``pad``; the enclosing value's line when the last step is missing."""
    decoder = json.JSONDecoder()

    def ws(i: int) -> int:
        while i < len(tekst) and tekst[i] in _WS:
            i += 1
        return i

    try:
        i = ws(0)
        for stap in pad:
            if tekst[i] == "{" and isinstance(stap, str):
                j = ws(i + 1)
                gevonden = False
                while tekst[j] == '"':
                    sleutel, j = scanstring(tekst, j + 1)
                    j = ws(j)
                    j = ws(j + 1)  # past the colon
                    if sleutel == stap:
                        i, gevonden = j, True
                        break
                    _, j = decoder.raw_decode(tekst, j)
                    j = ws(j)
                    if tekst[j] == ",":
                        j = ws(j + 1)
                if not gevonden:
                    break
            elif tekst[i] == "[" and isinstance(stap, int):
                j = ws(i + 1)
                for _ in range(stap):
                    _, j = decoder.raw_decode(tekst, j)
                    j = ws(j)
                    if tekst[j] != ",":
                        raise ValueError("index out of range")
                    j = ws(j + 1)
                i = j
            else:
                break
    except (IndexError, ValueError):
        return None
    return tekst.count("\n", 0, i) + 1
