using Microsoft.Extensions.DependencyInjection;
using Norma.Modules.Evaluation.Domain;
using Norma.Modules.Evaluation.Features.Schemes;
using Norma.Modules.Organization.Contracts;

namespace Norma.IntegrationTests.Evaluation;

/// <summary>What the evaluation tests look up: the active version of a scheme code, demo staff and units.</summary>
internal static class EvaluationLookups
{
    public const string Schemes = "/api/v1/evaluation/schemes";

    public static async Task<SchemeSummaryDto> ActiveSchemeAsync(this HttpClient client, string code) =>
        (await (await client.GetAsync(Schemes)).ReadAsync<List<SchemeSummaryDto>>()).Single(s => s.Code == code && s.Status == SchemeStatus.Active);

    public static async Task<StaffInfo> StaffAsync(this NormaFactory app, string userName)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IOrgDirectory>().StaffAsync()).Single(s => s.UserName == userName);
    }

    public static async Task<UnitInfo> UnitAsync(this NormaFactory app, string code)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IOrgDirectory>().UnitsAsync()).Single(u => u.Code == code);
    }
}
