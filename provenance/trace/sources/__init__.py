"""Outside sources a document cites: the catalog, citation extraction and merging across documents."""
from .catalog import catalog, source_slug
from .citations import extract_citations
from .merge import merge_sources

__all__ = ["catalog", "extract_citations", "merge_sources", "source_slug"]
