using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Norma.Modules.Organization.Domain;
using Norma.Modules.Platform.Audit;
using Norma.Modules.Platform.Data;
using Norma.Shared;
using Norma.Shared.Errors;

namespace Norma.Modules.Platform.Accounts;

public enum SignInOutcome
{
    Succeeded,
    Failed,
    LockedOut,
}

/// <summary>
/// Password sign-in with lockout, audited success and failure, and the same work and the same message whether
/// or not the user name exists (Identity skips hashing for unknown users, which would reveal accounts by timing).
/// </summary>
public sealed class SignInService(
    SignInManager<StaffAccount> signIn,
    UserManager<StaffAccount> users,
    PlatformDbContext db,
    IStringLocalizer<SharedResource> text,
    TimeProvider clock)
{
    // A hash of a random password, made once: verifying against it costs what a real check costs.
    private static readonly Lazy<string> DummyHash = new(() =>
        new PasswordHasher<StaffAccount>(Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = IdentitySetup.HashIterations }))
            .HashPassword(new StaffAccount(), Guid.NewGuid().ToString()));

    public async Task<SignInOutcome> PasswordSignInAsync(string userName, string password, bool remember, CancellationToken ct = default)
    {
        var account = string.IsNullOrWhiteSpace(userName) ? null : await users.FindByNameAsync(userName.Trim());
        if (account is null || !account.IsActive)
        {
            users.PasswordHasher.VerifyHashedPassword(account ?? new StaffAccount(), DummyHash.Value, password ?? "");
            await RecordAsync(account is null ? null : new AuditActor(account.Id, account.UserName ?? ""),
                "signin.failed", account?.Id, account is null ? "unknown_user" : "inactive", ct);
            return SignInOutcome.Failed;
        }

        var actor = new AuditActor(account.Id, account.UserName ?? "");
        db.AuditActor = actor; // a lockout that this attempt triggers is attributed to the account
        var result = await signIn.PasswordSignInAsync(account, password ?? "", remember, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await db.Users.Where(u => u.Id == account.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.LastSignInAt, clock.GetUtcNow().UtcDateTime), ct);
            await RecordAsync(actor, "signin.succeeded", account.Id, null, ct);
            return SignInOutcome.Succeeded;
        }

        if (result.IsLockedOut)
        {
            await RecordAsync(actor, "signin.locked_out", account.Id, null, ct);
            return SignInOutcome.LockedOut;
        }

        await RecordAsync(actor, "signin.failed", account.Id, "bad_password", ct);
        return SignInOutcome.Failed;
    }

    public async Task ChangePasswordAsync(Guid accountId, string? current, string? next, string? confirm, CancellationToken ct = default)
    {
        var account = await users.FindByIdAsync(accountId.ToString()) ?? throw new NotFoundException(text["Staff.NotFound"]);
        var v = new Validation(text)
            .Check(!string.IsNullOrEmpty(current), "CurrentPassword", text["Validation.Required", text["Field.CurrentPassword"]])
            .Check(!string.IsNullOrEmpty(next), "NewPassword", text["Validation.Required", text["Field.NewPassword"]])
            .Check(next == confirm, "ConfirmPassword", text["Account.PasswordsDiffer"]);
        v.ThrowIfAny();
        db.AuditActor = new AuditActor(account.Id, account.UserName ?? "");
        db.PendingAuditEvents.Add(new AuditEvent("account.password_changed", nameof(StaffAccount), account.Id.ToString()));
        var result = await users.ChangePasswordAsync(account, current!, next!);
        if (!result.Succeeded)
        {
            db.PendingAuditEvents.Clear();
            var field = result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)) ? "CurrentPassword" : "NewPassword";
            throw new ValidationFailedException(new Dictionary<string, string[]> { [field] = result.Errors.Select(e => e.Description).ToArray() });
        }

        await signIn.RefreshSignInAsync(account);
    }

    private async Task RecordAsync(AuditActor? actor, string action, Guid? accountId, string? reason, CancellationToken ct)
    {
        // Failures by unknown names record no name: a mistyped password in the user-name box must not land in the log.
        db.AuditActor = actor ?? new AuditActor(null, "anonymous");
        db.PendingAuditEvents.Add(new AuditEvent(action, nameof(StaffAccount), accountId?.ToString(),
            reason is null ? "{}" : $$"""{"reason":"{{reason}}"}"""));
        await db.SaveChangesAsync(ct);
    }
}
