"""Global, incremental grouping of articles: copies (``copies.py``) and stories (``stories.py``).

Both take one article at a time, keep their state as plain rows for the store, and never
re-cluster the corpus: adding an article costs work bounded by index limits, not by the corpus
size (``stories.incremental.v3`` re-clusters only a bounded neighbourhood, ``stories_v3.py``).
"""

from storyline.cluster import stories_v3  # noqa: F401  (registers stories.incremental.v3)
