"""The HTML pack's style sheet, embedded in the file: one readable column on a phone or a
laptop, system fonts (nothing fetched), clear focus, and a print layout without the contents'
links or the coloured edges eating ink."""

from __future__ import annotations

STYLE = """
:root { --ink: #1a1a1a; --muted: #4a4a4a; --rule: #c8c8c8; --head: #1f3a68;
  --fill: #eef1f6; --link: #1f4e99; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 1.0625rem/1.55 "Atkinson Hyperlegible", "Segoe UI", system-ui, -apple-system,
  "Helvetica Neue", Arial, sans-serif; }
header, nav, main, footer { max-width: 46rem; margin: 0 auto; padding: 0 1rem; }
/* A rule under the cover as wide as the text below it, not the padding around it. */
header { padding-top: 2rem; padding-bottom: 1rem; background: no-repeat 1rem 100% /
  calc(100% - 2rem) 3px linear-gradient(var(--head), var(--head)); }
.system { color: var(--muted); font-style: italic; margin: 0 0 .25rem; }
h1 { font-size: 1.9rem; line-height: 1.2; color: var(--head); margin: .25rem 0 .75rem; }
h2 { font-size: 1.45rem; line-height: 1.25; color: var(--head); margin: 2.25rem 0 .5rem;
  padding-top: .5rem; border-top: 1px solid var(--rule); }
h3 { font-size: 1.2rem; line-height: 1.3; color: var(--head); margin: 1.5rem 0 .4rem; }
h4 { font-size: 1.05rem; line-height: 1.3; margin: 1.25rem 0 .25rem; }
.cover p { margin: .2rem 0; }
nav h2 { border-top: 0; margin-top: 1.25rem; }
nav ol { padding-left: 1.5rem; }
nav li { margin: .35rem 0; }
.skip { position: absolute; left: 1rem; top: -3rem; background: #fff; padding: .5rem .75rem;
  border: 2px solid var(--head); }
.skip:focus { top: .5rem; }
main:focus { outline: none; }
a { color: var(--link); text-underline-offset: .15em; }
a:focus-visible { outline: 3px solid #b35c00; outline-offset: 2px; }
.facts { color: var(--muted); margin: 0 0 .5rem; font-size: .95rem; }
.area { border-left: 6px solid var(--area, var(--rule)); padding-left: .85rem; }
.theme p, .notes li, blockquote { break-inside: avoid; }
.notes { padding-left: 1.25rem; margin: .5rem 0; }
.notes li { margin: .3rem 0; }
blockquote { margin: .75rem 0; padding: .5rem .9rem; background: var(--fill);
  border-left: 4px solid var(--head); }
blockquote p { margin: 0; font-style: italic; }
blockquote footer { margin: .3rem 0 0; padding: 0; color: var(--muted); }
figure { margin: 1rem 0 1.5rem; break-inside: avoid; }
figure img { display: block; max-width: 100%; height: auto; }
figcaption { color: var(--muted); margin-top: .5rem; }
details { margin-top: .5rem; }
summary { cursor: pointer; color: var(--link); }
.table-wrap { overflow-x: auto; margin: .75rem 0 1.25rem; }
.table-wrap:focus-visible { outline: 3px solid #b35c00; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
caption { text-align: left; font-weight: 700; padding: 0 0 .4rem; }
th, td { border: 1px solid var(--rule); padding: .4rem .55rem; text-align: left;
  vertical-align: top; }
thead th { background: var(--fill); }
td.number, th.number { text-align: right; }
.overdue { font-weight: 700; }
.about { color: var(--muted); }
footer.made { color: var(--muted); padding-top: 2rem; padding-bottom: 2rem; }
tbody th { font-weight: 600; }
@media (max-width: 30rem) {
  body { font-size: 1rem; }
  h1 { font-size: 1.6rem; }
  th, td { padding: .35rem .4rem; }
  table.stack thead { position: absolute; width: 1px; height: 1px; overflow: hidden;
    clip-path: inset(50%); }
  table.stack, table.stack caption, table.stack tbody, table.stack tr, table.stack th, table.stack td {
    display: block; }
  table.stack tr { border: 1px solid var(--rule); margin-bottom: .75rem; }
  table.stack th, table.stack td { border: 0; border-top: 1px solid var(--fill); }
  table.stack tbody th { background: var(--fill); }
  table.stack td::before { content: attr(data-label) ": "; font-weight: 700; }
  table.stack td.number { text-align: left; }
}
@media print {
  body { font-size: 11pt; }
  header, nav, main, footer { max-width: none; }
  nav, .skip { display: none; }
  h2, h3, h4 { break-after: avoid; }
  h2 { break-before: auto; }
  .area { border-left-color: var(--rule); }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: .85em; }
  details { display: none; }  /* the chart and its caption are printed; a closed box is not */
  .table-wrap { overflow: visible; break-inside: avoid; }
  caption { break-after: avoid; }
  footer.made { break-before: avoid; padding-top: 1rem; }
}
"""
