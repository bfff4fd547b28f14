"""data/search-synonyms.yml: the words readers type, checked like labels (hooks/search_synonyms.py)."""

from __future__ import annotations

import pytest

from helpcenter import search_synonyms
from helpcenter.datafiles import DataError


def load(tmp_path, text: str, languages=("sv", "en")):
    path = tmp_path / "search-synonyms.yml"
    path.write_text(text, encoding="utf-8")
    return search_synonyms.load(list(languages), path)


def test_the_projects_synonyms_load_for_every_language():
    synonyms = search_synonyms.load(["sv", "en"])
    assert synonyms["sv"]["mejl"] == ["e-post"]
    assert "vanished" in synonyms["en"]


def test_words_are_lower_case_and_one_target_may_be_written_alone(tmp_path):
    assert load(tmp_path, "sv:\n  Mejl: E-post\n") == {"sv": {"mejl": ["e-post"]}}


def test_a_language_may_have_no_section(tmp_path):
    assert load(tmp_path, "sv:\n  mejl: [e-post]\n") == {"sv": {"mejl": ["e-post"]}}


@pytest.mark.parametrize(
    "text, line, says",
    [
        ("sv:\n  mejl: [e-post]\nfi:\n  posti: [sähköposti]\n", 3, "not a language of the site"),
        ("sv:\n  mejl: [e-post]\n  min mejl: [e-post]\n", 3, "one word"),
        ("sv:\n  mejl: []\n", 2, "expected the words the pages use"),
        ("sv: [mejl]\n", 1, "expected `word: [words the pages use]`"),
    ],
)
def test_a_mistake_names_the_file_and_line_and_how_to_fix_it(tmp_path, text, line, says):
    with pytest.raises(DataError) as error:
        load(tmp_path, text)
    assert f"search-synonyms.yml:{line}:" in str(error.value) and says in str(error.value)
