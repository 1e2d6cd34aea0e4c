from word_count import count_words


def test_one_word():
    assert count_words('word') == {'word': 1}


def test_case_and_punctuation():
    assert count_words("Go, go: GO! don't") == {'go': 3, "don't": 1}


def test_quotes():
    assert count_words("'large' and 'small'") == {'large': 1, 'and': 1, 'small': 1}
