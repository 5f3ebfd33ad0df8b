"""Checking: schema errors in Vietnamese (schema), rules against the catalogue (rules), CODEOWNERS
(ownership), nearest-value suggestions (suggest), assembly into the Project (assemble) and reports
(report: text, GitHub annotations, JSON, Markdown summary).

Takes sources from source/; gives a Project whose plans passed and every Finding at file:line:column."""
