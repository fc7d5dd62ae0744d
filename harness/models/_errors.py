"""How a failed call is classified: the providers say what went wrong, the retry loop decides."""

import re
from collections.abc import Mapping
from email.utils import parsedate_to_datetime
from time import time

from harness.models._types import Completion


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
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.retryable = retryable
        self.cause = cause or (cause_of_status(status) if status is not None else "error")
        """A short, stable label for reports: ``rate_limited``, ``timeout``, ``truncated``…"""
        self.status = status
        self.retry_after = retry_after
        self.headers = headers
        """The error answer's headers, when there was one: they say what is left of the limits."""
        self.completion: Completion | None = None
        """What came back when it was not a whole reply (cut, refused): its tokens were paid."""


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
    """Whether an HTTP error status is worth retrying (as the Anthropic SDK decides, 424 aside)."""
    return status in (408, 409, 425, 429) or status >= 500


# Anthropic: "prompt is too long: 210000 tokens > 200000 maximum" (errors page); Albert
# (OpenGateLLM api/utils/exceptions.py): 422 "Max tokens exceeded."; OpenAI-style servers and
# llama.cpp speak of the "context" length or window.
_CONTEXT = re.compile(r"prompt is too long|max tokens exceeded|context", re.IGNORECASE)
# Albert's per-day limit (OpenGateLLM _accesscontroller.py): 429 "Rate limit exceeded: … per
# day", without Retry-After. Waiting seconds cannot help; only a later run can.
_QUOTA = re.compile(r"per day|per month|quota", re.IGNORECASE)


def http_error(url: str, status: int, detail: str, headers: Mapping[str, str]) -> ModelCallError:
    """The error for an HTTP error answer, with its cause and whether to retry it."""
    message = f"HTTP {status} from {url}: {detail}"
    retry_after = retry_after_s(headers)
    # Anthropic's 413 means too many bytes (its errors page): the prompt is too long all the same.
    if status == 413 or (status in (400, 422) and _CONTEXT.search(detail)):
        return ModelCallError(
            message, retryable=False, cause="context_too_long", status=status, headers=headers
        )
    if status == 429 and retry_after is None and _QUOTA.search(detail):
        return ModelCallError(
            message, retryable=False, cause="quota_exhausted", status=status, headers=headers
        )
    retryable = classify_status(status)
    # The provider's own verdict wins, as in the Anthropic SDK (_base_client.py _should_retry).
    should_retry = headers.get("x-should-retry")
    if should_retry in ("true", "false"):
        retryable = should_retry == "true"
    return ModelCallError(
        message, retryable=retryable, status=status, retry_after=retry_after, headers=headers
    )


def retry_after_s(headers: Mapping[str, str]) -> float | None:
    """Seconds to wait, from ``retry-after-ms`` or ``Retry-After`` (seconds or HTTP date)."""
    milliseconds = headers.get("retry-after-ms")
    if milliseconds is not None:
        try:
            return max(float(milliseconds) / 1000, 0.0)
        except ValueError:
            pass
    value = headers.get("Retry-After")
    if value is None:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            seconds = parsedate_to_datetime(value).timestamp() - time()
        except (TypeError, ValueError):
            return None
    return max(seconds, 0.0)
