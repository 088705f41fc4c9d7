# ruff: noqa: E501  (prose tables: one sentence per line reads better than wrapped strings)
"""Phrases shared by many topics: doctype sentences, fillers for long letters, invoice items.

Same notation as the topic tables: ``{slot}``, ``[a|b]`` and ``<sg|pl>``.
"""

from __future__ import annotations

BY_DOCTYPE: dict[str, tuple[str, ...]] = {
    "Antrag": (
        "Die erforderlichen Unterlagen <füge ich|fügen wir> diesem Schreiben bei.",
        "Sollten noch Unterlagen fehlen, <bitte ich|bitten wir> um einen kurzen Hinweis.",
        "Mit der elektronischen Verarbeitung <meiner|unserer> Angaben <bin ich|sind wir> einverstanden.",
        "Die Angaben in diesem Antrag sind vollständig und wahrheitsgemäß.",
        "Eine Vollmacht für die Vertretung liegt bei.",
    ),
    "Widerspruch": (
        "Der Widerspruch erfolgt fristgerecht innerhalb eines Monats nach Bekanntgabe.",
        "Eine ausführliche Begründung <reiche ich|reichen wir> gegebenenfalls nach.",
        "<Ich beantrage|Wir beantragen>, die Vollziehung bis zur Entscheidung auszusetzen.",
        "Der Bescheid ist aus <meiner|unserer> Sicht rechtswidrig und verletzt <mich|uns> in <meinen|unseren> Rechten.",
    ),
    "Beschwerde": (
        "Leider ist dies nicht das erste Mal.",
        "<Ich erwarte|Wir erwarten>, dass sich die Situation zeitnah verbessert.",
        "Ich bin über den Umgang mit diesem Anliegen sehr enttäuscht.",
        "Viele Nachbarinnen und Nachbarn sehen das genauso.",
        "Auf meine telefonischen Nachfragen habe ich bisher keine Antwort erhalten.",
    ),
    "Bürgeranfrage": (
        "Leider konnte ich auf Ihrer Internetseite keine Antwort auf meine Frage finden.",
        "Vielen Dank im Voraus für Ihre Mühe.",
        "Gern können Sie mich auch telefonisch unter {phone} erreichen.",
    ),
    "Rechnung": (
        "Bitte geben Sie bei Zahlung stets die Rechnungsnummer an.",
        "Es gelten unsere Allgemeinen Geschäftsbedingungen.",
        "Leistungsdatum entspricht dem Rechnungsdatum, soweit nicht anders angegeben.",
    ),
    "Mahnung": (
        "Bitte geben Sie bei Zahlung die Rechnungsnummer an.",
        "Bei Rückfragen zu Ihrem Kundenkonto wenden Sie sich bitte an unsere Buchhaltung.",
    ),
    "Bescheid": (
        "Dieser Bescheid wurde maschinell erstellt.",
        "Die Rechtsgrundlagen können bei uns eingesehen werden.",
    ),
    "Gerichtsschreiben": (
        "Bitte geben Sie bei allen Schreiben das Aktenzeichen an.",
        "Eingaben sind in zweifacher Ausfertigung einzureichen.",
    ),
    "Hausmitteilung": (
        "Für Rückfragen stehe ich unter der Durchwahl {durchwahl} zur Verfügung.",
        "Die Angelegenheit ist eilbedürftig.",
        "Vielen Dank für die gute Zusammenarbeit.",
    ),
    "Krankmeldung": ("Eine Kopie für <meine|unsere> Unterlagen habe<n> <ich|wir> behalten.",),
    "Bewerbung": (
        "Die Arbeit im öffentlichen Dienst reizt mich besonders, weil ich etwas für die Gemeinschaft bewirken möchte.",
        "Ich arbeite gern im Team und bin es gewohnt, selbstständig und sorgfältig zu arbeiten.",
        "Eine Schwerbehinderung liegt nicht vor.",
    ),
    "Vertrag": ("Änderungen und Ergänzungen bedürfen der Schriftform.",),
    "Sitzungsunterlage": ("Die Unterlagen sind nicht öffentlich.",),
    "Anhörung": ("Weitere Angaben zur Sache mache ich nicht.",),
    "Sonstiges": (),
}

OPENERS = (
    "ich wende mich mit folgendem Anliegen an Sie.",
    "<ich nehme|wir nehmen> Bezug auf <mein|unser> Telefonat vom {date_past}.",
    "leider <muss ich mich|müssen wir uns> erneut an Sie wenden.",
    "auf Empfehlung Ihrer Kollegin am Telefon schreibe<n> <ich|wir> Ihnen heute.",
    "<ich hoffe|wir hoffen>, dass <ich mich|wir uns> mit <meinem|unserem> Anliegen an die richtige Stelle wende<n>.",
    "in der oben genannten Angelegenheit <komme ich|kommen wir> auf die bisherige Korrespondenz zurück.",
)

# Openers that answer a letter from the city: not before complaints about getting no answer.
REPLY_OPENERS = (
    "bezugnehmend auf Ihr Schreiben vom {date_past} teile<n> <ich|wir> Folgendes mit.",
    "vielen Dank für Ihr Schreiben vom {date_past}.",
)

