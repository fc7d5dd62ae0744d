"""How a failed call is classified: the providers say what went wrong, the retry loop decides."""


class ModelCallError(Exception):
    """A call to a model failed.

    Providers raise it with ``retryable`` set from the failure's nature (429, 5xx, timeouts and
    dropped connections are; authentication and validation errors are not). Only the retry loop in
    ``harness.models._retry`` acts on it, so retries are never stacked.
    """

    def __init__(
        self,
        message: str,
        *,
        retryable: bool,
        cause: str | None = None,
        status: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        self.retryable = retryable
        self.cause = cause or (cause_of_status(status) if status is not None else "error")
        """A short, stable label for reports: ``rate_limited``, ``timeout``, ``server_error``…"""
        self.status = status
        self.retry_after = retry_after


def cause_of_status(status: int) -> str:
    """The failure label for an HTTP error status."""
    if status == 429:
        return "rate_limited"
    if status in (401, 403):
        return "authentication"
    if status in (408, 504):
        return "timeout"
    if status >= 500:
        return "server_error"
    return "rejected"


def classify_status(status: int) -> bool:
    """Whether an HTTP error status is worth retrying."""
    return status in (408, 409, 425, 429) or status >= 500


def parse_retry_after(value: str | None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (seconds form; dates are ignored)."""
    if value is None:
        return None
    try:
        seconds = float(value)
    except ValueError:
        return None
    return seconds if seconds >= 0 else None
