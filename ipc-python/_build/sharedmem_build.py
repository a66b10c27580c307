"""A PEP 517 (and PEP 660) build backend for the sharedmem package, in the standard library only.

Why not setuptools: ``pip install ./ipc-python`` builds in an isolated environment and would download the backend
named in ``build-system.requires`` from the package index. This backend needs nothing (``requires = []``), so the
install works offline with any pip that knows PEP 517 in-tree backends (pip 20 and later). It builds a pure-Python
wheel (``py3-none-any``) of the ``sharedmem`` directory and an sdist of the project.
"""

import base64
import hashlib
import io
import os
import re
import tarfile
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGE = "sharedmem"


def _project():
    with open(os.path.join(ROOT, "pyproject.toml"), encoding="utf-8") as f:
        text = f.read()
    section = text.split("[project]", 1)[1].split("\n[", 1)[0]

    def field(key):
        m = re.search(r'^%s\s*=\s*"([^"]*)"' % re.escape(key), section, re.M)
        return m.group(1) if m else None
    return {"name": field("name"), "version": field("version"), "description": field("description"),
            "requires-python": field("requires-python")}


def _metadata():
    p = _project()
    lines = ["Metadata-Version: 2.1", "Name: " + p["name"], "Version: " + p["version"],
             "Summary: " + (p["description"] or ""), "License: Apache-2.0",
             "Requires-Python: " + (p["requires-python"] or ">=3.9"),
             "Classifier: Operating System :: POSIX :: Linux", "Classifier: Programming Language :: Python :: 3"]
    readme = os.path.join(ROOT, "README.md")
    body = ""
    if os.path.exists(readme):
        lines.append("Description-Content-Type: text/markdown")
        with open(readme, encoding="utf-8") as f:
            body = "\n" + f.read()
    return "\n".join(lines) + "\n" + body


def _dist_info():
    p = _project()
    return "%s-%s.dist-info" % (p["name"], p["version"])


def _wheel_name():
    p = _project()
    return "%s-%s-py3-none-any.whl" % (p["name"], p["version"])


def _package_files():
    base = os.path.join(ROOT, PACKAGE)
    for directory, dirs, files in os.walk(base):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py") or name == "py.typed":
                full = os.path.join(directory, name)
                yield full, os.path.relpath(full, ROOT).replace(os.sep, "/")


def _write_wheel(wheel_directory, entries):
    """Writes a wheel of (archive name, bytes) entries plus its dist-info; returns its file name."""
    dist_info = _dist_info()
    wheel = "Wheel-Version: 1.0\nGenerator: sharedmem_build\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    entries = list(entries) + [(dist_info + "/METADATA", _metadata().encode("utf-8")),
                               (dist_info + "/WHEEL", wheel.encode("ascii")),
                               (dist_info + "/top_level.txt", (PACKAGE + "\n").encode("ascii"))]
    record = []
    path = os.path.join(wheel_directory, _wheel_name())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for arcname, data in entries:
            z.writestr(zipfile.ZipInfo(arcname, (2020, 1, 1, 0, 0, 0)), data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")
            record.append("%s,sha256=%s,%d" % (arcname, digest, len(data)))
        record.append(dist_info + "/RECORD,,")
        z.writestr(zipfile.ZipInfo(dist_info + "/RECORD", (2020, 1, 1, 0, 0, 0)), "\n".join(record) + "\n")
    return _wheel_name()


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def get_requires_for_build_editable(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    target = os.path.join(metadata_directory, _dist_info())
    os.makedirs(target, exist_ok=True)
    with open(os.path.join(target, "METADATA"), "w", encoding="utf-8") as f:
        f.write(_metadata())
    return _dist_info()


prepare_metadata_for_build_editable = prepare_metadata_for_build_wheel


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    entries = []
    for full, arcname in _package_files():
        with open(full, "rb") as f:
            entries.append((arcname, f.read()))
    return _write_wheel(wheel_directory, entries)


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    """An editable install: a .pth file that puts this directory on sys.path."""
    return _write_wheel(wheel_directory, [("_sharedmem_editable.pth", (ROOT + "\n").encode("utf-8"))])


def build_sdist(sdist_directory, config_settings=None):
    p = _project()
    base = "%s-%s" % (p["name"], p["version"])
    path = os.path.join(sdist_directory, base + ".tar.gz")
    with tarfile.open(path, "w:gz", format=tarfile.PAX_FORMAT) as tar:
        for rel in ["pyproject.toml", "README.md", "_build/sharedmem_build.py"]:
            tar.add(os.path.join(ROOT, rel), arcname=base + "/" + rel)
        for full, arcname in _package_files():
            tar.add(full, arcname=base + "/" + arcname)
        info = tarfile.TarInfo(base + "/PKG-INFO")
        data = _metadata().encode("utf-8")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    return base + ".tar.gz"
