using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Norma.Modules.Organization.Features.Staff;
using Norma.Modules.Organization.Features.Units;
using Norma.Modules.Platform.Accounts;
using Norma.Modules.Platform.Audit;
using Norma.Modules.Platform.Tokens;

namespace Norma.IntegrationTests.Platform;

public sealed class AuditTests(NormaFactory app) : IClassFixture<NormaFactory>
{
    [Fact]
    public async Task Changes_and_sign_ins_are_audited_with_actor_and_without_secrets_or_personal_data()
    {
        var admin = await app.ClientAsAsync("admin");
        var mkt = await app.WithDbAsync(db => db.Units.Where(u => u.Code == "MKT").Select(u => u.Id).SingleAsync());
        var unit = await (await admin.PostJsonAsync("/api/v1/org/units", new SaveUnitRequest(mkt, "MKT-AUD", "审计测试组", null))).ReadAsync<UnitDto>();
        const string password = "secret-pass-8844";
        const string phone = "13655554444";
        var staff = await (await admin.PostJsonAsync("/api/v1/org/staff", new CreateStaffRequest("audited", "被审计", unit.Id, [], [], phone, "who@example.com", password))).ReadAsync<StaffDto>();
        (await admin.PostJsonAsync($"/api/v1/org/staff/{staff.Id}/reset-password", new ResetPasswordRequest("another-pass-77"))).EnsureSuccessStatusCode();
        var token = await (await admin.PostJsonAsync("/api/v1/me/tokens", new CreateTokenRequest("审计令牌", 30))).ReadAsync<CreatedTokenDto>();

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var signIn = scope.ServiceProvider.GetRequiredService<SignInService>();
            (await signIn.PasswordSignInAsync("audited", "wrong-password-1", false)).ShouldBe(SignInOutcome.Failed);
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<SignInService>().PasswordSignInAsync("no-such-user", "typed-secret-9", false)).ShouldBe(SignInOutcome.Failed);
        }

        var entries = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).ToListAsync());
        var unitCreated = entries.Single(e => e.Action == "unit.created" && e.EntityId == unit.Id.ToString());
        unitCreated.ActorName.ShouldBe("admin");
        unitCreated.Details.ShouldContain("审计测试组");
        entries.ShouldContain(e => e.Action == "account.created" && e.EntityId == staff.Id.ToString());
        entries.ShouldContain(e => e.Action == "account.password_reset" && e.EntityId == staff.Id.ToString());
        entries.ShouldContain(e => e.Action == "api_token.created" && e.ActorName == "admin");
        entries.ShouldContain(e => e.Action == "signin.failed" && e.ActorName == "audited");
        entries.ShouldContain(e => e.Action == "signin.failed" && e.ActorName == "anonymous" && e.Details.Contains("unknown_user"));

        var everything = string.Join("\n", entries.Select(e => $"{e.ActorName} {e.Action} {e.EntityId} {e.Details}"));
        everything.ShouldNotContain(password);
        everything.ShouldNotContain("another-pass-77");
        everything.ShouldNotContain(token.Secret);
        everything.ShouldNotContain(phone);
        everything.ShouldNotContain("who@example.com");
        everything.ShouldNotContain("no-such-user");
        everything.ShouldNotContain("typed-secret-9");
        everything.ShouldNotContain("AQAAAA"); // Identity's password-hash prefix

        // The same planted values never reach the logs either (Debug level and up is captured).
        app.Logs.All.ShouldNotBeEmpty();
        foreach (var planted in new[] { password, "another-pass-77", token.Secret, phone, "who@example.com", "typed-secret-9" })
        {
            app.Logs.All.ShouldNotContain(planted);
        }

        var verify = await (await admin.GetAsync("/api/v1/audit/verify")).ReadAsync<AuditVerification>();
        verify.Intact.ShouldBeTrue();
        verify.Checked.ShouldBe(entries.Count);

        var page = await (await admin.GetAsync("/api/v1/audit?action=unit.&pageSize=5")).ReadAsync<Paged<AuditEntryDto>>();
        page.Items.ShouldAllBe(e => e.Action.StartsWith("unit."));
        page.Items.Select(e => e.Sequence).ShouldBeInOrder(SortDirection.Descending);
    }

    [Fact]
    public async Task Concurrent_writers_keep_one_unbroken_chain()
    {
        var admin = await app.ClientAsAsync("admin");
        var mkt = await app.WithDbAsync(db => db.Units.Where(u => u.Code == "MKT").Select(u => u.Id).SingleAsync());
        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            admin.PostJsonAsync("/api/v1/org/positions", new Norma.Modules.Organization.Features.Positions.SavePositionRequest(mkt, $"并发岗{i}", null, null))));
        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Created);
        var sequences = await app.WithDbAsync(db => db.AuditEntries.OrderBy(a => a.Sequence).Select(a => a.Sequence).ToListAsync());
        sequences.ShouldBe(Enumerable.Range(1, sequences.Count).Select(i => (long)i).ToList());
        (await (await admin.GetAsync("/api/v1/audit/verify")).ReadAsync<AuditVerification>()).Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task Several_chainers_at_once_chain_each_event_exactly_once()
    {
        var admin = await app.ClientAsAsync("admin");
        var mkt = await app.WithDbAsync(db => db.Units.Where(u => u.Code == "MKT").Select(u => u.Id).SingleAsync());
        var names = Enumerable.Range(0, 20).Select(i => $"链岗{i}").ToList();
        // Writers and chainers interleave: three explicit chainers race the background one while the saves commit.
        var writes = Task.WhenAll(names.Select(n =>
            admin.PostJsonAsync("/api/v1/org/positions", new Norma.Modules.Organization.Features.Positions.SavePositionRequest(mkt, n, null, null))));
        var chainers = Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            while (!writes.IsCompleted)
            {
                await AuditChainer.ChainAllAsync(app.Services);
            }

            await AuditChainer.ChainAllAsync(app.Services);
        })));
        (await writes).ShouldAllBe(r => r.StatusCode == HttpStatusCode.Created);
        await chainers;

        var (created, sequences) = await app.WithDbAsync(async db => (
            await db.AuditEntries.Where(a => a.Action == "position.created" && a.Details.Contains("链岗")).Select(a => a.Details).ToListAsync(),
            await db.AuditEntries.OrderBy(a => a.Sequence).Select(a => a.Sequence).ToListAsync()));
        created.Count.ShouldBe(names.Count);
        foreach (var n in names)
        {
            created.Count(d => d.Contains($"\"{n}\"")).ShouldBe(1);
        }

        sequences.ShouldBe(Enumerable.Range(1, sequences.Count).Select(i => (long)i).ToList());
        (await (await admin.GetAsync("/api/v1/audit/verify")).ReadAsync<AuditVerification>()).Intact.ShouldBeTrue();
    }
}

