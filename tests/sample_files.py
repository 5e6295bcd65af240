"""Small files as real tools write them, shared by the tests of the import dialogs and commands.

The names are invented."""

# A Teams transcript: one speaker over two cues, then a role.
TEAMS_TRANSCRIPT = """WEBVTT

00:00:03.159 --> 00:00:05.839
<v Iona Fictional>The ferry decides</v>

00:00:05.839 --> 00:00:09.100
<v Iona Fictional>when the clinic opens.</v>

00:00:09.300 --> 00:00:12.000
<v Housing officer>We knocked on doors #trust</v>
"""
