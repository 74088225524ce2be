using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Norma.Modules.Evaluation.Data;
using Norma.Modules.Evaluation.Domain;
using Norma.Shared;
using Norma.Shared.Access;
using Norma.Shared.Persistence;

namespace Norma.Modules.Evaluation.Features.Entry;

/// <summary><see cref="SubjectId"/> is a staff member's account id, or a unit's id in a scheme that scores units.</summary>
public sealed record SetManualScoreRequest(Guid? SubjectId, string? IndicatorKey, decimal? Score, string? Note, int? Version = null);

public sealed record ManualScoreDto(Guid Id, Guid SchemeId, string PeriodCode, FigureSubjectKind SubjectKind, Guid SubjectId, string IndicatorKey, decimal Score, string Note, DateTime At, string By, int Version);

/// <summary>Scores given by hand (评议) for "manual" indicators: one per scheme, period, subject (person or unit) and indicator; the note is mandatory.</summary>
internal sealed class ManualScoreService(EvaluationDbContext db, EntryContext entry, IStringLocalizer<SharedResource> text, TimeProvider clock)
{
    public async Task<IReadOnlyList<ManualScoreDto>> ListAsync(Actor actor, Guid schemeId, string period, CancellationToken ct = default)
    {
        actor.RequireEnter(text);
        var target = await entry.TargetAsync(schemeId, period, ct);
        var reach = await entry.ReachAsync(actor, ct);
        return (await db.ManualScores.AsNoTracking().Where(m => m.SchemeId == target.Record.Id && m.PeriodCode == target.Period.Code).ToListAsync(ct))
            .Where(m => reach(m.SubjectKind, m.SubjectId))
            .OrderBy(m => m.SubjectId).ThenBy(m => m.IndicatorKey, StringComparer.Ordinal).Select(ToDto).ToList();
    }

    /// <summary>Sets (or replaces) the score; 400 without a note or outside 0 … the indicator's maximum.</summary>
    public async Task<ManualScoreDto> SetAsync(Actor actor, Guid schemeId, string period, SetManualScoreRequest body, CancellationToken ct = default)
    {
        actor.RequireEnter(text);
        var target = await entry.TargetAsync(schemeId, period, ct);
        var subject = await entry.SubjectAsync(actor, target, body.SubjectId, ct);
        var indicator = await entry.IndicatorAsync(target, subject, body.IndicatorKey, IndicatorEntry.Manual, ct);
        new Validation(text)
            .Required("Note", body.Note, 500)
            .Check(body.Score is { } s && s >= 0 && s <= indicator.Max, "Score", text["Eval.ScoreRange", indicator.Max])
            .ThrowIfAny();

        var score = await db.ManualScores.SingleOrDefaultAsync(
            m => m.SchemeId == target.Record.Id && m.PeriodCode == target.Period.Code && m.SubjectKind == subject.Kind && m.SubjectId == subject.Id && m.IndicatorKey == indicator.Key, ct);
        if (score is null)
        {
            score = new ManualScore { Id = Guid.CreateVersion7(), SchemeId = target.Record.Id, PeriodCode = target.Period.Code, SubjectKind = subject.Kind, SubjectId = subject.Id, IndicatorKey = indicator.Key };
            db.ManualScores.Add(score);
        }
        else
        {
            db.ExpectVersion(score, body.Version);
        }

        score.Score = body.Score!.Value;
        score.Note = body.Note!.Trim();
        score.At = clock.GetUtcNow().UtcDateTime;
        score.By = actor.UserName;
        db.AuditActor = actor.ForAudit();
        await db.SaveOrConflictAsync(text, ct);
        return ToDto(score);
    }

    private static ManualScoreDto ToDto(ManualScore m) => new(m.Id, m.SchemeId, m.PeriodCode, m.SubjectKind, m.SubjectId, m.IndicatorKey, m.Score, m.Note, m.At, m.By, m.Version);
}
