# ruff: noqa: E501  (prose tables: one sentence per line reads better than wrapped strings)
"""Short letters that could concern any office: cover letters, reminders, deadline requests.

Office "*": the generator gives them to any office and makes sure the page still
says where they belong, by the Aktenzeichen, the address block or ``{matter}``.
"""

TOPICS_COVER = r"""
== * | Antrag | citizen company architect | Nachreichung von Unterlagen zum Antrag
S: Nachreichung von Unterlagen – {matter}
S: Ihr Schreiben vom {date_past} – fehlende Unterlagen
S: Nachreichung zu <meinem|unserem> Antrag vom {date_past2}
I: wie mit Ihrem Schreiben vom {date_past} angefordert, übersende<n> <ich|wir> die noch fehlenden Unterlagen.
I: anbei erhalten Sie die nachgeforderten Unterlagen zu <meinem|unserem> Antrag ({matter}).
I: zu <meinem|unserem> Antrag vom {date_past2} reiche<n> <ich|wir> folgende Unterlagen nach.
D: Es handelt sich um [Kopien der Nachweise|die unterschriebenen Formulare|die Einkommensnachweise|die ergänzten Pläne].
D: Weitere Unterlagen liegen <mir|uns> derzeit nicht vor.
D: Die Unterlagen sind vollständig und in Kopie beigefügt.
A: <Ich bitte|Wir bitten> um Fortsetzung der Bearbeitung.
A: Bitte bestätigen Sie den Eingang.

== * | Bürgeranfrage | citizen company | Sachstandsanfrage
S: Sachstandsanfrage – {matter}
S: Anfrage zum Bearbeitungsstand
S: Mein Schreiben vom {date_past2}
I: ich möchte mich nach dem Stand der Bearbeitung meines Anliegens vom {date_past2} erkundigen.
I: auf <mein|unser> Schreiben vom {date_past2} in der Angelegenheit {matter} habe<n> <ich|wir> bisher keine Antwort erhalten.
D: Seitdem habe ich nichts mehr von Ihnen gehört.
D: Eine Eingangsbestätigung habe ich nicht erhalten.
D: Die Angelegenheit ist für mich eilig.
A: Bitte teilen Sie mir den aktuellen Stand mit.
A: Für eine kurze Nachricht wäre ich dankbar.

== * | Sonstiges | citizen company authority | Fristverlängerung, Terminverschiebung
S: Bitte um Fristverlängerung
S: Termin am {date_future} – [Absage|Verschiebung]
S: Fristverlängerung in der Angelegenheit {matter}
I: für die erbetene Stellungnahme bzw. die Vorlage der Unterlagen <bitte ich|bitten wir> um Verlängerung der Frist bis zum {date_future}.
I: den vereinbarten Termin am {date_future} um {time} Uhr <muss ich|müssen wir> leider absagen.
D: Grund ist [eine Erkrankung|ein Urlaub|die noch ausstehende Auskunft eines Dritten|eine dienstliche Verhinderung].
D: Einen Ersatztermin in der Woche ab dem {date_future2} könnte<n> <ich|wir> wahrnehmen.
D: <Ich bitte|Wir bitten> um Verständnis.
A: Bitte bestätigen Sie die Verlängerung kurz.
A: Bitte nennen Sie <mir|uns> einen neuen Termin.

== * | Sonstiges | citizen company | Unterschriebene Formulare zurück, Adressänderung
S: Rücksendung der unterschriebenen Unterlagen
S: Änderung <meiner|unserer> Anschrift
S: Unterlagen zu {matter}
I: anbei erhalten Sie die unterschriebenen Formulare zurück.
I: bitte beachten Sie, dass sich <meine|unsere> Anschrift geändert hat; die neue Adresse steht oben im Briefkopf.
D: Die Unterlagen habe<n> <ich|wir> geprüft und an den markierten Stellen unterschrieben.
D: Die Änderung gilt ab dem {date_past}.
D: Eine Kopie habe<n> <ich|wir> für <meine|unsere> Unterlagen behalten.
A: Vielen Dank.
A: Bitte verwenden Sie künftig nur noch die neue Anschrift.

== * | Beschwerde | citizen | Beschwerde über die Bearbeitungsdauer
S: Beschwerde über die Bearbeitungsdauer – {matter}
S: Immer noch keine Entscheidung
I: seit Monaten warte ich auf eine Entscheidung in meiner Angelegenheit.
I: ich bin sehr verärgert darüber, dass mein Anliegen ({matter}) immer noch nicht bearbeitet wurde.
D: Mehrere Anrufe blieben unbeantwortet.
D: Ich habe alle Unterlagen rechtzeitig eingereicht.
D: Mir entstehen durch die Verzögerung finanzielle Nachteile.
A: Ich erwarte eine zeitnahe Entscheidung.
A: Bitte teilen Sie mir mit, wer für meinen Fall zuständig ist.
"""
