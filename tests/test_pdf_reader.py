"""The PDF reader: both engines, clean-up that keeps the map, typed errors.

Synthetic PDFs are typeset with fpdf2 at test time; the shared robustness files are
used only when ../shared is present (tests/conftest.py).
"""

from __future__ import annotations

import difflib
import io
import os

import pytest
from conftest import needs_shared, shared_path

from analyzer.errors import AnalyzerError, CorruptDocument, EncryptedDocument, NoText, ResourceLimit
from analyzer.readers import ReadOptions, pdf_layout, pdf_pages, read_bytes, read_path
from analyzer.readers import pdf as pdf_reader
from analyzer.readers.pdf_layout import is_page_number, join_kind

fpdf = pytest.importorskip("fpdf")

ENGINES = ("pdfplumber", "pdfium")
LIGATURE_FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/Library/Fonts/DejaVuSans.ttf",
)
HEADER = "ACME CREDIT AGREEMENT - CONFIDENTIAL DRAFT"
LEFT, TOP, PITCH, SIZE = 72, 110, 14, 11

PAGES = [
    # (lines, gap before line i: extra blank pitch)
    [
        "Section 9.4 Exculpation.",
        None,
        "Notwithstanding anything to the contrary contained in this Agreement, the obliga-",
        "tion of the Borrower to pay the Debt shall be limited to the Property and the",
        "Lender shall not seek any deficiency judgment against the Borrower personally.",
        None,
        "ARTICLE IX",
        "The Lender agrees that its sole recourse shall be to the Collateral, and no",
        "member, manager or officer of the Borrower shall have any personal liability.",
    ],
    [
        "The springing recourse provisions apply upon a voluntary bankruptcy filing by",
        "the Borrower or any guarantor, and the Guarantor shall be liable for the full",
        "amount of the Debt, including interest, costs and expenses, in each case as set",
    ],
    [
        "forth in the Guaranty executed and delivered by the Guarantor on the date hereof.",
        None,
        "LIGATURE",
    ],
]


def _ligature_font() -> str | None:
    return next((f for f in LIGATURE_FONTS if os.path.exists(f)), None)


def make_agreement(pages=PAGES, header: str | None = HEADER, footer: bool = True) -> bytes:
    pdf = fpdf.FPDF(unit="pt", format="letter")
    pdf.set_auto_page_break(False)
    font = _ligature_font()
    if font:
        pdf.add_font("DejaVu", fname=font)
    for number, lines in enumerate(pages, start=1):
        pdf.add_page()
        if header:
            pdf.set_font("Helvetica", size=9)
            pdf.text(LEFT, 40, header)
        if footer:
            pdf.set_font("Helvetica", size=9)
            pdf.text(290, 760, f"Page {number}")
        y = TOP
        for line in lines:
            if line is None:
                y += PITCH
                continue
            if line == "LIGATURE":
                if not font:
                    continue
                pdf.set_font("DejaVu", size=SIZE)
                pdf.text(LEFT, y, "The \ufb01nancing documents are \ufb02awless.")
            else:
                pdf.set_font("Helvetica", size=SIZE)
                pdf.text(LEFT, y, line)
            y += PITCH
    return bytes(pdf.output())


@pytest.fixture(scope="module")
def agreement() -> bytes:
    return make_agreement()


@pytest.fixture(scope="module", params=ENGINES)
def doc(request, agreement):
    return read_bytes(agreement, "agreement.pdf", ReadOptions(engine=request.param, ocr="never"))


def test_running_header_and_page_numbers_removed(doc):
    assert "CONFIDENTIAL" not in doc.text
    assert "Page 1" not in doc.text and "Page 2" not in doc.text
    assert len(doc.pages) == 3
    assert doc.format == "pdf" and doc.warnings == []


def test_hyphenation_and_hard_line_breaks_joined(doc):
    assert "the obligation of the Borrower to pay the Debt shall be limited to the Property and the Lender" \
        in doc.text
    assert "obliga-" not in doc.text


def test_headings_stay_their_own_paragraph(doc):
    assert doc.text.startswith("Section 9.4 Exculpation.\n\nNotwithstanding")
    assert "personally.\n\nARTICLE IX\n\nThe Lender agrees" in doc.text


def test_sentence_continues_across_page_break(doc):
    assert "in each case as set forth in the Guaranty" in doc.text


def test_ligatures_expanded(doc):
    if not _ligature_font():
        pytest.skip("no TrueType font with ligature glyphs")
    assert "hereof.\n\nThe financing documents are flawless." in doc.text
    assert "\ufb01" not in doc.text


