"""Document renderers: domain models in, file bytes out (PDF, .ics, and later DOCX, HTML,
XLSX, e-mail messages). Called by services only; the only package that imports reportlab,
python-docx or icalendar. Renderers do not read the store and do not write files."""
