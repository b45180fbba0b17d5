"""Line classification and the context rules of boilerplate removal (our own sentences)."""

from __future__ import annotations

import pytest

from storyline.clean.boilerplate import REASONS, classify_line, find_boilerplate


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Advertisement", "advertisement"),
        ("ADVERTISEMENT", "advertisement"),
        ("Story continues below advertisement", "advertisement"),
        ("CLICK HERE TO CLAIM YOUR FREE TOTE BAG", "call-to-action"),
        ("Click here to read the full report", "call-to-action"),
        ("Subscribe for unlimited access", "call-to-action"),
        ("Donate today to keep our reporters in the field", "call-to-action"),
        ("Read more: Ferry timetable changes for summer", "call-to-action"),
        ("Follow us on every platform for updates", "call-to-action"),
        ("Sign up for our morning newsletter", "newsletter"),
        ("Get the Harbor Brief newsletter delivered to your inbox", "newsletter"),
        ("Share this article", "share-widget"),
        ("Facebook Twitter WhatsApp Email", "share-widget"),
        ("Share on Facebook", "share-widget"),
        ("Related: Ferry timetable changes for summer", "related-links"),
        ("Photo: Lena Marsh/Northwind Press", "photo-credit"),
        ("Image source, Getty Images", "photo-credit"),
        ("(Photo by Lena Marsh)", "photo-credit"),
        ("Getty Images", "photo-credit"),
        ("Volunteers stack sandbags by the river (Lena Marsh/Northwind Press)", "photo-caption"),
        ("The old lighthouse at dusk (Photo: Tobias Quill)", "photo-caption"),
        ("Rescue crews on the pier on Monday (AFP)", "photo-caption"),
        ("Smoke rises over the harbour. REUTERS/Lena Marsh", "photo-caption"),
        ("Image caption, The mayor speaking at the vote", "photo-caption"),
        ("FILE - Crews repair the pier in 2021.", "photo-caption"),
        (
            "The post Bridge reopens after storm first appeared on Harbor City Ledger.",
            "repost-footer",
        ),
        ("(With information from EFE)", "wire-credit"),
        ("(Reporting by Lena Marsh; Editing by Tobias Quill)", "wire-credit"),
        ("(AP)", "wire-credit"),
        ("By Lena Marsh, Tobias Quill, KVX", "byline"),
        ("Published: March 3, 2022", "metadata"),
        ("Updated 2 Jan 2023 10:00 GMT", "metadata"),
        ("4 min read", "metadata"),
        ("© 2024 Harbor City Ledger. All rights reserved.", "copyright"),
        ("AP Photo/Lena Marsh", "photo-credit"),
        ("Image 3 of 7", "photo-credit"),
        ("Photographer: Lena Marsh/Northwind Press", "photo-credit"),
        ("Smoke rises over the harbour. AP Photo/Lena Marsh", "photo-caption"),
        ("Follow Lena Marsh on X for live updates", "call-to-action"),
        ("Contact the reporter at desk@example.org", "call-to-action"),
        ("Tags: Harbour, Ferries, Weather", "metadata"),
        ("This material may not be published, broadcast, rewritten or redistributed.", "copyright"),
    ],
)
def test_classify_line_table(line: str, reason: str) -> None:
    assert reason in REASONS
    assert classify_line(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "The council voted 7-2 to reopen the bridge on Monday.",
        "“We will rebuild the pier,” the mayor said.",
        "Harbour reopens to ferries",  # a sub-heading is content
        "Subscribers to the ferry pass complained about the fare rise.",
        "Donated blankets arrived by truck (about 300 of them).",
        "The vote (held in the old town hall) passed easily.",
        "By the end of the week, the river had fallen below its banks.",
        "Published in 2019, the survey covered nine towns.",
        "Share prices fell sharply after the announcement.",
        "Photographers gathered outside the court.",
        "Related talks are expected next month.",
        "“Join us,” the protesters chanted outside the hall.",
        "Sign up rates for the scheme rose sharply last year.",
        "Donated blankets and food arrived on Friday.",
        "Source, who asked not to be named, said talks stalled.",
        "File cabinets were carried out of the office.",
        "The firm said all rights reserved under the deal pass to the buyer.",
        "The names may not be published under a court order.",
        "The ratio rose to 3.1 (year/year) in the second quarter.",
    ],
)
def test_content_lines_are_kept(line: str) -> None:
    assert classify_line(line) is None
    assert find_boilerplate([line]) == {}


PARAGRAPHS = [
    "The harbour authority said the pier would reopen next spring.",
    "Engineers found that the storm had cracked two of the main supports.",
    "“It will take months, not weeks,” said the authority’s chief engineer.",
]


def test_caption_and_its_name_label_are_removed_but_paragraphs_stay() -> None:
    lines = [
        PARAGRAPHS[0],
        "Chief Engineer Ines van der Berg",
        "The engineer inspecting the damaged supports (Lena Marsh/Northwind Press)",
        PARAGRAPHS[1],
    ]
    assert find_boilerplate(lines) == {1: "photo-caption", 2: "photo-caption"}


def test_sentence_case_subheading_above_a_caption_stays() -> None:
    lines = [
        PARAGRAPHS[0],
        "What the engineers found",
        "Cracked supports (Lena Marsh/AFP)",
        PARAGRAPHS[1],
    ]
    assert find_boilerplate(lines) == {2: "photo-caption"}


