"""The sample learning system's content as plain data, kept apart from the code that loads it.

Everyone and every organisation here is made up; emails and links use example.org/.invalid.
Dates are days relative to the day the sample is loaded, so it always has finished and
planned sessions. Focus areas are their quick keys ("13" = keys 1 and 3); a speaker is
"@participant-key", a role such as "Housing officer", "anonymous", or "" (none).
"""

from __future__ import annotations

from typing import NamedTuple

SAMPLE_NAME = "Health and Social Care Learning System (sample)"

SYSTEM = {
    "name": SAMPLE_NAME,
    "purpose": "Gather insights from partners on how health and social care adapted during and "
    "since the COVID-19 pandemic, make sense of them together, and turn them into knowledge "
    "that others can act on, so that what worked is kept and spread.",
    "principles": "Equity and equality: hear first from those least heard, and notice who is "
    "missing.\nReciprocity: everyone who shares an insight gets the learning back.\n"
    "People-led: the health and social care community creates, shapes and guides the themes.\n"
    "Safe and accessible: every session is designed so that everyone can take part.",
}

TAGS = ("digital", "trust", "housing", "unpaid-carers", "rural")
ISLA, RORY = "Isla Sampleford", "Rory Examplewood"  # the facilitators, who scribe in turn
FACILITATORS = f"{ISLA}, {RORY}"
GALLOWAY = "Dumfries and Galloway"


class Person(NamedTuple):
    key: str
    name: str
    organisation: str
    sector: str
    locality: str
    consent: str  # N may be named, E may be emailed, Q may be quoted (in every session)


PEOPLE: tuple[Person, ...] = (
    Person("morag", "Morag Example", "Northern Isles Health Board", "nhs-board", "Orkney", "NEQ"),
    Person("callum", "Callum Sample", "Isles HSCP", "hscp", "Orkney", "NE"),
    Person("eilidh", "Eilidh Fictional", "Isles Community Transport", "third-sector", "Orkney",
           "NEQ"),
    Person("ruaridh", "Ruaridh Invented", "Strathbeag Neighbourhood Care", "community-group",
           "Highland", "Q"),
    Person("fiona", "Fiona Madeup", "Glens Community Led Support", "third-sector", "Highland",
           "NEQ"),
    Person("hamish", "Hamish Imaginary", "Highland Glens HSCP", "hscp", "Highland", "E"),
    Person("ishbel", "Ishbel Pretend", "Solway Council", "local-authority", GALLOWAY, "NE"),
    Person("lachlan", "Lachlan Notreal", "Galloway Rural Carers", "third-sector", GALLOWAY, "EQ"),
    Person("catriona", "Catriona Placeholder", "Solway Health Board", "nhs-board", GALLOWAY, ""),
    Person("tariq", "Tariq Hypothetical", "Clydeview Housing Association", "housing", "Glasgow",
           "NEQ"),
    Person("priya", "Priya Sampleton", "Clydeside HSCP", "hscp", "Glasgow", "NE"),
    Person("kwame", "Kwame Exemplar", "Southside Food Larder", "community-group", "Glasgow", "EQ"),
    Person("agnieszka", "Agnieszka Specimen", "Welcome Here Refugee Support", "third-sector",
           "Glasgow", "E"),
    Person("grace", "Grace Testwell", "Kingdom Carers Centre", "third-sector", "Fife", "NEQ"),
    Person("euan", "Euan Mockup", "Kingdom Council", "local-authority", "Fife", "N"),
    Person("niamh", "Niamh Pseudonym", "Firthside Care Homes", "independent-sector", "Fife", "NE"),
    Person("alasdair", "Alasdair Demo", "Deaf Community Link", "community-group", "Fife", "NEQ"),
    Person("mairi", "Mairi Unreal", "Harbour Homes Co-operative", "housing", "Highland", ""),
    Person("chloe", "Chloe Storybook", "Peer Recovery Cafe", "community-group", "Glasgow", "Q"),
    Person("jamie", "Jamie Madeupson", "Strathbeag Home Care", "independent-sector", "Highland",
           "NE"),
)

