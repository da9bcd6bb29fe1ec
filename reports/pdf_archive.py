"""Archival finishing of the board report PDF, aiming at PDF/A-2b so it can be kept with the minutes.

reportlab writes the pages; this adds what PDF/A-2b asks for beyond embedded fonts: the document
information (title, author, subject, real creation date — reportlab's ``invariant`` mode would say
2000-01-01), the document language (``/Lang``), an XMP metadata stream carrying the same facts and
the PDF/A identification (part 2, conformance B), and an sRGB output intent with its ICC profile
(built by Pillow's littleCMS, so no profile file has to be shipped). The audit-trail anchor (the
chain head at generation, when the snapshot has one) is written to the XMP as ``mamori:auditAnchor``.

What can be checked here is checked by the tests (fonts embedded, XMP read back, output intent
present); a full PDF/A validation (veraPDF) is not available on this machine.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from functools import cache
from xml.sax.saxutils import escape

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

LANGUAGE_TAGS = {"ja": "ja-JP", "en": "en"}


@cache
def srgb_profile() -> bytes:
    from PIL import ImageCms

    return bytes(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())


def _moment(stamp: str) -> datetime:
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        moment = datetime.now(UTC)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def pdf_date(moment: datetime) -> str:
    offset = moment.strftime("%z") or "+0000"
    return moment.strftime("D:%Y%m%d%H%M%S") + f"{offset[:3]}'{offset[3:]}'"


def _xmp(
    title: str,
    author: str,
    subject: str,
    language: str,
    moment: datetime,
    producer: str,
    creator: str,
    anchor: str,
) -> bytes:
    stamp = moment.isoformat(timespec="seconds")
    lang = LANGUAGE_TAGS.get(language, language)
    anchor_xml = f"<mamori:auditAnchor>{escape(anchor)}</mamori:auditAnchor>" if anchor else ""
    text = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
    xmlns:mamori="https://mamori.example/ns/report/1.0/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{escape(author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(subject)}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>{escape(lang)}</rdf:li></rdf:Bag></dc:language>
   <xmp:CreateDate>{stamp}</xmp:CreateDate>
   <xmp:ModifyDate>{stamp}</xmp:ModifyDate>
   <xmp:MetadataDate>{stamp}</xmp:MetadataDate>
   <xmp:CreatorTool>{escape(creator)}</xmp:CreatorTool>
   <pdf:Producer>{escape(producer)}</pdf:Producer>
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
   {anchor_xml}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    return text.encode("utf-8")


def finish_archival(
    data: bytes,
    *,
    title: str,
    author: str,
    subject: str,
    language: str,
    generated_at: str,
    creator: str,
    anchor: str = "",
) -> bytes:
    """``data`` with real metadata, /Lang, XMP (PDF/A-2b identification) and an sRGB intent."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    moment = _moment(generated_at)
    producer = "Mamori (reportlab, pypdf)"
    writer.add_metadata(
        {
            "/Title": title,
            "/Author": author,
            "/Subject": subject,
            "/Creator": creator,
            "/Producer": producer,
            "/CreationDate": pdf_date(moment),
            "/ModDate": pdf_date(moment),
        }
    )
    root = writer._root_object
    root[NameObject("/Lang")] = TextStringObject(LANGUAGE_TAGS.get(language, language))
    metadata = DecodedStreamObject()
    metadata.set_data(_xmp(title, author, subject, language, moment, producer, creator, anchor))
    metadata.update({NameObject("/Type"): NameObject("/Metadata"),
                     NameObject("/Subtype"): NameObject("/XML")})  # fmt: skip
    root[NameObject("/Metadata")] = writer._add_object(metadata)
    profile = DecodedStreamObject()
    profile.set_data(srgb_profile())
    profile[NameObject("/N")] = NumberObject(3)
    intent = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/OutputIntent"),
            NameObject("/S"): NameObject("/GTS_PDFA1"),
            NameObject("/OutputConditionIdentifier"): TextStringObject("sRGB IEC61966-2.1"),
            NameObject("/Info"): TextStringObject("sRGB IEC61966-2.1"),
            NameObject("/DestOutputProfile"): writer._add_object(profile),
        }
    )
    root[NameObject("/OutputIntents")] = ArrayObject([writer._add_object(intent)])
    for page in writer.pages:  # PDF/A: every annotation (the contents' links) is printable
        for annotation in page.get("/Annots", []):
            annotation.get_object()[NameObject("/F")] = NumberObject(4)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