def test_metadata_bullets_at_the_top() -> None:
    lines = [
        "- Local",
        "- Northwind News Agency",
        "- Published Date: 08:00 | 2 June 2023",
        *PARAGRAPHS,
    ]
    assert find_boilerplate(lines) == {0: "metadata", 1: "metadata", 2: "metadata"}


def test_header_lines_next_to_a_byline_or_date_are_metadata() -> None:
    lines = [
        "Analysis",
        "Harbor City Ledger Daily",
        "By Lena Marsh",
        "Published: 3 March 2024",
        *PARAGRAPHS,
    ]
    assert find_boilerplate(lines) == {0: "metadata", 1: "metadata", 2: "byline", 3: "metadata"}


def test_dek_sentence_next_to_a_byline_stays() -> None:
    lines = ["The pier will take months to repair, engineers warn.", "By Lena Marsh", *PARAGRAPHS]
    assert find_boilerplate(lines) == {1: "byline"}


def test_bullets_at_the_top_without_metadata_cues_stay() -> None:
    lines = ["- The pier is closed", "- Ferries run from the north quay", *PARAGRAPHS]
    assert find_boilerplate(lines) == {}


def test_trailing_headline_bullets_are_related_links() -> None:
    lines = [
        *PARAGRAPHS,
        "- Ferry fares to rise in autumn",
        "- Lighthouse keeper retires after 40 years",
        "- Storm season: what to expect",
    ]
    assert find_boilerplate(lines) == {3: "related-links", 4: "related-links", 5: "related-links"}


def test_trailing_bullets_announced_by_a_colon_are_content() -> None:
    lines = [
        *PARAGRAPHS,
        "What the closure means:",
        "- Ferries are cancelled",
        "- Schools stay open",
    ]
    assert find_boilerplate(lines) == {}


def test_bullets_of_sentences_inside_the_article_stay() -> None:
    lines = [
        PARAGRAPHS[0],
        "- The pier is closed until spring.",
        "- Ferries run from the north quay.",
        PARAGRAPHS[1],
    ]
    assert find_boilerplate(lines) == {}


def test_related_header_takes_its_list() -> None:
    lines = [
        *PARAGRAPHS,
        "",
        "Read also:",
        "Ferry fares to rise in autumn",
        "Lighthouse keeper retires",
    ]
    assert find_boilerplate(lines) == {4: "related-links", 5: "related-links", 6: "related-links"}


def test_promo_block_ending_in_cta_goes_but_subheaded_section_stays() -> None:
    lines = [
        *PARAGRAPHS,
        "Harbour reopens to ferries",  # sub-heading + real paragraphs: content
        "The north quay took ferries again on Sunday after repairs.",
        "Passengers queued for an hour, the operator said.",
        "Keep Local News Alive This Winter",  # promo heading
        "Join thousands of readers who support our newsroom.",
        "Every gift helps us cover the stories that matter to you.",
        "DONATE NOW AND GET A FREE MUG",
        "The post Pier to reopen first appeared on Harbor City Ledger.",
        "Harbor City Ledger",
    ]
    reasons = find_boilerplate(lines)
    assert all(i not in reasons for i in range(6))
    assert [reasons[i] for i in range(6, 12)] == [
        *["advertisement"] * 3,
        "call-to-action",
        "repost-footer",
        "site-name",
    ]


def test_cta_inside_the_article_does_not_take_paragraphs_with_it() -> None:
    lines = [PARAGRAPHS[0], "Repairs fund", "Click here to donate", PARAGRAPHS[1]]
    assert find_boilerplate(lines) == {2: "call-to-action"}


def test_block_without_promotional_wording_is_not_an_ad() -> None:
    lines = [
        *PARAGRAPHS,
        "Inspection results",
        "Two supports were cracked and one had shifted.",
        "Repairs were budgeted at four million.",
        "Read more: Ferry fares to rise in autumn",
    ]
    assert find_boilerplate(lines) == {6: "call-to-action"}


def test_blank_lines_between_paragraphs_do_not_matter() -> None:
    lines = [
        PARAGRAPHS[0],
        "",
        "Chief Engineer Ines van der Berg",
        "Engineer at the pier (Lena Marsh/AFP)",
        "",
        PARAGRAPHS[1],
    ]
    assert find_boilerplate(lines) == {2: "photo-caption", 3: "photo-caption"}


def test_bare_dates_head_timeline_entries_but_are_metadata_in_the_header() -> None:
    lines = ["Thursday, 12 May 2022", PARAGRAPHS[0], "2 March 2022", PARAGRAPHS[1], "9 April 2022"]
    lines += [PARAGRAPHS[2], "12 May 2022", "The pier reopened."]
    assert find_boilerplate(lines) == {0: "metadata"}
    header = ["The pier will take months to repair, engineers warn.", "By Lena Marsh", "3 May 2022"]
    assert find_boilerplate([*header, *PARAGRAPHS]) == {1: "byline", 2: "metadata"}


def test_quoted_section_before_a_trailing_cta_is_not_an_ad() -> None:
    lines = [
        *PARAGRAPHS,
        "What comes next",
        "“We will not give up on our pier,” said the mayor.",
        "Our town deserves better, she told us.",
        "Follow us on X for updates",
    ]
    assert find_boilerplate(lines) == {6: "call-to-action"}


def test_related_style_header_without_a_list_is_a_subheading() -> None:
    lines = [PARAGRAPHS[0], "More from the hearing", PARAGRAPHS[1], PARAGRAPHS[2]]
    assert find_boilerplate(lines) == {}
