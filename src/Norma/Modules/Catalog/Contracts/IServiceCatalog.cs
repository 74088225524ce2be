using Microsoft.EntityFrameworkCore;
using Norma.Modules.Catalog.Data;
using Norma.Modules.Catalog.Domain;
using Norma.Rules.Calendars;
using Norma.Rules.Processes;

namespace Norma.Modules.Catalog.Contracts;

/// <summary>A commitment (服务承诺) as a case tracks it. Empty <see cref="Priorities"/> = every priority; null area = everywhere.</summary>
public sealed record CommitmentInfo(
    Guid Id, string Name, CommitmentMetric Metric, string? Milestone, TimeLimit Limit, Guid? CalendarId,
    IReadOnlyList<Priority> Priorities, string? Area, int WarnAtPercent)
{
    /// <summary>Whether the commitment binds a case of this priority and area.</summary>
    public bool AppliesTo(Priority priority, string? area) =>
        (Priorities.Count == 0 || Priorities.Contains(priority)) && (Area is null || string.Equals(Area, area?.Trim(), StringComparison.Ordinal));
}

/// <summary>What a case needs of its service item: who is responsible, how it is numbered, its process and its active commitments.</summary>
public sealed record CaseItemInfo(
    Guid Id, string Code, string Name, ItemCategory Category, Guid UnitId, HandlingKind Handling, Channels Channels,
    string NumberingPattern, string? NumberingUnitCode, Guid? ProcessTemplateId, bool IsRetired, IReadOnlyList<CommitmentInfo> Commitments);

/// <summary>A published (or superseded, for running cases) process template version.</summary>
public sealed record ProcessVersionInfo(Guid VersionId, Guid TemplateId, string TemplateCode, int Number, ProcessDefinition Definition);

/// <summary>An item to pick at intake.</summary>
public sealed record ItemChoice(Guid Id, string Code, string Name, ItemCategory Category, HandlingKind Handling, Channels Channels);

/// <summary>What other modules (cases) may read of the service catalog. Catalog data is organization-wide: no actor needed.</summary>
public interface IServiceCatalog
{
    Task<CaseItemInfo?> ItemAsync(Guid itemId, CancellationToken ct = default);

    /// <summary>Items open for intake (not retired), by code.</summary>
    Task<IReadOnlyList<ItemChoice>> ChoicesAsync(CancellationToken ct = default);

    /// <summary>The template's published version, or null when it has none.</summary>
    Task<ProcessVersionInfo?> PublishedProcessAsync(Guid templateId, CancellationToken ct = default);

    /// <summary>A version by id (a running case keeps the one it started with, even once superseded); null when unknown.</summary>
    Task<ProcessVersionInfo?> ProcessVersionAsync(Guid versionId, CancellationToken ct = default);
}

/// <summary>Reads through the reference cache: intake asks for the same few items and processes thousands of times a minute.</summary>
internal sealed class ServiceCatalog(CatalogDbContext db, Shared.Persistence.ReferenceCache cache) : IServiceCatalog
{
    private static readonly Type[] DependsOn = [typeof(CatalogDbContext)];

    public Task<CaseItemInfo?> ItemAsync(Guid itemId, CancellationToken ct = default) =>
        cache.GetAsync("catalog.item", itemId, DependsOn, () => LoadItemAsync(itemId, ct), cacheMisses: false);

    private async Task<CaseItemInfo?> LoadItemAsync(Guid itemId, CancellationToken ct)
    {
        var item = await db.Items.AsNoTracking().FirstOrDefaultAsync(i => i.Id == itemId, ct);
        if (item is null)
        {
            return null;
        }

        var commitments = await db.Commitments.AsNoTracking()
            .Where(c => c.ItemId == itemId && c.IsActive)
            .OrderBy(c => c.SortOrder)
            .ToListAsync(ct);
        return new CaseItemInfo(
            item.Id, item.Code, item.Name, item.Category, item.UnitId, item.Handling, item.Channels, item.NumberingPattern, item.NumberingUnitCode,
            item.ProcessTemplateId, item.IsRetired,
            commitments.Select(c => new CommitmentInfo(
                c.Id, c.Name, c.Metric, c.Milestone, ParseLimit(c.Limit), c.CalendarId,
                Features.Items.CommitmentService.ParsePriorities(c.Priorities),
                c.Area, c.WarnAtPercent)).ToList());
    }

    private static TimeLimit ParseLimit(string text) =>
        TimeLimit.TryParse(text, out var limit) ? limit : throw new FormatException($"Stored commitment limit '{text}' is not a time limit.");

    public async Task<IReadOnlyList<ItemChoice>> ChoicesAsync(CancellationToken ct = default) =>
        await db.Items.AsNoTracking().Where(i => !i.IsRetired).OrderBy(i => i.Code)
            .Select(i => new ItemChoice(i.Id, i.Code, i.Name, i.Category, i.Handling, i.Channels)).ToListAsync(ct);

    public Task<ProcessVersionInfo?> PublishedProcessAsync(Guid templateId, CancellationToken ct = default) =>
        cache.GetAsync("catalog.published", templateId, DependsOn, () => LoadPublishedAsync(templateId, ct));

    private async Task<ProcessVersionInfo?> LoadPublishedAsync(Guid templateId, CancellationToken ct)
    {
        var id = await db.TemplateVersions.AsNoTracking()
            .Where(v => v.TemplateId == templateId && v.Status == TemplateVersionStatus.Published)
            .Select(v => (Guid?)v.Id).FirstOrDefaultAsync(ct);
        return id is null ? null : await LoadVersionAsync(id.Value, ct);
    }

    public Task<ProcessVersionInfo?> ProcessVersionAsync(Guid versionId, CancellationToken ct = default) =>
        cache.GetAsync("catalog.version", versionId, DependsOn, () => LoadVersionAsync(versionId, ct));

    private async Task<ProcessVersionInfo?> LoadVersionAsync(Guid versionId, CancellationToken ct)
    {
        var row = await (from v in db.TemplateVersions.AsNoTracking()
                         join t in db.Templates.AsNoTracking() on v.TemplateId equals t.Id
                         where v.Id == versionId && v.Status != TemplateVersionStatus.Draft
                         select new { v.Id, v.TemplateId, t.Code, v.Number, v.Definition }).FirstOrDefaultAsync(ct);
        return row is null ? null : new ProcessVersionInfo(row.Id, row.TemplateId, row.Code, row.Number, ProcessJson.Deserialize(row.Definition));
    }
}
