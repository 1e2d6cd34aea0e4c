"""tmpl: a small HTML-escaping template engine."""

from tmpl.errors import TemplateError, TemplateSyntaxError
from tmpl.render import Template, render

__all__ = ["Template", "TemplateError", "TemplateSyntaxError", "render"]
