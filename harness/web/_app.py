"""The review pages: server-rendered, in French, blind, one personal link per reviewer.

A reviewer opens ``/entrer?jeton=…`` once; the token moves into a cookie (HttpOnly, SameSite
strict) and the address bar keeps only ``/comparaison/7``, the position in their own plan, which
names neither the item nor a model. Every form carries a token derived from the reviewer's own
(HMAC), so another site cannot submit on their behalf, and it survives a server restart. Replies
and experiences reach the page through Jinja's autoescaping, and the Content-Security-Policy only
lets the page load its own style sheet and shortcut script.
"""

import hashlib
import hmac
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from harness.review import (
    CRITERIA,
    Edit,
    Reviewer,
    ReviewPlan,
    Verdict,
    VerdictStore,
    edit_size,
    load_plan,
    token_hash,
)
from harness.templating import environment
from harness.web._headers import Headers

_HERE = Path(__file__).parent
COOKIE = "plume_revue"
LOOPBACK = "127.0.0.1"
HEADERS = {
    "content-security-policy": (
        "default-src 'none'; style-src 'self'; script-src 'self'; form-action 'self'; "
        "base-uri 'none'; frame-ancestors 'none'"
    ),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cache-control": "no-store",
}
SENDS = {
    "as_is": "Je l’enverrais tel quel",
    "after_edit": "Après retouche",
    "no": "Je ne l’enverrais pas",
}
LABELS = {"tone": "Ton", "accuracy": "Exactitude", "conciseness": "Concision"}


def form_token(token: str) -> str:
    """The anti-forgery token of a reviewer's forms."""
    return hmac.new(token.encode("utf-8"), b"plume-review-form", hashlib.sha256).hexdigest()


def _verdict(plan: ReviewPlan, reviewer: Reviewer, position: int, form: FormData) -> Verdict | str:
    """The verdict a submitted form holds, or what is missing, in French."""
    task = reviewer.tasks[position]
    fields = {key: str(value) for key, value in form.items()}
    edited = fields.get("edit", "").strip()
    edit = None
    if edited:
        side = fields.get("edit_of")
        if side not in ("left", "right"):
            return "Indiquez quelle réponse vous avez retouchée (A ou B)."
        before = plan.candidate(task.left if side == "left" else task.right).replies[task.item]
        edit = Edit(of=side, text=edited, size=edit_size(before, edited))
    try:
        return Verdict.model_validate(
            {
                "review": plan.name,
                "item": task.item,
                "reviewer": reviewer.id,
                "left": task.left,
                "right": task.right,
                "choice": fields.get("choice"),
                "ratings": {
                    side: {c: fields.get(f"{side}_{c}") for c in CRITERIA}
                    for side in ("left", "right")
                },
                "send": {side: fields.get(f"{side}_send") for side in ("left", "right")},
                "edit": edit,
                "comment": fields.get("comment", "").strip() or None,
                "at": datetime.now(UTC),
            }
        )
    except ValidationError:
        return "Il manque un choix : la préférence, les trois notes et l’envoi de chaque réponse."


def create_app(review_dir: Path, *, allowed_hosts: list[str] | None = None) -> Starlette:
    """The application serving the review in ``review_dir``; ``allowed_hosts`` are the names
    browsers may reach it by (loopback only by default, which also defeats DNS rebinding).

    Raises:
        PlumeError: the folder holds no plan, or its store cannot be opened.
    """
    plan = load_plan(review_dir)
    VerdictStore(review_dir).close()  # fails now, not on the first submission
    reviewers = {r.token_sha256: r for r in plan.reviewers}
    templates = environment(_HERE / "templates")

    def page(name: str, status: int = 200, **values: Any) -> HTMLResponse:
        return HTMLResponse(templates.get_template(name).render(**values), status_code=status)

    def identify(request: Request) -> tuple[Reviewer, str] | None:
        token = request.cookies.get(COOKIE, "")
        reviewer = reviewers.get(token_hash(token)) if token else None
        return (reviewer, token) if reviewer else None

    def refused() -> HTMLResponse:
        return page("refus.html", 403)

    async def done_positions(reviewer: Reviewer) -> set[int]:
        def read() -> set[int]:
            with VerdictStore(review_dir) as store:
                return store.positions(reviewer.id)

        return await run_in_threadpool(read)

    async def enter(request: Request) -> Response:
        token = request.query_params.get("jeton", "")
        if token_hash(token) not in reviewers:
            return refused()
        response = RedirectResponse("/", status_code=303)
        response.set_cookie(COOKIE, token, httponly=True, samesite="strict")
        return response

    async def home(request: Request) -> Response:
        found = identify(request)
        if found is None:
            return refused()
        reviewer, _ = found
        done = await done_positions(reviewer)
        left = [n for n in range(len(reviewer.tasks)) if n not in done]
        if not left:
            return page("merci.html", total=len(reviewer.tasks))
        return RedirectResponse(f"/comparaison/{left[0] + 1}", status_code=303)

    async def comparison(request: Request) -> Response:
        found = identify(request)
        if found is None:
            return refused()
        reviewer, token = found
        position = int(request.path_params["number"]) - 1
        if not 0 <= position < len(reviewer.tasks):
            return page("refus.html", 404)
        done = await done_positions(reviewer)
        values: dict[str, str] = {}
        problem = None
        if request.method == "POST":
            form = await request.form()
            sent = str(form.get("csrf", ""))
            if not hmac.compare_digest(sent.encode(), form_token(token).encode()):
                return refused()
            if position not in done:
                verdict = _verdict(plan, reviewer, position, form)
                if isinstance(verdict, str):
                    problem = verdict
                    values = {key: str(value) for key, value in form.items()}
                else:

                    def store() -> None:
                        with VerdictStore(review_dir) as verdicts:
                            verdicts.add(position, verdict)

                    await run_in_threadpool(store)
            if problem is None:
                return RedirectResponse("/", status_code=303)
        elif position in done:
            return RedirectResponse("/", status_code=303)
        task = reviewer.tasks[position]
        return page(
            "comparaison.html",
            status=400 if problem else 200,
            number=position + 1,
            total=len(reviewer.tasks),
            done=len(done),
            item=plan.item(task.item),
            replies={
                "left": plan.candidate(task.left).replies[task.item],
                "right": plan.candidate(task.right).replies[task.item],
            },
            criteria=LABELS,
            sends=SENDS,
            values=values,
            problem=problem,
            csrf=form_token(token),
        )

    return Starlette(
        routes=[
            Route("/", home),
            Route("/entrer", enter),
            Route("/comparaison/{number:int}", comparison, methods=["GET", "POST"]),
            Mount("/static", StaticFiles(directory=_HERE / "static"), name="static"),
        ],
        middleware=[
            Middleware(Headers, headers=HEADERS),
            Middleware(
                TrustedHostMiddleware,
                allowed_hosts=allowed_hosts or [LOOPBACK, "localhost"],
            ),
        ],
    )


def serve(review_dir: Path, *, host: str, port: int) -> None:
    """Serve the review until interrupted; the access log stays off (it would hold the
    ``/entrer`` addresses with their tokens)."""
    import uvicorn

    allowed = None if host == LOOPBACK else ["*"]
    uvicorn.run(
        create_app(review_dir, allowed_hosts=allowed),
        host=host,
        port=port,
        access_log=False,
        log_level="warning",
    )
