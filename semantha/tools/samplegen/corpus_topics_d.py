# ruff: noqa: E501  (prose tables: one sentence per line reads better than wrapped strings)
"""Further topics, many of them close to a topic of another office (see ``corpus_topics``)."""

TOPICS_D = r"""
== 12 | Sonstiges | company | Lieferung und Rücknahme von IT-Geräten
S1: Lieferschein {bestellnr} – [Notebooks|Monitore|Dokumentenscanner]
S2: Rücknahme von Altgeräten – Entsorgungsnachweis
I1: anbei erhalten Sie den Lieferschein zur heutigen Lieferung von {count} Geräten an das Rathaus.
I2: wie vereinbart haben wir am {date_past} {count} Altgeräte aus Ihrer Verwaltung abgeholt.
D1: Die Geräte wurden mit vorinstalliertem Betriebssystem ausgeliefert.
D1: Die Seriennummern sind in der Anlage aufgeführt.
D2: Die Datenträger wurden nach DIN 66399 vernichtet.
D2: Der Entsorgungsnachweis liegt bei.
A: Bitte bestätigen Sie den Empfang.
A: Für Rückfragen steht unser Service unter {phone} bereit.

== 12 | Hausmitteilung | internal | Fachverfahren einführen, Schnittstelle, Schulung
S: Einführung des Fachverfahrens {software} in unserem Amt
S: Schulungsbedarf {software}
I: wir planen zum {date_future} die Einführung des Fachverfahrens {software} und bitten um technische Unterstützung.
I: für {count} Beschäftigte unseres Amtes benötigen wir eine Schulung im Fachverfahren {software}.
D: Eine Schnittstelle zum Dokumentenmanagementsystem ist erforderlich.
D: Die Lizenzkosten sind im Haushalt eingeplant.
D: Der Datenschutzbeauftragte ist eingebunden.
A: Wir bitten um einen Abstimmungstermin.
A: Bitte teilen Sie uns mögliche Termine mit.

== 20 | Sonstiges | company citizen club | Spende an die Stadt, Sponsoring
S: Spende für [die Jugendfeuerwehr|den Spielplatz im {park}|die Stadtbücherei|das Stadtfest]
S: Sponsoringvereinbarung {year}
I: <ich möchte|wir möchten> der Stadt Musterstadt eine Spende in Höhe von {amount} zukommen lassen.
I: wir bieten an, [das Stadtfest|den Adventsmarkt|die Kulturnacht] {year} als Sponsor mit {amount_large} zu unterstützen.
D: Die Spende ist für [die Jugendfeuerwehr|die Ausstattung des Spielplatzes|die Stadtbücherei] bestimmt.
D: Bitte stellen Sie <mir|uns> eine Zuwendungsbestätigung aus.
D: Eine Nennung als Sponsor wäre <mir|uns> wichtig.
A: Bitte teilen Sie <mir|uns> die Bankverbindung mit.
A: Über eine Annahme der Spende durch den Gemeinderat würde<n> <ich mich|wir uns> freuen.
M: 37 Die Spende soll der Jugendfeuerwehr zugutekommen.
M: 67 Die Spende ist für den Spielplatz bestimmt, den das Grünflächenamt betreut.

== 22 | Widerspruch | company taxadvisor | Widerspruch gegen Gewerbesteuerbescheid
S: Widerspruch gegen den Gewerbesteuerbescheid {last_year} vom {date_past}
S: Gewerbesteuer {last_year} – Einspruch und Antrag auf Aussetzung der Vollziehung
I: gegen den Gewerbesteuerbescheid {last_year} vom {date_past} legen wir hiermit Widerspruch ein.
I: namens der {company} widersprechen wir der Festsetzung der Gewerbesteuer für {last_year}.
D: Gegen den zugrunde liegenden Messbescheid des Finanzamts wurde ebenfalls Einspruch eingelegt.
D: Wir beantragen die Aussetzung der Vollziehung in Höhe von {amount_large}.
D: Die Zerlegung auf die Betriebsstätten ist fehlerhaft.
A: Eine Begründung reichen wir gesondert nach.
A: Bitte bestätigen Sie den Eingang.
M: 21 Die Stadtkasse bitten wir, bis zur Entscheidung von Vollstreckungsmaßnahmen abzusehen.

== 30 | Sonstiges | company lawyer | Vergabe: Rüge und Nachprüfung
S: Rüge nach § 160 GWB – Ausschreibung [Gebäudereinigung|Schulmöbel|Straßenbau {street}]
S: Vergabeverfahren {vorgang} – Rüge eines Vergabeverstoßes
I: im Vergabeverfahren {vorgang} rügen wir die beabsichtigte Zuschlagserteilung an einen Mitbewerber.
I: namens der {company} rügen wir die Ausschreibungsbedingungen als vergaberechtswidrig.
D: Das Angebot des vorgesehenen Bieters ist ungewöhnlich niedrig.
D: Die Eignungskriterien waren nicht eindeutig bekannt gemacht.
D: Die Vorabinformation vom {date_past} nennt keine nachvollziehbaren Gründe.
A: Wir fordern Sie auf, der Rüge bis zum {date_short} abzuhelfen.
A: Andernfalls werden wir einen Nachprüfungsantrag bei der Vergabekammer stellen.
M: 40 Auftraggeber ist laut Bekanntmachung das Amt für Bildung und Sport.
M: 66 Die Ausschreibung wurde vom Tiefbauamt veröffentlicht.

== 33 | Antrag | citizen | Lebensbescheinigung, Haushaltsbescheinigung
S1: Lebensbescheinigung für die Rentenversicherung
S2: Antrag auf eine Haushaltsbescheinigung
I1: für meine Rente aus dem Ausland benötige ich eine amtlich bestätigte Lebensbescheinigung.
I2: für den Antrag auf Kindergeld benötige ich eine Bescheinigung über die Zusammensetzung meines Haushalts.
D: Das Formular der ausländischen Rentenkasse liegt bei.
D: In meinem Haushalt leben {count} Personen.
D: Ich bin am {birth} geboren und wohne seit {count} Jahren in Musterstadt.
A: Bitte senden Sie mir die Bescheinigung zu.
A: Gern komme ich auch persönlich vorbei.

== 33 | Sonstiges | citizen | Nebenwohnung, Hausnummer, Melderegister berichtigen
S1: Anmeldung einer Nebenwohnung
S2: Berichtigung meiner Daten im Melderegister
I1: ich habe eine Zweitwohnung in Musterstadt bezogen und melde diese als Nebenwohnung an.
I2: in meiner Meldebescheinigung ist mein Name falsch geschrieben.
D1: Die Hauptwohnung bleibt in {far_town}.
D2: Richtig lautet der Name „{sender}“.
D: Eine Kopie meines Ausweises liegt bei.
A: Bitte korrigieren Sie die Angaben.
A: Bitte bestätigen Sie die Anmeldung.
M: 22 Mir ist bekannt, dass das Steueramt wegen der Zweitwohnungsteuer informiert wird.

== 34 | Antrag | citizen | Vaterschaftsanerkennung, Ehefähigkeitszeugnis
S1: Termin zur Beurkundung einer Vaterschaftsanerkennung
S2: Antrag auf ein Ehefähigkeitszeugnis
I1: wir möchten die Vaterschaft für unser Kind, das am {date_future} zur Welt kommen soll, vor der Geburt anerkennen lassen.
I2: ich möchte in [Italien|Dänemark|Polen] heiraten und benötige dafür ein Ehefähigkeitszeugnis.
D1: Die Mutterschaftsbescheinigung liegt bei.
D2: Mein Verlobter bzw. meine Verlobte ist {person}.
D: Wir sind beide deutsche Staatsangehörige.
A: Bitte teilen Sie uns einen Termin mit.
A: Welche Unterlagen müssen wir mitbringen?
M: 51 Das Jugendamt hat uns gesagt, dass die Beurkundung auch beim Standesamt möglich ist.

== 34 | Sonstiges | citizen | Hausgeburt, Sterbefall im Ausland
S1: Anzeige einer Hausgeburt
S2: Sterbefall meines Vaters im Ausland
I1: am {birth_new} wurde unser Kind {child} zu Hause geboren.
I2: mein Vater {person} ist am {date_past} während eines Urlaubs in [Spanien|Österreich|Italien] verstorben.
D1: Die Bescheinigung der Hebamme liegt bei.
D2: Die ausländische Sterbeurkunde liegt mit Übersetzung bei.
D: Wir bitten um Beurkundung in Musterstadt.
A: Bitte teilen Sie mir mit, welche Unterlagen noch fehlen.
A: Vielen Dank für Ihre Hilfe.

== 34 | Bürgeranfrage | citizen | Trauorte, Trautermine
S: Anfrage Trautermine {next_year}
S: Trauung im Schlossgarten – Verfügbarkeit
I: wir möchten im {month_year} des nächsten Jahres heiraten und fragen nach freien Trauterminen.
I: ist eine Trauung im Schlossgarten auch an einem Samstag möglich?
D: Wir rechnen mit etwa {count} Gästen.
D: Wir wohnen beide nicht in Musterstadt.
D: Wie hoch sind die Gebühren für eine Trauung außerhalb des Rathauses?
A: Vielen Dank für Ihre Auskunft.
A: Bitte senden Sie uns die Unterlagen.

== 37 | Sonstiges | company club | Brandschutz bei Großveranstaltung
S: Brandschutzkonzept für die Veranstaltung „{event}“
S: Abstimmung Rettungswege – „{event}“ am {date_future}
I: für die Veranstaltung „{event}“ am {date_future} legen wir das Brandschutz- und Rettungswegekonzept zur Prüfung vor.
I: wir bitten um Abstimmung der Feuerwehrzufahrten und Rettungswege für unsere Veranstaltung.
D: Erwartet werden bis zu {count}00 Besucherinnen und Besucher.
D: Es sind {count} Verkaufsstände mit Gasbetrieb geplant.
D: Der Lageplan mit Rettungswegen liegt bei.
A: Bitte teilen Sie uns Ihre Auflagen mit.
A: Für eine Begehung stehen wir zur Verfügung.
M: 32 Die Veranstaltung selbst haben wir beim Ordnungsamt angemeldet.

== 40 | Antrag | club | Sportförderung, Sportlerehrung
S1: Antrag auf Sportförderung {year} – Übungsleiterzuschuss
S2: Vorschlag zur Sportlerehrung {year}
I1: wir beantragen den städtischen Zuschuss für unsere lizenzierten Übungsleiterinnen und Übungsleiter.
I2: für die Sportlerehrung der Stadt schlagen wir folgende Sportlerinnen und Sportler vor.
D1: Im Verein sind {count} Übungsleiter mit gültiger Lizenz tätig.
D2: Die Mannschaft wurde {last_year} Landesmeister.
D: Die Mitgliederzahl beträgt {count}0, davon die Hälfte Kinder und Jugendliche.
A: Wir bitten um Berücksichtigung.
A: Die Nachweise liegen bei.
M: 20 Die allgemeine Vereinsförderung haben wir bereits bei der Kämmerei beantragt.

== 50 | Sonstiges | authority | Zuweisung Geflüchteter, Unterbringung
S: Zuweisung von Geflüchteten an die Stadt Musterstadt – {month_year}
S: Anschlussunterbringung – Aufnahmequote {year}
I: wir kündigen die Zuweisung von {count} Personen zur Anschlussunterbringung an.
I: die Aufnahmequote der Stadt Musterstadt für {year} wird wie folgt festgesetzt.
D: Die Personen werden voraussichtlich am {date_future} eintreffen.
D: Unter den Personen befinden sich {count} Kinder im schulpflichtigen Alter.
D: Bitte melden Sie verfügbare Unterkünfte.
A: Wir bitten um Bestätigung der Aufnahme.
A: Für Rückfragen steht Ihnen {person} zur Verfügung.
M: 40 Die Anmeldung der Kinder an den Schulen stimmen Sie bitte mit dem Amt für Bildung und Sport ab.

== 51 | Antrag | club | Zuschuss Jugendfreizeit, Jugendarbeit
S: Antrag auf Zuschuss für die Jugendfreizeit {year}
S: Förderung der Jugendarbeit – Ferienlager am {date_future}
I: für unser Ferienlager vom {date_future} bis {date_future2} beantragen wir einen Zuschuss aus den Mitteln der Jugendförderung.
I: unser Verein organisiert eine Jugendfreizeit für {count} Kinder und Jugendliche und bittet um Förderung.
D: Die Teilnehmerliste und der Finanzierungsplan liegen bei.
D: Die Betreuerinnen und Betreuer haben eine Jugendleiterkarte.
D: Die Kosten je Teilnehmer betragen {amount}.
A: Wir bitten um wohlwollende Prüfung.
A: Bitte teilen Sie uns die Entscheidung bis zum {date_short} mit.
M: 20 Einen allgemeinen Vereinszuschuss haben wir getrennt bei der Kämmerei beantragt.

== 61 | Antrag | citizen | Fassadenprogramm Sanierungsgebiet
S: Antrag auf Förderung aus dem Fassadenprogramm – {addr}
S: Modernisierung im Sanierungsgebiet Altstadt – Förderantrag
I: für die Erneuerung der Fassade meines Hauses {addr} im Sanierungsgebiet Altstadt beantrage ich eine Förderung.
I: ich plane die Modernisierung meines Gebäudes {addr} und bitte um Aufnahme in das Förderprogramm.
D: Die Kosten betragen laut Angebot {amount_large}.
D: Das Haus steht nicht unter Denkmalschutz.
D: Mit den Arbeiten wurde noch nicht begonnen.
A: Bitte teilen Sie mir mit, wie hoch die Förderung ausfallen kann.
A: Ich bitte um einen Beratungstermin.
M: 63 Eine Baugenehmigung ist nach Auskunft des Baurechtsamts nicht erforderlich.

== 61 | Sonstiges | citizen club | Stadtentwicklungskonzept, Mobilitätskonzept: Beteiligung
S: Anregungen zum Stadtentwicklungskonzept Musterstadt 2040
S: Beteiligung Mobilitätskonzept – Anregungen aus dem Stadtteil [Nord|Altheim|Lerchenfeld]
I: zur Online-Beteiligung am Stadtentwicklungskonzept möchte<n> <ich|wir> folgende Anregungen schriftlich einreichen.
I: im Rahmen der Bürgerbeteiligung zum Mobilitätskonzept übersende<n> <ich|wir> <meine|unsere> Vorschläge.
D: Der Stadtteil braucht dringend einen Nahversorger und mehr Grünflächen.
D: Die Radwegeverbindung in die Innenstadt sollte ausgebaut werden.
D: Brachflächen sollten vor neuen Baugebieten genutzt werden.
A: Bitte berücksichtigen Sie <meine|unsere> Anregungen.
A: Über eine Rückmeldung würde<n> <ich mich|wir uns> freuen.

== 61 | Sonstiges | architect company | Vermessung, Geodaten, Planunterlagen
S: Anforderung von Planunterlagen – Bebauungsplan {bplan}
S: Geodaten für das Gebiet Flurstück {flst}, Gemarkung {gemarkung}
I: für eine Planung benötigen wir die digitalen Unterlagen des Bebauungsplans {bplan}.
I: wir bitten um Bereitstellung von Geodaten für das Gebiet um das Flurstück {flst}.
D: Benötigt werden die Daten im DXF-Format.
D: Die Kosten übernehmen wir.
D: Die Vermessung vor Ort erfolgt am {date_future}.
A: Bitte senden Sie uns die Unterlagen per E-Mail.
A: Vielen Dank für die Unterstützung.

== 63 | Antrag | company | Werbeanlage, Leuchtreklame
S: Bauantrag für eine Werbeanlage – {addr}
S: Antrag auf Genehmigung einer Leuchtreklame an der Fassade {addr}
I: wir beantragen die Genehmigung einer beleuchteten Werbeanlage an der Fassade unseres Geschäfts {addr}.
I: für unsere neue Filiale in der {street} beantragen wir die Anbringung eines Werbeschildes von {count} m².
D: Ansichtszeichnung und Fotomontage liegen bei.
D: Die Anlage wird nur bis 22 Uhr beleuchtet.
D: Der Eigentümer des Gebäudes hat zugestimmt.
A: Wir bitten um zügige Genehmigung.
A: Bitte teilen Sie uns die Gebühren mit.
M: 32 Für den Aufsteller auf dem Gehweg beantragen wir die Sondernutzung gesondert beim Ordnungsamt.

== 66 | Antrag | citizen company | Gehwegabsenkung, Grundstückszufahrt
S: Antrag auf Absenkung des Bordsteins – {addr}
S: Herstellung einer Grundstückszufahrt, Flurstück {flst}
I: für die neue Garage auf meinem Grundstück {addr} beantrage ich die Absenkung des Bordsteins.
I: <ich beantrage|wir beantragen> die Herstellung einer zweiten Grundstückszufahrt über den öffentlichen Gehweg.
D: Die Breite der Zufahrt soll {count} Meter betragen.
D: Ein Lageplan liegt bei.
D: Die Kosten übernehme<n> <ich|wir> selbstverständlich.
A: Bitte teilen Sie mir die Kosten mit.
A: Bitte nennen Sie einen Termin für die Ausführung.
M: 63 Die Garage wurde vom Baurechtsamt bereits genehmigt.

== 67 | Beschwerde | citizen | Friedhof: Zustand, Gebühren
S: Zustand des {cemetery}
S: Beschwerde über die Friedhofsgebühren
I: bei meinem Besuch auf dem {cemetery} am {date_past} war ich über den Zustand der Wege entsetzt.
I: die neuen Friedhofsgebühren sind für mich als Rentnerin bzw. Rentner kaum bezahlbar.
D: Die Wasserstellen sind defekt und die Abfallbehälter quellen über.
D: Die Verlängerung des Nutzungsrechts soll jetzt {amount} kosten.
D: Das Grab meiner Eltern liegt im Feld {count}.
A: Bitte sorgen Sie für Abhilfe.
A: Ich bitte um Überprüfung der Gebühren.

== 67 | Antrag | citizen | Grabräumung, Umbettung
S: Antrag auf vorzeitige Räumung der Grabstelle {grave}
S: Antrag auf Umbettung – {cemetery}
I: ich beantrage die vorzeitige Auflösung der Grabstelle {grave} auf dem {cemetery}.
I: ich möchte die Urne meiner Mutter in ein Familiengrab auf dem {cemetery} umbetten lassen.
D: Die Grabpflege ist mir aus gesundheitlichen Gründen nicht mehr möglich.
D: Die Ruhezeit endet am {date_future}.
D: Ein Steinmetz wurde bereits beauftragt.
A: Bitte teilen Sie mir die Kosten mit.
A: Bitte senden Sie mir die notwendigen Formulare.

== 80 | Sonstiges | company | Gastgeberverzeichnis, Tourismusmarketing
S: Eintrag im Gastgeberverzeichnis {next_year} – [Hotel|Ferienwohnung|Pension]
S: Teilnahme an der Tourismusbroschüre {next_year}
I: wir möchten unsere [Ferienwohnung|Pension|Hotel garni] im Gastgeberverzeichnis der Stadt eintragen lassen.
I: für die neue Tourismusbroschüre der Stadt möchten wir eine Anzeige schalten.
D: Wir verfügen über {count} Betten.
D: Fotos und Beschreibung liegen bei.
D: Wir sind auch an einer Klassifizierung interessiert.
A: Bitte senden Sie uns die Konditionen.
A: Vielen Dank für Ihre Unterstützung.

== 80 | Bürgeranfrage | company | Breitband, Fachkräfte, Messeauftritt
S: Anfrage Glasfaseranschluss im Gewerbegebiet [Süd|Nord|Am Bahndamm]
S: Gemeinschaftsstand auf der Messe [Ausbildung|Handwerk|Gründen] {year}
I: unser Betrieb im Gewerbegebiet hat noch keinen schnellen Internetanschluss; wir fragen nach dem Stand des Glasfaserausbaus.
I: wir würden uns gern am Gemeinschaftsstand der Stadt auf der Ausbildungsmesse beteiligen.
D: Wir beschäftigen {count} Mitarbeiterinnen und Mitarbeiter.
D: Die Bandbreite reicht für unsere Arbeit nicht aus.
D: Wir suchen dringend Auszubildende.
A: Bitte informieren Sie uns über die Möglichkeiten.
A: Für ein Gespräch stehen wir gern zur Verfügung.

== 80 | Antrag | company | Förderung Existenzgründung, Innenstadtfonds
S: Antrag auf Gründungszuschuss – {business}
S: Antrag auf Mietzuschuss aus dem Innenstadtfonds – {street}
I: ich habe mich mit einem Geschäft für {business} selbstständig gemacht und beantrage den Gründungszuschuss der Stadt.
I: für die Anmietung des leerstehenden Ladens in der {street} beantragen wir einen Mietzuschuss.
D: Der Businessplan liegt bei.
D: Die Eröffnung ist für den {date_future} geplant.
D: Die monatliche Miete beträgt {amount}.
A: Wir bitten um zügige Entscheidung.
A: Für Rückfragen stehe ich zur Verfügung.
M: 32 Die Gewerbeanmeldung ist beim Ordnungsamt bereits erfolgt.

== - | Sonstiges | citizen | Fehlleitung: für die Nachbargemeinde bestimmt
S1: Antrag auf Benutzung der Gemeindehalle Beispielhausen
S2: Anfrage an die Gemeinde Beispielhausen – Bauplatz im Neubaugebiet
I1: für unser Familienfest am {date_future} möchten wir die Gemeindehalle in Beispielhausen mieten.
I2: ich interessiere mich für einen Bauplatz im neuen Baugebiet der Gemeinde Beispielhausen.
D: Ich wohne selbst in Beispielhausen.
D: Bitte leiten Sie mein Schreiben an Ihren Bürgermeister weiter.
D: Ich habe die Adresse aus dem Telefonbuch.
A: Vielen Dank für Ihre Antwort.
A: Bitte teilen Sie mir die Bedingungen mit.

== - | Sonstiges | company | Fehlleitung: Post für Mieter im Rathausgebäude
S1: Ihre Stromrechnung – Vertragskonto {kundennr}
S2: Kontoauszug und Mitteilung zu Ihrem Depot
I1: anbei erhalten Sie Ihre Jahresabrechnung für die Lieferstelle {addr}.
I2: wir informieren Sie über Änderungen der Bedingungen für Ihr Depot.
D1: Ihr neuer monatlicher Abschlag beträgt {amount}.
D2: Die Änderungen treten am {date_future} in Kraft.
D: Bei Fragen erreichen Sie unser Kundencenter unter {phone}.
A: Freundliche Grüße aus Ihrem Kundenservice.
A: Vielen Dank für Ihr Vertrauen.

== - | Sonstiges | club | Fehlleitung: Gemeindebrief, Rundbrief einer Kirchengemeinde
S: Gemeindebrief [Frühjahr|Sommer|Herbst|Advent] {year}
S: Einladung zum Gemeindefest am {date_future}
I: mit diesem Rundbrief möchten wir Sie über das Leben in unserer Gemeinde informieren.
I: herzlich laden wir Sie zu unserem Gemeindefest am {date_future} ein.
D: Der Gottesdienst beginnt um {time} Uhr.
D: Für Kaffee und Kuchen ist gesorgt.
D: Spenden für die Orgelrenovierung sind willkommen.
A: Wir freuen uns auf Ihren Besuch.
A: Mit herzlichen Grüßen aus dem Gemeindebüro.

== - | Sonstiges | private | Private Post: Glückwunsch, Beileid
S1: Herzlichen Glückwunsch zum Geburtstag
S2: Mit aufrichtiger Anteilnahme
I1: zu Deinem runden Geburtstag wünschen wir Dir alles Gute, Gesundheit und viel Freude.
I2: mit großer Betroffenheit haben wir vom Tod Deiner Mutter erfahren.
D1: Wir denken gern an die schöne Feier im letzten Jahr zurück.
D2: In Gedanken sind wir bei Dir und Deiner Familie.
D: Hoffentlich sehen wir uns bald einmal wieder.
A: Herzliche Grüße, auch an die Kinder.
A: In stiller Verbundenheit.
"""
