using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Norma.Benchmarks -- --filter '*'
// A short job keeps the whole run to a couple of minutes on 2 cores; pass --job default for a full run.
var config = DefaultConfig.Instance.AddJob(Job.ShortRun.WithId("ShortRun"));
BenchmarkSwitcher.FromAssembly(typeof(Norma.Benchmarks.CalendarBenchmarks).Assembly).Run(args, config);
