"""The organisation of Stadt Musterstadt (DESIGN §4) and the authorities that write to it."""

from __future__ import annotations

from dataclasses import dataclass

DOCTYPES = (
    "Rechnung",
    "Mahnung",
    "Antrag",
    "Bescheid",
    "Widerspruch",
    "Anhörung",
    "Bewerbung",
    "Krankmeldung",
    "Hausmitteilung",
    "Bürgeranfrage",
    "Beschwerde",
    "Vertrag",
    "Sitzungsunterlage",
    "Gerichtsschreiben",
    "Sonstiges",
)


@dataclass(frozen=True)
class Office:
    """One office: id, official name, other names seen on mail, and case forms for prose."""

    id: str
    name: str
    aliases: tuple[str, ...]
    nominative: str  # "das Tiefbauamt"
    dative: str  # "dem Tiefbauamt"
    genitive: str  # "des Tiefbauamts"
    building: str  # street address of the office's building


OFFICES: tuple[Office, ...] = (
    Office(
        "10",
        "Hauptamt",
        ("Hauptamt", "Hauptamt – Sitzungsdienst", "Hauptamt / Poststelle"),
        "das Hauptamt",
        "dem Hauptamt",
        "des Hauptamts",
        "Rathausplatz 1",
    ),
    Office(
        "11",
        "Personalamt",
        ("Personalamt", "Personalabteilung", "Personalamt – Personalservice"),
        "das Personalamt",
        "dem Personalamt",
        "des Personalamts",
        "Rathausplatz 1",
    ),
    Office(
        "12",
        "Amt für Digitalisierung und IT",
        ("Amt für Digitalisierung und IT", "IT-Service", "Digitalisierung und IT"),
        "das Amt für Digitalisierung und IT",
        "dem Amt für Digitalisierung und IT",
        "des Amts für Digitalisierung und IT",
        "Rathausplatz 3",
    ),
    Office(
        "20",
        "Kämmerei",
        ("Kämmerei", "Finanzverwaltung – Kämmerei", "Stadtkämmerei"),
        "die Kämmerei",
        "der Kämmerei",
        "der Kämmerei",
        "Rathausplatz 1",
    ),
    Office(
        "21",
        "Stadtkasse",
        ("Stadtkasse", "Stadtkasse – Vollstreckung", "Kasse"),
        "die Stadtkasse",
        "der Stadtkasse",
        "der Stadtkasse",
        "Rathausplatz 1",
    ),
    Office(
        "22",
        "Steueramt",
        ("Steueramt", "Steuerabteilung", "Steueramt – Grundsteuerstelle"),
        "das Steueramt",
        "dem Steueramt",
        "des Steueramts",
        "Rathausplatz 1",
    ),
    Office(
        "30",
        "Rechtsamt",
        ("Rechtsamt", "Rechtsamt – Justiziariat", "Rechtsabteilung"),
        "das Rechtsamt",
        "dem Rechtsamt",
        "des Rechtsamts",
        "Rathausplatz 1",
    ),
    Office(
        "32",
        "Ordnungsamt",
        (
            "Ordnungsamt",
            "Amt für öffentliche Ordnung",
            "Ordnungsamt – Bußgeldstelle",
            "Ordnungsamt – Gewerbeangelegenheiten",
        ),
        "das Ordnungsamt",
        "dem Ordnungsamt",
        "des Ordnungsamts",
        "Bahnhofstraße 12",
    ),
    Office(
        "33",
        "Bürgeramt",
        ("Bürgeramt", "Bürgerbüro", "Bürgeramt – Meldewesen"),
        "das Bürgeramt",
        "dem Bürgeramt",
        "des Bürgeramts",
        "Marktplatz 5",
    ),
    Office(
        "34",
        "Standesamt",
        ("Standesamt", "Standesamt Musterstadt"),
        "das Standesamt",
        "dem Standesamt",
        "des Standesamts",
        "Marktplatz 5",
    ),
    Office(
        "37",
        "Feuerwehr",
        ("Feuerwehr", "Feuerwehr Musterstadt", "Feuerwehr – Vorbeugender Brandschutz"),
        "die Feuerwehr",
        "der Feuerwehr",
        "der Feuerwehr",
        "Am Brandweiher 3",
    ),
    Office(
        "40",
        "Amt für Bildung und Sport",
        ("Amt für Bildung und Sport", "Schul- und Sportamt", "Bildung und Sport"),
        "das Amt für Bildung und Sport",
        "dem Amt für Bildung und Sport",
        "des Amts für Bildung und Sport",
        "Schulstraße 2",
    ),
    Office(
        "50",
        "Sozialamt",
        ("Sozialamt", "Amt für Soziales", "Sozialamt – Wohngeldstelle"),
        "das Sozialamt",
        "dem Sozialamt",
        "des Sozialamts",
        "Kirchgasse 8",
    ),
    Office(
        "51",
        "Jugendamt",
        ("Jugendamt", "Amt für Jugend und Familie", "Jugendamt – Kita-Service"),
        "das Jugendamt",
        "dem Jugendamt",
        "des Jugendamts",
        "Kirchgasse 8",
    ),
    Office(
        "61",
        "Stadtplanungsamt",
        ("Stadtplanungsamt", "Amt für Stadtplanung", "Stadtplanung"),
        "das Stadtplanungsamt",
        "dem Stadtplanungsamt",
        "des Stadtplanungsamts",
        "Technisches Rathaus, Gerberstraße 20",
    ),
    Office(
        "63",
        "Baurechtsamt",
        ("Baurechtsamt", "Bauordnungsamt", "Untere Baurechtsbehörde", "Baurechtsamt – Bauberatung"),
        "das Baurechtsamt",
        "dem Baurechtsamt",
        "des Baurechtsamts",
        "Technisches Rathaus, Gerberstraße 20",
    ),
    Office(
        "66",
        "Tiefbauamt",
        ("Tiefbauamt", "Tiefbauamt – Straßenunterhaltung"),
        "das Tiefbauamt",
        "dem Tiefbauamt",
        "des Tiefbauamts",
        "Technisches Rathaus, Gerberstraße 20",
    ),
    Office(
        "67",
        "Grünflächenamt",
        ("Grünflächenamt", "Garten- und Friedhofsamt", "Grünflächenamt – Friedhofsverwaltung"),
        "das Grünflächenamt",
        "dem Grünflächenamt",
        "des Grünflächenamts",
        "Parkstraße 40",
    ),
    Office(
        "70",
        "Amt für Klimaschutz und Umwelt",
        ("Amt für Klimaschutz und Umwelt", "Umweltamt", "Umwelt- und Klimaschutzamt"),
        "das Amt für Klimaschutz und Umwelt",
        "dem Amt für Klimaschutz und Umwelt",
        "des Amts für Klimaschutz und Umwelt",
        "Technisches Rathaus, Gerberstraße 20",
    ),
    Office(
        "80",
        "Wirtschaftsförderung",
        (
            "Wirtschaftsförderung",
            "Amt für Wirtschaftsförderung",
            "Wirtschaftsförderung und Tourismus",
        ),
        "die Wirtschaftsförderung",
        "der Wirtschaftsförderung",
        "der Wirtschaftsförderung",
        "Marktplatz 7",
    ),
)
OFFICE_BY_ID = {office.id: office for office in OFFICES}
OFFICE_IDS = tuple(office.id for office in OFFICES)

