"""`cluster_executor`: a Dask cluster as the `concurrent.futures.Executor` of `run_batch`.

`dask` and `distributed` are an optional extra (`pip install 'robuust-docs[dask]'`) and imported only here, only
when a scheduler address is given. The client connects to a running scheduler (`dask scheduler`, with workers
started by `dask worker tcp://…`); `distributed.Client.get_executor()` is the executor, so the batch, its
per-library outcomes and its progress are the same as over local processes. Workers get each library's `Job`
and write its files themselves: they must see the same data, templates and output paths as the machine that
starts the run (a shared disk, the same folder layout) and have the same version of robuust-docs installed.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from concurrent.futures import Executor
from contextlib import contextmanager

from robuust_docs.errors import Problem, RobuustError

CONNECT_TIMEOUT = "10s"  # how long to try to reach the scheduler


class ClusterError(RobuustError):
    """Dask is not installed, or the scheduler cannot be reached."""


@contextmanager
def cluster_executor(address: str, timeout: str = CONNECT_TIMEOUT) -> Iterator[Executor]:
    """An Executor on the Dask cluster whose scheduler listens at `address` (tcp://HOST:PORT), closed on exit.

    Raises a ClusterError in Dutch when Dask is not installed or the scheduler does not answer in `timeout`."""
    try:
        from distributed import Client
    except ImportError:
        raise ClusterError(
            "Voor --scheduler is Dask nodig, en dat is niet geïnstalleerd. Installeer het met: "
            "pip install 'robuust-docs[dask]'"
        ) from None
    try:
        # reach the port first: a Client that fails to connect leaves a traceback behind when it is collected
        _reach(address, timeout)
        client = Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError, TypeError) as exc:
        raise ClusterError(
            f"De Dask-scheduler op {address} is niet bereikbaar",
            (Problem("--scheduler", _reason(exc, timeout), value=address),),
        ) from None
    try:
        yield client.get_executor(pure=False)  # every job is distinct; no hashing of large arguments
    finally:
        client.close()


def _reach(address: str, timeout: str) -> None:
    """Open and close a TCP connection to the scheduler's port (ValueError for an address that is not one)."""
    from dask.utils import parse_timedelta
    from distributed.comm import get_address_host_port

    host, port = get_address_host_port(address)
    with socket.create_connection((host, port), timeout=parse_timedelta(timeout)):
        pass


def _reason(exc: Exception, timeout: str) -> str:
    """The cause in words, without a traceback."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if isinstance(exc, (ValueError, TypeError)):
        return f"geen geldig adres; verwacht tcp://HOST:POORT ({text})"
    if isinstance(exc, TimeoutError) or "timed out" in text.lower():
        return f"geen antwoord binnen {timeout}; draait de scheduler en klopt het adres? ({text})"
    return f"geen verbinding; draait de scheduler en klopt het adres? ({text})"
