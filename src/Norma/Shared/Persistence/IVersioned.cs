namespace Norma.Shared.Persistence;

/// <summary>
/// Optimistic concurrency that works the same on SQLite and PostgreSQL: the context bumps Version on every
/// update and EF adds "WHERE Version = @read" to the UPDATE, so a second writer fails instead of overwriting.
/// </summary>
public interface IVersioned
{
    int Version { get; set; }
}
