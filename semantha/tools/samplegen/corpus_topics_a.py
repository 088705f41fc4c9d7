# ruff: noqa: E501  (prose tables: one sentence per line reads better than wrapped strings)
"""Topic tables for offices 10–34 (see ``corpus_topics`` for the notation)."""

TOPICS_A = r"""
== 10 | Sitzungsunterlage | internal | Beschlussvorlage Gemeinderat
S: Beschlussvorlage für die Sitzung des Gemeinderats am {date_future}
S: Vorlage Nr. {vorlage} – [Sanierung der {school}|Fortschreibung des Lärmaktionsplans|Beschaffung eines Löschfahrzeugs|Neufassung der Friedhofssatzung]
S: Sitzungsunterlagen [Haupt- und Finanzausschuss|Ausschuss für Umwelt und Technik|Gemeinderat] {date_future}
I: anbei übersenden wir die Beschlussvorlage Nr. {vorlage} zur Aufnahme in die Tagesordnung der Sitzung am {date_future}.
I: für die nächste Sitzung des [Gemeinderats|Haupt- und Finanzausschusses|Ausschusses für Umwelt und Technik] bitten wir, die beigefügte Vorlage auf die Tagesordnung zu setzen.
D: Die Vorlage ist mit dem Dezernat abgestimmt; die finanziellen Auswirkungen von {amount_large} sind im Haushalt [gedeckt|überplanmäßig zu finanzieren].
D: Die Anlagen (Lageplan, Kostenschätzung, Stellungnahme) liegen in [zwei|drei|zwanzig] Exemplaren bei.
D: Der Beschlussvorschlag lautet: Der Gemeinderat stimmt der Maßnahme zu und beauftragt die Verwaltung mit der Umsetzung.
D: Die Vorberatung im Ausschuss ist für den {date_short} vorgesehen.
A: Wir bitten um Aufnahme in das Ratsinformationssystem und um Versand mit der Einladung.
A: Bitte bestätigen Sie den Eingang bis zum {date_short}.
M: 20 Die Kämmerei hat die Deckung der Mittel bereits geprüft.

== 10 | Bürgeranfrage | citizen | Anfrage an den Oberbürgermeister / Einwohnerfragestunde
S: Anfrage für die Einwohnerfragestunde am {date_future}
S: Frage an den Oberbürgermeister zur [Innenstadtentwicklung|Haushaltslage|Zukunft des Hallenbads|Bürgerbeteiligung]
I: ich möchte in der nächsten Einwohnerfragestunde des Gemeinderats eine Frage stellen.
I: als Einwohnerin bzw. Einwohner von Musterstadt wende ich mich mit einer Frage an den Oberbürgermeister.
D: Mich interessiert, wann die im Gemeinderat am {date_past} beschlossene Maßnahme umgesetzt wird.
D: In der Zeitung war zu lesen, dass [das Hallenbad geschlossen|die Stadtbücherei verlegt|der Wochenmarkt verkleinert] werden soll.
D: Ich bitte darum, meine Frage im Protokoll der Sitzung festzuhalten.
A: Bitte teilen Sie mir mit, ob meine Frage zugelassen wird.
A: Über eine schriftliche Antwort würde ich mich freuen.

== 10 | Sonstiges | citizen club authority | Einladung / Glückwunsch / Ehrung
S1: Einladung zum [Jubiläum|Sommerfest|Tag der offenen Tür] am {date_future}
S2: Antrag auf Ehrung – [Ehrennadel der Stadt|Altersjubiläum|Ehejubiläum]
I1: <ich erlaube mir|wir erlauben uns>, den Oberbürgermeister herzlich zu [unserem {count}-jährigen Vereinsjubiläum|unserem Sommerfest|einem Empfang] einzuladen.
I2: <ich möchte|wir möchten> {person} nach {count} Jahren ehrenamtlichen Engagements für eine Ehrung durch die Stadt vorschlagen.
D1: Die Veranstaltung findet am {date_future} um {time} Uhr im [Bürgerhaus|Vereinsheim|Festsaal der Stadthalle] statt.
D1: Ein Grußwort des Oberbürgermeisters würde <mich|uns> sehr freuen.
D2: Eine kurze Würdigung der Verdienste liegt diesem Schreiben bei.
A1: Für eine kurze Zusage bis zum {date_short} wäre<n> <ich|wir> dankbar.
A: Bitte leiten Sie das Schreiben an das Büro des Oberbürgermeisters weiter.

== 10 | Hausmitteilung | internal | Organisation, Dienstanweisung, Poststelle
S: [Änderung der Postverteilung|Neufassung der Aktenordnung|Geschäftsverteilungsplan|Raumbelegung im Rathaus] – Mitteilung
S: Organisationsverfügung Nr. {count}/{year}
I: wir bitten um Prüfung der beigefügten Änderung des Geschäftsverteilungsplans für unser Amt.
I: in der Poststelle kommt es weiterhin zu Fehlzustellungen an unser Amt.
D: Seit dem {date_past} werden Sendungen für unsere Abteilung [mehrfach falsch sortiert|verspätet verteilt|ohne Eingangsstempel weitergegeben].
D: Die Neuorganisation betrifft {count} Stellen und soll zum {date_future} wirksam werden.
D: Zusätzlich benötigen wir einen weiteren Besprechungsraum im [Erdgeschoss|zweiten Obergeschoss].
A: Wir bitten das Hauptamt um organisatorische Prüfung und Rückmeldung.
A: Bitte nehmen Sie die Änderung in das Organigramm auf.

== 10 | Beschwerde | citizen | Dienstaufsichtsbeschwerde
S: Dienstaufsichtsbeschwerde gegen [einen Mitarbeiter|eine Mitarbeiterin] der Stadtverwaltung
S: Beschwerde über das Verhalten im Rathaus am {date_past}
I: hiermit erhebe ich Dienstaufsichtsbeschwerde gegen [einen Mitarbeiter|eine Mitarbeiterin] Ihrer Verwaltung.
I: ich möchte mich beim Oberbürgermeister über die Behandlung in der Verwaltung beschweren.
D: Am {date_past} wurde ich bei meinem Besuch im Rathaus [unfreundlich behandelt|ohne Auskunft weggeschickt|über eine Stunde warten gelassen].
D: Auf mehrere E-Mails seit dem {date_past2} habe ich keine Antwort erhalten.
D: Ich erwarte, dass solche Vorfälle künftig vermieden werden.
A: Ich bitte um Prüfung des Vorgangs und um eine schriftliche Stellungnahme.
A: Bitte teilen Sie mir mit, welche Konsequenzen gezogen werden.

== 10 | Sonstiges | authority | Kommunalaufsicht, Statistik, Wahlen
S1: [Kommunalwahl|Bundestagswahl|Europawahl] {year} – Organisation der Wahllokale
S2: Erhebung zur [Verwaltungsstruktur|Digitalisierung der Kommunen|Personalstatistik] {year}
I1: im Hinblick auf die bevorstehende Wahl am {date_future} bitten wir um Angaben zu den Wahllokalen der Stadt Musterstadt.
I2: im Rahmen der Rechtsaufsicht bitten wir um Vorlage der Niederschrift der Gemeinderatssitzung vom {date_past}.
D1: Bitte melden Sie die Zahl der Wahlbezirke sowie der Briefwahlvorstände bis zum {date_short}.
D: Die Unterlagen können auch elektronisch übermittelt werden.
D: Rechtsgrundlage ist die Gemeindeordnung in der derzeit geltenden Fassung.
A: Wir bitten um fristgerechte Erledigung.
A: Für Rückfragen steht Ihnen {person} zur Verfügung.

== 10 | Antrag | citizen company | Anregung und Antrag an den Gemeinderat
S: Antrag nach der Gemeindeordnung – [Einwohnerantrag|Anregung an den Gemeinderat]
S: Bürgerantrag: [Tempo 30 in der {street}|Bank am Marktplatz|Trinkbrunnen in der Innenstadt|Öffentliche Toiletten am Bahnhof]
I: <ich reiche|wir reichen> hiermit eine Anregung zur Beratung im Gemeinderat ein.
I: namens der Bürgerinitiative {street} überreichen wir {count} Unterschriften für einen Einwohnerantrag.
D: Das Anliegen betrifft viele Bürgerinnen und Bürger im Stadtteil und sollte öffentlich beraten werden.
D: Die Unterschriftenlisten liegen im Original bei.
D: Wir bitten darum, den Antrag in der Sitzung am {date_future} zu behandeln.
A: Bitte bestätigen Sie den Eingang und teilen Sie uns den Beratungstermin mit.
A: Bitte leiten Sie den Antrag an die Fraktionen weiter.

== 10 | Vertrag | company | Rahmenvertrag Post- und Kurierdienst
S: Vertrag über Post- und Kurierdienstleistungen – Vertragsnummer {vertragsnr}
S: Verlängerung des Rahmenvertrags [Frankierservice|Aktenvernichtung|Kurierdienst]
I: anbei erhalten Sie den Vertrag über [Postdienstleistungen|die datenschutzgerechte Aktenvernichtung|den Kurierdienst zwischen den Dienststellen] in zweifacher Ausfertigung.
I: wir bieten Ihnen die Verlängerung des bestehenden Rahmenvertrags bis zum {date_future} an.
D: Die Laufzeit beträgt {count} Monate; die Vergütung richtet sich nach der beigefügten Preisliste.
D: Die Abholung erfolgt werktäglich um {time} Uhr an der Poststelle im Rathaus.
D: Bitte senden Sie ein unterschriebenes Exemplar an uns zurück.
A: Für Fragen zum Vertrag erreichen Sie uns unter {phone}.
A: Wir freuen uns auf die weitere Zusammenarbeit.

== 11 | Bewerbung | citizen | Bewerbung auf Stellenausschreibung
S: Bewerbung als {job} – Kennziffer {kennziffer}
S: Bewerbung um die Stelle „{job}“ (Ausschreibung vom {date_past})
S: Initiativbewerbung für eine Tätigkeit in der Stadtverwaltung
I: mit großem Interesse habe ich Ihre Stellenausschreibung als {job} gelesen und bewerbe mich hiermit.
I: hiermit bewerbe ich mich um die ausgeschriebene Stelle als {job} bei der Stadt Musterstadt.
I: auf Ihre Ausschreibung mit der Kennziffer {kennziffer} bewerbe ich mich um die Stelle als {job}.
D: Derzeit bin ich bei der {company} als Sachbearbeiter{in} beschäftigt.
D: Meine Ausbildung zur [Verwaltungsfachangestellten|Bauzeichnerin|Fachinformatikerin] habe ich im Jahr {last_year} erfolgreich abgeschlossen.
D: Ich verfüge über mehrjährige Berufserfahrung und sichere Kenntnisse in [SAP|MS Office|Fachverfahren|Vergaberecht].
D: Ich könnte die Stelle zum {date_future} antreten; meine Kündigungsfrist beträgt [einen Monat|drei Monate|sechs Wochen].
D: Lebenslauf, Zeugnisse und Nachweise füge ich bei.
A: Über eine Einladung zu einem Vorstellungsgespräch freue ich mich sehr.
A: Für Rückfragen bin ich unter {phone} erreichbar.

== 11 | Krankmeldung | citizen | Arbeitsunfähigkeitsbescheinigung
S1: Arbeitsunfähigkeitsbescheinigung – Personalnummer {pnr}
S1: Krankmeldung {sender}, [Amt|Abteilung] {office_other}
S2: Folgebescheinigung Arbeitsunfähigkeit
I1: anbei übersende ich meine Arbeitsunfähigkeitsbescheinigung für den Zeitraum vom {date_past} bis {date_short}.
I1: hiermit melde ich mich ab dem {date_past} arbeitsunfähig krank.
I2: beiliegend erhalten Sie die Folgebescheinigung meiner Ärztin.
D2: Die Erstbescheinigung wurde bereits am {date_past2} vorgelegt.
D: Meine Personalnummer lautet {pnr}.
D: Meine Vorgesetzte ist telefonisch informiert.
D: Die voraussichtliche Dauer der Arbeitsunfähigkeit beträgt [eine Woche|zwei Wochen|zehn Tage].
A: Bitte nehmen Sie die Bescheinigung zu meiner Personalakte.
A: Ich bitte um kurze Bestätigung des Eingangs.

== 11 | Krankmeldung | authority | AU-Bescheinigung Krankenkasse, Krankengeld
S1: Arbeitsunfähigkeit Ihres Beschäftigten {person}, geb. {birth}
S2: Krankengeld – Entgeltbescheinigung angefordert
I1: Ihr Beschäftigter {person} hat uns eine Arbeitsunfähigkeit ab dem {date_past} gemeldet.
I2: für Ihre Mitarbeiterin {person} ist der Anspruch auf Entgeltfortzahlung am {date_past} ausgelaufen.
D2: Für die Berechnung des Krankengeldes benötigen wir eine Entgeltbescheinigung.
D: Die Versichertennummer lautet {versnr}.
D: Bitte übermitteln Sie die Daten elektronisch über das Meldeverfahren.
A: Wir bitten um Übersendung bis zum {date_short}.
A: Vielen Dank für Ihre Unterstützung.

== 11 | Antrag | internal citizen | Urlaubsantrag, Sonderurlaub, Teilzeit
S: Antrag auf [Sonderurlaub|Teilzeitbeschäftigung|Elternzeit|Bildungsurlaub]
S: Urlaubsantrag {employee}, Personalnummer {pnr}
I: hiermit beantrage ich [Sonderurlaub|Bildungsurlaub|Elternzeit] für den Zeitraum vom {date_future} bis {date_future2}.
I: ich beantrage die Reduzierung meiner Arbeitszeit auf {hours} Wochenstunden ab dem {date_future}.
D: Die Vertretung ist mit meiner Sachgebietsleitung abgestimmt.
D: Der Nachweis über [die Weiterbildung|die Geburt|den Umzug] liegt bei.
D: Mein Resturlaub aus dem Vorjahr beträgt {count} Tage.
A: Ich bitte um Genehmigung.
A: Bitte teilen Sie mir die Entscheidung schriftlich mit.
M: 12 Mein Zugang zum Fachverfahren sollte während der Abwesenheit gesperrt werden; das Amt für Digitalisierung und IT ist informiert.

== 11 | Antrag | internal | Reisekosten, Fortbildung
S1: Reisekostenabrechnung Dienstreise nach [Mustertal|Stuttgart|Berlin|Kreisstadt] am {date_past}
S2: Antrag auf Teilnahme an der Fortbildung „[Vergaberecht aktuell|Führen in Teilzeit|Datenschutz in der Kommune|Verwaltungsverfahrensrecht]“
I1: beigefügt erhalten Sie die Reisekostenabrechnung für die Dienstreise von {employee} am {date_past}.
I2: wir beantragen die Teilnahme von {employee} an einer Fortbildung vom {date_future} bis {date_future2}.
D1: Die Fahrtkosten betragen {amount_small}, die Übernachtungskosten {amount}.
D2: Die Teilnahmegebühr beträgt {amount}; die Mittel stehen im Fortbildungsbudget des Amtes bereit.
D1: Es wurde ein Dienstwagen mit dem Kennzeichen {plate} genutzt; gefahren wurden {km} km.
A1: Wir bitten um Prüfung und Erstattung.
A2: Bitte genehmigen Sie die Teilnahme.

== 11 | Sonstiges | citizen | Arbeitszeugnis, Bescheinigung, Personalakte
S: Bitte um [ein qualifiziertes Arbeitszeugnis|ein Zwischenzeugnis|eine Beschäftigungsbescheinigung]
S: Einsicht in meine Personalakte
I: ich war vom {date_past2} bis zum {date_past} als {job} bei der Stadt Musterstadt beschäftigt.
I: für einen Kreditantrag benötige ich eine Bescheinigung über mein Beschäftigungsverhältnis.
D: Ich bitte um Ausstellung [eines qualifizierten Arbeitszeugnisses|eines Zwischenzeugnisses|einer Verdienstbescheinigung].
D: Meine Personalnummer war {pnr}.
D: Zugleich beantrage ich Einsicht in meine Personalakte.
A: Bitte senden Sie mir die Unterlagen an meine Anschrift.
A: Für eine zügige Bearbeitung bin ich dankbar.

== 11 | Sonstiges | authority | Beihilfe, Versorgung, Rentenversicherung
S: [Versorgungsauskunft|Beihilfeangelegenheit|Rentenkontoklärung] {person}
S: Anforderung von Versicherungszeiten für {person}
I: für {person}, geboren am {birth}, benötigen wir Angaben zu den Beschäftigungszeiten bei der Stadt Musterstadt.
I: wir bitten um Bestätigung der Beschäftigungs- und Versorgungszeiten Ihres früheren Bediensteten {person}.
D: Bitte geben Sie Beginn und Ende der Beschäftigung sowie etwaige Unterbrechungen an.
D: Unser Aktenzeichen lautet {vorgang}.
D: Der Vordruck liegt in zweifacher Ausfertigung bei.
A: Wir bitten um Rücksendung bis zum {date_short}.
A: Vielen Dank für Ihre Mitwirkung.

== 11 | Hausmitteilung | internal | Personalangelegenheit, Stellenbesetzung
S: Stellenbesetzung [Sachbearbeitung|Sachgebietsleitung|Hausmeister] – Stelle Nr. {stellennr}
S: Personalbedarf {year} in unserem Amt
I: die Stelle Nr. {stellennr} ({job}) wird zum {date_future} frei und soll nachbesetzt werden.
I: wir bitten um Ausschreibung der Stelle „{job}“ in unserem Amt.
D: Die bisherige Stelleninhaberin tritt zum {date_future} in den Ruhestand.
D: Die Stellenbeschreibung ist beigefügt; die Eingruppierung erfolgt nach [EG 9b|EG 8|EG 11|A 10] TVöD.
D: Für das Auswahlverfahren schlagen wir {employee} als Mitglied der Auswahlkommission vor.
A: Wir bitten das Personalamt, das Ausschreibungsverfahren einzuleiten.
A: Für Rückfragen stehen wir gern zur Verfügung.

== 12 | Hausmitteilung | internal | IT-Störung
S: Störungsmeldung – [Drucker|Fachverfahren|Netzlaufwerk|Telefonanlage|Scanner] im Raum {room}
S: IT-Störung Ticket {ticket}
S: Ausfall [des Netzwerks|der Telefonanlage|des Kassenverfahrens] in der Außenstelle
I: seit dem {date_past} funktioniert [der Netzwerkdrucker|das Fachverfahren|der Scanner|das Diensttelefon] in Raum {room} nicht mehr.
I: wir melden einen Ausfall [der Internetverbindung|des Netzlaufwerks|der Anmeldung am PC] in unserer Dienststelle.
D: Die Fehlermeldung lautet: „[Verbindung zum Server fehlgeschlagen|Lizenz abgelaufen|Zugriff verweigert]“.
D: Betroffen sind {count} Arbeitsplätze; der Publikumsverkehr ist eingeschränkt.
D: Ein Neustart hat das Problem nicht behoben.
D: Die Inventarnummer des Geräts lautet {inventar}.
A: Wir bitten um dringende Behebung.
A: Bitte melden Sie sich unter der Durchwahl {durchwahl}.

== 12 | Antrag | internal | Hardware, Zugangsrechte, Softwarelizenz
S: Antrag auf [Zugangsrechte|Einrichtung eines Benutzerkontos|Beschaffung eines Notebooks|eine Softwarelizenz] für {employee}
S: Beschaffung von [Monitoren|Dokumentenscannern|Headsets|Diensthandys] für unser Amt
I: für {employee}, die zum {date_future} in unserem Amt beginnt, beantragen wir [ein Benutzerkonto|einen PC-Arbeitsplatz|Zugang zum Fachverfahren].
I: wir beantragen die Beschaffung von {count} [Monitoren|Notebooks|Headsets|Lizenzen für {software}].
D: Benötigt werden Leserechte auf das Laufwerk des Amtes und Schreibrechte im Fachverfahren.
D: Die Kosten von rund {amount} sind im Budget des Amtes eingeplant.
D: Die Freigabe der Amtsleitung liegt vor.
A: Wir bitten um Einrichtung bis zum {date_short}.
A: Bitte bestätigen Sie die Bestellung.

== 12 | Rechnung | invoice | Rechnung IT-Dienstleister (Zuständigkeit IT)
S: Rechnung Nr. {invoice_no} – [Wartung|Lizenzen|Support] {year}
S: Rechnung {invoice_no} – IT-Leistungen {month_year}
I: für die vereinbarten Leistungen [Softwarepflege {software}|Lieferung von Hardware|Netzwerkverkabelung im Rathaus] stellen wir Ihnen in Rechnung:
I: gemäß Wartungsvertrag {vertragsnr} berechnen wir für den Zeitraum {month_year}:
D: Die Leistung wurde am {date_past} vom Amt für Digitalisierung und IT abgenommen.
D: Lieferschein und Abnahmeprotokoll liegen bei.
A: Bitte überweisen Sie den Betrag bis zum {date_future} auf unser Konto {iban}.
A: Zahlbar innerhalb von 14 Tagen ohne Abzug.

== 12 | Vertrag | company | Softwarevertrag, Telefonie, Wartung
S1: Wartungsvertrag für {software} – Vertragsnummer {vertragsnr}
S2: Angebot und Vertrag [Telefonanlage|Mobilfunk|Rechenzentrumsleistungen]
I1: wir übersenden Ihnen den Wartungsvertrag für das Fachverfahren {software}.
I2: wie besprochen erhalten Sie unser Angebot für die Erneuerung der [Telefonanlage|Firewall|Server-Infrastruktur] im Rathaus.
D: Der Vertrag beginnt am {date_future} und läuft {count} Monate.
D: Die jährliche Pflegepauschale beträgt {amount_large} zuzüglich Umsatzsteuer.
D: Die Auftragsverarbeitungsvereinbarung nach Art. 28 DSGVO ist beigefügt.
A: Bitte senden Sie uns ein unterschriebenes Exemplar zurück.
A: Für Rückfragen steht Ihnen unser Vertrieb zur Verfügung.

== 12 | Sonstiges | company authority | Sicherheitshinweis, Datenschutz, Onlinezugang
S1: [Sicherheitsupdate|Abkündigung|Wartungsfenster] für {software}
S2: Umsetzung des Onlinezugangsgesetzes – [Anbindung|Schnittstelle] {software}
I1: wir informieren Sie über [ein dringendes Sicherheitsupdate|das Ende der Unterstützung|ein geplantes Wartungsfenster] für {software}.
I2: im Rahmen der Digitalisierung der Verwaltungsleistungen bitten wir um Angaben zu Ihren Schnittstellen.
D: Das Update behebt eine kritische Schwachstelle und sollte bis zum {date_short} eingespielt werden.
D: Während des Wartungsfensters am {date_future} ab {time} Uhr ist das System nicht erreichbar.
D: Die technischen Details entnehmen Sie bitte der Anlage.
A: Bitte bestätigen Sie die Kenntnisnahme.
A: Bei Fragen wenden Sie sich an unseren Support unter {phone}.

== 12 | Beschwerde | citizen | Online-Dienste, Webseite, Terminbuchung
S: Probleme mit [der Online-Terminvergabe|dem Bürgerportal|der städtischen Webseite]
S: Beschwerde: Online-Formular funktioniert nicht
I: seit Tagen versuche ich vergeblich, über [das Bürgerportal|die Online-Terminvergabe|das Kontaktformular] der Stadt einen Antrag zu stellen.
I: ich möchte auf Probleme mit der städtischen Webseite hinweisen.
D: Nach der Eingabe meiner Daten erscheint jedes Mal eine Fehlermeldung.
D: Die Seite ist mit einem Smartphone kaum zu bedienen und nicht barrierefrei.
D: Auch mehrere Versuche an verschiedenen Tagen waren erfolglos.
A: Bitte beheben Sie die technischen Probleme.
A: Ich bitte um eine Rückmeldung, wie ich meinen Antrag sonst stellen kann.

== 12 | Hausmitteilung | internal | Telefonie und Mobilgeräte
S: [Umzug des Telefonanschlusses|Diensthandy defekt|Neue Rufnummern] – {employee}
S: Telefonie: Änderung für Raum {room}
I: zum {date_future} zieht {employee} in den Raum {room} um; der Telefonanschluss muss mitgenommen werden.
I: das Diensthandy von {employee} ist defekt und muss ersetzt werden.
D: Die bisherige Durchwahl {durchwahl} soll erhalten bleiben.
D: Das Gerät hat die Inventarnummer {inventar}.
D: Bitte denken Sie auch an die Weiterleitung auf das Sekretariat.
A: Wir bitten um Umstellung.
A: Vielen Dank für die Unterstützung.

== 20 | Rechnung | invoice | Eingangsrechnung an die Stadt (Kämmerei)
S: Rechnung Nr. {invoice_no}
S: Rechnung {invoice_no} – [Lieferung|Leistung] vom {date_past}
S: Schlussrechnung {invoice_no} – [Sanierung {school}|Umbau Rathaus|Erneuerung Beleuchtung Bürgerhaus]
I: für die im Auftrag der Stadt Musterstadt erbrachten Leistungen erlauben wir uns, wie folgt zu berechnen:
I: vielen Dank für Ihren Auftrag vom {date_past2}. Wir berechnen Ihnen:
I: gemäß Auftrag berechnen wir die Lieferung vom {date_past}:
D: Leistungszeitraum: {month_year}.
D: Bestellnummer der Stadt: {bestellnr}.
D: Die Lieferung erfolgte an das Rathaus, Rathausplatz 1.
A: Bitte überweisen Sie den Rechnungsbetrag bis zum {date_future} unter Angabe der Rechnungsnummer auf das Konto {iban}.
A: Zahlbar innerhalb von 30 Tagen netto; bei Zahlung binnen 10 Tagen gewähren wir 2 % Skonto.
M: 37 Besteller war die Feuerwehr Musterstadt, Abteilung Gerätewartung.
M: 40 Die Leistung wurde für das Amt für Bildung und Sport an der {school} erbracht.
M: 66 Auftraggeber war das Tiefbauamt; die Abnahme erfolgte am {date_past}.
M: 67 Die Arbeiten wurden im Auftrag des Grünflächenamts ausgeführt.
M: 10 Die Lieferung ging an die Poststelle des Hauptamts.

== 20 | Antrag | club | Zuschussantrag Verein / Fördermittel an die Stadt
S: Antrag auf [einen Investitionszuschuss|Vereinsförderung|einen Zuschuss] für das Jahr {year}
S: Zuwendungsantrag – [Sanierung Vereinsheim|Anschaffung Vereinsbus|Jugendarbeit]
I: namens unseres Vereins beantragen wir einen städtischen Zuschuss.
I: hiermit beantragen wir für unser Vorhaben eine Zuwendung aus dem städtischen Haushalt.
D: Die Gesamtkosten belaufen sich auf {amount_large}; der Eigenanteil beträgt {amount}.
D: Ein Finanzierungsplan und der Verwendungsnachweis des Vorjahres liegen bei.
D: Mit der Maßnahme soll am {date_future} begonnen werden.
A: Wir bitten um wohlwollende Prüfung.
A: Bitte teilen Sie uns mit, ob ein vorzeitiger Maßnahmebeginn zulässig ist.

== 20 | Bescheid | authority | Zuwendungsbescheid, Fördermittel, Finanzausgleich
S1: Zuwendungsbescheid – [Städtebauförderung|Digitalpakt Schule|Breitbandausbau|Klimaschutzprogramm]
S2: Festsetzung der Schlüsselzuweisungen {year}
S1: Bewilligung von Fördermitteln – Förderkennzeichen {foerderkz}
I1: auf Ihren Antrag vom {date_past2} bewilligen wir der Stadt Musterstadt eine Zuwendung in Höhe von {amount_large}.
I2: die Schlüsselzuweisungen für das Haushaltsjahr {year} werden wie folgt festgesetzt.
D: Die Zuwendung wird als Anteilfinanzierung in Höhe von {percent} % der zuwendungsfähigen Ausgaben gewährt.
D: Der Verwendungsnachweis ist bis zum {date_future} vorzulegen.
D: Die Auszahlung erfolgt auf Anforderung nach Baufortschritt.
D: Die allgemeinen Nebenbestimmungen sind Bestandteil dieses Bescheids.
A: Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Klage beim Verwaltungsgericht Mustertal erhoben werden.
A: Bitte bestätigen Sie den Empfang auf dem beigefügten Vordruck.
M: 61 Die Mittel sind für die Sanierungsmaßnahme des Stadtplanungsamts bestimmt.
M: 40 Die Fördermittel betreffen die Schulen im Zuständigkeitsbereich des Amts für Bildung und Sport.

== 20 | Hausmitteilung | internal | Haushaltsanmeldung, Mittelbereitstellung
S1: Haushaltsanmeldung {next_year} – [Amt|Budget] {office_other}
S2: Überplanmäßige Ausgabe – Produkt {produkt}
S2: Mittelbereitstellung für [Ersatzbeschaffung|Reparatur|Gutachten]
I1: anbei erhalten Sie unsere Mittelanmeldung für den Haushalt {next_year}.
I2: wir beantragen die Bereitstellung überplanmäßiger Mittel in Höhe von {amount_large}.
D: Die Ausgabe ist unabweisbar, da [die Heizungsanlage ausgefallen ist|ein Gutachten vorgeschrieben ist|Tariferhöhungen zu berücksichtigen sind].
D: Die Deckung soll aus dem Produkt {produkt} erfolgen.
D: Die Investitionsplanung für die Jahre {next_year} bis {later_year} liegt bei.
A: Wir bitten die Kämmerei um Prüfung und Freigabe.
A: Bitte berücksichtigen Sie die Anmeldung bei der Haushaltsplanung.

== 20 | Sonstiges | authority bank | Jahresabschluss, Prüfung, Bank
S1: Prüfung des Jahresabschlusses {last_year}
S2: Kreditangebot für Investitionskredite {year}
S3: Bestätigung der Salden zum 31.12.{last_year}
I1: im Rahmen der überörtlichen Prüfung des Jahresabschlusses {last_year} bitten wir um Vorlage der Unterlagen.
I2: auf Ihre Ausschreibung vom {date_past} bieten wir Ihnen einen Kommunalkredit über {amount_large} an.
I3: für die Prüfung Ihres Jahresabschlusses bitten wir um Bestätigung der Kontosalden.
D2: Der Zinssatz beträgt {percent},{count} % fest für zehn Jahre.
D1: Benötigt werden die Bilanz, die Ergebnisrechnung und die Anlagenübersicht.
D: Die Prüfung beginnt voraussichtlich am {date_future}.
A: Wir bitten um Rückmeldung bis zum {date_short}.
A: Für Rückfragen stehen wir gern zur Verfügung.

== 20 | Bürgeranfrage | company | E-Rechnung, Leitweg-ID, Rechnungsanschrift
S1: Umstellung auf elektronische Rechnungen (XRechnung)
S2: Korrekte Rechnungsanschrift für Aufträge der Stadt
I1: ab dem {date_future} möchten wir Ihnen unsere Rechnungen nur noch elektronisch im Format XRechnung übermitteln.
I2: für unsere Aufträge aus verschiedenen Ämtern bitten wir um Mitteilung der richtigen Rechnungsanschrift.
D1: Bitte teilen Sie uns die Leitweg-ID der Stadt Musterstadt mit.
D1: Die Übermittlung soll über das Rechnungseingangsportal erfolgen.
D2: Bisher haben wir die Rechnungen an die jeweils bestellende Stelle geschickt.
D: Unsere Kundennummer bei Ihnen lautet {kundennr}.
A: Vielen Dank für Ihre Rückmeldung.
A: Für Rückfragen steht unsere Buchhaltung zur Verfügung.

== 21 | Beschwerde | company | Zahlungsverzug bei Rechnung (Lieferant beschwert sich)
S: Offene Rechnung {invoice_no} – Zahlungsverzug
S: Ausstehende Zahlung für Auftrag {bestellnr}
I: leider ist unsere Rechnung Nr. {invoice_no} vom {date_past2} über {amount} noch immer nicht beglichen.
I: wir warten seit über zwei Monaten auf die Zahlung unserer Rechnung vom {date_past2}.
D: Die Leistung wurde vollständig und mängelfrei erbracht.
D: Als kleiner Betrieb sind wir auf pünktliche Zahlungen angewiesen.
A: Wir bitten um umgehende Anweisung des Betrags.
A: Bitte teilen Sie uns mit, woran die Zahlung scheitert.
M: 20 Die Kämmerei hat uns an Sie verwiesen, da die Rechnung dort bereits geprüft wurde.

== 21 | Mahnung | company | Mahnung eines Lieferanten an die Stadt
S: [1. Mahnung|Zahlungserinnerung|2. Mahnung|Letzte Mahnung] – Rechnung {invoice_no}
S: Mahnung: offener Betrag {amount}
I: bei Durchsicht unserer Buchhaltung haben wir festgestellt, dass unsere Rechnung Nr. {invoice_no} vom {date_past2} noch offen ist.
I: trotz unserer Zahlungserinnerung vom {date_past} ist der Betrag von {amount} bisher nicht bei uns eingegangen.
D: Sicherlich handelt es sich um ein Versehen.
D: Wir berechnen Mahngebühren in Höhe von 5,00 €.
D: Sollten Sie die Zahlung zwischenzeitlich veranlasst haben, betrachten Sie dieses Schreiben als gegenstandslos.
A: Bitte überweisen Sie den offenen Betrag bis zum {date_short} auf unser Konto {iban}.
A: Nach Ablauf der Frist werden wir ohne weitere Ankündigung ein gerichtliches Mahnverfahren einleiten.

== 21 | Antrag | citizen company | Ratenzahlung, Stundung
S1: Antrag auf Ratenzahlung – Kassenzeichen {kassenzeichen}
S2: Stundungsantrag für die Forderung vom {date_past}
I1: ich habe Ihre Zahlungsaufforderung über {amount} erhalten, <kann|können> den Betrag derzeit aber nicht auf einmal zahlen.
I2: <ich beantrage|wir beantragen> die Stundung der Forderung mit dem Kassenzeichen {kassenzeichen}.
D1: Ich biete monatliche Raten von {amount_small} an, beginnend zum {date_future}.
D: Aufgrund [einer Kurzarbeit|einer längeren Erkrankung|eines Umsatzeinbruchs] ist <meine|unsere> finanzielle Lage angespannt.
D: Nachweise über <meine|unsere> Einkommensverhältnisse liegen bei.
A: Bitte teilen Sie mir mit, ob Sie mit der Ratenzahlung einverstanden sind.
A: Ich bitte, bis zur Entscheidung von Vollstreckungsmaßnahmen abzusehen.

== 21 | Sonstiges | citizen company | SEPA-Lastschriftmandat, Bankverbindung
S1: SEPA-Lastschriftmandat – Kassenzeichen {kassenzeichen}
S2: Änderung der Bankverbindung
S3: Widerruf der Einzugsermächtigung
I1: anbei erhalten Sie das unterschriebene SEPA-Lastschriftmandat für die Abbuchung der [Grundsteuer|Hundesteuer|Kita-Gebühren|Abfallgebühren].
I2: bitte beachten Sie, dass sich <meine|unsere> Bankverbindung geändert hat.
I3: hiermit widerrufe ich das Lastschriftmandat für das Kassenzeichen {kassenzeichen}.
D2: Die neue IBAN lautet {iban}.
D: Kontoinhaber ist {sender}.
D: Die Änderung soll ab dem nächsten Fälligkeitstermin am {date_future} gelten.
A: Bitte bestätigen Sie die Änderung.
A: Bitte buchen Sie die Beträge künftig von diesem Konto ab.

== 21 | Beschwerde | citizen | Mahnung trotz Zahlung
S: Ihre Mahnung vom {date_past} – Kassenzeichen {kassenzeichen}
S: Mahnung zu Unrecht – Betrag bereits bezahlt
I: heute erhielt ich Ihre Mahnung über {amount}, obwohl ich den Betrag bereits am {date_past2} überwiesen habe.
I: ich habe eine Mahnung der Stadtkasse erhalten, die ich nicht nachvollziehen kann.
D: Den Überweisungsbeleg füge ich als Kopie bei.
D: Möglicherweise wurde das Kassenzeichen bei der Überweisung nicht richtig zugeordnet.
D: Die Mahngebühr von {amount_small} werde ich nicht bezahlen.
A: Bitte prüfen Sie den Vorgang und stornieren Sie die Mahnung.
A: Ich bitte um eine kurze schriftliche Bestätigung.

== 21 | Sonstiges | authority court | Vollstreckung, Pfändung, Insolvenz
S1: Pfändungs- und Einziehungsverfügung – Schuldner {person}
S2: Insolvenzverfahren über das Vermögen der {company}
S3: Vermögensauskunft des Schuldners {person}
I3: in der Zwangsvollstreckungssache gegen {person} übersenden wir die Vermögensauskunft vom {date_past}.
I2: über das Vermögen der {company} wurde am {date_past} das Insolvenzverfahren eröffnet.
I1: wir teilen mit, dass gegen {person} bereits eine Kontopfändung besteht.
D2: Forderungen sind bis zum {date_future} beim Insolvenzverwalter anzumelden.
D: Bitte teilen Sie die Höhe der offenen städtischen Forderungen mit.
D: Das Aktenzeichen des Verfahrens lautet {ext_az}.
A: Weitere Vollstreckungsmaßnahmen sind einzustellen.
A: Wir bitten um Kenntnisnahme.

== 21 | Sonstiges | citizen | Erstattung, Überzahlung, Kontoauszug
S1: Rückerstattung einer Doppelzahlung
S2: Bitte um Kontoauszug zum Kassenzeichen {kassenzeichen}
I1: versehentlich habe ich den Betrag von {amount} zweimal an die Stadtkasse überwiesen.
I2: für meine Unterlagen benötige ich eine Übersicht über alle Zahlungen zum Kassenzeichen {kassenzeichen}.
D: Die Zahlungen erfolgten am {date_past2} und am {date_past}.
D: Bitte erstatten Sie den überzahlten Betrag auf mein Konto {iban}.
D: Eine Verrechnung mit künftigen Forderungen wünsche ich nicht.
A: Vielen Dank für Ihre Mühe.
A: Bitte informieren Sie mich über die Erstattung.

== 21 | Mahnung | utility insurer | Forderung an die Stadt (Versorger, Versicherung)
S: Zahlungserinnerung Kundennummer {kundennr}
S1: Mahnung – Abschlagszahlung [Strom|Gas|Wasser] {month_year}
I1: für die Abnahmestelle [Bürgerhaus|Sporthalle {school}|Bauhof] ist die Abschlagszahlung für {month_year} noch offen.
I2: der Beitrag für die Versicherung Nr. {vertragsnr} wurde bislang nicht gezahlt.
D: Offener Betrag: {amount}.
D: Bitte beachten Sie, dass bei weiterem Zahlungsverzug Verzugszinsen anfallen.
D: Das Lastschriftmandat konnte nicht eingelöst werden.
A: Wir bitten um Ausgleich bis zum {date_short}.
A: Bitte überweisen Sie den Betrag auf {iban}.

== 22 | Widerspruch | citizen company | Widerspruch gegen Grundsteuerbescheid
S: Widerspruch gegen den Grundsteuerbescheid vom {date_past}
S: Einspruch Grundsteuer {year} – Steuernummer {steuernr}
I: gegen den Grundsteuerbescheid vom {date_past} für das Grundstück {addr} lege ich hiermit Widerspruch ein.
I: hiermit <lege ich|legen wir> fristgerecht Widerspruch gegen den Bescheid über Grundsteuer {year} ein.
I: den am {date_past} zugegangenen Grundsteuerbescheid für das Grundstück Flurstück {flst} fechte<n> <ich|wir> hiermit an.
D: Das Grundstück ist zum großen Teil nicht bebaubar.
D: Im Bescheid ist ein falscher Eigentümer angegeben; <ich habe|wir haben> das Grundstück am {date_past2} verkauft.
D: Der festgesetzte Betrag von {amount} ist gegenüber dem Vorjahr um mehr als {percent} % gestiegen.
D: Die zugrunde gelegte Grundstücksfläche von {m2} m² ist unzutreffend.
D: Gegen den Grundsteuerwertbescheid des Finanzamts habe ich ebenfalls Einspruch eingelegt.
D: Ich beantrage die Aussetzung der Vollziehung.
A: Ich bitte um Überprüfung und Änderung des Bescheids.
A: Bitte bestätigen Sie den Eingang meines Widerspruchs.

== 22 | Sonstiges | citizen | Hundesteuer An- und Abmeldung
S1: Anmeldung eines Hundes zur Hundesteuer
S2: Hundesteuer – Abmeldung Hund „{dog_name}“
I1: hiermit melde ich meinen Hund „{dog_name}“ zur Hundesteuer an.
I2: mein Hund „{dog_name}“ ist am {date_past} [verstorben|abgegeben worden], ich melde ihn daher ab.
D1: Es handelt sich um einen [Mischling|Labrador|Dackel|Schäferhund|Beagle], geboren {birth}.
D2: Die Hundesteuermarke mit der Nummer {count} füge ich bei.
D1: Ich bin am {date_past2} nach Musterstadt gezogen.
A1: Bitte senden Sie mir den Steuerbescheid an meine Anschrift.
A2: Bitte erstatten Sie zu viel gezahlte Steuer auf mein Konto {iban}.

== 22 | Antrag | citizen company | Steuerermäßigung, Erlass
S: Antrag auf [Erlass der Grundsteuer|Ermäßigung der Hundesteuer|Befreiung von der Zweitwohnungsteuer]
S: Erlassantrag wegen [Ertragsminderung|Leerstand|Schwerbehinderung]
I: <ich beantrage|wir beantragen> [den teilweisen Erlass der Grundsteuer {last_year}|die Ermäßigung der Hundesteuer|die Befreiung von der Zweitwohnungsteuer].
I: aufgrund [eines Leerstands|einer wesentlichen Ertragsminderung|meiner Schwerbehinderung] stelle ich einen Antrag auf Steuerermäßigung.
D: Das Gebäude {addr} steht seit dem {date_past2} leer.
D: Eine Kopie [des Schwerbehindertenausweises|der Mieterliste|des Arbeitsvertrags] liegt bei.
D: Die Wohnung wird ausschließlich aus beruflichen Gründen genutzt.
A: Ich bitte um antragsgemäße Entscheidung.
A: Für Rückfragen erreichen Sie mich unter {phone}.

== 22 | Sonstiges | company taxadvisor | Gewerbesteuer: Vorauszahlung, Herabsetzung
S: Gewerbesteuer {year} – Antrag auf Herabsetzung der Vorauszahlungen
S: Gewerbesteuer – Steuernummer {steuernr}
I: wir beantragen die Herabsetzung der Gewerbesteuervorauszahlungen für {year}.
I: namens unserer Mandantin, der {company}, beantragen wir die Anpassung der Gewerbesteuervorauszahlungen.
D: Der voraussichtliche Gewerbeertrag wird erheblich unter dem Vorjahr liegen.
D: Eine Prognoserechnung unseres Steuerberaters liegt bei.
D: Der Gewerbesteuermessbescheid des Finanzamts vom {date_past} ist beigefügt.
A: Wir bitten um Anpassung der Vorauszahlungen auf {amount}.
A: Bitte senden Sie den geänderten Bescheid an uns.

== 22 | Bescheid | authority | Messbescheid Finanzamt
S1: Gewerbesteuermessbescheid {last_year} – {company}
S2: Mitteilung über den Grundsteuermessbetrag – Aktenzeichen {steuernr}
I2: wir übersenden Ihnen den Grundsteuermessbescheid für das Grundstück {addr}, Flurstück {flst}.
I1: für die {company} wurde der Gewerbesteuermessbetrag für {last_year} wie folgt festgesetzt.
D: Der Steuermessbetrag beträgt {amount_small}.
D: Der Bescheid ersetzt den Bescheid vom {date_past2}.
D: Die Festsetzung beruht auf der Erklärung vom {date_past}.
A: Die Mitteilung ist für die Festsetzung der Realsteuer durch die Gemeinde bestimmt.
A: Diese Mitteilung ergeht ohne Rechtsbehelfsbelehrung.

== 22 | Bürgeranfrage | citizen | Zweitwohnungsteuer, Vergnügungssteuer Anfrage
S1: Frage zur Zweitwohnungsteuer
S2: Anfrage Vergnügungssteuer für [Spielgeräte|Veranstaltung]
I1: ich besitze eine kleine Wohnung in Musterstadt, die ich nur am Wochenende nutze, und möchte wissen, ob Zweitwohnungsteuer anfällt.
I2: wir planen den Betrieb von {count} Spielgeräten in unserer Gaststätte und bitten um Auskunft zur Vergnügungssteuer.
D1: Meine Hauptwohnung befindet sich in {far_town}.
D1: Die Wohnung hat eine Fläche von {m2} m².
D: Bitte teilen Sie mir den aktuellen Steuersatz mit.
A: Für eine kurze Antwort wäre ich dankbar.
A: Bitte senden Sie mir die notwendigen Formulare.

== 22 | Beschwerde | citizen | Beschwerde Grundsteuerreform / Bescheid unverständlich
S: Unverständlicher Grundsteuerbescheid
S: Beschwerde über die Erhöhung der Grundsteuer
I: den neuen Grundsteuerbescheid für mein Haus {addr} kann ich nicht nachvollziehen.
I: ich beschwere mich über die drastische Erhöhung der Grundsteuer durch die Reform.
D: Ich zahle jetzt {amount} statt bisher {amount_small} im Jahr.
D: Weder der Hebesatz noch der Messbetrag sind für mich nachvollziehbar.
D: Als Rentnerin bzw. Rentner kann ich diese Belastung kaum tragen.
A: Bitte erklären Sie mir die Berechnung.
A: Ich bitte um einen Gesprächstermin.

== 30 | Sonstiges | lawyer | Anwaltsschreiben, Schadensersatz, Vertretungsanzeige
S: [Schadensersatzforderung|Vertretungsanzeige|Akteneinsicht] – {person} ./. Stadt Musterstadt
S: Unser Mandant {person} – Ihr Bescheid vom {date_past}
I: wir zeigen an, dass wir {person} anwaltlich vertreten; eine Vollmacht ist beigefügt.
I: namens und in Vollmacht unseres Mandanten {person} machen wir Schadensersatzansprüche gegen die Stadt Musterstadt geltend.
D: Unser Mandant hat am {date_past} einen Schaden in Höhe von {amount} erlitten.
D: Wir beantragen Akteneinsicht in die vollständige Verwaltungsakte.
D: Wir fordern Sie auf, Ihre Einstandspflicht bis zum {date_short} dem Grunde nach anzuerkennen.
D: Sollte die Frist fruchtlos verstreichen, werden wir unserem Mandanten empfehlen, gerichtliche Hilfe in Anspruch zu nehmen.
A: Wir bitten, die Korrespondenz ausschließlich über unsere Kanzlei zu führen.
A: Mit kollegialen Grüßen verbleiben wir.
M: 66 Der Schaden entstand durch ein Schlagloch in der {street}, für deren Unterhaltung das Tiefbauamt zuständig ist.
M: 67 Ursache war ein herabfallender Ast eines städtischen Baumes; das Grünflächenamt wurde bereits informiert.
M: 63 Zugrunde liegt die Baugenehmigung des Baurechtsamts vom {date_past2}.

== 30 | Gerichtsschreiben | court | Verwaltungsrechtsstreit, Klage
S: Verwaltungsrechtsstreit {person} ./. Stadt Musterstadt – {ext_az}
S: In der Verwaltungsstreitsache {person} gegen Stadt Musterstadt
S: Klage wegen [Baugenehmigung|Gebührenbescheid|Erschließungsbeitrag|Gewerbeuntersagung]
I: in der Verwaltungsstreitsache {person} gegen die Stadt Musterstadt wird Ihnen die Klageschrift vom {date_past} zugestellt.
I: das Gericht beabsichtigt, ohne mündliche Verhandlung durch Gerichtsbescheid zu entscheiden.
I: in dem Rechtsstreit wird Termin zur mündlichen Verhandlung bestimmt auf den {date_future}, {time} Uhr, Sitzungssaal {room}.
D: Sie erhalten Gelegenheit zur Stellungnahme binnen vier Wochen.
D: Die Behördenakten sind vollständig vorzulegen.
D: Das persönliche Erscheinen eines Vertreters der Beklagten wird angeordnet.
A: Auf die Folgen einer Fristversäumnis wird hingewiesen.
A: Dieses Schreiben wurde maschinell erstellt und ist ohne Unterschrift gültig.
M: 63 Gegenstand ist der Bescheid des Baurechtsamts vom {date_past2}.
M: 32 Gegenstand ist die Verfügung des Ordnungsamts vom {date_past2}.
M: 50 Angefochten wird der Bescheid des Sozialamts vom {date_past2}.

== 30 | Gerichtsschreiben | court | Zivilverfahren, Mahnbescheid gegen die Stadt
S1: Mahnbescheid – Geschäftszeichen {ext_az}
S2: Ladung zum Gütetermin – {company} ./. Stadt Musterstadt
I2: in dem Rechtsstreit {company} gegen Stadt Musterstadt wird Ihnen die Klage zugestellt.
I1: auf Antrag der {company} ist gegen die Stadt Musterstadt ein Mahnbescheid über {amount_large} erlassen worden.
D: Sie können gegen den Anspruch insgesamt oder teilweise Widerspruch erheben.
D: Der Gütetermin findet am {date_future} statt.
D: Es wird das schriftliche Vorverfahren angeordnet.
A: Die Frist zur Verteidigungsanzeige beträgt zwei Wochen ab Zustellung.
A: Im Übrigen wird auf die beigefügten Hinweise verwiesen.

== 30 | Sonstiges | insurer | Versicherungsfall, Haftpflicht
S: Schadenmeldung – Schadennummer {vorgang}
S: Haftpflichtschaden vom {date_past} – Ihr Versicherungsnehmer Stadt Musterstadt
I: wir nehmen Bezug auf den Schaden vom {date_past}, den unser Versicherungsnehmer gemeldet hat.
I: als Kommunalversicherer der Stadt Musterstadt teilen wir Ihnen den Stand der Schadenregulierung mit.
D: Der Anspruchsteller {person} macht einen Betrag von {amount} geltend.
D: Für die weitere Prüfung benötigen wir eine Stellungnahme zum Hergang sowie Fotos der Schadenstelle.
D: Die Regulierung erfolgt unter Vorbehalt.
A: Bitte senden Sie uns die Unterlagen bis zum {date_short}.
A: Bitte geben Sie bei Rückfragen stets die Schadennummer an.
M: 66 Nach den Kontrollprotokollen des Tiefbauamts wurde die Straße zuletzt am {date_past2} begangen.
M: 37 Der Schaden entstand bei einem Einsatz der Feuerwehr.

== 30 | Hausmitteilung | internal | Bitte um rechtliche Prüfung
S: Bitte um rechtliche Prüfung – [Vertragsentwurf|Satzungsänderung|Widerspruchsverfahren|Vergabe]
S: Rechtsfrage zu [Auskunftsanspruch|Datenschutz|Haftung|Vergaberecht]
I: wir bitten um rechtliche Prüfung des beigefügten [Vertragsentwurfs|Satzungsentwurfs|Widerspruchs].
I: in einem laufenden Verfahren unseres Amtes stellt sich folgende Rechtsfrage, zu der wir um Stellungnahme bitten.
D: Der Widerspruchsführer {person} hat am {date_past} gegen unseren Bescheid Widerspruch eingelegt; eine Abhilfe kommt nicht in Betracht.
D: Der Vertrag soll am {date_future} unterzeichnet werden.
D: Die Akte liegt bei.
A: Wir bitten das Rechtsamt um Stellungnahme bis zum {date_short}.
A: Für Rückfragen steht {employee} zur Verfügung.

== 30 | Widerspruch | lawyer | Anwaltliche Widerspruchsbegründung
S: Widerspruchsbegründung – Mandant {person}
S: Widerspruchsverfahren {person} – Begründung und Akteneinsicht
I: in dem Widerspruchsverfahren unseres Mandanten {person} begründen wir den Widerspruch vom {date_past2} wie folgt.
I: namens unseres Mandanten erheben wir Widerspruch und beantragen zunächst Akteneinsicht.
D: Der angefochtene Bescheid ist formell rechtswidrig, da eine Anhörung nicht stattgefunden hat.
D: Die Ermessenserwägungen sind nicht nachvollziehbar dargelegt.
D: Wir beantragen, die Hinzuziehung eines Bevollmächtigten im Vorverfahren für notwendig zu erklären.
A: Wir bitten um Übersendung der Akte an unsere Kanzlei.
A: Eine weitere Begründung bleibt vorbehalten.

== 32 | Anhörung | citizen | Anhörung im Bußgeldverfahren: Rückmeldung Betroffener
S: Anhörung im Bußgeldverfahren – Aktenzeichen Ihres Schreibens
S: Ihr Anhörungsbogen vom {date_past} – Kennzeichen {plate}
S: Stellungnahme zum Vorwurf der [Geschwindigkeitsüberschreitung|Parkverstoß|Rotlichtverstoß]
I: zu dem mir mit Anhörungsbogen vom {date_past} vorgeworfenen Verkehrsverstoß nehme ich wie folgt Stellung.
I: anbei sende ich den ausgefüllten Anhörungsbogen zum Fahrzeug mit dem Kennzeichen {plate} zurück.
D: Zum Tatzeitpunkt am {date_past2} um {time} Uhr war nicht ich, sondern [mein Sohn|meine Tochter|ein Mitarbeiter] Fahrer des Fahrzeugs.
D: Das Fahrzeug war ordnungsgemäß mit gültigem Parkschein abgestellt; der Parkschein liegt in Kopie bei.
D: Das Messfoto ist so unscharf, dass eine Identifizierung nicht möglich ist.
D: Ich räume den Verstoß ein und bitte um eine milde Ahndung.
A: Ich bitte um Einstellung des Verfahrens.
A: Bitte senden Sie mir eine Kopie des Messprotokolls.

== 32 | Widerspruch | citizen company | Einspruch gegen Bußgeldbescheid
S: Einspruch gegen den Bußgeldbescheid vom {date_past}
S: Einspruch – Bußgeldbescheid, Kennzeichen {plate}
I: gegen den Bußgeldbescheid vom {date_past} lege ich hiermit Einspruch ein.
I: hiermit <lege ich|legen wir> Einspruch gegen den Bußgeldbescheid wegen Parkens im Halteverbot in der {street} ein.
I: mit diesem Schreiben wende ich mich gegen den Bußgeldbescheid, den ich am {date_past} erhalten habe.
D: Auf dem Foto ist das Kennzeichen {plate} nicht eindeutig zu erkennen.
D: Ich habe das Fahrzeug zum Tatzeitpunkt bereits verkauft; der Kaufvertrag liegt bei.
D: Das Halteverbotsschild war zum Zeitpunkt des Abstellens noch nicht aufgestellt.
D: Das Bußgeld von {amount_small} halte ich für unangemessen.
D: Ich befand mich zum angegebenen Zeitpunkt nachweislich in {far_town}.
A: Ich beantrage die Einstellung des Verfahrens.
A: Bitte gewähren Sie mir Akteneinsicht.

== 32 | Beschwerde | citizen | Lärmbeschwerde Nachbarschaft, Gaststätte
S: Lärmbeschwerde – [Gaststätte|Nachbarn|Partys|Hundegebell] in der {street}
S: Ruhestörung in der {street} – Beschwerde
S: Beschwerde über nächtlichen Lärm
I: seit Wochen werden wir nachts durch [laute Musik aus der Gaststätte|Partys in der Nachbarwohnung|ständiges Hundegebell|Gäste vor einem Kiosk] in der {street} gestört.
I: ich möchte mich über die anhaltende Ruhestörung in unserer Straße beschweren.
I: hiermit beschwere ich mich erneut über den Lärm, der regelmäßig aus dem Haus {addr} kommt.
I: als Anwohner{in} der {street} bitte ich Sie dringend, gegen die nächtlichen Ruhestörungen vorzugehen.
D: Gespräche mit den Verursachern haben leider nichts gebracht.
D: Auch andere Nachbarn fühlen sich gestört und unterstützen diese Beschwerde.
D: Am {date_past} dauerte der Lärm bis nach 2 Uhr morgens.
D: Besonders schlimm ist es am Wochenende zwischen 23 Uhr und 3 Uhr.
D: Die Polizei war bereits am {date_past} vor Ort, geändert hat sich nichts.
D: Ein Lärmprotokoll der letzten Wochen liegt bei.
D: Ich arbeite im Schichtdienst und bin auf meine Nachtruhe angewiesen.
A: Bitte schreiten Sie als Ordnungsbehörde ein.
A: Ich bitte um Mitteilung, welche Maßnahmen Sie ergreifen.
M: 70 Das Umweltamt hat mich an Sie verwiesen, da es sich um Verhaltenslärm handelt.

== 32 | Antrag | citizen company | Gewerbeanmeldung, Gaststättenerlaubnis
S1: Gewerbeanmeldung – {business}
S2: [Gewerbeummeldung|Gewerbeabmeldung] zum {date_future}
S3: Antrag auf Gaststättenerlaubnis / Gestattung
I1: <ich melde|wir melden> zum {date_future} ein Gewerbe in Musterstadt an: {business}.
I3: hiermit beantrage ich eine vorübergehende Gaststättenerlaubnis für [das Straßenfest|das Vereinsfest|den Weihnachtsmarktstand] am {date_future}.
I2: <ich melde|wir melden> <mein|unser> Gewerbe zum {date_future} ab.
D1: Betriebsstätte ist {addr}.
D: Eine Kopie des Personalausweises und der Handelsregisterauszug liegen bei.
D2: Es sollen Getränke und kleine Speisen an etwa {count} Gäste ausgegeben werden.
A: Bitte senden Sie mir die Gewerbeanmeldung bestätigt zurück.
A: Die Gebühr bitte ich mir in Rechnung zu stellen.

== 32 | Antrag | company citizen | Sondernutzung, Halteverbot, Veranstaltung
S1: Antrag auf Sondernutzungserlaubnis – [Außengastronomie|Baugerüst|Umzug|Info-Stand] {street}
S2: Antrag auf Einrichtung einer Halteverbotszone für einen Umzug am {date_future}
S3: Anmeldung einer Veranstaltung „{event}“
I1: <ich beantrage|wir beantragen> die Erlaubnis zur Sondernutzung des öffentlichen Verkehrsraums vor dem Anwesen {addr}.
I2: für <meinen|unseren> Umzug am {date_future} beantrage<n> <ich|wir> eine Halteverbotszone von {count} Metern.
I3: <ich melde|wir melden> die Veranstaltung „{event}“ am {date_future} auf dem Marktplatz an.
D1: Die benötigte Fläche beträgt etwa {m2} m² auf dem Gehweg.
D1: Die Aufstellung erfolgt in der Zeit von {time} Uhr bis 18 Uhr.
D: Ein Lageplan mit eingezeichneter Fläche liegt bei.
A: Bitte teilen Sie mir die Höhe der Gebühren mit.
A: Ich bitte um eine zeitnahe Entscheidung, da der Termin feststeht.
M: 66 Eine Aufgrabung ist nicht erforderlich; das Tiefbauamt erhält eine Kopie zur Kenntnis.

== 32 | Antrag | citizen | Parkausweis Anwohner, Schwerbehinderte
S: Antrag auf [Bewohnerparkausweis|Parkausweis für Schwerbehinderte|Parkerleichterung]
S1: Bewohnerparkausweis Zone [A|B|C|D] – Kennzeichen {plate}
I1: hiermit beantrage ich einen Bewohnerparkausweis für mein Fahrzeug mit dem Kennzeichen {plate}.
I2: ich beantrage einen Parkausweis für Menschen mit Behinderung.
D: Ich wohne seit dem {date_past2} in der {addr}.
D2: Kopien von Fahrzeugschein und Schwerbehindertenausweis (Merkzeichen aG) liegen bei.
D: Der bisherige Ausweis läuft am {date_future} ab.
A: Bitte senden Sie mir den Ausweis zu.
A: Die Gebühr kann per Lastschrift eingezogen werden.

== 32 | Beschwerde | citizen | Falschparker, Verkehrsüberwachung, Müll im öffentlichen Raum
S: Dauerhaft zugeparkter Gehweg in der {street}
S: Beschwerde: [Falschparker|abgestellte Schrottfahrzeuge|Wohnmobile] in der {street}
I: in der {street} wird der Gehweg regelmäßig von Fahrzeugen zugeparkt.
I: seit dem {date_past} steht ein [nicht zugelassenes Fahrzeug|Anhänger ohne Kennzeichen|Wohnmobil] vor dem Haus {addr}.
D: Mit Kinderwagen oder Rollator ist ein Durchkommen nicht möglich.
D: Das Fahrzeug mit dem Kennzeichen {plate} steht dort fast täglich.
D: Fotos liegen diesem Schreiben bei.
A: Ich bitte um verstärkte Kontrollen.
A: Bitte veranlassen Sie die Entfernung des Fahrzeugs.

== 32 | Bescheid | authority | Verkehrsbehördliche Anordnung, Mitteilung Polizei
S1: Verkehrsrechtliche Anordnung – {street}
S2: Mitteilung über [eine Ordnungswidrigkeit|einen Gaststättenbetrieb|eine Gewerbeuntersagung]
I1: wir ordnen hiermit die Beschilderung für die Baustelle in der {street} vom {date_future} bis {date_future2} an.
I2: die Polizei teilt mit, dass am {date_past} bei einer Kontrolle in der {street} Verstöße festgestellt wurden.
D1: Der Verkehrszeichenplan ist Bestandteil dieser Anordnung.
D2: Der Betreiber {person} wurde bereits belehrt.
D2: Wir bitten um Prüfung gewerberechtlicher Maßnahmen.
A: Bitte bestätigen Sie den Empfang.
A: Wir bitten um Mitteilung über den Ausgang des Verfahrens.

== 32 | Bürgeranfrage | citizen | Anfrage Fundsachen, Waffen, Schornstein, Obdach
S2: Anfrage zu [einer Fundsache|Osterfeuer|Feuerwerk an Silvester|Taubenfütterung]
S1: Verlorene [Geldbörse|Brille|Schlüssel] – Fundbüro
I1: am {date_past} habe ich in der Innenstadt [meine Geldbörse|meine Brille|einen Schlüsselbund] verloren.
I2: ich möchte wissen, ob [das Abbrennen eines Osterfeuers|privates Feuerwerk in der Altstadt|das Füttern von Tauben] erlaubt ist.
D1: Vielleicht wurde der Gegenstand im Fundbüro abgegeben.
D1: Der Verlust war im Bereich der {street}.
D2: Wir planen dies auf unserem Grundstück {addr}.
A1: Bitte teilen Sie mir mit, ob etwas gefunden wurde.
A: Ich bitte um Auskunft.

== 33 | Antrag | citizen | Meldebescheinigung, Auskunftssperre
S1: Antrag auf [Meldebescheinigung|erweiterte Meldebescheinigung]
S2: Antrag auf Eintragung einer Auskunftssperre im Melderegister
S1: Bitte um Meldebescheinigung für {sender}
I1: für [meinen Arbeitgeber|die Rentenkasse|eine Behörde im Ausland] benötige ich eine Meldebescheinigung.
I2: hiermit beantrage ich die Eintragung einer Auskunftssperre im Melderegister.
D: Ich wohne seit dem {date_past2} in der {addr}.
D: Mein Geburtsdatum ist der {birth}.
D: Eine Kopie meines Personalausweises liegt bei; die Gebühr von {amount_small} habe ich überwiesen.
D2: Grund ist eine Bedrohung durch eine frühere Bekanntschaft; eine Bescheinigung der Polizei ist beigefügt.
A: Bitte senden Sie die Bescheinigung an meine Anschrift.
A: Ich bitte um Bestätigung.

== 33 | Antrag | citizen | Personalausweis, Reisepass
S2: Reisepass für [meine Tochter|meinen Sohn|mich] – Termin
S1: Verlust meines Personalausweises
S2: Antrag auf [vorläufigen Reisepass|Kinderreisepass|Personalausweis]
I1: am {date_past} habe ich meinen Personalausweis verloren und melde den Verlust hiermit.
I2: für eine Reise am {date_future} benötige ich dringend einen [vorläufigen Reisepass|Kinderreisepass für {child_first}].
I2: mein Personalausweis läuft am {date_future} ab; ich möchte einen neuen beantragen.
D1: Die Seriennummer des alten Ausweises lautet {ausweis}.
D: Ich bin derzeit nicht in der Lage, persönlich ins Bürgeramt zu kommen.
D1: Eine Verlustanzeige der Polizei liegt bei.
A: Bitte teilen Sie mir einen Termin mit.
A: Ich bitte um Rückruf unter {phone}.

== 33 | Sonstiges | citizen | Ummeldung, Wohnsitz, Wohnungsgeberbestätigung
S1: Anmeldung meines Wohnsitzes zum {date_past}
S2: Wohnungsgeberbestätigung für {person}
S3: Abmeldung ins Ausland
I1: zum {date_past} bin ich in die {addr} umgezogen und möchte mich ummelden.
I2: als Vermieter{in} bestätige ich den Einzug von {person} in meine Wohnung {addr} am {date_past}.
I3: ich ziehe zum {date_future} nach [Spanien|Kanada|Österreich|Polen] und melde mich hiermit ab.
D1: Meine bisherige Anschrift war {street2}.
D1: Die Wohnungsgeberbestätigung und Kopien der Ausweise aller Familienmitglieder liegen bei.
D3: Meine neue Anschrift im Ausland teile ich nach dem Umzug mit.
D2: Der Mietvertrag beginnt am {date_past}; die Wohnung ist {m2} m² groß.
D2: Die meldepflichtige Person hat die Bestätigung im Original erhalten.
A: Bitte senden Sie mir die Bestätigung zu.
A: Für Rückfragen erreichen Sie mich unter {email}.

== 33 | Bürgeranfrage | citizen | Führungszeugnis, Beglaubigung, Fischereischein
S: Frage zu [Führungszeugnis|Beglaubigung|Fischereischein|Lebensbescheinigung]
S1: Antrag auf ein Führungszeugnis für [eine ehrenamtliche Tätigkeit|meinen Arbeitgeber]
I1: für meine ehrenamtliche Tätigkeit im [Sportverein|Jugendtreff|Kindergarten] benötige ich ein erweitertes Führungszeugnis.
I2: ich benötige eine amtliche Beglaubigung [meines Zeugnisses|meiner Geburtsurkunde|einer Rentenbescheinigung].
D1: Eine Bestätigung des Vereins über die Gebührenbefreiung liegt bei.
D: Die Unterlagen werden für einen Antrag in {far_town} benötigt.
D: Welche Gebühren fallen an?
A: Bitte teilen Sie mir mit, wie ich vorgehen soll.
A: Vielen Dank für Ihre Auskunft.

== 33 | Sonstiges | authority | Melderegisteranfrage, Zensus
S: Melderegisterauskunft zu {person}, geb. {birth}
S: Datenabgleich Melderegister – Vorgang {vorgang}
I: wir bitten um eine Auskunft aus dem Melderegister über die derzeitige Anschrift von {person}.
I: im Rahmen eines Datenabgleichs bitten wir um Bestätigung der Meldedaten folgender Person.
D: Die letzte bekannte Anschrift ist {addr}.
D: Die Auskunft wird für ein Verwaltungsverfahren benötigt.
D: Die Gebühr wird nach Rechnungsstellung überwiesen.
A: Wir bitten um Antwort bis zum {date_short}.
A: Vielen Dank.

== 33 | Beschwerde | citizen | Wartezeit, Termin Bürgeramt
S: Wartezeit im Bürgeramt
S: Keine Termine für Personalausweis frei
I: seit Wochen versuche ich, einen Termin im Bürgeramt zu bekommen.
I: am {date_past} habe ich trotz Termin über zwei Stunden im Bürgeramt gewartet.
D: Online sind bis zum {date_future} keine Termine verfügbar.
D: Mein Ausweis läuft in Kürze ab und ich muss verreisen.
D: Telefonisch ist niemand zu erreichen.
A: Ich bitte um Abhilfe.
A: Bitte bieten Sie mir einen kurzfristigen Termin an.

== 33 | Antrag | citizen | Briefwahl, Wahlschein
S: Antrag auf Briefwahlunterlagen für die [Kommunalwahl|Bundestagswahl|Landtagswahl] am {date_future}
S: Wahlschein für {sender}
I: für die Wahl am {date_future} beantrage ich die Erteilung eines Wahlscheins mit Briefwahlunterlagen.
I: ich bin am Wahltag verreist und möchte per Briefwahl abstimmen.
D: Meine Wählerverzeichnisnummer lautet {count}.
D: Bitte senden Sie die Unterlagen an folgende Anschrift: {street2}.
D: Ich wurde am {birth} geboren.
A: Vielen Dank.
A: Bitte bestätigen Sie den Versand.

== 34 | Antrag | citizen | Anmeldung Eheschließung
S: Anmeldung zur Eheschließung
S: Trauung am {date_future} – Terminanfrage
I: wir möchten am {date_future} im Standesamt Musterstadt heiraten und bitten um einen Termin.
I: mein Partner {person} und ich möchten die Eheschließung anmelden.
D: Wir wünschen eine Trauung im [Trauzimmer des Rathauses|Schlossgarten|Alten Rathaus].
D: Die Geburtsurkunden und erweiterten Meldebescheinigungen fügen wir bei.
D: Mein Verlobter besitzt die [türkische|polnische|italienische] Staatsangehörigkeit.
A: Bitte teilen Sie uns mit, welche Unterlagen noch fehlen.
A: Wir freuen uns auf Ihre Antwort.

== 34 | Antrag | citizen | Urkunden
S: Antrag auf [Geburtsurkunde|Eheurkunde|Sterbeurkunde|beglaubigten Registerausdruck]
S: Bitte um Ausstellung von {count} [Geburtsurkunden|Sterbeurkunden]
I: ich benötige [eine Geburtsurkunde|eine Eheurkunde|eine Sterbeurkunde] für [die Rentenversicherung|das Nachlassgericht|eine Eheschließung im Ausland].
I: hiermit beantrage ich die Ausstellung einer [Geburtsurkunde|Sterbeurkunde] für {person}.
D: Die Geburt wurde am {birth} beim Standesamt Musterstadt beurkundet.
D: Der Sterbefall ereignete sich am {date_past}.
D: Die Gebühr von {amount_small} je Urkunde überweise ich nach Erhalt der Rechnung.
A: Bitte senden Sie die Urkunden an meine Anschrift.
A: Vielen Dank.

== 34 | Sonstiges | authority funeral | Geburtsanzeige, Sterbefallanzeige
S1: Anzeige einer Geburt – {child}, geb. {birth_new}
S2: Sterbefallanzeige – {person}
I1: wir zeigen die Geburt des Kindes {child} am {birth_new} in unserer Klinik an.
I2: als beauftragtes Bestattungsunternehmen zeigen wir den Sterbefall von {person} an.
D1: Die Eltern sind miteinander verheiratet; die Eheurkunde liegt bei.
D2: Der Tod trat am {date_past} in Musterstadt ein; die Todesbescheinigung ist beigefügt.
D2: Bitte stellen Sie {count} Sterbeurkunden aus.
A: Wir bitten um zügige Beurkundung.
A: Die Rechnung senden Sie bitte an uns.

== 34 | Antrag | citizen | Namensänderung, Namenserklärung
S1: Namenserklärung nach der Eheschließung
S2: Antrag auf Namensänderung für mein Kind {child_first}
I1: nach der Scheidung möchte ich meinen Geburtsnamen wieder annehmen.
I2: wir möchten den Familiennamen unseres Kindes {child_first} ändern lassen.
D1: Die Scheidung ist seit dem {date_past} rechtskräftig.
D2: Das Kind lebt seit {count} Jahren in unserem Haushalt.
D2: Der Vater ist mit der Namensänderung einverstanden; seine Erklärung liegt bei.
A: Bitte teilen Sie uns einen Termin zur Beurkundung mit.
A: Bitte teilen Sie mir die Gebühren mit.

== 34 | Sonstiges | authority | Auslandsbeurkundung, Nachbeurkundung
S1: Nachbeurkundung einer Auslandsgeburt – {child}
S2: Anfrage zur Eheschließung im Ausland – {person}
I1: wir übersenden den Antrag auf Nachbeurkundung der Geburt von {child}.
I2: der deutsche Staatsangehörige {person} möchte in [Dänemark|Italien|Thailand] heiraten.
D1: Die Urkunden liegen mit Apostille und Übersetzung vor.
D: Bitte bestätigen Sie die Zuständigkeit des Standesamts Musterstadt.
D: Die letzte Anschrift im Inland war {addr}.
A: Wir bitten um Bearbeitung.
A: Für Rückfragen stehen wir zur Verfügung.
"""
