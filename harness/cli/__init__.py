"""The ``plume`` command. Thin: it parses, calls the packages and prints."""

from harness.cli._app import app, main

__all__ = ["app", "main"]
