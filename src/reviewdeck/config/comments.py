"""Explain a config in place: a comment on every key, taken from the config's JSON Schema.

Used by `reviewdeck init`, so a new user's config says what each key does. Comments go at the
end of a key's line when the value ends there and the line stays short, else on a line of
their own above the key; a key that already has a comment keeps it. The result is checked to
load to the same data as the original.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import yaml

MAX_LINE = 100

# Keys whose schema has no description of their own.
FALLBACK = {
    "kind": "what this is (its kind decides the other keys)",
    "subtitle": "second line of the title (template)",
    "presenter": "name on the cover (汇报人)",
    "date": "date on the cover: auto (the day after the period), today, or YYYY-MM-DD",
    "language": "language of the fixed words and number formats: zh-CN or en",
    "metrics": "named figures computed from the data; templates use them as {{ name }}",
    "chapters": "the deck's chapters, each a divider slide and its slides",
    "slides": "the chapter's slides",
    "closing": "the closing slide",
    "title": "title (template: {{ ... }} fills in figures)",
    "heading": "heading (template)",
    "body": "text (template)",
    "column": "the data column it reads",
    "numerator": "metric divided",
    "denominator": "metric divided by",
    "actual": "metric of the actual value",
    "target": "metric of the target",
    "metric": "the metric it uses",
    "revenue": "metric of the revenue",
    "cost": "metric of the cost",
    "a": "first metric",
    "b": "second metric",
    "top": "how many from the top",
    "bottom": "how many from the bottom",
    "label": "name shown in tables and speaker notes",
    "cards": "the cards, left to right",
    "points": "the numbered points",
    "rows": "the table's rows",
    "insight": "one sentence saying what the numbers mean (template)",
}


def _resolve(schema: dict[str, Any], node: dict[str, Any] | None) -> dict[str, Any]:
    """Follow $ref and allOf wrappers to the node's own schema."""
    seen = 0
    while node and seen < 20:
        seen += 1
        if "$ref" in node:
            node = schema["$defs"][node["$ref"].split("/")[-1]]
        elif "allOf" in node and len(node["allOf"]) == 1:
            node = node["allOf"][0]
        else:
            break
    return node or {}


def _choose(schema: dict[str, Any], node: dict[str, Any], value: Any) -> dict[str, Any]:
    """The branch of a union that describes value (by its 'kind'), else its object branch."""
    node = _resolve(schema, node)
    options = node.get("oneOf") or node.get("anyOf")
    if not options:
        return node
    branches = [_resolve(schema, o) for o in options]
    if isinstance(value, dict) and "kind" in value:
        for branch in branches:
            kind = branch.get("properties", {}).get("kind", {})
            if value["kind"] == kind.get("const") or value["kind"] in kind.get("enum", []):
                return branch
    for branch in branches:
        if branch.get("type") == "object" or "properties" in branch:
            return branch
    for branch in branches:
        if branch.get("type") == "array":
            return branch
    return branches[0] if branches else node


def _first_sentence(text: str, limit: int = 80) -> str:
    """The first sentence, shortened at a word boundary to about limit characters."""
    text = " ".join(text.split())
    match = re.search(r"[.;:](\s+)(?=[A-Z(])", text)
    if match:
        text = text[:match.start() + 1]
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;: ")
    return cut + " …"


