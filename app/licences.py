"""The licences of the third-party software Cairn ships with, for the About box; no Qt here.

A release build writes ``resources/THIRD_PARTY_LICENSES.txt`` (``installers/gen_licences.py``),
which also covers what only the bundle contains (Python itself, the PyInstaller bootloader, the
full LGPL text for Qt). Run from source, the same listing is built from the installed
distributions' metadata instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import metadata

from app import __version__, config

LICENCES_FILENAME = "THIRD_PARTY_LICENSES.txt"
ROOT_DISTRIBUTION = "cairn"
RULE = "-" * 78

_LICENCE_FILE_RE = re.compile(r"(?i)(^|[-_.])(licen[cs]e|copying|notice|authors)([-_.]|$)")
_NOT_TEXT = (".py", ".pyc", ".pyi", ".so", ".pyd", ".dll", ".dylib", ".ttf", ".afm", ".pfb")


@dataclass(frozen=True)
class Component:
    """One piece of third-party software: what it is, its licence, and the licence texts."""

    name: str
    version: str
    licence: str
    home_page: str = ""
    texts: tuple[tuple[str, str], ...] = ()
    notes: str = ""


def third_party_licences() -> str:
    """The shipped licences file if there is one, else the listing built from metadata."""
    shipped = config.resources_dir() / LICENCES_FILENAME
    try:
        return shipped.read_text(encoding="utf-8")
    except OSError:
        return render(components_from_metadata())


def components_from_metadata(root: str = ROOT_DISTRIBUTION) -> list[Component]:
    """A Component for each installed distribution `root` needs at run time."""
    return [describe(dist) for dist in runtime_distributions(root)]


def runtime_distributions(root: str = ROOT_DISTRIBUTION) -> list[metadata.Distribution]:
    """The installed distributions `root` depends on, recursively, without extras; by name."""
    found: dict[str, metadata.Distribution] = {}
    pending = [root]
    seen = {_normalise(root)}
    while pending:
        try:
            requirements = metadata.requires(pending.pop()) or []
        except metadata.PackageNotFoundError:
            continue
        for requirement in requirements:
            name = _runtime_requirement_name(requirement)
            if name is None or _normalise(name) in seen:
                continue
            seen.add(_normalise(name))
            try:
                found[_normalise(name)] = metadata.distribution(name)
            except metadata.PackageNotFoundError:
                continue  # an optional or platform-only dependency that is not installed
            pending.append(name)
    return sorted(found.values(), key=lambda d: _normalise(d.metadata["Name"]))


def describe(dist: metadata.Distribution) -> Component:
    """Name, version, licence expression and licence texts of one distribution."""
    meta = dist.metadata
    licence, long_text = _licence_summary(meta)
    texts = _licence_texts(dist)
    if long_text and not texts:
        texts = [("License", long_text)]
    return Component(
        name=meta["Name"],
        version=dist.version,
        licence=licence,
        home_page=_home_page(meta),
        texts=tuple(texts),
    )


def render(components: Iterable[Component], *, preamble: str = "") -> str:
    """The plain-text licences document: a summary table, then each component in full."""
    items = list(components)
    title = f"Third-party software in Cairn {__version__}"
    out = [title, "=" * len(title), ""]
    out.append(preamble.strip() or (
        "Cairn itself is free software under the MIT licence (see LICENSE). It is built on the "
        "following software, each under its own licence, reproduced below."
    ))
    out += ["", "Summary", "-------"]
    width = max((len(f"{c.name} {c.version}") for c in items), default=0)
    out += [f"{c.name + ' ' + c.version:<{width}}  {c.licence}" for c in items]
    for c in items:
        out += ["", RULE, f"{c.name} {c.version}", f"Licence: {c.licence}"]
        if c.home_page:
            out.append(f"Home page: {c.home_page}")
        if c.notes:
            out += ["", c.notes.strip()]
        for filename, text in c.texts:
            out += ["", f"--- {filename} ---", "", text.strip()]
        if not c.texts and not c.notes:
            out += ["", "(This distribution ships no licence file; its licence is named above.)"]
    return "\n".join(out) + "\n"


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _runtime_requirement_name(requirement: str) -> str | None:
    """The distribution a requirement names, or None when it is an extra or not for here."""
    try:
        from packaging.requirements import Requirement
    except ImportError:  # packaging is not a runtime dependency: skip extras, keep the rest
        if ";" in requirement and "extra" in requirement.split(";", 1)[1]:
            return None
        match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
        return match.group(1) if match else None
    req = Requirement(requirement)
    if req.marker is not None and not req.marker.evaluate({"extra": ""}):
        return None
    return req.name


def _licence_summary(meta: metadata.PackageMetadata) -> tuple[str, str]:
    """(short licence name, full text if the License field holds one)."""
    expression = (meta.get("License-Expression") or "").strip()
    field_value = (meta.get("License") or "").strip()
    classifiers = [c.split("::")[-1].strip() for c in meta.get_all("Classifier") or []
                   if c.startswith("License ::")]
    long_text = field_value if "\n" in field_value or len(field_value) > 120 else ""
    short = expression or (field_value if not long_text else "") or ", ".join(classifiers)
    return short or "see the licence text below", long_text


def _licence_texts(dist: metadata.Distribution) -> list[tuple[str, str]]:
    texts: list[tuple[str, str]] = []
    seen_bodies: set[str] = set()

    def add(label: str, body: str | None) -> None:
        if body and body.strip() and body.strip() not in seen_bodies:
            seen_bodies.add(body.strip())
            texts.append((label, body))

    files = {str(f).replace("\\", "/"): f for f in dist.files or []}
    for name in dist.metadata.get_all("License-File") or []:
        found = [files[p] for p in files
                 if p.endswith(f".dist-info/licenses/{name}") or p.endswith(f".dist-info/{name}")]
        add(name, next((t for t in map(_read, found) if t), None))
    for path in _candidate_files(dist.files or []):
        add(path.name, _read(path))
    return texts


def _read(path: metadata.PackagePath) -> str | None:
    """A licence file's text: UTF-8 as most are, else Latin-1 (some older notices are)."""
    try:
        data = path.read_binary()
    except OSError:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _candidate_files(files: Sequence[metadata.PackagePath]) -> list[metadata.PackagePath]:
    return [p for p in files
            if _LICENCE_FILE_RE.search(p.name) and not p.name.lower().endswith(_NOT_TEXT)
            and "__pycache__" not in p.parts]


def _home_page(meta: metadata.PackageMetadata) -> str:
    if meta.get("Home-page"):
        return str(meta["Home-page"])
    urls = meta.get_all("Project-URL") or []
    preferred = ("homepage", "home", "source", "repository", "documentation")
    pairs = [(label.strip().lower(), url.strip()) for label, _, url in
             (u.partition(",") for u in urls)]
    for want in preferred:
        for label, url in pairs:
            if label == want:
                return url
    return pairs[0][1] if pairs else ""
