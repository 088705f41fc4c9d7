"""PDF/A-2b for the eAkte: a searchable PDF (``searchable``) made an archival file.

What is added to the searchable PDF, and why:

- an sRGB output intent (``icc/sRGB2014.icc``, the ICC's own profile): the scan's
  device colours (DeviceGray, DeviceRGB) then have a defined meaning;
- XMP metadata: ``pdfaid:part`` 2 and ``pdfaid:conformance`` B, the document's title,
  and the index data (department, doctype, Aktenzeichen, date, sha256 of the scan) as
  ``key=value`` keywords (``dc:subject``, ``pdf:Keywords``);
- a document ID in the trailer, computed from the content (the same document gives
  the same bytes, which is how a redelivery is recognised);

and what is taken away: the document information dictionary (its Producer and dates
would have to repeat the XMP's), the catalog's open action and additional actions,
and JavaScript (an archived file runs nothing). A PDF that uses a font it does not
embed (a born-digital letter with the standard Helvetica) cannot become PDF/A
without rendering it anew; that is refused with a DeliveryError.

Every file is checked before it is handed over with pikepdf's PDF/A validator
(``pikepdf.pdfa.validate_written``, the veraPDF rules pikepdf implements; an
allowlist: what it does not know it reports). A file that does not pass is not
delivered. veraPDF itself is not run: what the tests verify is listed in
docs/architecture.md ("PDF/A").
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

import pikepdf
import structlog

from semantha.errors import DeliveryError
from semantha.records import Decision, Document

log = structlog.get_logger(__name__)

ICC_PROFILE = Path(__file__).with_name("icc") / "sRGB2014.icc"
OUTPUT_CONDITION = "sRGB IEC61966-2.1"
# The index data in the XMP, in this order.
INDEX_KEYS = ("department", "doctype", "aktenzeichen", "date", "sha256")
FINDINGS_SHOWN = 3


def pdfa_2b(searchable: bytes, index: Mapping[str, str], title: str) -> bytes:
    """``searchable`` (a PDF from ``searchable.searchable_pdf``) as PDF/A-2b with
    ``index`` (keys of ``INDEX_KEYS``; empty values are left out) in its XMP."""
    with pikepdf.open(io.BytesIO(searchable)) as pdf:
        _refuse_unembedded_fonts(pdf)
        _drop_actions(pdf)
        if "/Info" in pdf.trailer:
            del pdf.trailer["/Info"]
        pdf.Root.Metadata = pikepdf.Stream(pdf, xmp_packet(index, title).encode("utf-8"))
        pdf.Root.Metadata.Type = pikepdf.Name.Metadata
        pdf.Root.Metadata.Subtype = pikepdf.Name.XML
        pdf.Root.OutputIntents = pikepdf.Array([_output_intent(pdf)])
        buffer = io.BytesIO()
        # deterministic_id: the trailer /ID from the content, so equal input gives equal bytes
        pdf.save(buffer, deterministic_id=True, fix_metadata_version=False)
    data = buffer.getvalue()
    _validated(data)
    log.debug("pdfa.built", bytes=len(data))
    return data


def _refuse_unembedded_fonts(pdf: pikepdf.Pdf) -> None:
    missing = sorted({name for name, font in _fonts(pdf) if not _embedded(font)})
    if missing:
        raise DeliveryError(
            f"the PDF uses fonts it does not embed ({', '.join(missing)}); it cannot become "
            "PDF/A without being rendered anew",
            "deliver such documents without pdfa (a route for born-digital PDFs), or let the "
            "sender embed the fonts; the document is retried, then goes to review",
        )


def _fonts(pdf: pikepdf.Pdf) -> Iterator[tuple[str, pikepdf.Dictionary]]:
    """Every font the pages, their form XObjects and annotations' appearances use."""
    seen: set[tuple[int, int]] = set()
    pending = [page.obj.get("/Resources") for page in pdf.pages]
    while pending:
        resources = pending.pop()
        if not isinstance(resources, pikepdf.Dictionary):
            continue
        if resources.is_indirect:
            if resources.objgen in seen:
                continue
            seen.add(resources.objgen)
        for font in dict(resources.get("/Font", {})).values():
            for part in [font, *font.get("/DescendantFonts", [])]:
                yield str(part.get("/BaseFont", "(unnamed)")), part
        for xobject in dict(resources.get("/XObject", {})).values():
            if xobject.get("/Subtype") == pikepdf.Name.Form:
                pending.append(xobject.get("/Resources"))


