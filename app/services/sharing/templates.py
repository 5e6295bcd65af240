"""The subject and body of the email that carries a pack, kept per learning system.

A template is plain text with placeholders in braces (`{first_name}`), filled in for each
participant. Only the placeholders in `PLACEHOLDERS` exist: a template naming another, or with
a brace left open, is refused in one sentence when it is saved, so sending never meets one.
A learning system without a saved template uses the default one.
"""

from __future__ import annotations

import string
from collections.abc import Mapping

from pydantic import Field

from app.models import Changes, InvalidInput, Model, NotFound
from app.services.core.records import validated
from app.store.changelog import collected
from app.store.engine import Store
from app.store.tables import EmailTemplateRow, LearningSystemRow

# Each placeholder, and what it stands for (shown beside the template editor).
PLACEHOLDERS: dict[str, str] = {
    "first_name": "the participant's first name",
    "full_name": "the participant's full name",
    "session_title": "the session's title",
    "session_date": "the day of the session (\"Wednesday 11 November 2026\")",
    "system_name": "the learning system's name",
    "facilitators": "the session's facilitators (or your name)",
}

DEFAULT_SUBJECT = "Summary pack: {session_title}"
DEFAULT_BODY = """Dear {first_name},

Thank you for taking part in {session_title} on {session_date}, part of {system_name}.

The summary pack of what we heard together is attached: the themes, what they mean, and the \
actions agreed. Please let us know if anything in it does not match what you remember.

With best wishes,
{facilitators}"""


class EmailTemplate(Model):
    """A learning system's email template (`saved` is False for the default one)."""

    system_id: str
    subject: str = Field(min_length=1, max_length=300)
    body: str = Field(min_length=1, max_length=20_000)
    saved: bool = False


def check_template(text: str, where: str) -> None:
    """Refuse, in one sentence, a placeholder Cairn does not know or a brace left unpaired.

    `where` names the part in the sentence ("subject", "body")."""
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(text) if f is not None]
    except ValueError:
        raise InvalidInput(f"The {where} has a brace without its pair: write placeholders as "
                           "{first_name}, and a brace itself as {{ or }}.") from None
    for name in fields:
        if name not in PLACEHOLDERS:
            shown = "{" + name + "}" if name else "{}"
            raise InvalidInput(f"The {where} uses {shown}, which Cairn cannot fill in: use "
                               f"{', '.join('{' + p + '}' for p in PLACEHOLDERS)}.")
    for _, field, spec, conv in string.Formatter().parse(text):
        if field is not None and (spec or conv):
            raise InvalidInput(f"The {where} writes {{{field}}} with extra signs after the "
                               "name: write the placeholder alone, as {" + field + "}.")


def fill(text: str, values: Mapping[str, str]) -> str:
    """`text` with its placeholders filled in (the template was checked when saved)."""
    return text.format_map({name: values.get(name, "") for name in PLACEHOLDERS})


def get_template(store: Store, system_id: str) -> EmailTemplate:
    """The learning system's template: the saved one, or the default."""
    with store.read() as s:
        if s.get(LearningSystemRow, system_id) is None:
            raise NotFound(f"There is no learning system with id {system_id}.")
        row = s.get(EmailTemplateRow, system_id)
        if row is None:
            return EmailTemplate(system_id=system_id, subject=DEFAULT_SUBJECT, body=DEFAULT_BODY)
        return EmailTemplate(system_id=system_id, subject=row.subject, body=row.body,
                             saved=True)


def save_template(store: Store, system_id: str, subject: str,
                  body: str) -> tuple[EmailTemplate, Changes]:
    """Keep the learning system's subject and body (one operation); refused whole when either
    names an unknown placeholder, and then nothing changes."""
    subject = " ".join(subject.split())
    template = validated(EmailTemplate, {"system_id": system_id, "subject": subject,
                                         "body": body, "saved": True})
    check_template(template.subject, "subject")
    check_template(template.body, "body")
    with store.unit() as s:
        if s.get(LearningSystemRow, system_id) is None:
            raise NotFound(f"There is no learning system with id {system_id}.")
        row = s.get(EmailTemplateRow, system_id)
        if row is None:
            s.add(EmailTemplateRow(system_id=system_id, subject=template.subject,
                                   body=template.body))
        else:
            row.subject, row.body = template.subject, template.body
    return template, collected(s)


def restore_template(store: Store, before: EmailTemplate) -> tuple[EmailTemplate, Changes]:
    """Put a template back as it was (undo): the saved text, or the default by deleting it."""
    if before.saved:
        return save_template(store, before.system_id, before.subject, before.body)
    with store.unit() as s:
        row = s.get(EmailTemplateRow, before.system_id)
        if row is not None:
            s.delete(row)
    return get_template(store, before.system_id), collected(s)
