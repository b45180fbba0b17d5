"""Stories and copies as a user reads them, from the stored clustering state."""

from __future__ import annotations

from storyline.cluster.collection import COPIES, STORIES, Clusters
from storyline.models import Story
from storyline.store import Store


def _clusters(store: Store) -> Clusters:
    return Clusters.from_state(store.cluster_state(COPIES), store.cluster_state(STORIES))


def story_record(story: Story) -> dict:
    """The export contract: ``{"id", "title", "level", "articles", "events", "first", "last"}``."""
    return {"id": story.id, "title": story.title, "level": story.level, "articles": list(story.articles),
            "events": list(story.events), "first": story.first, "last": story.last}


def list_stories(store: Store, level: str | None = None) -> list[dict]:
    """Every story, largest first, with how many independent reports (copies counted once)."""
    clusters = _clusters(store)
    records = []
    for story in clusters.stories.stories(level):
        independent = {clusters.copies.canonical_of(a) for a in story.articles}
        records.append({**story_record(story), "parent": story.parent,
                        "independent_reports": len(independent)})
    return sorted(records, key=lambda r: (-len(r["articles"]), r["id"]))


def story_detail(store: Store, story_id: str) -> dict:
    """One story (NotFoundError when unknown) with its articles' outlets, dates and copies."""
    clusters = _clusters(store)
    story = clusters.stories.story(story_id)
    articles = [store.article(a) for a in story.articles]
    canonical = {a.id: clusters.copies.canonical_of(a.id) for a in articles}
    return {
        **story_record(story), "parent": story.parent,
        "outlets": sorted({a.outlet for a in articles if a.outlet}),
        "independent_reports": len(set(canonical.values())),
        "article_rows": [
            {"id": a.id, "published": a.published, "outlet": a.outlet, "title": a.title,
             "copy_of": canonical[a.id] if canonical[a.id] != a.id else None}
            for a in articles
        ],
    }


def list_copies(store: Store) -> list[dict]:
    """Groups of copies (two or more articles), each with its canonical article."""
    return [
        {"id": g.id, "canonical": g.canonical, "articles": list(g.articles),
         "similarity": dict(g.similarity)}
        for g in _clusters(store).copies.groups()
    ]