ACCESS_NEEDS = {  # recorded on each of the person's invitations
    "callum": "Prefers phone dial-in; patchy broadband",
    "fiona": "Uses a screen reader; send papers in advance",
    "agnieszka": "Prefers questions in writing before the session",
    "alasdair": "BSL interpreter",
    "jamie": "Captions on, please (hard of hearing)",
}


class ThemeSpec(NamedTuple):
    key: str  # unique across the sample: notes, actions and evidence refer to it
    title: str
    areas: str
    votes: int
    synthesis: str


class NoteSpec(NamedTuple):
    block: int  # position of the agenda block in the session's template
    minute: int  # minutes into that block
    kind: str
    areas: str
    tags: str
    speaker: str
    theme: str
    text: str
    starred: bool = False


N = NoteSpec

COMMUNITY_THEMES = (
    ThemeSpec("c1", "Community groups were closest to unmet need", "12", 0,
        "Neighbourhood groups changed overnight, led by what people needed, not by eligibility."),
    ThemeSpec("c2", "Trusting relationships enabled rapid change", "13", 0,
        "Where groups knew people in statutory services, a phone call replaced a referral."),
)
COMMUNITY_NOTES = (
    N(1, 1, "insight", "1", "", "@ruaridh", "c1", "Neighbourhood care volunteers switched "
      "overnight from drop-in lunches to doorstep check-ins and prescription runs", True),
    N(1, 4, "enabler", "1", "digital", "@eilidh", "c1",
      "Existing WhatsApp groups for each street meant volunteers were organised within a day"),
    N(1, 7, "insight", "12", "rural", "@eilidh", "c1",
      "Community transport minibuses repurposed for food and medicine deliveries between islands"),
    N(1, 11, "quote", "1", "trust", "@fiona", "c1", "\"We stopped asking what service people "
      "were eligible for and started asking what they needed.\"", True),
    N(2, 1, "enabler", "3", "trust", "@fiona", "c2",
      "Funder relaxed reporting for six months: 'just tell us what you are doing'"),
    N(2, 4, "enabler", "13", "trust", "@ruaridh", "c2", "Knew the HSCP locality manager by "
      "first name, so a phone call replaced a referral form"),
    N(2, 8, "quote", "13", "trust", "@ruaridh", "c2",
      "\"Trust was the currency. Where we had it, things moved in days, not months.\"", True),
    N(2, 12, "barrier", "3", "", "Community connector", "c2", "Data-sharing agreements took "
      "weeks to sign, so GP practice referrals came by phone instead"),
    N(3, 2, "inequality", "2", "digital", "@kwame", "", "People without a smartphone or data "
      "were missed by the street groups; leaflets through doors filled some of the gap"),
    N(3, 6, "unintended-consequence", "1", "", "anonymous", "",
      "Volunteer burnout by month three: the same twenty people were doing everything"),
    N(3, 9, "inequality", "2", "unpaid-carers rural", "@fiona", "c1", "Unpaid carers in "
      "outlying glens felt forgotten once day centres closed"),
    N(3, 13, "insight", "2", "", "@kwame", "c1",
      "Food larder saw new faces: people in work who had never asked for help before"),
    N(4, 1, "idea", "3", "trust", "@fiona", "",
      "Keep a light-touch 'permission to act' agreement between the HSCP and community groups"),
    N(4, 4, "question", "1", "", "@eilidh", "", "How do we keep the volunteers who came forward "
      "in lockdown now that many are back at work?"),
    N(4, 6, "action", "4", "", "", "", "Share the neighbourhood care case study with the network"),
    N(4, 8, "insight", "4", "", "@fiona", "",
      "Recommends a recent evaluation of community led support hubs"),
)

