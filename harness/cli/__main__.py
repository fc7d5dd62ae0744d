"""``python -m harness.cli``: the same as the ``plume`` command."""

from harness.cli import main

main()
