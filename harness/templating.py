"""The project's single Jinja environment factory.

Every template, prompt or report, renders with ``StrictUndefined``: a missing variable is an error,
never an empty string silently sent to a model or printed in a report.
"""

from pathlib import Path

import jinja2


def environment(*folders: Path) -> jinja2.Environment:
    """A strict environment loading from ``folders``; ``.html`` templates are autoescaped."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(folder) for folder in folders]),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html",), default=False),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
