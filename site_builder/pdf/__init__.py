"""The official PDF (Nghị định 30/2020/NĐ-CP layout): HTML from the PlanView (render), fonts (fonts),
a content-addressed cache (cache), Jinja2 templates and CSS in templates/.

Takes the Project; gives one PDF per plan under the site directory and a PdfBuild report."""
