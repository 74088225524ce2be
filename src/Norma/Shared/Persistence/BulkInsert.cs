using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Norma.Shared.Persistence;

/// <summary>
/// Writes many generated rows of one entity type straight into its table, past the change tracker, the audit log
/// and the caches — for benchmark and test data only (the admin verbs that generate it say so). Columns, names and
/// value conversions come from the context's model. PostgreSQL: binary COPY; SQLite: multi-row INSERTs in one
/// transaction.
/// </summary>
public static class BulkInsert
{
    public static async Task<int> RunAsync<T>(DbContext db, IEnumerable<T> rows, CancellationToken ct = default)
        where T : class
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in {db.GetType().Name}.");
        var table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var properties = entity.GetProperties().ToArray();
        var columns = properties.Select(p => Quote(p.GetColumnName(store)!)).ToArray();
        var mappings = properties.Select(p => (RelationalTypeMapping)p.GetTypeMapping()).ToArray();

        object? Value(T row, int i) =>
            properties[i].GetGetter().GetClrValue(row) is { } v && mappings[i].Converter is { } converter ? converter.ConvertToProvider(v) : properties[i].GetGetter().GetClrValue(row);

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var conn = db.Database.GetDbConnection();
            return conn is NpgsqlConnection pg
                ? await CopyAsync(pg, Quote(table), columns, rows, Value, ct)
                : await InsertAsync(conn, Quote(table), columns, rows, Value, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static string Quote(string name) => $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    private static async Task<int> CopyAsync<T>(
        NpgsqlConnection conn, string table, string[] columns, IEnumerable<T> rows, Func<T, int, object?> value, CancellationToken ct)
    {
        var n = 0;
        await using var importer = await conn.BeginBinaryImportAsync($"COPY {table} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(ct);
            for (var i = 0; i < columns.Length; i++)
            {
                switch (value(row, i))
                {
                    case null:
                        await importer.WriteNullAsync(ct);
                        break;
                    case var v:
                        await importer.WriteAsync(v, ct);
                        break;
                }
            }

            n++;
        }

        await importer.CompleteAsync(ct);
        return n;
    }

    private static async Task<int> InsertAsync<T>(
        DbConnection conn, string table, string[] columns, IEnumerable<T> rows, Func<T, int, object?> value, CancellationToken ct)
    {
        // SQLite allows 32,766 parameters per statement.
        var perStatement = Math.Max(1, Math.Min(500, 30_000 / columns.Length));
        var n = 0;
        await using var tx = await conn.BeginTransactionAsync(ct);
        foreach (var chunk in rows.Chunk(perStatement))
        {
            await using var cmd = conn.CreateCommand();
            cmd.Transaction = tx;
            var values = new List<string>(chunk.Length);
            for (var r = 0; r < chunk.Length; r++)
            {
                var names = new string[columns.Length];
                for (var i = 0; i < columns.Length; i++)
                {
                    names[i] = $"@p{r}_{i}";
                    var parameter = cmd.CreateParameter();
                    parameter.ParameterName = names[i];
                    // EF Core stores a Guid in SQLite as upper-case text; dates, decimals and booleans bind as it writes them.
                    parameter.Value = value(chunk[r], i) switch { null => DBNull.Value, Guid g => g.ToString().ToUpperInvariant(), var v => v };
                    cmd.Parameters.Add(parameter);
                }

                values.Add($"({string.Join(", ", names)})");
            }

            cmd.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES {string.Join(", ", values)}";
            await cmd.ExecuteNonQueryAsync(ct);
            n += chunk.Length;
        }

        await tx.CommitAsync(ct);
        return n;
    }
}
