"""site_builder: quality-improvement plans as data, rendered to a public website and official PDFs.

Pipeline: reader (plans/, catalogue/) -> validate -> structure (typed project)
-> render (web pages | PDF | open data) -> write.
"""

__version__ = "0.1.0"
