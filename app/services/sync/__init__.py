"""Sync through a shared folder: change files, the transport, the inbox, and the store side."""
