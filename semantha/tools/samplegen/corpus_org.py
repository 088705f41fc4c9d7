"""The organisation of Stadt Musterstadt and the authorities that write to it.

The offices, document types, authorities and courts are in ``data/organisation.yaml``.
"""

from __future__ import annotations

from pydantic import model_validator

from semantha.tools.samplegen.datafiles import DataFile, load


class Office(DataFile):
    """One office: id, official name, other names seen on mail, and case forms for prose."""

    id: str
    name: str
    aliases: tuple[str, ...]
    nominative: str  # "das Tiefbauamt"
    dative: str  # "dem Tiefbauamt"
    genitive: str  # "des Tiefbauamts"
    building: str  # street address of the office's building
    weight: int  # relative amount of mail the office gets
    neighbours: tuple[str, ...]  # offices people mix it up with
    matters: tuple[str, ...]  # short names of its matters ("Bauantrag")
    file_codes: tuple[str, ...]  # letter codes in its Aktenzeichen ("63.2-BA-1234/25")


class Organisation(DataFile):
    doctypes: tuple[str, ...]
    offices: tuple[Office, ...]
    authorities: tuple[tuple[str, str, str, str], ...]  # name, unit, street, town
    courts: tuple[tuple[str, str, str], ...]  # name, street, town
    law_firms: tuple[str, ...]  # name patterns: {a}, {b} last names, {first} a first name

    @model_validator(mode="after")
    def _neighbours_are_other_offices(self) -> Organisation:
        ids = {office.id for office in self.offices}
        for office in self.offices:
            if not set(office.neighbours) <= ids - {office.id}:
                raise ValueError(f"office {office.id}: neighbours must be other offices' ids")
        return self


_ORGANISATION = load("organisation.yaml", Organisation)
DOCTYPES = _ORGANISATION.doctypes
OFFICES = _ORGANISATION.offices
OFFICE_BY_ID = {office.id: office for office in OFFICES}
OFFICE_IDS = tuple(office.id for office in OFFICES)
AUTHORITIES = _ORGANISATION.authorities
COURTS = _ORGANISATION.courts
LAW_FIRMS = _ORGANISATION.law_firms
