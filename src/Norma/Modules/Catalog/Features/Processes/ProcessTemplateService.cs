using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Norma.Modules.Catalog.Data;
using Norma.Modules.Catalog.Domain;
using Norma.Modules.Organization.Contracts;
using Norma.Rules.Processes;
using Norma.Shared;
using Norma.Shared.Access;
using Norma.Shared.Errors;
using Norma.Shared.Persistence;

namespace Norma.Modules.Catalog.Features.Processes;

public sealed record TemplateSummaryDto(
    Guid Id, string Code, string Name, string? Description, int? PublishedNumber, int? DraftNumber, int StepCount, int ItemCount, bool IsRetired);

public sealed record TemplateVersionSummary(
    Guid Id, int Number, TemplateVersionStatus Status, string? Note, DateTime CreatedAt, string CreatedBy, DateTime? PublishedAt, string? PublishedBy);

public sealed record TemplateDto(
    Guid Id, string Code, string Name, string? Description, bool IsRetired, IReadOnlyList<TemplateVersionSummary> Versions,
    IReadOnlyList<string> UsedBy, int Version);

public sealed record TemplateVersionDto(
    Guid Id, Guid TemplateId, string TemplateCode, string TemplateName, int Number, TemplateVersionStatus Status, string? Note,
    ProcessDefinition Definition, IReadOnlyList<ProcessProblem> Problems, DateTime CreatedAt, string CreatedBy, DateTime? PublishedAt,
    string? PublishedBy, int Version);

public sealed record AssigneeChoices(IReadOnlyList<string> Roles, IReadOnlyList<UnitInfo> Units);

public sealed record CreateTemplateRequest(string? Code, string? Name, string? Description = null, ProcessDefinition? Definition = null);

public sealed record UpdateTemplateRequest(string? Code, string? Name, string? Description = null, bool IsRetired = false, int? Version = null);

public sealed record SaveDraftRequest(ProcessDefinition? Definition, string? Note = null, int? Version = null);

public sealed record PublishRequest(int? Version = null);

/// <summary>
/// Process templates (流程模板) and their versions. A draft may be saved with problems (work in progress) but only a
/// version without problems can be published; a published version is immutable and a running case keeps its version.
/// </summary>
public sealed partial class ProcessTemplateService(CatalogDbContext db, IOrgDirectory org, IStringLocalizer<SharedResource> text, TimeProvider clock)
{
    public const int MaxSteps = 200;

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    private static partial Regex CodePattern();

    public async Task<IReadOnlyList<TemplateSummaryDto>> ListAsync(Actor actor, bool includeRetired = false, CancellationToken ct = default)
    {
        actor.RequireRead();
        var templates = await db.Templates.AsNoTracking().Where(t => includeRetired || !t.IsRetired).OrderBy(t => t.Code).ToListAsync(ct);
        var versions = await db.TemplateVersions.AsNoTracking().Where(v => v.Status != TemplateVersionStatus.Superseded)
            .Select(v => new { v.TemplateId, v.Number, v.Status, v.Definition }).ToListAsync(ct);
        var items = await db.Items.Where(i => i.ProcessTemplateId != null && !i.IsRetired).GroupBy(i => i.ProcessTemplateId!.Value)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return templates.Select(t =>
        {
            var published = versions.FirstOrDefault(v => v.TemplateId == t.Id && v.Status == TemplateVersionStatus.Published);
            var draft = versions.FirstOrDefault(v => v.TemplateId == t.Id && v.Status == TemplateVersionStatus.Draft);
            var steps = (published?.Definition ?? draft?.Definition) is { } json ? Stored(json).Steps.Count : 0;
            return new TemplateSummaryDto(t.Id, t.Code, t.Name, t.Description, published?.Number, draft?.Number, steps, items.GetValueOrDefault(t.Id), t.IsRetired);
        }).ToList();
    }

