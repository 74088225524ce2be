using System.Collections.Concurrent;
using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Norma.Shared.Persistence;

/// <summary>
/// Writes a context's pending inserts on PostgreSQL as one batch of (auto-prepared) INSERT statements: one round trip,
/// atomic by the batch's own implicit transaction. SaveChanges sends the same rows
/// as BEGIN + batch, then COMMIT in a second round trip, after building its commands through the change tracker's
/// update pipeline; on the case intake path that pipeline and the extra round trip were most of the app's CPU per create
/// (docs/cases-performance.md). Columns, parameter types and value conversions come from the model, as SaveChanges
/// would use them; statements are ordered so principals precede their dependents.
/// <para>
/// It writes only what it is sure to write exactly as EF would: added rows of plain table-mapped entity types, whose
/// only database-generated value is a key (identity, read back with RETURNING) that no other row of the batch refers to.
/// Anything else — an update, a delete, owned or complex types, inheritance, table splitting, computed or defaulted
/// columns, a foreign key still holding a temporary value, several rows of a self-referencing type, or an open
/// transaction (where SaveChanges would wrap the write in a savepoint the caller can recover from) — makes
/// <see cref="TryWriteAsync"/> return null without touching anything, and the caller saves with SaveChanges.
/// </para>
/// </summary>
public static class InsertBatch
{
    private static readonly ConcurrentDictionary<IEntityType, Plan?> Plans = new();

    /// <summary>Only creates parameters configured by the model's type mappings (never executed).</summary>
    private static readonly NpgsqlCommand ParameterFactory = new();

