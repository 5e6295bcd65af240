"""Emailing the summary pack: drafts, the outbox, the template, the SMTP server.

- `drafts_dialog`: who gets the pack (and who does not, and why), one .eml per person written
  on the task manager, "Open drafts" in the mail program; the folder is remembered.
- `template_editor`: the learning system's subject and body, placeholders listed, one undo step.
- `smtp_dialog`: the server, its security, the user and sender; the password goes only to the
  keyring, and where there is none Cairn says so and offers the drafts.
- `outbox_model` / `outbox_view`: the messages and their states; Send now, Send again, Mark
  as sent, Remove.
- `outbox_status`: the status bar's count of what waits (queued, failed, may have been sent).
- `sending_task`: one sending round on the task manager (never on the window's thread), and
  the quiet retry of what is due.
- `opening`: the File and View menu entries, the status part and the retry timer.
"""
