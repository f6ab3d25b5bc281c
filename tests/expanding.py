"""Small XLSX files that expand in memory (issue 25), generated in a test's folder, never
committed: each is a valid package of a few hundred KB whose parts stream out to hundreds of
MB. The parts are written through zipfile in blocks, so making one costs seconds and little
memory."""
from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEADER_CELLS = ("regio", "indicator", "periode", "waarde", "partner", "sector", "opmerking")
GOOD_CELLS = ("AM10", "stages", "2006-03", "5", "roc", "zorg", "")


def content_types(strings: bool) -> str:
    override = ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' if strings else "")
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' + override + '</Types>')


def workbook_rels(strings: bool) -> str:
    extra = (f'<Relationship Id="rId3" Type="{DOC_RELS}/sharedStrings" Target="sharedStrings.xml"/>'
             if strings else "")
    return (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS}">'
            f'<Relationship Id="rId1" Type="{DOC_RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{DOC_RELS}/styles" Target="styles.xml"/>{extra}'
            '</Relationships>')


PACKAGE_RELS = (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS}">'
                f'<Relationship Id="rId1" Type="{DOC_RELS}/officeDocument" Target="xl/workbook.xml"/>'
                '</Relationships>')
WORKBOOK = (f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{DOC_RELS}">'
            '<sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>')
STYLES_HEAD = (f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{MAIN}">'
               '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
               '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
               '<borders count="1"><border/></borders>'
               '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>')
STYLES_TAIL = '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'


def inline_row(number: int, cells: Iterable[str]) -> str:
    return f'<row r="{number}">' + "".join(
        f'<c r="{chr(65 + i)}{number}" t="inlineStr"><is><t>{text}</t></is></c>'
        for i, text in enumerate(cells)) + "</row>"


def sheet(rows: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">'
            f'<sheetData>{rows}</sheetData></worksheet>')


def styles(cell_formats: int) -> Iterator[str]:
    """A stylesheet declaring `cell_formats` cell formats, in blocks."""
    yield STYLES_HEAD + f'<cellXfs count="{cell_formats}">'
    xf = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    for start in range(0, cell_formats, 10_000):
        yield xf * min(10_000, cell_formats - start)
    yield "</cellXfs>" + STYLES_TAIL


def write(path: Path, parts: dict[str, str | Iterable[str]]) -> Path:
    """An XLSX package of `parts`, each text or blocks of text, deflated as Excel does."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, text in parts.items():
            with zf.open(name, "w") as out:
                for block in [text] if isinstance(text, str) else text:
                    out.write(block.encode("utf-8"))
    return path


def base(sheet_xml: str | Iterable[str], strings: bool = False,
         styles_xml: str | Iterable[str] | None = None) -> dict[str, str | Iterable[str]]:
    return {"[Content_Types].xml": content_types(strings), "_rels/.rels": PACKAGE_RELS,
            "xl/workbook.xml": WORKBOOK, "xl/_rels/workbook.xml.rels": workbook_rels(strings),
            "xl/styles.xml": styles_xml if styles_xml is not None else styles(1),
            "xl/worksheets/sheet1.xml": sheet_xml}


def good(path: Path, blank_rows: int = 0) -> Path:
    """An honest workbook of the template's header and one valid row, then `blank_rows` empty
    rows (as a sheet formatted further down than it was filled has them)."""
    blanks = "".join(f'<row r="{number}"/>' for number in range(3, 3 + blank_rows))
    return write(path, base(sheet(inline_row(1, HEADER_CELLS) + inline_row(2, GOOD_CELLS) + blanks)))


def many_cell_formats(path: Path, count: int = 5_000_000) -> Path:
    """Issue 25's first file: xl/styles.xml declares five million cell formats."""
    rows = sheet(inline_row(1, HEADER_CELLS) + inline_row(2, GOOD_CELLS))
    return write(path, base(rows, styles_xml=styles(count)))


def many_shared_strings(path: Path, count: int = 20_000_000) -> Path:
    """Issue 25's second file: twenty million shared strings."""
    def strings() -> Iterator[str]:
        yield f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" count="{count}" uniqueCount="{count}">'
        texts = HEADER_CELLS + GOOD_CELLS
        yield "".join(f"<si><t>{t or ' '}</t></si>" for t in texts)
        for start in range(len(texts), count, 10_000):
            yield "<si><t>x</t></si>" * min(10_000, count - start)
        yield "</sst>"
    def shared_row(number: int, first: int) -> str:
        return f'<row r="{number}">' + "".join(f'<c r="{chr(65 + i)}{number}" t="s"><v>{first + i}</v></c>'
                                               for i in range(7)) + "</row>"
    parts = base(sheet(shared_row(1, 0) + shared_row(2, 7)), strings=True)
    parts["xl/sharedStrings.xml"] = strings()
    return write(path, parts)


def huge_cell(path: Path, mib: int = 400) -> Path:
    """Issue 25's third file: one inline text cell of 400 MiB."""
    def rows() -> Iterator[str]:
        yield sheet(inline_row(1, HEADER_CELLS) + "<row r=\"2\">").removesuffix("</sheetData></worksheet>")
        yield '<c r="A2" t="inlineStr"><is><t>'
        block = "A" * (1 << 20)
        for _ in range(mib):
            yield block
        yield "</t></is></c></row></sheetData></worksheet>"
    return write(path, base(rows()))


def wide_row(path: Path, cells: int) -> Path:
    """A row of `cells` empty cells after the header: 4 bytes each, a tree of objects once parsed.
    No limit names it (a row's empty cells past the column limit are allowed): the case the
    memory ceiling is for."""
    def rows() -> Iterator[str]:
        yield sheet(inline_row(1, HEADER_CELLS) + '<row r="2">').removesuffix("</sheetData></worksheet>")
        for start in range(0, cells, 100_000):
            yield "<c/>" * min(100_000, cells - start)
        yield "</row></sheetData></worksheet>"
    return write(path, base(rows()))


def many_rows(path: Path, rows: int) -> Path:
    """An honest-looking workbook of `rows` data rows, each with texts of its own: within every
    limit, and what reading it costs grows with its rows (the memory ceiling's case)."""
    def sheet_rows() -> Iterator[str]:
        yield sheet(inline_row(1, HEADER_CELLS)).removesuffix("</sheetData></worksheet>")
        for start in range(2, rows + 2, 10_000):
            yield "".join(inline_row(i, ("AM10", "stages", "2006-03", str(i), "roc", "zorg", f"regel {i}"))
                          for i in range(start, min(start + 10_000, rows + 2)))
        yield "</sheetData></worksheet>"
    return write(path, base(sheet_rows()))