HOUSING_THEMES = (
    ThemeSpec("h1", "Housing and health worked as one team", "23", 0,
        "Housing, nursing and addictions staff met daily with one phone list; support followed."),
    ThemeSpec("h2", "Remote-only contact did not work for everyone", "2", 0,
        "Phone and video support shut out tenants without devices, credit or someone to help."),
)
HOUSING_NOTES = (
    N(1, 1, "insight", "2", "housing", "@tariq", "h1", "Hotel rooms used as emergency "
      "accommodation; health and housing staff visited together each morning", True),
    N(1, 5, "enabler", "23", "housing trust", "Housing officer", "h1", "One shared phone list "
      "for housing officers, the homelessness nurse and the addictions team replaced forms"),
    N(1, 9, "insight", "2", "housing", "@priya", "h1",
      "Community pharmacy delivered prescriptions to temporary accommodation"),
    N(1, 13, "idea", "23", "housing", "@tariq", "h1",
      "A named key worker, across housing and health, for everyone in temporary accommodation"),
    N(2, 2, "enabler", "3", "trust", "@priya", "h1",
      "Senior managers gave permission to act first and write it up later"),
    N(2, 6, "quote", "2", "housing trust", "@tariq", "h1", "\"For the first time we saw the "
      "nurses every day, even if the meeting room was a hotel car park.\""),
    N(2, 10, "enabler", "3", "digital housing", "Housing officer", "h2",
      "Emergency funding could be spent on phones and data top-ups for tenants"),
    N(3, 1, "inequality", "2", "digital housing", "@mairi", "h2", "Tenants without phones or "
      "credit could not take part in phone support; some lost contact altogether", True),
    N(3, 4, "barrier", "2", "housing", "@mairi", "h2", "Remote tenancy sign-ups excluded people "
      "who needed someone beside them to understand the paperwork"),
    N(3, 7, "unintended-consequence", "2", "housing", "Support worker", "", "Hotels away from "
      "people's own area cut them off from friends and their usual GP"),
    N(3, 10, "quote", "2", "digital", "@chloe", "h2", "\"Phone support is fine until you have "
      "no phone.\""),
    N(3, 12, "inequality", "2", "", "anonymous", "",
      "Women experiencing domestic abuse found it harder to ask for help on calls from home"),
    N(3, 14, "question", "3", "housing", "@priya", "",
      "What happens to the shared phone list when the emergency arrangements end?"),
    N(4, 2, "insight", "23", "housing", "@tariq", "h1",
      "Partners want the joint morning visits kept, even if only weekly"),
    N(4, 5, "action", "3", "housing", "", "",
      "Share the housing-led practice note with the HSCP strategic planning group"),
    N(4, 8, "insight", "2", "digital", "@chloe", "",
      "Peer recovery cafe kept going online, but attendance halved"),
)

