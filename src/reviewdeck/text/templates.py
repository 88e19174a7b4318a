"""Sandboxed Jinja templates for slide text; a misspelt metric fails with the config line named."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from reviewdeck.config.models import closest
from reviewdeck.errors import Location, TemplateError
from reviewdeck.text.format import FILTERS
from reviewdeck.text.insights import GLOBALS

# Variables every template of the current build can read besides metrics and facts, such as
# `slice` (the region, rep or product line) while a batch builds one deck per value.
EXTRA_VARIABLES: ContextVar[dict[str, Any]] = ContextVar("EXTRA_VARIABLES", default={})


class RecordingVars(dict[str, Any]):
    """Template variables that remember which names a template read (for speaker notes)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.used: list[str] = []

    def __getitem__(self, key: str) -> Any:
        if key not in self.used:
            self.used.append(key)
        return super().__getitem__(key)


class TextRenderer:
    """Compiles and renders template strings against metrics, facts and the period."""

    def __init__(self, variables: dict[str, Any]) -> None:
        self.env = SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=False,
                                        keep_trailing_newline=False)
        self.env.filters.update(FILTERS)
        self.vars = RecordingVars(GLOBALS)
        self.vars.update(EXTRA_VARIABLES.get())
        self.vars.update(variables)
        self._compiled: dict[str, jinja2.Template] = {}

    def render(self, text: str | None, location: Location | None = None,
               extra: dict[str, Any] | None = None) -> tuple[str, list[str]]:
        """Render text; returns it with the names it used. Plain text passes through as is."""
        if text is None:
            return "", []
        if "{{" not in text and "{%" not in text:
            return tidy(text), []
        try:
            template = self._compiled.get(text)
            if template is None:
                template = self.env.from_string(text)
                self._compiled[text] = template
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(f"template syntax error: {exc.message}", location) from None
        scope = RecordingVars(self.vars)
        if extra:
            scope.update(extra)
        try:
            ctx = template.new_context(vars=scope, shared=True)
            out = self.env.concat(template.root_render_func(ctx))  # type: ignore[attr-defined]
        except jinja2.UndefinedError as exc:
            name = _undefined_name(str(exc.message))
            hint = closest(name, [k for k in self.vars if not k.startswith("_")]) if name else ""
            raise TemplateError(f"template refers to something undefined: {exc.message}{hint}",
                                location) from None
        except SecurityError as exc:
            raise TemplateError(f"template is not allowed to do that: {exc}", location) from None
        except (TypeError, ValueError, AttributeError, KeyError, ZeroDivisionError) as exc:
            raise TemplateError(f"template failed: {exc}", location) from None
        return tidy(out), [n for n in scope.used if n not in GLOBALS]

    def names(self) -> Iterator[str]:
        return iter(self.vars)


_CJK_PUNCT = "，。；：、！？）》」』】”"
_SPACE_AFTER_PUNCT = re.compile(rf"(?<=[{_CJK_PUNCT}（《「『【“])\s+")
_SPACE_BEFORE_PUNCT = re.compile(rf"\s+(?=[{_CJK_PUNCT}])")
_SPACE_BETWEEN_HAN = re.compile(r"(?<=[\u4e00-\u9fff])\s*\n\s*(?=[\u4e00-\u9fff])")


def tidy(text: str) -> str:
    """Drop the spaces YAML line folding leaves next to Chinese punctuation."""
    text = _SPACE_BETWEEN_HAN.sub("", text.strip())
    text = _SPACE_AFTER_PUNCT.sub("", text)
    return _SPACE_BEFORE_PUNCT.sub("", text)


def _undefined_name(message: str) -> str:
    if message.startswith("'") and message.count("'") >= 2:
        return message.split("'")[1]
    return ""
