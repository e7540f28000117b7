// A creditor (SE) that answers every Saldoverzoek it receives with its balance, using the Skn SDK.
//
//   dotnet run --project sdk/samples/SaldoBeantwoorder -- answer   [--once]   (as the SE)
//   dotnet run --project sdk/samples/SaldoBeantwoorder -- request             (as an SHV, to try it)
//
// It uses the development certificates the node writes on first start (src/Skn.Node/data/certs);
// --certs, --node, --se and --shv override the defaults.
using Skn.Sdk;
using SaldoBeantwoorder;
using Skn.V1;

var settings = SampleSettings.Parse(args);
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

try
{
    return settings.Command switch
    {
        "answer" => await AnswerAsync(settings, stop.Token),
        "request" => await RequestAsync(settings, stop.Token),
        _ => Usage(),
    };
}
catch (SknException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 1;
}
catch (OperationCanceledException)
{
    return 0;
}

static async Task<int> AnswerAsync(SampleSettings settings, CancellationToken cancellationToken)
{
    await using var client = new SknClient(settings.ClientOptions(settings.SeOin));
    Console.WriteLine($"Answering Saldoverzoeken as {client.Oin}{(settings.Once ? "" : " (Ctrl+C stops)")}...");

    var options = new FetchOptions { Follow = !settings.Once };
    options.BerichtTypes.Add(BerichtType.Saldoverzoek);
    var answered = await client.ProcessAsync(
        async (message, ct) =>
        {
            var answer = Balances.AnswerFor(message.GetBericht<Saldoverzoek>());
            var sent = await client.ReplyAsync(message, answer, cancellationToken: ct);
            Console.WriteLine($"{message.MessageId} from {message.SenderOin}: answered with {sent.MessageId} (total {answer.TotaalOpenstaandCent / 100m:N2} EUR)");
        },
        options,
        cancellationToken);
    Console.WriteLine($"{answered} Saldoverzoek(en) answered.");
    return 0;
}

static async Task<int> RequestAsync(SampleSettings settings, CancellationToken cancellationToken)
{
    await using var client = new SknClient(settings.ClientOptions(settings.ShvOin));
    var sent = await client.SendAsync(settings.SeOin, Balances.ExampleRequest(), cancellationToken: cancellationToken);
    Console.WriteLine($"Saldoverzoek {sent.MessageId} sent to {settings.SeOin}; reply due {sent.ReplyDueDate:yyyy-MM-dd}.");

    // Wait for the answer: follow our own mailbox until the answer to this request arrives.
    var options = new FetchOptions { Follow = true };
    options.BerichtTypes.Add(BerichtType.SaldoverzoekAntwoord);
    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    timeout.CancelAfter(settings.Wait);
    try
    {
        await foreach (var message in client.FetchAsync(options, timeout.Token))
        {
            var antwoord = message.GetBericht<SaldoverzoekAntwoord>();
            Console.WriteLine($"Answer {message.MessageId} to {message.InReplyTo}: {antwoord.Vorderingen.Count} vordering(en), total {antwoord.TotaalOpenstaandCent / 100m:N2} EUR");
            await message.AcknowledgeAsync(cancellationToken);
            if (message.InReplyTo == sent.MessageId)
            {
                return 0;
            }
        }
    }
    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
    {
        Console.Error.WriteLine($"No answer within {settings.Wait.TotalSeconds:0} s; is the answering side running?");
    }

    return 1;
}

static int Usage()
{
    Console.Error.WriteLine("usage: SaldoBeantwoorder answer [--once] | request   [--node URL] [--certs DIR] [--se OIN] [--shv OIN]");
    return 2;
}
