"""The export dialog: options, the pre-flight list of names, a preview of the pack's pages,
and writing the file in the background.

- `options_panel`: form, sections, charts, and naming people (off by default) -> `PackOptions`.
- `preflight`: every personal name the export will show (`Pack.names`), before anything is
  written; the export can be stopped there.
- `page_images` / `preview`: the PDF's pages drawn with pypdfium2 (PDFium) as images, paged
  through with the keyboard; each page named "Page 3 of 12" for screen readers.
- `export_dialog`: builds the pack on the task manager whenever the options change (the window
  stays live), then writes exactly the pack whose names were shown.
- `saved_notice`: where the file went, in the main window's status bar, with "Show folder".
- `opening`: how the session page, the learning-system screen and File > Export open it.
"""
