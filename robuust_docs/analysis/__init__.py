"""Analysis: numbers only. `analyse_dataset` computes every library's formula variables and indicators, its
category, the distances from residents to branches and the branches' access (`proximity`), and a status per
indicator and building block against the category norms and peers (`assess`). `years` gives each library its
figures year by year; `aggregates` summarises many libraries for the overview.
"""

from robuust_docs.analysis.analyse import Analysis, LibraryAnalysis, MunicipalityAnalysis, analyse_dataset
from robuust_docs.analysis.assess import IndicatorResult, ModuleResult, indicator_status
from robuust_docs.analysis.indicators import LibraryRows
from robuust_docs.analysis.proximity import AccessSummary, ProximitySummary, RemotePoint, nearest_branch
from robuust_docs.analysis.years import Change, History, YearFigures

__all__ = [
    "AccessSummary",
    "Analysis",
    "Change",
    "History",
    "IndicatorResult",
    "LibraryAnalysis",
    "LibraryRows",
    "ModuleResult",
    "MunicipalityAnalysis",
    "ProximitySummary",
    "RemotePoint",
    "YearFigures",
    "analyse_dataset",
    "indicator_status",
    "nearest_branch",
]
