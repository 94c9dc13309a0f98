"""Any text the app accepts, in any field of a meeting, exports and reads back.

Hypothesis puts arbitrary Unicode (what the input checks accept: no control
characters but tab and newline, no lone surrogates, in NFC) into the meeting's
title, the body's name, item titles, discussion, a declaration's nature, a
resolution, an action and people's names.  The full minutes of a draft and
the public minutes of approved ones, PDF and Word, must all be made, and pdftotext must find every field's text in the
PDF (compared after NFC, without white space).  Right-to-left text comes back
from pdftotext in visual order, so for it only the export itself is required.
"""

from __future__ import annotations

import unicodedata
from datetime import date

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from doc_text import contains, docx_blocks, is_rtl, pdf_body, squash
from lmcdesk import export
from lmcdesk.documents.approval import ApprovalFacts
from sample_meeting import LOCALITY, sample_meeting

APPROVED = ApprovalFacts(version=1, approved_on=date(2025, 2, 11), signed_by="Dr Ben Sample",
                         approving_meeting="the meeting of Loamshire North Locality on 11 February 2025")

TEXT = st.text(
    alphabet=st.one_of(st.characters(blacklist_categories=("Cc", "Cs")), st.sampled_from("\t\n")),
    min_size=1, max_size=80,
).map(lambda s: unicodedata.normalize("NFC", s))

#: field -> (how to set it, shown in the public version)
FIELDS = {
    "meeting title": (lambda d, m, t: setattr(m, "title", t), True),
    "body name": (lambda d, m, t: setattr(d.bodies[LOCALITY], "name", t), True),
    "item title": (lambda d, m, t: setattr(m.item("item-6"), "title", t), True),
    "discussion": (lambda d, m, t: setattr(m.item("item-7"), "discussion", t), True),
    "declaration": (lambda d, m, t: setattr(m.item("item-5").declarations[0], "nature", t), True),
    "resolution": (lambda d, m, t: setattr(m.item("item-5").decisions[0], "resolution", t), True),
    "action": (lambda d, m, t: setattr(m.actions[0], "description", t), True),
    "member": (lambda d, m, t: setattr(d.people["dr-ben-sample"], "name", t), True),
    "presenter": (lambda d, m, t: setattr(d.people["mr-finn-testcase"], "name", t), True),
    "part ii item title": (lambda d, m, t: setattr(m.item("item-8"), "title", t), False),
}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.fixed_dictionaries({name: TEXT for name in FIELDS}))
@example({name: " ¦ <b>x</b> &amp; ::h2 y\t\nz" for name in FIELDS})
@example({name: "ﷺ 😀 漢 \U0001D400 e\u0301 \ufeff\u200d \uffff" for name in FIELDS})
@example({name: "000000\xad0" for name in FIELDS})  # a soft hyphen prints as "-" where the line breaks
def test_any_text_in_any_field_exports_and_pdftotext_finds_it(texts):
    d, m = sample_meeting()
    for name, text in texts.items():
        FIELDS[name][0](d, m, text)
    for public, approval in ((False, None), (True, APPROVED)):  # a draft in full, approved minutes in public
        doc = export.minutes_document(m, d, [], public=public, approval=approval)
        pdf = export.render_pdf(doc)
        word = squash(" ".join(docx_blocks(export.render_docx(doc))))
        body = pdf_body(pdf, doc)
        for name, text in texts.items():
            wanted = squash(text)
            if not wanted or (public and not FIELDS[name][1]):
                continue
            assert wanted in word, (name, public)
            if not is_rtl(text):
                assert contains(body, text), (name, public, approval is not None)
        if public:  # the Part II title is nowhere, unless the rest of the minutes happen to say it
            secret = squash(texts["part ii item title"])
            m.item("item-8").title = "-"
            rest = squash(export.minutes_document(m, d, [], public=True, approval=approval).text())
            m.item("item-8").title = texts["part ii item title"]
            if secret and secret not in rest:
                assert secret not in body and secret not in word
