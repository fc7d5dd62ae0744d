"""Fixed response headers (Content-Security-Policy and friends) on every response of an app."""

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class Headers:
    """Adds ``headers`` to every response of the application it wraps, static files included."""

    def __init__(self, app: ASGIApp, headers: dict[str, str]) -> None:
        self.app = app
        self.headers = [(k.encode(), v.encode()) for k, v in headers.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *self.headers]
            await send(message)

        await self.app(scope, receive, with_headers)
