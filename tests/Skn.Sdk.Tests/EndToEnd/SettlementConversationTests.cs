using Skn.Sdk;
using Skn.V1;

namespace Skn.Sdk.Tests.EndToEnd;

/// <summary>
/// The whole settlement conversation of DOMAIN.md through the SDK against a real node on 127.0.0.1
/// with mutual TLS: every bericht type sent, received, opened and answered by the right party.
/// </summary>
public sealed class SettlementConversationTests : IAsyncLifetime
{
    private TestNode _node = null!;
    private SknClient _gemeente = null!;
    private SknClient _belasting = null!;
    private SknClient _energie = null!;
    private SknClient _woonstichting = null!;

    public async Task InitializeAsync()
    {
        _node = await TestNode.StartAsync();
        _gemeente = Clients.For(_node, Demo.Gemeente);
        _belasting = Clients.For(_node, Demo.Belasting);
        _energie = Clients.For(_node, Demo.EnergieNoord);
        _woonstichting = Clients.For(_node, Demo.Woonstichting);
    }

    public async Task DisposeAsync()
    {
        foreach (var client in new[] { _gemeente, _belasting, _energie, _woonstichting })
        {
            await client.DisposeAsync();
        }

        await _node.DisposeAsync();
    }

    [Fact]
    public async Task Settlement_KennisgevingThroughBeeindiging_EveryPartyReceivesWhatWasSent()
    {
        // Phase 1, stabilisatie: the Gemeente notifies a Publiek creditor (with BSN), which acknowledges.
        var kennisgeving = await _gemeente.SendAsync(Demo.Belasting, Berichten.Kennisgeving(withBsn: true));
        var receivedKennisgeving = await _belasting.ReceiveSingleAsync<Kennisgeving>();
        Assert.Equal(Berichten.Bsn, receivedKennisgeving.GetBericht<Kennisgeving>().Klant.Bsn);
        Assert.Equal(Demo.Gemeente, receivedKennisgeving.SenderOin);
        await _belasting.ReplyAsync(receivedKennisgeving, Berichten.KennisgevingAntwoord());
        var kennisgevingAntwoord = await _gemeente.ReceiveSingleAsync<KennisgevingAntwoord>();
        Assert.Equal(kennisgeving.MessageId, kennisgevingAntwoord.InReplyTo);
        Assert.Equal(kennisgeving.ConversationId, kennisgevingAntwoord.ConversationId);

        // A Nuts creditor does not know the client: Geen medewerking.
        await _gemeente.SendAsync(Demo.EnergieNoord, Berichten.Kennisgeving(withBsn: false));
        await _energie.ReplyAsync(await _energie.ReceiveSingleAsync<Kennisgeving>(), Berichten.GeenMedewerking());
        Assert.Equal(GeenMedewerkingReden.KlantOnbekend, (await _gemeente.ReceiveSingleAsync<GeenMedewerking>()).GetBericht<GeenMedewerking>().Reden);

        // Phase 2, schuldregelen: balances, within the dossier of the notice.
        var dossier = new SendOptions { ConversationId = kennisgeving.ConversationId };
        var saldoverzoek = await _gemeente.SendAsync(Demo.Belasting, Berichten.Saldoverzoek(withBsn: true, withMeterstanden: false), dossier);
        Assert.NotNull(saldoverzoek.ReplyDueDate);
        var receivedSaldoverzoek = await _belasting.ReceiveSingleAsync<Saldoverzoek>();
        Assert.Equal(saldoverzoek.ReplyDueDate, receivedSaldoverzoek.ReplyDueDate);
        await _belasting.ReplyAsync(receivedSaldoverzoek, Berichten.SaldoverzoekAntwoord());
        var saldo = (await _gemeente.ReceiveSingleAsync<SaldoverzoekAntwoord>()).GetBericht<SaldoverzoekAntwoord>();
        Assert.Equal(Berichten.SaldoverzoekAntwoord(), saldo);

        // The housing corporation takes part in Collectief Schuldregelen: balance with consent in advance.
        await _gemeente.SendAsync(Demo.Woonstichting, Berichten.Saldoverzoek(withBsn: false, withMeterstanden: false), dossier);
        await _woonstichting.ReplyAsync(await _woonstichting.ReceiveSingleAsync<Saldoverzoek>(), Berichten.VoorafAkkoord());
        var voorafAkkoord = await _gemeente.ReceiveSingleAsync<SaldoverzoekAntwoordVoorafAkkoord>();
        Assert.Equal(VoorafAkkoordGrondslag.CollectiefSchuldregelen, voorafAkkoord.GetBericht<SaldoverzoekAntwoordVoorafAkkoord>().Grondslag);

        // The proposal (with the VTLB PDF the Publiek, VTLB-verplicht creditor requires) is rejected, reconsidered, accepted.
        var voorstel = await _gemeente.SendAsync(Demo.Belasting, Berichten.Betaalvoorstel(withBsn: true, withVtlb: true, withMeterstanden: false), dossier);
        var receivedVoorstel = await _belasting.ReceiveSingleAsync<Betaalvoorstel>();
        Assert.Equal(BijlageSoort.VtlbRecofa, Assert.Single(receivedVoorstel.GetBericht<Betaalvoorstel>().Bijlagen).Soort);
        await _belasting.ReplyAsync(receivedVoorstel, Berichten.NietAkkoord());
        var nietAkkoord = await _gemeente.ReceiveSingleAsync<BetaalvoorstelAntwoordNietAkkoord>();
        Assert.Equal(voorstel.MessageId, nietAkkoord.InReplyTo);
        var heroverweging = await _gemeente.ReplyAsync(nietAkkoord, Berichten.Heroverweging());
        var receivedHeroverweging = await _belasting.ReceiveSingleAsync<Heroverweging>();
        Assert.Equal(nietAkkoord.MessageId, receivedHeroverweging.InReplyTo);
        await _belasting.ReplyAsync(receivedHeroverweging, Berichten.Akkoord());
        var akkoord = await _gemeente.ReceiveSingleAsync<BetaalvoorstelAntwoordAkkoord>();
        Assert.Equal(heroverweging.MessageId, akkoord.InReplyTo);

        // Notices within the dossier: the settlement is in force, and later ends.
        await _gemeente.SendAsync(Demo.Belasting, Berichten.RegelingGeaccordeerd(), dossier);
        Assert.Equal(kennisgeving.ConversationId, (await _belasting.ReceiveSingleAsync<RegelingGeaccordeerd>()).ConversationId);
        await _gemeente.SendAsync(Demo.Belasting, Berichten.Beeindiging(), dossier);
        var beeindiging = await _belasting.ReceiveSingleAsync<Beeindiging>();
        Assert.Equal(BeeindigingReden.AfgerondFinaleKwijting, beeindiging.GetBericht<Beeindiging>().Reden);

        // Every type of the contract went through, and every envelope was acknowledged.
        var trail = await _gemeente.ListTrailAsync().ToListAsync();
        Assert.Equal(Enum.GetValues<BerichtType>().Where(t => t != BerichtType.Unspecified).Order(), trail.Select(e => e.Envelope.Type).Distinct().Order());
        Assert.All(trail, e => Assert.Equal(EnvelopeState.Acknowledged, e.Envelope.State));
    }
}
