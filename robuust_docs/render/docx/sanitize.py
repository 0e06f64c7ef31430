"""What a Word template may bring along, and what is taken out of every generated document.

A .docx is a zip of XML parts. `package_problems` opens nothing before it has looked at the zip's directory:
the file's size, the number of parts and each part's unpacked size are limited (`MAX_TEMPLATE_*`), so a zip bomb
is refused in milliseconds instead of being unpacked into memory. Python's zipfile never unpacks more than a
part's declared size, so the declared sizes are a safe upper bound.

A template can also link to things outside itself: a remote attached template (`attachedTemplate`, fetched by
Word when the document opens), `file:///` or network links, linked images or objects. `external_links` lists
them (for `template check`), and `drop_external_links` removes them, with the elements that use them, from
every generated document. Web and e-mail hyperlinks (http, https, mailto) are kept.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from robuust_docs.errors import Problem

MAX_TEMPLATE_BYTES = 50 << 20  # the .docx file itself
MAX_TEMPLATE_PARTS = 1000  # entries in the zip
MAX_TEMPLATE_PART_BYTES = 50 << 20  # one part unpacked (an image in the header, say)
MAX_TEMPLATE_XML_BYTES = 10 << 20  # one XML part unpacked; docxtpl runs regular expressions over each
MAX_TEMPLATE_UNPACKED_BYTES = 200 << 20  # all parts together, unpacked

REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
SAFE_SCHEMES = ("http://", "https://", "mailto:")
KINDS = {
    "attachedTemplate": "een gekoppeld sjabloon",
    "hyperlink": "een koppeling",
    "image": "een gekoppelde afbeelding",
    "oleObject": "een gekoppeld object",
    "package": "een gekoppeld object",
    "frame": "een frame",
    "subDocument": "een subdocument",
    "externalLinkPath": "een externe verwijzing",
}
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def package_problems(path: Path) -> list[Problem]:
    """Why the template cannot be opened safely, or nothing: not a file, too big, not a zip, a part too big."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        return [Problem(path.name, f"kan het bestand niet lezen ({type(exc).__name__})")]
    if not path.is_file():
        return [Problem(path.name, "is geen bestand")]
    if size > MAX_TEMPLATE_BYTES:
        return [Problem(path.name, f"het sjabloon is groter dan {MAX_TEMPLATE_BYTES >> 20} MB", value=_mb(size))]
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return [Problem(path.name, "geen geldig Word-bestand (.docx) (geen zip-bestand)")]
    if len(infos) > MAX_TEMPLATE_PARTS:
        return [Problem(path.name, f"het sjabloon heeft meer dan {MAX_TEMPLATE_PARTS} onderdelen", value=len(infos))]
    total = 0
    for info in infos:
        xml = info.filename.endswith((".xml", ".rels"))
        limit = MAX_TEMPLATE_XML_BYTES if xml else MAX_TEMPLATE_PART_BYTES
        if info.file_size > limit:
            return [
                Problem(
                    path.name,
                    f"onderdeel {info.filename} is uitgepakt groter dan {limit >> 20} MB (een zip-bom?)",
                    value=_mb(info.file_size),
                )
            ]
        total += info.file_size
    if total > MAX_TEMPLATE_UNPACKED_BYTES:
        return [
            Problem(
                path.name,
                f"het sjabloon is uitgepakt groter dan {MAX_TEMPLATE_UNPACKED_BYTES >> 20} MB (een zip-bom?)",
                value=_mb(total),
            )
        ]
    return []


def _mb(size: int) -> str:
    return f"{size / (1 << 20):.1f} MB".replace(".", ",")


@dataclass(frozen=True)
class Link:
    part: str  # the part that uses it, e.g. 'word/settings.xml'
    rel_id: str
    kind: str  # the relationship type's last segment: 'attachedTemplate', 'hyperlink', …
    target: str


