using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Norma.Modules.Cases.Data;
using Norma.Modules.Platform.Audit;
using Norma.Modules.Platform.Data;

namespace Norma.IntegrationTests.Platform;

/// <summary>Contexts come from EF's pool: a request must never inherit the previous lease's audit actor or pending events.</summary>
public sealed class PooledContextTests(NormaFactory app) : IClassFixture<NormaFactory>
{
    private async Task ReusedCleanAsync<T>()
        where T : DbContext, IAuditedContext
    {
        T first;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            first = scope.ServiceProvider.GetRequiredService<T>();
            first.AuditActor = new AuditActor(Guid.NewGuid(), "someone");
            first.PendingAuditEvents.Add(new AuditEvent("test.pending", "test", null));
        }

        // Other work of the app may rent from the same pool meanwhile: look until the used instance comes back.
        for (var attempt = 0; attempt < 20; attempt++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<T>();
            db.AuditActor.ShouldBe(AuditActor.System);
            db.PendingAuditEvents.ShouldBeEmpty();
            if (ReferenceEquals(db, first))
            {
                return;
            }
        }

        throw new ShouldAssertException($"{typeof(T).Name} was not reused: the test proves nothing about the pool.");
    }

    [Fact]
    public Task A_rented_cases_context_starts_clean() => ReusedCleanAsync<CasesDbContext>();

    [Fact]
    public Task A_rented_platform_context_starts_clean() => ReusedCleanAsync<PlatformDbContext>();
}
