"""Charts as server-rendered SVG: no script, readable in black and white (patterns and direct
labels, never colour alone), every text escaped. Each chart comes with a table of its numbers
in the page; the SVG's description points to it."""
