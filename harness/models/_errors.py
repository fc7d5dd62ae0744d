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
        status: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        self.retryable = retryable
        self.status = status
        self.retry_after = retry_after


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
