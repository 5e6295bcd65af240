"""Renders the sample packs' Word and HTML forms as pictures, to look at (not a test).

    python tests/documents/look_packs.py /tmp/pack-look

Writes session/system .docx and .html, converts the .docx to PDF with LibreOffice and its
pages to PNG with pdftoppm, and screenshots the HTML with headless Chromium at a phone's width
(390 px) and a laptop's (1280 px). A tool that is not installed is skipped with a line saying so.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from app.documents.pack_docx import pack_docx
from app.documents.pack_html import pack_html
from tests.sample_pack import session_pack, system_pack


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    office = shutil.which("libreoffice") or shutil.which("soffice")
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    for name, pack in (("session", session_pack()), ("system", system_pack())):
        docx_file = out / f"{name}.docx"
        html_file = out / f"{name}.html"
        docx_file.write_bytes(pack_docx(pack))
        html_file.write_bytes(pack_html(pack))
        if office and shutil.which("pdftoppm"):
            subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", str(out),
                            str(docx_file)], check=True, capture_output=True, timeout=300)
            subprocess.run(["pdftoppm", "-png", "-r", "60", str(out / f"{name}.pdf"),
                            str(out / f"{name}-docx")], check=True, timeout=120)
        else:
            print("LibreOffice or pdftoppm is not installed: the Word pages are not drawn")
        for width in (390, 1280) if browser else ():
            subprocess.run([browser, "--headless=new", "--no-sandbox", "--disable-gpu",
                            "--hide-scrollbars", f"--window-size={width},6000",
                            f"--screenshot={out / f'{name}-html-{width}.png'}",
                            html_file.as_uri()], check=True, capture_output=True, timeout=120)
        if not browser:
            print("Chromium is not installed: the HTML is not drawn")
    print(f"Written to {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/pack-look"))
