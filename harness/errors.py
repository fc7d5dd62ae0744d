"""Errors a user can cause. The CLI prints them as one line and exits with their code."""

from pydantic import ValidationError


class PlumeError(Exception):
    """A problem the user can fix; ``str(error)`` is the whole message shown to them."""

    exit_code: int = 1

    def __init__(self, message: str, *, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code


class InputError(PlumeError):
    """A file given to Plume is malformed: the message names the file and line."""

    exit_code = 1

    def __init__(self, path: object, message: str, *, line: int | None = None) -> None:
        where = f"{path}:{line}" if line is not None else f"{path}"
        super().__init__(f"{where}: {message}")
        self.path = path
        self.line = line


class UsageError(PlumeError):
    """The command was asked for something it cannot do as asked (unknown model, missing key)."""

    exit_code = 2


def format_validation_error(error: ValidationError) -> str:
    """One readable line for the first problem pydantic found ('key_facts[1]: …')."""
    first = error.errors()[0]
    where = ""
    for part in first["loc"]:
        where += f"[{part}]" if isinstance(part, int) else (f".{part}" if where else str(part))
    kind = first["type"]
    if kind == "extra_forbidden":
        message = "unknown field"
    elif kind == "missing":
        message = "is required"
    else:
        message = first["msg"]
    more = len(error.errors()) - 1
    suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    return f"{where}: {message}{suffix}" if where else f"{message}{suffix}"