class _Walker:
    def __init__(self, schema: dict[str, Any]) -> None:
        self.schema = schema
        self.comments: dict[int, tuple[int, str]] = {}  # key line -> (indent, text)

    def mapping(self, node: yaml.MappingNode, schema_node: dict[str, Any],
                value: dict[str, Any], named: bool = False) -> None:
        """Comment each key of a block mapping; named: the keys are names the user chose."""
        props = schema_node.get("properties", {})
        extra = schema_node.get("additionalProperties")
        for key_node, value_node in node.value:
            key = key_node.value
            sub_value = value.get(key) if isinstance(value, dict) else None
            if named or key not in props:
                sub = _choose(self.schema, extra if isinstance(extra, dict) else {}, sub_value)
                text = sub.get("description") or ""
                if named and isinstance(sub_value, dict) and sub_value.get("from"):
                    text = (f"the rows of '{sub_value['from']}' that match 'where' "
                            "(a view: no file of its own)")
            else:
                raw = props[key]
                sub = _choose(self.schema, raw, sub_value)
                text = raw.get("description") or ""
                if not text and ("$ref" in raw or "allOf" in raw):
                    text = sub.get("description") or ""
            text = text or FALLBACK.get(key, "")
            if text and not node.flow_style:
                line = key_node.start_mark.line
                self.comments.setdefault(line, (key_node.start_mark.column,
                                                _first_sentence(text)))
            self.value(value_node, sub, sub_value, key, props, extra)

    def value(self, node: Any, sub: dict[str, Any], data: Any, key: str,
              props: dict[str, Any], extra: Any) -> None:
        if isinstance(node, yaml.MappingNode) and not node.flow_style:
            is_dict_of_named = (sub.get("type") == "object" and "properties" not in sub
                                and isinstance(sub.get("additionalProperties"), dict))
            self.mapping(node, sub, data if isinstance(data, dict) else {}, is_dict_of_named)
        elif isinstance(node, yaml.SequenceNode) and not node.flow_style:
            items = _resolve(self.schema, sub.get("items"))
            for i, item in enumerate(node.value):
                item_data = data[i] if isinstance(data, list) and i < len(data) else None
                chosen = _choose(self.schema, items, item_data)
                if isinstance(item, yaml.MappingNode) and not item.flow_style:
                    self.mapping(item, chosen, item_data or {})


def annotate(text: str, schema: dict[str, Any]) -> str:
    """text with a comment on every key that has none; the data it loads to is unchanged."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    data = yaml.safe_load(text)
    if not isinstance(root, yaml.MappingNode) or not isinstance(data, dict):
        return text
    walker = _Walker(schema)
    walker.mapping(root, schema, data)
    lines = text.split("\n")
    ends = _value_end_lines(root)
    out: list[str] = []
    for number, line in enumerate(lines):
        note = walker.comments.get(number)
        if note is None or "#" in _strip_quoted(line):
            out.append(line)
            continue
        indent, comment = note
        inline = f"{line.rstrip()}  # {comment}"
        if ends.get(number, number) == number and _width(inline) <= MAX_LINE:
            out.append(inline)
        else:
            out.append(" " * indent + f"# {comment}")
            out.append(line)
    result = "\n".join(out)
    try:
        if yaml.safe_load(result) != data:
            return text
    except yaml.YAMLError:
        return text
    return result


def _value_end_lines(root: Any) -> dict[int, int]:
    """For each key line, the last line of its value when that value is a scalar or a flow
    collection (a comment at the end of the key line must not land inside it)."""
    ends: dict[int, int] = {}

    def visit(node: Any) -> None:
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if isinstance(v, yaml.ScalarNode) and v.style in ("|", ">"):
                    ends[k.start_mark.line] = k.start_mark.line
                elif isinstance(v, yaml.ScalarNode) or getattr(v, "flow_style", False):
                    end = v.end_mark.line - (1 if v.end_mark.column == 0 else 0)
                    ends[k.start_mark.line] = max(end, k.start_mark.line)
                visit(v)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                visit(item)

    visit(root)
    return ends


def _width(text: str) -> int:
    """Columns text takes in an editor: Chinese characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _strip_quoted(line: str) -> str:
    """The line without its quoted strings, so a '#' inside quotes is not taken for a comment."""
    out, quote = [], ""
    for ch in line:
        if quote:
            if ch == quote:
                quote = ""
            continue
        if ch in "\"'":
            quote = ch
            continue
        out.append(ch)
    return "".join(out)