WORKSHOP1_THEMES = (
    ThemeSpec("t1", "Trusting relationships enabled rapid change", "13", 9,
        "Knowing each other before the crisis made it safe to act fast and take responsibility."),
    ThemeSpec("t2", "Community groups were closest to unmet need", "12", 7,
        "Groups tuned to local need reacted first, focused on connection rather than services."),
    ThemeSpec("t3", "Digital enhanced rather than replaced in-person support", "14", 6,
        "Technology worked beside a person who helped, not as a cheaper substitute for people."),
    ThemeSpec("t4", "Volunteers, staff and carers are running on empty", "12", 2,
        "The same few carried the response for months; keeping what worked depends on them."),
)
WORKSHOP1_NOTES = (
    N(0, 6, "question", "", "", "anonymous", "",
      "Can the notes from breakout rooms be shared back with the whole group?"),
    N(1, 1, "insight", "13", "trust", "", "t1",
      "Check-in: most changes named were about who people now phone, not new services"),
    N(1, 3, "insight", "13", "trust", "@morag", "t1",
      "Check-in: never worked so closely with the third sector"),
    N(1, 6, "insight", "3", "digital rural", "@callum", "t3",
      "Check-in: Near Me consultations are now routine in the island practices"),
    N(2, 2, "insight", "12", "", "", "t2",
      "Playback recognised: community groups reacted first, statutory services followed"),
    N(2, 5, "question", "2", "rural", "@morag", "",
      "Were the insights mostly from towns? Island and rural voices feel thin"),
    N(2, 8, "insight", "3", "", "@jamie", "",
      "Missing from the playback: care homes and home care providers"),
    N(2, 11, "enabler", "4", "", "", "", "People saw their own stories in the playback"),
    N(3, 1, "enabler", "13", "trust", "@grace", "t1", "Breakout A: knowing each other before "
      "the crisis was what made it possible to act quickly", True),
    N(3, 3, "quote", "13", "trust", "@grace", "t1", "\"We took the risk because we trusted "
      "each other to pick up the pieces if it went wrong.\"", True),
    N(3, 5, "enabler", "3", "trust", "Team leader, HSCP", "t1",
      "Breakout A: decisions made at the lowest sensible level; managers backed staff"),
    N(3, 7, "barrier", "3", "", "@ishbel", "",
      "Breakout A: procurement rules slowed small grants to community groups"),
    N(3, 8, "insight", "12", "", "@kwame", "t2", "Breakout B: community groups knew which "
      "households were struggling before any service did"),
    N(3, 10, "enabler", "1", "trust", "@ruaridh", "t2",
      "Breakout B: a familiar local face opened doors that letters did not"),
    N(3, 12, "inequality", "2", "", "Third sector worker", "t2", "Breakout B: Gypsy/Traveller "
      "families and people with no recourse to public funds were rarely reached"),
    N(3, 14, "quote", "1", "", "@eilidh", "t2",
      "\"Community groups didn't wait to be commissioned. They just turned up.\""),
    N(3, 15, "insight", "1", "digital", "@fiona", "t3", "Breakout C: video calls kept day "
      "centre regulars connected, with a volunteer on the phone to help them join"),
    N(3, 17, "enabler", "1", "digital", "@alasdair", "t3",
      "Breakout C: lending tablets with data already set up made the difference"),
    N(3, 18, "unintended-consequence", "3", "digital", "anonymous", "t3", "Breakout C: fear "
      "that digital will be used as a cheaper substitute for people-based services", True),
    N(3, 19, "inequality", "2", "digital", "@alasdair", "t3", "Breakout C: BSL users were shut "
      "out of phone-only services; video relay helped where it was offered"),
    N(3, 19, "barrier", "2", "digital rural", "@callum", "t3",
      "Breakout C: patchy broadband on the islands and in the glens"),
    N(4, 2, "idea", "1", "", "@hamish", "",
      "Chat in the break: a shared map of who is doing what in each locality"),
    N(5, 2, "insight", "14", "", "", "", "Themes recognised in the room: relationships, "
      "community, digital"),
    N(5, 5, "insight", "1", "", "@lachlan", "t4", "Staff and volunteer wellbeing raised as a "
      "missing theme"),
    N(5, 8, "unintended-consequence", "2", "unpaid-carers", "@lachlan", "t4", "Unpaid carers "
      "picked up what closed services used to do, often without a break", True),
    N(5, 10, "quote", "1", "", "@lachlan", "t4", "\"Our volunteers are running on empty.\""),
    N(5, 13, "insight", "14", "", "", "",
      "Dot vote: relationships 9, community groups 7, digital 6, wellbeing 2"),
    N(6, 1, "action", "3", "trust", "@hamish", "", "Take the trusting relationships theme to "
      "the strategic planning group"),
    N(6, 3, "action", "3", "", "@ishbel", "",
      "Map the small grants process and where it slowed things down"),
    N(6, 5, "idea", "13", "trust", "@priya", "t1",
      "Pair each locality with a community link worker who holds the relationships"),
    N(6, 8, "question", "3", "digital", "@fiona", "t3",
      "Who owns the tablet lending scheme once the emergency funding ends?"),
    N(7, 1, "insight", "", "", "", "", "Check-out words: hopeful, tired, connected, curious"),
    N(7, 3, "insight", "4", "", "", "",
      "Check-out: two partners offered to present at the learning network"),
)