/// <summary>Its own database: reads the log without chaining first, to see what the background chainer does alone.</summary>
public sealed class AuditChainServiceTests(NormaFactory app) : IClassFixture<NormaFactory>
{
    private async Task<List<string>> RawUnitEntriesAsync(string name)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Norma.Modules.Platform.Data.PlatformDbContext>();
        return await db.AuditEntries.AsNoTracking().Where(a => a.Action == "unit.created" && a.Details.Contains(name)).Select(a => a.Details).ToListAsync();
    }

    [Fact]
    public async Task The_background_chainer_chains_a_committed_change_on_its_own_and_a_failed_save_leaves_nothing()
    {
        var admin = await app.ClientAsAsync("admin");
        (await admin.PostJsonAsync("/api/v1/org/units", new SaveUnitRequest(null, "BG-CHAIN", "后台入链", null))).StatusCode.ShouldBe(HttpStatusCode.Created);
        // The same code again fails (duplicate): its events must not reach the log.
        (await admin.PostJsonAsync("/api/v1/org/units", new SaveUnitRequest(null, "BG-CHAIN", "重复失败", null))).IsSuccessStatusCode.ShouldBeFalse();

        var deadline = DateTime.UtcNow.AddSeconds(15);
        List<string> entries;
        while ((entries = await RawUnitEntriesAsync("后台入链")).Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        entries.Count.ShouldBe(1);
        await AuditChainer.ChainAllAsync(app.Services);
        (await RawUnitEntriesAsync("重复失败")).ShouldBeEmpty();
    }
}

/// <summary>Its own database: these tests break the chain on purpose.</summary>
public sealed class AuditTamperTests(NormaFactory app) : IClassFixture<NormaFactory>
{
    [Fact]
    public async Task Altering_or_deleting_a_row_is_detected_by_the_api_and_by_the_verify_verb()
    {
        var admin = await app.ClientAsAsync("admin");
        (await admin.PostJsonAsync("/api/v1/org/units", new SaveUnitRequest(null, "TAMPER", "篡改测试", null))).EnsureSuccessStatusCode();
        (await app.RunVerbAsync("verify-audit")).ExitCode.ShouldBe(0);

        var target = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "unit.created" && a.Details.Contains("篡改测试")).Select(a => a.Sequence).SingleAsync());
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE platform_audit_log SET \"ActorName\" = 'nobody' WHERE \"Sequence\" = {target}"));

        var verify = await (await admin.GetAsync("/api/v1/audit/verify")).ReadAsync<AuditVerification>();
        verify.Intact.ShouldBeFalse();
        verify.BrokenAt.ShouldBe(target);
        var (exit, output) = await app.RunVerbAsync("verify-audit");
        exit.ShouldBe(1);
        output.ShouldContain($"BROKEN at entry {target}");

        // Put the row back: the chain verifies again; then delete an earlier one.
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE platform_audit_log SET \"ActorName\" = 'admin' WHERE \"Sequence\" = {target}"));
        (await (await admin.GetAsync("/api/v1/audit/verify")).ReadAsync<AuditVerification>()).Intact.ShouldBeTrue();
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"DELETE FROM platform_audit_log WHERE \"Sequence\" = 3"));
        var afterDelete = await (await admin.GetAsync("/api/v1/audit/verify")).ReadAsync<AuditVerification>();
        afterDelete.Intact.ShouldBeFalse();
        afterDelete.BrokenAt.ShouldBe(3);
    }
}
