"""The closed vocabularies of the domain, with the labels a person reads."""

from __future__ import annotations

from enum import StrEnum


class LabelledEnum(StrEnum):
    @property
    def label(self) -> str:
        return _LABELS.get(self.value, self.value.replace("-", " ").capitalize())

    @classmethod
    def parse(cls, text: str) -> LabelledEnum:
        """Accept a value or its label, case and spacing ignored; ValueError names the choices."""
        wanted = text.strip().lower().replace("_", "-").replace(" ", "-")
        for member in cls:
            if wanted in (member.value, member.label.lower().replace(" ", "-")):
                return member
        choices = ", ".join(m.value for m in cls)
        raise ValueError(f"'{text}' is not one of: {choices}.")


class SessionKind(LabelledEnum):
    SENSEMAKING = "sensemaking-workshop"
    INSIGHT = "insight-conversation"
    NETWORK = "learning-network-meeting"


class SessionFormat(LabelledEnum):
    ONLINE = "online"
    IN_PERSON = "in-person"
    HYBRID = "hybrid"


class SessionStatus(LabelledEnum):
    PLANNED = "planned"
    LIVE = "live"
    DONE = "done"


class Sector(LabelledEnum):
    NHS_BOARD = "nhs-board"
    HSCP = "hscp"
    LOCAL_AUTHORITY = "local-authority"
    THIRD_SECTOR = "third-sector"
    COMMUNITY_GROUP = "community-group"
    HOUSING = "housing"
    INDEPENDENT = "independent-sector"
    OTHER = "other"


class NoteKind(LabelledEnum):
    INSIGHT = "insight"
    ENABLER = "enabler"
    BARRIER = "barrier"
    IDEA = "idea"
    QUESTION = "question"
    QUOTE = "quote"
    ACTION = "action"
    UNINTENDED = "unintended-consequence"
    INEQUALITY = "inequality"


class ActionStatus(LabelledEnum):
    OPEN = "open"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    DROPPED = "dropped"


class EvidenceKind(LabelledEnum):
    CASE_STUDY = "case-study"
    PUBLICATION = "publication-insight"
    OPINION = "opinion-piece"
    PODCAST = "podcast"
    OTHER = "other"


_LABELS = {
    "sensemaking-workshop": "Sensemaking workshop",
    "insight-conversation": "Insight conversation",
    "learning-network-meeting": "Learning network meeting",
    "online": "Online",
    "in-person": "In person",
    "hybrid": "Hybrid",
    "nhs-board": "NHS board",
    "hscp": "HSCP",
    "local-authority": "Local authority",
    "third-sector": "Third sector",
    "community-group": "Community group",
    "housing": "Housing",
    "independent-sector": "Independent sector",
    "unintended-consequence": "Unintended consequence",
    "publication-insight": "Insight from a publication",
    "opinion-piece": "Opinion piece",
    "case-study": "Case study",
    "in-progress": "In progress",
}
