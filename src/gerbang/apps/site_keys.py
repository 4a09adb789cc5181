"""A second site's own signing keys beside the first's: both trusted, the shared secrets copied over."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from gerbang.apps.central import REFERENCE_KEYS, STAYS_KEYS, VISA_KEYS
from gerbang.border.center.stays import SECRET_FILE as STAYS_SECRET
from gerbang.infra.keyfile import write_private
from gerbang.infra.signing import KEY_SET_FILE, add_site_key, read_key_set
from gerbang.kernel.errors import NotFound
from gerbang.kernel.signed import KeySet
from gerbang.passports.center.payments.callbacks import SECRET_FILE as PAYMENT_SECRET

# Secrets both sites must hold the same: the stays lookup key (edges look stays up by its HMAC), the
# bank's callback secret and the audit key (one chain for the whole center). Copied, never re-made.
SHARED_SECRETS = (Path(STAYS_KEYS.name) / STAYS_SECRET, Path(PAYMENT_SECRET.name), Path("audit.key"))
SIGNING = (REFERENCE_KEYS.name, VISA_KEYS.name)


def add_site_keys(shared: Path, out: Path, *, at: datetime) -> dict[str, KeySet]:
    """Make `out` a key directory for another site: its own reference and visa keys, the shared secrets.

    The public key sets in `shared` then list both sites' keys; edges given the new reference set
    accept what either site signs, and edges still on the old set keep accepting the first site.
    """
    for name in SIGNING:
        if not (shared / name / KEY_SET_FILE).is_file():
            raise NotFound("signing.no_key_set", field="keys", path=shared / name / KEY_SET_FILE)
    sets = {name: add_site_key(shared / name, out / name, at=at) for name in SIGNING}
    for secret in SHARED_SECRETS:
        if (shared / secret).is_file():
            write_private(out / secret, (shared / secret).read_bytes())
    return sets


def trusted_reference_keys(keys: Path) -> KeySet:
    """The reference key set edges should be given after a site key was added."""
    return read_key_set(keys / REFERENCE_KEYS.name / KEY_SET_FILE)
