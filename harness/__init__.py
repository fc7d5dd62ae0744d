"""Plume: choose and tune the language models that draft replies to Services Publics+ users."""

import os

# litellm (imported by DSPy) otherwise downloads a price map at import and waits through retries.
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

__version__ = "0.1.0"

__all__ = ["__version__"]
