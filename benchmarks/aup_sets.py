"""The labelled screening files: who wrote each, and which stay unseen.

One list read by the benchmark (aup_screen.py), the trainer (aup_train_classifier.py), the
shipped neighbours (aup_similar_cases.py) and the leak test (tests/aup/test_generalise.py), so
a new author's file is added once and cannot be missed by one of them.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent

# (author, file) in the order the cases are read; an author's missing file is skipped.
# Author A wrote the first four splits (dev and held-out share aup_cases.jsonl); there is no train 7.
TRAINING: tuple[tuple[str, str], ...] = (
    ("A", "aup_cases.jsonl"),
    ("A", "aup_cases_blind.jsonl"),
    ("A", "aup_cases_blind2.jsonl"),
    ("B", "aup_cases_train2.jsonl"),
    ("C", "aup_cases_train3.jsonl"),
    ("D", "aup_cases_train4.jsonl"),
    ("E", "aup_cases_train5.jsonl"),
    ("F", "aup_cases_train6.jsonl"),
    ("H", "aup_cases_train8.jsonl"),
    ("I", "aup_cases_train9.jsonl"),
    ("J", "aup_cases_train10.jsonl"),
    ("K", "aup_cases_train11.jsonl"),
    ("L", "aup_cases_train12.jsonl"),
    ("M", "aup_cases_train13.jsonl"),
    ("N", "aup_cases_train14.jsonl"),
    ("O", "aup_cases_train15.jsonl"),
    ("P", "aup_cases_train16.jsonl"),
    ("Q", "aup_cases_train17.jsonl"),
    ("R", "aup_cases_train18.jsonl"),
    ("S", "aup_cases_train19.jsonl"),
    ("T", "aup_cases_train20.jsonl"),
    ("U", "aup_cases_train21.jsonl"),
    ("V", "aup_cases_train22.jsonl"),
    ("W", "aup_cases_train23.jsonl"),
    ("X", "aup_cases_train24.jsonl"),
    ("Y", "aup_cases_train25.jsonl"),
    ("Z", "aup_cases_train26.jsonl"),
    ("AA", "aup_cases_train27.jsonl"),
    ("AB", "aup_cases_train28.jsonl"),
    ("AC", "aup_cases_train29.jsonl"),
    ("AD", "aup_cases_train30.jsonl"),
    ("AE", "aup_cases_train31.jsonl"),
)

# Evaluated by aup_screen.py and nowhere else: never read by a person or a training script.
# file -> (split, when it was written and measured)
UNSEEN: dict[str, tuple[str, str]] = {
    "aup_cases_blind3.jsonl": ("blind3", "written in round 3, measured in rounds 4 to 16"),
    "aup_cases_blind4.jsonl": ("blind4", "written in round 3, measured in rounds 4 to 16"),
    "aup_cases_blind5.jsonl": ("blind5", "written in round 5, measured in rounds 5 to 16"),
    "aup_cases_blind6.jsonl": ("blind6", "written in round 5, measured in rounds 5 to 16"),
    "aup_cases_blind7.jsonl": (
        "blind7",
        "written in round 6 by an independent author, measured in rounds 6 to 16",
    ),
    "aup_cases_blind8.jsonl": (
        "blind8",
        "written in round 9 by an independent author (intake forms), measured in rounds 9 to 16",
    ),
    "aup_cases_blind9.jsonl": (
        "blind9",
        "written in round 10 by an independent author (sales calls and RFPs), measured in rounds 10 to 16",
    ),
    "aup_cases_blind10.jsonl": (
        "blind10",
        "written in round 11 by an independent author (app-store and marketing copy), "
        "measured in rounds 11 to 16",
    ),
    "aup_cases_blind11.jsonl": (
        "blind11",
        "written in round 11 by another independent author (developer chat and issues), "
        "measured in rounds 11 to 16",
    ),
    "aup_cases_blind12.jsonl": (
        "blind12",
        "written in round 12 by an independent author (research proposals, ethics-board submissions), "
        "measured in rounds 12 to 16",
    ),
    "aup_cases_blind13.jsonl": (
        "blind13",
        "written in round 12 by an independent author (no-code automation recipes), "
        "measured in rounds 12 to 16",
    ),
    "aup_cases_blind14.jsonl": (
        "blind14",
        "written in round 13 by an independent author (hackathon and startup pitches), "
        "measured in rounds 13 to 16",
    ),
    "aup_cases_blind15.jsonl": (
        "blind15",
        "written in round 14 by an independent author (entries of a company's AI use-case register), "
        "measured in rounds 14 to 16",
    ),
    "aup_cases_blind16.jsonl": (
        "blind16",
        "written in round 16 by an independent author (procurement and vendor due-diligence forms), "
        "measured in round 16",
    ),
}


def authors() -> dict[str, tuple[str, ...]]:
    """Author -> their training files, in reading order."""
    out: dict[str, tuple[str, ...]] = {}
    for author, name in TRAINING:
        out[author] = (*out.get(author, ()), name)
    return out


def training_paths() -> tuple[Path, ...]:
    """Every training file's path (present or not)."""
    return tuple(HERE / name for _, name in TRAINING)


def split_names() -> dict[str, str]:
    """Split id -> the name the doc shows, training splits first, then the unseen ones."""
    names = {
        "dev": "dev (author A, tuned on)",
        "heldout": "held-out (author A)",
        "blind": "blind 1 (author A)",
        "blind2": "blind 2 (author A)",
    }
    for author, name in TRAINING:
        split = name.removeprefix("aup_cases_").removesuffix(".jsonl")
        if split.startswith("train"):  # author A's files hold the four named splits above
            names[split] = f"train {split.removeprefix('train')} (author {author})"
    for split, when in UNSEEN.values():
        names[split] = f"blind {split.removeprefix('blind')} (never tuned on; {when})"
    return names
