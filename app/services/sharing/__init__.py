"""Sharing a session's summary pack with its participants by email.

- `templates`: the subject and body per learning system, with placeholders checked on saving.
- `messages`: who may receive the pack (consent to email and an address; the others with the
  reason) and the message each gets, the pack built once for all (nobody named in it).
- `drafts`: one `.eml` per participant, marked unsent for Outlook: needs no password.
- `outbox`: messages queued in the local store (local-only, never synced), their states and
  the person's decisions (send again, mark as sent, remove).
- `sending` and `smtp_link`: a sending round under the outbox's lock; each try recorded before
  the message goes and its result after, so nothing is sent twice.
- `credentials`: the SMTP password, only ever in the operating system's keyring.
"""
