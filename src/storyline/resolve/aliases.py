"""``entities.alias.v2``: one entity per real-world name, across spellings, titles and articles.

Two passes, both deterministic and independent of the order articles arrive in:

1. **Within an article** (mentions in text order, one type at a time). A person's short form
   ("Kovac", "Sheikh Khalid", "Bin Abdulaziz") joins the most recent earlier full name
   whose folded tokens contain it; a lone first or middle name joins only when one earlier
   name in the article fits. Short forms seen before their full name are attached afterwards
   when exactly one full name in the article fits. An organization's acronym joins the name it
   abbreviates ("Coastal Defense Forces (CDF)" teaches CDF; initials of capitalized words count
   too), and a leading part of an earlier organization name joins it ("Northrop" ->
   "Northrop Grumman").
2. **Across articles** each article cluster is keyed by its longest name. Clusters merge when
   the keys are equal after folding (one typo allowed in a multi-word name), when one person's
   key is a strict, unambiguous subset of another's and shares a distinctive token with it
   (no third name has that token), when a lone surname is the last name of exactly one full
   name in the batch, when an acronym matches exactly one organization's initials (also for
   a run of words: "US Air Force" ~ "United States Air Force"), or when another article used
   one name as the short form of exactly one longer name. A PERSON never merges with another
   type (a person and the company named after them stay apart); the other entity types may
   merge with each other on the same folded name or acronym, because the model often tags
   one name ORG here and GPE or PRODUCT there. An entity's type is its mentions' majority
   label. An ambiguous match is left unmerged: a missed merge is preferred to a false one.

Not incremental: ids and merges depend on the whole batch the resolver is given (pass every
extraction of the collection to get collection-wide entities). The module must be imported
for the name to be registered (``import storyline.resolve.aliases``).

Entity ids hash the type and the folded key of the cluster's longest name, so the same data
gives the same ids whatever the order. ``explain(entity_id)`` lists why mentions were merged.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field

from storyline import registry
from storyline.models import ENTITY_LABELS, Entity, EntityMerge, Extraction, Mention
from storyline.lexicon import Lexicon, lexicon
from storyline.resolve.names import (
    Name, contained, initial_variants, parse_name, same_name, words_of,
)
from storyline.resolve.references import written_name_key
from storyline.resolve.types import vote_types

_PAREN_ACRONYM = re.compile(r"\s*\(\s*([A-Z][A-Za-z&.\-]{1,9})\s*\)")
_TRAILING_POSSESSIVE = re.compile(r"['’]s?$")
_LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)


@dataclass
class _Cluster:
    article_id: str
    label: str
    head: Name
    mentions: list[Mention] = field(default_factory=list)
    names: list[Name] = field(default_factory=list)
    acronyms: set[str] = field(default_factory=set)
    evidence: list[str] = field(default_factory=list)
    order: int = 0  # position of the last mention that updated it (recency)
    known: Entity | None = None  # an entity already stored (or from the user's aliases file)
    user: bool = False  # from the aliases file: every alias is a name of it

    def add(self, mention: Mention, name: Name, why: str | None = None) -> None:
        self.mentions.append(mention)
        self.names.append(name)
        if len(name.tokens) > len(self.head.tokens):
            self.head = name
        if why:
            self.evidence.append(why)

    def absorb(self, other: "_Cluster", why: str) -> None:
        for mention, name in zip(other.mentions, other.names):
            self.add(mention, name)
        self.acronyms |= other.acronyms
        self.evidence.extend(other.evidence)
        self.evidence.append(why)

    @property
    def sort_key(self) -> tuple:
        first = min((m.start for m in self.mentions), default=0)
        return (self.article_id, first, self.label, self.head.key)


def _eid(label: str, key: str, salt: str = "") -> str:
    return "a" + hashlib.sha1(f"alias2|{label}|{key}|{salt}".encode("utf-8")).hexdigest()[:12]


def _display(surface: str) -> str:
    text = " ".join(surface.split())
    return _TRAILING_POSSESSIVE.sub("", _LEADING_ARTICLE.sub("", text)).strip()


@registry.register("entities.alias.v2")
class AliasResolver:
    """Titles, particles, transliterations, short forms and acronyms -> one entity."""

    name = "entities.alias.v2"

    def __init__(self, words: Lexicon | None = None) -> None:
        self.words = words or lexicon()  # the run's word lists (Lexicon.from_settings)
        self._evidence: dict[str, list[str]] = {}
        self.merges: list[EntityMerge] = []  # stored entities the last call found to be one

    def explain(self, entity_id: str) -> list[str]:
        """Why the mentions of ``entity_id`` were put together (empty for a single name)."""
        return list(self._evidence.get(entity_id, []))

    # -- entry point ---------------------------------------------------------------------
    def __call__(
        self, extractions: list[Extraction], known: list[Entity] = (), user: list[Entity] = ()
    ) -> list[Entity]:
        """Entities for the mentions of ``extractions``.

        ``known`` are stored entities (see ``lookup_keys``): a batch's names join them by the
        same rules as names of two articles, so resolution is incremental; the stored id wins.
        ``user`` entities come from an aliases file: each of their aliases names them.
        Returns new and changed entities; ``self.merges`` lists stored entities now joined.
        """
        vote_types(extractions, known, self.words)  # one name, one type (resolve/types.py)
        clusters: list[_Cluster] = []
        for extraction in extractions:
            clusters.extend(self._article_clusters(extraction))
        clusters += [_known_cluster(e, self.words, user=True) for e in user]
        seen = {e.id for e in user}
        clusters += [_known_cluster(e, self.words) for e in known if e.id not in seen]
        clusters.sort(key=lambda c: c.sort_key)
        groups = self._merge_across(clusters)
        return self._entities(groups)

    # -- pass 1: within an article -----------------------------------------------------------
    def _article_clusters(self, extraction: Extraction) -> list[_Cluster]:
        text = extraction.article.text
        by_label: dict[str, list[tuple[Mention, Name]]] = defaultdict(list)
        for mention in sorted(extraction.mentions, key=lambda m: (m.start, m.end)):
            if mention.label not in ENTITY_LABELS or mention.kind != "name":
                continue  # titles and pronouns follow their antecedent (resolve/references.py)
            name = parse_name(mention.text, mention.label, self.words.company_forms)
            if not name.tokens or not any(t for t in name.tokens):
                continue
            by_label[_family(mention.label)].append((mention, name))
        out: list[_Cluster] = []
        for family in sorted(by_label):
            items = by_label[family]
            if family == "PERSON":
                out.extend(_link_people(extraction.article.id, items))
            else:
                things = _link_things(extraction.article.id, family, items, text)
                out.extend(_attach_bare_heads(extraction.article.id, things, self.words))
        return out

    # -- pass 2: across articles -------------------------------------------------------------
    def _merge_across(self, clusters: list[_Cluster]) -> list[list[_Cluster]]:
        parent = list(range(len(clusters)))
        reasons: dict[int, list[str]] = defaultdict(list)

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        def union(i: int, j: int, why: str) -> None:
            ri, rj = find(i), find(j)
            if ri != rj:
                ri, rj = min(ri, rj), max(ri, rj)
                parent[rj] = ri
                reasons[ri].extend(reasons.pop(rj, []))
            reasons[ri].append(why)

        by_label: dict[str, list[int]] = defaultdict(list)
        for index, cluster in enumerate(clusters):
            by_label[cluster.label].append(index)

        for label, indexes in sorted(by_label.items()):
            keys: dict[str, list[int]] = defaultdict(list)  # folded head key -> clusters
            names: dict[str, Name] = {}
            for i in indexes:
                for name in _key_names(clusters[i]):
                    keys[name.key].append(i)
                    names.setdefault(name.key, name)
            # 1. equal folded keys
            for key, members in keys.items():
                for j in members[1:]:
                    union(members[0], j, f"same folded name across articles: {key!r}")
            # 2. one typo apart in a multi-word name (other words equal)
            by_token: dict[str, set[str]] = defaultdict(set)
            for key, name in names.items():
                for token in name.tokens:
                    by_token[token].add(key)
            ordered = sorted(names)
            for key in ordered:
                name = names[key]
                if len(name.tokens) < 2:
                    continue
                near = set().union(*(by_token[t] for t in name.tokens)) - {key}
                for other in sorted(near):
                    if other > key and same_name(name, names[other]):
                        union(keys[key][0], keys[other][0],
                              f"spellings one typo apart: {name.surface!r} ~ {names[other].surface!r}")
            if label == "PERSON":
                self._merge_people(names, keys, by_token, union)
            else:
                self._merge_acronyms(clusters, indexes, names, keys, union, find)
                self._merge_short_things(clusters, indexes, names, keys, union, find)
                self._merge_initial_runs(names, keys, union, find)

        groups: dict[int, list[int]] = defaultdict(list)
        for i in range(len(clusters)):
            groups[find(i)].append(i)
        result = []
        for root, members in sorted(groups.items()):
            group = [clusters[i] for i in members]
            group[0].evidence = [e for c in group for e in c.evidence] + reasons.get(root, [])
            result.append(group)
        return result

    @staticmethod
    def _merge_people(names, keys, by_token, union) -> None:
        multi = {k: n for k, n in names.items() if len(n.tokens) >= 2}
        for key in sorted(names):
            name = names[key]
            candidates = sorted(
                {k for t in name.tokens for k in by_token[t]} - {key},
            )
            supersets = [k for k in candidates if k in multi and contained(name, multi[k])]
            if not supersets:
                continue
            # all supersets must be one person: each contained in (or equal to) the longest
            longest = max(supersets, key=lambda k: (len(multi[k].tokens), k))
            if not all(k == longest or contained(multi[k], multi[longest]) for k in supersets):
                continue
            family = set(supersets) | {key}
            if len(name.tokens) >= 2:
                # a distinctive token: shared with the supersets and with no other name
                distinctive = [t for t in name.tokens if by_token[t] <= family]
                if not distinctive:
                    continue
                why = (f"partial name {name.surface!r} is contained in {multi[longest].surface!r}"
                       f" (distinctive: {', '.join(distinctive)})")
            else:
                token = name.tokens[0]
                if by_token[token] - family:
                    continue  # the word is also part of an unrelated name
                if not all(multi[k].tokens[-1] == token for k in supersets):
                    continue  # a lone first name never links across articles
                why = f"lone surname {name.surface!r} fits only {multi[longest].surface!r}"
            for k in supersets:
                union(keys[key][0], keys[k][0], why)

    @staticmethod
    def _merge_acronyms(clusters, indexes, names, keys, union, find) -> None:
        known: dict[str, set[str]] = defaultdict(set)  # acronym -> head keys that expand to it
        for i in indexes:
            cluster = clusters[i]
            # initials alone are trusted from 3 letters ("GB" is not "Gazprom Bank" everywhere);
            # an acronym taught or used beside its expansion in one article counts at any length
            computed = cluster.head.acronym
            for acronym in cluster.acronyms | ({computed} if computed and len(computed) >= 3 else set()):
                known[acronym].add(cluster.head.key)
        for key in sorted(names):
            name = names[key]
            if not name.is_acronym:
                continue
            acronym = "".join(name.words)
            expansions = sorted(known.get(acronym, set()) - {key})
            if expansions and len({find(keys[k][0]) for k in expansions}) == 1:
                other = expansions[0]
                union(keys[key][0], keys[other][0],
                      f"acronym {name.surface!r} = initials of {names[other].surface!r}")

    @staticmethod
    def _merge_initial_runs(names, keys, union, find) -> None:
        """"US Federal Reserve" ~ "United States Federal Reserve": a written-out run of words
        matches a short capitalized word of the other name; every other word is the same."""
        spelled: dict[str, set[str]] = defaultdict(set)
        for key, name in names.items():
            for variant in initial_variants(name):
                spelled[variant].add(key)
        for key in sorted(names):
            name = names[key]
            if len(name.words) < 2:
                continue
            longer = sorted(spelled.get(" ".join(name.words), set()) - {key})
            if longer and len({find(keys[k][0]) for k in longer}) == 1:
                union(keys[key][0], keys[longer[0]][0],
                      f"{name.surface!r} abbreviates part of {names[longer[0]].surface!r}")

    @staticmethod
    def _merge_short_things(clusters, indexes, names, keys, union, find) -> None:
        """A head key that another article used as a short form of exactly one longer name."""
        short_of: dict[str, set[str]] = defaultdict(set)
        for i in indexes:
            cluster = clusters[i]
            for name in cluster.names:
                if name.key != cluster.head.key:
                    short_of[name.key].add(cluster.head.key)
        for key in sorted(names):
            longer = sorted(short_of.get(key, set()) - {key})
            if longer and len({find(keys[k][0]) for k in longer}) == 1:
                other = max(longer, key=lambda k: (len(names[k].tokens), k))
                if len(names[other].tokens) > len(names[key].tokens):
                    union(keys[key][0], keys[other][0],
                          f"{names[key].surface!r} is used for {names[other].surface!r} elsewhere")

    # -- output ---------------------------------------------------------------------------
    def _entities(self, groups: list[list[_Cluster]]) -> list[Entity]:
        self._evidence, self.merges = {}, []
        taken = {c.known.id for group in groups for c in group if c.known is not None}
        entities: list[Entity] = []
        described = sorted((self._describe(group) for group in groups),
                           key=lambda gb: (gb[2], gb[1].key, min(c.sort_key for c in gb[0])))
        for group, best, kind in described:
            if not any(c.mentions for c in group) and len(_known_ids(group)) < 2:
                continue  # a stored entity nothing in this batch touched
            entity = self._entity(group, best, kind, taken)
            taken.add(entity.id)
            for c in group:
                for mention in c.mentions:
                    mention.entity_id = entity.id
            self._evidence[entity.id] = entity.evidence
            entities.append(entity)
        return entities

    @staticmethod
    def _describe(group: list[_Cluster]) -> tuple[list[_Cluster], Name, str]:
        counts: dict[str, int] = defaultdict(int)
        written: dict[str, int] = defaultdict(int)  # "Tovari Kaisha" over a rarer "Tovari"
        for c in group:
            for name in c.names:
                counts[name.key] += 1
                written[_display(name.surface)] += 1
        best = max((n for c in group for n in c.names),
                   key=lambda n: (len(n.tokens), _untitled(n), counts[n.key],
                                  written[_display(n.surface)], -len(n.surface), n.surface))
        labels: dict[str, int] = defaultdict(int)
        for c in group:
            for mention in c.mentions:
                labels[mention.label] += 1
        stored = [c.known.type for c in group if c.known is not None]
        kind = stored[0] if stored else max(sorted(labels), key=lambda label: labels[label])
        return group, best, kind

    def _entity(self, group: list[_Cluster], best: Name, kind: str, taken: set[str]) -> Entity:
        known = _known_ids(group)
        if known:
            # the stored id wins (ids stay stable); other stored entities redirect to it
            entity_id = known[0]
            self.merges += [EntityMerge(other, entity_id, "; ".join(group[0].evidence[-3:]))
                            for other in known[1:]]
        else:
            entity_id = _eid(kind, best.key)
            if entity_id in taken:  # a rare clash is salted by the first mention
                first = min(c.sort_key for c in group)
                entity_id = _eid(kind, best.key, f"{first[0]}:{first[1]}")
        aliases = {_display(m.text) for c in group for m in c.mentions}
        aliases |= {a for c in group if c.known is not None for a in c.known.aliases}
        acronyms = sorted({a for c in group for a in c.acronyms})
        wikidata = next((c.known.wikidata for c in group if c.known and c.known.wikidata), None)
        entity = Entity(entity_id, _display_name(best), kind, sorted(aliases), acronyms,
                        evidence=list(group[0].evidence), wikidata=wikidata)
        entity.keys = sorted(entity_keys(entity, self.words))
        return entity


def _known_ids(group: list[_Cluster]) -> list[str]:
    """Stored ids in a group, the one to keep first (a user's entity, then the oldest name)."""
    known = [c for c in group if c.known is not None]
    known.sort(key=lambda c: (not c.user, -len(c.known.aliases), c.known.id))
    return [c.known.id for c in known]


def _known_cluster(entity: Entity, words: Lexicon, user: bool = False) -> _Cluster:
    label = _family(entity.type)
    forms = words.company_forms
    cluster = _Cluster("", label, parse_name(entity.name, entity.type, forms), known=entity,
                       user=user)
    for surface in [entity.name, *entity.aliases]:
        name = parse_name(surface, entity.type, forms)
        if name.tokens:
            cluster.names.append(name)
    cluster.acronyms = set(entity.acronyms)
    if user:
        cluster.evidence.append(f"the aliases file lists {', '.join(entity.aliases[:5])} "
                                f"for {entity.name!r}")
    return cluster


def _key_names(cluster: _Cluster) -> list[Name]:
    """Names a cluster is found under across articles: its head; every alias of a user entry."""
    return cluster.names if cluster.user else [cluster.head]


def entity_keys(entity: Entity, words: Lexicon | None = None) -> set[str]:
    """Lookup keys for a stored entity: folded tokens of its names and its acronyms."""
    keys = set(entity.acronyms)
    forms = (words or lexicon()).company_forms
    for surface in [entity.name, *entity.aliases]:
        keys |= _name_keys(parse_name(surface, entity.type, forms))
    return keys


def lookup_keys(extractions: list[Extraction], words: Lexicon | None = None) -> set[str]:
    """Keys under which stored entities that may join this batch's names are found."""
    keys: set[str] = set()
    forms = (words or lexicon()).company_forms
    for extraction in extractions:
        for mention in extraction.mentions:
            if mention.label in ENTITY_LABELS and mention.kind == "name":
                keys |= _name_keys(parse_name(mention.text, mention.label, forms))
        for event in extraction.events:  # a name no mention holds may be a stored entity's
            keys |= {k for actor in event.actors
                     if actor.entity_id is None and written_name_key(actor.text)
                     for k in _name_keys(parse_name(actor.text, "PRODUCT", forms))}
    return keys


def _name_keys(name: Name) -> set[str]:
    keys = set(name.tokens)
    if name.acronym:
        keys.add(name.acronym)
    if name.is_acronym:
        keys.add("".join(name.words))
    return {k for k in keys if k}


def _family(label: str) -> str:
    """People never merge with anything else; other entity types may (NER often mixes
    ORG/GPE/NORP/PRODUCT on one name), but only on the same folded name or acronym."""
    return "PERSON" if label == "PERSON" else "THING"


def _untitled(name: Name) -> bool:
    """The surface starts with the name itself, not with a title ("Sheikh ...", "Mr ...")."""
    first = _display(name.surface).split()[:1]
    return bool(first) and first[0].casefold().replace(".", "").startswith(name.words[0][:3])


def _display_name(name: Name) -> str:
    return _display(name.surface)


def _link_people(article_id: str, items: list[tuple[Mention, Name]]) -> list[_Cluster]:
    clusters: list[_Cluster] = []
    for order, (mention, name) in enumerate(items):
        recent = sorted(clusters, key=lambda c: -c.order)
        target, why = None, None
        for cluster in recent:
            if same_name(name, cluster.head):
                target, why = cluster, None
                break
        if target is None and len(name.tokens) >= 2:
            for cluster in recent:
                if contained(name, cluster.head):
                    target = cluster
                    why = f"{mention.text!r} is part of {cluster.head.surface!r} in article {article_id}"
                    break
        if target is None and len(name.tokens) == 1:
            token = name.tokens[0]
            surname = [c for c in recent if len(c.head.tokens) > 1 and c.head.tokens[-1] == token]
            anywhere = [c for c in recent if len(c.head.tokens) > 1 and token in c.head.tokens]
            if surname:
                target = surname[0]
                why = f"surname {mention.text!r} -> {target.head.surface!r} in article {article_id}"
            elif len(anywhere) == 1:
                target = anywhere[0]
                why = (f"{mention.text!r} fits only {target.head.surface!r} "
                       f"earlier in article {article_id}")
        if target is None:
            # a fuller form of an earlier short one ("Kovac" ... "Dana Kovac")
            grown = [c for c in recent if contained(c.head, name)]
            if len(grown) == 1:
                target = grown[0]
                why = f"{target.head.surface!r} is part of {mention.text!r} in article {article_id}"
        if target is None:
            target = _Cluster(article_id, "PERSON", name)
            clusters.append(target)
        target.add(mention, name, why)
        target.order = order
    return _attach_early_short_forms(article_id, clusters)


def _attach_early_short_forms(article_id: str, clusters: list[_Cluster]) -> list[_Cluster]:
    """A one-word cluster joins the only multi-word cluster of the article that contains it."""
    multi = [c for c in clusters if len(c.head.tokens) > 1]
    kept = []
    for cluster in clusters:
        if len(cluster.head.tokens) == 1:
            token = cluster.head.tokens[0]
            last = [c for c in multi if c.head.tokens[-1] == token]
            anywhere = [c for c in multi if token in c.head.tokens]
            fits = last if len(last) == 1 and len(anywhere) == 1 else anywhere
            if len(fits) == 1:
                fits[0].absorb(cluster, f"{cluster.head.surface!r} -> {fits[0].head.surface!r}"
                                        f" (only fit in article {article_id})")
                continue
        kept.append(cluster)
    return kept


def _link_things(article_id: str, label: str, items: list[tuple[Mention, Name]],
                 text: str) -> list[_Cluster]:
    clusters: list[_Cluster] = []
    for order, (mention, name) in enumerate(items):
        target, why = None, None
        for cluster in sorted(clusters, key=lambda c: -c.order):
            if any(same_name(name, other) for other in cluster.names):
                target = cluster
                break
        if target is None and name.is_acronym:
            acronym = "".join(name.words)
            fits = [c for c in clusters if acronym in c.acronyms or c.head.acronym == acronym]
            if len(fits) == 1:
                target = fits[0]
                target.acronyms.add(acronym)
                why = f"acronym {mention.text!r} of {target.head.surface!r} in article {article_id}"
        if target is None and name.label == "ORG":
            fits = [c for c in clusters if c.head.label == "ORG" and 3 > len(c.head.tokens) > len(name.tokens)
                    and c.head.tokens[:len(name.tokens)] == name.tokens]
            if len(fits) == 1:
                target = fits[0]
                why = f"{mention.text!r} shortens {target.head.surface!r} in article {article_id}"
        if target is None:
            target = _Cluster(article_id, label, name)
            clusters.append(target)
        target.add(mention, name, why)
        target.order = order
        taught = _PAREN_ACRONYM.match(text, mention.end) if text else None
        if taught and len(name.tokens) >= 2:
            letters = re.sub(r"[^A-Za-z]", "", taught.group(1))
            if letters.isupper():
                target.acronyms.add(letters.casefold())
    # acronyms used before their expansion (headline "CDF ..." then "Coastal Defense Forces (CDF)")
    kept: list[_Cluster] = []
    for cluster in clusters:
        if cluster.head.is_acronym:
            acronym = "".join(cluster.head.words)
            fits = [c for c in clusters if c is not cluster
                    and (acronym in c.acronyms or c.head.acronym == acronym)]
            if len(fits) == 1:
                fits[0].acronyms.add(acronym)
                fits[0].absorb(cluster, f"acronym {cluster.head.surface!r} of "
                                        f"{fits[0].head.surface!r} in article {article_id}")
                continue
        kept.append(cluster)
    return kept


def _attach_bare_heads(article_id: str, clusters: list[_Cluster], words: Lexicon
                       ) -> list[_Cluster]:
    """A bare head word ("the Authority", "the Ministry", "the Strip") names the one
    organisation or place of the article whose full name it heads ("Varn Port Authority",
    "Ministry of Fisheries"). With several such names it is a reference nobody can resolve
    here: its mentions get no entity rather than one "Authority" shared by every article.
    With none it stays a name of its own ("the Senate"), which another article may tie to
    the one longer name it stands for there."""
    heads = words.organization_heads | words.place_heads
    kept = []
    for cluster in clusters:
        head = cluster.head.words
        if len(head) != 1 or head[0] not in heads or cluster.known is not None:
            kept.append(cluster)
            continue
        fits = [c for c in clusters if head[0] in _heads_of(c.head)]
        if len(fits) == 1:
            fits[0].absorb(cluster, f"{cluster.head.surface!r} heads {fits[0].head.surface!r}"
                                    f" (the only such name in article {article_id})")
        elif not fits:
            kept.append(cluster)
    return kept


def _heads_of(name: Name) -> set[str]:
    """The head words of a multi-word name: its last word; its first before "of"."""
    words = [w for w in words_of(name.surface) if w not in ("the", "a", "an")]
    if len(words) < 2:
        return set()
    return {words[-1]} | ({words[0]} if len(words) > 2 and words[1] == "of" else set())


__all__ = ["AliasResolver", "entity_keys", "lookup_keys"]
