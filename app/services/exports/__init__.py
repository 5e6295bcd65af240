"""Exports: what leaves Cairn for people outside it, every form with the same consent rules.

- `consent`: who may be named or quoted, and names typed inside free text replaced; every
  name kept recorded for the pre-flight list.
"""
