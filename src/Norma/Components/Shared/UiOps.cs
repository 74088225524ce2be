using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MudBlazor;
using Norma.Modules.Organization.Domain;
using Norma.Shared.Access;
using Norma.Shared.Errors;

namespace Norma.Components.Shared;

/// <summary>
/// Runs one UI operation the way an HTTP request runs: in its own DI scope (fresh DbContext), as the signed-in
/// actor, through the same services the API uses. Rule, permission and validation failures become messages.
/// </summary>
public sealed class UiOps(
    IServiceScopeFactory scopes,
    AuthenticationStateProvider auth,
    ISnackbar snackbar,
    IStringLocalizer<SharedResource> text,
    ILogger<UiOps> logger)
{
    public async Task<Actor?> ActorAsync()
    {
        var state = await auth.GetAuthenticationStateAsync();
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ActorResolver>().ResolveAsync(state.User);
    }

    /// <summary>Runs the operation; returns (true, result) or shows the failure and returns (false, default).</summary>
    public async Task<(bool Ok, TResult? Value)> RunAsync<TService, TResult>(Func<TService, Actor, Task<TResult>> operation, FormErrors? form = null)
        where TService : notnull
    {
        form?.Clear();
        try
        {
            var state = await auth.GetAuthenticationStateAsync();
            await using var scope = scopes.CreateAsyncScope();
            var actor = await scope.ServiceProvider.GetRequiredService<ActorResolver>().ResolveAsync(state.User)
                        ?? throw new ForbiddenException(text["Problem.Forbidden"]);
            return (true, await operation(scope.ServiceProvider.GetRequiredService<TService>(), actor));
        }
        catch (ValidationFailedException e)
        {
            form?.Set(e.Errors);
            snackbar.Add(string.Join(" ", e.Errors.SelectMany(x => x.Value)), Severity.Warning);
        }
        catch (Exception e) when (e is BusinessRuleException or NotFoundException or ConcurrencyConflictException)
        {
            snackbar.Add(e.Message, Severity.Error);
        }
        catch (ForbiddenException)
        {
            snackbar.Add(text["Problem.ForbiddenDetail"], Severity.Error);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Never a raw exception on screen: log it and say something went wrong.
            logger.LogError(e, "UI operation {Service} failed", typeof(TService).Name);
            snackbar.Add(text["Error.Text"], Severity.Error);
        }

        return (false, default);
    }

    public async Task<bool> RunAsync<TService>(Func<TService, Actor, Task> operation, FormErrors? form = null)
        where TService : notnull
    {
        var (ok, _) = await RunAsync<TService, bool>(async (s, a) =>
        {
            await operation(s, a);
            return true;
        }, form);
        return ok;
    }

    public void Success(string message) => snackbar.Add(message, Severity.Success);

    public void Warn(string message) => snackbar.Add(message, Severity.Warning);
}

/// <summary>Field errors of the form on screen, keyed like the API's validation problem.</summary>
public sealed class FormErrors
{
    private IDictionary<string, string[]> errors = new Dictionary<string, string[]>();

    public bool Has(string field) => errors.ContainsKey(field);

    public string? Text(string field) => errors.TryGetValue(field, out var m) ? string.Join(" ", m) : null;

    public void Set(IDictionary<string, string[]> value) => errors = value;

    public void Clear() => errors = new Dictionary<string, string[]>();
}

/// <summary>Re-checks the account's security stamp every minute, ending live sessions of deactivated accounts or changed passwords.</summary>
internal sealed class RevalidatingAuthStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopes, IOptions<IdentityOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffAccount>>();
        var user = await users.GetUserAsync(authenticationState.User);
        if (user is null || !user.IsActive)
        {
            return false;
        }

        var stamp = authenticationState.User.FindFirst(options.Value.ClaimsIdentity.SecurityStampClaimType)?.Value;
        return stamp is null || stamp == await users.GetSecurityStampAsync(user);
    }
}

internal static class UiSetup
{
    public static IServiceCollection AddNormaUi(this IServiceCollection services)
    {
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingAuthStateProvider>();
        services.AddScoped<UiOps>();
        return services;
    }
}
