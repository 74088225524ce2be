using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Norma.Modules.Cases.Domain;
using Norma.Modules.Catalog.Contracts;
using Norma.Rules.Cases;
using Norma.Rules.Processes;
using Norma.Shared.Errors;

namespace Norma.Modules.Cases.Features.Handling;

/// <summary>
/// The case's run of its item's process template version (the version published at intake, kept even when superseded):
/// the position lives on the case (active and done step keys, outcome) and each activation is a <see cref="CaseStep"/>
/// row with its due instant, which the timer reads for 超时默认.
/// </summary>
public sealed class ProcessSteps(CaseUnitOfWork uow, IServiceCatalog catalog, Clocks.CaseClocks clocks)
{
    public static ProcessState StateOf(Case c) => c.ProcessOutcome is null
        ? ProcessState.Empty
        : new ProcessState(Split(c.ProcessActive), Split(c.ProcessDone), c.ProcessOutcome.Value);

    private static string[] Split(string? s) => string.IsNullOrEmpty(s) ? [] : s.Split(',');

    /// <summary>Starts the item's published process on a new case (nothing when the item has none).</summary>
    public async Task StartAsync(Case c, CaseItemInfo item, DateTime now, CancellationToken ct)
    {
        if (item.ProcessTemplateId is not { } templateId || await catalog.PublishedProcessAsync(templateId, ct) is not { } version)
        {
            return;
        }

        c.ProcessVersionId = version.VersionId;
        await MoveAsync(c, version.Definition, ProcessState.Empty, ProcessRun.Start(version.Definition), now, ct);
    }

    public async Task<ProcessDefinition> DefinitionAsync(Case c, CancellationToken ct) =>
        c.ProcessVersionId is { } id && await catalog.ProcessVersionAsync(id, ct) is { } v
            ? v.Definition
            : throw new BusinessRuleException(uow.Text["Cases.NoProcess"]);

    /// <summary>
    /// Stores the new position: steps that left the active set are ended with <paramref name="outcome"/> (the one acted
    /// on) or "dropped"; newly active steps get a row with their due instant on the case unit's calendar.
    /// </summary>
    public async Task MoveAsync(Case c, ProcessDefinition definition, ProcessState before, ProcessState after, DateTime now, CancellationToken ct,
        string? actedStep = null, string? outcome = null, string? by = null, IReadOnlyDictionary<string, string>? values = null,
        IReadOnlyCollection<string>? signOffs = null, string? note = null)
    {
        c.ProcessActive = string.Join(',', after.Active);
        c.ProcessDone = string.Join(',', after.Done);
        c.ProcessOutcome = after.Outcome;
        var db = uow.Db;
        var ended = before.Active.Except(after.Active).ToList();
        if (actedStep is not null && !ended.Contains(actedStep))
        {
            ended.Add(actedStep);
        }

        if (ended.Count > 0)
        {
            var rows = await db.Steps.Where(s => s.CaseId == c.Id && s.Outcome == null && ended.Contains(s.StepKey)).ToListAsync(ct);
            rows.AddRange(db.Steps.Local.Where(s => s.CaseId == c.Id && s.Outcome == null && ended.Contains(s.StepKey) && !rows.Contains(s)));
            foreach (var row in rows)
            {
                var acted = row.StepKey == actedStep;
                row.Outcome = acted ? outcome : "dropped";
                row.EndedAt = now;
                row.EndedBy = by;
                if (acted)
                {
                    row.Values = values is { Count: > 0 } ? JsonSerializer.Serialize(values, CaseUnitOfWork.Json) : null;
                    row.SignOffs = signOffs is { Count: > 0 } ? string.Join(',', signOffs) : null;
                    row.Note = note;
                }
            }
        }

        var started = after.Active.Except(before.Active).ToList();
        if (started.Count == 0)
        {
            return;
        }

        var calendar = (await clocks.UnitCalendarAsync(c.UnitId, new DateTimeOffset(now, TimeSpan.Zero), ct)).Compiled;
        foreach (var key in started)
        {
            var step = definition.Steps.First(s => s.Key == key);
            DateTime? due = step.TimeLimit is { } limit ? calendar.Deadline(new DateTimeOffset(now, TimeSpan.Zero), limit) is var d && d != DateTimeOffset.MaxValue ? d.UtcDateTime : null : null;
            db.Steps.Add(new CaseStep
            {
                Id = Guid.CreateVersion7(),
                CaseId = c.Id,
                StepKey = key,
                Name = step.Name,
                ActivatedAt = now,
                DueAt = due,
            });
        }
    }
}
