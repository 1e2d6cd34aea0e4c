import pytest

from tmpl import Template, TemplateError, TemplateSyntaxError, render


def test_basic_loop():
    assert render("{% for x in xs %}[{{ x }}]{% endfor %}", {"xs": [1, 2, 3]}) == "[1][2][3]"


def test_example_from_instruction():
    src = (
        "{% for u in users %}{{ loop.index }}. {{ u.name }}{% if not loop.last %}, "
        "{% endif %}{% else %}nobody{% endfor %}"
    )
    assert render(src, {"users": [{"name": "Ada"}, {"name": "<Bo>"}]}) == "1. Ada, 2. &lt;Bo&gt;"
    assert render(src, {"users": []}) == "nobody"
    assert render(src, {}) == "nobody"


def test_loop_variables():
    src = "{% for x in xs %}{{ loop.index }}/{{ loop.index0 }}/{{ loop.first }}/{{ loop.last }}/{{ loop.length }} {% endfor %}"
    assert render(src, {"xs": "abc"}) == "1/0/true/false/3 2/1/false/false/3 3/2/false/true/3 "
    assert render(src, {"xs": ["only"]}) == "1/0/true/true/1 "


def test_else_branch():
    t = Template("{% for x in xs %}{{ x }}{% else %}empty{% endfor %}")
    assert t.render({"xs": []}) == "empty"
    assert t.render({"xs": ()}) == "empty"
    assert t.render({"xs": {}}) == "empty"
    assert t.render({"xs": ""}) == "empty"
    assert t.render({"xs": None}) == "empty"
    assert t.render({}) == "empty"
    assert t.render({"xs": [0]}) == "0"
    assert t.render({"xs": [None]}) == ""


def test_iterables():
    t = Template("{% for x in xs %}{{ x }},{% endfor %}")
    assert t.render({"xs": "hé!"}) == "h,é,!,"
    assert t.render({"xs": (1, 2)}) == "1,2,"
    assert t.render({"xs": range(3)}) == "0,1,2,"
    assert t.render({"xs": (i * i for i in range(4))}) == "0,1,4,9,"
    assert t.render({"xs": {"b": 1, "a": 2}}) == "b,a,"
    assert t.render({"xs": [True, False, None, "<"]}) == "true,false,,&lt;,"


def test_generator_loop_knows_last_and_length():
    src = "{% for x in xs %}{{ x }}{% if loop.last %}={{ loop.length }}{% endif %}{% endfor %}"
    assert render(src, {"xs": (c for c in "abc")}) == "abc=3"


def test_dotted_iterable_and_literal():
    assert render("{% for t in post.tags %}#{{ t }} {% endfor %}", {"post": {"tags": ["a", "b"]}}) == "#a #b "
    assert render("{% for c in 'xy' %}{{ c }}.{% endfor %}") == "x.y."
    assert render("{% for t in post.missing.deep %}x{% else %}none{% endfor %}", {"post": {}}) == "none"


def test_two_names_over_mapping_and_pairs():
    src = "{% for k, v in d %}{{ k }}={{ v }};{% endfor %}"
    assert render(src, {"d": {"a": 1, "b": "<2>"}}) == "a=1;b=&lt;2&gt;;"
    assert render(src, {"d": [("x", 1), ["y", 2]]}) == "x=1;y=2;"
    assert render("{% for k,v in d %}{{ k }}{{ v }}{% endfor %}", {"d": {"a": 1}}) == "a1"
    assert render("{% for k ,  v in d %}{{ k }}{{ v }}{% endfor %}", {"d": {"a": 1}}) == "a1"


@pytest.mark.parametrize("items", [[1, 2], [("a", 1, 2)], [("a",)], ["abc"]])
def test_two_names_bad_items(items):
    with pytest.raises(TemplateError):
        render("{% for k, v in d %}{{ k }}{% endfor %}", {"d": items})


def test_two_names_string_of_two_chars_unpacks():
    assert render("{% for a, b in d %}{{ b }}{{ a }}{% endfor %}", {"d": ["xy", "zw"]}) == "yxwz"


@pytest.mark.parametrize("value", [5, True, 2.5])
def test_not_iterable(value):
    with pytest.raises(TemplateError):
        render("{% for x in v %}{{ x }}{% endfor %}", {"v": value})


def test_not_iterable_literal():
    t = Template("{% for x in 42 %}{{ x }}{% endfor %}")
    with pytest.raises(TemplateError):
        t.render({})


def test_nested_loops_and_parent():
    src = (
        "{% for row in rows %}{% for c in row %}"
        "{{ loop.parent.index }}.{{ loop.index }}={{ c }}{% if loop.parent.last %}!{% endif %} "
        "{% endfor %}|{{ loop.index }}|{% endfor %}"
    )
    assert render(src, {"rows": [["a", "b"], ["c"]]}) == "1.1=a 1.2=b |1|2.1=c! |2|"


