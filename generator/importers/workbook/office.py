"""LibreOffice in headless mode, to read .ods workbooks (and to test Calc's round trip).

An .ods file is converted to .xlsx by `soffice --convert-to`, then read like any other
workbook: one reader, the same cells, no second spreadsheet library.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ...data.errors import UserError

TIMEOUT_SECONDS = 180


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def require(source: Path) -> str:
    """The LibreOffice program, or a French error saying what to install."""
    program = soffice()
    if program is None:
        raise UserError(
            f"{source.name} : LibreOffice est nécessaire pour lire ce format "
            "(sudo apt-get install libreoffice-calc), ou enregistrez le classeur en .xlsx."
        )
    return program


def convert(source: Path, extension: str, out_dir: Path) -> Path:
    """Convert `source` to `extension` (xlsx, ods) in `out_dir`; returns the new file."""
    program = require(source)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="offre-soffice-") as profile:
        # A private profile: a LibreOffice already open on the desktop, or another
        # conversion running at the same time, would otherwise make this one a no-op.
        command = [
            program,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            extension,
            "--outdir",
            str(out_dir),
            str(source),
        ]
        try:
            result = subprocess.run(
                command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False
            )
        except subprocess.TimeoutExpired:
            raise UserError(
                f"{source.name} : LibreOffice n'a pas converti le fichier en "
                f"{TIMEOUT_SECONDS} secondes."
            ) from None
    converted = out_dir / f"{source.stem}.{extension}"
    if result.returncode != 0 or not converted.is_file():
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise UserError(
            f"{source.name} : LibreOffice n'a pas pu convertir le fichier"
            + (f" ({detail[-1]})." if detail else ".")
        )
    return converted
