using BenchmarkDotNet.Attributes;
using Norma.Rules.Calendars;

namespace Norma.Benchmarks;

/// <summary>
/// The calendar engine's hot calls on the China 2020–2026 calendar (08:30–12:00, 14:30–18:00). Each benchmark
/// invocation runs <see cref="Calls"/> calls over precomputed starts spread over 2024–2026, so the reported time per
/// operation is per call.
/// </summary>
[MemoryDiagnoser]
public class CalendarBenchmarks
{
    public const int Calls = 1024;

    private static readonly TimeSpan ThreeDays = TimeSpan.FromHours(21);
    private static readonly TimeLimit ThreeWorkingDays = new(3, LimitUnit.Days, TimeBasis.Working);
    private readonly DateTimeOffset[] _starts = new DateTimeOffset[Calls];
    private readonly DateTimeOffset[] _ends = new DateTimeOffset[Calls];
    private readonly Pause[][] _pauses = new Pause[Calls][];
    private WorkingCalendar _calendar = null!;

    [GlobalSetup]
    public void Setup()
    {
        _calendar = WorkingCalendar.Compile(CalendarDefinition.ChinaStandard());
        var rng = new Random(2024);
        var from = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));
        for (var i = 0; i < Calls; i++)
        {
            _starts[i] = from.AddMinutes(rng.Next(0, 3 * 365 * 24 * 60)).ToUniversalTime();
            _ends[i] = _starts[i].AddMinutes(rng.Next(13 * 24 * 60, 15 * 24 * 60)); // about two weeks
            var p1 = _starts[i].AddMinutes(rng.Next(0, 24 * 60));
            var p2 = p1.AddMinutes(rng.Next(24 * 60, 2 * 24 * 60));
            _pauses[i] = [new Pause(p1, p1.AddMinutes(rng.Next(30, 8 * 60))), new Pause(p2, p2.AddMinutes(rng.Next(30, 8 * 60)))];
        }
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "AddWorkingTime(start, 21 h = 3 working days)")]
    public long AddWorkingTime()
    {
        long sum = 0;
        for (var i = 0; i < _starts.Length; i++)
        {
            sum += _calendar.AddWorkingTime(_starts[i], ThreeDays).UtcTicks;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "AddWorkingDays(start, 3)")]
    public long AddWorkingDays()
    {
        long sum = 0;
        for (var i = 0; i < _starts.Length; i++)
        {
            sum += _calendar.AddWorkingDays(_starts[i], 3).UtcTicks;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "WorkingTimeBetween(start, start + ~2 weeks)")]
    public long WorkingTimeBetween()
    {
        long sum = 0;
        for (var i = 0; i < _starts.Length; i++)
        {
            sum += _calendar.WorkingTimeBetween(_starts[i], _ends[i]).Ticks;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "Deadline(start, 3wd, 2 pauses)")]
    public long DeadlineWithPauses()
    {
        long sum = 0;
        for (var i = 0; i < _starts.Length; i++)
        {
            sum += _calendar.Deadline(_starts[i], ThreeWorkingDays, _pauses[i]).UtcTicks;
        }

        return sum;
    }

    [Benchmark(Description = "Compile(China 2020–2026), one compile")]
    public int Compile()
    {
        return WorkingCalendar.Compile(CalendarDefinition.ChinaStandard()).IsWorkingDay(new DateOnly(2025, 1, 1)) ? 1 : 0;
    }
}
