"""The website: generated Markdown pages (pages), the field reference (fieldref), Jinja2 templates in
templates/ and CSS in static/.

Takes the Project and PlanViews; gives Page objects (path under docs/ + text) that any
MkDocs-compatible generator renders. No MkDocs plugin API is used."""