def test_outermost_parent_is_undefined():
    assert render("{% for x in xs %}[{{ loop.parent }}][{{ loop.parent.index }}]{% endfor %}", {"xs": [1]}) == "[][]"
    assert render("{% for x in xs %}{% if loop.parent %}p{% else %}n{% endif %}{% endfor %}", {"xs": [1]}) == "n"


def test_context_loop_name_is_shadowed_and_restored():
    src = "{{ loop }}{% for x in xs %}[{{ loop.index }}][{{ loop.parent }}]{% endfor %}{{ loop }}"
    assert render(src, {"xs": [1], "loop": "L"}) == "L[1][]L"


def test_three_levels():
    src = "{% for a in x %}{% for b in x %}{% for c in x %}{{ loop.parent.parent.index }}{{ loop.parent.index }}{{ loop.index }} {% endfor %}{% endfor %}{% endfor %}"
    assert render(src, {"x": [0, 1]}) == "111 112 121 122 211 212 221 222 "


def test_same_name_nested_shadows_and_restores():
    src = "{% for x in outer %}{{ x }}({% for x in inner %}{{ x }}{% endfor %}){{ x }}{{ loop.index }} {% endfor %}"
    assert render(src, {"outer": ["A", "B"], "inner": [1, 2]}) == "A(12)A1 B(12)B2 "


def test_scoping_restores_previous_values():
    src = "{{ x }}|{% for x in xs %}{{ x }}{% endfor %}|{{ x }}|{{ loop }}"
    assert render(src, {"x": "outer", "xs": [1, 2]}) == "outer|12|outer|"
    assert render("{% for x in xs %}{{ x }}{% endfor %}[{{ x }}]", {"xs": [1]}) == "1[]"
    assert render("{% for k, v in d %}{% endfor %}[{{ k }}][{{ v }}]", {"d": {"a": 1}, "v": "V"}) == "[][V]"
    assert render("{% if x %}yes{% else %}no{% endif %}{% for x in xs %}{% endfor %}{% if x %}yes{% else %}no{% endif %}", {"xs": [1]}) == "nono"


def test_loop_variable_not_visible_in_else():
    src = "{% for x in xs %}{{ x }}{% else %}[{{ x }}][{{ loop.index }}]{% endfor %}"
    assert render(src, {"xs": [], "x": "keep"}) == "[keep][]"


def test_else_inside_nested_loop_sees_outer_loop():
    src = "{% for row in rows %}{% for c in row %}{{ c }}{% else %}<{{ loop.index }}>{% endfor %}{% endfor %}"
    assert render(src, {"rows": [["a"], [], ["b"]]}) == "a<2>b"


def test_context_not_modified():
    ctx = {"xs": [1, 2], "x": 5}
    render("{% for x in xs %}{{ x }}{% endfor %}", ctx)
    assert ctx == {"xs": [1, 2], "x": 5}
    ctx = {"xs": [1]}
    render("{% for x in xs %}{% for y in xs %}{% endfor %}{% endfor %}", ctx)
    assert ctx == {"xs": [1]}


def test_template_reusable():
    t = Template("{% for x in xs %}{{ loop.index }}{{ x }}{% endfor %}")
    assert t.render({"xs": "ab"}) == "1a2b"
    assert t.render({"xs": "c"}) == "1c"
    assert t.render({}) == ""


def test_if_inside_for_with_else_and_elif():
    src = (
        "{% for n in ns %}{% if n == 1 %}one{% elif n == 2 %}two{% else %}many{% endif %}"
        "{% if not loop.last %},{% endif %}{% else %}none{% endfor %}"
    )
    assert render(src, {"ns": [1, 2, 3]}) == "one,two,many"
    assert render(src, {"ns": []}) == "none"


def test_for_inside_if():
    src = "{% if show %}{% for x in xs %}{{ x }}{% else %}-{% endfor %}{% else %}hidden{% endif %}"
    assert render(src, {"show": True, "xs": "ab"}) == "ab"
    assert render(src, {"show": True}) == "-"
    assert render(src, {"xs": "ab"}) == "hidden"


def test_multiline_template():
    src = "<ul>\n{% for i in items %}  <li>{{ i|upper }}</li>\n{% endfor %}</ul>"
    assert render(src, {"items": ["a", "b"]}) == "<ul>\n  <li>A</li>\n  <li>B</li>\n</ul>"


def test_filters_in_loop_and_on_loop_values():
    assert render('{% for x in xs %}{{ x|default:"?" }}{% endfor %}', {"xs": ["", "a", None]}) == "?a?"
    assert render("{% for x in xs %}{{ loop.first|upper }}{% endfor %}", {"xs": [1, 2]}) == "TRUEFALSE"


