using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// Results go under bin/ (git-ignored) rather than into whatever folder the command is run from;
// --artifacts on the command line still overrides this.
var config = DefaultConfig.Instance.WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"));
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
