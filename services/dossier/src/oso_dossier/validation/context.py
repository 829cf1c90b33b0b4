"""Shared state of one rule run: a single indexing pass over the tree and XPath-faithful value helpers.

The official business rules are an XSLT 2.0 stylesheet. These helpers reproduce its semantics exactly:
``text()='x'`` compares each direct text node (an empty element has none), ``od:x='y'`` compares string values
existentially, and ``xs:boolean(...)`` accepts only true/false/1/0 and aborts the whole run otherwise.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from lxml import etree

from oso_dossier.validation.parsing import OSO_NS
from oso_dossier.validation.paths import element_path
from oso_dossier.validation.report import FOUT, Finding, Severity

Element = etree._Element


_TAGS: dict[str, str] = {}


def tag(name: str) -> str:
    """Clark name of an OSO element."""
    found = _TAGS.get(name)
    if found is None:
        found = _TAGS[name] = f"{{{OSO_NS}}}{name}"
    return found


class XsltAbort(Exception):
    """The official stylesheet would stop with a dynamic error here (e.g. a boolean that is not a boolean)."""

    def __init__(self, el: Element, what: str) -> None:
        super().__init__(what)
        self.element = el
        self.what = what


_XML_WS = " \t\r\n"
_local = threading.local()


def texts(el: Element) -> list[str]:
    """The direct text nodes of ``el`` (XPath ``text()``); comments and PIs split them like in XDM."""
    first = el.text
    if len(el) == 0:
        return [first] if first is not None else []
    found = [first] if first is not None else []
    found.extend(child.tail for child in el if child.tail is not None)
    return found


def string_value(el: Element) -> str:
    """XPath string value: all descendant text concatenated."""
    if len(el) == 0:
        return el.text or ""
    xpath: etree.XPath | None = getattr(_local, "string_xpath", None)
    if xpath is None:
        xpath = _local.string_xpath = etree.XPath("string()")
    return str(xpath(el))


def text_in(el: Element, allowed: frozenset[str]) -> bool:
    """``text()='a' or text()='b' ...``: true when any direct text node is one of ``allowed``."""
    return any(t in allowed for t in texts(el))


def xs_boolean(els: list[Element]) -> bool | None:
    """``xs:boolean(od:x)``: None for no element; abort on several or on a non-boolean lexical value."""
    if not els:
        return None
    if len(els) > 1:
        raise XsltAbort(els[1], "meerdere elementen waar één booleaanse waarde verwacht wordt")
    value = string_value(els[0]).strip(_XML_WS)
    if value in ("true", "1"):
        return True
    if value in ("false", "0"):
        return False
    raise XsltAbort(els[0], f"'{value}' is geen booleaanse waarde")


def parent_chain(el: Element, chain: tuple[str, ...], *, needs_parent: bool = True) -> bool:
    """``el`` sits below ``od:chain[0]/.../od:chain[-1]``; ``needs_parent`` mirrors ``/descendant::*/`` (not root)."""
    node: Element | None = el
    for name in reversed(chain):
        node = node.getparent() if node is not None else None
        if node is None or node.tag != tag(name):
            return False
    return not needs_parent or (node is not None and node.getparent() is not None)


class Context:
    """One dossier's index (OSO elements by tag, in document order) plus the document-wide XSLT variables."""

    def __init__(self, root: Element, indexed: Iterable[str]) -> None:
        self.root = root
        self.findings: list[Finding] = []
        index: dict[str, list[Element]] = {}
        for el in root.iter(*indexed):
            bucket = index.get(el.tag)
            if bucket is None:
                index[el.tag] = [el]
            else:
                bucket.append(el)
        self.index = index
        self._kids: dict[Element, dict[object, list[Element]]] = {}
        self._scoped: dict[tuple[tuple[str, ...], bool], list[Element]] = {}
        self.category_fields: dict[str, list[Element]] = {}
        self.category_modes: dict[str, set[str]] = {}
        # $typeDocument = //od:overdrachtsoort/text()
        self.swv = any("swv-dossier" in texts(el) for el in self.all("overdrachtsoort"))
        # $typeOverstap = /descendant-or-self::*/od:metadata/od:overstap/text()
        self.overstap = {t for el in self.all("overstap") if parent_chain(el, ("metadata",)) for t in texts(el)}
        # $dossierdeel = //od:metadata/od:deeldossier/text()
        self.deeldossier = {
            t
            for el in self.all("deeldossier")
            if parent_chain(el, ("metadata",), needs_parent=False)
            for t in texts(el)
        }

    def scoped(self, chain: tuple[str, ...], *, needs_parent: bool = False) -> list[Element]:
        """Elements selected by ``//od:a/od:b/od:c`` (``/descendant::*/od:a/...`` with ``needs_parent``); cached."""
        key = (chain, needs_parent)
        found = self._scoped.get(key)
        if found is None:
            *above, last = chain
            found = [el for el in self.all(last) if parent_chain(el, tuple(above), needs_parent=needs_parent)]
            self._scoped[key] = found
        return found

    def kids(self, el: Element) -> dict[object, list[Element]]:
        """Children of ``el`` grouped by tag, built once per element and shared by all rules."""
        found = self._kids.get(el)
        if found is None:
            found = {}
            for child in el:
                bucket = found.get(child.tag)
                if bucket is None:
                    found[child.tag] = [child]
                else:
                    bucket.append(child)
            self._kids[el] = found
        return found

    def children(self, el: Element, name: str) -> list[Element]:
        """Child elements ``od:name`` of ``el``."""
        return self.kids(el).get(tag(name), [])

    def has(self, el: Element, name: str) -> bool:
        """``od:name`` exists as a child of ``el``."""
        return tag(name) in self.kids(el)

    def has_path(self, el: Element, *names: str) -> bool:
        """``od:a/od:b/...`` selects at least one element below ``el``."""
        level = [el]
        for name in names:
            key = tag(name)
            level = [c for parent in level for c in self.kids(parent).get(key, ())]
            if not level:
                return False
        return True

    def xs_string(self, el: Element, name: str) -> str | None:
        """``xs:string(od:name)`` on the children of ``el``: None for none, abort on several."""
        found = self.children(el, name)
        if not found:
            return None
        if len(found) > 1:
            raise XsltAbort(found[1], f"meerdere '{name}'-elementen waar één waarde verwacht wordt")
        return string_value(found[0])

    def all(self, name: str) -> list[Element]:
        """Every OSO element ``name`` in document order (must be in the indexed set)."""
        return self.index.get(tag(name), [])

    def add(
        self, rule: str, el: Element | None, message: str, hint: str, severity: Severity = FOUT, path: str | None = None
    ) -> None:
        """Record a finding at ``el`` (document level when None)."""
        where = path if path is not None else (element_path(el) if el is not None else "/")
        self.findings.append(Finding(rule, severity, where, message, hint))