# Offices people mix up: a letter naming another office in passing mostly names one of these.
NEIGHBOURS: dict[str, tuple[str, ...]] = {
    "10": ("11", "30"),
    "11": ("10", "12"),
    "12": ("10", "11"),
    "20": ("21", "22"),
    "21": ("20", "22"),
    "22": ("21", "20"),
    "30": ("10", "32"),
    "32": ("33", "70", "66"),
    "33": ("32", "34"),
    "34": ("33", "67"),
    "37": ("32", "63"),
    "40": ("51", "50"),
    "50": ("51", "33"),
    "51": ("40", "50"),
    "61": ("63", "80"),
    "63": ("61", "66", "70"),
    "66": ("32", "67", "63"),
    "67": ("66", "70"),
    "70": ("32", "67", "66"),
    "80": ("61", "32"),
}

# Relative amounts of mail per office: Bürgeramt, Ordnungsamt and the cash office get most.
OFFICE_WEIGHTS = {
    "10": 4,
    "11": 6,
    "12": 4,
    "20": 6,
    "21": 7,
    "22": 6,
    "30": 4,
    "32": 8,
    "33": 7,
    "34": 4,
    "37": 4,
    "40": 5,
    "50": 6,
    "51": 6,
    "61": 4,
    "63": 6,
    "66": 5,
    "67": 4,
    "70": 4,
    "80": 4,
}

