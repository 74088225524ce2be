using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Norma.Modules.Evaluation.Data;
using Norma.Modules.Evaluation.Domain;
using Norma.Rules.Evaluation;
using Norma.Shared.Access;
using Norma.Shared.Errors;
using Norma.Shared.Persistence;

namespace Norma.Modules.Evaluation.Features.Schemes;

/// <summary>A problem the validator found in a stored scheme version (error or warning); the message is Chinese, from the engine.</summary>
public sealed record SchemeProblemDto(string Code, ProblemSeverity Severity, string Path, string Message);

/// <summary>Why a file did not parse at all: where (JSONPath, line, column) and what, in Chinese.</summary>
public sealed record SchemeFileProblemDto(string Code, string Path, int Line, int Column, string Message);

public sealed record SchemeSummaryDto(
    Guid Id, string Code, int Number, string Label, string Name, SchemeStatus Status, bool CanPublish, int Errors, int Warnings,
    DateTime CreatedAt, string CreatedBy, DateTime? ActivatedAt);

public sealed record SchemePositionDto(string Key, string Name, int Indicators);

public sealed record SchemeDto(
    Guid Id, string Code, int Number, string Label, string Name, SchemeStatus Status, PeriodType Period, SubjectKind Subject, bool CanPublish,
    IReadOnlyList<SchemeProblemDto> Problems, IReadOnlyList<SchemePositionDto> Positions, DateTime CreatedAt, string CreatedBy,
    DateTime? ActivatedAt, string? ActivatedBy, DateTime? RetiredAt, int Version);

/// <summary>The outcome of an import: the stored draft, or (file unreadable) the problems and nothing stored.</summary>
public sealed record SchemeImportOutcome(SchemeDto? Scheme, IReadOnlyList<SchemeFileProblemDto> FileProblems);

/// <summary>
/// Evaluation schemes (测评方案) as versioned files: import (parse → validate → store as draft), export, activate.
/// An activated version never changes; a new version of the same code replaces it on activation.
/// </summary>
public sealed class SchemeService(EvaluationDbContext db, IStringLocalizer<SharedResource> text, TimeProvider clock)
{
    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public async Task<IReadOnlyList<SchemeSummaryDto>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        actor.RequireSchemeRead(text);
        var rows = await db.Schemes.AsNoTracking().OrderBy(s => s.Code).ThenByDescending(s => s.Number).ToListAsync(ct);
        return rows.Select(s =>
        {
            var problems = Problems(s);
            return new SchemeSummaryDto(
                s.Id, s.Code, s.Number, s.Label, s.Name, s.Status, s.CanPublish, problems.Count(p => p.Severity == ProblemSeverity.Error),
                problems.Count(p => p.Severity == ProblemSeverity.Warning), s.CreatedAt, s.CreatedBy, s.ActivatedAt);
        }).ToList();
    }

    public async Task<SchemeDto> GetAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        actor.RequireSchemeRead(text);
        return ToDto(await FindAsync(id, ct));
    }

    /// <summary>Parses and validates the file; stores it as the next draft version of its code unless it does not parse.</summary>
    public async Task<SchemeImportOutcome> ImportAsync(Actor actor, string? file, CancellationToken ct = default)
    {
        actor.RequireDesign(text);
        var parsed = SchemeJson.Parse(file);
        if (!parsed.Succeeded)
        {
            return new(null, parsed.Problems.Select(p => new SchemeFileProblemDto(p.Code, p.Path, p.Line, p.Column, p.Message)).ToList());
        }

        var scheme = parsed.Scheme;
        var validation = SchemeValidator.Validate(scheme);
        var number = (await db.Schemes.Where(s => s.Code == scheme.Code).MaxAsync(s => (int?)s.Number, ct) ?? 0) + 1;
        var record = new EvaluationSchemeRecord
        {
            Id = Guid.CreateVersion7(), Code = scheme.Code, Number = number, Label = scheme.Version, Name = scheme.Name, Status = SchemeStatus.Draft,
            Definition = SchemeJson.Serialize(scheme), CanPublish = validation.CanPublish,
            ProblemsJson = JsonSerializer.Serialize(validation.Problems.Select(p => new SchemeProblemDto(p.Code, p.Severity, p.Path, p.Message)), JsonOptions),
            CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedBy = actor.UserName,
        };
        db.Schemes.Add(record);
        db.AuditActor = actor.ForAudit();
        await db.SaveOrConflictAsync(text, ct);
        return new(ToDto(record), []);
    }

    /// <summary>The stored file (normalized by SchemeJson), named after its code and version number.</summary>
    public async Task<(string FileName, string Content)> ExportAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        actor.RequireSchemeRead(text);
        var s = await FindAsync(id, ct);
        return ($"{s.Code}-v{s.Number}.json", s.Definition);
    }

    /// <summary>Puts a draft without errors into force; the code's previously active version is retired.</summary>
    public async Task<SchemeDto> ActivateAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        actor.RequireDesign(text);
        var s = await db.Schemes.SingleOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException(text["Eval.SchemeNotFound"]);
        if (s.Status != SchemeStatus.Draft)
        {
            throw new BusinessRuleException(text["Eval.NotDraft"]);
        }

        if (!s.CanPublish)
        {
            throw new BusinessRuleException(text["Eval.CannotActivate", Problems(s).Count(p => p.Severity == ProblemSeverity.Error)]);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var previous in await db.Schemes.Where(x => x.Code == s.Code && x.Status == SchemeStatus.Active).ToListAsync(ct))
        {
            previous.Retire(now);
        }

        s.Activate(now, actor.UserName);
        db.AuditActor = actor.ForAudit();
        await db.SaveOrConflictAsync(text, ct);
        return ToDto(s);
    }

    private async Task<EvaluationSchemeRecord> FindAsync(Guid id, CancellationToken ct) =>
        await db.Schemes.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException(text["Eval.SchemeNotFound"]);

    internal static IReadOnlyList<SchemeProblemDto> Problems(EvaluationSchemeRecord s) =>
        JsonSerializer.Deserialize<List<SchemeProblemDto>>(s.ProblemsJson, JsonOptions) ?? [];

    private static SchemeDto ToDto(EvaluationSchemeRecord s)
    {
        var scheme = SchemeJson.Deserialize(s.Definition);
        return new(
            s.Id, s.Code, s.Number, s.Label, s.Name, s.Status, scheme.Period, scheme.Subject, s.CanPublish, Problems(s),
            scheme.Positions.Select(p => new SchemePositionDto(p.Key, p.Name, p.Sections.Sum(x => x.Indicators.Count))).ToList(),
            s.CreatedAt, s.CreatedBy, s.ActivatedAt, s.ActivatedBy, s.RetiredAt, s.Version);
    }
}
