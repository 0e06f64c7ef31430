"""`python -m robuust_docs` runs the command-line interface."""

from robuust_docs.cli import run

run()
