"""Readable element paths for findings: local names, with a 1-based index only where siblings share a name."""

from __future__ import annotations

from lxml import etree


def element_path(el: etree._Element) -> str:
    """``/dossier/huidigeschool/leerling/communicatielijst/communicatie[2]`` style path of ``el``."""
    parts: list[str] = []
    node: etree._Element | None = el
    while node is not None:
        parent = node.getparent()
        tag = node.tag
        name = etree.QName(tag).localname if isinstance(tag, str) else "node()"
        if parent is not None and isinstance(tag, str):
            same = list(parent.iterchildren(tag))
            if len(same) > 1:
                name = f"{name}[{same.index(node) + 1}]"
        parts.append(name)
        node = parent
    return "/" + "/".join(reversed(parts))