COMMISSIONING_THEMES = (
    ThemeSpec("k1", "Commissioning flexibility", "3", 0,
        "From monitoring outputs to conversations with providers, trusted to decide the spend."),
    ThemeSpec("k2", "Plans were written after the change, not before", "3", 0,
        "New services reached strategic plans months later; governance has not caught up."),
)
COMMISSIONING_NOTES = (
    N(1, 2, "insight", "3", "trust", "@hamish", "k1", "Grant conditions loosened: outcomes "
      "agreed in a phone call rather than a tender", True),
    N(1, 5, "insight", "3", "trust", "@euan", "k1", "Commissioners moved from monitoring "
      "outputs to regular check-in conversations with providers"),
    N(1, 9, "enabler", "3", "", "@ishbel", "k1",
      "National guidance allowed flexible payments to providers during the emergency"),
    N(1, 12, "insight", "3", "", "@priya", "k2",
      "New services started first and were written into plans months later"),
    N(2, 2, "enabler", "3", "trust", "@euan", "k1",
      "Commissioners and providers already met monthly before the pandemic; that trust was used"),
    N(2, 6, "quote", "3", "trust", "Commissioning officer", "k1",
      "\"We commissioned relationships, not just services.\"", True),
    N(2, 9, "barrier", "3", "", "@hamish", "k2", "Audit still expects the old evidence; "
      "flexible decisions are hard to justify after the event"),
    N(2, 13, "question", "3", "", "@callum", "k2",
      "How do we keep the flexibility without losing accountability for public money?"),
    N(3, 1, "inequality", "23", "", "@ishbel", "k1", "Small community groups without a finance "
      "officer found short-notice funding rounds hard to bid for"),
    N(3, 5, "unintended-consequence", "23", "", "@euan", "k2",
      "Emergency grants created services that now face a funding cliff edge"),
    N(3, 9, "inequality", "2", "", "@priya", "", "Needs assessments missed people who avoided "
      "services during lockdown"),
    N(4, 2, "idea", "3", "", "@hamish", "k2",
      "Write a 'what we will keep' list into the next strategic plan"),
    N(4, 5, "insight", "4", "", "@euan", "", "Recommended: a recent briefing on relational "
      "commissioning"),
    N(4, 7, "action", "3", "", "", "", "Draft a note on flexible commissioning for the network"),
)

