"""Publishing: the build (build: generated docs -> MkDocs or Zensical -> PDFs -> Pagefind), the two
site generators' configs and runs (generators), the link check of a built site (linkcheck), progress
reporting (progress) and the preview server (serve).

Takes the repository root; gives site/ and a BuildReport, or a BuildError naming the stage that broke."""
