"""The time stamp of generated documents (BOMs, evidence packs).

Honours ``SOURCE_DATE_EPOCH`` (the reproducible-builds convention), so a CI
job or a golden-file test can make the same inputs give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import os


def now() -> dt.datetime:
    """``SOURCE_DATE_EPOCH`` when set to an integer, else the current time; UTC, whole seconds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)