WORKSHOP2_THEMES = (
    ThemeSpec("w1", "The pandemic exposed inequalities in access", "24", 10,
        "Those already disadvantaged were hit hardest; trusted groups were how to reach them."),
    ThemeSpec("w2", "Digital enhanced rather than replaced in-person support", "12", 6,
        "Recurring from workshop 1, now about choice of video, phone or in person, with help."),
    ThemeSpec("w3", "Unpaid carers carried a hidden load", "2", 5,
        "Carers picked up what closed services did, rural carers most; few asked how they were."),
    ThemeSpec("w4", "Commissioning flexibility", "3", 4,
        "Trust-based small grants reached new groups; short-term funding now puts that at risk."),
    ThemeSpec("w5", "Rural and island communities need their own answers", "12", 3,
        "Distance, ferries, fuel and broadband change what works; test with a community first."),
)
WORKSHOP2_NOTES = (
    N(0, 4, "insight", "", "rural", "", "",
      "Two participants joined by phone; breakout rooms arranged so they could take part"),
    N(1, 2, "insight", "2", "", "@kwame", "w1",
      "Check-in: the cost of living is now the biggest change people are seeing"),
    N(1, 5, "insight", "1", "digital", "@niamh", "w2", "Check-in: care home visiting is back; "
      "video calls kept for families far away"),
    N(1, 8, "insight", "2", "unpaid-carers", "@grace", "w3",
      "Check-in: the carers centre waiting list is the longest it has been"),
    N(2, 2, "question", "24", "", "@catriona", "w1",
      "Do we know how many people never came back to services after lockdown?"),
    N(2, 6, "insight", "4", "", "", "w1", "Publications point the same way: those already "
      "disadvantaged were hit hardest", True),
    N(2, 10, "insight", "2", "", "@kwame", "w1", "The food larder's new visitors are still "
      "coming"),
    N(2, 13, "question", "2", "", "@chloe", "",
      "Are we hearing from people with lived experience directly, or only through organisations?"),
    N(3, 1, "inequality", "2", "", "Day services manager", "w1", "Breakout A: people with "
      "learning disabilities lost routines and support when day services closed"),
    N(3, 3, "inequality", "2", "", "@agnieszka", "w1", "Breakout A: information came in "
      "English first and in other languages weeks later"),
    N(3, 5, "quote", "2", "", "@tariq", "w1", "\"If you were already struggling, the pandemic "
      "didn't pause that. It piled on.\"", True),
    N(3, 7, "enabler", "12", "trust", "@agnieszka", "w1", "Breakout A: trusted community "
      "organisations translated and passed on public health messages"),
    N(3, 9, "inequality", "2", "digital", "@euan", "w2", "Breakout B: digital exclusion follows "
      "poverty and age: data, devices, skills and confidence"),
    N(3, 11, "enabler", "1", "digital", "@fiona", "w2",
      "Breakout B: digital champions in libraries and community centres helped people online"),
    N(3, 12, "insight", "12", "digital", "@alasdair", "w2", "Breakout B: people valued choice "
      "of video, phone or face to face, not one forced on them", True),
    N(3, 14, "barrier", "3", "digital", "@catriona", "w2",
      "Breakout B: NHS and council laptops could not join each other's video platforms"),
    N(3, 15, "unintended-consequence", "2", "digital unpaid-carers", "@grace", "w3",
      "Breakout B: online groups suited some younger carers better; they want the option kept"),
    N(3, 16, "inequality", "2", "unpaid-carers rural", "@lachlan", "w3",
      "Breakout C: unpaid carers in rural areas had no respite at all for months"),
    N(3, 17, "quote", "2", "unpaid-carers", "@grace", "w3",
      "\"Nobody asks the carer how they are. They ask how the person is.\""),
    N(3, 18, "barrier", "23", "rural", "@mairi", "w5", "Breakout C: ferries and fuel costs make "
      "face-to-face support expensive to provide"),
    N(3, 19, "idea", "3", "rural", "@morag", "w5",
      "Breakout C: island-proof new services by testing them with one island community first"),
    N(3, 19, "insight", "3", "rural", "@jamie", "w5",
      "Breakout C: home care in remote areas lost staff to better-paid jobs"),
    N(4, 3, "question", "", "", "@fiona", "",
      "Can the slides come as a document that works with a screen reader?"),
    N(5, 2, "insight", "14", "digital", "", "w2",
      "Clustering: the digital theme recurs from workshop 1, now with more on choice"),
    N(5, 5, "insight", "3", "", "@euan", "w4",
      "Commissioning flexibility again: small grants reached groups that tenders never had"),
    N(5, 7, "enabler", "3", "trust", "@niamh", "w4",
      "Funders who trusted groups to decide the spend got help to people faster"),
    N(5, 9, "barrier", "3", "", "@kwame", "w4",
      "Short-term funding makes it hard to keep the staff who built the relationships"),
    N(5, 13, "insight", "14", "", "", "",
      "Dot vote: inequalities 10, digital 6, carers 5, commissioning 4, rural 3"),
    N(6, 2, "action", "2", "unpaid-carers rural", "@grace", "w3",
      "Carers centre and HSCP to co-design a respite offer for rural carers"),
    N(6, 4, "action", "14", "digital", "", "w2",
      "Learning network to host a session on digital inclusion and choice"),
    N(6, 7, "idea", "2", "", "@chloe", "",
      "Bring people with lived experience into the next workshop, paid for their time"),
    N(7, 2, "insight", "", "", "", "", "Check-out words: heard, heavy, determined, grateful"),
)


