"""Exports: what leaves Cairn for people outside it, every form with the same consent rules.

- `consent`: who may be named or quoted, and names typed inside free text replaced; every
  name kept recorded for the pre-flight list.
- `pack_content`: the summary pack's content (`Pack`) for a session or a learning system, read
  by `pack_read`, written part by part by `pack_parts` (one set of consent rules per session)
  in the words of `pack_text` (dates, captions, sentences). Renderers lay it out as it is.
"""
