"""Run the API and dashboard with uvicorn (what `geopivot serve` calls)."""

from __future__ import annotations

from pathlib import Path

from ..errors import ConfigurationError
from ..settings import Settings

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def read_token(path: str | Path) -> str:
    try:
        token = Path(path).read_text(encoding="utf-8").strip()
    except OSError as err:
        raise ConfigurationError(f"cannot read the token file {path} ({err.strerror}); "
                                 "write the token alone on one line in a file only you can read") from None
    if len(token) < 16:
        raise ConfigurationError(f"the token in {path} is shorter than 16 characters; use a long random one, "
                                 "e.g. `python -c 'import secrets; print(secrets.token_urlsafe(32))' > FILE`")
    return token


def serve(db_path: str | Path, *, host: str = "127.0.0.1", port: int = 8000, token: str | None = None,
          settings: Settings | None = None, log_level: str = "info") -> None:
    """Serve ``db_path`` until interrupted. Binds to loopback unless ``host`` says otherwise."""
    import uvicorn

    from .app import create_app

    if not Path(db_path).exists():
        raise ConfigurationError(f"no database at {db_path}. Create one with `geopivot ingest PATH --db {db_path}` "
                                 "(or `make demo`), then serve it")
    app = create_app(db_path, token=token, settings=settings)
    uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False, proxy_headers=False)