class SessionSpec(NamedTuple):
    title: str
    template: str  # a built-in template id: the session's kind, length and agenda
    day: int  # days from the day the sample is loaded
    at: str  # local start time, HH:MM
    status: str
    platform: str
    join_link: str
    scribe: str
    invited: tuple[str, ...]  # "key" attended, "-key" sent apologies; planned: not yet known
    notes: tuple[NoteSpec, ...] = ()
    themes: tuple[ThemeSpec, ...] = ()
    format: str = "online"
    location: str = ""


SESSIONS: tuple[SessionSpec, ...] = (
    SessionSpec("Insight conversation: community led support", "builtin-insight-conversation",
                -118, "10:00", "done", "Near Me", "https://nearme.example.org/room/sample-clsn",
                ISLA, ("ruaridh", "fiona", "eilidh", "kwame", "-chloe"),
                COMMUNITY_NOTES, COMMUNITY_THEMES),
    SessionSpec("Insight conversation: housing and homelessness partners",
                "builtin-insight-conversation", -96, "14:00", "done", "Microsoft Teams",
                "https://teams.example.org/l/meetup-join/sample-housing", RORY,
                ("tariq", "mairi", "priya", "chloe"), HOUSING_NOTES, HOUSING_THEMES),
    SessionSpec("Sensemaking workshop 1: what enabled rapid change?", "builtin-sensemaking-90",
                -74, "10:00", "done", "Zoom", "https://zoom.example.invalid/j/1000000001", ISLA,
                ("morag", "callum", "eilidh", "ruaridh", "fiona", "hamish", "ishbel", "lachlan",
                 "tariq", "priya", "kwame", "grace", "alasdair", "jamie", "-catriona", "-niamh"),
                WORKSHOP1_NOTES, WORKSHOP1_THEMES),
    SessionSpec("Insight conversation: commissioners and planners",
                "builtin-insight-conversation", -45, "11:00", "done", "Microsoft Teams",
                "https://teams.example.org/l/meetup-join/sample-commissioning",
                RORY, ("hamish", "ishbel", "euan", "priya", "callum", "-catriona"),
                COMMISSIONING_NOTES, COMMISSIONING_THEMES),
    SessionSpec("Sensemaking workshop 2: inequalities and digital inclusion",
                "builtin-sensemaking-90", -20, "13:30", "done", "Microsoft Teams",
                "https://teams.example.org/l/meetup-join/sample-workshop-2", ISLA,
                ("morag", "catriona", "lachlan", "tariq", "kwame", "agnieszka", "grace", "euan",
                 "niamh", "alasdair", "mairi", "chloe", "jamie", "fiona", "-ishbel", "-ruaridh"),
                WORKSHOP2_NOTES, WORKSHOP2_THEMES),
    SessionSpec("Learning network: keeping what worked", "builtin-learning-network", 12,
                "10:00", "planned", "Microsoft Teams",
                "https://teams.example.org/l/meetup-join/sample-network", RORY,
                ("morag", "callum", "eilidh", "fiona", "hamish", "ishbel", "tariq", "priya",
                 "grace", "alasdair", "euan", "niamh")),
    SessionSpec("Sensemaking workshop 3: from knowledge into action", "builtin-sensemaking-90",
                33, "10:00", "planned", "Zoom", "https://zoom.example.invalid/j/1000000003", ISLA,
                ("morag", "callum", "ruaridh", "fiona", "hamish", "lachlan", "catriona", "tariq",
                 "kwame", "agnieszka", "grace", "alasdair", "chloe", "jamie"),
                format="hybrid", location="Upper hall, Example Community Centre, Inverness"),
)