# Other authorities (sender lines: name, unit, street, town).
AUTHORITIES: tuple[tuple[str, ...], ...] = (
    ("Landratsamt Musterkreis", "Kreisbauamt", "Kreishausstraße 1", "34560 Kreisstadt"),
    ("Landratsamt Musterkreis", "Gesundheitsamt", "Kreishausstraße 1", "34560 Kreisstadt"),
    (
        "Landratsamt Musterkreis",
        "Untere Naturschutzbehörde",
        "Kreishausstraße 1",
        "34560 Kreisstadt",
    ),
    ("Landratsamt Musterkreis", "Straßenverkehrsbehörde", "Kreishausstraße 1", "34560 Kreisstadt"),
    ("Finanzamt Musterstadt", "Bewertungsstelle", "Steuerplatz 4", "34567 Musterstadt"),
    ("Finanzamt Musterstadt", "Veranlagungsstelle", "Steuerplatz 4", "34567 Musterstadt"),
    (
        "Regierungspräsidium Mustertal",
        "Referat 21 – Kommunalaufsicht",
        "Schlossallee 10",
        "34500 Mustertal",
    ),
    (
        "Regierungspräsidium Mustertal",
        "Referat 55 – Naturschutz",
        "Schlossallee 10",
        "34500 Mustertal",
    ),
    ("Regierungspräsidium Mustertal", "Landesprüfungsamt", "Schlossallee 10", "34500 Mustertal"),
    ("Jobcenter Musterkreis", "Leistungsabteilung", "Arbeitsweg 7", "34567 Musterstadt"),
    ("Agentur für Arbeit Mustertal", "Familienkasse", "Postfach 12 34", "34500 Mustertal"),
    (
        "Deutsche Rentenversicherung Mustertal",
        "Abteilung Versicherung",
        "Rentenring 2",
        "34500 Mustertal",
    ),
    ("AOK Musterland", "Geschäftsstelle Musterstadt", "Gesundheitsweg 9", "34567 Musterstadt"),
    ("Techniker Versicherungskasse", "Servicezentrum", "Postfach 44 55", "20095 Hamburg"),
    (
        "Polizeipräsidium Mustertal",
        "Polizeirevier Musterstadt",
        "Wachstraße 1",
        "34567 Musterstadt",
    ),
    ("Statistisches Landesamt Musterland", "Referat Bevölkerung", "Datenweg 3", "34500 Mustertal"),
    (
        "Kommunaler Versorgungsverband Musterland",
        "Beihilfestelle",
        "Versorgungsplatz 1",
        "34500 Mustertal",
    ),
    ("Gemeinde Beispielhausen", "Bürgermeisteramt", "Dorfplatz 1", "34571 Beispielhausen"),
    (
        "Zweckverband Wasserversorgung Musterkreis",
        "Technische Betriebsführung",
        "Quellenweg 5",
        "34573 Neudorf am See",
    ),
    ("Staatliches Schulamt Mustertal", "Schulaufsicht", "Lehrerweg 11", "34500 Mustertal"),
    (
        "Kommunale Unfallversicherung Musterland",
        "Prävention",
        "Sicherheitsplatz 2",
        "34500 Mustertal",
    ),
    (
        "Klinikum Musterstadt",
        "Patientenverwaltung – Geburtsanzeigen",
        "Klinikstraße 1",
        "34567 Musterstadt",
    ),
    ("Industrie- und Handelskammer Mustertal", "Standortpolitik", "Kammerweg 4", "34500 Mustertal"),
    (
        "Landesamt für Digitalisierung Musterland",
        "Kommunale IT-Sicherheit",
        "Datenring 8",
        "34500 Mustertal",
    ),
    (
        "Integrierte Leitstelle Musterkreis",
        "Feuerwehr und Rettungsdienst",
        "Kreishausstraße 3",
        "34560 Kreisstadt",
    ),
    ("Grundschule am Mühlbach", "Schulleitung", "Am Mühlbach 2", "34567 Musterstadt"),
    (
        "Amt für Ausbildungsförderung Musterkreis",
        "BAföG-Stelle",
        "Kreishausstraße 1",
        "34560 Kreisstadt",
    ),
)

