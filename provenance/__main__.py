"""``python -m provenance``: the same as the ``provenance`` command."""
from .interrupt import main

main()
