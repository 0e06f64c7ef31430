"""Findings: what matters in one library's analysis. Today: which best practices fit it, and why
(`match_practices`); ranked findings and the cost model follow in this package.
"""

from robuust_docs.findings.practices import LIMIT, Match, match_practices

__all__ = ["LIMIT", "Match", "match_practices"]