def test_offsets_map_to_pages_and_boxes(doc):
    start = doc.text.index("springing recourse")
    end = start + len("springing recourse")
    assert doc.page_at(start) == 2
    assert doc.page_at(doc.text.index("Guaranty executed")) == 3
    assert doc.page_at(doc.text.index("deficiency judgment")) == 1
    boxes = doc.boxes_for(start, end)
    assert len(boxes) == 1
    page, (x0, top, x1, bottom) = boxes[0]
    assert page == 2
    assert LEFT < x0 < x1 < 400  # after "The " on a line starting at x=72
    assert TOP - SIZE - 2 < top < bottom < TOP + 5  # the first body line, baseline at y=TOP
    # a phrase split by the hyphen spans two lines: two boxes on page 1
    s = doc.text.index("obligation of")
    two = doc.boxes_for(s, s + len("obligation of"))
    assert [p for p, _ in two] == [1, 1] and two[0][1][1] < two[1][1][1]


def test_both_engines_give_the_same_text(agreement):
    a = read_bytes(agreement, "a.pdf", ReadOptions(engine="pdfplumber", ocr="never")).text
    b = read_bytes(agreement, "a.pdf", ReadOptions(engine="pdfium", ocr="never")).text
    assert difflib.SequenceMatcher(None, a, b).ratio() > 0.98


def test_paragraph_break_on_vertical_gap():
    pages = [[
        "The first paragraph is one sentence long and it runs over two lines of",
        "the page without any break inside it and ends here",
        None,
        "and after the gap a new paragraph begins even without capital letters or",
        "punctuation at the end of the previous line, because the gap says so.",
    ]] * 1
    for engine in ENGINES:
        d = read_bytes(make_agreement(pages, header=None, footer=False), "g.pdf",
                       ReadOptions(engine=engine, ocr="never"))
        assert "ends here\n\nand after the gap" in d.text
        assert "lines of the page" in d.text


# ------------------------------------------------------------------ errors


@pytest.mark.parametrize("engine", ENGINES)
def test_encrypted(engine):
    pdf = fpdf.FPDF(unit="pt", format="letter")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.text(72, 100, "The Borrower shall have no personal liability for the Loan.")
    pdf.set_encryption(owner_password="owner-pw", user_password="user-pw")
    data = bytes(pdf.output())
    with pytest.raises(EncryptedDocument, match="encrypted: password required"):
        read_bytes(data, "e.pdf", ReadOptions(engine=engine))
    with pytest.raises(EncryptedDocument, match="encrypted: wrong password"):
        read_bytes(data, "e.pdf", ReadOptions(engine=engine, password="nope"))
    for pw in ("user-pw", "owner-pw"):
        d = read_bytes(data, "e.pdf", ReadOptions(engine=engine, password=pw))
        assert "no personal liability" in d.text


