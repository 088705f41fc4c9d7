# ruff: noqa: E501  (prose tables: one sentence per line reads better than wrapped strings)
"""More topics: internal mail, hearings, contracts, court letters and near-miss cases.

See ``corpus_topics`` for the notation and for which office is right when a letter
names several.
"""

TOPICS_C = r"""
== 10 | Sitzungsunterlage | council | Fraktionsantrag, Anfrage einer Fraktion
S1: Antrag der {sender} zur Gemeinderatssitzung am {date_future}
S2: Anfrage der {sender} – [Sanierung {school}|Radwegekonzept|Personalsituation im Bürgeramt]
I1: die Fraktion beantragt, folgenden Punkt auf die Tagesordnung der nächsten Gemeinderatssitzung zu setzen.
I2: gemäß der Geschäftsordnung des Gemeinderats stellen wir folgende Anfrage an die Verwaltung.
D1: Die Verwaltung wird beauftragt, bis zum {date_future} ein Konzept für [ein Radwegenetz|die Sanierung der Schulturnhallen|die Belebung der Innenstadt] vorzulegen.
D: Die Kosten sollen im Haushalt {next_year} berücksichtigt werden.
D: Zur Begründung verweisen wir auf die Beratung im Ausschuss am {date_past}.
D2: Wir bitten um schriftliche Beantwortung innerhalb der Frist der Geschäftsordnung.
A: Wir bitten um Aufnahme in die Tagesordnung und um Versand an alle Ratsmitglieder.
A: Wir bitten um Beratung und Beschlussfassung in der nächsten Sitzung.

== 10 | Sitzungsunterlage | authority | Ortschaftsrat, Zweckverband: Einladung und Tagesordnung
S1: Einladung zur Verbandsversammlung am {date_future}
S2: Tagesordnung der Sitzung des Ortschaftsrats Altheim am {date_future}
I2: hiermit laden wir zur öffentlichen Sitzung am {date_future} um {time} Uhr im Sitzungssaal ein.
I1: anbei erhalten Sie die Tagesordnung und die Sitzungsvorlagen für die Verbandsversammlung.
D: TOP 1: Feststellung der Beschlussfähigkeit; TOP 2: Jahresrechnung {last_year}; TOP 3: Verschiedenes.
D1: Die Stadt Musterstadt wird gebeten, ihre Vertreter zu benennen.
D: Die Niederschrift der letzten Sitzung liegt bei.
A: Um Rückmeldung zur Teilnahme wird gebeten.
A: Bitte leiten Sie die Einladung an die Mitglieder weiter.

== 10 | Hausmitteilung | internal | Datenschutz, Aktenaussonderung, Dienstreise OB
S2: Aussonderung von Altakten – Abstimmung mit dem Stadtarchiv
S3: Terminanfrage für den Oberbürgermeister
S1: Meldung einer Datenschutzverletzung in unserem Amt
I1: wir melden einen möglichen Datenschutzvorfall: am {date_past} wurde ein Schreiben an einen falschen Empfänger versandt.
I2: für die Aussonderung unserer Altakten der Jahre bis {last_year} bitten wir um Abstimmung mit dem Stadtarchiv.
I3: wir bitten um einen Termin beim Oberbürgermeister für eine Besprechung zu einem Bürgeranliegen.
D1: Betroffen sind personenbezogene Daten von {count} Personen.
D2: Die Akten umfassen rund {count} laufende Meter.
D: Die Angelegenheit ist eilbedürftig.
A: Wir bitten das Hauptamt um weitere Veranlassung.
A: Bitte teilen Sie uns einen Termin mit.

== 11 | Bewerbung | citizen | Ausbildung, Praktikum, duales Studium
S1: Bewerbung um einen Ausbildungsplatz als [Verwaltungsfachangestellte/r|Fachinformatiker/in|Gärtner/in|Straßenwärter/in] {next_year}
S2: Bewerbung um ein [Schülerpraktikum|Pflichtpraktikum|duales Studium Public Management]
I1: hiermit bewerbe ich mich um einen Ausbildungsplatz bei der Stadt Musterstadt zum {date_future}.
I2: im Rahmen meines Studiums suche ich ein Praktikum in der öffentlichen Verwaltung und bewerbe mich bei Ihnen.
D1: Zurzeit besuche ich die {school} und werde im Sommer meinen Abschluss machen.
D: Besonders interessiere ich mich für die Arbeit im [Bürgeramt|Bauamt|Jugendamt|IT-Bereich].
D: Meine Lieblingsfächer sind Mathematik und Deutsch.
D2: Mein Praktikum soll vom {date_future} bis {date_future2} dauern.
A: Über eine Einladung zu einem Vorstellungsgespräch würde ich mich sehr freuen.
A: Meine Zeugnisse und mein Lebenslauf liegen bei.

== 11 | Bewerbung | citizen | Bewerbung mit Bezug zu einem Fachamt
S1: Bewerbung als [Erzieherin|Erzieher] in der Kita „{kita}“
S2: Bewerbung als [Brandmeister/in|Gerätewart/in] bei der Feuerwehr Musterstadt
S3: Bewerbung als [Hausmeister/in an der {school}|Friedhofsgärtner/in]
I: mit großem Interesse habe ich Ihre Ausschreibung gelesen und bewerbe mich um die Stelle.
I: hiermit bewerbe ich mich um die ausgeschriebene Stelle in Ihrer Verwaltung.
D: Ich habe eine abgeschlossene Berufsausbildung und {count} Jahre Berufserfahrung.
D: Meine Gehaltsvorstellung liegt bei Entgeltgruppe [S 8a|6|7|8] TVöD.
D: Ich bin zeitlich flexibel und besitze den Führerschein Klasse [B|C|CE].
A: Über eine Einladung zum Vorstellungsgespräch freue ich mich.
A: Meine vollständigen Bewerbungsunterlagen füge ich bei.
M1: 51 Die Stelle ist beim Jugendamt angesiedelt, die Bewerbung richte ich wie angegeben an das Personalamt.
M2: 37 Die Feuerwehr hat mir bei einem Tag der offenen Tür empfohlen, mich zu bewerben.
M3: 67 Ich habe bereits ein Praktikum beim Grünflächenamt absolviert.

== 11 | Krankmeldung | internal | Abwesenheitsmeldung aus dem Amt
S: Krankmeldung {employee} – ab {date_past}
S: Abwesenheitsmeldung: Arbeitsunfähigkeit {employee}
I: wir teilen mit, dass {employee} seit dem {date_past} arbeitsunfähig erkrankt ist.
I: hiermit leiten wir die Arbeitsunfähigkeitsbescheinigung von {employee} weiter.
D: Die voraussichtliche Dauer beträgt [drei Tage|eine Woche|zwei Wochen].
D: Die Personalnummer lautet {pnr}.
D: Die Bescheinigung ging am {date_past} bei uns ein.
A: Wir bitten um Erfassung im Zeiterfassungssystem.
A: Bitte nehmen Sie die Bescheinigung zur Personalakte.

== 11 | Gerichtsschreiben | court | Arbeitsgericht, Pfändung Gehalt (Drittschuldner)
S1: Pfändungs- und Überweisungsbeschluss – Drittschuldnerin Stadt Musterstadt
S2: Kündigungsschutzklage {person} ./. Stadt Musterstadt
I1: in der Zwangsvollstreckungssache gegen {person} wird die Stadt Musterstadt als Arbeitgeberin und Drittschuldnerin benannt.
I2: in dem Rechtsstreit {person} gegen die Stadt Musterstadt wird Termin zur Güteverhandlung bestimmt auf den {date_future}, {time} Uhr.
D1: Das Arbeitseinkommen des Schuldners wird bis zur Höhe von {amount_large} gepfändet.
D1: Die Drittschuldnererklärung ist binnen zwei Wochen abzugeben.
D2: Die Klageschrift liegt in Abschrift bei.
A: Auf die Folgen einer Fristversäumnis wird hingewiesen.
A: Dieses Schreiben ist ohne Unterschrift gültig.

== 12 | Sonstiges | authority | IT-Sicherheitswarnung, Meldepflicht
S1: Warnmeldung: Schwachstelle in {software}
S2: Phishing-Welle gegen Kommunalverwaltungen – Hinweise
I1: wir warnen vor einer aktiv ausgenutzten Schwachstelle in {software}.
I2: derzeit beobachten wir gezielte Phishing-Mails an Beschäftigte kommunaler Verwaltungen.
D1: Bitte prüfen Sie umgehend, ob die betroffene Version im Einsatz ist.
D2: Verdächtige Anhänge sollten nicht geöffnet werden.
D: Vorfälle sind innerhalb von 24 Stunden zu melden.
A: Wir bitten um Rückmeldung über die ergriffenen Maßnahmen.
A: Für Rückfragen steht das Lagezentrum unter {phone} zur Verfügung.

== 20 | Sitzungsunterlage | internal | Haushaltsplanentwurf, Finanzausschuss
S1: Haushaltsplanentwurf {next_year} – Beratung im Haupt- und Finanzausschuss
S2: Finanzzwischenbericht zum {date_past}
I1: zur Vorbereitung der Haushaltsberatungen übersenden wir den Entwurf des Haushaltsplans {next_year} mit der Bitte um Prüfung der Ansätze Ihres Amtes.
I2: anbei der Finanzzwischenbericht für die Sitzung des Haupt- und Finanzausschusses am {date_future}.
D: Das ordentliche Ergebnis weist ein Defizit von {amount_large} aus.
D: Die Investitionen belaufen sich auf insgesamt {amount_large}.
D1: Änderungswünsche sind bis zum {date_short} mitzuteilen.
A: Bitte prüfen Sie die Ansätze und geben Sie Rückmeldung an die Kämmerei.
A: Wir bitten um Kenntnisnahme.

== 20 | Rechnung | invoice | Rechnung mit Bezug zu einem Fachamt (zahlt die Kämmerei)
S: Rechnung Nr. {invoice_no}
S: Rechnung {invoice_no} – Auftrag {bestellnr}
I: für die im Auftrag der Stadt Musterstadt erbrachten Leistungen berechnen wir:
I: wir bedanken uns für Ihren Auftrag und stellen folgende Leistungen in Rechnung:
D: Leistungsort: Rathaus Musterstadt, Rathausplatz 1.
D: Leistungszeitraum: {month_year}.
A: Bitte überweisen Sie den Rechnungsbetrag innerhalb von 30 Tagen auf das Konto {iban}.
A: Zahlbar sofort ohne Abzug.
M: 33 Die Lieferung erfolgte an das Bürgeramt, Marktplatz 5.
M: 11 Die Schulungsmaßnahme wurde vom Personalamt beauftragt.
M: 32 Besteller: Ordnungsamt, Herr {person}.
M: 70 Die Leistung betrifft das Klimaschutzprojekt des Umweltamts.

== 20 | Vertrag | company bank insurer | Leasing, Versicherung, Kreditvertrag
S: [Leasingvertrag Dienstfahrzeuge|Kommunaler Versicherungsvertrag|Darlehensvertrag] – Vertragsnummer {vertragsnr}
S: Vertragsunterlagen zur Kommunalversicherung {year}
I: anbei erhalten Sie die Vertragsunterlagen zum [Leasing von {count} Dienstfahrzeugen|Versicherungsschutz der Stadt|Kommunaldarlehen über {amount_large}].
I: wir übersenden den Nachtrag zum bestehenden Vertrag mit Wirkung zum {date_future}.
D: Die monatliche Rate beträgt {amount}.
D: Der Vertrag beginnt am {date_future}; die Laufzeit beträgt {count} Monate.
D: Bitte beachten Sie die geänderten Versicherungsbedingungen.
A: Bitte senden Sie uns ein unterschriebenes Exemplar zurück.
A: Für Rückfragen steht Ihnen Ihr Kundenberater zur Verfügung.

== 21 | Hausmitteilung | internal | Annahme- und Auszahlungsanordnung
S2: Annahmeanordnung – Kassenzeichen {kassenzeichen}
S3: Befristete Niederschlagung – Kassenzeichen {kassenzeichen}
S1: Bitte um Auszahlung an {person}
I1: wir bitten um Auszahlung von {amount} an {person} auf das Konto {iban}.
I2: anbei übersenden wir die Annahmeanordnung über {amount} für das Kassenzeichen {kassenzeichen}.
I3: wir bitten um befristete Niederschlagung der Forderung zum Kassenzeichen {kassenzeichen}.
D: Die sachliche und rechnerische Richtigkeit ist bestätigt.
D2: Fälligkeit: {date_future}.
D3: Der Schuldner ist nach unseren Feststellungen derzeit zahlungsunfähig.
A: Wir bitten die Stadtkasse um Buchung.
A: Bitte bestätigen Sie die Ausführung.

== 21 | Mahnung | collector | Inkassobüro fordert im Auftrag eines Gläubigers
S1: Forderungsangelegenheit {company} ./. Stadt Musterstadt – Inkasso-Nr. {vorgang}
S2: Letzte außergerichtliche Zahlungsaufforderung
I1: wir wurden von der {company} mit dem Einzug einer offenen Forderung gegen die Stadt Musterstadt beauftragt.
I2: trotz mehrfacher Mahnungen unserer Mandantin ist die Rechnung vom {date_past2} weiterhin unbezahlt.
D: Hauptforderung: {amount}; Verzugszinsen und Inkassokosten: {amount_small}.
D: Eine Vollmacht unserer Auftraggeberin liegt vor.
D: Bitte beachten Sie, dass weitere Kosten entstehen, wenn Sie nicht fristgerecht zahlen.
A: Bitte überweisen Sie den Gesamtbetrag bis zum {date_short} auf das Konto {iban}.
A: Sollten Einwendungen bestehen, teilen Sie uns diese bitte schriftlich mit.

== 21 | Mahnung | citizen | Bürger erinnert an ausstehende Erstattung der Stadt
S1: Zahlungserinnerung – Erstattung vom {date_past2} steht aus
S2: Erinnerung: Rückzahlung der Kaution für [das Bürgerhaus|die Sporthalle|den Festsaal]
I1: die mir mit Schreiben vom {date_past2} zugesagte Erstattung von {amount} ist bis heute nicht auf meinem Konto eingegangen.
I2: die Kaution von {amount} für die Anmietung am {date_past2} wurde mir bisher nicht zurückgezahlt.
D: Meine Bankverbindung lautet {iban}.
D: Ich habe bereits am {date_past} telefonisch nachgefragt.
D: Ich setze Ihnen hiermit eine Frist bis zum {date_short}.
A: Bitte überweisen Sie den Betrag umgehend.
A: Andernfalls sehe ich mich gezwungen, weitere Schritte einzuleiten.

== 21 | Beschwerde | citizen | Pfändung, Vollstreckungsankündigung
S1: Vollstreckungsankündigung vom {date_past} – Kassenzeichen {kassenzeichen}
S2: Kontopfändung durch die Stadt – Einspruch
I1: mit Schreiben vom {date_past} haben Sie mir die Zwangsvollstreckung angekündigt.
I2: heute musste ich feststellen, dass die Stadt mein Konto gepfändet hat.
D: Die zugrunde liegende Forderung über {amount} ist mir nicht bekannt.
D: Mein Konto ist ein Pfändungsschutzkonto; ich bin auf das Geld angewiesen.
D: Ich bin bereit, die Schuld in Raten zu begleichen.
A: Bitte heben Sie die Pfändung umgehend auf.
A: Bitte senden Sie mir eine Aufstellung der Forderung.

== 21 | Gerichtsschreiben | court | Vollstreckungsgericht, Insolvenzgericht
S1: Insolvenzverfahren {ext_az} – Aufforderung zur Forderungsanmeldung
S2: Beschluss des Vollstreckungsgerichts – Schuldner {person}
I1: über das Vermögen von {person} ist am {date_past} das Verbraucherinsolvenzverfahren eröffnet worden.
I2: auf Antrag der Stadtkasse Musterstadt ergeht folgender Beschluss.
D1: Forderungen sind bis zum {date_future} beim Insolvenzverwalter anzumelden.
D1: Einzelzwangsvollstreckungen sind während des Verfahrens unzulässig.
D2: Der Antrag auf Erlass eines Haftbefehls wird zurückgewiesen.
A: Auf die beigefügte Rechtsbehelfsbelehrung wird verwiesen.
A: Dieses Schreiben wurde maschinell erstellt.

== 22 | Widerspruch | citizen | Widerspruch Hundesteuer, Zweitwohnungsteuer
S: Widerspruch gegen den [Hundesteuerbescheid|Zweitwohnungsteuerbescheid] vom {date_past}
S: Einspruch Hundesteuer – Steuernummer {steuernr}
I: gegen den [Hundesteuerbescheid|Zweitwohnungsteuerbescheid] vom {date_past} lege ich Widerspruch ein.
I: ich widerspreche der Festsetzung der [Hundesteuer|Zweitwohnungsteuer] für das Jahr {year}.
D: Mein Hund „{dog_name}“ ist bereits seit dem {date_past2} abgemeldet.
D: Die Wohnung in Musterstadt ist mein Hauptwohnsitz.
D: Der Kampfhundesteuersatz ist für meinen Hund nicht anwendbar.
A: Bitte heben Sie den Bescheid auf.
A: Ich bitte um Überprüfung.

== 22 | Bürgeranfrage | citizen company | Frage zum Steuerbescheid (nicht Zahlung)
S1: Frage zu meinem Grundsteuerbescheid {year}
S2: Fälligkeiten der Grundsteuer – Jahreszahlung
I1: ich habe eine Frage zu dem Grundsteuerbescheid für mein Grundstück {addr}.
I2: <ich möchte|wir möchten> die Grundsteuer künftig als Jahresbetrag zum 1. Juli zahlen.
D1: Der Messbetrag im Bescheid weicht von dem des Finanzamts ab.
D: Das Grundstück wurde am {date_past} verkauft; der neue Eigentümer ist {person}.
D: Die Steuernummer lautet {steuernr}.
A: Bitte ändern Sie die Festsetzung entsprechend.
A: Für eine kurze Erläuterung bin ich dankbar.
M: 21 Die Stadtkasse hat mir gesagt, dass Sie für Fragen zum Bescheid zuständig sind.

== 30 | Anhörung | lawyer | Stellungnahme im Anhörungsverfahren durch Anwalt
S: Ihre Anhörung vom {date_past} – unser Mandant {person}
S: Stellungnahme zur beabsichtigten [Beseitigungsanordnung|Gewerbeuntersagung|Rückforderung]
I: namens und in Vollmacht unseres Mandanten nehmen wir zu Ihrer Anhörung vom {date_past} Stellung.
I: wir zeigen die Vertretung von {person} an und nehmen zur beabsichtigten Maßnahme wie folgt Stellung.
D: Die beabsichtigte Verfügung wäre unverhältnismäßig.
D: Der Sachverhalt ist unvollständig ermittelt worden.
D: Wir beantragen Akteneinsicht vor einer Entscheidung.
A: Wir bitten, von der beabsichtigten Maßnahme abzusehen.
A: Eine ergänzende Stellungnahme behalten wir uns vor.

== 32 | Anhörung | citizen company | Anhörung Gewerbe, Hundehaltung, Ordnungsverfügung
S: Ihre Anhörung vom {date_past} – [Gewerbeuntersagung|Haltung eines gefährlichen Hundes|Sperrzeitverkürzung]
S: Stellungnahme zur Anhörung – Gaststätte {street}
I: zu Ihrer Anhörung vom {date_past} nehme<n> <ich|wir> innerhalb der gesetzten Frist Stellung.
I: Sie beabsichtigen, <mir|uns> [das Gewerbe zu untersagen|die Haltung meines Hundes zu beschränken|Auflagen für die Gaststätte zu erteilen].
D: Die Steuerrückstände werden bis zum {date_future} in Raten ausgeglichen.
D: Mein Hund „{dog_name}“ hat noch nie einen Menschen gebissen; der Wesenstest liegt bei.
D: Die Beschwerden der Nachbarn sind übertrieben.
A: Ich bitte, von der Maßnahme abzusehen.
A: Für ein Gespräch stehe ich zur Verfügung.

== 32 | Sonstiges | citizen company | Fundsache abgeben, Tiere, Schrottfahrzeug
S2: Taubenplage im Hof – {street}
S1: Fund eines [Fahrrads|Rucksacks|Handys] am {date_past}
I1: am {date_past} habe ich in der {street} [ein Fahrrad|einen Rucksack|ein Handy] gefunden.
I2: in unserem Hof halten sich zahlreiche Tauben auf, die Gebäude und Fahrzeuge verschmutzen.
D1: Ich habe den Gegenstand beim Fundbüro abgegeben und möchte als Finder benachrichtigt werden.
D1: Einen Finderlohn möchte ich nicht.
D2: Die Tauben nisten unter dem Dach und auf den Balkonen.
A1: Bitte informieren Sie mich, wenn sich der Eigentümer meldet.
A2: Was kann die Stadt dagegen tun?

== 33 | Sonstiges | citizen | Vollmacht, Ausweisabholung, Auskunft an Dritte
S1: Vollmacht zur Abholung meines [Personalausweises|Reisepasses]
S2: Widerspruch gegen die Datenübermittlung an [Parteien|Adressbuchverlage|die Bundeswehr]
I1: ich bevollmächtige {person}, meinen neuen [Personalausweis|Reisepass] im Bürgeramt abzuholen.
I2: hiermit widerspreche ich der Übermittlung meiner Meldedaten nach dem Bundesmeldegesetz.
D1: Ich bin aus gesundheitlichen Gründen verhindert.
D1: Der alte Ausweis liegt bei.
D2: Dies gilt auch für Alters- und Ehejubiläen.
A: Bitte vermerken Sie dies im Melderegister.
A: Vielen Dank.

== 34 | Sonstiges | funeral | Bestattungsinstitut: Sterbeurkunden, Beurkundung
S1: Beurkundung Sterbefall {person} – Bestattung am {date_future}
S2: Anforderung von {count} Sterbeurkunden
I1: im Auftrag der Angehörigen beantragen wir die Beurkundung des Sterbefalls von {person}.
I2: für die Abwicklung des Nachlasses benötigen die Angehörigen weitere Sterbeurkunden.
D: Die ärztliche Todesbescheinigung und die Geburtsurkunde liegen bei.
D: Die Beisetzung ist auf dem {cemetery} vorgesehen.
D: Die Gebühren übernehmen wir.
A: Bitte senden Sie die Urkunden an unser Institut.
A: Vielen Dank für die schnelle Bearbeitung.
M: 67 Die Grabstelle haben wir bei der Friedhofsverwaltung des Grünflächenamts gesondert beantragt.

== 34 | Bürgeranfrage | citizen | Kirchenaustritt, Lebenspartnerschaft, Ahnenforschung
S2: Termin für einen Kirchenaustritt
S1: Einsicht in Personenstandsregister – Familienforschung
I1: ich betreibe Familienforschung und bitte um Einsicht in das Geburtenregister der Jahre 19[12|25|38|47].
I2: ich möchte aus der Kirche austreten und bitte um einen Termin.
D1: Gesucht wird der Eintrag zu meinem Urgroßvater {person}.
D1: Ich bin ein direkter Nachfahre und kann dies nachweisen.
D2: Welche Unterlagen muss ich mitbringen?
A: Bitte teilen Sie mir die Gebühren mit.
A: Vielen Dank für Ihre Hilfe.

== 37 | Rechnung | invoice | Rechnung Feuerwehrfahrzeug, Schutzkleidung (an die Feuerwehr)
S1: Rechnung {invoice_no} – Schutzkleidung Feuerwehr Musterstadt
S2: Rechnung Nr. {invoice_no} – Prüfung Leitern und Hebekissen
I1: für die Lieferung an die Feuerwache Am Brandweiher berechnen wir:
I2: wir berechnen die jährliche Prüfung der feuerwehrtechnischen Ausrüstung:
D: Prüfdatum: {date_past}.
D: Auftrag der Feuerwehr vom {date_past2}.
A: Zahlbar innerhalb von 30 Tagen.
A: Bitte überweisen Sie auf {iban}.

== 37 | Vertrag | company | Wartungsvertrag Fahrzeuge, Atemschutz
S1: Wartungsvertrag Atemschutzwerkstatt – Vertragsnummer {vertragsnr}
S2: Servicevertrag Drehleiter und Löschfahrzeuge
I1: anbei erhalten Sie den Wartungsvertrag für die Fahrzeuge und Geräte der Feuerwehr Musterstadt.
I2: wir bieten Ihnen den Abschluss eines Servicevertrags für Ihre Drehleiter an.
D: Die jährliche Pauschale beträgt {amount_large}.
D: Die Prüfungen erfolgen nach den Vorgaben der Unfallversicherung.
D: Die Laufzeit beginnt am {date_future}.
A: Bitte senden Sie ein unterschriebenes Exemplar zurück.
A: Für Rückfragen stehen wir zur Verfügung.

== 40 | Hausmitteilung | internal | Hausmeister meldet Schaden an der Schule
S: Schaden an der {school} – [Wasserschaden|Heizungsausfall|Dachundichtigkeit|Vandalismus]
S: Meldung Hausmeister {school}
I: der Hausmeister der {school} meldet einen [Wasserschaden im Keller|Ausfall der Heizung|Wassereintritt im Dach|Vandalismusschaden am Schulhof].
I: an der {school} ist am {date_past} ein Schaden entstanden, der dringend behoben werden muss.
D: Der Unterricht in {count} Klassenräumen ist beeinträchtigt.
D: Eine Fachfirma wurde bereits verständigt.
D: Fotos liegen bei.
A: Wir bitten um Beauftragung der Reparatur.
A: Bitte informieren Sie die Schulleitung.

== 40 | Vertrag | company | Schülerbeförderung, Schulmensa
S1: Vertrag Schülerbeförderung – Linie [Altheim|Nord|Lerchenfeld] – Vertragsnummer {vertragsnr}
S2: Cateringvertrag Mensa {school}
I1: anbei übersenden wir den Vertrag über die Schülerbeförderung für das Schuljahr {year}/{next_year_short}.
I2: wir übersenden den Vertrag über die Mittagsverpflegung an der {school}.
D1: Der Preis je Beförderungstag beträgt {amount}.
D2: Der Essenspreis beträgt {amount_small} je Portion.
D: Der Vertrag beginnt am {date_future}.
A: Bitte senden Sie ein unterschriebenes Exemplar zurück.
A: Wir freuen uns auf die Zusammenarbeit.

== 50 | Anhörung | citizen | Anhörung zur Rückforderung von Sozialleistungen
S: Anhörung zur Rückforderung von [Wohngeld|Grundsicherung] – meine Stellungnahme
S: Ihr Schreiben vom {date_past} – Überzahlung
I: zu Ihrem Anhörungsschreiben vom {date_past} nehme ich wie folgt Stellung.
I: Sie werfen mir vor, eine Einkommensänderung nicht rechtzeitig mitgeteilt zu haben.
D: Die Nebentätigkeit habe ich am {date_past2} telefonisch gemeldet.
D: Ich war davon ausgegangen, dass einmalige Zahlungen nicht angerechnet werden.
D: Eine Rückzahlung von {amount} kann ich nur in kleinen Raten leisten.
A: Ich bitte, von einer Rückforderung abzusehen.
A: Bitte berücksichtigen Sie meine schwierige Lage.

== 50 | Bescheid | authority | Bescheid anderer Sozialleistungsträger
S1: Bescheid über [Rente wegen Erwerbsminderung|Kinderzuschlag|Leistungen nach dem SGB II] – {person}
S2: Erstattung nach § 104 SGB X – Abrechnung
I1: wir übersenden Ihnen eine Abschrift unseres Bescheids an {person} zur Kenntnis.
I2: auf Ihren Erstattungsanspruch vom {date_past2} erstatten wir einen Betrag von {amount}.
D1: Die Leistung wird ab dem {date_past} gewährt.
D2: Der Anspruch für den Zeitraum bis {date_past} ist damit erfüllt.
D: Bitte berücksichtigen Sie dies bei der Bewilligung von Wohngeld.
A: Wir bitten um Kenntnisnahme.
A: Rechtsbehelfsbelehrung: Gegen diesen Bescheid ist Widerspruch möglich.

== 51 | Gerichtsschreiben | court | Familiengericht
S1: Familiensache {ext_az} – betreffend das Kind {child}
S2: Ladung zum Anhörungstermin – Sorgerechtsverfahren
I1: in der Familiensache betreffend das minderjährige Kind {child} wird das Jugendamt um Mitwirkung gebeten.
I2: in dem Verfahren über das Umgangsrecht wird Termin zur Anhörung bestimmt auf den {date_future}, {time} Uhr.
D: Das Jugendamt wird gebeten, bis zum Termin einen Bericht vorzulegen.
D2: Die Beteiligten sind zum Termin geladen.
D: Ein Verfahrensbeistand wurde bestellt.
A: Dieses Schreiben ist ohne Unterschrift gültig.
A: Bitte bei allen Schreiben das Aktenzeichen angeben.

== 51 | Hausmitteilung | internal | Kita-Bedarf, Jugendhilfeplanung, Amtsvormundschaft
S2: Hilfeplangespräch am {date_future} – Abstimmung
S1: Neubaugebiet {bplan}: Bedarf an Betreuungsplätzen
I1: im Neubaugebiet Bebauungsplan {bplan} entstehen rund {count} Wohnungen; wir bitten um Einschätzung des Bedarfs an Kita-Plätzen.
I2: für ein Hilfeplangespräch am {date_future} bitten wir um Teilnahme einer Fachkraft.
D1: Die ersten Wohnungen werden voraussichtlich {next_year} bezogen.
D2: Die Schule meldet Auffälligkeiten bei einem Kind.
D2: Um vertrauliche Behandlung wird gebeten.
A: Wir bitten um Stellungnahme des Jugendamts.
A: Bitte geben Sie uns bis zum {date_short} Rückmeldung.

== 61 | Hausmitteilung | internal | Planungsrechtliche Stellungnahme erbeten
S2: Bitte um planungsrechtliche Stellungnahme – {addr}
S1: Vorkaufsrecht der Stadt – Flurstück {flst}
I1: wir bitten um Prüfung, ob für das Grundstück Flurstück {flst} ein gemeindliches Vorkaufsrecht besteht.
I2: zur Bauvoranfrage für das Grundstück {addr} bitten wir um Ihre planungsrechtliche Stellungnahme.
D1: Der Kaufvertrag wurde am {date_past} beurkundet; die Frist läuft zwei Monate.
D: Das Grundstück liegt im Geltungsbereich des Bebauungsplans {bplan}.
D: Die Unterlagen liegen bei.
A: Wir bitten um Rückmeldung bis zum {date_short}.
A: Vielen Dank.

== 63 | Anhörung | citizen company | Anhörung vor Beseitigungsanordnung, Nutzungsuntersagung
S: Anhörung vor Erlass einer [Beseitigungsanordnung|Nutzungsuntersagung|Baueinstellung] – Flurstück {flst}
S: Ihr Schreiben vom {date_past} – ungenehmigter [Carport|Anbau|Zaun|Werbeanlage]
I: zu Ihrem Anhörungsschreiben vom {date_past} wegen des [Carports|Anbaus|Gartenhauses|Werbeschildes] auf dem Grundstück {addr} nehme<n> <ich|wir> wie folgt Stellung.
I: Sie beabsichtigen, die Beseitigung der baulichen Anlage auf dem Grundstück {addr} anzuordnen.
D: Die Anlage ist nach <meiner|unserer> Auffassung verfahrensfrei.
D: Ein Bauantrag wird bis zum {date_future} nachgereicht.
D: Die Anlage besteht bereits seit über {count} Jahren und wurde nie beanstandet.
A: <Ich bitte|Wir bitten>, von der Anordnung abzusehen.
A: Für einen Ortstermin <stehe ich|stehen wir> zur Verfügung.

== 63 | Hausmitteilung | internal | Stellungnahme eines Fachamts zum Bauantrag
S: Stellungnahme zum Bauantrag {addr}, Flurstück {flst}
S: Bauantrag für {vorhaben} – fachtechnische Stellungnahme
I: zum Bauantrag für {vorhaben} auf dem Grundstück {addr} nehmen wir aus fachlicher Sicht wie folgt Stellung.
I: gegen das Bauvorhaben auf dem Grundstück Flurstück {flst} bestehen keine Bedenken, wenn folgende Auflagen beachtet werden.
D: Die Grundstückszufahrt ist auf eine Breite von 5 Metern zu begrenzen.
D: Die Feuerwehrzufahrt muss dauerhaft freigehalten werden.
D: Der Baum an der Grundstücksgrenze ist während der Bauzeit zu schützen.
A: Wir bitten, die Auflagen in die Baugenehmigung aufzunehmen.
A: Eine Kopie der Genehmigung erbitten wir zur Kenntnis.

== 66 | Hausmitteilung | internal | Baustellenkoordination, Straßensperrung
S1: Koordination Baustellen {year} – {street}
S2: Vollsperrung der {street} vom {date_future} – Abstimmung
I1: für die geplante Erneuerung der {street} bitten wir um Abstimmung der Termine.
I2: im Zuge der Veranstaltung „{event}“ ist eine Vollsperrung der {street} erforderlich.
D: Die Umleitung führt über die {street}.
D1: Die Arbeiten dauern voraussichtlich {count} Wochen.
D: Betroffen ist auch die Buslinie.
A: Wir bitten um Rückmeldung, ob Konflikte mit Ihren Baumaßnahmen bestehen.
A: Vielen Dank für die Abstimmung.

== 66 | Vertrag | company | Ingenieurvertrag Straßenplanung, Winterdienst
S1: Ingenieurvertrag Ausbau {street} – Vertragsnummer {vertragsnr}
S2: Vertrag über Winterdienstleistungen {year}/{next_year_short}
I1: anbei übersenden wir den Ingenieurvertrag für die Planung des Ausbaus der {street}.
I2: wir übersenden den Vertrag über die Durchführung des Winterdienstes in den Außenbezirken.
D1: Das Honorar richtet sich nach der HOAI.
D2: Die Vergütung beträgt {amount} je Einsatzstunde.
D: Der Vertrag gilt vom {date_future} bis {date_future2}.
A: Bitte senden Sie ein unterschriebenes Exemplar zurück.
A: Für Rückfragen stehen wir zur Verfügung.

== 30 | Sonstiges | lawyer | Schadensersatz wegen Straßenschaden (Rechtsamt, nicht Tiefbauamt)
S1: Schaden am Fahrzeug {plate} durch Schlagloch in der {street}
S2: Schadensersatz: Sturz auf dem Gehweg {street}
I2: unsere Mandantin ist am {date_past} auf dem Gehweg in der {street} gestürzt.
I1: das Fahrzeug unseres Mandanten mit dem Kennzeichen {plate} wurde am {date_past} durch ein Schlagloch beschädigt.
D: Die Reparaturkosten belaufen sich auf {amount}.
D: Wir bitten um Mitteilung, wann die Stelle zuletzt kontrolliert wurde.
D: Wir bitten um Übersendung der Kontrollprotokolle.
A: Wir bitten um Weiterleitung an Ihre Haftpflichtversicherung.
A: Wir sehen Ihrer Stellungnahme entgegen.
M: 66 Nach unserer Kenntnis war der Schaden dem Tiefbauamt seit Wochen gemeldet.
M: 66 Eine Kopie dieses Schreibens haben wir dem Tiefbauamt zur Kenntnis übersandt.

== 30 | Sonstiges | citizen | Schadensersatzforderung eines Bürgers
S2: Schadensersatzforderung – Sturz auf dem Gehweg am {date_past}
S3: Schadensersatz – Ast auf geparktem Fahrzeug am {date_past}
S1: Antrag auf Schadensersatz – Fahrzeug {plate}
I1: am {date_past} wurde mein Fahrzeug mit dem Kennzeichen {plate} in der {street} durch ein tiefes Schlagloch beschädigt.
I2: am {date_past} bin ich auf dem Gehweg in der {street} über eine lose Platte gestürzt und habe mich verletzt.
I3: bei dem Sturm am {date_past} ist ein Ast eines städtischen Baumes auf mein geparktes Auto gefallen.
D: Die Reparaturkosten betragen laut Kostenvoranschlag {amount}.
D: Fotos der Schadenstelle und eine Zeugenaussage liegen bei.
D2: Ich musste ärztlich behandelt werden; die Rechnung füge ich bei.
A: Ich fordere Sie auf, den Schaden bis zum {date_short} zu ersetzen.
A: Bitte leiten Sie meine Forderung an Ihre Versicherung weiter.
M: 66 Die Gefahrenstelle hatte ich bereits im Frühjahr dem Tiefbauamt gemeldet.
M3: 67 Der Baum gehört nach meiner Kenntnis zum Bestand des Grünflächenamts.

== 67 | Vertrag | citizen company | Pacht, Grabnutzung, Pflegevertrag
S: [Pachtvertrag Kleingarten|Grabpflegevertrag|Pflegevertrag Verkehrsinsel] – Vertragsnummer {vertragsnr}
S: Unterschriebener Pachtvertrag für Parzelle {count}
I: anbei sende<n> <ich|wir> den unterschriebenen Vertrag zurück.
I: <ich möchte|wir möchten> den bestehenden Pachtvertrag zum {date_future} kündigen.
D: Die Parzelle liegt in der Kleingartenanlage {park}.
D: Die jährliche Pacht beträgt {amount}.
D: Die Übergabe der Parzelle kann am {date_future} erfolgen.
A: Bitte senden Sie mir eine Bestätigung.
A: Vielen Dank.

== 70 | Hausmitteilung | internal | Abfall im Rathaus, Klimaschutzkonzept, Energie
S1: Energieverbrauch {year} unserer Dienststelle
S2: Beitrag zum Klimaschutzkonzept – Maßnahmen {year}
I1: für den Energiebericht {year} melden wir die Verbrauchsdaten unserer Dienststelle.
I2: wir möchten in unserem Amt Dienstfahrräder einführen und bitten um Unterstützung aus dem Klimaschutzbudget.
D1: Der Stromverbrauch lag bei {count}.000 kWh.
D2: Geplant sind {count} Fahrräder, davon zwei Lastenräder.
D: Die Abfalltrennung funktioniert in unserem Gebäude nicht zuverlässig.
A: Wir bitten um Prüfung.
A: Bitte melden Sie sich bei uns.

== 70 | Bescheid | authority | Wasserrechtliche Erlaubnis, Altlastenbescheid
S1: Wasserrechtliche Erlaubnis – Einleitung in den Mühlbach
S2: Bescheid über die Altlastensanierung Flurstück {flst}
I1: der Stadt Musterstadt wird die wasserrechtliche Erlaubnis zur Einleitung von Niederschlagswasser in den Mühlbach erteilt.
I2: für das Grundstück Flurstück {flst} wird die Sanierung der festgestellten Bodenverunreinigung angeordnet.
D1: Die Erlaubnis ist bis zum {date_future2} befristet.
D1: Die Überwachung erfolgt durch jährliche Probenahmen.
D: Die Kosten des Verfahrens betragen {amount}.
A: Gegen diesen Bescheid kann innerhalb eines Monats Widerspruch erhoben werden.
A: Wir bitten um Beachtung der Nebenbestimmungen.

== 70 | Beschwerde | citizen | Anlagenlärm (Wärmepumpe, Lüftung) statt Verhaltenslärm
S1: Lärm durch [Wärmepumpe|Lüftungsanlage|Klimagerät] des Nachbarn – {addr}
S2: Tieffrequenter Brummton aus der [Kälteanlage des Supermarkts|Lüftung der Bäckerei]
I1: seit der Installation [einer Wärmepumpe|eines Klimageräts|einer Lüftungsanlage] auf dem Nachbargrundstück {addr} leiden wir unter einem dauerhaften Brummen.
I2: die [Kälteanlage des Supermarkts|Lüftung der Bäckerei] in der {street} läuft Tag und Nacht und ist in unserem Schlafzimmer deutlich zu hören.
D: Das Geräusch ist auch bei geschlossenen Fenstern wahrnehmbar.
D1: Der Abstand zu unserem Schlafzimmer beträgt nur {count} Meter.
D: Wir vermuten, dass die Immissionsrichtwerte nachts überschritten werden.
A: Bitte veranlassen Sie eine Lärmmessung.
A: Bitte prüfen Sie die Einhaltung der Richtwerte.
M: 32 Das Ordnungsamt hat uns an Sie verwiesen, da es sich um Anlagenlärm handelt.

== 80 | Hausmitteilung | internal | Wirtschaftsförderung: Anfrage Unternehmen, Leerstand
S1: Anfrage eines Unternehmens – Gewerbefläche im Gewerbegebiet Süd
S2: Leerstandsmeldung Innenstadt – {street}
I1: bei uns ist die Anfrage der {company} nach einer Gewerbefläche eingegangen; wir leiten sie zuständigkeitshalber weiter.
I2: in der {street} stehen derzeit {count} Ladenlokale leer.
D1: Der Bedarf liegt bei etwa {m2} m².
D1: Das Unternehmen plant {count} neue Arbeitsplätze.
D2: Die Eigentümer sind gesprächsbereit.
A: Wir bitten um Kontaktaufnahme mit dem Unternehmen.
A: Bitte übernehmen Sie die weitere Bearbeitung.

== - | Sonstiges | citizen | Fehlleitung: Krankenkasse, Rentenversicherung, Nachbarschaft
S: [Antrag auf Mutterschaftsgeld|Rentenantrag|Mitgliedsbescheinigung Krankenkasse]
S: Versicherungsnummer {versnr}
I: anbei übersende ich die angeforderten Unterlagen zu meiner Versicherungsnummer {versnr}.
I: bitte leiten Sie dieses Schreiben an meine Krankenkasse weiter, ich habe die Adresse nicht gefunden.
D: Meine Arbeitgeberin ist die {company}.
D: Der errechnete Geburtstermin ist der {date_future}.
D: Die Kopie meines Versicherungsverlaufs liegt bei.
A: Vielen Dank.
A: Bitte bestätigen Sie den Eingang.

== - | Sonstiges | club | Fehlleitung: Vereinsrundschreiben, Spendenaufruf
S1: [Spendenaufruf|Rundschreiben an alle Mitglieder|Jahresbericht {last_year}]
S2: Mitgliederversammlung am {date_future}
I1: liebe Mitglieder und Förderer, auch in diesem Jahr bitten wir um Ihre Unterstützung.
I2: wir laden alle Mitglieder herzlich zur Jahreshauptversammlung am {date_future} ein.
D1: Mit Ihrer Spende unterstützen Sie unsere Arbeit für bedürftige Familien.
D2: Die Tagesordnung liegt bei.
D1: Spendenquittungen werden automatisch versandt.
A: Herzlichen Dank für Ihre Unterstützung.
A: Wir freuen uns auf zahlreiches Erscheinen.

== - | Sonstiges | advert | Werbung Seminare, Verzeichnisse
S1: Ihr Eintrag im [Behördenverzeichnis|Branchenbuch Kommunal] {next_year}
S2: Seminar „[Führen ohne Vorgesetztenfunktion|Zeitmanagement im Amt|Rhetorik für Verwaltungskräfte]“ – jetzt anmelden
I1: Ihr Eintrag im Verzeichnis wird in Kürze aktualisiert. Bitte prüfen Sie die Angaben.
I2: unsere beliebten Seminare für Verwaltungskräfte finden auch im nächsten Jahr wieder statt.
D1: Der Eintrag kostet nur {amount} pro Jahr.
D2: Frühbucherrabatt bis {date_short}.
D2: Die Teilnahme wird mit einem Zertifikat bestätigt.
A1: Senden Sie das Formular einfach unterschrieben zurück.
A2: Wir freuen uns auf Ihre Anmeldung!
"""