def _embedded(font: pikepdf.Dictionary) -> bool:
    """A Type3 font is its own glyph programs; a composite font's are in its descendant."""
    if font.get("/Subtype") in (pikepdf.Name.Type3, pikepdf.Name.Type0):
        return True
    descriptor = font.get("/FontDescriptor")
    return isinstance(descriptor, pikepdf.Dictionary) and any(
        key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
    )


def _drop_actions(pdf: pikepdf.Pdf) -> None:
    for key in ("/OpenAction", "/AA"):
        if key in pdf.Root:
            del pdf.Root[key]
    names = pdf.Root.get("/Names")
    if isinstance(names, pikepdf.Dictionary) and "/JavaScript" in names:
        del names["/JavaScript"]
    for page in pdf.pages:
        if "/AA" in page.obj:
            del page.obj["/AA"]


def _output_intent(pdf: pikepdf.Pdf) -> pikepdf.Dictionary:
    profile = pikepdf.Stream(pdf, _icc_profile())
    profile.N = 3
    return pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.OutputIntent,
            S=pikepdf.Name.GTS_PDFA1,
            OutputConditionIdentifier=pikepdf.String(OUTPUT_CONDITION),
            Info=pikepdf.String(OUTPUT_CONDITION),
            RegistryName=pikepdf.String("http://www.color.org"),
            DestOutputProfile=profile,
        )
    )


@cache
def _icc_profile() -> bytes:
    return ICC_PROFILE.read_bytes()


def xmp_packet(index: Mapping[str, str], title: str) -> str:
    """The XMP metadata: PDF/A identification, title, producer and the index data.

    The index data goes into properties every PDF/A reader knows: one ``key=value``
    keyword each in ``dc:subject`` and all of them in ``pdf:Keywords`` (a namespace of
    Semantha's own would need a PDF/A extension schema, which pikepdf's validator does
    not accept, so it could not be checked here)."""
    # a ";" in a value would split the keyword list; none of these values needs one
    pairs = [
        f"{key}={value.replace(';', ',')}" for key in INDEX_KEYS if (value := index.get(key, ""))
    ]
    subjects = "".join(f"<rdf:li>{escape(pair)}</rdf:li>" for pair in pairs)
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        '  <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '    <rdf:Description rdf:about=""\n'
        '        xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"\n'
        '        xmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        '        xmlns:pdf="http://ns.adobe.com/pdf/1.3/">\n'
        "      <pdfaid:part>2</pdfaid:part>\n"
        "      <pdfaid:conformance>B</pdfaid:conformance>\n"
        "      <pdf:Producer>Semantha</pdf:Producer>\n"
        f"      <pdf:Keywords>{escape('; '.join(pairs))}</pdf:Keywords>\n"
        "      <dc:format>application/pdf</dc:format>\n"
        f'      <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li>'
        "</rdf:Alt></dc:title>\n"
        f"      <dc:subject><rdf:Bag>{subjects}</rdf:Bag></dc:subject>\n"
        "    </rdf:Description>\n"
        "  </rdf:RDF>\n"
        "</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    )


def _validated(data: bytes) -> None:
    # Imported here: the validator loads its rule catalogue (0.2 MB of JSON) on import.
    import pikepdf.pdfa

    report = pikepdf.pdfa.validate_written(io.BytesIO(data), "2b")
    if not report.passed:
        shown = "; ".join(str(f) for f in report.findings[:FINDINGS_SHOWN])
        raise DeliveryError(
            f"the PDF/A-2b made of this document does not pass the PDF/A checks: {shown}",
            "deliver this document without pdfa and report the file; it is retried, then "
            "goes to review",
        )


def archival(searchable: bytes, document: Document, decision: Decision) -> bytes:
    """``pdfa_2b`` with the document's index data and a title naming kind and reference."""
    aktenzeichen = document.fields.get("aktenzeichen", "")
    index = {
        "department": decision.department or "",
        "doctype": decision.doctype or "",
        "aktenzeichen": aktenzeichen,
        "date": document.fields.get("date", ""),
        "sha256": document.id,
    }
    title = " ".join(t for t in (decision.doctype, aktenzeichen) if t) or document.source.stem
    return pdfa_2b(searchable, index, title)
