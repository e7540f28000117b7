using Skn.Cli.Berichten;
using Skn.Sdk;

namespace Skn.Cli.Output;

/// <summary>Where <c>skn fetch</c> puts each received message.</summary>
internal interface IFetchSink
{
    /// <summary>Shows or stores one message.</summary>
    void Add(ReceivedMessage message);

    /// <summary>Called once the fetch ended.</summary>
    void Complete();
}

/// <summary>A table of what arrived; in follow mode a line per message instead, since a table only renders once complete.</summary>
internal sealed class TableSink(CliEnvironment environment, bool follow) : IFetchSink
{
    private readonly List<ReceivedMessage> _messages = [];

    /// <inheritdoc />
    public void Add(ReceivedMessage message)
    {
        if (follow)
        {
            environment.Output.WriteLine($"{message.MessageId}  {BerichtCatalog.NameOf(message.Type)}  from {message.SenderOin}  sent {Display.Time(message.SendTime)}  reply due {Display.Date(message.ReplyDueDate)}");
            environment.Output.Flush();
            return;
        }

        _messages.Add(message);
    }

    /// <inheritdoc />
    public void Complete()
    {
        if (follow)
        {
            return;
        }

        if (_messages.Count == 0)
        {
            environment.Output.WriteLine("no messages waiting");
            return;
        }

        var table = Tables.Create("Message id", "Type", "Sender", "Sent", "Reply due");
        foreach (var message in _messages)
        {
            table.AddTextRow(message.MessageId, BerichtCatalog.NameOf(message.Type), message.SenderOin, Display.Time(message.SendTime), Display.Date(message.ReplyDueDate));
        }

        environment.Console.Write(table);
        environment.Output.WriteLine($"{_messages.Count} message(s) fetched, not yet acknowledged: 'skn ack <message id>...' once processed");
    }
}

/// <summary>One JSON object per line on standard output.</summary>
internal sealed class JsonLineSink(TextWriter output) : IFetchSink
{
    /// <inheritdoc />
    public void Add(ReceivedMessage message) => JsonLines.WriteLine(output, BerichtJson.ToJson(message));

    /// <inheritdoc />
    public void Complete()
    {
    }
}

/// <summary>One &lt;message id&gt;.json per message in a folder; the path of each file on standard output.</summary>
internal sealed class FileSink : IFetchSink
{
    private readonly string _directory;
    private readonly TextWriter _output;

    /// <summary>Creates the folder when needed.</summary>
    public FileSink(string directory, TextWriter output)
    {
        _directory = directory;
        _output = output;
        Directory.CreateDirectory(directory);
    }

    /// <inheritdoc />
    public void Add(ReceivedMessage message)
    {
        // The id comes from the sender; the node checks it is a UUID, and this keeps a bad one out of other folders.
        if (message.MessageId.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || message.MessageId.StartsWith('.'))
        {
            throw new InvalidDataException($"message id '{message.MessageId}' cannot be used as a file name");
        }

        var path = Path.Combine(_directory, message.MessageId + ".json");
        JsonLines.WriteFile(path, BerichtJson.ToJson(message));
        _output.WriteLine(path);
        _output.Flush();
    }

    /// <inheritdoc />
    public void Complete()
    {
    }
}
