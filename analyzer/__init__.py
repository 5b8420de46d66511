"""recourse-analyzer: is a loan recourse, limited-recourse or non-recourse, and which clauses say so."""

from analyzer.api import Analyzer, analyze
from analyzer.results import SCHEMA_VERSION, Analysis, Evidence, Label

__all__ = ["Analyzer", "analyze", "Analysis", "Evidence", "Label", "SCHEMA_VERSION"]
__version__ = "0.1.0"
