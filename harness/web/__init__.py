"""The ASGI application agents open in a browser: blind side-by-side review of replies."""

from harness.web._app import create_app, serve

__all__ = ["create_app", "serve"]
