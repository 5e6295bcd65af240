"""The PDF summary pack of a large session: 1,000 notes in 60 themes, in a real store.

Run: .venv/bin/python tests/bench/bench_pack.py [--rounds N]

- pack: the pack as an export makes it, content and PDF: `session_pack` reads the session
  from a throwaway store (1,000 notes by 30 invented people of mixed consent, clustered into
  60 themes; names asked for) and applies consent, then `pack_pdf` lays it out (cover,
  contents, bookmarks, tables, charts, the embedded Atkinson Hyperlegible subset), against
- plain: a plain reportlab document of the same text, built in the same run: every paragraph
  of the pack in a `SimpleDocTemplate` with reportlab's sample styles and default fonts (the
  ratio on the last line); also printed: the same plain document in the pack's embedded font,
  which costs more to lay out and embed than reportlab's built-in Helvetica.
Both timed in CPU seconds of this process, alternating, median of the rounds, after one round
of each to warm up (fonts registered, modules imported).
Last line: `pack: ratio <r> (pack <s> s, plain <s> s, <n> pages, <MB> MB)`.
Targets: pack under 3 s, ratio under 2, file under 2 MB.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from pypdf import PdfReader  # noqa: E402
from reportlab.lib.styles import getSampleStyleSheet  # noqa: E402
from reportlab.platypus import Paragraph, SimpleDocTemplate  # noqa: E402

from app.documents.pack_pdf import pack_pdf  # noqa: E402
from app.documents.pack_style import fonts  # noqa: E402
from app.models.pack import Pack, PackOptions  # noqa: E402
from app.services.exports.pack_content import session_pack  # noqa: E402
from app.services.planning import systems  # noqa: E402
from app.services.planning.sessions import create_session  # noqa: E402
from app.store.engine import open_store  # noqa: E402
from tests.services.exports.large_session import large_session  # noqa: E402


def pack_texts(pack: Pack) -> list[tuple[str, str]]:
    """Every text the pack prints, in reading order, as (sample style name, text)."""
    out = [("Title", pack.title), ("Normal", pack.system_name), ("Normal", pack.date),
           ("Normal", pack.facilitators), ("Heading1", "Purpose"), ("Normal", pack.purpose)]
    out += [("Normal", f"{i.time} {i.title} {i.minutes}") for i in pack.agenda]
    if pack.people:
        out += [("Normal", f"{g.label} {g.invited} {g.attended} {g.spoke}")
                for g in (*pack.people.by_sector, *pack.people.by_locality)]
    for area in pack.areas:
        out.append(("Heading2", area.name))
        for theme in area.themes:
            out += [("Heading3", theme.title), ("Normal", f"{theme.votes} votes"),
                    ("Normal", theme.synthesis)]
            out += [("Normal", f"{n.kind}: {n.text} ({n.speaker})") for n in theme.notes]
    for chart in pack.charts:
        out += [("Heading2", chart.title), ("Normal", chart.caption)]
        out += [("Normal", f"{b.label} {b.value}") for b in chart.bars]
    out += [("Normal", f"{a.what} {a.owner} {a.due} {a.status}") for a in pack.actions]
    out += [("Normal", f"{e.title} {e.citation} {e.link}") for e in pack.evidence]
    out += [("Normal", s) for s in (*pack.next_steps, *pack.left_out)]
    return [(style, value) for style, value in out if value]


def plain_pdf(texts: list[tuple[str, str]], font: str | None = None) -> bytes:
    """The texts in reportlab's sample styles; in its default fonts, or all in `font`."""
    styles = getSampleStyleSheet()
    if font is not None:
        for name in ("Title", "Heading1", "Heading2", "Heading3", "Normal"):
            styles[name].fontName = font
    buffer = BytesIO()
    SimpleDocTemplate(buffer).build([Paragraph(escape(t), styles[s]) for s, t in texts])
    return buffer.getvalue()


def _timed(make: Callable[[], bytes]) -> tuple[float, bytes]:
    """CPU seconds of this process: the machine may be busy with other work, which would
    otherwise swing both timings by more than the difference being measured."""
    t = time.process_time()
    data = make()
    return time.process_time() - t, data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    folder = tempfile.TemporaryDirectory(prefix="cairn-bench-pack-")
    store = open_store(Path(folder.name), author="Bench Facilitator")
    system, _ = systems.create_system(store, "Island learning system")
    session, _ = create_session(store, system.id, "Sensemaking workshop 1",
                                datetime(2026, 12, 8, 10, 0).astimezone(), minutes=90)
    large_session(store, system.id, session.id)
    options = PackOptions(names=True)

    def export() -> bytes:
        return pack_pdf(session_pack(store, session.id, options))

    pack = session_pack(store, session.id, options)
    notes = sum(t.note_count for a in pack.areas for t in a.themes)
    themes = sum(len(a.themes) for a in pack.areas)
    texts = pack_texts(pack)
    font = fonts()[0]
    export(), plain_pdf(texts), plain_pdf(texts, font)  # warm-up: fonts, modules
    packs, plains, same_font = [], [], []
    data = b""
    for _ in range(args.rounds):
        seconds, data = _timed(export)
        packs.append(seconds)
        plains.append(_timed(lambda: plain_pdf(texts))[0])
        same_font.append(_timed(lambda: plain_pdf(texts, font))[0])
    pack_s, plain_s = statistics.median(packs), statistics.median(plains)
    pages = len(PdfReader(BytesIO(data)).pages)
    mb = len(data) / 1_000_000
    print(f"large session: {notes} notes in {themes} themes, {len(texts)} paragraphs of text")
    print(f"pack (content + pdf): {pack_s:.3f} s (median of {args.rounds}; {', '.join(f'{s:.3f}' for s in packs)})")
    print(f"plain pdf: {plain_s:.3f} s (median of {args.rounds})")
    font_s = statistics.median(same_font)
    print(f"plain pdf in the pack's embedded font: {font_s:.3f} s (pack / that: "
          f"{pack_s / font_s:.2f})")
    print(f"file: {len(data):,} bytes, {pages} pages")
    print(f"pack: ratio {pack_s / plain_s:.2f} (pack {pack_s:.2f} s, plain {plain_s:.2f} s, "
          f"{pages} pages, {mb:.2f} MB)")


    store.close()
    folder.cleanup()


if __name__ == "__main__":
    main()
