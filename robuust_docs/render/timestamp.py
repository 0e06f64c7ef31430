"""`generation_time`: the moment a document is generated, which both renderers write as its creation and
modification date. `SOURCE_DATE_EPOCH` (seconds since 1970-01-01 UTC, the reproducible-builds convention) fixes
it, so that the same input gives byte-identical files.
"""

from __future__ import annotations

import datetime as _dt
import os

from robuust_docs.errors import Problem, RenderError

ENVIRONMENT = "SOURCE_DATE_EPOCH"


def generation_time() -> _dt.datetime:
    """Now in UTC to the second, or the time `SOURCE_DATE_EPOCH` gives; a malformed value is an error."""
    raw = os.environ.get(ENVIRONMENT, "").strip()
    if not raw:
        return _dt.datetime.now(_dt.UTC).replace(microsecond=0)
    try:
        seconds = int(raw)
        if seconds < 0:
            raise ValueError(raw)
        return _dt.datetime.fromtimestamp(seconds, _dt.UTC)
    except (ValueError, OverflowError, OSError):
        raise RenderError(
            "De omgevingsvariabele SOURCE_DATE_EPOCH is ongeldig",
            (
                Problem(
                    f"omgevingsvariabele {ENVIRONMENT}",
                    "verwacht een geheel aantal seconden sinds 1 januari 1970 (UTC), bijvoorbeeld 1764633600",
                    value=raw,
                ),
            ),
        ) from None
