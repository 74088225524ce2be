namespace Norma.Shared.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>The "Database" configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Empty with SQLite means "norma.db in the data folder".</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply pending migrations when the web app starts.</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
