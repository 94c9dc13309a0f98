"""Exchange between PCs without a network: the meeting pack file and the merge.

``pack`` reads and writes the zip; ``merge`` decides, record by record, what an
import would do (new / unchanged / changed remotely / conflict / refused) and
describes the differences; both are pure (no database).  What two PCs last
agreed on is kept by storage (``uow.exchange``).  The use cases are
``lmcdesk.services.exchange``; the format is in ``docs/meeting-pack.md``.
"""

from .pack import FORMAT, SUFFIX, VERSION, Manifest, Pack, PackFile, read_pack, read_pack_bytes, write_pack

__all__ = [
    "FORMAT",
    "SUFFIX",
    "VERSION",
    "Manifest",
    "Pack",
    "PackFile",
    "read_pack",
    "read_pack_bytes",
    "write_pack",
]
