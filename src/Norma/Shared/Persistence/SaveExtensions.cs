using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Norma.Shared.Errors;

namespace Norma.Shared.Persistence;

public static class SaveExtensions
{
    /// <summary>Saves, turning a lost optimistic-concurrency race or a unique-key clash into a clear 409.</summary>
    public static async Task SaveOrConflictAsync(this DbContext db, IStringLocalizer text, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException(text["Problem.ConcurrencyDetail"]);
        }
        catch (DbUpdateException)
        {
            throw new BusinessRuleException(text["Problem.DuplicateDetail"]);
        }
    }

    /// <summary>Makes the next update conditional on the version the client read (when it sent one).</summary>
    public static void ExpectVersion<T>(this DbContext db, T entity, int? version)
        where T : class, IVersioned
    {
        if (version is { } v)
        {
            db.Entry(entity).Property(e => e.Version).OriginalValue = v;
        }
    }
}
