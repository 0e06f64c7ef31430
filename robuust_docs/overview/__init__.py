"""Overview: the national or provincial picture of many libraries ("landelijk beeld", "provinciaal beeld").
`build_overview` turns the analysed libraries of the whole dataset, or of one province, into an `Overview` (frozen
dataclasses, `model`), every text final Dutch, optionally with names replaced by codes.
"""

from robuust_docs.overview.build import build_overview
from robuust_docs.overview.model import As, Overview

__all__ = ["As", "Overview", "build_overview"]
