import pytest

from tmpl import Template, TemplateError, TemplateSyntaxError, render


def test_text_and_variables():
    assert render("Hello, {{ name }}!", {"name": "Ada"}) == "Hello, Ada!"
    assert render("{{ missing }}|{{ user.name }}", {"user": {"name": "Bo"}}) == "|Bo"
    assert render("{{ items.1 }}", {"items": ["a", "b"]}) == "b"
    assert render("{{ flag }} {{ nothing }}", {"flag": True, "nothing": None}) == "true "


def test_escaping_and_filters():
    assert render("{{ x }}", {"x": "<b>&"}) == "&lt;b&gt;&amp;"
    assert render("{{ x|safe }}", {"x": "<b>"}) == "<b>"
    assert render("{{ x|upper }}", {"x": "abc"}) == "ABC"
    assert render('{{ x|default:"none" }}', {}) == "none"
    with pytest.raises(TemplateError):
        render("{{ x|bogus }}", {"x": 1})


def test_if_elif_else():
    t = Template("{% if a %}A{% elif b == 2 %}B{% else %}C{% endif %}")
    assert t.render({"a": 1}) == "A"
    assert t.render({"b": 2}) == "B"
    assert t.render({}) == "C"
    assert render("{% if not x %}no{% endif %}", {}) == "no"


def test_comments():
    assert render("a{# hidden #}b") == "ab"


def test_syntax_errors():
    with pytest.raises(TemplateSyntaxError) as info:
        Template("line one\n{% if x %}\nnever closed")
    assert info.value.lineno == 2
    with pytest.raises(TemplateSyntaxError):
        Template("{% endif %}")
    with pytest.raises(TemplateSyntaxError):
        Template("{{ x ")
