using System.CommandLine;
using Skn.Bench.Commands;

// The mailbox benchmark and its helpers. bench/run.sh is the documented way in; see bench/README.md.
var root = new RootCommand("Skn benchmarks: the node beside Redis Streams, RabbitMQ and NATS JetStream, and the node at scale.")
{
    MailboxCommand.Create(),
    ScaleCommand.Create(),
    StoreLoopCommand.Create(),
    SoakCommand.Create(),
    ServeMemoryCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
