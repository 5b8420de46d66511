"""Word, HTML and EDGAR readers: same agreement, same paragraphs, same analysis."""

from __future__ import annotations

import html as htmllib
import io
import zipfile

import pytest

docx = pytest.importorskip("docx")
pytest.importorskip("lxml")

from docx.enum.text import WD_BREAK  # noqa: E402
from docx.oxml import OxmlElement  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402

from analyzer.errors import CorruptDocument, EncryptedDocument, ResourceLimit, UnsupportedFormat  # noqa: E402
from analyzer.readers import read_bytes, read_path, sniff_format  # noqa: E402

TITLE = "LOAN AGREEMENT"
# (kind, text): kind is "title", "heading" or "body"
AGREEMENT = [
    ("title", TITLE),
    ("body", 'This Loan Agreement (this "Agreement") is dated as of March 1, 2024, between Harbor View Holdings '
             'LLC, a Delaware limited liability company ("Borrower"), and First Coastal Bank, N.A. ("Lender").'),
    ("heading", "Section 2.1 The Loan."),
    ("body", 'Lender agrees to lend to Borrower the principal amount of $12,500,000 (the "Loan"), and Borrower '
             "promises to repay the Loan with interest at the rate and on the dates provided in the Note."),
    ("body", "The Loan is secured by a first-priority deed of trust on the real property and improvements "
             'commonly known as 400 Harbor Drive, San Diego, California (the "Property").'),
    ("heading", "Section 5.1 Non-Recourse."),
    ("body", "Notwithstanding anything to the contrary in this Agreement or the other Loan Documents, Borrower "
             "shall have no personal liability for the Loan, and Lender shall look solely to the Property and "
             "the other collateral for the Loan for the payment of the indebtedness."),
    ("body", "Lender shall not seek, take or obtain any deficiency judgment against Borrower or any partner, "
             "member or officer of Borrower."),
    ("heading", "Section 9.2 Governing Law."),
    ("body", "This Agreement shall be governed by and construed in accordance with the laws of the State of "
             "California."),
]
NON_RECOURSE = "Borrower shall have no personal liability for the Loan, and Lender shall look solely to the Property"


def agreement_txt() -> str:
    return "\n\n".join(text for _, text in AGREEMENT) + "\n"


