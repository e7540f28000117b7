"""Test data: one client's Saldoverzoek as a debt counsellor's system would fill it, and the answer a
creditor's administration would give (the same shape as sdk/samples/SaldoBeantwoorder's Balances).
Filled so that the .NET SDK's content rules accept both, should an SDK party take part.
"""

import datetime

from skn.v1 import berichten_pb2, gegevens_pb2


def _date(day: datetime.date) -> gegevens_pb2.Date:
    return gegevens_pb2.Date(year=day.year, month=day.month, day=day.day)


def saldoverzoek(klantnummer: str) -> berichten_pb2.Saldoverzoek:
    request = berichten_pb2.Saldoverzoek(
        klantnummer_shv=klantnummer,
        type_schuldregeling=gegevens_pb2.TYPE_SCHULDREGELING_SCHULDBEMIDDELING,
        klant=gegevens_pb2.Persoon(geslacht=gegevens_pb2.GESLACHT_VROUW, voorletters="J.", voornamen="Johanna",
                                   achternaam="Jansen", geboortedatum=_date(datetime.date(1984, 3, 12))),
        adres=gegevens_pb2.Adres(nederlands_adres=gegevens_pb2.NederlandsAdres(
            straatnaam="Dorpsstraat", huisnummer=12, postcode="1234AB", woonplaats="Voorbeeldstad")),
        contactpersoon_shv=gegevens_pb2.Contactpersoon(naam="P. de Vries", telefoonnummer="0301234567",
                                                       email="schuldhulp@voorbeeldstad.nl"),
        peildatum=_date(datetime.date.today()),
        gemeentecode="0344",
    )
    request.vorderingen.add(factuurnummer_se_volgens_shv="HUUR-2026-04", omschrijving="Huurachterstand april",
                            bedrag_volgens_shv_cent=81_250)
    request.vorderingen.add(factuurnummer_se_volgens_shv="HUUR-2026-05", omschrijving="Huurachterstand mei")
    return request


def saldoverzoek_antwoord(request: berichten_pb2.Saldoverzoek) -> berichten_pb2.SaldoverzoekAntwoord:
    """One claim per invoice the request names: principal, 2 % interest and 40 euro costs."""
    answer = berichten_pb2.SaldoverzoekAntwoord(
        klantnummer_se="K-" + request.klantnummer_shv,
        peildatum=request.peildatum,
        contactpersoon_se=gegevens_pb2.Contactpersoon(naam="Afdeling Debiteuren", telefoonnummer="0201234567",
                                                      email="debiteuren@example.nl"),
        betaalgegevens=gegevens_pb2.Betaalgegevens(iban="NL91ABNA0417164300", tenaamstelling="Woonstichting De Sleutel",
                                                   betaalreferentie="SR-" + request.klantnummer_shv),
    )
    for index, claim in enumerate(request.vorderingen, start=1):
        hoofdsom = claim.bedrag_volgens_shv_cent if claim.HasField("bedrag_volgens_shv_cent") else 45_000 * index
        rente, kosten = hoofdsom // 50, 4_000
        answer.vorderingen.add(
            factuurnummer_se=claim.factuurnummer_se_volgens_shv,
            factuurnummer_se_volgens_shv=claim.factuurnummer_se_volgens_shv,
            schuldtype=gegevens_pb2.SCHULDTYPE_OPENSTAANDE_SCHULD,
            oorspronkelijke_vordering_cent=hoofdsom,
            hoofdsom_cent=hoofdsom,
            rente_cent=rente,
            kosten_cent=kosten,
            openstaand_saldo_cent=hoofdsom + rente + kosten,
        )
    answer.totaal_openstaand_cent = sum(v.openstaand_saldo_cent for v in answer.vorderingen)
    return answer
