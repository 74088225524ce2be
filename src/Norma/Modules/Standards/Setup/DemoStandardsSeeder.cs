using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Norma.Modules.Platform.Audit;
using Norma.Modules.Standards.Data;
using Norma.Modules.Standards.Domain;
using Norma.Rules.Standards;

namespace Norma.Modules.Standards.Setup;

/// <summary>
/// The demo organization's standard system (DemoStandards.json): 42 standards across the three sub-systems, written
/// from the seed documents' rules with their figures, including YCYC-DC-04 服务质量测评管理办法. All published.
/// </summary>
public sealed class DemoStandardsSeeder(StandardsDbContext db, TimeProvider clock)
{
    public const string Marker = "YCYC-DC-04";

    private sealed record Seed(
        string Number, string Title, StandardLevel Level, bool Adopted, string Node, string Edition, DateOnly IssuedOn, DateOnly EffectiveOn,
        string? ProposingUnit, string? InterpretingUnit, string? DraftedBy, string? ReviewedBy, string? ApprovedBy, int? ReviewCycleMonths,
        string[] References, string Body);

    private sealed record SeedFile(Seed[] Standards);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static int Count => Load().Standards.Length;

    public async Task<int> SeedAsync(CancellationToken ct = default)
    {
        if (await db.Standards.AnyAsync(s => s.Number == Marker, ct))
        {
            return 0;
        }

        await StandardTreeSeeder.EnsureAsync(db, ct);
        var nodes = await db.Nodes.ToDictionaryAsync(n => n.Code, n => n.Id, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        db.AuditActor = AuditActor.System;
        var seeds = Load().Standards;
        foreach (var seed in seeds)
        {
            var standard = new Standard
            {
                Id = Guid.CreateVersion7(), Number = seed.Number, Level = seed.Level, IsAdopted = seed.Adopted, NodeId = nodes[seed.Node],
                ReviewCycleMonths = seed.ReviewCycleMonths, CreatedAt = now,
            };
            var version = new StandardVersion
            {
                Id = Guid.CreateVersion7(), StandardId = standard.Id, Edition = seed.Edition, Title = seed.Title, Status = StandardStatus.Published,
                Body = seed.Body, ProposingUnit = seed.ProposingUnit, InterpretingUnit = seed.InterpretingUnit, DraftedBy = seed.DraftedBy,
                ReviewedBy = seed.ReviewedBy, ApprovedBy = seed.ApprovedBy, References = seed.References.Length == 0 ? null : string.Join('\n', seed.References),
                IssuedOn = seed.IssuedOn, EffectiveOn = seed.EffectiveOn, CreatedAt = now,
            };
            standard.Versions.Add(version);
            db.Standards.Add(standard);
            db.Events.Add(new StandardEvent
            {
                Id = Guid.CreateVersion7(), StandardId = standard.Id, VersionId = version.Id, Action = "imported", ToStatus = StandardStatus.Published,
                ActorName = AuditActor.System.Name, At = now, Comment = "演示数据",
            });
        }

        await db.SaveChangesAsync(ct);
        return seeds.Length;
    }

    private static SeedFile Load()
    {
        using var stream = typeof(DemoStandardsSeeder).Assembly.GetManifestResourceStream("Norma.DemoStandards.json")
                           ?? throw new InvalidOperationException("DemoStandards.json is not embedded.");
        return JsonSerializer.Deserialize<SeedFile>(stream, Json) ?? throw new InvalidOperationException("DemoStandards.json is empty.");
    }
}
