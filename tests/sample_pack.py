"""Packs written by hand (invented people), for testing the renderers on their own: a session
pack with every section, a learning-system pack, and a large one for size and speed.

`NAMED` is the one person the session pack names (she consented and names were asked for);
`HIDDEN` is a participant who did not consent: no renderer may show her name, and no pack
built here contains it, so a renderer that invents text from elsewhere is caught.
"""

from __future__ import annotations

from app.models.pack import (
    NameUse,
    Pack,
    PackAction,
    PackAgendaItem,
    PackAppearance,
    PackArea,
    PackBar,
    PackChart,
    PackCoverage,
    PackEvidence,
    PackGroup,
    PackNote,
    PackOptions,
    PackPeople,
    PackRecurring,
    PackTheme,
)

NAMED = "Morag Testwell"
HIDDEN = "Priya Notnamed"

_AREAS = (("Community Led Approaches", "#1b7a5a"), ("Strategic Planning", "#2457a5"),
          ("Emerging Community Service Needs in Integration", "#b04a2f"),
          ("Synthesising Published Learning", "#7a4aa5"))


def session_pack(*, themes_per_area: int = 2, notes_per_theme: int = 4) -> Pack:
    areas = []
    for a, (name, colour) in enumerate(_AREAS):
        themes = []
        for t in range(themes_per_area):
            notes = [PackNote(text=f"Ferries and fuel costs made face-to-face support hard to "
                                   f"reach for island {t + 1}; volunteers filled the gap "
                                   f"({a}.{n}).", kind="Barrier", speaker="Third sector")
                     for n in range(notes_per_theme)]
            notes.append(PackNote(text="If you were already struggling, the pandemic didn't "
                                       "pause that.", kind="Quote", speaker=NAMED, quote=True))
            notes.append(PackNote(text="Trust came from knowing the street.", kind="Insight",
                                  speaker="a participant"))
            themes.append(PackTheme(
                title=f"Trusting relationships enabled rapid change {a + 1}.{t + 1}",
                synthesis="Knowing each other before the crisis made it safe to act fast and "
                          "take responsibility.", votes=9 - t, note_count=len(notes) + 1,
                notes=tuple(notes), focus_areas=(name,)))
        areas.append(PackArea(name=name, colour=colour, themes=tuple(themes)))
    areas.append(PackArea(name="Other themes", themes=(PackTheme(
        title="Digital as an addition, not a replacement", votes=3, note_count=1,
        notes=(PackNote(text="Video calls kept for families far away.", kind="Enabler"),)),)))
    return Pack(
        kind="session", title="Sensemaking workshop 2: inequalities and digital inclusion",
        system_name="Health and Social Care Learning System",
        date="Wednesday 11 November 2026", facilitators="Isla Brown, Tom Reid",
        author="Isla Brown", purpose="To make sense of what we heard about inequalities and "
        "digital inclusion, and agree what to take forward.",
        agenda=(PackAgendaItem(time="13:30", title="Welcome and check-in", minutes=10),
                PackAgendaItem(time="13:40", title="Breakout: what changed for whom",
                               minutes=40, focus_areas=(_AREAS[2][0],)),
                PackAgendaItem(time="14:20", title="Making sense together", minutes=30,
                               focus_areas=(_AREAS[0][0], _AREAS[1][0]))),
        people=PackPeople(invited=14, attended=11, by_sector=(
            PackGroup(label="NHS board", invited=3, attended=3, spoke=2),
            PackGroup(label="Third sector", invited=6, attended=5, spoke=5),
            PackGroup(label="Local authority", invited=5, attended=3, spoke=1)),
            by_locality=(PackGroup(label="Islands", invited=4, attended=3, spoke=3),
                         PackGroup(label="Mainland", invited=10, attended=8, spoke=5))),
        areas=tuple(areas),
        charts=(PackChart(title="Notes per focus area", unit="notes",
                          caption="How many notes were tagged with each focus area: most about "
                                  "emerging service needs, fewest about published learning.",
                          bars=tuple(PackBar(label=n, value=v, colour=c) for (n, c), v
                                     in zip(_AREAS, (12, 9, 17, 3), strict=True))),
                PackChart(title="Kinds of note", unit="notes",
                          caption="What kinds of thing were said: insights first, then barriers "
                                  "and enablers.",
                          bars=(PackBar(label="Insight", value=14),
                                PackBar(label="Barrier", value=8),
                                PackBar(label="Enabler", value=7),
                                PackBar(label="Inequality", value=4)))),
        actions=(PackAction(what="Agree who owns the tablet lending scheme after emergency "
                                 "funding ends", owner="Digital inclusion lead",
                            due="Fri 20 Nov 2026", status="In progress", overdue=True,
                            themes=("Digital as an addition, not a replacement",)),
                 PackAction(what="Co-design a respite offer for unpaid carers in rural areas",
                            owner="Carers centre", due="Fri 29 Jan 2027", status="Open")),
        evidence=(PackEvidence(title="Digital exclusion during the pandemic",
                               kind="Publication", citation="Holmes H, Burgess G (2022). "
                               "Journal of Community Health 12(3):45-60.",
                               link="https://doi.org/10.1234/example.5678",
                               themes=("Digital as an addition, not a replacement",)),
                    PackEvidence(title="Island larder case study", kind="Case study")),
        next_steps=("Share this pack with everyone who took part.",
                    "Bring the carers' theme to the learning network on 14 December."),
        left_out=("2 quotes left out: their speakers did not consent to be quoted.",),
        names=(NameUse(name=NAMED, where="Themes: quotes", why="consented to be named; "
                       "names were asked for"),),
        options=PackOptions(names=True),
    )


def system_pack() -> Pack:
    session = session_pack(themes_per_area=1, notes_per_theme=2)
    themes = [t.model_copy(update={"session": "Sensemaking workshop 1"})
              for a in session.areas for t in a.themes]
    return session.model_copy(update={
        "kind": "system", "title": "Health and Social Care Learning System",
        "date": "August – November 2026", "facilitators": "", "agenda": (),
        "areas": (PackArea(name=_AREAS[0][0], colour=_AREAS[0][1], themes=tuple(themes)),),
        "recurring": (PackRecurring(
            title="Digital should add to in-person support, not replace it", appearances=(
                PackAppearance(session="Insight conversation: housing", date="27 Aug 2026",
                               title="Remote-only contact did not work", notes=4, votes=0),
                PackAppearance(session="Sensemaking workshop 1", date="18 Sep 2026",
                               title="Digital enhanced in-person support", notes=7, votes=6),
                PackAppearance(session="Sensemaking workshop 2", date="11 Nov 2026",
                               title="Digital enhanced in-person support", notes=7,
                               votes=6))),),
        "coverage": PackCoverage(
            columns=("Workshop 1", "Workshop 2", "Conversation"), rows=tuple(n for n, _ in _AREAS),
            cells=((8, 16, 0), (5, 13, 12), (4, 7, 3), (2, 4, 1)),
            thin=(_AREAS[3][0],)),
    })


def large_pack() -> Pack:
    """About 1,000 notes in 60 themes: for size and speed."""
    return session_pack(themes_per_area=15, notes_per_theme=15)
