# ruff: noqa: E501  (prose tables: one sentence per line reads better than wrapped strings)
"""Topic tables for offices 37–80 and unroutable mail (see ``corpus_topics`` for the notation)."""

TOPICS_B = r"""
== 37 | Sonstiges | company authority | Brandschau, Brandmeldeanlage
S1: [Brandverhütungsschau|Brandschau] im Objekt {addr}
S2: Brandmeldeanlage – [Aufschaltung|Abnahme|Störung] {company}
I1: für das Objekt {addr} bitten wir um einen Termin für die Brandverhütungsschau.
I2: wir beantragen die Aufschaltung der neuen Brandmeldeanlage unseres Betriebsgebäudes auf die Leitstelle.
D1: Die Mängel aus der letzten Begehung vom {date_past} wurden vollständig beseitigt.
D2: Das Feuerwehrlaufkartenset und der Feuerwehrplan liegen bei.
D2: Die Anlage wurde am {date_past} durch einen Sachverständigen geprüft.
A: Bitte nennen Sie uns einen Termin.
A: Für Rückfragen steht unser Brandschutzbeauftragter zur Verfügung.
M: 63 Die Baugenehmigung des Baurechtsamts verlangt eine Abnahme durch die Feuerwehr.

== 37 | Widerspruch | citizen company | Widerspruch Feuerwehrgebühren, Fehlalarm
S: Widerspruch gegen den Gebührenbescheid der Feuerwehr vom {date_past}
S: Kostenersatz Feuerwehreinsatz am {date_past2} – Widerspruch
I1: gegen den Bescheid über Kostenersatz für den Feuerwehreinsatz am {date_past2} <lege ich|legen wir> Widerspruch ein.
I2: <ich habe|wir haben> einen Gebührenbescheid über {amount} für einen Fehlalarm der Brandmeldeanlage erhalten.
D2: Der Alarm wurde durch einen technischen Defekt ausgelöst, den <ich|wir> nicht zu vertreten <habe|haben>.
D1: Die Ölspur auf der {street} wurde nicht von meinem Fahrzeug verursacht.
D: Der Einsatz war aus <meiner|unserer> Sicht nicht erforderlich.
A: Ich bitte um Aufhebung des Bescheids.
A: Bitte prüfen Sie den Einsatzbericht.

== 37 | Rechnung | invoice | Rechnung an die Feuerwehr (Ausrüstung, Wartung)
S: Rechnung {invoice_no} – [Atemschutzwartung|Schlauchprüfung|Ersatzteile Löschfahrzeug]
S: Rechnung Nr. {invoice_no}, Fahrzeug {plate}
I: für die Wartung und Prüfung an Ihren Feuerwehrgeräten berechnen wir:
I: wir berechnen die Reparatur am Löschfahrzeug mit dem Kennzeichen {plate}:
D: Die Arbeiten wurden am {date_past} in der Feuerwache durchgeführt.
D: Prüfprotokolle liegen bei.
A: Bitte überweisen Sie den Betrag bis {date_future}.
A: Zahlungsziel: 30 Tage netto.

== 37 | Bürgeranfrage | citizen company | Anfrage Feuerwehr, Rauchmelder, Brauchtumsfeuer
S1: Anfrage [Besuch der Feuerwache|Brandschutzerziehung|Rauchmelderpflicht|Feuerwehrzufahrt]
S2: Mitgliedschaft in der Freiwilligen Feuerwehr
I1: unsere [Kindergartengruppe|Schulklasse|Seniorengruppe] möchte gern die Feuerwache besichtigen.
I2: ich interessiere mich für eine Mitgliedschaft in der Freiwilligen Feuerwehr, Abteilung [Altheim|Nord|Stadtmitte].
I3: für unser Mehrfamilienhaus {addr} bitten wir um Prüfung, ob Feuerwehrzufahrt und Aufstellfläche den Anforderungen entsprechen.
S3: Prüfung der Feuerwehrzufahrt – {addr}
D3: Die Zufahrt wurde beim Umbau des Hofes verlegt.
D1: Wir wären {count} Personen.
D1: Als Termin käme der {date_future} in Frage.
D2: Ich bin {count} Jahre alt und habe Erfahrung als Rettungssanitäter.
A: Bitte melden Sie sich bei mir.
A: Vielen Dank.

== 37 | Sonstiges | authority | Katastrophenschutz, Einsatzbericht, Leitstelle
S1: [Katastrophenschutzübung|Hochwasserschutz|Alarmplan] – Abstimmung
S2: Einsatzbericht Großbrand {street} vom {date_past}
I1: im Rahmen der Katastrophenschutzplanung des Landkreises findet am {date_future} eine Übung statt.
I2: die Integrierte Leitstelle übersendet den Einsatzbericht zum Brand am {date_past}.
D: Bitte benennen Sie Ansprechpartner der Feuerwehr Musterstadt.
D2: Beteiligt waren {count} Einsatzkräfte.
D1: Die Alarm- und Ausrückeordnung ist bis zum {date_short} anzupassen.
A: Wir bitten um Rückmeldung.
A: Vielen Dank für die Zusammenarbeit.

== 37 | Hausmitteilung | internal | Einsatzbedarf, Sicherheitswache
S1: Sicherheitswache bei der Veranstaltung „{event}“
S2: Brandschutztechnische Stellungnahme erbeten – {addr}
I1: für die Veranstaltung „{event}“ am {date_future} in der Stadthalle bitten wir um Stellung einer Brandsicherheitswache.
I2: im Baugenehmigungsverfahren für {addr} bitten wir um brandschutztechnische Stellungnahme.
D1: Erwartet werden etwa {count} Besucherinnen und Besucher.
D2: Die Bauunterlagen liegen bei.
D: Fristende ist der {date_short}.
A: Bitte geben Sie uns Rückmeldung.
A: Vielen Dank.

== 37 | Sonstiges | citizen | Dank an die Feuerwehr
S: Dank für den Einsatz am {date_past}
S: Herzlichen Dank an die Feuerwehr
I: am {date_past} brannte es in unserem Haus {addr}, und die Feuerwehr war innerhalb weniger Minuten vor Ort.
I: ich möchte mich herzlich bei den Einsatzkräften der Feuerwehr bedanken.
D: Dank des schnellen Eingreifens wurde niemand verletzt.
D: Als kleines Dankeschön spenden wir {amount_small} für die Jugendfeuerwehr.
D: Besonders die ruhige Art der Einsatzkräfte hat meine Kinder beeindruckt.
A: Bitte richten Sie allen Beteiligten unseren Dank aus.
A: Mit großer Dankbarkeit.

== 40 | Antrag | citizen | Schulanmeldung, Schulwechsel
S1: Anmeldung zur Einschulung – {child}
S2: Antrag auf Schulwechsel für {child_first}
S2: Antrag auf Zuweisung an die {school}
I1: wir möchten unser Kind {child}, geboren am {birth_child}, zum Schuljahr {year}/{next_year_short} an der {school} anmelden.
I2: hiermit beantragen wir den Wechsel unseres Kindes {child_first} an die {school}.
D: Ein Geschwisterkind besucht bereits die {school}.
D: Aus beruflichen Gründen ist die Betreuung an der Ganztagsschule notwendig.
D: Wir sind zum {date_past} in den Schulbezirk umgezogen.
A: Bitte teilen Sie uns die Entscheidung mit.
A: Wir bitten um Berücksichtigung unseres Wunsches.

== 40 | Antrag | citizen | Schülerbeförderung
S: Antrag auf Übernahme der Schülerbeförderungskosten
S: Schülermonatskarte für {child_first}
I: für <mein|unser> Kind {child} <beantrage ich|beantragen wir> die Übernahme der Fahrkosten zur {school}.
I: der Schulweg unseres Kindes beträgt mehr als {km} Kilometer.
D: Der Weg führt über eine stark befahrene Straße ohne Gehweg.
D: Die Schulbescheinigung liegt bei.
D: Wir haben die Monatskarte für {month_year} bereits vorgestreckt.
A: Bitte erstatten Sie die Kosten auf unser Konto {iban}.
A: Vielen Dank für die Prüfung.

== 40 | Antrag | club citizen | Sporthallen, Sportstätten, Vereinsförderung Sport
S1: Antrag auf Hallenzeiten in der [Sporthalle {school}|Stadthalle|Dreifeldhalle Nord]
S2: Nutzung des Sportplatzes {park} am {date_future}
I1: für unsere [Handballabteilung|Jugendfußballmannschaft|Seniorensportgruppe] beantragen wir Hallenzeiten ab dem {date_future}.
I2: unser Verein plant am {date_future} ein Turnier und bittet um Nutzung des Sportplatzes.
D1: Benötigt werden [montags|mittwochs|freitags] von 17 bis 19 Uhr.
D: Es nehmen etwa {count} Sportlerinnen und Sportler teil.
D: Die Umkleiden und Duschen sollten zugänglich sein.
A: Bitte teilen Sie uns die freien Zeiten mit.
A: Wir danken für Ihre Unterstützung.

== 40 | Beschwerde | citizen | Schulgebäude, Sanitäranlagen, Schulmensa
S: Zustand der Toiletten an der {school}
S: Beschwerde: [Heizung|Mensa|Schulhof] an der {school}
I: als Elternvertretung der {school} weisen wir auf gravierende Mängel im Schulgebäude hin.
I: unsere Kinder berichten seit Wochen, dass [die Toiletten verschmutzt und defekt|die Klassenräume kalt|das Mensaessen ungenießbar] sind.
D: Mehrere Fenster lassen sich nicht öffnen.
D: Der Elternbeirat hat das Thema bereits am {date_past} angesprochen.
D: Als Schulträger ist die Stadt für das Gebäude verantwortlich.
A: Wir bitten dringend um Abhilfe.
A: Bitte teilen Sie uns mit, wann die Sanierung geplant ist.

== 40 | Sonstiges | authority | Schulamt, Schulentwicklung, Schulbau
S1: Schulentwicklungsplanung {year} – Schülerzahlen
S2: Förderung Schulbau – [Digitalpakt|Ganztagsausbau] {school}
I1: für die Schulentwicklungsplanung bitten wir um Übermittlung der Schülerzahlen aller städtischen Schulen.
I2: die Förderung des Ganztagsausbaus an der {school} wird in Aussicht gestellt.
D1: Die Zahl der Eingangsklassen soll für das Schuljahr {year}/{next_year_short} bestätigt werden.
D2: Das Raumprogramm ist mit der Schulleitung abzustimmen.
D2: Der Antrag muss bis zum {date_future} vorliegen.
A: Wir bitten um Mitwirkung.
A: Für Rückfragen stehen wir zur Verfügung.

== 40 | Rechnung | invoice | Rechnung Schulbedarf, Schulbau
S1: Rechnung {invoice_no} – [Schulmöbel|Tafeln|Sportgeräte] {school}
S2: Abschlagsrechnung {invoice_no} – Erweiterung {school}
I1: für die Lieferung an die {school} berechnen wir:
I2: gemäß Bauvertrag stellen wir die Abschlagsrechnung Nr. {count} für die Erweiterung der {school}:
D: Lieferdatum: {date_past}.
D: Die Arbeiten wurden vom Amt für Bildung und Sport abgenommen.
A: Bitte überweisen Sie den Betrag bis zum {date_future}.
A: Zahlbar ohne Abzug.

== 40 | Bürgeranfrage | citizen | Ferienbetreuung, Musikschule, Bibliothek, Volkshochschule
S1: Anfrage Ferienbetreuung {year}
S2: Anmeldung [Musikschule|Schwimmkurs|Volkshochschulkurs]
I1: wir suchen für die [Sommerferien|Herbstferien|Osterferien] eine Betreuung für unser Kind {child_first}.
I2: ich möchte mein Kind für [die Musikschule|einen Schwimmkurs im Hallenbad|den Kinderkurs der Volkshochschule] anmelden.
D: Das Kind ist {count} Jahre alt.
D1: Wir benötigen die Betreuung vom {date_future} bis {date_future2}.
D: Ist eine Ermäßigung für Familien mit mehreren Kindern möglich?
A: Bitte senden Sie uns die Anmeldeunterlagen.
A: Vielen Dank.

== 50 | Antrag | citizen | Wohngeld
S1: Antrag auf Wohngeld
S2: Wohngeld – Weiterleistungsantrag
S3: Wohngeld – Änderungsmitteilung
I1: hiermit beantrage ich Wohngeld in Form des [Mietzuschusses|Lastenzuschusses].
I2: mein Wohngeldbescheid läuft am {date_future} aus; ich stelle hiermit einen Weiterleistungsantrag.
I3: ich teile mit, dass sich mein Einkommen ab dem {date_past} geändert hat.
D: Die monatliche Kaltmiete für meine Wohnung in der {addr} beträgt {amount}.
D: In meinem Haushalt leben {count} Personen.
D: Gehaltsabrechnungen der letzten drei Monate und der Mietvertrag liegen bei.
D: Meine Rente beträgt derzeit {amount}.
A: Bitte teilen Sie mir mit, ob noch Unterlagen fehlen.
A: Ich bitte um eine zügige Bearbeitung.

== 50 | Antrag | citizen | Grundsicherung, Hilfe zur Pflege
S1: Antrag auf Grundsicherung im Alter und bei Erwerbsminderung
S2: Hilfe zur Pflege – Antrag für {person}
I1: ich beziehe eine kleine Rente und beantrage ergänzende Grundsicherung.
I2: als Betreuerin bzw. Betreuer von {person} beantrage ich Hilfe zur Pflege.
D1: Die Rente beträgt monatlich {amount}, die Warmmiete {amount}.
D: Der Rentenbescheid und die Kontoauszüge liegen bei.
D2: Die Heimkosten übersteigen das Einkommen um {amount}.
A: Bitte bearbeiten Sie meinen Antrag.
A: Für Rückfragen erreichen Sie mich unter {phone}.

== 50 | Antrag | citizen | Bildung und Teilhabe
S: Antrag auf Leistungen für Bildung und Teilhabe
S: Bildung und Teilhabe – [Klassenfahrt|Mittagessen|Nachhilfe|Schulbedarf] für {child_first}
I: für mein Kind {child} beantrage ich Leistungen für Bildung und Teilhabe.
I: die Klasse meines Kindes fährt vom {date_future} bis {date_future2} ins Schullandheim.
D: Die Kosten betragen {amount}.
D: Wir beziehen [Wohngeld|Kinderzuschlag|Bürgergeld] laut beigefügtem Bescheid.
D: Die Bestätigung der Schule liegt bei.
A: Bitte überweisen Sie die Kosten direkt an die Schule.
A: Vielen Dank.
M: 40 Die Schule hat mich an das Sozialamt verwiesen, nicht an das Amt für Bildung und Sport.

== 50 | Widerspruch | citizen | Widerspruch Wohngeld, Grundsicherung
S: Widerspruch gegen den Bescheid vom {date_past} – [Wohngeld|Grundsicherung]
S: Widerspruch – Ablehnung meines Antrags
I1: gegen Ihren Bescheid vom {date_past}, mit dem mein Antrag auf [Wohngeld|Grundsicherung] abgelehnt wurde, lege ich Widerspruch ein.
I2: hiermit widerspreche ich der Rückforderung von {amount} aus dem Bescheid vom {date_past}.
D: Mein Einkommen wurde falsch berechnet, da Einmalzahlungen mitgezählt wurden.
D: Die Mietkosten sind angemessen; eine günstigere Wohnung gibt es in Musterstadt nicht.
D: Ich habe alle Unterlagen fristgerecht eingereicht.
A: Ich bitte um erneute Prüfung.
A: Bitte setzen Sie die Rückforderung bis zur Entscheidung aus.

== 50 | Sonstiges | authority | Jobcenter, Rentenversicherung, Erstattungsanspruch
S1: Erstattungsanspruch nach § 104 SGB X – {person}
S2: Mitteilung des Jobcenters – Leistungsbezug {person}
I1: wir melden einen Erstattungsanspruch für Leistungen an {person} für den Zeitraum ab {date_past} an.
I2: {person} bezieht seit dem {date_past} Leistungen nach dem SGB II.
D: Bitte berücksichtigen Sie dies bei der Entscheidung über den Wohngeldantrag.
D: Unsere Bedarfsgemeinschaftsnummer lautet {vorgang}.
D: Die Rentenversicherung hat eine volle Erwerbsminderung festgestellt.
A: Wir bitten um Mitteilung Ihrer Entscheidung.
A: Vielen Dank für die Zusammenarbeit.

== 50 | Antrag | citizen | Unterbringung, Obdachlosigkeit, Schwerbehinderung
S1: Drohende Obdachlosigkeit – Bitte um Unterbringung
S2: Antrag auf Übernahme von Mietschulden
I1: mir wurde meine Wohnung in der {addr} zum {date_future} gekündigt; ich habe keine neue Unterkunft gefunden.
I2: wegen Mietschulden in Höhe von {amount} droht mir die Räumungsklage.
D: Der Räumungstermin ist für den {date_future} angesetzt.
D: Ich lebe mit {count} Kindern im Haushalt.
D: Das Kündigungsschreiben des Vermieters liegt bei.
A: Bitte helfen Sie mir schnellstmöglich.
A: Ich bitte um einen Beratungstermin.

== 50 | Bürgeranfrage | citizen | Sozialpass, Beratung, Heizkostenzuschuss
S: Frage zum [Sozialpass|Heizkostenzuschuss|Musterstadt-Pass]
S: Beratung zu Sozialleistungen
I: ich möchte wissen, ob ich Anspruch auf den Musterstadt-Pass habe.
I: meine Heizkostenabrechnung ergab eine Nachzahlung von {amount}; gibt es dafür eine Unterstützung?
D: Ich bin alleinerziehend und arbeite in Teilzeit.
D: Mein Nettoeinkommen beträgt etwa {amount}.
D: Ich lebe allein in einer {m2} m² großen Wohnung.
A: Bitte teilen Sie mir mit, welche Unterlagen ich benötige.
A: Vielen Dank für Ihre Hilfe.

== 51 | Antrag | citizen | Kita-Platz
S: Antrag auf einen Betreuungsplatz für {child}
S: Anmeldung Kita „{kita}“ – {child_first}
S: Kita-Platz ab {month_year} – dringend
I: wir beantragen für unser Kind {child}, geboren am {birth_child}, einen Betreuungsplatz ab dem {date_future}.
I: für unser Kind {child_first} suchen wir dringend einen Kita-Platz.
I: ab dem {date_future} benötigen wir für unser Kind {child} einen Platz in einer Kindertageseinrichtung.
I: da ich im {month_year} wieder arbeiten gehe, bitte ich um einen Betreuungsplatz für mein Kind {child_first}.
D: Wir stehen bereits seit dem {date_past2} auf der Warteliste.
D: Ein Ganztagesplatz ist für uns zwingend erforderlich.
D: Unsere Wunscheinrichtungen sind die Kita „{kita}“ und die Kita „{kita2}“.
D: Beide Elternteile sind berufstätig; die Arbeitgeberbescheinigungen liegen bei.
D: Der Betreuungsbedarf beträgt {hours} Stunden pro Woche.
D: Wir berufen uns auf den Rechtsanspruch nach § 24 SGB VIII.
A: Bitte teilen Sie uns mit, wann wir mit einer Zusage rechnen können.
A: Vielen Dank.
M: 40 Das Amt für Bildung und Sport hat uns für die Betreuung unter sechs Jahren an Sie verwiesen.

== 51 | Antrag | citizen | Kindertagespflege, Elternbeitrag
S1: Antrag auf Förderung in Kindertagespflege
S2: Ermäßigung der Elternbeiträge – Kita „{kita}“
I1: wir möchten unser Kind {child_first} ab dem {date_future} bei der Tagesmutter {person} betreuen lassen.
I2: wir beantragen die Übernahme bzw. Ermäßigung des Elternbeitrags für die Kita „{kita}“.
D1: Die Betreuungszeit beträgt {hours} Stunden pro Woche.
D2: Unser Familieneinkommen liegt unter der Einkommensgrenze; Nachweise sind beigefügt.
D1: Der Betreuungsvertrag liegt in Kopie bei.
A: Bitte teilen Sie uns die Entscheidung mit.
A: Vielen Dank.

== 51 | Antrag | citizen | Unterhaltsvorschuss
S1: Antrag auf Unterhaltsvorschuss für {child}
S2: Unterhaltsvorschuss – Änderungsmitteilung
I1: ich beantrage Unterhaltsvorschuss für mein Kind {child}, geboren am {birth_child}.
I2: ich teile mit, dass der Vater meines Kindes seit {month_year} wieder Unterhalt zahlt.
D1: Der andere Elternteil zahlt keinen oder nur unregelmäßig Unterhalt.
D1: Die Geburtsurkunde und der Nachweis über das Kindergeld liegen bei.
D: Ich bin alleinerziehend; der Vater lebt in {far_town}.
A: Bitte bearbeiten Sie meinen Antrag.
A: Bitte passen Sie die Zahlung an.

== 51 | Sonstiges | authority | Jugendhilfe, Kindeswohl
S1: Bitte um Unterstützung der Familie {person}
S2: Mitteilung nach § 8a SGB VIII – Kind {child_first}
I1: wir bitten das Jugendamt, Kontakt mit der Familie {person} aufzunehmen, die wir seit dem {date_past} betreuen.
I2: die Schule teilt Beobachtungen mit, die eine Gefährdung des Kindeswohls nahelegen.
D1: Ein Gespräch mit der Familie hat am {date_past} stattgefunden.
D1: Die Eltern leben getrennt; der Umgang ist streitig.
D2: Das Kind fehlt seit dem {date_past} regelmäßig im Unterricht.
A: Wir bitten um Bericht bis zum {date_short}.
A: Um vertrauliche Behandlung wird gebeten.

== 51 | Bürgeranfrage | citizen | Beratung, Vaterschaft, Sorgeerklärung, Jugendarbeit
S1: Termin für eine [Sorgeerklärung|Vaterschaftsanerkennung|Erziehungsberatung]
S2: Anfrage Jugendtreff {street}
I1: wir möchten für unser Kind, das im {month_year} zur Welt kommen soll, eine gemeinsame Sorgeerklärung abgeben.
I1: wir bitten um einen Termin bei der Erziehungsberatung, da es mit unserem Sohn zu Hause große Probleme gibt.
I2: ich möchte wissen, wann der Jugendtreff in der {street} wieder geöffnet ist.
D1: Wir sind nicht miteinander verheiratet.
D1: Unser Sohn ist {count} Jahre alt.
D: Am besten erreichen Sie uns nachmittags.
A: Bitte teilen Sie uns einen Termin mit.
A: Vielen Dank.

== 51 | Rechnung | invoice | Rechnung Jugendhilfeträger
S: Rechnung {invoice_no} – Hilfe zur Erziehung {month_year}
S: Entgeltabrechnung {month_year} – Kostenzusage {vorgang}
I: für die im {month_year} erbrachten Leistungen der Jugendhilfe berechnen wir:
I: gemäß Kostenzusage des Jugendamts vom {date_past2} rechnen wir ab:
D: Betreute Person: {child_first} (Initialen aus Datenschutzgründen).
D: Leistungsart: [sozialpädagogische Familienhilfe|Tagesgruppe|Heimerziehung].
A: Bitte überweisen Sie auf das Konto {iban}.
A: Zahlbar innerhalb von 14 Tagen.

== 51 | Beschwerde | citizen | Beschwerde Kita
S: Beschwerde über die Kita „{kita}“
S: Schließzeiten der Kita „{kita}“
I: wir sind mit den häufigen Schließungen der städtischen Kita „{kita}“ sehr unzufrieden.
I: unser Kind wurde am {date_past} ohne Benachrichtigung früher nach Hause geschickt.
D: In den letzten Wochen fiel die Betreuung an {count} Tagen aus.
D: Als berufstätige Eltern sind wir auf verlässliche Zeiten angewiesen.
D: Trotzdem wird der volle Elternbeitrag erhoben.
A: Wir bitten um eine Stellungnahme des Trägers.
A: Bitte erstatten Sie anteilig die Gebühren.

== 61 | Sonstiges | citizen company | Stellungnahme Bebauungsplan, Bürgerbeteiligung
S: Stellungnahme zum Bebauungsplan {bplan}
S: Einwendungen im Rahmen der Öffentlichkeitsbeteiligung – Bebauungsplan {bplan}
S: Anregungen zur Offenlage des Bebauungsplans {bplan}
I: im Rahmen der öffentlichen Auslegung des Bebauungsplans {bplan} <gebe ich|geben wir> folgende Stellungnahme ab.
I: als Eigentümer{in} des angrenzenden Grundstücks {addr} erhebe<n> <ich|wir> Einwendungen gegen den Entwurf des Bebauungsplans {bplan}.
D: Die geplante Bebauung mit [vier Vollgeschossen|einem Einkaufsmarkt|einer Tiefgarage] fügt sich nicht in die Umgebung ein.
D: Die Verkehrsbelastung in der {street} wird unzumutbar zunehmen.
D: Die Frischluftschneise entlang des Mühlbachs darf nicht bebaut werden.
D: Wir regen an, den Grünstreifen im Norden des Plangebiets zu erhalten.
A: Bitte berücksichtigen Sie <meine|unsere> Anregungen in der Abwägung.
A: Bitte bestätigen Sie den fristgerechten Eingang.
M: 70 Die Stellungnahme des Umweltamts zum Artenschutz sollte ebenfalls berücksichtigt werden.

== 61 | Sonstiges | authority | Stellungnahme Träger öffentlicher Belange
S1: Beteiligung der Träger öffentlicher Belange – Bebauungsplan {bplan}
S2: Flächennutzungsplan – [{count}. Änderung|Fortschreibung] – Stellungnahme
I1: zu dem uns mit Schreiben vom {date_past} übersandten Entwurf des Bebauungsplans {bplan} nehmen wir wie folgt Stellung.
I2: gegen die Änderung des Flächennutzungsplans bestehen aus unserer Sicht keine grundsätzlichen Bedenken.
D: Die Belange des Naturschutzes sind durch geeignete Ausgleichsmaßnahmen zu berücksichtigen.
D: Der Abstand zur Landesstraße muss mindestens 20 Meter betragen.
D: Das Plangebiet liegt teilweise in einem Überschwemmungsgebiet.
A: Wir bitten um Mitteilung des Abwägungsergebnisses.
A: Für Rückfragen steht {person} zur Verfügung.

== 61 | Antrag | developer citizen | Antrag auf Aufstellung/Änderung Bebauungsplan
S1: Antrag auf Änderung des Bebauungsplans {bplan}
S2: Vorhabenbezogener Bebauungsplan – [Wohnquartier|Nahversorger|Pflegeheim] an der {street}
I1: <ich beantrage|wir beantragen> die Änderung des Bebauungsplans {bplan} für das Grundstück Flurstück {flst}.
I2: als Projektentwickler beabsichtigen wir, auf dem Areal an der {street} ein [Wohnquartier mit {count} Wohnungen|einen Nahversorger|ein Pflegeheim] zu errichten.
D: Hierfür ist die Aufstellung eines vorhabenbezogenen Bebauungsplans erforderlich.
D: Ein städtebauliches Konzept des Architekturbüros liegt bei.
D: Die Kosten des Verfahrens werden von uns übernommen.
A: Wir bitten um einen Gesprächstermin.
A: Bitte teilen Sie uns die weiteren Schritte mit.

== 61 | Bürgeranfrage | citizen | Anfrage Bauland, Sanierungsgebiet, Denkmal
S: Anfrage zu [Bauland|Sanierungsgebiet Altstadt|Denkmalschutz] – {addr}
S: Frage zur Bebaubarkeit im Rahmen des Bebauungsplans {bplan}
I: ich möchte wissen, ob das Grundstück Flurstück {flst} in Zukunft als Bauland ausgewiesen wird.
I: mein Haus {addr} liegt im Sanierungsgebiet Altstadt; welche Fördermöglichkeiten bestehen?
D: Das Grundstück liegt derzeit im Außenbereich.
D: Eine Kopie des Flurkartenauszugs liegt bei.
D: Ich plane eine Modernisierung der Fassade.
A: Bitte teilen Sie mir den Stand der Planung mit.
A: Für einen Beratungstermin wäre ich dankbar.
M: 63 Das Baurechtsamt hat mich wegen der Planungsfrage an Sie verwiesen.

== 61 | Sitzungsunterlage | internal | Beschlussauszug Planungsausschuss an das Fachamt
S: Beschlussauszug – Bebauungsplan {bplan}
S: Niederschrift Ausschuss für Umwelt und Technik vom {date_past} – TOP {count}
I: anbei erhalten Sie den Auszug aus der Niederschrift der Ausschusssitzung vom {date_past} zum Bebauungsplan {bplan} zur weiteren Veranlassung.
I: der Gemeinderat hat in seiner Sitzung am {date_past} den Aufstellungsbeschluss für den Bebauungsplan {bplan} gefasst; den Beschlussauszug übersenden wir zur Umsetzung.
D: Der Geltungsbereich umfasst eine Fläche von rund {m2} m².
D: In der Beratung wurden {count} Anregungen aus der Bürgerschaft vorgetragen.
D: Die ortsübliche Bekanntmachung des Beschlusses ist zu veranlassen.
D: Der Beschluss wurde mit {count} Ja-Stimmen bei zwei Enthaltungen gefasst.
A: Wir bitten um Umsetzung und Rückmeldung bis zum {date_short}.
A: Bitte berichten Sie dem Ausschuss über den weiteren Verfahrensstand.

== 61 | Sonstiges | architect | Gutachten, Planungsbüro
S1: [Verkehrsgutachten|Schallgutachten|Artenschutzgutachten] zum Bebauungsplan {bplan}
S2: Honorarangebot Rahmenplan Innenstadt
I1: anbei erhalten Sie das [Verkehrsgutachten|Schallgutachten|Artenschutzgutachten] zum Bebauungsplan {bplan}.
I2: für die Erarbeitung des Rahmenplans Innenstadt unterbreiten wir Ihnen folgendes Honorarangebot.
D1: Die Untersuchung wurde im Zeitraum {month_year} durchgeführt.
D2: Das Honorar beträgt pauschal {amount_large} zuzüglich Nebenkosten.
D: Die Ergebnisse stellen wir gern im Ausschuss vor.
A: Für Rückfragen stehen wir Ihnen zur Verfügung.
A: Wir freuen uns auf die Zusammenarbeit.

== 63 | Antrag | citizen architect company developer | Bauantrag
S: Bauantrag für {vorhaben} – Flurstück {flst}
S: Antrag auf Baugenehmigung, {addr}
S: Bauantrag für {vorhaben}, Gemarkung {gemarkung}
I: hiermit <beantrage ich|beantragen wir> die Baugenehmigung für {vorhaben} auf dem Grundstück {addr}, Gemarkung {gemarkung}, Flurstück {flst}.
I: beigefügt <reiche ich|reichen wir> den Bauantrag für {vorhaben} in dreifacher Ausfertigung ein.
I: als Entwurfsverfasser übersenden wir im Auftrag von {person} den Bauantrag für {vorhaben}.
I: für das Grundstück {addr} reiche<n> <ich|wir> hiermit die Bauvorlagen für {vorhaben} ein.
D: Die Baukosten betragen nach DIN 276 rund {amount_large}.
D: Der Nachweis über {count} Stellplätze ist in den Unterlagen enthalten.
D: Dem Antrag liegen Lageplan, Bauzeichnungen, Baubeschreibung und die Berechnung der Wohnfläche bei.
D: Das Vorhaben liegt im Geltungsbereich des Bebauungsplans {bplan}.
D: Es wird eine Befreiung von der festgesetzten Baugrenze um {count} Meter beantragt.
D: Die Nachweise zur Standsicherheit werden nachgereicht.
D: Die Zustimmung der Nachbarn liegt vor.
A: <Ich bitte|Wir bitten> um Bestätigung der Vollständigkeit.
A: Bitte teilen Sie mir die voraussichtliche Bearbeitungsdauer mit.
M: 66 Die Stellungnahme des Tiefbauamts zur Grundstückszufahrt liegt bei.
M: 61 Das Stadtplanungsamt hat im Vorgespräch keine Bedenken geäußert.
M: 37 Das Brandschutzkonzept wurde mit der Feuerwehr abgestimmt.

== 63 | Antrag | citizen architect | Bauvoranfrage, Nutzungsänderung, Abbruch
S1: Bauvoranfrage – [Bebaubarkeit|Aufstockung|Nutzungsänderung] {addr}
S2: Antrag auf Nutzungsänderung [Laden in Wohnung|Scheune in Ferienwohnung|Büro in Arztpraxis]
S3: Anzeige des Abbruchs – {addr}
I1: mit dieser Bauvoranfrage bitte<n> <ich|wir> um Klärung, ob auf dem Grundstück Flurstück {flst} ein [Zweifamilienhaus|Anbau|Dachgeschossausbau] zulässig ist.
I2: <ich beantrage|wir beantragen> die Nutzungsänderung der Räume im Erdgeschoss des Gebäudes {addr}.
I3: hiermit <zeige ich|zeigen wir> den Abbruch [des Nebengebäudes|der alten Scheune|des Wohnhauses] auf dem Grundstück {addr} an.
D1: Die Fragen lauten: Ist eine zweigeschossige Bauweise zulässig? Ist eine Grenzbebauung möglich?
D2: Der Stellplatznachweis für {count} Stellplätze liegt bei.
D3: Die Abbrucharbeiten sollen am {date_future} beginnen.
D3: Asbesthaltige Bauteile werden von einer Fachfirma entsorgt.
A: Bitte teilen Sie mir Ihre Einschätzung mit.
A: Für Rückfragen steht das Architekturbüro zur Verfügung.
M: 70 Die Entsorgung der Abbruchabfälle wird dem Umweltamt gesondert angezeigt.

== 63 | Widerspruch | citizen | Widerspruch Nachbar gegen Baugenehmigung
S: Widerspruch gegen die Baugenehmigung für das Grundstück {addr}
S: Nachbarwiderspruch gegen {vorhaben}
I: gegen die meinem Nachbarn erteilte Baugenehmigung für {vorhaben} auf dem Grundstück {addr} lege ich Widerspruch ein.
I: als Eigentümer des Nachbargrundstücks <widerspreche ich|widersprechen wir> der Baugenehmigung vom {date_past}.
D: Die Abstandsflächen zu meinem Grundstück werden nicht eingehalten.
D: Durch die Höhe des Gebäudes wird mein Garten vollständig verschattet.
D: Ich wurde vor Erteilung der Genehmigung nicht beteiligt.
A: Ich beantrage, die sofortige Vollziehung auszusetzen.
A: Ich bitte um Akteneinsicht in die Bauakte.

== 63 | Beschwerde | citizen | Schwarzbau, Baulärm, Baustelle
S: Ungenehmigte Bauarbeiten in der {street}
S: Anzeige eines Schwarzbaus – Flurstück {flst}
I: auf dem Grundstück {addr} wird seit dem {date_past} ohne erkennbare Genehmigung gebaut.
I: mein Nachbar errichtet direkt an der Grundstücksgrenze [eine Garage|einen Carport|ein Gartenhaus von erheblicher Größe].
D: Ein Bauschild ist nicht vorhanden.
D: Die Arbeiten finden auch am Sonntag statt.
D: Fotos der Baustelle füge ich bei.
A: Bitte prüfen Sie die Baugenehmigung.
A: Ich bitte um Einschreiten der Bauaufsicht.
M: 32 Wegen des Baulärms habe ich mich bereits beim Ordnungsamt gemeldet.

== 63 | Sonstiges | architect company developer | Baubeginn, Fertigstellung, Prüfingenieur
S1: [Baubeginnanzeige|Anzeige der Rohbaufertigstellung] – Bauvorhaben {addr}
S2: Prüfbericht Standsicherheit für {vorhaben}
I1: wir zeigen den Baubeginn für {vorhaben} am {date_future} an.
I2: anbei übersenden wir den Prüfbericht Nr. {count} zur Standsicherheit für das Bauvorhaben {addr}.
D1: Bauleiter ist {person}, {company}.
D1: Die Fertigstellung des Rohbaus erfolgte am {date_past}.
D2: Der Standsicherheitsnachweis wurde ohne Beanstandungen geprüft.
A: Wir bitten um Terminvereinbarung für die Abnahme.
A: Bitte nehmen Sie die Unterlagen zur Bauakte.

== 63 | Bescheid | authority | Stellungnahmen Landratsamt, Denkmal, Naturschutz
S: Bauvorhaben {addr} – Stellungnahme der [Naturschutzbehörde|Denkmalschutzbehörde|Straßenbaubehörde]
S: Ihr Schreiben vom {date_past} – Bauantrag für {vorhaben}
I: zum Bauantrag für {vorhaben} auf dem Grundstück Flurstück {flst} nehmen wir wie folgt Stellung.
I: das Einvernehmen zu dem Bauvorhaben wird unter folgenden Auflagen erteilt.
D: Die Fällung von Bäumen ist nur außerhalb der Brutzeit zulässig.
D: Die historische Fassade ist zu erhalten.
D: Ein Zufahrtsverbot zur Kreisstraße ist zu beachten.
A: Wir bitten, diese Auflagen in die Baugenehmigung aufzunehmen.
A: Eine Kopie der Genehmigung erbitten wir zur Kenntnis.

== 63 | Bürgeranfrage | citizen | Anfrage Gartenhaus, Solaranlage, Zaun genehmigungsfrei
S: Ist [ein Gartenhaus|eine Solaranlage auf dem Dach|ein Zaun von 1,80 m|eine Terrassenüberdachung] genehmigungspflichtig?
S: Anfrage zur Genehmigungspflicht – {addr}
I: ich plane auf meinem Grundstück {addr} [ein Gartenhaus mit {m2} m²|eine Terrassenüberdachung|einen Sichtschutzzaun] und möchte wissen, ob ich eine Baugenehmigung brauche.
I: bevor ich mit meinem Vorhaben beginne, möchte ich klären, ob es genehmigungspflichtig ist.
D: Der Abstand zur Grundstücksgrenze beträgt etwa {count} Meter.
D: Eine Skizze liegt bei.
D: Das Grundstück liegt im Bereich des Bebauungsplans {bplan}.
A: Für eine kurze Auskunft wäre ich dankbar.
A: Gern komme ich auch zur Bauberatung vorbei.

== 66 | Beschwerde | citizen | Straßenschaden, Schlagloch, Gehweg
S1: Schlagloch in der {street}
S2: Beschädigter Gehweg vor dem Haus {addr}
S: Gefahrenstelle: [abgesackter Kanaldeckel|lose Gehwegplatten|Schlaglöcher] in der {street}
I1: in der {street} befindet sich auf Höhe der Hausnummer {count} ein tiefes Schlagloch.
I2: ich möchte auf eine Gefahrenstelle auf dem Gehweg vor dem Haus {addr} hinweisen.
D: Mehrere Radfahrer sind dort bereits gestürzt.
D2: Die Gehwegplatten sind durch Wurzeln angehoben und bilden Stolperkanten.
D: Der Schaden besteht seit dem Winter und wird immer größer.
D: Ein Foto der Stelle liegt bei.
A: Bitte beheben Sie den Schaden, bevor jemand verletzt wird.
A: Ich bitte um Mitteilung, wann die Reparatur erfolgt.
M: 67 Der Wurzelschaden stammt von einem städtischen Baum; das Grünflächenamt erhält eine Kopie.

== 66 | Antrag | company utility | Aufgrabung, Leitungsbau
S: Antrag auf Aufgrabungserlaubnis – {street}
S: Aufbruchgenehmigung für [Hausanschluss Wasser|Glasfaserausbau|Fernwärme] in der {street}
I: für die Herstellung eines [Hausanschlusses|Glasfaseranschlusses|Fernwärmeanschlusses] beantragen wir die Aufgrabung im Bereich {addr}.
I: im Auftrag der Stadtwerke beantragen wir eine Genehmigung für Tiefbauarbeiten in der {street}.
D: Die Aufgrabung hat eine Länge von {count} Metern in Fahrbahn und Gehweg.
D: Die Arbeiten sollen vom {date_future} bis {date_future2} ausgeführt werden.
D: Ein Verkehrszeichenplan liegt bei.
A: Wir bitten um kurzfristige Genehmigung.
A: Für Rückfragen erreichen Sie unseren Bauleiter unter {phone}.
M: 32 Die verkehrsrechtliche Anordnung haben wir beim Ordnungsamt gesondert beantragt.

== 66 | Beschwerde | citizen | Straßenbeleuchtung
S: Defekte Straßenlaterne in der {street}
S: Straßenbeleuchtung ausgefallen – {street}
I: in der {street} ist seit dem {date_past} die Straßenbeleuchtung ausgefallen.
I: die Laterne vor dem Haus {addr} flackert seit Wochen.
D: Der Weg ist abends völlig dunkel; besonders für Schulkinder ist das gefährlich.
D: Die Lampennummer am Mast lautet {count}.
D: Ich habe den Schaden bereits telefonisch gemeldet.
A: Bitte veranlassen Sie die Reparatur.
A: Vielen Dank für Ihre Bemühungen.

== 66 | Beschwerde | citizen | Winterdienst
S: Winterdienst in der {street}
S: Nicht geräumte Straße am {date_past}
I: am {date_past} wurde die {street} den ganzen Tag nicht geräumt.
I: ich beschwere mich über den mangelhaften Winterdienst in unserem Wohngebiet.
D: Die Busse konnten die Haltestelle nicht anfahren.
D: Der Räumdienst hat den Schnee auf den frisch geräumten Gehweg geschoben.
D: Ältere Anwohner konnten das Haus nicht verlassen.
A: Bitte sorgen Sie künftig für einen zuverlässigen Winterdienst.
A: Ich bitte um Stellungnahme.

== 66 | Sonstiges | citizen company | Kanal, Entwässerung, Rückstau
S1: Rückstau im Kanal – Keller überflutet, {addr}
S2: Antrag auf Entwässerungsgenehmigung – Flurstück {flst}
I1: nach dem Starkregen am {date_past} ist Wasser aus dem Kanal in unseren Keller gedrückt worden.
I2: für den Neubau auf dem Grundstück Flurstück {flst} beantragen wir die Entwässerungsgenehmigung.
D1: Der Schaden beläuft sich auf etwa {amount}.
D1: Der Kanaldeckel vor dem Haus war angehoben.
D2: Die Entwässerungspläne liegen in zweifacher Ausfertigung bei.
A1: Bitte prüfen Sie den Zustand des Kanals.
A2: Wir bitten um Genehmigung.

== 66 | Rechnung | invoice | Rechnung Straßenbau
S: Rechnung {invoice_no} – [Deckensanierung|Markierungsarbeiten|Kanalreinigung] {street}
S: Abschlagsrechnung Nr. {count} – Ausbau {street}
I: für die Ausführung der Straßenbauarbeiten in der {street} berechnen wir:
I: gemäß Leistungsverzeichnis stellen wir in Rechnung:
D: Aufmaß und Bautagebuch liegen bei.
D: Die Abnahme durch das Tiefbauamt erfolgte am {date_past}.
A: Zahlbar innerhalb von 30 Tagen.
A: Bitte überweisen Sie auf das Konto {iban}.

== 66 | Bürgeranfrage | citizen | Erschließungsbeitrag, Straßenausbau, Verkehr
S1: Frage zum Ausbau der {street}
S2: Anfrage Erschließungsbeiträge – {addr}
I1: wir haben gehört, dass die {street} ausgebaut werden soll, und möchten wissen, wann die Arbeiten beginnen.
I2: als Anlieger der {street} möchte ich wissen, ob Erschließungsbeiträge auf mich zukommen.
D2: Unser Grundstück hat eine Frontlänge von {count} Metern.
D: Während der Bauzeit müssen wir die Zufahrt zu unserer Garage nutzen können.
D: Gibt es eine Anliegerversammlung?
A: Bitte informieren Sie uns.
A: Vielen Dank.

== 67 | Antrag | citizen company | Baumfällung
S: Antrag auf Fällung eines Baumes ({tree}) – {addr}
S: Fällgenehmigung nach der Baumschutzsatzung, Flurstück {flst}
I: hiermit <beantrage ich|beantragen wir> die Genehmigung zur Fällung eines Baumes ({tree}) auf dem Grundstück {addr}.
I: der Baum ({tree}) auf unserem Grundstück ist nach Auskunft eines Baumpflegers nicht mehr standsicher.
I: für die Beseitigung eines abgestorbenen Baumes ({tree}) im Garten {addr} bitte<n> <ich|wir> um eine Fällgenehmigung.
D: Bei den letzten Stürmen sind bereits große Äste auf das Nachbargrundstück gefallen.
D: Der Stammumfang beträgt in einem Meter Höhe {trunk} cm.
D: Der Baum ist stark von Pilzen befallen und bedroht das Wohnhaus.
D: Als Ersatz <werde ich|werden wir> zwei heimische Obstbäume pflanzen.
D: Ein Gutachten des Baumpflegers liegt bei.
A: Bitte erteilen Sie die Genehmigung vor Beginn der Vegetationsperiode.
A: Für eine Ortsbesichtigung stehe ich gern zur Verfügung.
M: 63 Der Baum steht im Baufenster des beim Baurechtsamt beantragten Anbaus.

== 67 | Antrag | citizen company | Friedhof, Grabstelle
S: Antrag auf [Verlängerung des Nutzungsrechts|Erwerb einer Grabstelle|Genehmigung eines Grabmals] – {cemetery}
S: Grabstelle {grave}, {cemetery}
I1: das Nutzungsrecht an der Grabstelle {grave} auf dem {cemetery} läuft am {date_future} ab; ich beantrage die Verlängerung.
I2: für die Beisetzung meiner verstorbenen [Mutter|Ehefrau|Vaters|Großmutter] beantrage ich eine [Urnengrabstelle|Wahlgrabstelle|Baumgrabstelle].
I3: wir beantragen als Steinmetzbetrieb die Genehmigung eines Grabmals für die Grabstelle {grave}.
D2: Die Beisetzung ist für den {date_future} vorgesehen.
D3: Eine Zeichnung des Grabmals mit Maßen liegt bei.
D1: Die Grabstelle soll künftig von {person} gepflegt werden.
A: Bitte senden Sie mir den Gebührenbescheid zu.
A: Bitte bestätigen Sie die Reservierung.

== 67 | Beschwerde | citizen | Grünpflege, Spielplatz
S1: Zustand des Spielplatzes im {park}
S2: Ungepflegte Grünfläche in der {street}
S3: Herabhängende Äste im {park}
I1: der Spielplatz im {park} ist in einem schlechten Zustand.
I2: die städtische Grünfläche in der {street} wird seit Monaten nicht gemäht.
I3: im {park} hängen abgebrochene Äste über dem Weg.
D1: Die Schaukel ist defekt und der Sand ist mit Glasscherben verunreinigt.
D: Hundekot und Müll liegen überall herum.
D2: Die Hecke ragt weit in den Gehweg hinein.
A: Bitte sorgen Sie für Abhilfe.
A: Ich bitte um Rückmeldung.
M: 70 Die überquellenden Mülleimer habe ich zusätzlich dem Umweltamt gemeldet.

== 67 | Sonstiges | citizen company | Baumpatenschaft, Grünflächen, Kleingarten
S: [Baumpatenschaft|Blumenwiese|Kleingarten|Urban Gardening] – Anfrage
S1: Pflege einer Baumscheibe vor dem Haus {addr}
I1: <ich möchte|wir möchten> die Patenschaft für die Baumscheibe vor dem Haus {addr} übernehmen.
I2: ich interessiere mich für einen Kleingarten in der städtischen Anlage {park}.
D1: Ich würde die Fläche mit Blumen bepflanzen und regelmäßig gießen.
D2: Ich stehe seit dem {date_past2} auf der Warteliste.
D1: Unsere Nachbarschaft würde sich gemeinsam um die Fläche kümmern.
A: Bitte teilen Sie mir die Bedingungen mit.
A: Vielen Dank.

== 67 | Rechnung | invoice | Rechnung Grünpflege, Baumpflege
S: Rechnung {invoice_no} – [Baumkontrolle|Grünpflege|Spielplatzprüfung] {month_year}
S: Rechnung Nr. {invoice_no} – Baumfällung {park}
I: für die im Auftrag des Grünflächenamts durchgeführten Arbeiten berechnen wir:
I: für die Pflegearbeiten in den städtischen Grünanlagen im {month_year} berechnen wir:
D: Einsatzort: {park}.
D: Arbeitsnachweise liegen bei.
A: Bitte überweisen Sie den Betrag bis zum {date_future}.
A: Zahlbar ohne Abzug.

== 67 | Bescheid | authority | Naturschutzbehörde
S1: Naturschutzrechtliche Genehmigung – Gehölzpflege am {park}
S2: Artenschutz: Fällung im {park}
I1: die naturschutzrechtliche Genehmigung zur Gehölzpflege im {park} wird unter Auflagen erteilt.
I2: wir weisen darauf hin, dass die geplante Fällung im {park} eine artenschutzrechtliche Prüfung erfordert.
D2: In der betroffenen Baumgruppe wurden Fledermausquartiere festgestellt.
D: Die Arbeiten sind bis zum {date_future} abzuschließen.
D: Ersatzpflanzungen sind im Verhältnis 1:2 vorzunehmen.
A: Wir bitten um Beachtung der Auflagen.
A: Für Rückfragen steht {person} zur Verfügung.

== 67 | Hausmitteilung | internal | Grünpflege an Liegenschaften, Spielplatzbau
S1: Grünpflege an der {school}
S2: Umgestaltung des Spielplatzes {park} – Abstimmung
I1: an der {school} müssen die Hecken dringend zurückgeschnitten werden.
I2: für die geplante Umgestaltung des Spielplatzes im {park} bitten wir um Abstimmung.
D1: Die Sichtachse zur Straße ist nicht mehr gegeben.
D2: Im Haushalt stehen {amount_large} zur Verfügung.
D2: Die Beteiligung der Kinder fand am {date_past} statt.
A: Bitte übernehmen Sie die Arbeiten bis zum {date_short}.
A: Für Rückfragen stehen wir zur Verfügung.

== 70 | Beschwerde | citizen | Immissionen Gewerbe, Geruch, Staub
S1: Geruchsbelästigung durch [den Betrieb|die Biogasanlage|die Lackiererei] in der {street}
S2: Beschwerde über Staub und Lärm eines Gewerbebetriebs – {street}
S1: Geruch aus [der Kompostieranlage|dem Gewerbebetrieb] in der Nachbarschaft
I1: seit einigen Wochen kommt es in unserem Wohngebiet zu erheblichen Geruchsbelästigungen durch [die Lackiererei|die Kompostieranlage|die Biogasanlage] in der {street}.
I2: ich beschwere mich über die dauerhaften Staub- und Lärmimmissionen des Gewerbebetriebs {company}.
D1: Besonders abends ist der Geruch so stark, dass wir die Fenster nicht öffnen können.
D1: Der Geruch erinnert an Lösungsmittel und verursacht Kopfschmerzen.
D2: Die Maschinen laufen oft schon ab 5 Uhr morgens.
D2: Nach meinen Messungen mit einer App wird der Richtwert regelmäßig um {count} dB überschritten.
D2: Der Staub legt sich auf Autos und Gartenmöbel.
A: Bitte prüfen Sie, ob die Anlage die Auflagen einhält.
A: Ich bitte um Messungen durch Ihre Behörde.
M: 32 Das Ordnungsamt hat mich an Sie verwiesen, weil es sich um eine genehmigte Anlage handelt.

== 70 | Bürgeranfrage | citizen | Abfall, Sperrmüll, Biotonne
S1: Bestellung [einer Biotonne|einer größeren Restmülltonne|einer Papiertonne] – {addr}
S2: Nicht geleerte Mülltonne – {addr}
S3: Sperrmüllabholung – Terminwunsch
S1: Abfallbehälter – [Tausch|Abmeldung|zusätzliche Tonne] {addr}
I1: ich möchte für mein Haus {addr} [eine größere Restmülltonne|eine Biotonne|eine zusätzliche Papiertonne] bestellen.
I2: unsere Mülltonne wurde am {date_past} nicht geleert.
I3: ich möchte einen Termin für die Sperrmüllabholung vereinbaren.
D1: Im Haus leben {count} Personen.
D2: Die Tonne stand rechtzeitig am Straßenrand.
D3: Es handelt sich um einen Schrank, ein Sofa und einen Lattenrost.
A: Bitte teilen Sie mir die Gebühren mit.
A: Vielen Dank.

== 70 | Beschwerde | citizen | Illegale Müllablagerung
S: Illegale Müllablagerung am [Waldrand|Glascontainer|Mühlbach] – {street}
S: Wilde Müllkippe an der {street}
I: am [Waldrand|Mühlbach|Glascontainer] in der {street} wurde Müll abgelagert.
I: ich möchte eine illegale Ablagerung von [Bauschutt|Altreifen|Sperrmüll] melden.
D: Es handelt sich um etwa {count} Säcke sowie mehrere Reifen.
D: Die Ablagerung liegt teilweise im Gewässer.
D: Ein Foto mit Standort ist beigefügt.
A: Bitte veranlassen Sie die Beseitigung.
A: Vielen Dank für Ihr schnelles Handeln.

== 70 | Antrag | citizen architect company | Gewässer, Altlasten, Brunnen
S2: Antrag auf [wasserrechtliche Erlaubnis|Erdwärmesonde|Grundwasserentnahme] – Flurstück {flst}
S1: Altlastenauskunft Flurstück {flst}, Gemarkung {gemarkung}
I1: für das Grundstück Flurstück {flst} bitten wir um Auskunft aus dem Altlastenkataster.
I2: <ich beantrage|wir beantragen> die Erlaubnis zur Errichtung einer [Erdwärmesonde|Grundwasserwärmepumpe|Zisterne mit Überlauf in den Mühlbach] auf dem Grundstück {addr}.
D1: Das Grundstück wurde früher als [Tankstelle|Gärtnerei|Schlosserei] genutzt.
D2: Die Bohrtiefe beträgt {count} Meter.
D1: Die Auskunft wird für den Grundstückskauf benötigt.
A: Bitte teilen Sie uns die Gebühren mit.
A: Wir bitten um zügige Bearbeitung.
M: 63 Der Bauantrag ist beim Baurechtsamt bereits eingereicht.

== 70 | Antrag | citizen company | Klimaschutz Förderprogramm
S1: Antrag auf Förderung [Photovoltaik|Balkonkraftwerk|Dachbegrünung|Lastenrad] – Förderprogramm Klimaschutz
S2: Klimaschutzförderung {year} – Auszahlungsantrag
I1: hiermit <beantrage ich|beantragen wir> einen Zuschuss aus dem städtischen Förderprogramm Klimaschutz für [ein Balkonkraftwerk|ein Lastenrad|eine Dachbegrünung|eine Photovoltaikanlage].
I2: die geförderte Maßnahme wurde am {date_past} abgeschlossen; <ich bitte|wir bitten> um Auszahlung.
D: Die Kosten betragen {amount}.
D2: Rechnung und Fotos der Anlage liegen bei.
D2: Die Zusage erfolgte mit Schreiben vom {date_past2}.
A2: Bitte überweisen Sie den Zuschuss auf {iban}.
A: Vielen Dank für die Förderung.

== 70 | Sonstiges | authority company | Immissionsschutz, Messbericht, Abfallrecht
S1: Messbericht [Lärm|Geruch|Luftschadstoffe] – {company}
S2: Anzeige nach dem Kreislaufwirtschaftsgesetz
I1: wir übersenden den Messbericht zur Überwachung der Anlage der {company}.
I2: hiermit zeigen wir die Sammlung von [Altmetall|Altkleidern|Grünschnitt] im Stadtgebiet an.
D1: Die Immissionsrichtwerte wurden an allen Messpunkten eingehalten.
D2: Die Sammelcontainer stehen an {count} Standorten.
D: Der Prüfbericht stammt vom {date_past}.
A: Wir bitten um Kenntnisnahme.
A: Bitte bestätigen Sie den Eingang.

== 70 | Beschwerde | citizen | Hitze, Bäume, Klima
S: Klimaanpassung in der Innenstadt
S: Anregung: mehr Schatten und Trinkbrunnen
I: in den heißen Sommern ist die Innenstadt kaum noch erträglich.
I: ich rege an, im Rahmen des Klimaschutzkonzepts mehr für die Hitzevorsorge zu tun.
D: Auf dem Marktplatz gibt es kaum Schatten.
D: Die Stadt sollte mehr Flächen entsiegeln.
D: Andere Städte haben Hitzeaktionspläne beschlossen.
A: Bitte teilen Sie mir mit, was geplant ist.
A: Vielen Dank.

== 80 | Antrag | company developer | Ansiedlung, Gewerbefläche
S: Anfrage Gewerbefläche im Gewerbegebiet [Süd|Nord|Am Bahndamm] – {company}
S: Ansiedlungsvorhaben {company}
I: unser Unternehmen sucht eine Gewerbefläche von etwa {m2} m² für [ein Logistikzentrum|eine Produktionshalle|einen Handwerksbetrieb].
I: wir planen die Ansiedlung eines Betriebs mit {count} Arbeitsplätzen in Musterstadt.
D: Wir benötigen eine gute Anbindung an die Autobahn.
D: Der Baubeginn ist für {year} geplant.
D: Wir bitten um Angebote zu verfügbaren städtischen Grundstücken.
A: Für ein Gespräch stehen wir gern zur Verfügung.
A: Bitte nennen Sie uns einen Ansprechpartner.
M: 63 Den Bauantrag werden wir anschließend beim Baurechtsamt einreichen.

== 80 | Antrag | company citizen | Wochenmarkt, Weihnachtsmarkt, Standplatz
S1: Bewerbung um einen Standplatz auf dem [Weihnachtsmarkt|Wochenmarkt|Frühlingsmarkt] {year}
S2: Standplatz Wochenmarkt – [Obst und Gemüse|Käse|Backwaren|Blumen]
I1: <ich bewerbe mich|wir bewerben uns> um einen Standplatz auf dem [Weihnachtsmarkt|Wochenmarkt|Frühlingsmarkt] Musterstadt.
I2: <ich möchte|wir möchten> ab dem {date_future} auf dem Wochenmarkt [Obst und Gemüse|Käse|Backwaren|Blumen] verkaufen.
D: Der Stand hat eine Frontlänge von {count} Metern.
D: Ein Foto des Standes und die Gewerbeanmeldung liegen bei.
D: Ein Stromanschluss wird benötigt.
A: Bitte teilen Sie uns die Standgebühr mit.
A: Über eine Zusage freuen wir uns.

== 80 | Sonstiges | company authority | Förderprogramme, Wirtschaft
S1: [Förderprogramm Innenstadt|Gründerzuschuss|Leerstandsmanagement] – {company}
S2: Einladung zum Unternehmerfrühstück am {date_future}
I1: wir interessieren uns für das Förderprogramm zur Belebung der Innenstadt.
I2: die Industrie- und Handelskammer lädt die Wirtschaftsförderung zum Unternehmerfrühstück am {date_future} ein.
D1: Wir möchten das leerstehende Ladenlokal in der {street} anmieten.
D1: Der Mietzuschuss wäre für uns entscheidend.
D2: Es werden Vertreter von {count} Unternehmen erwartet.
A1: Bitte senden Sie uns die Förderrichtlinie.
A2: Um Anmeldung bis zum {date_short} wird gebeten.

== 80 | Bürgeranfrage | citizen company | Tourismus, Stadtführung, Veranstaltung
S: Anfrage [Stadtführung|Prospekt|Gästeführung|Wohnmobilstellplatz]
S: Tourismus: Informationsmaterial für [Radreisende|Wandergruppen|Busreisen]
I: wir planen mit einer Gruppe von {count} Personen einen Besuch in Musterstadt am {date_future}.
I: bitte senden Sie mir Informationsmaterial über Sehenswürdigkeiten und Unterkünfte in Musterstadt.
D: Wir interessieren uns besonders für die Altstadt und das Museum.
D: Ist eine Führung auch auf Englisch möglich?
D: Gibt es Stellplätze für Reisebusse?
A: Vielen Dank im Voraus.
A: Bitte senden Sie die Unterlagen an meine Anschrift.

== 80 | Vertrag | company | Vertrag Stadtmarketing, Veranstaltung
S1: Vertrag Stadtfest {year} – [Bühnentechnik|Sicherheitsdienst|Gastronomie]
S2: Kooperationsvereinbarung Stadtmarketing – Vertragsnummer {vertragsnr}
I1: anbei übersenden wir den Vertrag über [die Bühnentechnik|den Sicherheitsdienst|die Gastronomie] beim Stadtfest {year}.
I2: wir übersenden die Kooperationsvereinbarung zur gemeinsamen Vermarktung der Innenstadt.
D: Das Entgelt beträgt {amount_large}.
D: Der Vertrag ist von beiden Seiten zu unterzeichnen.
D: Die Leistung umfasst den Zeitraum vom {date_future} bis {date_future2}.
A: Bitte senden Sie uns ein Exemplar unterschrieben zurück.
A: Wir freuen uns auf die Zusammenarbeit.

== 80 | Beschwerde | company | Beschwerde Händler, Baustelle Innenstadt
S: Umsatzeinbußen durch die Baustelle in der {street}
S: Beschwerde der Innenstadthändler
I: als Einzelhändler in der {street} leiden wir erheblich unter der Baustelle.
I: im Namen der Werbegemeinschaft Innenstadt wenden wir uns an die Wirtschaftsförderung.
D: Unser Umsatz ist seit dem {date_past} um {percent} % eingebrochen.
D: Die Kundschaft findet die Zugänge zu den Geschäften nicht.
D: Wir fordern eine bessere Beschilderung und Unterstützung für betroffene Betriebe.
A: Bitte laden Sie zu einem Gespräch ein.
A: Wir bitten um rasche Hilfe.
M: 66 Die Baustelle wird vom Tiefbauamt betreut, die Folgen für den Handel betreffen aber die Wirtschaftsförderung.

== - | Sonstiges | citizen | Fehlleitung: Kfz-Zulassung, Finanzamt, Elterngeldstelle
S1: Abmeldung meines Fahrzeugs {plate}
S2: Einkommensteuererklärung {last_year} – Steuernummer {steuernr}
S3: Antrag auf Elterngeld
S4: Umtausch meines Führerscheins
I1: anbei übersende ich die Unterlagen zur Abmeldung meines Fahrzeugs mit dem Kennzeichen {plate}.
I2: anbei übersende ich meine Einkommensteuererklärung für {last_year} mit allen Belegen.
I3: anbei übersende ich den Antrag auf Elterngeld für unser Kind {child_first}.
I4: ich möchte meinen alten Führerschein in einen neuen Kartenführerschein umtauschen.
D1: Das Fahrzeug ist seit dem {date_past} außer Betrieb.
D1: Die Kennzeichenschilder und die Zulassungsbescheinigung liegen bei.
D2: Meine Steuer-Identifikationsnummer lautet {steuerid}.
D2: Die Belege sind vollständig beigefügt.
D3: Das Kind wurde am {birth_new} geboren; die Geburtsurkunde liegt bei.
D3: Meine Arbeitgeberin ist die {company}.
D4: Mein alter Führerschein wurde {last_year} ausgestellt.
D4: Ein biometrisches Passbild liegt bei.
A: Vielen Dank.
A: Bitte senden Sie mir eine Bestätigung.

== - | Sonstiges | advert | Werbung
S1: [Sonderangebot|Exklusives Angebot|Nur für kurze Zeit]: [Büromöbel|Druckerpatronen|Reinigungsmittel|Hotelübernachtungen] für Behörden
S2: Jetzt [bis zu {percent} % sparen|kostenlos testen|Rabatt sichern]!
S3: Einladung zur Fachmesse „Kommune digital {year}“
I1: profitieren Sie jetzt von unserem [Jubiläumsangebot|Frühjahrsrabatt|Behördenrabatt] auf [ergonomische Büromöbel|Druckerpatronen|Hygieneartikel|Konferenztechnik].
I2: haben Sie schon von unserem neuen [Seminar|Produkt|Service] für öffentliche Verwaltungen gehört?
I3: als langjähriger Partner der Wirtschaft laden wir Sie zu unserer Hausmesse am {date_future} ein.
D: Bestellen Sie bis zum {date_short} und erhalten Sie {percent} % Rabatt.
D: Über {count} zufriedene Kunden vertrauen bereits auf uns.
D: Versandkostenfrei ab einem Bestellwert von {amount_small}.
D: Unser Katalog liegt diesem Schreiben bei.
A: Rufen Sie uns an unter {phone} – wir beraten Sie gern!
A: Besuchen Sie unseren Onlineshop.

== - | Sonstiges | private | Private Post
S1: [Liebe Grüße aus dem Urlaub|Danke für alles|Lange nichts gehört]
S2: Private Einladung
I1: endlich komme ich dazu, dir zu schreiben.
I2: wir laden dich herzlich zu unserer [Hochzeit|Geburtstagsfeier|Einweihungsfeier] am {date_future} ein.
D1: Das Wetter war herrlich und das Essen wunderbar.
D: Die Kinder lassen schön grüßen.
D2: Bitte sag bis zum {date_short} Bescheid, ob du kommen kannst.
D: Wir haben viel an dich gedacht.
A: Bis bald und liebe Grüße.
A: Wir freuen uns auf dich!

== - | Sonstiges | company | Fehlleitung: Geschäftspost an Dritte
S: Ihre Bestellung Nr. {bestellnr}
S: Auftragsbestätigung für {person}
I: vielen Dank für Ihre Bestellung vom {date_past}.
I: wir bestätigen den Eingang Ihres Auftrags und bedanken uns für Ihr Vertrauen.
D: Die Lieferung erfolgt voraussichtlich am {date_future} an die Anschrift {addr}.
D: Ihre Kundennummer lautet {kundennr}.
D: Für die Rücksendung verwenden Sie bitte das beigefügte Etikett.
A: Wir wünschen Ihnen viel Freude mit Ihrem Einkauf.
A: Ihr Kundenservice.
"""
