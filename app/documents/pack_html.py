"""The summary pack as one self-contained HTML5 file: the accessible form that reads on a phone.

Semantic throughout (`header`, `nav` with links to every part, `main`, one `h1` and headings in
order, `figure`/`figcaption` for charts with their caption as alt text, tables with `caption`
and `th scope`), an embedded style sheet, the charts as PNG data: URIs, no scripts and nothing
fetched from anywhere. Every piece of text is escaped. The parts and their sentences come from
`pack_outline`, shared with the DOCX pack.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Sequence
from html import escape

from app.documents.chart_images import chart_png
from app.documents.pack_html_style import STYLE
from app.documents.pack_outline import (
    CONSENT_NOTE,
    action_status,
    cover_lines,
    empty_sentence,
    is_web_address,
    joined,
    note_label,
    parts,
    people_summary,
    plural,
    subject,
    theme_facts,
)
from app.models.pack import Pack, PackArea, PackChart, PackGroup, PackTheme

_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")


def pack_html(pack: Pack) -> bytes:
    """The pack as the UTF-8 bytes of one HTML file."""
    shown = parts(pack)
    areas = [area for area in pack.areas if area.themes]
    out: list[str] = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(pack.language or "en-GB")}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(pack.title)} \u2013 {_e(subject(pack))}</title>",
        f'<meta name="author" content="{_e(pack.author or pack.system_name)}">',
        f'<meta name="description" content="{_e(subject(pack))} of {_e(pack.system_name)}">',
        '<meta name="generator" content="Cairn">',
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        '<a class="skip" href="#main">Skip to the pack</a>',
        '<header class="cover">',
        *([f'<p class="system">{_e(pack.system_name)}</p>']
          if pack.system_name != pack.title else []),
        f"<h1>{_e(pack.title)}</h1>",
        *(f"<p>{_e(line)}</p>" for line in cover_lines(pack)),
        f"<p><em>{_e(subject(pack))}</em></p>",
        "</header>",
        '<nav aria-labelledby="contents">',
        '<h2 id="contents">Contents</h2>',
        "<ol>",
    ]
    for part in shown:
        out.append(f'<li><a href="#{part.key}">{_e(part.title)}</a>')
        if part.key == "themes" and areas:
            out.append("<ol>")
            out += [f'<li><a href="#area-{i}">{_e(area.name)}</a></li>'
                    for i, area in enumerate(areas, 1)]
            out.append("</ol>")
        out.append("</li>")
    out += ["</ol>", "</nav>", '<main id="main" tabindex="-1">']
    for part in shown:
        out.append(f'<section aria-labelledby="{part.key}">')
        out.append(f'<h2 id="{part.key}">{_e(part.title)}</h2>')
        out += _PARTS[part.key](pack)
        out.append("</section>")
    made = f"Made by {pack.author} with Cairn." if pack.author else "Made with Cairn."
    out += ["</main>", f'<footer class="made"><p>{_e(made)}</p></footer>', "</body>",
            "</html>", ""]
    return "\n".join(out).encode("utf-8")


def _e(text: str) -> str:
    return escape(text, quote=True)


def _p(text: str, css: str = "") -> str:
    return f'<p class="{css}">{_e(text)}</p>' if css else f"<p>{_e(text)}</p>"


def _purpose(pack: Pack) -> list[str]:
    if not pack.purpose and not pack.agenda:
        return [_p(empty_sentence("purpose", pack))]
    out = [_p(pack.purpose)] if pack.purpose else []
    if pack.agenda:
        out.append('<h3 id="agenda">Agenda</h3>')
        rows = [(item.time, item.title, plural(item.minutes, "minute"),
                 ", ".join(item.focus_areas) or "\u2014") for item in pack.agenda]
        out += _table("agenda-table", "The parts of the session, with their start times",
                      ("Time", "Part", "Length", "Focus areas"), rows)
    return out


def _people(pack: Pack) -> list[str]:
    out = [_p(people_summary(pack))]
    if pack.people is None:
        return out
    for key, title, groups in (("sector", "By sector", pack.people.by_sector),
                               ("locality", "By locality", pack.people.by_locality)):
        if groups:
            out.append(f'<h3 id="people-{key}">{title}</h3>')
            out += _table(f"people-{key}-table", f"Who took part, {title.lower()}",
                          (key.capitalize(), "Invited", "Took part", "Spoke"),
                          [_group_row(g) for g in groups], counts=(1, 2, 3),
                          stack=False)
    return out


def _group_row(group: PackGroup) -> tuple[str, ...]:
    return (group.label, f"{group.invited:,}", f"{group.attended:,}", f"{group.spoke:,}")


def _themes(pack: Pack) -> list[str]:
    areas = [area for area in pack.areas if area.themes]
    if not areas:
        return [_p(empty_sentence("themes", pack))]
    out: list[str] = []
    for number, area in enumerate(areas, 1):
        out += _area(area, number)
    return out


def _area(area: PackArea, number: int) -> list[str]:
    colour = area.colour if _COLOUR.fullmatch(area.colour or "") else ""
    edge = f' style="--area: {colour}"' if colour else ""
    out = [f'<section class="area" aria-labelledby="area-{number}"{edge}>',
           f'<h3 id="area-{number}">{_e(area.name)}</h3>',
           _p(f"{plural(len(area.themes), 'theme')} under this focus area.", "facts")]
    for theme in area.themes:
        out += _theme(theme)
    out.append("</section>")
    return out


def _theme(theme: PackTheme) -> list[str]:
    out = ['<article class="theme">', f"<h4>{_e(theme.title)}</h4>",
           _p(theme_facts(theme), "facts")]
    if theme.synthesis:
        out.append(_p(theme.synthesis))
    notes: list[str] = []
    for note in theme.notes:
        if note.quote:
            if notes:
                out += ['<ul class="notes">', *notes, "</ul>"]
                notes = []
            who = f"<footer>\u2014 {_e(note.speaker)}</footer>" if note.speaker else ""
            out.append(f"<blockquote><p>\u201c{_e(note.text)}\u201d</p>{who}</blockquote>")
            continue
        label = note_label(note)
        lead = f"<strong>{_e(label)}:</strong> " if label else ""
        notes.append(f"<li>{lead}{_e(note.text)}</li>")
    if notes:
        out += ['<ul class="notes">', *notes, "</ul>"]
    hidden = theme.note_count - len(theme.notes)
    if hidden > 0:
        out.append(_p(f"{plural(hidden, 'more note')} not shown.", "facts"))
    out.append("</article>")
    return out


def _charts(pack: Pack) -> list[str]:
    charts = [chart for chart in pack.charts if chart.bars]
    if not charts:
        return [_p(empty_sentence("charts", pack))]
    out: list[str] = []
    for number, chart in enumerate(charts, 1):
        out += _chart(chart, number)
    return out


def _chart(chart: PackChart, number: int) -> list[str]:
    """The chart as an image whose alt text is its caption, and its numbers as a table for
    anyone who would rather read them."""
    image = chart_png(chart)
    data = base64.b64encode(image.png).decode("ascii")
    rows = [(bar.label, f"{bar.value:,}") for bar in chart.bars]
    return [
        f'<h3 id="chart-{number}">{_e(chart.title)}</h3>',
        "<figure>",
        f'<img src="data:image/png;base64,{data}" width="{image.width}" '
        f'height="{image.height}" alt="{_e(chart.caption)}">',
        f"<figcaption>{_e(chart.caption)}</figcaption>",
        "</figure>",
        f"<details><summary>The numbers behind \u201c{_e(chart.title)}\u201d</summary>",
        *_table(f"chart-{number}-table", chart.title,
                (chart.title, (chart.unit or "value").capitalize()), rows, counts=(1,)),
        "</details>",
    ]


def _recurring(pack: Pack) -> list[str]:
    if not pack.recurring:
        return [_p(empty_sentence("recurring", pack))]
    out: list[str] = []
    for number, theme in enumerate(pack.recurring, 1):
        out.append(f'<h3 id="recurring-{number}">{_e(theme.title)}</h3>')
        rows = [(a.session, a.date, a.title, f"{a.notes:,}", f"{a.votes:,}")
                for a in theme.appearances]
        out += _table(f"recurring-{number}-table", f"Where \u201c{theme.title}\u201d came up",
                      ("Session", "Date", "Theme there", "Notes", "Votes"), rows,
                      counts=(3, 4))
    return out


def _coverage(pack: Pack) -> list[str]:
    coverage = pack.coverage
    if coverage is None or not coverage.rows:
        return [_p(empty_sentence("coverage", pack))]
    rows = []
    for name, cells in zip(coverage.rows, coverage.cells, strict=False):
        label = f"{name} (little evidence)" if name in coverage.thin else name
        rows.append((label, *(f"{c:,}" for c in cells)))
    return [_p("How many notes each session gave each focus area. Focus areas marked "
               "\u201clittle evidence\u201d need more attention."),
            *_table("coverage-table", "Notes per focus area and session",
                    ("Focus area", *coverage.columns), rows,
                    counts=range(1, len(coverage.columns) + 1))]


def _actions(pack: Pack) -> list[str]:
    if not pack.actions:
        return [_p(empty_sentence("actions", pack))]
    rows = [(a.what, a.owner or "\u2014", a.due or "No date", action_status(a),
             ", ".join(a.themes) or "\u2014") for a in pack.actions]
    return _table("actions-table", "Actions: what will be done, by whom and by when",
                  ("Action", "Who", "By when", "Status", "Themes"), rows)


def _evidence(pack: Pack) -> list[str]:
    if not pack.evidence:
        return [_p(empty_sentence("evidence", pack))]
    out = ['<ul class="evidence">']
    for item in pack.evidence:
        title = _e(item.title)
        if item.link and is_web_address(item.link):
            title = f'<a href="{_e(item.link.strip())}">{title}</a>'
        kind = f" ({_e(item.kind)})" if item.kind else ""
        rest = joined([item.citation, "" if is_web_address(item.link) else item.link,
                       "Themes: " + ", ".join(item.themes) if item.themes else ""])
        out.append(f"<li><strong>{title}</strong>{kind}" + (f". {_e(rest)}" if rest else "")
                   + "</li>")
    out.append("</ul>")
    return out


def _next_steps(pack: Pack) -> list[str]:
    if not pack.next_steps:
        return [_p(empty_sentence("next_steps", pack))]
    return ["<ol>", *(f"<li>{_e(step)}</li>" for step in pack.next_steps), "</ol>"]


def _about(pack: Pack) -> list[str]:
    out = [_p(CONSENT_NOTE, "about")]
    if pack.left_out:
        out += ["<ul>", *(f"<li>{_e(sentence)}</li>" for sentence in pack.left_out), "</ul>"]
    return out


def _table(key: str, caption: str, header: Sequence[str], rows: Sequence[Sequence[str]], *,
           counts: Sequence[int] = (), stack: bool | None = None) -> list[str]:
    """A captioned table in a scrolling region a keyboard can reach: column headers, and
    each row's first cell as its row header; `counts`: the columns of numbers, aligned right.
    `stack` (by default for four columns or more): on a phone each row becomes a block, each
    cell led by its column's name; the explicit roles keep it a table for screen readers."""
    stack = len(header) >= 4 if stack is None else stack

    def number(column: int) -> str:
        return ' class="number"' if column in counts else ""

    heads = [f'<th scope="col" role="columnheader"{number(i)}>{_e(h)}</th>'
             for i, h in enumerate(header)]
    body = []
    for row in rows:
        cells = [f'<th scope="row" role="rowheader">{_e(row[0])}</th>']
        cells += [f'<td role="cell"{number(i)} data-label="{_e(label)}">{_e(text)}</td>'
                  for i, (label, text) in enumerate(zip(header[1:], row[1:], strict=False), 1)]
        body.append('<tr role="row">' + "".join(cells) + "</tr>")
    css = ' class="stack"' if stack else ""
    return [f'<div class="table-wrap" role="region" tabindex="0" aria-labelledby="{key}">',
            f'<table role="table"{css}><caption id="{key}">{_e(caption)}</caption>',
            '<thead role="rowgroup"><tr role="row">' + "".join(heads) + "</tr></thead>",
            '<tbody role="rowgroup">', *body, "</tbody></table></div>"]


_PARTS = {
    "purpose": _purpose, "people": _people, "themes": _themes, "charts": _charts,
    "recurring": _recurring, "coverage": _coverage, "actions": _actions,
    "evidence": _evidence, "next_steps": _next_steps, "about": _about,
}