    /// <summary>
    /// Writes every pending change when all of them are inserts it can write, then marks them saved (Unchanged) and
    /// returns the number of rows; null when the context's changes need SaveChanges. A failed write throws a
    /// <see cref="DbUpdateException"/>, as SaveChanges would, and leaves the tracked entries as they were.
    /// </summary>
    public static async Task<int?> TryWriteAsync(DbContext db, CancellationToken ct)
    {
        // The connection's type, not ProviderName: that reads the provider assembly's name on each call (1 % of a create's CPU).
        if (db.Database.GetDbConnection() is not NpgsqlConnection connection || db.Database.CurrentTransaction is not null)
        {
            return null;
        }

        var rows = new List<(EntityEntry Entry, Plan Plan)>();
        foreach (var entry in db.ChangeTracker.Entries()) // detects changes first, unless the caller has and turned that off
        {
            if (entry.State == EntityState.Unchanged || entry.State == EntityState.Detached)
            {
                continue;
            }

            if (entry.State != EntityState.Added || Plans.GetOrAdd(entry.Metadata, Build) is not { } plan)
            {
                return null;
            }

            // A reference to a row whose key the database has yet to generate: SaveChanges fills it in between statements.
            foreach (var foreignKey in plan.ForeignKeyColumns)
            {
                if (entry.Property(foreignKey).IsTemporary)
                {
                    return null;
                }
            }

            rows.Add((entry, plan));
        }

        if (rows.Count == 0)
        {
            return 0;
        }

        if (Ordered(rows) is not { } ordered)
        {
            return null;
        }

        await using var batch = new NpgsqlBatch(connection);
        var returning = new List<(EntityEntry Entry, IProperty Key)>();
        foreach (var (entry, plan) in ordered)
        {
            var generated = plan.GeneratedKey is { } key && entry.Property(key).IsTemporary;
            var command = new NpgsqlBatchCommand(generated ? plan.InsertReturning : plan.Insert);
            var values = entry.CurrentValues;
            for (var i = 0; i < plan.Columns.Length; i++)
            {
                var property = plan.Columns[i];
                if (generated && property == plan.GeneratedKey)
                {
                    continue;
                }

                // The same conversion and provider type SaveChanges gives the column (enum → int, UTC DateTime → timestamptz …).
                command.Parameters.Add((NpgsqlParameter)plan.Mappings[i].CreateParameter(ParameterFactory, "", values[property], property.IsNullable));
            }

            batch.BatchCommands.Add(command);
            if (generated)
            {
                returning.Add((entry, plan.GeneratedKey!));
            }
        }

        await db.Database.OpenConnectionAsync(ct);
        var keys = new List<object>(returning.Count);
        try
        {
            await using var reader = await batch.ExecuteReaderAsync(ct);
            do
            {
                if (reader.FieldCount > 0 && await reader.ReadAsync(ct))
                {
                    keys.Add(reader.GetValue(0));
                }
            }
            while (await reader.NextResultAsync(ct));
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or InvalidCastException or ArgumentException)
        {
            throw new DbUpdateException($"Writing the inserts failed: {ex.Message}", ex, [.. rows.Select(r => r.Entry)]);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        if (keys.Count != returning.Count)
        {
            // Not a DbUpdateException: the rows are committed, and callers take that exception for "nothing written".
            throw new InvalidOperationException($"The inserts were written, but {keys.Count} generated keys came back for {returning.Count} rows.");
        }

        for (var i = 0; i < returning.Count; i++)
        {
            var (entry, key) = returning[i];
            var property = entry.Property(key);
            property.CurrentValue = key.GetTypeMapping().Converter is { } converter ? converter.ConvertFromProvider(keys[i]) : Convert.ChangeType(keys[i], key.ClrType, System.Globalization.CultureInfo.InvariantCulture);
            property.IsTemporary = false;
        }

        db.ChangeTracker.AcceptAllChanges();
        return rows.Count;
    }

    /// <summary>Principal types before their dependents (FK checks run per statement); rows of one type keep their order.</summary>
    private static List<(EntityEntry Entry, Plan Plan)>? Ordered(List<(EntityEntry Entry, Plan Plan)> rows)
    {
        var byType = new Dictionary<IEntityType, List<(EntityEntry, Plan)>>();
        var types = new List<IEntityType>();
        foreach (var row in rows)
        {
            if (!byType.TryGetValue(row.Entry.Metadata, out var list))
            {
                byType[row.Entry.Metadata] = list = [];
                types.Add(row.Entry.Metadata);
            }

            list.Add(row);
        }

        var result = new List<(EntityEntry, Plan)>(rows.Count);
        var state = new Dictionary<IEntityType, bool>(); // false: visiting, true: done
        bool Visit(IEntityType type)
        {
            if (state.TryGetValue(type, out var done))
            {
                return done; // a cycle between types: let SaveChanges sort it out
            }

            state[type] = false;
            foreach (var fk in type.GetForeignKeys())
            {
                var principal = fk.PrincipalEntityType;
                if (principal == type)
                {
                    if (byType[type].Count > 1)
                    {
                        return false;
                    }

                    continue;
                }

                if (byType.ContainsKey(principal) && !Visit(principal))
                {
                    return false;
                }
            }

            state[type] = true;
            result.AddRange(byType[type]);
            return true;
        }

        foreach (var type in types)
        {
            if (!Visit(type))
            {
                return null;
            }
        }

        return result;
    }

    private static Plan? Build(IEntityType type)
    {
        if (type.IsOwned() || type.BaseType is not null || type.GetDirectlyDerivedTypes().Any() || type.GetComplexProperties().Any()
            || type.GetTableName() is not { } table || type.GetViewName() is not null || type.GetSqlQuery() is not null
            || type.GetFunctionName() is not null || type.GetMappingFragments().Any() || type.GetNavigations().Any(n => n.TargetEntityType.IsOwned())
            || type.GetTableMappings().Any(m => m.Table.EntityTypeMappings.Count() > 1))
        {
            return null;
        }

        var store = StoreObjectIdentifier.Table(table, type.GetSchema());
        var properties = type.GetProperties().ToArray();
        IProperty? generatedKey = null;
        foreach (var property in properties)
        {
            if (property.GetComputedColumnSql(store) is not null || property.GetDefaultValueSql(store) is not null || property.TryGetDefaultValue(store, out _)
                || (property.GetBeforeSaveBehavior() != PropertySaveBehavior.Save && property.ValueGenerated == ValueGenerated.Never))
            {
                return null;
            }

            if (property.ValueGenerated == ValueGenerated.Never)
            {
                continue;
            }

            // Client-generated keys (Guid) arrive with their value; a store-generated key (identity) is read back.
            if (!property.IsPrimaryKey() || generatedKey is not null)
            {
                return null;
            }

            generatedKey = property;
        }

        var columns = properties.Select(p => Quote(p.GetColumnName(store) ?? throw new InvalidOperationException($"{p.Name} has no column."))).ToArray();
        var insert = $"INSERT INTO {Quote(table, type.GetSchema())} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => $"${i + 1}"))})";
        string? insertReturning = null;
        if (generatedKey is not null)
        {
            var kept = properties.Select((p, i) => (p, column: columns[i])).Where(x => x.p != generatedKey).Select(x => x.column).ToArray();
            insertReturning = $"INSERT INTO {Quote(table, type.GetSchema())} ({string.Join(", ", kept)}) VALUES ({string.Join(", ", kept.Select((_, i) => $"${i + 1}"))}) RETURNING {Quote(generatedKey.GetColumnName(store)!)}";
        }

        return new Plan(properties, [.. properties.Select(p => (RelationalTypeMapping)p.GetTypeMapping())], [.. properties.Where(p => p.IsForeignKey())],
            generatedKey, insert, insertReturning ?? insert);
    }

    private static string Quote(string name, string? schema = null) =>
        (schema is null ? "" : Quote(schema) + ".") + "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private sealed record Plan(
        IProperty[] Columns, RelationalTypeMapping[] Mappings, IProperty[] ForeignKeyColumns, IProperty? GeneratedKey, string Insert, string InsertReturning);
}
