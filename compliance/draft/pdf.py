"""The text layer of a PDF, through pypdf (pure Python, imported only for PDF input).

Why pypdf: it is well kept, has no compiled parts and no network or model
downloads, and its text extraction is deterministic. A PDF whose pages carry
no text (a scan) is refused with advice, not drafted from nothing.
"""

from __future__ import annotations

import io
import logging

from compliance.errors import InputError, Location

MAX_PAGES = 500


def pdf_text(data: bytes, where: Location) -> str:
    """The text of every page, pages separated by a blank line; an `InputError` for anything unreadable."""
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # malformed-file chatter would bury our one message
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError.at(
                where, "the PDF is encrypted with a password; save an unencrypted copy", "pdf-encrypted"
            )
        if len(reader.pages) > MAX_PAGES:
            raise InputError.at(
                where, f"the PDF has {len(reader.pages)} pages, more than the limit of {MAX_PAGES}", "too-large"
            )
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except Exception as error:  # pypdf raises many types on malformed files; all mean "cannot read it"
        reason = str(error).splitlines()[0][:200] if str(error) else type(error).__name__
        raise InputError.at(
            where, f"cannot read the PDF ({reason}); is it a complete PDF file?", "pdf-unreadable"
        ) from None
    text = "\n\n".join(page.strip("\n") for page in pages)
    if not text.strip():
        raise InputError.at(
            where,
            "the PDF has no text layer (a scanned image?); run it through OCR first, or give the text as a .txt file",
            "no-text-layer",
        )
    return text
