"""Inputs: the library's own figures. `load_dataset` reads the four tables (CSV in any common Dutch dialect, or
one `invoer.xlsx`, read without trusting it by `workbook`), within the limits of `robuust_docs.files`, finds and
checks every header (`readers`), parses every cell with one set of rules (`cells`), checks rows and links between
tables (ids compared as file names are), merges CBS road distances (`cbs`), and reports every problem at once;
`resolve_references` maps the programmes and themes named in the input onto the content's ids.
"""

from robuust_docs.inputs.frames import records
from robuust_docs.inputs.load import Dataset, load_dataset
from robuust_docs.inputs.readers import WORKBOOK
from robuust_docs.inputs.references import resolve_references

__all__ = ["WORKBOOK", "Dataset", "load_dataset", "records", "resolve_references"]
