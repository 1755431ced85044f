"""provenance: trace where news wording comes from.

The stages are importable one by one (``provenance.corpus``, ``provenance.text``,
``provenance.lang``, ...); :func:`provenance.pipeline.analyze` runs them all, in the order
of :data:`provenance.pipeline.STAGES`.
"""
__version__ = "0.1.0"
