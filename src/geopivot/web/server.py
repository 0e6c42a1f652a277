"""Run the API and dashboard with uvicorn (what `geopivot serve` calls)."""

from __future__ import annotations

import os
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
          settings: Settings | None = None, log_level: str = "info", workers: int = 1,
          access_log: bool = False) -> None:
    """Serve ``db_path`` until interrupted. Binds to loopback unless ``host`` says otherwise.

    With ``workers`` > 1, that many server processes share the port; each reads the settings from
    the environment (``GEOPIVOT_*``, with the database and token given here), and each keeps its own
    answers, which the store's generation keeps current across them."""
    import uvicorn

    from .app import create_app

    if not Path(db_path).exists():
        raise ConfigurationError(f"no database at {db_path}. Create one with `geopivot ingest PATH --db {db_path}` "
                                 "(or `make demo`), then serve it")
    if workers < 1:
        raise ConfigurationError(f"--workers {workers}: give at least 1 (one per core is a good start)")
    options = {"host": host, "port": port, "log_level": log_level, "server_header": False, "proxy_headers": False,
               "access_log": access_log}
    if workers == 1:
        uvicorn.run(create_app(db_path, token=token, settings=settings), **options)
        return
    os.environ["GEOPIVOT_DB_PATH"] = str(db_path)
    if token:
        os.environ["GEOPIVOT_API_TOKEN"] = token
    uvicorn.run(f"{__name__}:app_from_environment", factory=True, workers=workers, **options)


def app_from_environment():
    """The app of one worker process: the store and token named by ``GEOPIVOT_DB_PATH`` and
    ``GEOPIVOT_API_TOKEN`` (set by `serve`)."""
    from .app import create_app

    settings = Settings.from_env()
    return create_app(settings.db_path, settings=settings)
