"""The content of a summary pack, read from the store with every consent applied: what the
PDF, DOCX and HTML renderers lay out, and what the pre-flight list of names is drawn from.

A session pack: cover, purpose and agenda, who took part (counts by sector and locality),
themes by focus area with their notes and quotes, charts, the session's actions and the
evidence linked to its themes, next steps. A learning-system pack: every session's themes,
recurring themes over time, coverage of focus areas by session, every action and piece of
evidence. Sections not asked for are left empty. Each part is read once, with a few
set-based queries, so a session of 1,000 notes builds in a small fraction of a second.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from app.models import schedule
from app.models.pack import (
    NameUse,
    Pack,
    PackAgendaItem,
    PackAppearance,
    PackCoverage,
    PackOptions,
    PackRecurring,
    PackSection,
)
from app.services.exports import pack_read
from app.services.exports import pack_text as words
from app.services.exports.pack_parts import PackWriter
from app.services.exports.pack_read import SessionRead
from app.services.sensemaking.coverage import coverage
from app.services.sensemaking.recurring_query import list_recurring
from app.store.engine import Store

FACILITATOR_WHY = "facilitator of the session, as typed on it (staff, not a participant)"
AUTHOR_WHY = "made the pack (the name set in Cairn's preferences)"


def session_pack(store: Store, session_id: str, options: PackOptions, *,
                 today: date | None = None) -> Pack:
    """The pack of one session, consent applied (`today` decides which actions are overdue)."""
    read = pack_read.read_session(store, session_id)
    x = read.sessions[0]
    writer = PackWriter(read, options, many=False, today=today)
    rules = writer.rules_of(x.session.id)
    cover = _cover_uses(x.session.facilitators, store.author)
    title = rules.clean(x.session.title, "Cover: title")
    pack: dict[str, object] = {}
    if writer.wants(PackSection.PURPOSE):
        pack["purpose"] = rules.clean(x.session.purpose.strip(), "Purpose")
        pack["agenda"] = _agenda(writer, x)
    _body(writer, pack)
    theme_ids = {t.id for t in x.themes}
    actions = [a for a in read.actions
               if a.session_id == x.session.id or theme_ids.intersection(a.theme_ids)]
    if writer.wants(PackSection.ACTIONS):
        pack["actions"] = writer.pack_actions(actions)
    if writer.wants(PackSection.EVIDENCE):
        pack["evidence"] = writer.pack_evidence(
            e for e in read.evidence if theme_ids.intersection(e.theme_ids))
    if writer.wants(PackSection.NEXT_STEPS):
        pack["next_steps"] = writer.next_steps(actions)
    return Pack(kind="session", title=title, system_name=read.system.name,
                date=words.long_date(words.local(x.session.starts)),
                facilitators=x.session.facilitators.strip(), author=store.author,
                left_out=writer.left_out(), names=_names(cover, writer.uses), options=options,
                **pack)


def system_pack(store: Store, system_id: str, options: PackOptions, *,
                today: date | None = None) -> Pack:
    """The pack of a learning system: all its sessions, recurring themes, coverage, every
    action and piece of evidence; each session's text under that session's consent."""
    read = pack_read.read_system(store, system_id)
    writer = PackWriter(read, options, many=True, today=today)
    held = writer.held
    facilitators = ", ".join(dict.fromkeys(
        name for x in held for name in _split_names(x.session.facilitators)))
    pack: dict[str, object] = {}
    if writer.wants(PackSection.PURPOSE):
        pack["purpose"] = writer.nobody.clean(read.system.purpose.strip(), "")
    _body(writer, pack)
    if writer.wants(PackSection.RECURRING):
        pack["recurring"] = _recurring(store, writer)
    if writer.wants(PackSection.COVERAGE):
        pack["coverage"] = _coverage(store, writer, {x.session.id for x in held})
    if writer.wants(PackSection.ACTIONS):
        pack["actions"] = writer.pack_actions(read.actions)
    if writer.wants(PackSection.EVIDENCE):
        pack["evidence"] = writer.pack_evidence(read.evidence)
    if writer.wants(PackSection.NEXT_STEPS):
        pack["next_steps"] = writer.next_steps(read.actions)
    return Pack(kind="system", title=read.system.name, system_name=read.system.name,
                date=words.span(words.local(x.session.starts).date() for x in held),
                facilitators=facilitators, author=store.author, left_out=writer.left_out(),
                names=_names(_cover_uses(facilitators, store.author), writer.uses),
                options=options, **pack)


def _body(writer: PackWriter, pack: dict[str, object]) -> None:
    """The parts both packs share: who took part, themes, charts."""
    if writer.wants(PackSection.PEOPLE):
        pack["people"] = writer.people()
    if writer.wants(PackSection.THEMES):
        pack["areas"] = writer.areas_of_themes()
    if writer.wants(PackSection.CHARTS) and writer.options.charts:
        pack["charts"] = writer.charts()


def _agenda(writer: PackWriter, x: SessionRead) -> tuple[PackAgendaItem, ...]:
    rules = writer.rules_of(x.session.id)
    return tuple(PackAgendaItem(
        time=words.local(laid.starts).strftime("%H:%M"),
        title=rules.clean(laid.item.title, f"Agenda: block {n}"), minutes=laid.item.minutes,
        focus_areas=tuple(writer.areas[a].name for a in laid.item.focus_area_ids
                          if a in writer.areas))
        for n, laid in enumerate(schedule(x.session, x.agenda).items, start=1))


def _recurring(store: Store, writer: PackWriter) -> tuple[PackRecurring, ...]:
    out = []
    for r in list_recurring(store, writer.read.system.id):
        out.append(PackRecurring(
            title=writer.nobody.clean(r.theme.title, ""),
            appearances=tuple(PackAppearance(
                session=writer.nobody.clean(a.session_title, ""),
                date=words.day_month(words.local(a.starts).date()),
                title=writer.rules_of(a.session_id).clean(
                    a.title, f"Recurring themes: '{writer.nobody.clean(r.theme.title, '')}'"),
                notes=a.notes, votes=a.votes) for a in r.timeline)))
    return tuple(out)


def _coverage(store: Store, writer: PackWriter, held: set[str]) -> PackCoverage:
    found = coverage(store, writer.read.system.id)
    sessions = [x for x in found.sessions if x.session_id in held]
    return PackCoverage(
        columns=tuple(writer.nobody.clean(x.title, "") for x in sessions),
        rows=tuple(a.name for a in found.areas),
        cells=tuple(tuple(x.cells[a.slug].notes for x in sessions) for a in found.areas),
        thin=tuple(a.name for a in found.areas if a.thin))


def _split_names(typed: str) -> list[str]:
    """The people in a list typed as "Isla Brown, Tom Reid and Ann Lee"."""
    return [n.strip() for n in re.split(r",|;|&|\band\b|\n", typed) if n.strip()]


def _cover_uses(facilitators: str, author: str) -> list[NameUse]:
    uses = [NameUse(name=n, where="Cover: facilitators", why=FACILITATOR_WHY)
            for n in _split_names(facilitators)]
    if author.strip():
        uses.append(NameUse(name=author.strip(), where="Cover: author", why=AUTHOR_WHY))
    return uses


def _names(cover: Iterable[NameUse], body: Iterable[NameUse]) -> tuple[NameUse, ...]:
    return tuple(dict.fromkeys([*cover, *body]))


