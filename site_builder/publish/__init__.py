"""Publishing: the build (build: generated docs -> MkDocs -> PDFs -> Pagefind), progress reporting
(progress) and the preview server (serve).

Takes the repository root; gives site/ and a BuildReport, or a BuildError naming the stage that broke."""
