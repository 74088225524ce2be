using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Norma.Modules.Catalog.Data;
using Norma.Modules.Catalog.Domain;
using Norma.Modules.Catalog.Features;
using Norma.Modules.Organization.Contracts;
using Norma.Modules.Platform.Audit;
using Norma.Rules.Processes;

namespace Norma.Modules.Catalog.Setup;

/// <summary>
/// The demo service catalog: the seeds' commitments (DemoCatalog.json) on nine service items, and the three seed
/// processes (DemoProcesses.json: 燃气报修, 一窗式, the decoration company's 28 steps), published as version 1.
/// Idempotent: does nothing once the first item exists.
/// </summary>
public sealed class DemoCatalogSeeder(CatalogDbContext db, IOrgDirectory org, CalendarCheck calendars, TimeProvider clock)
{
    public const string Marker = "GAS-REPAIR";

    private sealed record MaterialSeed(string Name, MaterialForm Form, int Copies, bool Required, string? Notes);

    private sealed record CommitmentSeed(
        string Name, CommitmentMetric Metric, string Limit, string? Milestone, string? Calendar, Priority[]? Priorities, string? Area, int Warn, string? Source);

    private sealed record ItemSeed(
        string Code, string Name, ItemCategory Category, string Unit, HandlingKind Handling, bool IsPublic, Channels[] Channels, string? Description,
        string? LegalBasis, string? LegalLimit, string? CommittedLimit, string? FeeRule, string Numbering, string? NumberingUnit, string? Process,
        MaterialSeed[] Materials, CommitmentSeed[] Commitments);

    private sealed record ProcessSeed(string Code, string Name, string? Description, JsonElement Definition);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public async Task<int> SeedAsync(CancellationToken ct = default)
    {
        if (await db.Items.AnyAsync(i => i.Code == Marker, ct))
        {
            return 0;
        }

        db.AuditActor = AuditActor.System;
        var now = clock.GetUtcNow().UtcDateTime;
        var templates = new Dictionary<string, Guid>();
        foreach (var p in Load<ProcessSeed>("Norma.DemoProcesses.json"))
        {
            var definition = ProcessJson.Parse(p.Definition.GetRawText()).Definition ?? throw new InvalidOperationException($"DemoProcesses.json: {p.Code} does not parse.");
            var template = new ProcessTemplate { Id = Guid.CreateVersion7(), Code = p.Code, Name = p.Name, Description = p.Description, CreatedAt = now };
            template.Versions.Add(new ProcessTemplateVersion
            {
                Id = Guid.CreateVersion7(), TemplateId = template.Id, Number = 1, Status = TemplateVersionStatus.Published, Definition = ProcessJson.Serialize(definition),
                Note = "演示数据", CreatedAt = now, CreatedBy = AuditActor.System.Name, PublishedAt = now, PublishedBy = AuditActor.System.Name,
            });
            db.Templates.Add(template);
            templates[p.Code] = template.Id;
        }

        var units = (await org.UnitsAsync(ct)).ToDictionary(u => u.Code, u => u.Id);
        var items = Load<ItemSeed>("Norma.DemoCatalog.json");
        foreach (var seed in items)
        {
            var item = new ServiceItem
            {
                Id = Guid.CreateVersion7(), Code = seed.Code, Name = seed.Name, Category = seed.Category, UnitId = units[seed.Unit], Handling = seed.Handling,
                IsPublic = seed.IsPublic, Channels = seed.Channels.Aggregate(Channels.None, (a, c) => a | c), Description = seed.Description,
                LegalBasis = seed.LegalBasis, LegalLimit = seed.LegalLimit, CommittedLimit = seed.CommittedLimit, FeeRule = seed.FeeRule,
                NumberingPattern = seed.Numbering, NumberingUnitCode = seed.NumberingUnit, ProcessTemplateId = seed.Process is null ? null : templates[seed.Process],
                CreatedAt = now, UpdatedAt = now,
            };
            var order = 0;
            foreach (var m in seed.Materials)
            {
                item.Materials.Add(new ItemMaterial
                {
                    Id = Guid.CreateVersion7(), ItemId = item.Id, SortOrder = ++order, Name = m.Name, Form = m.Form, Copies = m.Copies, Required = m.Required, Notes = m.Notes,
                });
            }

            db.Items.Add(item);
            order = 0;
            foreach (var c in seed.Commitments)
            {
                db.Commitments.Add(new Commitment
                {
                    Id = Guid.CreateVersion7(), ItemId = item.Id, SortOrder = ++order, Name = c.Name, Metric = c.Metric, Milestone = c.Milestone, Limit = c.Limit,
                    CalendarId = c.Calendar is null ? null : await calendars.FindByCodeAsync(c.Calendar, ct) ?? throw new InvalidOperationException($"No calendar {c.Calendar}."),
                    Priorities = c.Priorities is { Length: > 0 } p ? string.Join(',', p.Order()) : null, Area = c.Area, WarnAtPercent = c.Warn, Source = c.Source,
                });
            }
        }

        await db.SaveChangesAsync(ct);
        return items.Length;
    }

    public static int ItemCount => Load<ItemSeed>("Norma.DemoCatalog.json").Length;

    private static T[] Load<T>(string name)
    {
        using var stream = typeof(DemoCatalogSeeder).Assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"{name} is not embedded.");
        return JsonSerializer.Deserialize<T[]>(stream, Json) ?? throw new InvalidOperationException($"{name} is empty.");
    }
}
