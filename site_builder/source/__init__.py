"""Reading the repository: YAML with positions (yamlsource), plans/ and school folders (reader),
catalogue/ (catalogue), git history in one pass (history).

Takes the repository root; gives plain data with a SourceMap of line:column positions, the typed
Catalogue, and Findings for what could not be read. Never validates content beyond what reading needs."""
