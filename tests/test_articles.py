"""Reading article files: formats, encodings, metadata, and the story's text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from builder.extract.articles import ArticleError, date_from_url, find_articles, read_article

FIXTURES = Path(__file__).parent / "fixtures" / "articles"


def fixture(name: str):
    return read_article(FIXTURES / name)


# --- finding ------------------------------------------------------------------------------


def test_find_articles_lists_known_formats_sorted_and_skips_hidden_files(tmp_path):
    for name in ("b.md", "a.txt", "c.HTML", "d.htm", "e.markdown", ".hidden.txt", "notes.docx", "f.json"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "folder.txt").mkdir()
    assert [p.name for p in find_articles(tmp_path)] == ["a.txt", "b.md", "c.HTML", "d.htm", "e.markdown"]


def test_find_articles_in_a_missing_folder_says_so(tmp_path):
    with pytest.raises(ArticleError, match="is not a folder"):
        find_articles(tmp_path / "nowhere")


# --- plain text -----------------------------------------------------------------------------


def test_a_text_file_has_its_headline_on_the_first_line():
    article = fixture("en_rockets.txt")
    assert article.title == "Rockets hit Qayyarah air base, two soldiers wounded"
    assert article.id == "en-rockets"


def test_a_text_file_keeps_only_the_story_paragraphs():
    article = fixture("en_rockets.txt")
    assert [p.split()[0] for p in article.paragraphs] == ["Four", "The", "No", "Police"]
    reasons = {reason for _, reason in article.dropped}
    assert {"caption", "title-like line", "url", "comment form"} <= reasons


def test_a_bare_url_line_gives_the_url_publisher_and_date():
    article = fixture("en_rockets.txt")
    assert article.url == "https://www.northwire.example/iraq/2021/03/09/rockets-qayyarah-base"
    assert article.publisher == "northwire.example"
    assert (article.published, article.published_from) == (date(2021, 3, 9), "url")


def test_a_text_file_may_open_with_front_matter(tmp_path):
    path = tmp_path / "with_meta.txt"
    path.write_text("---\ntitle: Curfew in Basra\npublished: 2019-11-02\n---\n"
                    "A curfew was declared in Basra on Saturday.\n", encoding="utf-8")
    article = read_article(path)
    assert (article.title, article.published) == ("Curfew in Basra", date(2019, 11, 2))
    assert article.paragraphs == ["A curfew was declared in Basra on Saturday."]


def test_an_article_without_a_date_says_it_is_unknown():
    article = fixture("en_crlf.txt")
    assert (article.url, article.publisher, article.published, article.published_from) == ("", "", None, "unknown")


def test_sentences_know_their_paragraph_and_position():
    article = fixture("en_rockets.txt")
    assert [(s.paragraph, s.index) for s in article.sentences] == [(0, 0), (1, 1), (1, 2), (2, 3), (2, 4), (3, 5)]
    assert article.sentences[2].text.startswith("Lt. Col. Sami Hadi said")


def test_a_sub_heading_is_in_no_sentence():
    article = fixture("en_rockets.txt")
    assert not any("Nineveh" in s.text for s in article.sentences)


def test_the_language_of_a_text_file_is_detected():
    article = fixture("en_rockets.txt")
    assert (article.language, article.language_from) == ("en", "detected")


def test_a_german_article_is_detected_as_german():
    assert fixture("de_anschlag.txt").language == "de"


# --- encodings and line ends --------------------------------------------------------------


def test_a_windows_1252_file_keeps_its_accents():
    article = fixture("fr_cp1252.txt")
    assert article.title == "Irak : deux roquettes s’abattent près de l’ambassade américaine"
    assert "États-Unis" in article.paragraphs[0]
    assert article.language == "fr"


def test_a_utf8_file_with_a_few_windows_1252_bytes_keeps_every_accent(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes("Tirs à Bagdad\n\nLes États-Unis ".encode() + "ont dû réagir.\n".encode("cp1252"))
    assert read_article(path).paragraphs == ["Les États-Unis ont dû réagir."]


def test_crlf_line_ends_read_like_lf():
    article = fixture("en_crlf.txt")
    assert article.title == "Protesters block road to Basra oil field"
    assert len(article.paragraphs) == 2
    assert not any("\r" in p for p in article.paragraphs)


def test_cr_line_ends_read_like_lf(tmp_path):
    path = tmp_path / "old_mac.txt"
    path.write_bytes(b"Curfew in Nasiriyah\r\rA curfew was declared in Nasiriyah on Friday after clashes.\r")
    article = read_article(path)
    assert article.title == "Curfew in Nasiriyah"
    assert article.paragraphs == ["A curfew was declared in Nasiriyah on Friday after clashes."]


def test_a_byte_order_mark_is_not_part_of_the_headline():
    assert fixture("en_bom.txt").title == "Drone strike hits convoy near Qaim"


# --- Markdown ---------------------------------------------------------------------------------


def test_markdown_front_matter_gives_the_metadata():
    article = fixture("fr_taji.md")
    assert article.title == "Irak : des obus de mortier tombent sur le camp de Taji"
    assert article.url == "https://www.levant-info.example/irak/obus-camp-taji"
    assert article.publisher == "Levant Info"
    assert (article.published, article.published_from) == (date(2020, 9, 30), "front-matter")
    assert (article.language, article.language_from) == ("fr", "declared")


def test_markdown_heading_equal_to_the_title_is_not_body_text():
    article = fixture("fr_taji.md")
    assert ("Irak : des obus de mortier tombent sur le camp de Taji", "headline") in article.dropped
    assert ("Un lanceur retrouvé", "heading") in article.dropped


def test_markdown_markup_is_removed_and_wrapped_lines_joined():
    first = fixture("fr_taji.md").paragraphs[0]
    assert first == ("Trois obus de mortier sont tombés mardi soir sur le camp de Taji, au nord de "
                     "Bagdad, sans faire de victimes, a indiqué la cellule des médias de la sécurité.")


def test_a_heading_matches_a_title_written_with_other_quotes(tmp_path):
    path = tmp_path / "quotes.md"
    path.write_text('---\ntitle: "Rockets hit the embassy\'s dining hall"\n---\n\n'
                    "# Rockets hit the embassy’s dining hall\n\nA rocket hit the embassy on Sunday.\n",
                    encoding="utf-8")
    assert ("Rockets hit the embassy’s dining hall", "headline") in read_article(path).dropped


def test_markdown_without_front_matter_takes_its_title_from_the_heading(tmp_path):
    path = tmp_path / "plain.md"
    path.write_text("# Clashes in Sinjar\n\nFighting broke out in Sinjar on Monday.\n", encoding="utf-8")
    article = read_article(path)
    assert article.title == "Clashes in Sinjar"
    assert article.paragraphs == ["Fighting broke out in Sinjar on Monday."]


def test_markdown_images_quotes_lists_and_underlined_headings_read_as_plain_text(tmp_path):
    path = tmp_path / "markup.md"
    path.write_text("---\ntitle: Clashes in Sinjar\n---\n\n"
                    "![Smoke over Sinjar](https://example.org/sinjar.jpg)\n\n"
                    "Fighting broke out in **Sinjar** on Monday, <https://example.org/live> reported.\n\n"
                    "Residents fled\n--------------\n\n"
                    "> “We left everything behind,” a resident said.\n\n"
                    "- Two fighters were killed near the market.\n", encoding="utf-8")
    article = read_article(path)
    assert article.paragraphs == [
        "Fighting broke out in Sinjar on Monday, https://example.org/live reported.",
        "“We left everything behind,” a resident said.",
        "Two fighters were killed near the market.",
    ]
    assert ("Residents fled", "heading") in article.dropped
    assert [reason for _, reason in article.dropped].count("image") == 1


def test_a_declared_language_wins_over_detection(tmp_path):
    path = tmp_path / "declared.md"
    path.write_text("---\ntitle: Rockets hit Taji\nlanguage: fr\n---\n\n"
                    "Three rockets hit Camp Taji on Wednesday evening, officials said.\n", encoding="utf-8")
    article = read_article(path)
    assert (article.language, article.language_from) == ("fr", "declared")


@pytest.mark.parametrize("front_matter, message, line", [
    ("title: A\npublished: sometime in January", "published: 'sometime in January' is not a date", 3),
    ("title: A\npublished: 2020-02-30", "is not a date, expected YYYY-MM-DD", 3),
    ("title: A\nlanguage: English", "language: 'English' is not a language code", 3),
    ("title: [A\n", "front matter: YAML does not parse", None),
])
def test_bad_front_matter_is_an_error_naming_the_line(tmp_path, front_matter, message, line):
    path = tmp_path / "bad.md"
    path.write_text(f"---\n{front_matter}\n---\n\nBody text here.\n", encoding="utf-8")
    with pytest.raises(ArticleError, match=message) as caught:
        read_article(path)
    assert caught.value.path == path
    if line:
        assert str(caught.value).startswith(f"{path}:{line}: ")


# --- HTML -------------------------------------------------------------------------------------


def test_a_web_page_gives_its_metadata():
    article = fixture("en_page.html")
    assert article.title == "Rockets strike Harir air base, two contractors hurt"
    assert article.url == "https://www.northernwire.example/world/2021/02/16/rockets-strike-harir"
    assert article.publisher == "Northern Wire"
    assert (article.published, article.published_from) == (date(2021, 2, 16), "front-matter")
    assert (article.language, article.language_from) == ("en", "declared")


def test_a_web_page_keeps_the_story_without_its_surroundings():
    text = " ".join(fixture("en_page.html").paragraphs)
    assert text.startswith("Several rockets struck Harir air base")
    assert "10 p.m. local time" in text
    for not_story in ("World", "Share", "File photo", "Read more", "Pattern of attacks",
                      "newsletter", "nobody is held responsible", "Leave a Reply", "rights reserved"):
        assert not_story not in text


def test_a_windows_1252_web_page_declares_its_encoding_and_language():
    article = fixture("fr_page.html")
    assert article.title == "Irak : un camp militaire visé par des tirs de mortier"
    assert article.publisher == "Le Journal du Levant"
    assert article.published == date(2020, 9, 29)
    assert article.language == "fr"
    text = " ".join(article.paragraphs)
    assert "« Les tirs sont partis d'une zone agricole à l'est de la base »" in text
    assert "Lire aussi" not in text and "Photo d'archives" not in text


# --- errors -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name, content, message", [
    ("empty.txt", b"", "is empty"),
    ("blank.md", b"  \n\n \r\n", "is empty"),
    ("headline.txt", b"Only a headline\n", "no story text"),
    ("empty.html", b"", "is empty"),
    ("nothing.html", b"<html><head><title>Home</title></head><body><img src='a.jpg'></body></html>",
     "no article text"),
    ("notes.docx", b"PK", "unknown format '.docx'"),
])
def test_an_unreadable_article_is_an_error_naming_the_file(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ArticleError, match=message) as caught:
        read_article(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert caught.value.path == path


def test_a_missing_file_is_an_error(tmp_path):
    with pytest.raises(ArticleError, match="cannot be read"):
        read_article(tmp_path / "gone.txt")


# --- dates in URLs ------------------------------------------------------------------------------


@pytest.mark.parametrize("url, day", [
    ("https://www.example.com/news/2020/01/13/rockets-hit-balad", date(2020, 1, 13)),
    ("https://www.example.com/2020/1/3/strike", date(2020, 1, 3)),
    ("https://www.aljazeera.com/news/2020/07/iran-backed-group-denies-attack-200705145048571.html",
     date(2020, 7, 5)),
    ("https://example.fr/irak/2020-01-13-roquettes", date(2020, 1, 13)),
    ("https://example.fr/article_20200113_roquettes.html", date(2020, 1, 13)),
    ("www.example.com/2019/12/30/strikes", date(2019, 12, 30)),
    ("https://example.cn/world/n3/2021/0304/c31356-9824500.html", date(2021, 3, 4)),
    ("https://fr.example.com/stories/202403080139.html", date(2024, 3, 8)),
])
def test_a_date_is_read_from_a_url(url, day):
    assert date_from_url(url) == day


@pytest.mark.parametrize("url", [
    "https://www.example.com/news/2020/02/30/no-such-day",
    "https://www.example.com/news/2020/13/01/no-such-month",
    "https://example.fr/article_20201301_roquettes.html",
    "https://www.example.com/news/2020/07/only-a-month",
    "https://www.example.com/news/2020/08/slug-200705145048571.html",  # stamp disagrees with /2020/08/
    "https://www.example.com/video/123456789012345",                     # an id, not a stamp
    "https://www.example.com/stories/202413080139.html",                 # a number, no possible day
    "https://www.example.com/2021/1304/slug",                            # no thirteenth month
    "https://news20200113.example.com/story",                            # digits in the host
    "https://www.example.com/about",
])
def test_a_url_without_a_possible_date_gives_none(url):
    assert date_from_url(url) is None


# --- untrusted files: each refused with its reason, or read with what is unsafe left out -----


@pytest.mark.parametrize("name, content, message", [
    ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "holds NUL bytes"),
    ("utf16.txt", "Headline\n\nBody".encode("utf-16-le"), "holds NUL bytes"),
    ("controls.txt", b"Headline\n\n" + bytes(range(1, 9)) * 50 + b" body", "is binary"),
    ("odd.txt", b"\xff\xfeH\x00e\x00l", r"is not valid UTF-16-LE text \(truncated data at byte 6\)"),
    ("cut.md", b"---\ntitle: Rockets hit Taji\npublished: 2020-03-12\n\nThe story.\n",
     "front matter opened by '---' is never closed"),
])
def test_a_file_that_is_not_an_article_is_refused_with_its_reason(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ArticleError, match=message):
        read_article(path)


def test_an_article_over_the_size_limit_is_refused_without_being_read(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.truncate(50_000_000)  # 50 MB of nothing, written in no time
    with pytest.raises(ArticleError, match=r"is 50\.0 MB, more than the 5\.0 MB an article may be"):
        read_article(path)


def test_a_line_over_the_length_limit_is_refused_naming_the_line(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("Headline\n\n" + "word " * 5_000 + "\n", encoding="utf-8")
    with pytest.raises(ArticleError, match=r"line 3 is 25,000 characters long, more than the 20,000") as caught:
        read_article(path)
    assert caught.value.line == 3


def test_a_symbolic_link_out_of_the_articles_folder_is_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("Headline\n\nNot an article of the chronology.\n", encoding="utf-8")
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "inside.txt").write_text("Headline\n\nA story.\n", encoding="utf-8")
    (folder / "link-out.txt").symlink_to(secret)
    (folder / "link-in.txt").symlink_to(folder / "inside.txt")
    (folder / "dangling.txt").symlink_to(folder / "gone.txt")
    assert [p.name for p in find_articles(folder)] == ["dangling.txt", "inside.txt", "link-in.txt",
                                                       "link-out.txt"]
    with pytest.raises(ArticleError, match=r"symbolic link to .*secret\.txt, outside the articles folder"):
        read_article(folder / "link-out.txt")
    with pytest.raises(ArticleError, match="cannot be read"):
        read_article(folder / "dangling.txt")
    assert read_article(folder / "link-in.txt").paragraphs == ["A story."]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>",
                                 "file:///etc/passwd"])
def test_an_address_that_is_not_a_web_one_is_left_out_with_a_warning(tmp_path, url):
    path = tmp_path / "a.md"
    path.write_text(f"---\ntitle: Rockets hit Taji\nurl: '{url}'\n---\n\nThe story.\n", encoding="utf-8")
    article = read_article(path)
    assert article.url == ""
    assert article.warnings == [(3, f"url: {url!r} is not a web address (http:// or https://); "
                                    "left out, so the source has no link")]


def test_a_file_name_with_no_letter_still_gives_an_id(tmp_path):
    path = tmp_path / "!!!.txt"
    path.write_text("Headline\n\nA story.\n", encoding="utf-8")
    assert read_article(path).id.startswith("article-")


def test_nested_markdown_emphasis_links_and_comments_read_as_plain_text(tmp_path):
    path = tmp_path / "nested.md"
    path.write_text("# Rockets hit Taji\n\n**Three *American* soldiers** were __killed _at_ Taji__ "
                    "<!-- a note --> in [an attack](https://example.org/a) <b>on Wednesday</b>.\n",
                    encoding="utf-8")
    assert read_article(path).paragraphs == [
        "Three American soldiers were killed at Taji in an attack on Wednesday."]


def test_markdown_made_of_unclosed_markup_is_read_in_one_pass(tmp_path):
    # Each of these lines once made a pattern search the rest of the paragraph again at each
    # mark: minutes for this file. Now it reads like any other.
    path = tmp_path / "marks.md"
    lines = ["[" * 19_000, "![" * 9_000, "[a](" * 4_000, "*a " * 6_000, "_a " * 6_000, "<a " * 6_000,
             "<!-- " * 3_000]
    path.write_text("# Headline\n\n" + "\n".join(lines) + "\n\nRockets hit Taji.\n", encoding="utf-8")
    assert read_article(path).paragraphs[-1] == "Rockets hit Taji."


def test_control_characters_escaped_in_front_matter_or_text_become_spaces(tmp_path):
    """Validation refuses them in records, so the article's title, publisher and sentences
    never carry one into the records extraction writes."""
    path = tmp_path / "escapes.md"
    path.write_text('---\ntitle: "Rockets\\e hit\\uFFFE Camp Taji\\x9b"\npublisher: "Wire\\a"\n'
                    "published: 2020-03-12\nlanguage: en\n---\n\n"
                    "Three rockets struck\x7f Camp Taji\u0090 on Wednesday, killing two soldiers.\n", encoding="utf-8")
    article = read_article(path)
    assert (article.title, article.publisher) == ("Rockets hit Camp Taji", "Wire")
    assert article.sentences[0].text == "Three rockets struck Camp Taji on Wednesday, killing two soldiers."
