"""The view shared by every output: PlanView (view), official formats of dates and money (formats),
and sanitized HTML from what schools write (sanitize).

Takes a PlanDoc from the model; gives PlanView objects holding every text a reader sees, so the web
page, the PDF and any other output are rendered from one object and cannot disagree."""
