using System.Diagnostics;
using Skn.Node.Delivery;
using Skn.Node.Transport.Errors;
using Skn.V1;

namespace Skn.Node.Telemetry;

/// <summary>
/// The node's spans, activity source "Skn.Node": one per Send (and per item of a BatchSend), one
/// per FetchPending stream and one per ReleasePoisoned. Attributes are bericht types, sizes, roles,
/// counts and outcomes: never an OIN, a message or dossier id, a BSN or content (docs/metrics.md
/// says why).
/// </summary>
internal static class NodeTracing
{
    /// <summary>The activity source's name.</summary>
    public const string SourceName = "Skn.Node";

    public const string SendSpan = "skn.send";
    public const string FetchSpan = "skn.fetch_pending";
    public const string ReleasePoisonedSpan = "skn.release_poisoned";

    public static readonly ActivitySource Source = new(SourceName);

    public static Activity? StartSend(Envelope? envelope, Role senderRole)
    {
        var activity = Source.StartActivity(SendSpan, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("skn.bericht_type", NodeMetrics.TypeName(envelope?.Type ?? BerichtType.Unspecified));
            activity.SetTag("skn.sealed_content.size", envelope?.SealedContent.Length ?? 0);
            activity.SetTag("skn.sender.role", RoleName(senderRole));
        }

        return activity;
    }

    public static void Refused(Activity? activity, ErrorReason reason)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag("skn.send.outcome", "refused");
        activity.SetTag("skn.error_reason", RpcErrors.ReasonName(reason));
        activity.SetStatus(ActivityStatusCode.Error);
    }

    public static void Accepted(Activity? activity) => activity?.SetTag("skn.send.outcome", "accepted");

    public static Activity? StartFetch(FetchSettings settings, Role role)
    {
        var activity = Source.StartActivity(FetchSpan, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("skn.recipient.role", RoleName(role));
            activity.SetTag("skn.fetch.follow", settings.Follow);
            activity.SetTag("skn.fetch.snapshot", settings.Snapshot);
            activity.SetTag("skn.fetch.max_in_flight", settings.MaxInFlight);
        }

        return activity;
    }

    public static void Fetched(Activity? activity, int delivered) => activity?.SetTag("skn.fetch.delivered", delivered);

    /// <summary>Counts only: which envelopes were asked for is the caller's business and the trail's, not telemetry's.</summary>
    public static Activity? StartReleasePoisoned(Role role, int requested)
    {
        var activity = Source.StartActivity(ReleasePoisonedSpan, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("skn.recipient.role", RoleName(role));
            activity.SetTag("skn.poison.requested", requested);
        }

        return activity;
    }

    public static void ReleasedPoisoned(Activity? activity, int released) => activity?.SetTag("skn.poison.released", released);

    /// <summary>A call that failed: its error reason when it was refused, otherwise the exception's type; status Error.</summary>
    public static void Failed(Activity? activity, Exception exception)
    {
        if (activity is null)
        {
            return;
        }

        if (exception is Grpc.Core.RpcException refused)
        {
            activity.SetTag("skn.error_reason", RpcErrors.ReasonName(RpcErrors.ToFailure(refused).Reason));
        }
        else
        {
            activity.SetTag("error.type", exception.GetType().Name);
        }

        activity.SetStatus(ActivityStatusCode.Error);
    }

    private static string RoleName(Role role) => role switch
    {
        Role.Shv => "shv",
        Role.Se => "se",
        _ => "other",
    };
}
