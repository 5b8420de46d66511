"""Deficiency law beside the label: what happens if the borrower defaults, by the law of the property's state.

`deficiency_law(text)` reads the jurisdiction and the facts the rules turn on and applies the table in
deficiency.json; `describe(code)` renders one jurisdiction's entry for `analyze --law CA`. It never changes
the contract label.
"""

from analyzer.law.apply import deficiency_law
from analyzer.law.describe import describe
from analyzer.law.table import load_table, lookup

__all__ = ["deficiency_law", "describe", "load_table", "lookup"]
