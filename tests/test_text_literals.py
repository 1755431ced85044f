"""The required text of a pattern: a quick test that never skips a pattern that would match."""
from __future__ import annotations

import random
import re

import pytest

from provenance.artifacts.boilerplate import chrome_entries
from provenance.artifacts.calques import calque_entries
from provenance.artifacts.declaration import declarations
from provenance.artifacts.grammar import grammar_rules
from provenance.artifacts.typography import typography_rules
from provenance.text.literals import Prefilter, fold_for_match, matches, may_match, required_prefix, required_text
from provenance.trace.conflicts import fact_patterns
from provenance.trace.sources.catalog import catalog


@pytest.mark.parametrize(("pattern", "required"), [
    (r"\bthe umpteenth\s+(crisis|time)", ("the umpteenth",)),
    (r"(?:killed|dead|died|slain)\b", ("dead", "died", "killed", "slain")),
    (r"(?:abc)+d", ("abcd",)),  # the last repetition runs into what follows
    (r"colou?r", ("color", "colour")),  # few-valued steps spelt out
    (r"(?i)NACH ANGABEN", ("nach angaben",)),
    (r"a(?:xyz|uv)b", ("auvb", "axyzb")),
    (r"x{3}yz", ("xxxyz",)),
    (r"(?i)(?<!\bwas )\bcount(?:s|ed)? with", ("count with", "counted with", "counts with")),  # zero-width steps
    (r"\w+[ \u00a0]+[.,]", (" ,", " .", "\u00a0,", "\u00a0.")),  # two characters, neither a letter nor a space
    (r"[Tt]he (?:Iraqi|Syrian) \w+ (?:army|navy)", ("the iraqi ", "the syrian ")),  # the longest shortest text
    (r"\d{1,3}(?:[\u00a0\u202f]\d{3})+", ("\u00a0", "\u202f")),  # one mark outside ASCII
])
def test_required_text_is_read_off_the_pattern(pattern: str, required: tuple[str, ...]) -> None:
    assert required_text(re.compile(pattern)) == required


@pytest.mark.parametrize("pattern", [r"(?:abc)*d", r"a(?:x|u)b?", r"\d+ \w+", r"\d+é\d", r"[\u0660-\u0669]+", r"x{2}y?", r"(?!killed)\w+", r"\w+\.",
                                     r"(?:ab|c\w+)", r"a[^b]c"])
def test_optional_or_short_text_is_not_required(pattern: str) -> None:
    assert required_text(re.compile(pattern)) is None


def test_case_insensitive_matches_are_never_skipped() -> None:
    # dotless ı matches i case-insensitively although casefolding keeps it apart
    regex = re.compile(r"killed", re.IGNORECASE)
    for text in ("KİLLED in the blast", "kıllED", "Killed"):
        assert regex.search(text)
        assert may_match(regex, fold_for_match(text))
    assert not may_match(regex, fold_for_match("Three people died."))


SENTENCES = [
    "At least 12 people were killed and 30 injured when the bridge collapsed, officials said.",
    "Le ministre a déclaré que 14 personnes ont été tuées et 20 blessées dans l'attaque.",
    "Según la policía, 7 personas murieron y 11 resultaron heridas en el accidente.",
    "Bei dem Anschlag wurden nach Angaben der Polizei 5 Menschen getötet und 9 verletzt.",
    "The umpteenth crisis saw the Prime Minister take a decision in the optic of stability.",
    "In 2023, il governo ha detto che 3 persone sono state uccise e 8 ferite nell'incendio.",
    "Le ministre a dit : « Nous avons 1\u202f000 soldats » ; à 12h30 , il est parti !",
    "The Ministry of Interior said the road was closed. She added that 3,5 million people , and 2.500 "
    "soldiers, will agreed to the plan.",
    "The President has declared in late 2017 that he “would”come. This is an unofficial translation.",
    "¿Qué pasa? Traducción del inglés. She explained that the Jordanian (Al Ghad) newspaper wrote it.",
]


CITING = [
    "The ministry said in a statement on Tuesday that the talks would resume, according to the report.",
    "A Pentagon spokesman told reporters that the newspaper had quoted him correctly.",
    "The senator took to Twitter to say the agency had been warned; she later tweeted a correction.",
    "Ein Interpol-Sprecher sagte in einer Erklärung, die Zeitung habe berichtet.",
    "El portavoz de la OTAN dijo en un comunicado que, según el diario, la agencia lo confirmó.",
    "Le porte-parole de l'ONU a déclaré dans un communiqué, selon le journal, que le rapport était faux.",
    "Il portavoce della Commissione ha detto in una nota che, secondo il quotidiano, il rapporto è stato pubblicato.",
]