COURTS: tuple[tuple[str, str, str], ...] = (
    ("Amtsgericht Musterstadt", "Justizplatz 1", "34567 Musterstadt"),
    ("Verwaltungsgericht Mustertal", "Gerichtsallee 5", "34500 Mustertal"),
    ("Landgericht Mustertal", "Gerichtsallee 1", "34500 Mustertal"),
    ("Sozialgericht Mustertal", "Gerichtsallee 7", "34500 Mustertal"),
    ("Arbeitsgericht Mustertal", "Gerichtsallee 9", "34500 Mustertal"),
    ("Amtsgericht Kreisstadt – Vollstreckungsgericht", "Am Schlossberg 2", "34560 Kreisstadt"),
)

LAW_FIRM_STYLES = (
    "Rechtsanwälte {a} & {b}",
    "Kanzlei {a} Rechtsanwälte PartG mbB",
    "Rechtsanwältin {first} {a}",
    "Rechtsanwalt {first} {a}",
    "{a} {b} Rechtsanwälte und Fachanwälte für Verwaltungsrecht",
)

# Short names of an office's matters, for letters that only say what they concern.
OFFICE_MATTERS: dict[str, tuple[str, ...]] = {
    "10": ("Einwohnerfragestunde", "Gemeinderatssitzung", "Ehrung", "Bürgerantrag"),
    "11": ("Bewerbung", "Personalakte", "Arbeitszeugnis", "Reisekostenabrechnung", "Elternzeit"),
    "12": ("Benutzerkonto", "Softwarelizenz", "IT-Störung", "Wartungsvertrag"),
    "20": ("Zuwendung", "Vereinsförderung", "Haushaltsmittel", "Fördermittel"),
    "21": ("Ratenzahlung", "Stundung", "Lastschriftmandat", "Erstattung", "Vollstreckung"),
    "22": ("Grundsteuer", "Gewerbesteuer", "Hundesteuer", "Zweitwohnungsteuer"),
    "30": ("Schadensersatz", "Widerspruchsverfahren", "Haftpflichtschaden", "Klageverfahren"),
    "32": (
        "Bußgeldverfahren",
        "Gewerbeanmeldung",
        "Sondernutzungserlaubnis",
        "Bewohnerparkausweis",
    ),
    "33": ("Meldebescheinigung", "Personalausweis", "Reisepass", "Ummeldung", "Briefwahl"),
    "34": ("Eheschließung", "Geburtsurkunde", "Sterbeurkunde", "Namenserklärung"),
    "37": (
        "Brandverhütungsschau",
        "Brandmeldeanlage",
        "Feuerwehreinsatz",
        "Kostenersatz Feuerwehr",
    ),
    "40": ("Schulanmeldung", "Schülerbeförderung", "Hallenbelegung", "Schulwechsel"),
    "50": ("Wohngeld", "Grundsicherung", "Bildung und Teilhabe", "Hilfe zur Pflege"),
    "51": ("Kita-Platz", "Unterhaltsvorschuss", "Kindertagespflege", "Elternbeitrag"),
    "61": ("Bebauungsplan", "Flächennutzungsplan", "Vorkaufsrecht", "Sanierungsgebiet"),
    "63": ("Bauantrag", "Baugenehmigung", "Bauvoranfrage", "Nutzungsänderung"),
    "66": (
        "Aufgrabungserlaubnis",
        "Straßenausbau",
        "Entwässerungsgenehmigung",
        "Erschließungsbeitrag",
    ),
    "67": ("Baumfällung", "Grabstelle", "Kleingarten", "Nutzungsrecht Grabstätte"),
    "70": (
        "Altlastenauskunft",
        "Klimaschutzförderung",
        "wasserrechtliche Erlaubnis",
        "Abfallgebühren",
    ),
    "80": (
        "Standplatz Wochenmarkt",
        "Gewerbefläche",
        "Förderprogramm Innenstadt",
        "Weihnachtsmarkt",
    ),
}
