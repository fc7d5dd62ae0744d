"""The writers' studio (« Rédaction »): lint as you type, the style guide as pages, and what a
change to the guide would do.

It is served under ``/redaction`` by ``plume serve``, beside the review pages, with the same
protections: loopback only by default, a personal link whose token moves into an HttpOnly
cookie, and a Content-Security-Policy that lets the page load only its own style sheet and
script. The lint endpoint also wants a header derived from the token (HMAC), which another site
cannot read nor send. The style guide is read from its files on every request (a content-hash
cache makes that cheap), so a writer's edit shows on the next keystroke.
"""

import hashlib
import hmac
import itertools
import json
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp

from harness import paths
from harness.errors import PlumeError
from harness.styleguide._docs import CATEGORY_TITLES, SEVERITY_TITLES
from harness.templating import environment
from harness.web._headers import Headers

if TYPE_CHECKING:
    from harness.styleguide import StyleGuide

_HERE = Path(__file__).parent
PREFIX = "/redaction"
COOKIE = "plume_redaction"
CSRF_HEADER = "x-plume-jeton"
HEADERS = {
    "content-security-policy": (
        "default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'; "
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cache-control": "no-store",
}
DELETE = "(supprimer"


def csrf_token(token: str) -> str:
    """The header value the studio's script sends with each lint request."""
    return hmac.new(token.encode("utf-8"), b"plume-studio", hashlib.sha256).hexdigest()


def choices(suggestion: str | None, excerpt: str) -> list[str]:
    """The texts a suggestion can be applied as: ``""`` for an instruction to delete
    (« (supprimer) »), one per alternative (`` / ``), none for another instruction
    (« (donner un délai précis, ou rien) ») or a pattern with a blank (``…``). A replacement takes
    the capital of the text it replaces."""
    found = []
    for alternative in (suggestion or "").split(" / "):
        alternative = alternative.strip()
        if alternative.startswith(DELETE):
            found.append("")
            continue
        if not alternative or alternative.startswith("(") or "…" in alternative:
            continue
        if excerpt[:1].isupper() and alternative[:1].islower():
            alternative = alternative[0].upper() + alternative[1:]
        found.append(alternative)
    return found


def _utf16(text: str, offset: int) -> int:
    # The browser's strings count UTF-16 units: an emoji is two, for Python one character.
    return len(text[:offset].encode("utf-16-le")) // 2


@dataclass(frozen=True)
class Piece:
    """A stretch of a text and the kinds of highlight covering it (empty: plain text)."""

    text: str
    kinds: tuple[str, ...]


def pieces(text: str, spans: Sequence[tuple[int, int, str]]) -> list[Piece]:
    """``text`` cut at every span boundary, each piece with the kinds of the spans over it."""
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    found = []
    for low, high in itertools.pairwise(cuts):
        kinds = tuple(sorted({kind for s, e, kind in spans if s <= low and high <= e and s < e}))
        found.append(Piece(text[low:high], kinds))
    return found


class Studio:
    """What the studio's pages read: the style guide folder, the gold set and the runs."""

    def __init__(
        self, styleguide: Path | None = None, gold: Path | None = None, runs: Path | None = None
    ) -> None:
        self.styleguide = styleguide or paths.styleguide_dir()
        self.gold = gold or paths.gold_dir() / "services-publics-plus.jsonl"
        self.runs = runs or paths.runs_dir()
        self._counts: dict[tuple[str, ...], dict[str, Counter[str]]] = {}

    def guide(self) -> "StyleGuide":
        """The guide as its files are now (reloaded only when they changed)."""
        from harness.styleguide import load_styleguide

        return load_styleguide(self.styleguide)

    def lint(self, text: str) -> dict[str, Any]:
        """The lint endpoint's answer: violations with browser (UTF-16) offsets."""
        from harness.styleguide import lint

        guide = self.guide()
        result = lint(text, guide)
        return {
            "version": guide.version,
            "violations": [
                {
                    "rule": v.rule,
                    "title": guide.rule(v.rule).title,
                    "rationale": guide.rule(v.rule).rationale,
                    "severity": v.severity,
                    "severity_title": SEVERITY_TITLES[v.severity],
                    "start": _utf16(text, v.start),
                    "end": _utf16(text, v.end),
                    "excerpt": v.excerpt,
                    "message": v.message,
                    "suggestion": v.suggestion,
                    "choices": choices(v.suggestion, v.excerpt),
                }
                for v in result.violations
            ],
        }

    def gold_replies(self) -> list[tuple[str, str]]:
        from harness.gold import load_gold

        return [(item.id, item.reply) for item in load_gold(self.gold).items]

    def last_run(self) -> Path | None:
        from harness.styleguide._versions import latest_run

        return latest_run(self.runs)

    def counts(self) -> dict[str, Counter[str]]:
        """Rule id → how many times it fires, on the gold replies (``gold``) and on the last
        run's replies (``run``); recomputed when the guide, the gold set or the run changes."""
        from harness.styleguide import lint_many
        from harness.styleguide._versions import run_replies

        guide = self.guide()
        run = self.last_run()
        key = (
            guide.sha256,
            str(self.gold),
            str(self.gold.stat().st_mtime_ns) if self.gold.is_file() else "",
            str(run) if run else "",
            str((run / "samples.jsonl").stat().st_mtime_ns) if run else "",
        )
        if key not in self._counts:
            found: dict[str, Counter[str]] = {"gold": Counter(), "run": Counter()}
            sources = {"gold": self.gold_replies(), "run": run_replies(run) if run else []}
            for name, texts in sources.items():
                for result in lint_many([text for _, text in texts], guide):
                    found[name].update(v.rule for v in result.violations)
            self._counts = {key: found}
        return self._counts[key]

    def modification(self, since: str, until: str, run: Path | None) -> dict[str, Any]:
        """What replacing the guide at ``since`` by the one at ``until`` (a git revision, or
        empty for the files as they are) does to the gold replies and to a run's replies."""
        from harness.styleguide import diff_guides
        from harness.styleguide._versions import guide_at_revision, rule_changes, run_replies

        with tempfile.TemporaryDirectory() as old_dir, tempfile.TemporaryDirectory() as new_dir:
            old = guide_at_revision(self.styleguide, since, Path(old_dir))
            new = (
                guide_at_revision(self.styleguide, until, Path(new_dir)) if until else self.guide()
            )
            sets = []
            sources = [("Réponses de référence (gold)", self.gold_replies())]
            if run is not None:
                sources.append((f"Réponses du run {run.name}", run_replies(run)))
            for title, texts in sources:
                result = diff_guides(old, new, texts)
                by_id = dict(texts)
                sets.append(
                    {
                        "title": title,
                        "texts": result.texts,
                        "changes": [
                            _change_view(change, by_id[change.id]) for change in result.changes
                        ],
                        "per_rule": result.per_rule(),
                    }
                )
            return {
                "old": old,
                "new": new,
                "rules": rule_changes(old, new),
                "sets": sets,
            }


def _change_view(change: Any, text: str) -> dict[str, Any]:
    spans = [(v.start, v.end, "gagnee") for v in change.gained] + [
        (v.start, v.end, "perdue") for v in change.lost
    ]
    verdict = ""
    if (change.errors_before == 0) != (change.errors_after == 0):
        verdict = "échoue désormais" if change.errors_after else "passe désormais"
    return {
        "id": change.id,
        "verdict": verdict,
        "gained": change.gained,
        "lost": change.lost,
        "pieces": pieces(text, spans),
    }


def studio_app(token: str, studio: Studio) -> ASGIApp:
    """The studio's pages and lint endpoint, to be mounted under ``PREFIX``."""
    templates = environment(_HERE / "templates")
    templates.globals.update(prefix=PREFIX, categories=CATEGORY_TITLES, severities=SEVERITY_TITLES)
    token_digest = hashlib.sha256(token.encode()).digest()

    def allowed(request: Request) -> bool:
        sent = hashlib.sha256(request.cookies.get(COOKIE, "").encode()).digest()
        return hmac.compare_digest(sent, token_digest)

    def page(name: str, status: int = 200, **values: Any) -> HTMLResponse:
        return HTMLResponse(templates.get_template(name).render(**values), status_code=status)

    def refused() -> HTMLResponse:
        return page("studio/refus.html", 403)

    async def enter(request: Request) -> Response:
        sent = hashlib.sha256(request.query_params.get("jeton", "").encode()).digest()
        if not hmac.compare_digest(sent, token_digest):
            return refused()
        response = RedirectResponse(f"{PREFIX}/", status_code=303)
        response.set_cookie(COOKIE, token, httponly=True, samesite="strict", path=PREFIX)
        return response

    async def editor(request: Request) -> Response:
        if not allowed(request):
            return refused()
        return page("studio/redaction.html", csrf=csrf_token(token))

    async def api_lint(request: Request) -> Response:
        if not allowed(request) or not hmac.compare_digest(
            request.headers.get(CSRF_HEADER, "").encode(), csrf_token(token).encode()
        ):
            return JSONResponse({"erreur": "accès refusé"}, status_code=403)
        try:
            body = json.loads(await request.body())
            text = body["texte"]
            if not isinstance(text, str):
                raise TypeError
        except (ValueError, KeyError, TypeError):
            return JSONResponse({"erreur": 'attendu : {"texte": "…"}'}, status_code=400)
        try:
            return JSONResponse(await run_in_threadpool(studio.lint, text))
        except PlumeError as error:
            return JSONResponse({"erreur": str(error)}, status_code=422)

    async def rules(request: Request) -> Response:
        """The style guide's index, or one rule's page when the address names a rule."""
        if not allowed(request):
            return refused()
        try:
            guide = studio.guide()
            counts = await run_in_threadpool(studio.counts)
        except PlumeError as error:
            return page("studio/probleme.html", 500, problem=str(error))
        shown: dict[str, Any] = {"guide": guide, "counts": counts, "run": studio.last_run()}
        if "rule" not in request.path_params:
            return page("studio/regles.html", **shown)
        try:
            found = guide.rule(request.path_params["rule"])
        except KeyError:
            return page("studio/probleme.html", 404, problem="Cette règle n’existe pas.")
        return page(
            "studio/regle.html", rule=found, checker=guide.checker(found.id).describe(), **shown
        )

    async def modification(request: Request) -> Response:
        if not allowed(request):
            return refused()
        since = request.query_params.get("depuis", "").strip() or "HEAD"
        until = request.query_params.get("vers", "").strip()
        named_run = request.query_params.get("run", "").strip()
        if "/" in named_run or named_run.startswith("."):  # a run's name, never a path
            return page("studio/probleme.html", 404, problem="Nom de run invalide.")
        if named_run and not (studio.runs / named_run / "samples.jsonl").is_file():
            problem = f"Aucun run « {named_run} » dans {studio.runs}."
            return page("studio/probleme.html", 404, problem=problem)
        run = studio.runs / named_run if named_run else studio.last_run()
        try:
            found = await run_in_threadpool(studio.modification, since, until, run)
        except PlumeError as error:
            return page("studio/probleme.html", 400, problem=str(error))
        return page("studio/modification.html", since=since, until=until, run=run, **found)

    return Headers(
        Starlette(
            routes=[
                Route("/", editor),
                Route("/entrer", enter),
                Route("/api/lint", api_lint, methods=["POST"]),
                Route("/regles", rules),
                Route("/regles/{rule}", rules),
                Route("/modification", modification),
                Mount("/static", StaticFiles(directory=_HERE / "static"), name="static"),
            ]
        ),
        HEADERS,
    )
