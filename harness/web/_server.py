"""One server for the review pages and the writers' studio (``plume serve``)."""

from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route

from harness.web._app import LOOPBACK, create_app
from harness.web._studio import PREFIX, Studio, studio_app


def create_server_app(
    token: str,
    studio: Studio,
    review_dir: Path | None = None,
    *,
    allowed_hosts: list[str] | None = None,
) -> Starlette:
    """The studio under ``/redaction`` (entered with ``token``) and, when ``review_dir`` is
    given, the review pages at the root.

    Raises:
        PlumeError: the review folder holds no plan, or its store cannot be opened.
    """
    routes: list[BaseRoute] = [Mount(PREFIX, app=studio_app(token, studio))]
    if review_dir is not None:
        routes.append(Mount("/", app=create_app(review_dir, allowed_hosts=allowed_hosts)))
    else:

        async def home(request: Request) -> Response:
            return RedirectResponse(f"{PREFIX}/", status_code=303)

        routes.append(Route("/", home))
    return Starlette(
        routes=routes,
        middleware=[
            Middleware(
                TrustedHostMiddleware, allowed_hosts=allowed_hosts or [LOOPBACK, "localhost"]
            )
        ],
    )


def serve_all(
    token: str,
    studio: Studio,
    review_dir: Path | None = None,
    *,
    host: str,
    port: int,
) -> None:
    """Serve until interrupted, with spaCy's pipeline and the style guide loaded first so that
    the first lint request is as quick as the next ones; the access log stays off (it would
    hold the entry addresses with their tokens)."""
    import uvicorn

    studio.lint("Bonjour, nous avons bien reçu votre demande.")
    allowed = None if host == LOOPBACK else ["*"]
    uvicorn.run(
        create_server_app(token, studio, review_dir, allowed_hosts=allowed),
        host=host,
        port=port,
        access_log=False,
        log_level="warning",
    )
