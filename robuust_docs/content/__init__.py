"""Content: what the programme says, as data. Categories and their stories, building blocks with indicators,
formulas and norms, themes, programmes, practices, impact facts and the conversation guide are read from
`data/content/` (YAML and Markdown) by `load_content`, validated with every problem named by file and key.
Texts are filled with a library's figures in a sandboxed Jinja (`fill`).
"""

from robuust_docs.content.contexts import sentence_context, story_context
from robuust_docs.content.fill import TextError, fill, use_kept_code
from robuust_docs.content.formula import Formula, FormulaError, parse_formula
from robuust_docs.content.load import load_content, split_paragraphs
from robuust_docs.content.records import (
    DIRECTIONS,
    UNITS,
    WSOB_FUNCTIONS,
    AgendaItem,
    Category,
    Content,
    Conversation,
    CostAssumption,
    Fact,
    FindingRule,
    ImpactFact,
    Indicator,
    Module,
    Norm,
    Practice,
    Programme,
    Proposal,
    Theme,
)
from robuust_docs.content.variables import VARIABLES, library_columns

__all__ = [
    "DIRECTIONS",
    "UNITS",
    "VARIABLES",
    "WSOB_FUNCTIONS",
    "AgendaItem",
    "Category",
    "Content",
    "Conversation",
    "CostAssumption",
    "Fact",
    "FindingRule",
    "Formula",
    "FormulaError",
    "ImpactFact",
    "Indicator",
    "Module",
    "Norm",
    "Practice",
    "Programme",
    "Proposal",
    "TextError",
    "Theme",
    "fill",
    "use_kept_code",
    "library_columns",
    "load_content",
    "parse_formula",
    "sentence_context",
    "split_paragraphs",
    "story_context",
]
