"""Quote attribution: quoted spans, sentence items, reporting frames and their speakers, quotes."""
from .frames import DocumentFrames, analyze_frames
from .quotes import extract_quotes

__all__ = ["DocumentFrames", "analyze_frames", "extract_quotes"]
