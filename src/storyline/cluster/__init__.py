"""Global, incremental grouping of articles: copies (``copies.py``) and stories (``stories.py``).

Both take one article at a time, keep their state as plain rows for the store, and never
re-cluster: adding an article costs work bounded by index limits, not by the corpus size.
"""
