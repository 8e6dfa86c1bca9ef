"""The environment the tests run in is the locked one: `make` installs requirements.lock."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

LOCK = Path(__file__).parent.parent / "requirements.lock"


def locked() -> list[Requirement]:
    """The lock's requirements that apply to this interpreter and platform."""
    found = []
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        if line and not line[0].isspace() and not line.startswith("#"):
            req = Requirement(line.rstrip(" \\"))
            if req.marker is None or req.marker.evaluate():
                found.append(req)
    return found


def test_every_locked_package_is_installed_at_its_locked_version():
    requirements = locked()
    assert len(requirements) > 50
    for req in requirements:
        (pin,) = req.specifier
        assert pin.operator == "==", f"{req}: the lock pins exact versions"
        assert metadata.version(req.name) == pin.version, req.name


def test_the_lock_pins_every_direct_dependency():
    names = {req.name.lower().replace("_", "-").replace(".", "-") for req in locked()}
    for dependency in metadata.requires("incident-chronology") or []:
        name = Requirement(dependency).name.lower().replace("_", "-").replace(".", "-")
        assert name in names, f"{name} is a dependency in pyproject.toml but not in requirements.lock"
