"""The parts of a pack built from what `pack_read` read, consent applied as each text is
written: who took part (counts only), themes under their focus areas with their notes and
quotes, charts with captions, actions, evidence and next steps.

`PackWriter` holds one `ConsentRules` per session (a person is named only in the text of a
session in which they consented), all sharing one list of the names used, in reading order.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import date

from app.models import Action, ActionStatus, Evidence, Note, NoteKind, Sector, Theme
from app.models.pack import (
    NameUse,
    PackAction,
    PackArea,
    PackBar,
    PackChart,
    PackEvidence,
    PackGroup,
    PackNote,
    PackOptions,
    PackPeople,
    PackSection,
    PackTheme,
)
from app.services.exports import pack_text as words
from app.services.exports.consent import ConsentRules, rules_for
from app.services.exports.pack_read import SessionRead, SystemRead
from app.services.sensemaking.actions import is_overdue

OTHER_THEMES = "Other themes"
NOT_GIVEN = "Not given"
_OPEN = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


class PackWriter:
    """Writes the parts of one pack for the sessions read, each text cleaned by the rules of
    the session it comes from (text of no one session by rules that name nobody)."""

    def __init__(self, read: SystemRead, options: PackOptions, *, many: bool,
                 today: date | None = None) -> None:
        self.read, self.options, self.many = read, options, many
        self.today = today or date.today()
        self.uses: list[NameUse] = []
        self.rules: dict[str, ConsentRules] = {}
        for x in read.sessions:
            self.rules[x.session.id] = rules_for(x.invited, read.register, names=options.names)
            self.rules[x.session.id].uses = self.uses
        self.nobody = rules_for((), read.register, names=False)
        self.areas = {a.id: a for a in read.areas}
        self.session_of = {t.id: x.session.id for x in read.sessions for t in x.themes}
        # Sessions that have been held (have notes): who took part, dates and coverage.
        self.held = tuple(x for x in read.sessions if x.notes) or read.sessions
        self.quotes_left_out = 0
        self.unclustered = 0

    def wants(self, section: PackSection) -> bool:
        return section in self.options.sections

    def rules_of(self, session_id: str | None) -> ConsentRules:
        return self.rules.get(session_id or "", self.nobody)

    def rules_of_action(self, action: Action) -> ConsentRules:
        """An action's text is its session's: the one it was recorded in, else the one whose
        themes it answers (when they are of one session), else no session's."""
        if action.session_id in self.rules:
            return self.rules[action.session_id or ""]
        linked = {self.session_of[t] for t in action.theme_ids if t in self.session_of}
        return self.rules[linked.pop()] if len(linked) == 1 else self.nobody

    def session_title(self, x: SessionRead) -> str:
        return self.nobody.clean(x.session.title, "")

    # Who took part ---------------------------------------------------------------------

    def people(self) -> PackPeople:
        """Invited, attended and spoke, by sector and by locality: counts of people, each
        counted once however many of the sessions held they came to."""
        invited: dict[str, tuple[str, str]] = {}
        attended: set[str] = set()
        spoke = {n.speaker_participant_id for x in self.held for n in x.notes.values()
                 if n.speaker_participant_id}
        for x in self.held:
            for sp in x.invited:
                p = sp.participant
                invited[p.id] = (p.sector.label, " ".join(p.locality.split()) or NOT_GIVEN)
                if sp.invitation.attended:
                    attended.add(p.id)

        def groups(column: int, order: Sequence[str] = ()) -> tuple[PackGroup, ...]:
            found: dict[str, list[int]] = {}
            for pid, labels in invited.items():
                g = found.setdefault(labels[column], [0, 0, 0])
                g[0] += 1
                g[1] += pid in attended
                g[2] += pid in spoke
            rank = {label: i for i, label in enumerate(order)}
            ordered = sorted(found.items(), key=lambda kv: (
                rank.get(kv[0], len(rank)), kv[0] == NOT_GIVEN, -kv[1][0], kv[0].casefold()))
            return tuple(PackGroup(label=k, invited=g[0], attended=g[1], spoke=g[2])
                         for k, g in ordered)

        return PackPeople(invited=len(invited), attended=len(attended & invited.keys()),
                          by_sector=groups(0, [s.label for s in Sector]),
                          by_locality=groups(1))

    # Themes ----------------------------------------------------------------------------

    def areas_of_themes(self) -> tuple[PackArea, ...]:
        """Themes under their first focus area (in the system's order), those with none
        under "Other themes"; sessions by start, each session's themes in board order."""
        grouped: dict[str, list[PackTheme]] = defaultdict(list)
        for x in self.read.sessions:
            clustered = {i for t in x.themes for i in t.note_ids}
            self.unclustered += sum(1 for i in x.notes if i not in clustered)
            for n, theme in enumerate(x.themes, start=1):
                key = theme.focus_area_ids[0] if theme.focus_area_ids else ""
                grouped[key].append(self.theme(x, theme, n))
        out = [PackArea(name=a.name, colour=a.colour, themes=tuple(grouped[a.id]))
               for a in self.read.areas if grouped.get(a.id)]
        if grouped.get(""):
            out.append(PackArea(name=OTHER_THEMES, themes=tuple(grouped[""])))
        return tuple(out)

    def theme(self, x: SessionRead, theme: Theme, n: int) -> PackTheme:
        rules = self.rules_of(x.session.id)
        plain_title = self.nobody.clean(theme.title, "")
        place = (f"{self.session_title(x)}, theme {n}" if self.many else f"Theme {n}")
        place = f"{place} ('{plain_title}')"
        notes: list[PackNote] = []
        for i, note_id in enumerate(theme.note_ids, start=1):
            note = x.notes.get(note_id)
            if note is not None:
                shown = self.note(rules, note, f"{place}, note {i}")
                if shown is not None:
                    notes.append(shown)
        return PackTheme(
            title=rules.clean(theme.title, f"{place}: title"),
            synthesis=rules.clean(theme.synthesis.strip(), f"{place}: synthesis"),
            votes=theme.votes, note_count=len(theme.note_ids), notes=tuple(notes),
            session=self.session_title(x) if self.many else "",
            focus_areas=tuple(self.areas[a].name for a in theme.focus_area_ids
                              if a in self.areas))

    def note(self, rules: ConsentRules, note: Note, where: str) -> PackNote | None:
        """A note as the pack shows it; a quote whose speaker did not consent to be quoted
        is left out (and counted)."""
        quote = note.kind == NoteKind.QUOTE
        if quote and not rules.may_quote(note):
            self.quotes_left_out += 1
            return None
        text = rules.clean(words.readable(note.text), where)
        return PackNote(text=words.unquoted(text) if quote else text, kind=note.kind.label,
                        speaker=rules.speaker(note, where, attribute=quote), quote=quote)

    def left_out(self) -> tuple[str, ...]:
        said = []
        if self.quotes_left_out:
            q = self.quotes_left_out
            said.append(f"{words.counted(q, 'quote')} left out: "
                        f"{'its speaker' if q == 1 else 'their speakers'} did not consent to "
                        f"be quoted.")
        if self.unclustered:
            u = self.unclustered
            said.append(f"{words.counted(u, 'note')} in no theme {'is' if u == 1 else 'are'} "
                        f"not in this pack.")
        return tuple(said)

    # Charts ----------------------------------------------------------------------------

    def charts(self) -> tuple[PackChart, ...]:
        """Notes per focus area (in the areas' colours) and kinds of note, each captioned
        with what it shows; a chart with nothing to count is left out."""
        notes = [n for x in self.read.sessions for n in x.notes.values()]
        tagged = Counter(a for n in notes for a in n.focus_area_ids)
        areas = tuple(PackBar(label=a.name, value=tagged[a.id], colour=a.colour)
                      for a in self.read.areas if not a.retired)
        kinds = Counter(n.kind for n in notes)
        bars = tuple(PackBar(label=k.label, value=kinds[k])
                     for k in sorted(kinds, key=lambda k: (-kinds[k], list(NoteKind).index(k))))
        charts = (
            PackChart(title="Notes per focus area", unit="notes", bars=areas,
                      caption=words.bar_caption("Notes tagged with each focus area", areas,
                                                "notes", "about")),
            PackChart(title="Kinds of note", unit="notes", bars=bars,
                      caption=words.bar_caption("The kinds of note captured", bars, "notes",
                                                "were", words.plural)),
        )
        # A chart of nothing but zeros says nothing a sentence could not.
        return tuple(c for c in charts if any(b.value for b in c.bars))

    # Actions, evidence, next steps -----------------------------------------------------

    def pack_actions(self, actions: Iterable[Action], part: str = "Actions",
                     ) -> tuple[PackAction, ...]:
        """Actions, overdue first, then by due date (none last); `part` names where in the
        pack they are shown, for the list of names."""
        ordered = sorted(actions, key=lambda a: (not is_overdue(a, self.today),
                                                 a.due is None, a.due or self.today, a.id))
        out = []
        for n, a in enumerate(ordered, start=1):
            rules = self.rules_of_action(a)
            out.append(PackAction(
                what=rules.clean(a.what, f"{part}: action {n}"),
                owner=rules.clean(a.owner, f"{part}: owner of action {n}"),
                due=words.short_date(a.due) if a.due else "", status=a.status.label,
                overdue=is_overdue(a, self.today),
                themes=self.theme_titles(a.theme_ids, f"{part}: themes of action {n}")))
        return tuple(out)

    def pack_evidence(self, evidence: Iterable[Evidence]) -> tuple[PackEvidence, ...]:
        return tuple(PackEvidence(
            title=self.nobody.clean(e.title, ""), kind=e.kind.label,
            citation=self.nobody.clean(e.citation, ""), link=words.web_address(e.link),
            themes=self.theme_titles(e.theme_ids, f"Evidence: themes of '{e.title}'"))
            for e in evidence)

    def next_steps(self, actions: Iterable[Action]) -> tuple[str, ...]:
        """The actions still open, each as a sentence."""
        shown = self.pack_actions((a for a in actions if a.status in _OPEN), "Next steps")
        return tuple(words.next_step(a.what, a.owner, a.due, a.overdue) for a in shown)

    def theme_titles(self, theme_ids: Iterable[str], where: str) -> tuple[str, ...]:
        """The titles of the themes an action or piece of evidence answers, each once (a
        theme recurring in several sessions often keeps its title)."""
        titles = self.read.theme_titles
        return tuple(dict.fromkeys(self.rules_of(self.session_of.get(t)).clean(titles[t], where)
                                   for t in theme_ids if t in titles))
