using Microsoft.EntityFrameworkCore;
using Norma.Modules.Evaluation.Data;
using Norma.Modules.Evaluation.Domain;
using Norma.Modules.Evaluation.Features.Schemes;
using Norma.Modules.Platform.Audit;
using Norma.Rules.Evaluation;

namespace Norma.Modules.Evaluation.Setup;

/// <summary>
/// The demo organization's evaluation schemes: the three shipped files (YCYC-DC-04, the property company's 10×10,
/// the functional departments' 100 points), imported and activated as version 1, with their demo data and published
/// results (<see cref="DemoEvaluationData"/>). Idempotent: does nothing once any scheme exists.
/// </summary>
public sealed class DemoEvaluationSeeder(EvaluationDbContext db, IServiceProvider services, TimeProvider clock)
{
    public async Task<int> SeedAsync(CancellationToken ct = default)
    {
        if (await db.Schemes.AnyAsync(ct))
        {
            return 0;
        }

        db.AuditActor = AuditActor.System;
        var now = clock.GetUtcNow().UtcDateTime;
        var records = new Dictionary<string, EvaluationSchemeRecord>(StringComparer.Ordinal);
        foreach (var name in ShippedSchemes.Names)
        {
            var scheme = ShippedSchemes.Load(name);
            var validation = SchemeValidator.Validate(scheme);
            if (!validation.CanPublish)
            {
                throw new InvalidOperationException($"The shipped scheme {name} has errors: " + string.Join("; ", validation.Problems));
            }

            var record = new EvaluationSchemeRecord
            {
                Id = Guid.CreateVersion7(), Code = scheme.Code, Number = 1, Label = scheme.Version, Name = scheme.Name, Status = SchemeStatus.Draft,
                Definition = SchemeJson.Serialize(scheme), CanPublish = true,
                ProblemsJson = System.Text.Json.JsonSerializer.Serialize(
                    validation.Problems.Select(p => new SchemeProblemDto(p.Code, p.Severity, p.Path, p.Message)), SchemeService.JsonOptions),
                CreatedAt = now, CreatedBy = AuditActor.System.Name,
            };
            record.Activate(now, AuditActor.System.Name);
            db.Schemes.Add(record);
            records[record.Code] = record;
        }

        await db.SaveChangesAsync(ct);
        await services.GetRequiredService<DemoEvaluationData>().SeedAsync(records, ct);
        return ShippedSchemes.Names.Count;
    }
}
