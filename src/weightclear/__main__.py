"""`python -m weightclear` runs the command line."""

from weightclear.cli import main

main()
