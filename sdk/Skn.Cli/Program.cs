using Skn.Cli;

// Everything lives in SknCli so tests can run the same program in-process with their own environment.
return await SknCli.RunAsync(args, CliEnvironment.FromProcess());