@pytest.mark.parametrize("engine", ENGINES)
def test_corrupt_and_truncated(engine, agreement):
    with pytest.raises(CorruptDocument, match="^corrupt PDF: "):
        read_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20, "junk.pdf", ReadOptions(engine=engine))
    for cut in (len(agreement) // 3, len(agreement) - 40):
        try:
            read_bytes(agreement[:cut], "cut.pdf", ReadOptions(engine=engine, ocr="never"))
        except AnalyzerError:
            pass  # typed is all we ask of a truncated file; a partial read is fine too


@pytest.mark.parametrize("engine", ENGINES)
def test_page_limit(engine, agreement):
    with pytest.raises(ResourceLimit):
        read_bytes(agreement, "a.pdf", ReadOptions(engine=engine, max_pages=2))


def _image_page_pdf(text_pages: tuple[int, ...], n: int = 3, caption: str | None = None) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("L", (400, 500), 200).save(buf, format="PNG")
    pdf = fpdf.FPDF(unit="pt", format="letter")
    for number in range(1, n + 1):
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        if number in text_pages:
            pdf.text(72, 100, f"Page {number} text: the Borrower shall repay the Loan on the Maturity Date.")
        else:
            pdf.image(io.BytesIO(buf.getvalue()), x=36, y=36, w=540, h=700)
            if caption:
                pdf.text(72, 760, caption)
    return bytes(pdf.output())


@pytest.mark.parametrize("engine", ENGINES)
def test_pages_without_text_layer(engine):
    with pytest.raises(NoText, match="no text layer"):
        read_bytes(_image_page_pdf(()), "scan.pdf", ReadOptions(engine=engine, ocr="never"))
    d = read_bytes(_image_page_pdf((1, 3), n=3), "mixed.pdf", ReadOptions(engine=engine, ocr="never"))
    assert "no_text_layer: page 2" in d.warnings
    assert d.page_at(d.text.index("Page 3 text")) == 3
    d = read_bytes(_image_page_pdf((1,), n=2, caption="Exhibit A - Site Plan"), "sparse.pdf",
                   ReadOptions(engine=engine, ocr="never"))
    assert "low_text_density: page 2" in d.warnings


@pytest.mark.parametrize("engine", ENGINES)
def test_ocr_hook_fills_pages_without_text(engine, monkeypatch):
    calls = []

    def fake_ocr_page(data, page_number, options):
        calls.append(page_number)
        return [("Recourse", 72.0, 90.0, 130.0, 101.0), ("limited.", 134.0, 90.0, 180.0, 101.0)]

    monkeypatch.setattr(pdf_pages, "_ocr_function", lambda options: fake_ocr_page)
    d = read_bytes(_image_page_pdf((1,), n=2), "scan.pdf", ReadOptions(engine=engine))
    assert calls == [2]
    assert "Recourse limited." in d.text and d.ocr_pages == [2]
    assert d.boxes_for(d.text.index("Recourse"), d.text.index("Recourse") + 8)[0][0] == 2


def test_needs_ocr():
    count = pdf_layout._alnum
    assert pdf_reader.needs_ocr(count(""))
    assert pdf_reader.needs_ocr(count("12 - 3 ..."))
    assert not pdf_reader.needs_ocr(count("The Borrower shall repay the Loan."))
    assert not pdf_reader.needs_ocr(count(""), has_marks=False)


def test_page_number_shapes():
    for s in ("12", "- 12 -", "Page 3", "Page 3 of 9", "3 of 9", "iv", "-v-", "A-1", "[7]"):
        assert is_page_number(s), s
    for s in ("(iv)", "Section 12", "12 months", "ARTICLE IX", "civil", "mild", "did"):
        assert not is_page_number(s), s


def test_join_kind():
    assert join_kind("the obliga-", "tion of") == "-"
    assert join_kind("a non-", "recourse loan") == ""
    assert join_kind("the Non-", "Recourse Carve-outs") == ""
    assert join_kind("the Borrower", "shall") == " "
    assert join_kind("amounts -", "the Lender") == " "
    # a hyphenated word written whole elsewhere in the document keeps its hyphen at a line end
    seen = frozenset({"carve-outs", "third-party"})
    assert join_kind("the carve-", "outs listed", seen) == ""
    assert join_kind("any third-", "party beneficiary", seen) == ""
    assert join_kind("the carve-", "outs listed") == "-"
    assert join_kind("a self-in-", "sured plan", seen) == "-"


def test_dedupe_chars_drops_overprinted_duplicates():
    a = {"text": "A", "x0": 10.0, "top": 20.0, "fontname": "F", "size": 10, "upright": True}
    b = dict(a, x0=10.4, top=20.3)  # fake bold: same glyph drawn again, slightly offset
    c = dict(a, x0=17.0)  # the next "A" on the line
    assert pdf_reader.dedupe_chars([a, b, c]) == [a, c]


# ------------------------------------------------------------------ shared files (skipped when absent)

ROBUSTNESS = shared_path("robustness")


@needs_shared("robustness")
@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("name", "password", "expect"), [
    ("password-example.pdf", None, EncryptedDocument),
    ("password-example.pdf", "test", None),
    ("pdfminer_encryption_aes-256-r6.pdf", "usersecret", None),
    ("pdfminer_encryption_aes-256-r6.pdf", "foo", EncryptedDocument),
    # needs no password: the one given is ignored and the file opens; its only content is an image
    ("pdfminer_encryption_encrypted_doc_no_id.pdf", "foo", NoText),
    ("issue-297-example.pdf", None, AnalyzerError),
    ("pdfminer_scancode_patchelf.pdf", None, NoText),
    ("pdfminer_encryption_base.pdf", None, None),  # one word ("Secret!") is text, not a missing layer
])
def test_robustness_samples(engine, name, password, expect):
    path = ROBUSTNESS / name
    if not path.exists():
        pytest.skip(f"{name} not present")
    opts = ReadOptions(engine=engine, password=password, ocr="never")
    if expect is None:
        assert read_path(path, opts).pages
    else:
        with pytest.raises(expect):
            read_path(path, opts)