CLOSERS = (
    "Für Rückfragen stehe<n> <ich|wir> Ihnen gern zur Verfügung.",
    "Vielen Dank für Ihre Bemühungen.",
    "<Ich freue mich|Wir freuen uns> auf Ihre Antwort.",
    "Bitte bestätigen Sie den Eingang dieses Schreibens.",
    "Vielen Dank im Voraus.",
    "Für eine zügige Bearbeitung <wäre ich|wären wir> dankbar.",
)

LONG_FILLERS = (
    "Zur Erläuterung <möchte ich|möchten wir> den bisherigen Verlauf kurz zusammenfassen.",
    "Bereits am {date_past2} hatte<n> <ich|wir> in dieser Angelegenheit Kontakt mit Ihrer Verwaltung aufgenommen.",
    "Seitdem sind mehrere Wochen vergangen, ohne dass eine abschließende Entscheidung getroffen wurde.",
    "<Ich bitte|Wir bitten> Sie daher, den Vorgang vorrangig zu bearbeiten.",
    "Selbstverständlich <stehe ich|stehen wir> auch für ein persönliches Gespräch zur Verfügung.",
    "Die beigefügten Unterlagen sind vollständig und auf dem aktuellen Stand.",
    "Sollten Sie weitere Informationen benötigen, lassen Sie es <mich|uns> bitte rechtzeitig wissen, damit keine Fristen versäumt werden.",
    "Ich weise vorsorglich darauf hin, dass mir durch eine weitere Verzögerung erhebliche Nachteile entstehen würden.",
    "Bitte berücksichtigen Sie auch, dass sich die Umstände seit <meinem|unserem> letzten Schreiben nicht geändert haben.",
    "Eine Abschrift dieses Schreibens habe<n> <ich|wir> zu <meinen|unseren> Unterlagen genommen.",
    "Zum Sachverhalt ist ergänzend auszuführen, dass die Angelegenheit bereits seit dem {date_past2} andauert und sich die Lage seitdem trotz verschiedener Gespräche und Zusagen nicht wesentlich verbessert hat.",
    "In einem Telefonat am {date_past} wurde <mir|uns> zugesagt, dass sich die zuständige Stelle kurzfristig melden werde; eine Rückmeldung ist jedoch bis heute nicht erfolgt.",
    "<Ich habe|Wir haben> Verständnis dafür, dass die Verwaltung derzeit stark belastet ist, halte<n> eine Bearbeitungsdauer von mehreren Monaten in einer solchen Angelegenheit aber nicht für angemessen.",
    "Um Missverständnisse zu vermeiden, fasse<n> <ich|wir> die wesentlichen Punkte nochmals zusammen und füge<n> die bisher gewechselten Schreiben in Kopie bei.",
    "Die Angelegenheit ist für <mich|uns> von erheblicher Bedeutung, da von Ihrer Entscheidung weitere Schritte abhängen, die <ich|wir> ohne Ihre Rückmeldung nicht einleiten <kann|können>.",
    "Sollte aus Ihrer Sicht eine andere Stelle zuständig sein, <bitte ich|bitten wir> darum, dieses Schreiben dorthin weiterzuleiten und <mich|uns> darüber kurz zu informieren.",
    "Hilfsweise <beantrage ich|beantragen wir>, <mir|uns> wenigstens eine Zwischennachricht über den Stand der Bearbeitung und die voraussichtliche Dauer des Verfahrens zukommen zu lassen.",
    "Ich weise darauf hin, dass alle Angaben nach bestem Wissen gemacht wurden und die Unterlagen jederzeit im Original vorgelegt werden können.",
    "Für einen Ortstermin oder ein persönliches Gespräch <bin ich|sind wir> werktags ab {time} Uhr erreichbar; ein Termin kann auch kurzfristig vereinbart werden.",
    "Die beigefügte Aufstellung enthält alle bisher entstandenen Kosten in Höhe von insgesamt {amount}, die <ich|wir> gegebenenfalls durch weitere Belege nachweisen <kann|können>.",
    "Aus <meiner|unserer> Sicht sind dabei insbesondere die folgenden Gesichtspunkte zu berücksichtigen, die in den bisherigen Schreiben nicht oder nur unzureichend gewürdigt worden sind.",
    "Erstens hat sich die Situation seit dem {date_past2} nicht verändert, zweitens liegen inzwischen alle angeforderten Nachweise vor, und drittens wurden die gesetzten Fristen stets eingehalten.",
    "<Ich möchte|Wir möchten> ausdrücklich betonen, dass <ich|wir> an einer einvernehmlichen und sachlichen Lösung interessiert <bin|sind> und dazu auch weiterhin beitragen <werde|werden>.",
    "Die bisherige Korrespondenz, insbesondere die Schreiben vom {date_past2} und vom {date_past}, ist in Kopie beigefügt, damit Sie sich ein vollständiges Bild vom Ablauf machen können.",
    "Es wäre hilfreich, wenn Sie <mir|uns> eine Ansprechperson mit Telefonnummer nennen könnten, damit künftige Rückfragen schneller geklärt werden können.",
    "Sollte eine Entscheidung bis zum {date_short} nicht möglich sein, <bitte ich|bitten wir> um eine kurze Mitteilung über die Gründe und den weiteren zeitlichen Ablauf.",
    "Vorsorglich weise<n> <ich|wir> darauf hin, dass die Unterlagen personenbezogene Daten enthalten und nur für den genannten Zweck verwendet werden dürfen.",
    "Abschließend <bedanke ich mich|bedanken wir uns> für die bisherige Unterstützung durch Ihre Mitarbeiterinnen und Mitarbeiter, die stets freundlich und hilfsbereit waren.",
)

