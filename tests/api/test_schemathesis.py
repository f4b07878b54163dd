"""schemathesis against the OpenAPI description: generated requests to every operation, and not
one answered with a server error. A short budget here (STORYLINE_SCHEMATHESIS_EXAMPLES, default
15 per operation); the longer run is `STORYLINE_SCHEMATHESIS_EXAMPLES=300 pytest tests/api/test_schemathesis.py`."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from storyline.api.app import create_app

from .conftest import stored

_EXAMPLES = int(os.environ.get("STORYLINE_SCHEMATHESIS_EXAMPLES", "15"))


def _app_over_a_store() -> object:
    """The API over a store of the test stories, in a folder of its own (schemathesis needs the
    application when the module is loaded, before pytest's fixtures exist)."""
    folder = tempfile.mkdtemp(prefix="storyline-schemathesis-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)  # (no fixture to clean it up)
    return create_app(stored(Path(folder)))


schema = schemathesis.openapi.from_asgi("/openapi.json", _app_over_a_store())


@schema.parametrize()
@settings(max_examples=_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_generated_request_gets_a_server_error(case: schemathesis.Case) -> None:
    response = case.call()
    case.validate_response(response, checks=(not_a_server_error,))
    if response.status_code >= 400:  # every error in the one shape
        body = response.json()
        assert set(body) == {"error"} and body["error"]["status"] == response.status_code
