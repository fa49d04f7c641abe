"""`python -m lnhs_parse` runs the command-line tool."""

from lnhs_parse.cli import run

run()
