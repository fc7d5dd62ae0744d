"""The ASGI application agents and writers open in a browser: blind side-by-side review of
replies, and the writers' studio."""

from harness.web._app import create_app, serve
from harness.web._server import create_server_app, serve_all
from harness.web._studio import Studio

__all__ = ["Studio", "create_app", "create_server_app", "serve", "serve_all"]