def agreement_docx(table: bool = False) -> bytes:
    d = docx.Document()
    for kind, text in AGREEMENT:
        if kind == "title":
            d.add_heading(text, 0)
        elif kind == "heading":
            d.add_heading(text, 2)
        else:
            p = d.add_paragraph()
            # split into runs the way Word does, so text is joined across runs
            cut = text.find(" ", len(text) // 2)
            p.add_run(text[:cut])
            p.add_run(text[cut:]).bold = True
    if table:
        t = d.add_table(rows=2, cols=2)
        t.cell(0, 0).text, t.cell(0, 1).text = "Principal Amount", "$12,500,000"
        t.cell(1, 0).text, t.cell(1, 1).text = "Interest Rate", "6.25%"
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def agreement_html(extra: str = "") -> str:
    body = []
    for kind, text in AGREEMENT:
        esc = htmllib.escape(text, quote=False)
        if kind == "title":
            body.append(f"<h1 style='text-align:center'>{esc}</h1>")
        elif kind == "heading":
            body.append(f"<h2>{esc}</h2>")
        else:
            # typographic quotes as entities, an inline element inside the sentence, source line wraps
            esc = esc.replace('"', "&#8220;", 1).replace('"', "&#8221;", 1)
            words = esc.split(" ")
            mid = len(words) // 2
            body.append("<p>" + " ".join(words[:mid]) + "\n   <b>" + " ".join(words[mid:]) + "</b></p>")
    return (
        "<!DOCTYPE html>\n<html><head><title>Loan Agreement (title)</title>"
        "<style>p { margin: 0 } .x:before { content: 'STYLE-TEXT' }</style>"
        "<script>alert(1)</script></head>\n<body>\n<!-- a comment that must not appear -->\n"
        + "\n".join(body) + extra + "\n<script type='text/javascript'>document.write('SCRIPT-TEXT')</script>"
        "</body></html>\n"
    )


def paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


# --------------------------------------------------------------------------- same paragraphs as the text


def test_docx_has_the_text_paragraphs():
    txt = read_bytes(agreement_txt().encode(), "a.txt")
    doc = read_bytes(agreement_docx(), "a.docx")
    assert doc.format == "docx"
    assert paragraphs(doc.text) == paragraphs(txt.text)
    assert len(doc.pages) == 1
    assert doc.section_at(doc.text.index(NON_RECOURSE)) == "Section 5.1 Non-Recourse"


def test_html_has_the_text_paragraphs_and_drops_script_style_comments():
    txt = read_bytes(agreement_txt().encode(), "a.txt")
    doc = read_bytes(agreement_html().encode(), "a.html")
    assert doc.format == "html"
    assert paragraphs(doc.text) == paragraphs(txt.text)
    for junk in ("<script>alert(1)</script>", "alert(1)", "SCRIPT-TEXT", "STYLE-TEXT", "comment", "(title)"):
        assert junk not in doc.text


def test_html_decodes_entities_and_collapses_whitespace():
    doc = read_bytes(b"<html><body><p>A&nbsp;&amp;&#160;B \n\t <i>C</i>D &ldquo;E&rdquo; &#x2014; F</p></body></html>",
                     "e.html")
    assert doc.text == 'A & B CD "E" - F'


def test_html_blocks_and_line_breaks():
    doc = read_bytes(b"<html><body><div>one<div>two</div>three</div><ul><li>a item</li><li>b item</li></ul>"
                     b"<ol type='a'><li>first</li><li>second</li></ol><blockquote>quoted</blockquote>"
                     b"<h3>ARTICLE I<br>DEFINITIONS</h3></body></html>", "b.html")
    assert paragraphs(doc.text) == ["one", "two", "three", "a item", "b item", "a. first", "b. second", "quoted",
                                    "ARTICLE I DEFINITIONS"]


# --------------------------------------------------------------------------- tables


def test_docx_table_rows_are_lines():
    doc = read_bytes(agreement_docx(table=True), "t.docx")
    lines = doc.text.splitlines()
    assert "Principal Amount | $12,500,000" in lines
    assert "Interest Rate | 6.25%" in lines


def test_html_table_rows_are_lines():
    table = ("<table border=1><tr><th>Principal Amount</th><th>$12,500,000</th></tr>"
             "<tr><td>Interest <b>Rate</b></td><td>6.25%</td><td>&nbsp;</td></tr></table>")
    doc = read_bytes(agreement_html(extra=table).encode(), "t.html")
    lines = doc.text.splitlines()
    assert "Principal Amount | $12,500,000" in lines
    assert "Interest Rate | 6.25%" in lines


def test_html_layout_table_reads_as_paragraphs():
    long = " ".join(["Borrower shall pay the Loan when due."] * 5)
    doc = read_bytes(f"<html><body><table><tr><td>5.1</td><td><p>{long}</p><p>{long}</p></td></tr></table>"
                     f"</body></html>".encode(), "l.html")
    assert paragraphs(doc.text) == ["5.1", long, long]


def test_html_hanging_indent_tables_and_list_labels():
    doc = read_bytes(b"<html><body><table><tr><td>5.1</td><td>Non-Recourse. Borrower shall have no personal "
                     b"liability.</td></tr><tr><td>(a)</td><td>Lender shall look solely to the Property.</td></tr>"
                     b"</table><ol><li><p>first</p><p>more</p></li><li>second</li></ol></body></html>", "h.html")
    assert paragraphs(doc.text) == ["5.1 Non-Recourse. Borrower shall have no personal liability.",
                                    "(a) Lender shall look solely to the Property.", "1. first", "more", "2. second"]
    assert doc.section_at(doc.text.index("Lender shall")) == "5.1 Non-Recourse"


# --------------------------------------------------------------------------- pages


def test_edgar_page_marker_splits_html_pages_and_drops_page_numbers():
    html = ("<html><body><p>First page text about the Loan.</p><p align=center>- 1 -</p>\n<PAGE>\n"
            "<p>Second page: Lender shall look solely to the Property.</p><p>Page 2</p>"
            "<hr>"
            "<p>Third page text.</p><p>3</p></body></html>")
    doc = read_bytes(html.encode(), "p.htm")
    assert doc.page_at(doc.text.index("Lender shall look solely")) == 2
    assert doc.page_at(doc.text.index("Third page")) == 3
    assert len(doc.pages) == 3
    assert paragraphs(doc.text) == ["First page text about the Loan.",
                                    "Second page: Lender shall look solely to the Property.", "Third page text."]


def test_css_page_breaks_split_pages_and_a_cut_sentence_is_joined():
    html = ("<html><body><p>Borrower shall have no personal</p><p style='text-align:center'>12</p>"
            "<div style='page-break-after: always'></div><hr>"
            "<p>liability for the Loan.</p><p style='PAGE-BREAK-BEFORE:always'>Next page.</p></body></html>")
    doc = read_bytes(html.encode(), "c.html")
    assert paragraphs(doc.text) == ["Borrower shall have no personal liability for the Loan.", "Next page."]
    assert [p.number for p in doc.pages] == [1, 2, 3]
    assert doc.page_at(doc.text.index("liability")) == 2
    assert doc.page_at(doc.text.index("Next page")) == 3


def test_edgar_text_exhibit_in_pre_splits_pages():
    html = ("<html><body><pre>\nFirst page of the agreement.\n\n                 1\n<PAGE>\n"
            "Borrower shall have no personal liability.\n</pre></body></html>")
    doc = read_bytes(html.encode(), "pre.htm")
    assert doc.page_at(doc.text.index("personal liability")) == 2
    assert paragraphs(doc.text) == ["First page of the agreement.", "Borrower shall have no personal liability."]


def _page_break_docx(rendered: bool) -> bytes:
    d = docx.Document()
    d.add_paragraph("First page: Borrower and Lender.")
    p = d.add_paragraph("Borrower shall have no personal ")
    if rendered:  # where Word laid out the next page, in the middle of a paragraph
        p.add_run()._r.append(OxmlElement("w:lastRenderedPageBreak"))
    else:
        p.add_run().add_break(WD_BREAK.PAGE)
    p.add_run("liability for the Loan.")
    d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    d.add_paragraph("Third page.")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("rendered", [False, True])
def test_docx_page_breaks_are_page_boundaries(rendered):
    doc = read_bytes(_page_break_docx(rendered), "pb.docx")
    assert paragraphs(doc.text) == ["First page: Borrower and Lender.",
                                    "Borrower shall have no personal liability for the Loan.", "Third page."]
    assert len(doc.pages) == 3
    assert doc.page_at(doc.text.index("First page")) == 1
    assert doc.page_at(doc.text.index("liability")) == 2
    assert doc.page_at(doc.text.index("Third page")) == 3


def test_docx_headers_footers_numbering_and_tracked_changes():
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "EXECUTION VERSION"
    d.sections[0].footer.paragraphs[0].text = "Page 1"
    d.add_paragraph("Borrower shall pay the Loan.", style="List Number")
    d.add_paragraph("Lender shall fund the Loan.", style="List Number")
    p = d.add_paragraph("Recourse is ")
    deleted = OxmlElement("w:del")
    r = OxmlElement("w:r")
    t = OxmlElement("w:delText")
    t.text = "NOT "
    r.append(t)
    deleted.append(r)
    p._p.append(deleted)
    p.add_run("limited.")
    hidden = d.add_paragraph().add_run("HIDDEN TEXT")
    hidden.font.hidden = True
    buf = io.BytesIO()
    d.save(buf)
    doc = read_bytes(buf.getvalue(), "h.docx")
    assert paragraphs(doc.text) == ["EXECUTION VERSION", "1. Borrower shall pay the Loan.",
                                    "2. Lender shall fund the Loan.", "Recourse is limited."]


NUMBERING = (
    '<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:abstractNum w:abstractNumId="0">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="Section %1."/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%3)"/></w:lvl>'
    '<w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\u2022"/></w:lvl>'
    '</w:abstractNum><w:num w:numId="7"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
)


def test_docx_multilevel_numbering_is_rendered():
    d = docx.Document()
    for level, text in [(0, "Definitions."), (1, "Loan."), (1, "Note."), (2, "first sub"), (2, "second sub"),
                        (3, "bullet item"), (0, "Recourse."), (1, "Non-Recourse. Borrower shall have no liability.")]:
        p = d.add_paragraph(text)
        num_pr = OxmlElement("w:numPr")
        ilvl, num_id = OxmlElement("w:ilvl"), OxmlElement("w:numId")
        ilvl.set(qn("w:val"), str(level))
        num_id.set(qn("w:val"), "7")
        num_pr.extend([ilvl, num_id])
        p._p.get_or_add_pPr().append(num_pr)
    buf = io.BytesIO()
    d.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    members = {n: src.read(n) for n in src.namelist()}
    members["word/numbering.xml"] = NUMBERING.encode()
    doc = read_bytes(_zip(members), "n.docx")
    assert paragraphs(doc.text) == ["Section 1. Definitions.", "1.1 Loan.", "1.2 Note.", "(a) first sub",
                                    "(b) second sub", "bullet item", "Section 2. Recourse.",
                                    "2.1 Non-Recourse. Borrower shall have no liability."]
    assert doc.section_at(doc.text.index("Borrower shall")) == "2.1 Non-Recourse"


# a package written by hand: footnotes, a text box with its VML fallback, an HTML altChunk,
# two sections with their own headers, a content control, tracked insertion and move
_W = " ".join([
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"',
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"',
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"',
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"',
    'xmlns:v="urn:schemas-microsoft-com:vml"',
])
_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def _rels(*rels: tuple[str, str, str]) -> str:
    items = "".join(f'<Relationship Id="{i}" Type="{_RT}{t}" Target="{target}"/>' for i, t, target in rels)
    return f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{items}</Relationships>'


def _p(*runs: str, ppr: str = "") -> str:
    return f"<w:p>{ppr}{''.join(runs)}</w:p>"


def _r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def handmade_docx(macro: bool) -> bytes:
    main = "application/vnd.ms-word.document.macroEnabled.main+xml" if macro else _CT + "document.main+xml"
    types = "".join([
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">',
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
        '<Default Extension="xml" ContentType="application/xml"/>',
        '<Default Extension="htm" ContentType="application/xhtml+xml"/>',
        f'<Override PartName="/word/document.xml" ContentType="{main}"/>',
        f'<Override PartName="/word/footnotes.xml" ContentType="{_CT}footnotes+xml"/>',
        f'<Override PartName="/word/header1.xml" ContentType="{_CT}header+xml"/>',
        f'<Override PartName="/word/header2.xml" ContentType="{_CT}header+xml"/>',
        "</Types>",
    ])
    box = _p(_r("Box text."))
    text_box = (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>'
        f"<w:txbxContent>{box}</w:txbxContent></wps:txbx></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:textbox><w:txbxContent>{box}</w:txbxContent></v:textbox></w:pict>"
        "</mc:Fallback></mc:AlternateContent></w:r>"
    )
    body = "".join([
        _p(_r("Borrower shall pay."), '<w:r><w:footnoteReference w:id="2"/></w:r>'),
        _p(_r("Anchor "), text_box, _r("paragraph.")),
        '<w:altChunk r:id="rId6"/>',
        _p(_r("End of section one."),
           ppr='<w:pPr><w:sectPr><w:headerReference w:type="default" r:id="rId7"/></w:sectPr></w:pPr>'),
        "<w:sdt><w:sdtContent>",
        _p(_r("In a content control."), f"<w:ins>{_r(' Inserted.')}</w:ins>",
           f"<w:moveFrom>{_r('MOVED AWAY')}</w:moveFrom>"),
        "</w:sdtContent></w:sdt>",
        '<w:sectPr><w:headerReference w:type="default" r:id="rId8"/><w:type w:val="nextPage"/></w:sectPr>',
    ])
    notes = (
        f'<w:footnotes {_W}><w:footnote w:type="separator" w:id="-1">'
        f"{_p('<w:r><w:separator/></w:r>')}</w:footnote>"
        f'<w:footnote w:id="2">{_p("<w:r><w:footnoteRef/></w:r>", _r(" A footnote about recourse."))}</w:footnote>'
        "</w:footnotes>"
    )
    members = {
        "[Content_Types].xml": types,
        "_rels/.rels": _rels(("rId1", "officeDocument", "word/document.xml")),
        "word/document.xml": f"<w:document {_W}><w:body>{body}</w:body></w:document>",
        "word/_rels/document.xml.rels": _rels(("rId5", "footnotes", "footnotes.xml"),
                                              ("rId6", "aFChunk", "chunk.htm"),
                                              ("rId7", "header", "header1.xml"), ("rId8", "header", "header2.xml")),
        "word/footnotes.xml": notes,
        "word/chunk.htm": "<html><body><p>Imported <b>HTML</b> chunk.</p><script>bad()</script></body></html>",
        "word/header1.xml": f"<w:hdr {_W}>{_p(_r('HEADER ONE'))}</w:hdr>",
        "word/header2.xml": f"<w:hdr {_W}>{_p(_r('HEADER TWO'))}</w:hdr>",
    }
    return _zip({k: v.encode() for k, v in members.items()})

@pytest.mark.parametrize("macro", [False, True])
def test_docx_notes_text_boxes_alt_chunks_sections(macro):
    doc = read_bytes(handmade_docx(macro), "m.docm" if macro else "m.docx")
    assert paragraphs(doc.text) == [
        "HEADER ONE", "Borrower shall pay.", "A footnote about recourse.", "Anchor paragraph.",
        "Box text.",  # once: the VML fallback copy is not read
        "Imported HTML chunk.", "End of section one.", "HEADER TWO", "In a content control. Inserted."]
    assert doc.page_at(doc.text.index("HEADER TWO")) == 2  # a next-page section break


# --------------------------------------------------------------------------- EDGAR submissions

GRAPHIC = b"begin 644 logo.jpg\nM_]C_X``02D9)1@`!`0$`8`!@``#_VP!#``(!`0(!`0(\"`@(\"`@(\"`P4#`P,#\n`\nend\n"


def edgar_submission(exhibit: bytes) -> bytes:
    return (
        b"<SEC-DOCUMENT>0000950123-24-000001.txt : 20240301\n<SEC-HEADER>0000950123-24-000001.hdr.sgml\n"
        b"ACCESSION NUMBER:\t\t0000950123-24-000001\nCONFORMED SUBMISSION TYPE:\t8-K\n"
        b"FILER:\n\tCOMPANY CONFORMED NAME:\t\tHARBOR VIEW HOLDINGS LLC\n</SEC-HEADER>\n"
        b"<DOCUMENT>\n<TYPE>GRAPHIC\n<SEQUENCE>2\n<FILENAME>logo.jpg\n<TEXT>\n" + GRAPHIC + b"</TEXT>\n</DOCUMENT>\n"
        b"<DOCUMENT>\n<TYPE>EX-10.1\n<SEQUENCE>3\n<FILENAME>ex10-1.htm\n<DESCRIPTION>LOAN AGREEMENT\n<TEXT>\n"
        + exhibit + b"\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n"
    )


def test_edgar_submission_yields_only_the_exhibit():
    doc = read_bytes(edgar_submission(agreement_html().encode()), "0000950123-24-000001.txt")
    assert doc.format == "edgar"
    assert paragraphs(doc.text) == paragraphs(read_bytes(agreement_txt().encode(), "a.txt").text)
    for junk in ("ACCESSION", "SEC-HEADER", "begin 644", "logo.jpg", "GRAPHIC", "EX-10.1", "alert(1)"):
        assert junk not in doc.text
    assert any("EX-10.1" in w for w in doc.warnings)


def test_edgar_submission_with_text_exhibit_splits_pages():
    exhibit = ("LOAN AGREEMENT\n\nThis Loan Agreement is between Borrower and Lender.\n\n"
               "                                   1\n<PAGE>\n"
               "Section 5.1 Non-Recourse. Borrower shall have no personal liability for the Loan.\n\n"
               "<TABLE>\n<S>                       <C>\nPrincipal Amount          $12,500,000\n</TABLE>\n")
    doc = read_bytes(edgar_submission(exhibit.encode()), "sub.txt")
    assert doc.page_at(doc.text.index("no personal liability")) == 2
    assert "<TABLE>" not in doc.text and "<S>" not in doc.text
    assert "\n\n1\n\n" not in doc.text


# --------------------------------------------------------------------------- chosen by content, failures


def test_readers_are_chosen_by_content_not_suffix(tmp_path):
    (tmp_path / "x.txt").write_text(agreement_html())
    (tmp_path / "y.txt").write_bytes(agreement_docx())
    (tmp_path / "z.htm").write_bytes(edgar_submission(agreement_html().encode()))
    assert read_path(tmp_path / "x.txt").format == "html"
    assert read_path(tmp_path / "y.txt").format == "docx"
    assert read_path(tmp_path / "z.htm").format == "edgar"
    assert sniff_format(agreement_html().encode()[:8192], "x.txt") == "html"


def test_plain_text_with_page_markers_is_not_html():
    data = b"LOAN AGREEMENT\n\nBorrower shall pay.\n<PAGE>\nLender shall lend. <TABLE> <S> <C>\n"
    assert read_bytes(data, "x.txt").format == "text"


def test_corrupt_docx():
    good = agreement_docx()
    with pytest.raises(CorruptDocument, match="corrupt Word file"):
        read_bytes(good[: len(good) // 2], "broken.docx")
    with pytest.raises(CorruptDocument, match="corrupt Word file"):
        read_bytes(b"PK\x03\x04" + b"word/" + b"\x00garbage" * 100, "junk.docx")


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_docx_resource_limits(monkeypatch):
    from analyzer.readers import docx as docx_reader

    monkeypatch.setattr(docx_reader, "MAX_MEMBERS", 50)
    many = _zip({"[Content_Types].xml": b"<Types/>", **{f"word/m{i}.xml": b"<x/>" for i in range(60)}})
    with pytest.raises(ResourceLimit, match="too many parts"):
        read_bytes(many, "many.docx")
    monkeypatch.setattr(docx_reader, "MAX_UNCOMPRESSED", 1024 * 1024)
    bomb = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<a>" + b" " * 2_000_000 + b"</a>"})
    assert len(bomb) < 50_000
    with pytest.raises(ResourceLimit, match="expands to more than"):
        read_bytes(bomb, "bomb.docx")


def test_legacy_and_encrypted_office_files():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    with pytest.raises(UnsupportedFormat, match="legacy Office"):
        read_bytes(ole, "old.doc")
    with pytest.raises(EncryptedDocument):
        read_bytes(ole + "EncryptedPackage".encode("utf-16-le"), "locked.docx")
    with pytest.raises(UnsupportedFormat, match="spreadsheet"):
        read_bytes(_zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<w/>"}), "book.xlsx")


def test_docx_xml_entities_are_not_expanded():
    good = agreement_docx()
    src = zipfile.ZipFile(io.BytesIO(good))
    members = {n: src.read(n) for n in src.namelist()}
    xml = members["word/document.xml"]
    decl_end = xml.index(b"?>") + 2
    dtd = b'<!DOCTYPE w:document [<!ENTITY a "AAAAAAAAAA"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    members["word/document.xml"] = xml[:decl_end] + dtd + xml[decl_end:].replace(b"LOAN AGREEMENT", b"&b;")
    try:
        doc = read_bytes(_zip(members), "dtd.docx")
    except CorruptDocument:
        return  # refusing the file is fine too
    assert "AAAAAAAAAA" not in doc.text


# --------------------------------------------------------------------------- end to end


def test_same_label_and_evidence_across_formats(tmp_path):
    from analyzer.api import analyze

    (tmp_path / "agreement.txt").write_text(agreement_txt())
    (tmp_path / "agreement.docx").write_bytes(agreement_docx())
    (tmp_path / "agreement.html").write_text(agreement_html())
    (tmp_path / "agreement_sub.txt").write_bytes(edgar_submission(agreement_html().encode()))
    results = {p: analyze(str(tmp_path / p)) for p in
               ("agreement.txt", "agreement.docx", "agreement.html", "agreement_sub.txt")}
    base = results["agreement.txt"]
    assert base.error is None
    assert base.label == "non-recourse"
    assert any(NON_RECOURSE in e.text for e in base.evidence)
    for name, r in results.items():
        assert r.error is None, name
        assert r.label == base.label, name
        assert [(e.kind, e.text) for e in r.evidence] == [(e.kind, e.text) for e in base.evidence], name
