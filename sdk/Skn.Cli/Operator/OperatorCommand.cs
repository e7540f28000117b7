using System.CommandLine;
using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Skn.Certificates;
using Skn.Cli.Berichten;
using Skn.Cli.Commands;
using Skn.Cli.Errors;
using Skn.Cli.Output;
using Skn.V1;

namespace Skn.Cli.Operator;

/// <summary>
/// <c>skn operator participants|admit|change|suspend|reinstate|traffic|figures|audit</c>: the node
/// operator's (beheerder's) work, run with a profile that holds an operator certificate.
/// </summary>
internal static class OperatorCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("operator", "The node operator's commands (needs a profile with an operator certificate).");
        command.Subcommands.Add(CreateParticipants(context));
        command.Subcommands.Add(CreateAdmit(context));
        command.Subcommands.Add(CreateChange(context));
        command.Subcommands.Add(CreateStateChange(context, suspend: true));
        command.Subcommands.Add(CreateStateChange(context, suspend: false));
        command.Subcommands.Add(CreateTraffic(context));
        command.Subcommands.Add(CreateFigures(context));
        command.Subcommands.Add(CreateAudit(context));
        return command;
    }

    private static Command CreateParticipants(CliContext context)
    {
        var command = new Command("participants", "List every registered participant, suspended ones included.");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var connection = context.ConnectOperator(parseResult);
            var table = Tables.Create("OIN", "Name", "Role", "State", "Attributes");
            var token = "";
            do
            {
                var page = await connection.Client.ListRegisteredParticipantsAsync(
                    new ListRegisteredParticipantsRequest { PageSize = 1000, PageToken = token }, deadline: OperatorConnection.Deadline, cancellationToken: cancellationToken);
                foreach (var p in page.Participants)
                {
                    table.AddTextRow(p.Oin, p.Name, Display.Role(p.Role), Name(p.State), Display.Attributes(p.Attributes));
                }

                token = page.NextPageToken;
            }
            while (token.Length > 0);

            context.Environment.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateAdmit(CliContext context)
    {
        var oin = new Argument<string>("oin") { Description = "OIN of the new participant, 20 digits." };
        var name = new Option<string>("--name") { Description = "Organisation name.", Required = true };
        var role = new Option<string>("--role") { Description = "SHV or SE.", Required = true };
        var kvk = new Option<string?>("--kvk") { Description = "KvK number, 8 digits." };
        var attributes = new Option<string[]>("--attribute") { Description = "An attribute: PUBLIEK, NUTS, VTLB_VERPLICHT, VERLENGEN_AFHANDELTERMIJN. Repeat for more.", AllowMultipleArgumentsPerToken = true };
        var certificates = new Option<string[]>("--cert") { Description = "PEM file of the participant's public certificate (TLS, signing and encryption). Repeat for more.", Required = true };
        var command = new Command("admit", "Admit a new participant; it can connect as soon as this returns.") { oin, name, role, kvk, attributes, certificates };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var participant = new Participant
            {
                Oin = parseResult.GetRequiredValue(oin),
                Name = parseResult.GetRequiredValue(name),
                Role = ParseRole(parseResult.GetRequiredValue(role)),
                KvkNummer = parseResult.GetValue(kvk) ?? "",
            };
            participant.Attributes.AddRange((parseResult.GetValue(attributes) ?? []).Select(ParseAttribute));
            participant.Certificates.AddRange(parseResult.GetRequiredValue(certificates).Select(ReadCertificate));
            using var connection = context.ConnectOperator(parseResult);
            var response = await connection.Client.RegisterParticipantAsync(
                new RegisterParticipantRequest { Participant = participant }, deadline: OperatorConnection.Deadline, cancellationToken: cancellationToken);
            context.Environment.Output.WriteLine($"admitted {response.Participant.Oin} ({response.Participant.Name}, {Display.Role(response.Participant.Role)}): {Name(response.Participant.State)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateChange(CliContext context)
    {
        var oin = new Argument<string>("oin") { Description = "OIN of the participant." };
        var name = new Option<string?>("--name") { Description = "New organisation name." };
        var role = new Option<string?>("--role") { Description = "New role: SHV or SE." };
        var kvk = new Option<string?>("--kvk") { Description = "New KvK number; empty to clear." };
        var attributes = new Option<string[]?>("--attributes") { Description = "The full new list of attributes, comma-separated; empty for none.", };
        var certificates = new Option<string[]?>("--cert") { Description = "PEM file of a certificate; the given ones replace all current ones. Repeat for more." };
        var command = new Command("change", "Change a participant's name, role, KvK number, attributes or certificates.") { oin, name, role, kvk, attributes, certificates };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var participant = new Participant { Oin = parseResult.GetRequiredValue(oin) };
            var mask = new FieldMask();
            if (parseResult.GetValue(name) is { } newName)
            {
                participant.Name = newName;
                mask.Paths.Add("name");
            }

            if (parseResult.GetValue(role) is { } newRole)
            {
                participant.Role = ParseRole(newRole);
                mask.Paths.Add("role");
            }

            if (parseResult.GetValue(kvk) is { } newKvk)
            {
                participant.KvkNummer = newKvk;
                mask.Paths.Add("kvk_nummer");
            }

            if (parseResult.GetValue(attributes) is { } newAttributes)
            {
                participant.Attributes.AddRange(newAttributes
                    .SelectMany(a => a.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    .Select(ParseAttribute));
                mask.Paths.Add("attributes");
            }

            if (parseResult.GetValue(certificates) is { Length: > 0 } files)
            {
                participant.Certificates.AddRange(files.Select(ReadCertificate));
                mask.Paths.Add("certificates");
            }

            if (mask.Paths.Count == 0)
            {
                throw new UsageException("nothing to change: give --name, --role, --kvk, --attributes or --cert");
            }

            using var connection = context.ConnectOperator(parseResult);
            var response = await connection.Client.UpdateParticipantAsync(
                new UpdateParticipantRequest { Participant = participant, UpdateMask = mask }, deadline: OperatorConnection.Deadline, cancellationToken: cancellationToken);
            var p = response.Participant;
            context.Environment.Output.WriteLine($"changed {p.Oin}: {p.Name}, {Display.Role(p.Role)}, attributes: {(p.Attributes.Count == 0 ? "none" : Display.Attributes(p.Attributes))}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateStateChange(CliContext context, bool suspend)
    {
        var oin = new Argument<string>("oin") { Description = "OIN of the participant." };
        var reason = new Option<string?>("--reason") { Description = "Why, for the operator audit log." };
        var command = suspend
            ? new Command("suspend", "Suspend a participant: its streams end and its calls are refused at once.") { oin, reason }
            : new Command("reinstate", "Reinstate a suspended participant: it may connect again at once.") { oin, reason };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var connection = context.ConnectOperator(parseResult);
            var target = parseResult.GetRequiredValue(oin);
            var why = parseResult.GetValue(reason) ?? "";
            var participant = suspend
                ? (await connection.Client.SuspendParticipantAsync(new SuspendParticipantRequest { Oin = target, Reason = why }, deadline: OperatorConnection.Deadline, cancellationToken: cancellationToken)).Participant
                : (await connection.Client.ReinstateParticipantAsync(new ReinstateParticipantRequest { Oin = target, Reason = why }, deadline: OperatorConnection.Deadline, cancellationToken: cancellationToken)).Participant;
            context.Environment.Output.WriteLine($"{participant.Oin} ({participant.Name}): {Name(participant.State)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateTraffic(CliContext context)
    {
        var participant = new Option<string?>("--participant") { Description = "Only berichten this OIN sent or received." };
        var types = new Option<string[]>("--type") { Description = "Only this bericht type (for example saldoverzoek). Repeat for more.", AllowMultipleArgumentsPerToken = true };
        var states = new Option<string[]>("--state") { Description = "Only this state: pending, delivered, acknowledged, expired, poisoned. Repeat for more.", AllowMultipleArgumentsPerToken = true };
        var from = new Option<string?>("--from") { Description = "Only berichten sent on or after this date (yyyy-MM-dd, Dutch time)." };
        var to = new Option<string?>("--to") { Description = "Only berichten sent before this date (yyyy-MM-dd, Dutch time)." };
        var limit = new Option<int>("--limit") { Description = "Most berichten to show (default 100).", DefaultValueFactory = _ => 100 };
        var command = new Command("traffic", "Show the flow of berichten across all participants, newest first: type, parties, times, state. Never content.") { participant, types, states, from, to, limit };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var request = new ListTrafficRequest { ParticipantOin = parseResult.GetValue(participant) ?? "" };
            request.BerichtTypes.AddRange((parseResult.GetValue(types) ?? []).Select(t => BerichtCatalog.Find(t).Type));
            request.States.AddRange((parseResult.GetValue(states) ?? []).Select(ParseState));
            if (parseResult.GetValue(from) is { } start)
            {
                request.StartTime = Timestamp.FromDateTimeOffset(DateArguments.Parse("--from", start));
            }

            if (parseResult.GetValue(to) is { } end)
            {
                request.EndTime = Timestamp.FromDateTimeOffset(DateArguments.Parse("--to", end));
            }

            var wanted = parseResult.GetValue(limit);
            if (wanted < 1)
            {
                throw new UsageException("--limit must be at least 1");
            }

            using var connection = context.ConnectOperator(parseResult);
            var table = Tables.Create("Sent", "Type", "Sender", "Recipient", "State", "Deliveries", "Outcome", "Message id");
            var shown = 0;
            do
            {
                request.PageSize = Math.Min(1000, wanted - shown);
                var page = await connection.Client.ListTrafficAsync(request, deadline: OperatorConnection.Deadline, cancellationToken: cancellationToken);
                foreach (var e in page.Entries)
                {
                    table.AddTextRow(Display.Time(e.SendTime), BerichtCatalog.NameOf(e.Type), e.SenderOin, e.RecipientOin, Display.State(e.State),
                        e.DeliveryAttempts.ToString(CultureInfo.InvariantCulture), Display.Time(e.OutcomeTime), e.MessageId);
                    shown++;
                }

                request.PageToken = page.NextPageToken;
            }
            while (request.PageToken.Length > 0 && shown < wanted);

            if (shown == 0)
            {
                context.Environment.Output.WriteLine("no berichten match");
            }
            else
            {
                context.Environment.Console.Write(table);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateFigures(CliContext context)
    {
        var participant = new Option<string?>("--participant") { Description = "Only this OIN." };
        var command = new Command("figures", "Per participant: berichten waiting, the oldest waiting since, set aside, expired in the last 30 days.") { participant };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var connection = context.ConnectOperator(parseResult);
            var response = await connection.Client.ListParticipantFiguresAsync(
                new ListParticipantFiguresRequest { ParticipantOin = parseResult.GetValue(participant) ?? "" }, deadline: OperatorConnection.Deadline, cancellationToken: cancellationToken);
            var table = Tables.Create("OIN", "Name", "State", "Pending", "Oldest pending", "Poisoned", "Expired (30 days)");
            foreach (var f in response.Figures)
            {
                table.AddTextRow(f.Oin, f.Name, Name(f.State), Count(f.PendingCount), Display.Time(f.OldestPendingSendTime), Count(f.PoisonedCount), Count(f.ExpiredCount));
            }

            context.Environment.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateAudit(CliContext context)
    {
        var limit = new Option<int>("--limit") { Description = "Most entries to show, newest first (default 50).", DefaultValueFactory = _ => 50 };
        var command = new Command("audit", "Show the operator audit log, newest first: who did what, when, and how it ended.") { limit };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var wanted = Math.Clamp(parseResult.GetValue(limit), 1, 1000);
            using var connection = context.ConnectOperator(parseResult);
            var response = await connection.Client.ListAuditEntriesAsync(
                new ListAuditEntriesRequest { PageSize = wanted }, deadline: OperatorConnection.Deadline, cancellationToken: cancellationToken);
            var table = Tables.Create("Time", "Operator", "Action", "Participant", "Outcome", "Details");
            foreach (var e in response.Entries)
            {
                table.AddTextRow(Display.Time(e.Time), e.OperatorOin.Length == 0 ? "(refused) " + e.CallerSubject : e.OperatorOin, e.Action, e.ParticipantOin, e.Outcome,
                    e.Message.Length == 0 ? e.Details : e.Details + (e.Details.Length == 0 ? "" : "; ") + e.Message);
            }

            context.Environment.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static ParticipantCertificate ReadCertificate(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"--cert: {path} does not exist");
        }

        using var certificate = PemFiles.LoadCertificate(path);
        return new ParticipantCertificate { Der = ByteString.CopyFrom(certificate.RawData) };
    }

    private static Role ParseRole(string text) => text.Trim().ToUpperInvariant() switch
    {
        "SHV" => Role.Shv,
        "SE" => Role.Se,
        _ => throw new UsageException($"--role: '{text}' is not SHV or SE"),
    };

    private static ParticipantAttribute ParseAttribute(string text) => text.Trim().ToUpperInvariant().Replace(' ', '_') switch
    {
        "PUBLIEK" => ParticipantAttribute.Publiek,
        "NUTS" => ParticipantAttribute.Nuts,
        "VTLB_VERPLICHT" => ParticipantAttribute.VtlbVerplicht,
        "VERLENGEN_AFHANDELTERMIJN" => ParticipantAttribute.VerlengenAfhandeltermijn,
        _ => throw new UsageException($"'{text}' is not an attribute: PUBLIEK, NUTS, VTLB_VERPLICHT, VERLENGEN_AFHANDELTERMIJN"),
    };

    private static EnvelopeState ParseState(string text) =>
        System.Enum.TryParse<EnvelopeState>(text.Trim(), ignoreCase: true, out var state) && state != EnvelopeState.Unspecified && System.Enum.IsDefined(state)
            ? state
            : throw new UsageException($"--state: '{text}' is not pending, delivered, acknowledged, expired or poisoned");

    private static string Name(ParticipantState state) => state.ToString().ToLowerInvariant();

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);
}