class ActionSpec(NamedTuple):
    session: int  # index into SESSIONS of the session that agreed it
    what: str
    owner: str
    due_day: int  # days from the day the sample is loaded
    status: str
    themes: tuple[str, ...]


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec(1, "Keep the joint health and housing morning visits to temporary accommodation, "
               "weekly", "Housing options manager", -60, "done", ("h1",)),
    ActionSpec(2, "Take the trusting relationships theme, with two case studies, to the HSCP "
               "strategic planning group", "HSCP strategic planning lead", -40, "done",
               ("t1", "t2")),
    ActionSpec(2, "Agree who owns the tablet lending scheme after emergency funding ends",
               "Digital inclusion lead, local authority", -10, "in-progress", ("t3",)),
    ActionSpec(2, "Map the small grants process and where it slowed things down",
               "Third sector interface", -30, "dropped", ("t1",)),
    ActionSpec(3, "Write a short note on flexible commissioning and share it with the learning "
               "network", "Learning system team", 10, "in-progress", ("k1", "k2")),
    ActionSpec(4, "Co-design a respite offer for unpaid carers in rural areas, with carers",
               "Carers centre with the HSCP", 60, "open", ("w3", "w5")),
    ActionSpec(4, "Host a learning network session on digital inclusion and choice of video, "
               "phone or in person", "Learning system team", 12, "open", ("w1", "w2")),
)


class EvidenceSpec(NamedTuple):
    kind: str
    slug: str  # the link is https://example.org/cairn-sample/<kind>/<slug>
    themes: tuple[str, ...]
    title: str
    citation: str
    summary: str


E = EvidenceSpec
CASE, PUBLICATION, OPINION = "case-study", "publication-insight", "opinion-piece"
DIGEST, BLOG = "Sample Evidence Digest (fictional)", "Learning network blog (fictional)"

EVIDENCE: tuple[EvidenceSpec, ...] = (
    E(CASE, "islands", ("c1", "t2"), "Neighbourhood care on the islands during lockdown",
      "Isles Community Transport (sample case study).",
      "Volunteers and minibuses turned to food, medicine and check-ins within days."),
    E(CASE, "morning-visits", ("h1",), "Joint morning visits to emergency accommodation",
      "Clydeview Housing Association (sample case study).",
      "Housing and health staff visiting together, every day, from one phone list."),
    E(CASE, "tablets", ("t3", "w2"), "Tablet lending with a volunteer buddy",
      "Glens Community Led Support (sample case study).",
      "Devices set up in advance, and a person on the phone to help with the first call."),
    E(CASE, "small-grants", ("k1", "w4"), "Small grants decided in a phone call",
      "Kingdom Council (sample case study).", "Outcomes agreed in conversation; one-page reports."),
    E(CASE, "carers-online", ("w3",), "A carers centre that moved its groups online, and kept them",
      "Kingdom Carers Centre (sample case study).", "Online groups beside in-person ones."),
    E(PUBLICATION, "trust", ("t1", "c2"), "Trust and the speed of service change",
      f"{DIGEST}, issue 3.", "Existing relationships predicted how fast services adapted."),
    E(PUBLICATION, "digital", ("w1", "w2"), "Digital exclusion in the pandemic: a rapid review",
      f"{DIGEST}, issue 5.", "Exclusion follows income, age and disability; choice helps."),
    E(PUBLICATION, "community", ("t2",), "What community groups saw first: grey literature",
      f"{DIGEST}, issue 6.", "Community groups saw unmet need ahead of statutory services."),
    E(PUBLICATION, "inequalities", ("w1",), "Inequalities in access in the first pandemic year",
      f"{DIGEST}, issue 8.", "Those already disadvantaged lost most access to health and care."),
    E(OPINION, "technology", ("t3",), "Technology should add to people, not replace them",
      f"{BLOG}.", "Why digital was accepted when it came with a person."),
    E(OPINION, "commissioning", ("k1", "w4"), "Commission relationships, not transactions",
      f"{BLOG}.", "A commissioner's view on keeping trust-based grants."),
    E(OPINION, "carers", ("w3",), "Carers are the hidden workforce",
      f"{BLOG}.", "Ask how the carer is, not only how the person they care for is."),
    E("podcast", "episode-1", ("c1", "t2"), "Learning system conversations 1: community first",
      "Learning network podcast (fictional), 32 minutes.",
      "Three community groups on what they did first, and why."),
)