def is_safe_link(kind: str, target: str) -> bool:
    """A web or e-mail hyperlink: kept. Everything else external is taken out."""
    return kind == "hyperlink" and target.strip().lower().startswith(SAFE_SCHEMES)


def external_links(path: Path) -> list[Link]:
    """Every external relationship in the template that `drop_external_links` takes out; call after
    `package_problems` found nothing (the parts are then of a safe size)."""
    links = []
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if not info.filename.endswith(".rels"):
                    continue
                try:
                    root = etree.fromstring(archive.read(info), _PARSER)
                except (etree.XMLSyntaxError, zipfile.BadZipFile, ValueError):
                    continue
                part = _source_part(info.filename)
                for rel in root.iter(f"{{{REL_NS}}}Relationship"):
                    if rel.get("TargetMode") != "External":
                        continue
                    kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
                    target = rel.get("Target") or ""
                    if not is_safe_link(kind, target):
                        links.append(Link(part, rel.get("Id") or "", kind, target))
    except (zipfile.BadZipFile, OSError):
        return []
    return links


def _source_part(rels_name: str) -> str:
    """'word/_rels/settings.xml.rels' → 'word/settings.xml'; '_rels/.rels' → 'het pakket'."""
    folder, name = posixpath.split(rels_name)
    parent = posixpath.dirname(folder)
    source = name.removesuffix(".rels")
    return posixpath.join(parent, source) if source else "het pakket"


def external_problems(path: Path) -> list[Problem]:
    """The external links as problems for `template check`: what and where, and that they are left out."""
    if package_problems(path):
        return []
    return [
        Problem(
            path.name,
            f"{KINDS.get(link.kind, 'een externe koppeling')} in {link.part} verwijst naar buiten het sjabloon; "
            "die wordt niet overgenomen in de documenten",
            value=link.target,
        )
        for link in external_links(path)
    ]


def drop_external_links(document) -> list[str]:
    """Remove every external relationship that is not a web or e-mail hyperlink from a python-docx Document,
    with the elements that use it (a hyperlink keeps its text); returns the targets removed."""
    removed = []
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.is_external and not is_safe_link(rel.reltype.rsplit("/", 1)[-1], rel.target_ref):
            package.rels.pop(rel_id)
            removed.append(rel.target_ref)
    for part in list(package.iter_parts()):
        doomed = [
            (rel_id, rel)
            for rel_id, rel in part.rels.items()
            if rel.is_external and not is_safe_link(rel.reltype.rsplit("/", 1)[-1], rel.target_ref)
        ]
        if not doomed:
            continue
        root, save = _xml_of(part)
        for rel_id, rel in doomed:
            if root is not None:
                _drop_references(root, rel_id)
            part.rels.pop(rel_id)
            removed.append(rel.target_ref)
        if save is not None:
            save()
    return removed


def _xml_of(part):
    """The part's XML root and a function that stores it back (None, None for a part that is not XML)."""
    element = getattr(part, "_element", None)
    if element is not None:
        return element, None
    if not part.content_type.endswith("xml"):
        return None, None
    try:
        root = etree.fromstring(part.blob, _PARSER)
    except etree.XMLSyntaxError:
        return None, None

    def save() -> None:
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    return root, save


def _drop_references(root, rel_id: str) -> None:
    users = [
        (element, name)
        for element in root.iter()
        if isinstance(element.tag, str)
        for name, value in element.attrib.items()
        if value == rel_id and name.startswith(f"{{{R_NS}}}")
    ]
    for element, name in users:
        parent = element.getparent()
        if element.tag == f"{{{W_NS}}}hyperlink" and parent is not None:
            index = parent.index(element)
            for offset, child in enumerate(list(element)):
                parent.insert(index + offset, child)
            parent.remove(element)
        elif name == f"{{{R_NS}}}link" or parent is None:
            del element.attrib[name]  # a linked image: the embedded copy (r:embed), if any, stays
        else:
            parent.remove(element)
