"""Open data under /du-lieu/: plans.json, entries.csv, schools.csv, cong-khai.csv, the JSON Schemas,
datapackage.json (Frictionless) and the Atom feed of new and updated plans.

Takes the validated Project and present.transparency.Transparency (the same numbers the pages show);
writes files into the build's docs directory, which the site generator copies as they are. A sibling of
web and pdf: it imports present and below, never another output.
"""