def test_no_table_pattern_is_skipped_where_it_matches() -> None:
    # every pattern of the calque, boilerplate, typography, grammar, declaration and casualty
    # tables and of the citation cues, on
    # real sentences and on random mixtures of their words: wherever a pattern matches, the quick
    # test lets it run
    rng = random.Random(3)
    words = " ".join(SENTENCES + CITING).split()
    texts = SENTENCES + CITING + [" ".join(rng.choice(words) for _ in range(30)) for _ in range(300)]
    patterns = [e.regex for e in calque_entries()] + [e.regex for e in chrome_entries()]
    patterns += [r.regex for r in typography_rules()] + [r.regex for r in grammar_rules()]
    patterns += [d.regex for d in declarations()]
    patterns += [p for _, p in fact_patterns().by_anchor["sentence"]]
    cues = catalog()
    citing = [p for _, p in cues.social_cues] + [p for p, _ in cues.anaphora] + list(cues.statement_cues) \
        + list(cues.spokesperson_cues)
    assert sum(1 for text in CITING for regex in citing if regex.search(text)) >= 10
    patterns += citing
    matched = 0
    for text in texts:
        folded = fold_for_match(text)
        for regex in patterns:
            if regex.search(text):
                matched += 1
                assert may_match(regex, folded), (regex.pattern, text)
    assert matched > 0
    assert sum(required_text(regex) is not None for regex in patterns) > 0.8 * len(patterns)


def _table_patterns() -> list[re.Pattern[str]]:
    patterns = [e.regex for e in calque_entries()] + [e.regex for e in chrome_entries()]
    patterns += [r.regex for r in typography_rules()] + [r.regex for r in grammar_rules()]
    patterns += [d.regex for d in declarations()] + [p for rows in fact_patterns().by_anchor.values() for _, p in rows]
    cues = catalog()
    return patterns + [p for _, p in cues.social_cues] + [p for p, _ in cues.anaphora] + list(cues.statement_cues) \
        + list(cues.spokesperson_cues)


@pytest.mark.parametrize("pattern, prefix", [
    (r"\b(?:re)?tweet(?:ed|s)\b", ("retweeted", "retweets", "tweeted", "tweets")),
    (r"(?<!\w)l’agence(?!\w)", ("l’agence",)),
    (r"\bin einer (?:gemeinsamen )?Erklärung", ("in einer erklärung", "in einer gemeinsamen erklärung")),
    (r"\w+ said", None),  # a match may start anywhere
    (r"(?:\w+ )?report", None),  # or with any word
    (r"(?:the )?report", ("report", "the report")),
])
def test_the_texts_every_match_starts_with_are_read_off_the_pattern(pattern: str, prefix: tuple[str, ...] | None
                                                                     ) -> None:
    assert required_prefix(re.compile(pattern, re.IGNORECASE)) == prefix


def test_matches_tried_where_they_may_start_are_the_matches_of_a_search() -> None:
    # every table pattern on real sentences, random mixtures of their words, and texts where a
    # character folds to none or two (ß, a combining dot) or matches a letter it does not fold to
    rng = random.Random(7)
    words = " ".join(SENTENCES + CITING).split()
    texts = SENTENCES + CITING + [" ".join(rng.choice(words) for _ in range(60)) for _ in range(150)]
    texts += [text.upper() for text in SENTENCES + CITING] + [text.replace("s", "ſ") for text in CITING]
    texts += [f"{text[:9]}{mark}{text[9:]}" for text in CITING for mark in ("İ", "ß", "\u0307", "ı")]
    patterns = _table_patterns()
    assert sum(required_prefix(regex) is not None for regex in patterns) > len(patterns) // 2
    for text in texts:
        folded = fold_for_match(text)
        for regex in patterns:
            searched = [(m.span(), m.groups()) for m in regex.finditer(text)] if may_match(regex, folded) else []
            assert [(m.span(), m.groups()) for m in matches(regex, text, folded)] == searched, (regex.pattern, text)


def test_expressions_first_seen_between_texts_are_tested_against_the_right_text() -> None:
    # the required texts of all expressions are scanned for at once and the last text's findings
    # kept: an expression seen for the first time, or a text that comes back, must get its own answer
    killed, umpteenth = re.compile(r"\bkilled\b"), re.compile(r"\bthe umpteenth\b")
    first, second = fold_for_match(SENTENCES[0]), fold_for_match(SENTENCES[4])
    assert may_match(killed, first) and not may_match(killed, second)
    assert may_match(umpteenth, second) and not may_match(umpteenth, first)  # new expression, text seen
    fresh = re.compile(r"\bcollapsed\b")
    assert may_match(fresh, first) and not may_match(fresh, second)
    assert may_match(killed, "".join(first)) and not may_match(killed, second[:])  # equal texts, other objects


def test_a_tables_prefilter_gives_the_rows_the_quick_test_lets_run() -> None:
    # the rows a table's prefilter offers are, in order, those whose expression may match
    rng = random.Random(5)
    words = " ".join(SENTENCES + CITING).split()
    texts = SENTENCES + CITING + [" ".join(rng.choice(words) for _ in range(30)) for _ in range(100)]
    for regexes in ([e.regex for e in calque_entries()], [e.regex for e in chrome_entries()],
                    [r.regex for r in typography_rules()] + [re.compile(r"\bbrand new row\b")]):
        prefilter = Prefilter(regexes)
        for text in texts + ["a brand new row"]:
            folded = fold_for_match(text)
            expected = [row for row, regex in enumerate(regexes) if may_match(regex, folded)]
            assert prefilter.candidates(folded) == expected
            assert all(row in expected for row, regex in enumerate(regexes) if regex.search(text))