@pytest.mark.parametrize(
    ("value", "expected"),
    [([1, 2, 3], "3"), ("héllo", "5"), ({"a": 1}, "1"), ([], "0"), (None, "0"), ((), "0")],
)
def test_length_filter(value, expected):
    assert render("{{ v|length }}", {"v": value}) == expected


def test_length_filter_undefined():
    assert render("{{ nope|length }}") == "0"


def test_join_filter():
    assert render('{{ xs|join:", " }}', {"xs": ["a", "b", "c"]}) == "a, b, c"
    assert render("{{ xs|join }}", {"xs": ["a", "b"]}) == "ab"
    assert render('{{ xs|join:"-" }}', {"xs": [1, None, True, False]}) == "1--true-false"
    assert render('{{ xs|join:" & " }}', {"xs": ["<a>", "b"]}) == "&lt;a&gt; &amp; b"
    assert render('{{ xs|join:"," }}', {"xs": []}) == ""
    assert render('{{ nope|join:"," }}') == ""
    assert render('{{ xs|join:", "|upper }}', {"xs": ["a", "b"]}) == "A, B"
    assert render("{{ xs|join:'|' }}", {"xs": ["a", "b"]}) == "a|b"
    assert render('{{ xs|join:","|safe }}', {"xs": ["<i>", "b"]}) == "<i>,b"


def test_join_and_length_on_loop_values():
    src = '{% for k, v in d %}{{ k }}:{{ v|length }}:{{ v|join:"+" }} {% endfor %}'
    assert render(src, {"d": {"a": [1, 2], "b": []}}) == "a:2:1+2 b:0: "


@pytest.mark.parametrize(
    ("source", "lineno"),
    [
        ("{% for %}{% endfor %}", 1),
        ("{% for x %}{% endfor %}", 1),
        ("{% for x in %}{% endfor %}", 1),
        ("{% for x on xs %}{% endfor %}", 1),
        ("{% for 1x in xs %}{% endfor %}", 1),
        ("{% for a, b, c in xs %}{% endfor %}", 1),
        ("{% for a, in xs %}{% endfor %}", 1),
        ("{% for a.b in xs %}{% endfor %}", 1),
        ("{% for loop in xs %}{% endfor %}", 1),
        ("a\n\n{% for x in xs %}\nno end", 3),
        ("{% for x in xs %}\n{% for y in x %}\n{% endfor %}", 1),
        ("x\n{% endfor %}", 2),
        ("{% else %}", 1),
        ("{% for x in xs %}{% else %}{% else %}{% endfor %}", 1),
        ("{% for x in xs %}\n{% else x %}{% endfor %}", 2),
        ("{% for x in xs %}\n\n{% endfor x %}", 3),
        ("{% for x in xs %}{% endif %}", 1),
        ("{% if a %}{% for x in xs %}{% endif %}{% endfor %}", 1),
        ("{% for x in xs %}{% if a %}{% endfor %}{% endif %}", 1),
        ("{% for k, loop in d %}{% endfor %}", 1),
        ("{% for loop, v in d %}{% endfor %}", 1),
        ("{% for k,loop in d %}{% endfor %}", 1),
        ("a\n{% for x in xs %}{% endfor %}\n\n{% for k, loop in d %}{% endfor %}", 4),
        ("a\nb\n{% for loop in xs %}{% endfor %}", 3),
        ("{% for x in xs %}\n{% else %}\n\n{% else %}{% endfor %}", 4),
        ("{% for x in xs %}{% endfor %}\n{% endfor %}", 2),
        ("{% if a %}\n{% else %}\n{% endif %}\n{% else %}", 4),
        ("\n{% for a, b, c in xs %}{% endfor %}", 2),
        ("\n\n{% for x in %}{% endfor %}", 3),
    ],
)
def test_syntax_errors(source, lineno):
    with pytest.raises(TemplateSyntaxError) as info:
        Template(source)
    assert info.value.lineno == lineno


@pytest.mark.parametrize(
    ("source", "lineno"),
    [
        ("a\n\n{% for x in xs %}\nno end", 3),
        ("x\n{% endfor %}", 2),
        ("{% for x in xs %}\n{% else x %}{% endfor %}", 2),
        ("{% for x in xs %}\n\n{% endfor x %}", 3),
        ("line\n{% for x in xs z %}{% endfor %}", 2),
        ("line\n{% for x %}{% endfor %}", 2),
        ("{% for x in xs %}\n{% for y in x %}\n{% endfor %}", 1),
        ("{% for x in xs %}\n{% for y in x %}{% endfor %}\n{% else %}\n{% else %}{% endfor %}", 4),
    ],
)
def test_syntax_error_line_numbers(source, lineno):
    with pytest.raises(TemplateSyntaxError) as info:
        Template(source)
    assert info.value.lineno == lineno