    public async Task<TemplateDto> GetAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        actor.RequireRead();
        var t = await db.Templates.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException(text["Catalog.TemplateNotFound"]);
        var versions = await db.TemplateVersions.AsNoTracking().Where(v => v.TemplateId == id).OrderByDescending(v => v.Number)
            .Select(v => new TemplateVersionSummary(v.Id, v.Number, v.Status, v.Note, v.CreatedAt, v.CreatedBy, v.PublishedAt, v.PublishedBy)).ToListAsync(ct);
        versions = versions.Select(v => v with { CreatedAt = Utc(v.CreatedAt), PublishedAt = v.PublishedAt is { } p ? Utc(p) : null }).ToList();
        var usedBy = await db.Items.Where(i => i.ProcessTemplateId == id).OrderBy(i => i.Code).Select(i => i.Code + " " + i.Name).ToListAsync(ct);
        return new TemplateDto(t.Id, t.Code, t.Name, t.Description, t.IsRetired, versions, usedBy, t.Version);
    }

    public async Task<TemplateVersionDto> GetVersionAsync(Actor actor, Guid versionId, CancellationToken ct = default)
    {
        actor.RequireRead();
        var v = await db.TemplateVersions.AsNoTracking().FirstOrDefaultAsync(x => x.Id == versionId, ct) ?? throw new NotFoundException(text["Catalog.TemplateNotFound"]);
        var t = await db.Templates.AsNoTracking().FirstAsync(x => x.Id == v.TemplateId, ct);
        var definition = Stored(v.Definition);
        var problems = v.Status == TemplateVersionStatus.Draft ? await ValidateAsync(definition, ct) : [];
        return new TemplateVersionDto(v.Id, t.Id, t.Code, t.Name, v.Number, v.Status, v.Note, definition, problems, Utc(v.CreatedAt), v.CreatedBy,
            v.PublishedAt is { } published ? Utc(published) : null, v.PublishedBy, v.Version);
    }

    /// <summary>The version a new case of the template starts with (the published one), for the cases capability.</summary>
    public async Task<TemplateVersionDto?> PublishedVersionAsync(Actor actor, Guid templateId, CancellationToken ct = default)
    {
        var id = await db.TemplateVersions.Where(v => v.TemplateId == templateId && v.Status == TemplateVersionStatus.Published)
            .Select(v => (Guid?)v.Id).FirstOrDefaultAsync(ct);
        return id is { } vid ? await GetVersionAsync(actor, vid, ct) : null;
    }

    /// <summary>What a step may be assigned to: role names and unit codes.</summary>
    public async Task<AssigneeChoices> AssigneeChoicesAsync(Actor actor, CancellationToken ct = default)
    {
        actor.RequireTemplateEdit(text["Problem.ForbiddenDetail"]);
        return new AssigneeChoices(await org.RoleNamesAsync(ct), await org.UnitsAsync(ct));
    }

    public async Task<string> DiagramAsync(Actor actor, Guid versionId, CancellationToken ct = default)
    {
        var v = await GetVersionAsync(actor, versionId, ct);
        var units = (await org.UnitsAsync(ct)).ToDictionary(u => u.Code, u => u.Name);
        return ProcessLayout.ToSvg(v.Definition, ProcessLayout.Compute(v.Definition), a => AssigneeLabel(a, units));
    }

    /// <summary>"前台受理员" for a built-in role, the unit's name for a unit; the raw code when it names nothing known.</summary>
    public string AssigneeLabel(StepAssignee a, IReadOnlyDictionary<string, string> unitNames) => a.Kind switch
    {
        AssigneeKind.Role => text[$"Role.{a.Code}"] is { ResourceNotFound: false } role ? role.Value : a.Code,
        _ => unitNames.GetValueOrDefault(a.Code, a.Code),
    };

    public async Task<TemplateDto> CreateAsync(Actor actor, CreateTemplateRequest r, CancellationToken ct = default)
    {
        actor.RequireTemplateEdit(text["Problem.ForbiddenDetail"]);
        db.AuditActor = actor.ForAudit();
        await ValidateHeaderAsync(r.Code, r.Name, r.Description, null, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var t = new ProcessTemplate
        {
            Id = Guid.CreateVersion7(), Code = r.Code!.Trim(), Name = r.Name!.Trim(), Description = Validation.Clean(r.Description), CreatedAt = now,
        };

        // A new template starts as a draft with one step, so the designer always has something to edit.
        var definition = r.Definition ?? new ProcessDefinition([new ProcessStep("accept", text["Catalog.DefaultFirstStep"], new StepAssignee(AssigneeKind.Role, "FrontDesk"), null, [])]);
        CheckedJson(definition);
        t.Versions.Add(NewVersion(t.Id, 1, definition, null, actor, now));
        db.Templates.Add(t);
        await db.SaveOrConflictAsync(text, ct);
        return await GetAsync(actor, t.Id, ct);
    }

    public async Task<TemplateDto> UpdateAsync(Actor actor, Guid id, UpdateTemplateRequest r, CancellationToken ct = default)
    {
        actor.RequireTemplateEdit(text["Problem.ForbiddenDetail"]);
        db.AuditActor = actor.ForAudit();
        var t = await db.Templates.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException(text["Catalog.TemplateNotFound"]);
        await ValidateHeaderAsync(r.Code, r.Name, r.Description, id, ct);
        if (r.IsRetired && !t.IsRetired && await db.Items.AnyAsync(i => i.ProcessTemplateId == id && !i.IsRetired, ct))
        {
            throw new BusinessRuleException(text["Catalog.TemplateInUse"]);
        }

        db.ExpectVersion(t, r.Version);
        t.Code = r.Code!.Trim();
        t.Name = r.Name!.Trim();
        t.Description = Validation.Clean(r.Description);
        t.IsRetired = r.IsRetired;
        await db.SaveOrConflictAsync(text, ct);
        return await GetAsync(actor, id, ct);
    }

    /// <summary>Saves a draft's steps. Problems do not stop the save; they are returned and block publication.</summary>
    public async Task<TemplateVersionDto> SaveDraftAsync(Actor actor, Guid versionId, SaveDraftRequest r, CancellationToken ct = default)
    {
        actor.RequireTemplateEdit(text["Problem.ForbiddenDetail"]);
        db.AuditActor = actor.ForAudit();
        var v = await db.TemplateVersions.FirstOrDefaultAsync(x => x.Id == versionId, ct) ?? throw new NotFoundException(text["Catalog.TemplateNotFound"]);
        if (v.Status != TemplateVersionStatus.Draft)
        {
            throw new BusinessRuleException(text["Catalog.VersionNotDraft"]);
        }

        new Validation(text).Optional("Note", r.Note, 500).ThrowIfAny();
        var json = CheckedJson(r.Definition);
        db.ExpectVersion(v, r.Version);
        v.Definition = json;
        v.Note = Validation.Clean(r.Note);
        await db.SaveOrConflictAsync(text, ct);
        return await GetVersionAsync(actor, versionId, ct);
    }

    /// <summary>Publishes a draft without problems; the version published before it is superseded (running cases keep it).</summary>
    public async Task<TemplateVersionDto> PublishAsync(Actor actor, Guid versionId, PublishRequest r, CancellationToken ct = default)
    {
        actor.RequireTemplateEdit(text["Problem.ForbiddenDetail"]);
        db.AuditActor = actor.ForAudit();
        var v = await db.TemplateVersions.FirstOrDefaultAsync(x => x.Id == versionId, ct) ?? throw new NotFoundException(text["Catalog.TemplateNotFound"]);
        if (v.Status != TemplateVersionStatus.Draft)
        {
            throw new BusinessRuleException(text["Catalog.VersionNotDraft"]);
        }

        var problems = await ValidateAsync(Stored(v.Definition), ct);
        if (problems.Count > 0)
        {
            throw new ValidationFailedException(new Dictionary<string, string[]>
            {
                ["Definition"] = problems.Select(p => p.StepKey is null ? p.Message : $"{p.StepKey}: {p.Message}").ToArray(),
            });
        }

        db.ExpectVersion(v, r.Version);
        foreach (var old in await db.TemplateVersions.Where(x => x.TemplateId == v.TemplateId && x.Status == TemplateVersionStatus.Published).ToListAsync(ct))
        {
            old.Status = TemplateVersionStatus.Superseded;
        }

        v.Status = TemplateVersionStatus.Published;
        v.PublishedAt = clock.GetUtcNow().UtcDateTime;
        v.PublishedBy = actor.DisplayName;
        await db.SaveOrConflictAsync(text, ct);
        return await GetVersionAsync(actor, versionId, ct);
    }

    /// <summary>Starts the next version as a draft copy of the newest one; there is at most one draft at a time.</summary>
    public async Task<TemplateVersionDto> NewDraftAsync(Actor actor, Guid templateId, CancellationToken ct = default)
    {
        actor.RequireTemplateEdit(text["Problem.ForbiddenDetail"]);
        db.AuditActor = actor.ForAudit();
        var versions = await db.TemplateVersions.Where(x => x.TemplateId == templateId).OrderByDescending(x => x.Number).ToListAsync(ct);
        if (versions.Count == 0)
        {
            throw new NotFoundException(text["Catalog.TemplateNotFound"]);
        }

        if (versions.Any(x => x.Status == TemplateVersionStatus.Draft))
        {
            throw new BusinessRuleException(text["Catalog.DraftExists"]);
        }

        var source = versions[0];
        var draft = NewVersion(templateId, source.Number + 1, Stored(source.Definition), null, actor, clock.GetUtcNow().UtcDateTime);
        db.TemplateVersions.Add(draft);
        await db.SaveOrConflictAsync(text, ct);
        return await GetVersionAsync(actor, draft.Id, ct);
    }

    /// <summary>Throws away a draft that is not the template's only version.</summary>
    public async Task DiscardDraftAsync(Actor actor, Guid versionId, CancellationToken ct = default)
    {
        actor.RequireTemplateEdit(text["Problem.ForbiddenDetail"]);
        db.AuditActor = actor.ForAudit();
        var v = await db.TemplateVersions.FirstOrDefaultAsync(x => x.Id == versionId, ct) ?? throw new NotFoundException(text["Catalog.TemplateNotFound"]);
        if (v.Status != TemplateVersionStatus.Draft || !await db.TemplateVersions.AnyAsync(x => x.TemplateId == v.TemplateId && x.Id != v.Id, ct))
        {
            throw new BusinessRuleException(text["Catalog.CannotDiscard"]);
        }

        db.TemplateVersions.Remove(v);
        await db.SaveOrConflictAsync(text, ct);
    }

    /// <summary>Checks a definition without saving it (the designer's 检查); for those who design templates.</summary>
    public async Task<IReadOnlyList<ProcessProblem>> CheckAsync(Actor actor, ProcessDefinition? definition, CancellationToken ct = default)
    {
        actor.RequireTemplateEdit(text["Problem.ForbiddenDetail"]);
        CheckedJson(definition);
        return await ValidateAsync(definition!, ct);
    }

    public async Task<IReadOnlyList<ProcessProblem>> ValidateAsync(ProcessDefinition definition, CancellationToken ct = default)
    {
        var roles = (await org.RoleNamesAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var units = (await org.UnitsAsync(ct)).Select(u => u.Code).ToHashSet(StringComparer.Ordinal);
        return ProcessValidator.Validate(definition, new ProcessContext(roles, units));
    }

    /// <summary>
    /// The definition as it will be stored: present, at most 200 steps and 256 KB, and in a shape that reads back
    /// (the UI builds definitions in code, so this is checked here and not only when JSON arrives).
    /// </summary>
    private string CheckedJson(ProcessDefinition? definition)
    {
        var v = new Validation(text);
        v.Check(definition?.Steps is not null, "Definition", text["Validation.Required", text["Field.Definition"]]);
        v.ThrowIfAny();
        v.Check(definition!.Steps.Count <= MaxSteps, "Definition", text["Catalog.TooManySteps"]);
        v.ThrowIfAny();
        var json = ProcessJson.Serialize(definition);
        var parsed = ProcessJson.Parse(json);
        foreach (var p in parsed.Problems)
        {
            v.Add("Definition", $"{p.Path}: {p.Message}");
        }

        v.Check(json.Length <= 256 * 1024, "Definition", text["Catalog.DefinitionTooLarge"]);
        v.ThrowIfAny();
        return json;
    }

    /// <summary>Stored instants are UTC; say so in the API (a trailing Z).</summary>
    private static DateTime Utc(DateTime t) => DateTime.SpecifyKind(t, DateTimeKind.Utc);

    /// <summary>A stored definition; one that does not read back is corruption, never "no steps".</summary>
    private static ProcessDefinition Stored(string json) =>
        ProcessJson.Parse(json).Definition ?? throw new InvalidOperationException("A stored process definition does not parse.");

    internal static ProcessTemplateVersion NewVersion(Guid templateId, int number, ProcessDefinition definition, string? note, Actor actor, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(), TemplateId = templateId, Number = number, Status = TemplateVersionStatus.Draft, Definition = ProcessJson.Serialize(definition),
        Note = note, CreatedAt = now, CreatedBy = actor.DisplayName,
    };

    private async Task ValidateHeaderAsync(string? code, string? name, string? description, Guid? self, CancellationToken ct)
    {
        var v = new Validation(text).Required("Code", code, 32).Pattern("Code", code, CodePattern(), "Validation.Code").Required("Name", name, 100)
            .Optional("Description", description, 2000);
        if (!string.IsNullOrWhiteSpace(code))
        {
            var c = code.Trim();
            v.Check(!await db.Templates.AnyAsync(t => t.Code == c && t.Id != self, ct), "Code", text["Catalog.CodeTaken", c]);
        }

        v.ThrowIfAny();
    }
}