ANLAGEN = (
    "Kopie des Bescheids",
    "Lageplan",
    "Fotos",
    "Kopie des Personalausweises",
    "Vollmacht",
    "Nachweise",
    "Kostenaufstellung",
    "Schriftverkehr",
    "Gutachten",
    "Kontoauszug",
    "Meldebescheinigung",
    "Bauzeichnungen",
    "Lebenslauf",
    "Zeugnisse",
    "Quittungen",
)

# Generic sentences that name another office in passing; {m_nom}, {m_dat} name it.
GENERIC_MENTIONS = (
    "{M_nom} hat mich an Sie verwiesen.",
    "Eine Kopie dieses Schreibens geht zur Kenntnis an {m_nom}.",
    "Ich hatte mich zunächst an {m_nom} gewandt, dort aber keine Auskunft erhalten.",
    "Auf Nachfrage teilte mir {m_nom} mit, dass Sie für diese Angelegenheit zuständig sind.",
    "Bereits im {month_year} hatte ich in dieser Sache Kontakt mit {m_dat}.",
    "Eine frühere Anfrage bei {m_dat} blieb leider ohne Ergebnis.",
)

# (description, unit, lowest unit price, highest unit price) by office id; "" = anyone.
INVOICE_ITEMS: dict[str, tuple[tuple[str, str, float, float], ...]] = {
    "": (
        ("Arbeitszeit Fachkraft", "Std.", 48, 92),
        ("Anfahrtspauschale", "pausch.", 25, 90),
        ("Kleinmaterial", "pausch.", 10, 80),
        ("Entsorgung Altmaterial", "pausch.", 30, 150),
    ),
    "10": (
        ("Kopierpapier A4, 80 g", "Karton", 22, 38),
        ("Postversand Sitzungsunterlagen", "Stk.", 1, 4),
        ("Aktenvernichtung Sicherheitsstufe 4", "Behälter", 18, 45),
    ),
    "12": (
        ("Notebook 14 Zoll inkl. Dockingstation", "Stk.", 780, 1450),
        ("Monitor 27 Zoll", "Stk.", 180, 360),
        ("Softwarepflege Fachverfahren", "Monat", 300, 2400),
        ("Netzwerkswitch 24 Port", "Stk.", 250, 900),
        ("Supportstunden Remote", "Std.", 85, 140),
    ),
    "20": (
        ("Büromöbel Schreibtisch", "Stk.", 290, 780),
        ("Drucker-Toner schwarz", "Stk.", 45, 140),
        ("Reinigung Büroflächen", "m²", 1, 4),
        ("Wartung Aufzugsanlage Rathaus", "pausch.", 300, 1600),
        ("Heizöl extra leicht", "Liter", 0.8, 1.4),
        ("Bewachung Rathaus", "Std.", 24, 38),
    ),
    "37": (
        ("Prüfung Atemschutzgerät", "Stk.", 35, 95),
        ("Druckschlauch B 20 m", "Stk.", 110, 230),
        ("Wartung Drehleiter", "pausch.", 900, 3800),
        ("Einsatzjacke nach EN 469", "Stk.", 290, 520),
    ),
    "40": (
        ("Schülertisch höhenverstellbar", "Stk.", 140, 290),
        ("Interaktive Tafel", "Stk.", 2600, 5900),
        ("Turnmatte 2 x 1 m", "Stk.", 160, 340),
        ("Reinigung Sporthalle", "pausch.", 400, 1800),
    ),
    "51": (
        ("Fachleistungsstunde Familienhilfe", "Std.", 58, 76),
        ("Betreuungstag Tagesgruppe", "Tag", 95, 160),
        ("Fahrtkosten", "km", 0.3, 0.35),
    ),
    "66": (
        ("Asphaltdeckschicht AC 11", "m²", 18, 42),
        ("Fahrbahnmarkierung", "lfm", 2, 6),
        ("Kanalreinigung mit Spülfahrzeug", "Std.", 120, 210),
        ("Verkehrssicherung Baustelle", "Tag", 80, 260),
        ("Bordstein setzen", "lfm", 35, 70),
    ),
    "67": (
        ("Baumkontrolle nach FLL", "Baum", 6, 14),
        ("Fällung mit Hubsteiger", "Std.", 110, 190),
        ("Rasenmahd", "m²", 0.1, 0.4),
        ("Spielplatzprüfung", "Platz", 60, 140),
        ("Hecke schneiden", "lfm", 2, 6),
    ),
}
