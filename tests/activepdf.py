"""PDFs with active content, as an attacker would send them: built with pikepdf."""

from __future__ import annotations

import io

import pikepdf
from pikepdf import Array, Dictionary, Name, String

PROGRAM = b"MZ\x90\x00 a Windows program would be here"


def armed_pdf(clean: bytes) -> bytes:
    """``clean`` with an /OpenAction JavaScript, an embedded .exe, automatic page
    actions, a link that launches a program and a file attachment annotation."""
    with pikepdf.open(io.BytesIO(clean)) as pdf:
        script = Dictionary(Type=Name.Action, S=Name.JavaScript, JS=String("app.alert(1)"))
        pdf.Root.OpenAction = pdf.make_indirect(script)
        program = pikepdf.Stream(pdf, PROGRAM)
        program.Type = Name.EmbeddedFile
        spec = pdf.make_indirect(
            Dictionary(Type=Name.Filespec, F=String("rechnung.exe"), EF=Dictionary(F=program))
        )
        pdf.Root.Names = Dictionary(
            EmbeddedFiles=Dictionary(Names=Array([String("rechnung.exe"), spec])),
            JavaScript=Dictionary(Names=Array([String("x"), pdf.make_indirect(script)])),
        )
        page = pdf.pages[0]
        page.obj.AA = Dictionary(O=Dictionary(S=Name.JavaScript, JS=String("app.beep(0)")))
        launch = Dictionary(S=Name.Launch, F=String("cmd.exe"))
        link = Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=[0, 0, 50, 50], A=launch)
        attachment = Dictionary(
            Type=Name.Annot, Subtype=Name.FileAttachment, Rect=[60, 0, 80, 20], FS=spec
        )
        page.obj.Annots = pdf.make_indirect(
            Array([pdf.make_indirect(link), pdf.make_indirect(attachment)])
        )
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()
