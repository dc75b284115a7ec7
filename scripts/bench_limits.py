#!/usr/bin/env python3
"""Time and peak memory of each way in at its largest accepted input (README, « Limites »).

Each case builds its input in a temporary folder, runs the real command as a subprocess
under `/usr/bin/time -v` and prints wall time, peak RSS and the exit code:

- workbook: the shipped data exported, then `classeur_fiches_ecrites_max` new schemes
  (each valid, every column filled), imported for real; and a sheet filled up to
  `classeur_lignes_max` rows / `classeur_cellules_max` cells (the most openpyxl may
  build), refused once past `classeur_fiches_ecrites_max` rows;
- workbook: a shared-strings table just under `classeur_partie_octets_max`;
- data·inclusion: `scripts/bench_import.py`'s generator at --enregistrements records;
- synonyms: as many groups of `synonymes_groupe_max` expressions as
  `synonymes_expansion_max` allows, through `offre validate` and the search index;
- territory CSV: a file of `csv_octets_max` bytes.

This is a measurement script, not a test.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from openpyxl import load_workbook

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from generator.data.model import LimitesEntrees  # noqa: E402

LIMITS = LimitesEntrees()


def measured(command: list[str], cwd: Path) -> tuple[float, float, int, str]:
    """(seconds, peak MB, exit code, last lines of stderr)."""
    done = subprocess.run(
        ["/usr/bin/time", "-v", *command], cwd=cwd, capture_output=True, text=True
    )
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", done.stderr)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    seconds = 0.0
    if wall:
        hours = float(wall.group(1) or 0)
        seconds = hours * 3600 + float(wall.group(2)) * 60 + float(wall.group(3))
    peak = int(rss.group(1)) / 1024 if rss else 0.0
    tail = [line for line in done.stderr.splitlines() if not line.startswith("\t")][-2:]
    return seconds, peak, done.returncode, " | ".join(tail)[:300]


def report(label: str, result: tuple[float, float, int, str]) -> None:
    seconds, peak, code, tail = result
    print(f"{label:<62} {seconds:7.1f} s {peak:8.0f} Mo  sortie {code}  {tail}", flush=True)


def offre(*args: str) -> list[str]:
    return [sys.executable, "-m", "generator", *args]


def workbook_rows(work: Path) -> None:
    data = work / "donnees"
    shutil.copytree(REPO / "offer_data", data)
    book_path = work / "classeur.xlsx"
    subprocess.run(offre("classeur", "exporter", str(book_path), "--data", str(data)), check=True)
    book = load_workbook(book_path)
    sheet = book["Dispositifs"]
    headers = [c.value for c in sheet[1]]
    template = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0])
    start = sheet.max_row + 1
    while start > 2 and all(c.value is None for c in sheet[start - 1]):
        start -= 1
    count = LIMITS.classeur_fiches_ecrites_max
    for number in range(count):
        for column, value in enumerate(template, start=1):
            if headers[column - 1] == "id":
                value = f"dispositif-mesure-{number}"
            sheet.cell(start + number, column, value)
    book.save(book_path)
    report(
        f"classeur : {count} fiches nouvelles (limite {LIMITS.classeur_fiches_ecrites_max}), "
        "--dry-run",
        measured(
            offre("classeur", "importer", str(book_path), "--data", str(data), "--dry-run"), work
        ),
    )
    report(
        f"classeur : {count} fiches nouvelles, import réel",
        measured(offre("classeur", "importer", str(book_path), "--data", str(data)), work),
    )


def workbook_cells(work: Path) -> None:
    data = work / "donnees-cellules"
    shutil.copytree(REPO / "offer_data", data)
    book_path = work / "cellules.xlsx"
    subprocess.run(offre("classeur", "exporter", str(book_path), "--data", str(data)), check=True)
    book = load_workbook(book_path)
    sheet = book["Dispositifs"]
    columns = sheet.max_column
    rows = min(LIMITS.classeur_lignes_max - 2, LIMITS.classeur_cellules_max // columns - 2)
    for row in range(2, rows + 2):
        sheet.cell(row, 1, f"x-{row}")
        for column in range(2, columns + 1):
            sheet.cell(row, column, "valeur de cellule")
    book.save(book_path)
    report(
        f"classeur : {rows} lignes, {rows * columns} cellules remplies (refusé)",
        measured(
            offre("classeur", "importer", str(book_path), "--data", str(data), "--dry-run"), work
        ),
    )


def shared_strings(work: Path) -> None:
    """A shared-strings table just under `classeur_partie_octets_max`, barely compressible
    (random texts): the most openpyxl may build from one part."""
    import random
    import string
    import zipfile

    data = work / "donnees-textes"
    shutil.copytree(REPO / "offer_data", data)
    book_path = work / "textes.xlsx"
    subprocess.run(offre("classeur", "exporter", str(book_path), "--data", str(data)), check=True)
    entry = 28  # bytes of <si><t>twelve chars</t></si>
    count = (LIMITS.classeur_partie_octets_max - 200) // entry
    rng = random.Random(1)
    letters = string.ascii_letters.encode()
    head = (
        b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main" count="%d" uniqueCount="%d">' % (count, count)
    )
    table = head + b"".join(
        b"<si><t>" + bytes(rng.choices(letters, k=12)) + b"</t></si>" for _ in range(count)
    )
    table += b"</sst>"
    bomb = work / "textes-partages.xlsx"
    with zipfile.ZipFile(book_path) as source, zipfile.ZipFile(bomb, "w") as target:
        for info in source.infolist():
            body = source.read(info)
            if info.filename == "[Content_Types].xml":
                body = body.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
                )
            if info.filename == "xl/_rels/workbook.xml.rels":
                body = body.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdTextes" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                    b"</Relationships>",
                )
            target.writestr(info.filename, body, compress_type=zipfile.ZIP_DEFLATED)
        target.writestr("xl/sharedStrings.xml", table, compress_type=zipfile.ZIP_DEFLATED)
    report(
        f"classeur : table de textes partagés de {len(table) / 1e6:.0f} Mo ({count} textes)",
        measured(offre("classeur", "importer", str(bomb), "--data", str(data), "--dry-run"), work),
    )


def data_inclusion(work: Path, records: int) -> None:
    from bench_import import generate

    data = work / "donnees-di"
    shutil.copytree(REPO / "offer_data", data)
    (work / "di").mkdir()
    structures, services, _, _ = generate(work / "di", records, 5000, 1)
    size = (structures.stat().st_size + services.stat().st_size) / 1e6
    report(
        f"data·inclusion : {records} enregistrements ({size:.0f} Mo)",
        measured(
            offre(
                "import-data-inclusion",
                "--structures",
                str(structures),
                "--services",
                str(services),
                "--data",
                str(data),
                "--dry-run",
            ),
            work,
        ),
    )


def synonyms(work: Path) -> None:
    data = work / "donnees-synonymes"
    shutil.copytree(REPO / "offer_data", data)
    size = LIMITS.synonymes_groupe_max
    groups = LIMITS.synonymes_expansion_max // (size * (size - 1))
    letters = "abcdefghijklmnopqrstuvwxyz"
    equivalences = [
        {"termes": [f"mesure{letters[g]}{letters[i % 26]}{letters[i // 26]}x" for i in range(size)]}
        for g in range(groups)
    ]
    (data / "synonymes.yaml").write_text(
        json.dumps({"equivalences": equivalences}, ensure_ascii=False), encoding="utf-8"
    )
    report(
        f"synonymes : {groups} groupes de {size} ({groups * size * (size - 1)} liens), validate",
        measured(offre("validate", str(data)), work),
    )
    out = work / "site-synonymes"
    report(
        "synonymes : même fichier, construction du site",
        measured(offre("build", "--data", str(data), "--out", str(out)), REPO),
    )
    index = sum(p.stat().st_size for p in out.rglob("*.json") if "recherche" in str(p))
    base = work / "site-base"
    subprocess.run(offre("build", "--out", str(base)), cwd=REPO, capture_output=True, check=True)
    index_base = sum(p.stat().st_size for p in base.rglob("*.json") if "recherche" in str(p))
    print(f"  fichiers JSON de recherche : {index / 1e3:.0f} Ko (données livrées : ", end="")
    print(f"{index_base / 1e3:.0f} Ko)")


def territory_csv(work: Path) -> None:
    data = work / "donnees-territoires"
    shutil.copytree(REPO / "offer_data", data)
    csv = work / "efop.csv"
    line = "200000000;EPCI de mesure;EFOP99;Territoire de mesure\n"
    count = (LIMITS.csv_octets_max - 60) // len(line)
    csv.write_text("SIREN;Nom de l'EPCI;Code territoire;Territoire\n" + line * count, "utf-8")
    report(
        f"territoires : CSV de {csv.stat().st_size / 1e6:.1f} Mo ({count} lignes), --essai",
        measured(offre("import-territoires", str(csv), "--data", str(data), "--essai"), work),
    )


def hostile(work: Path) -> None:
    """The attacks that used to take minutes or gigabytes: each must now be refused at once."""
    import zipfile

    data = work / "donnees-hostile"
    shutil.copytree(REPO / "offer_data", data)
    book_path = work / "export.xlsx"
    subprocess.run(offre("classeur", "exporter", str(book_path), "--data", str(data)), check=True)
    bomb = work / "bombe.xlsx"
    with zipfile.ZipFile(book_path) as source, zipfile.ZipFile(bomb, "w") as target:
        for info in source.infolist():
            body = source.read(info)
            if info.filename != "xl/worksheets/sheet2.xml":
                target.writestr(info, body, compress_type=zipfile.ZIP_DEFLATED)
                continue
            head, tail = body.split(b"</sheetData>")
            entry = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            with target.open(entry, "w", force_zip64=True) as stream:
                stream.write(head)
                for _ in range(1000):  # 1 GB of blanks, streamed
                    stream.write(b" " * 1_000_000)
                stream.write(b"</sheetData>" + tail)
    report(
        "classeur : XML de feuille de 1 Go (bombe de décompression)",
        measured(offre("classeur", "importer", str(bomb), "--data", str(data)), work),
    )
    many = work / "lignes.xlsx"
    book = load_workbook(book_path)
    sheet = book["Dispositifs"]
    for row in range(2, 100_002):
        sheet.cell(row, 1, f"ligne-{row}")
    book.save(many)
    report(
        "classeur : 100 000 lignes nouvelles",
        measured(offre("classeur", "importer", str(many), "--data", str(data)), work),
    )
    deep = work / "profond.json"
    deep.write_text('[{"id": "x", "nom": ' + "[" * 1_000_000 + "]" * 1_000_000 + "}]")
    services = work / "services.json"
    services.write_text("[]")
    report(
        "data·inclusion : imbrication de 1 000 000 niveaux",
        measured(
            offre(
                *("import-data-inclusion", "--structures", str(deep)),
                *("--services", str(services), "--data", str(data)),
            ),
            work,
        ),
    )
    (data / "synonymes.yaml").write_text(
        json.dumps({"equivalences": [{"termes": [f"mot{i}x" for i in range(10_000)]}]}),
        encoding="utf-8",
    )
    report("synonymes : un groupe de 10 000 mots", measured(offre("validate", str(data)), work))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--enregistrements", type=int, default=400_000)
    parser.add_argument(
        "--cas",
        nargs="*",
        default=["lignes", "cellules", "textes", "di", "synonymes", "territoires", "hostile"],
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="offre-limites-") as folder:
        work = Path(folder)
        if "lignes" in args.cas:
            workbook_rows(work)
        if "cellules" in args.cas:
            workbook_cells(work)
        if "textes" in args.cas:
            shared_strings(work)
        if "di" in args.cas:
            data_inclusion(work, args.enregistrements)
        if "synonymes" in args.cas:
            synonyms(work)
        if "territoires" in args.cas:
            territory_csv(work)
        if "hostile" in args.cas:
            hostile(work)


if __name__ == "__main__":
    main()
