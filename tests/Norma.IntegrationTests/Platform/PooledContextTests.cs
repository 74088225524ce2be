using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Norma.Modules.Cases.Data;
using Norma.Modules.Platform.Audit;
using Norma.Modules.Platform.Data;
using Norma.Shared.Persistence;

namespace Norma.IntegrationTests.Platform;

/// <summary>Contexts come from EF's pool: a request must never inherit the previous lease's audit actor or pending events.</summary>
public sealed class PooledContextTests(NormaFactory app) : IClassFixture<NormaFactory>
{
    private async Task ReusedCleanAsync<T>()
        where T : DbContext, IAuditedContext
    {
        // A private provider with the app's own database registrations: the app's background work rents from the app's
        // pools at any time (and EF's pool is a queue), so only a pool of our own is sure to hand the used instance back.
        await using var services = new ServiceCollection()
            .AddNormaDatabase(app.Services.GetRequiredService<IConfiguration>(), app.DataFolder)
            .BuildServiceProvider();

        T first;
        await using (var scope = services.CreateAsyncScope())
        {
            first = scope.ServiceProvider.GetRequiredService<T>();
            first.AuditActor = new AuditActor(Guid.NewGuid(), "someone");
            first.PendingAuditEvents.Add(new AuditEvent("test.pending", "test", null));
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<T>();
            ReferenceEquals(db, first).ShouldBeTrue($"{typeof(T).Name} was not reused: the test proves nothing about the pool.");
            db.AuditActor.ShouldBe(AuditActor.System);
            db.PendingAuditEvents.ShouldBeEmpty();
        }
    }

    [Fact]
    public Task A_rented_cases_context_starts_clean() => ReusedCleanAsync<CasesDbContext>();

    [Fact]
    public Task A_rented_platform_context_starts_clean() => ReusedCleanAsync<PlatformDbContext>();
}
