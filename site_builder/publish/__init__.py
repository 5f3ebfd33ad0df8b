"""Publishing: the build (build: generated docs -> MkDocs or Zensical -> PDFs -> Pagefind -> audit), the two
site generators' configs and runs (generators), the link check of a built site (linkcheck), the last safety
look at the built pages (audit), the staged folder, swap and lock that keep site/ whole (stage), progress
reporting (progress) and the preview server (serve).

Takes the repository root; gives site/ and a BuildReport, or a BuildError naming the stage that broke,
with site/ left as it was."""
