"""The story clusterer's state as plain rows (tables listed in ``cluster/stories.py``).

Kept apart from the clustering logic so the row layout, which a store migration will mirror,
reads in one place. Rows are tuples of str/int/float/None only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storyline.cluster.index import Cluster
from storyline.cluster.local import LocalTerms
from storyline.errors import StoreError

if TYPE_CHECKING:
    from storyline.cluster.stories import StoryClusterer

TABLES = (
    "story_meta", "story_df", "story_clusters", "story_members",
    "story_centroids", "story_postings", "story_articles", "story_merged",
    "story_local_sizes", "story_local", "story_kept", "story_vectors",
)
# absent in state saved before they existed (story_kept/story_vectors: only v2 fills them)
OPTIONAL = ("story_local_sizes", "story_local", "story_kept", "story_vectors")


def state_to_rows(clusterer: StoryClusterer) -> dict[str, list[tuple]]:
    rows: dict[str, list[tuple]] = {table: [] for table in TABLES}
    rows["story_meta"] = [("documents", clusterer.frequencies.documents), ("sequence", clusterer.sequence)]
    rows["story_df"] = sorted(clusterer.frequencies.counts.items())
    for level, index in clusterer.levels.items():
        for cluster in index.clusters.values():
            rows["story_clusters"].append((
                cluster.id, level, cluster.founder, cluster.title, cluster.first, cluster.last,
                cluster.parent, cluster.updated, cluster.created,
            ))
            rows["story_members"].extend((cluster.id, i, a) for i, a in enumerate(cluster.members))
            rows["story_centroids"].extend((cluster.id, t, w) for t, w in cluster.centroid.items())
        for term, posting in index.postings.items():
            rows["story_postings"].extend((level, term, i, c) for i, c in enumerate(posting))
    for article_id, assignment in clusterer.assignments.items():
        copy_of = clusterer.copies.get(article_id)
        rows["story_articles"].append(
            (article_id, assignment.event, assignment.storyline, copy_of, assignment.score)
        )
    rows["story_postings"].sort(key=lambda row: row[:3])  # a stable order, whatever dicts did
    rows["story_merged"] = list(clusterer.merged.items())
    rows["story_local_sizes"] = [(sid, local.documents) for sid, local in clusterer.local.items()]
    rows["story_local"] = [
        (sid, term, count) for sid, local in clusterer.local.items() for term, count in local.counts.items()
    ]
    for event_id, kept in clusterer.kept.items():
        for position, (article_id, (day, title, vector)) in enumerate(kept.items()):
            rows["story_kept"].append((event_id, position, article_id, day, title))
            rows["story_vectors"].extend((event_id, article_id, t, w) for t, w in vector.items())
    return rows


def state_from_rows(clusterer: StoryClusterer, rows: dict[str, list[tuple]]) -> None:
    """Fill an empty clusterer from rows; raises StoreError when a table is missing."""
    missing = [table for table in TABLES if table not in rows and table not in OPTIONAL]
    if missing:
        raise StoreError(f"story state is missing table(s) {', '.join(missing)}; expected {', '.join(TABLES)}")
    meta = dict(rows["story_meta"])
    clusterer.frequencies.documents = int(meta.get("documents", 0))
    clusterer.sequence = int(meta.get("sequence", 0))
    clusterer.frequencies.counts = {term: int(count) for term, count in rows["story_df"]}
    _restore_clusters(clusterer, rows)
    _restore_assignments(clusterer, rows["story_articles"])
    clusterer.merged = dict(rows["story_merged"])
    _restore_local(clusterer, rows.get("story_local_sizes", []), rows.get("story_local", []))
    _restore_kept(clusterer, rows.get("story_kept", []), rows.get("story_vectors", []))


def _restore_kept(clusterer: StoryClusterer, kept: list[tuple], vectors: list[tuple]) -> None:
    terms: dict[tuple[str, str], dict[str, float]] = {}
    for event_id, article_id, term, weight in vectors:
        terms.setdefault((event_id, article_id), {})[term] = float(weight)
    for event_id, _, article_id, day, title in sorted(kept, key=lambda row: row[1]):  # stable: events keep their order
        members = clusterer.kept.setdefault(event_id, {})
        members[article_id] = (day, title, terms.get((event_id, article_id), {}))


def _restore_local(clusterer: StoryClusterer, sizes: list[tuple], counts: list[tuple]) -> None:
    for storyline_id, documents in sizes:
        clusterer.local[storyline_id] = LocalTerms(int(documents))
    for storyline_id, term, count in counts:
        clusterer.local[storyline_id].counts[term] = int(count)


def _restore_clusters(clusterer: StoryClusterer, rows: dict[str, list[tuple]]) -> None:
    level_of: dict[str, str] = {}
    for cluster_id, level, founder, title, first, last, parent, updated, created in rows["story_clusters"]:
        cluster = Cluster(cluster_id, founder, title or "", [], {}, first, last, parent, int(updated), int(created))
        clusterer.levels[level].clusters[cluster_id] = cluster
        level_of[cluster_id] = level
    for cluster_id, _, article_id in sorted(rows["story_members"], key=lambda r: (r[0], r[1])):
        clusterer.levels[level_of[cluster_id]].clusters[cluster_id].members.append(article_id)
    for cluster_id, term, weight in rows["story_centroids"]:
        clusterer.levels[level_of[cluster_id]].clusters[cluster_id].centroid[term] = float(weight)
    for level, term, _, cluster_id in sorted(rows["story_postings"], key=lambda r: (r[0], r[1], r[2])):
        clusterer.levels[level].postings.setdefault(term, []).append(cluster_id)


def _restore_assignments(clusterer: StoryClusterer, article_rows: list[tuple]) -> None:
    from storyline.cluster.stories import Assignment

    for article_id, event_id, storyline_id, copy_of, score in article_rows:
        event = clusterer.levels["event"].clusters[event_id]
        storyline = clusterer.levels["storyline"].clusters[storyline_id]
        founded_event = event.founder == article_id and copy_of is None
        founded_storyline = storyline.founder == article_id and copy_of is None
        clusterer.assignments[article_id] = Assignment(
            article_id, event_id, storyline_id, founded_event, founded_storyline, float(score)
        )
        if copy_of is not None:
            clusterer.copies[article_id] = copy_of


# -- stories.incremental.v3 (cluster/stories_v3.py): what its local re-clustering needs ----------
#   story_regroup_meta     (key, value)                       "documents" of its word table
#   story_regroup_df       (term, count)                      its running word frequencies
#   story_regroup_articles (article_id, arrival, day, title)  every article, copies too
#   story_regroup_terms    (article_id, term, count)          recent articles' strongest word counts
#   story_regroup_postings (term, position, article_id)       the article index
REGROUP_TABLES = ("story_regroup_meta", "story_regroup_df", "story_regroup_articles", "story_regroup_terms",
                  "story_regroup_postings")


def regroup_to_rows(clusterer) -> dict[str, list[tuple]]:
    index = clusterer.articles
    return {
        "story_regroup_meta": [("documents", clusterer.word_frequencies.documents)],
        "story_regroup_df": sorted(clusterer.word_frequencies.counts.items()),
        "story_regroup_articles": [
            (a, arrival, index.days[a], index.titles[a]) for a, arrival in index.arrival.items()
        ],
        "story_regroup_terms": [(a, t, c) for a, counts in index.counts.items() for t, c in counts.items()],
        "story_regroup_postings": sorted((t, n, a) for t, posting in index.postings.items() for n, a in enumerate(posting)),
    }


def regroup_from_rows(clusterer, rows: dict[str, list[tuple]]) -> None:
    """Fill a v3 clusterer's word table and article index; raises StoreError when one is missing."""
    missing = [table for table in REGROUP_TABLES if table not in rows]
    if missing:
        raise StoreError(f"stories.incremental.v3 state is missing table(s) {', '.join(missing)}")
    clusterer.word_frequencies.documents = int(dict(rows["story_regroup_meta"]).get("documents", 0))
    clusterer.word_frequencies.counts = {term: int(count) for term, count in rows["story_regroup_df"]}
    index = clusterer.articles
    for article_id, _, day, title in sorted(rows["story_regroup_articles"], key=lambda row: row[1]):
        index.note(article_id, day, title)
    for article_id, term, count in rows["story_regroup_terms"]:
        index.counts.setdefault(article_id, {})[term] = float(count)
    for term, _, article_id in sorted(rows["story_regroup_postings"], key=lambda row: row[:2]):
        index.postings.setdefault(term, []).append(article_id)
