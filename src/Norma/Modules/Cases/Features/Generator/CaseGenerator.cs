using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Norma.Modules.Cases.Data;
using Norma.Modules.Cases.Domain;
using Norma.Modules.Catalog.Contracts;
using Norma.Modules.Catalog.Domain;
using Norma.Modules.Organization.Contracts;
using Norma.Modules.Platform.Data;
using Norma.Rules.Cases;
using Npgsql;
using NpgsqlTypes;

namespace Norma.Modules.Cases.Features.Generator;

/// <summary>
/// The admin verb generate-cases: realistic test cases written straight into case_cases (no audit entries, no events):
/// across the organization's units, the catalog's items and the staff accounts, mostly closed, some open, some breached,
/// spread over the last D days. Numbers GEN-yyyyMMdd-NNNNNNN cannot collide with real numbering. PostgreSQL: binary COPY
/// then ANALYZE; SQLite: a prepared INSERT in transactions of 10 000. Open cases carry NextDueAt/ClockFlag consistent with
/// their due instant (no clock rows: the timer never sees generated cases).
/// </summary>
public sealed class CaseGenerator(CasesDbContext db, PlatformDbContext platform, IOrgDirectory org, IServiceCatalog catalog, TimeProvider clock)
{
    public const string NumberPrefix = "GEN-";
    private const int Batch = 10_000;

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗"];
    private static readonly string[] Given = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平", "建华", "国强", "桂英", "志明"];
    private static readonly string[] Streets = ["人民路", "解放路", "中山路", "建设路", "和平街", "文化路", "幸福里", "青年路", "滨江路", "新华街", "光明路", "长安街"];
    private static readonly string[] Estates = ["阳光花园", "翠湖小区", "锦绣家园", "金色港湾", "碧水苑", "东方明珠小区", "丽景湾", "康乐新村"];
    private static readonly string[] Objects = ["燃气表", "燃气灶", "热水器", "水管", "水龙头", "空调", "门锁", "电梯", "路灯", "下水道", "暖气片", "电表", "窗户", "屋顶"];
    private static readonly string[] Problems = ["漏气", "漏水", "不制冷", "打不着火", "无法开启", "异响", "损坏", "堵塞", "不亮", "跳闸", "渗水", "故障报修", "需要更换", "安装咨询"];
    private static readonly string[] Areas = ["市区", "郊区"];

    private sealed record Account(Guid Id, string Name, Guid? UnitId);

    private sealed record UnitPick(Guid Id, string Path, Account[] Staff);

    public async Task<int> RunAsync(int count, int days, int seed, TextWriter output, CancellationToken ct = default)
    {
        var units = (await org.UnitsAsync(ct)).Where(u => u.ParentId is not null).ToList();
        var items = await catalog.ChoicesAsync(ct);
        var accounts = await platform.Users.AsNoTracking().Where(u => u.IsActive).Select(u => new Account(u.Id, u.FullName, u.UnitId)).ToListAsync(ct);
        if (units.Count == 0 || items.Count == 0 || accounts.Count == 0)
        {
            await output.WriteLineAsync("The organization, catalog or staff is empty: run seed-demo first.");
            return 1;
        }

        var picks = units.Select(u => new UnitPick(u.Id, u.Path, accounts.Where(a => a.UnitId == u.Id).ToArray())).ToArray();
        var start = await db.Cases.CountAsync(c => c.Number.StartsWith(NumberPrefix), ct);
        var random = new Random(seed);
        var now = clock.GetUtcNow().UtcDateTime;
        var watch = Stopwatch.StartNew();
        var isPostgres = db.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";
        var conn = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            IEnumerable<Case> Cases()
            {
                for (var i = 0; i < count; i++)
                {
                    yield return Make(random, start + i + 1, now, days, picks, items, accounts);
                }
            }

            // A large load is much faster into a table without its secondary indexes, rebuilt once afterwards.
            var rebuild = isPostgres && count >= 100_000 ? await DropIndexesAsync((NpgsqlConnection)conn, ct) : [];
            var written = isPostgres
                ? await CopyAsync((NpgsqlConnection)conn, Cases(), output, watch, ct)
                : await InsertAsync((SqliteConnection)conn, Cases(), output, watch, ct);
            foreach (var definition in rebuild)
            {
                await using var create = new NpgsqlCommand("SET maintenance_work_mem = '256MB'; " + definition, (NpgsqlConnection)conn);
                create.CommandTimeout = 900;
                await create.ExecuteNonQueryAsync(ct);
            }

            if (rebuild.Count > 0)
            {
                await output.WriteLineAsync($"  {rebuild.Count} indexes rebuilt, {watch.Elapsed.TotalSeconds:F1} s");
            }

            if (isPostgres)
            {
                await using var analyze = new NpgsqlCommand("ANALYZE case_cases", (NpgsqlConnection)conn);
                analyze.CommandTimeout = 600;
                await analyze.ExecuteNonQueryAsync(ct);
            }

            await output.WriteLineAsync($"Generated {written:N0} cases in {watch.Elapsed.TotalSeconds:F1} s.");
            return 0;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Drops case_cases' secondary indexes (not the primary key, not unique ones) and returns their definitions.</summary>
    private static async Task<List<string>> DropIndexesAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var definitions = new List<(string Name, string Sql)>();
        await using (var list = new NpgsqlCommand(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i JOIN pg_class c ON c.relname = i.indexname JOIN pg_index x ON x.indexrelid = c.oid " +
            "WHERE i.tablename = 'case_cases' AND i.schemaname = current_schema() AND NOT x.indisunique", conn))
        await using (var reader = await list.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                definitions.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (name, _) in definitions)
        {
            await using var drop = new NpgsqlCommand($"DROP INDEX \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", conn);
            await drop.ExecuteNonQueryAsync(ct);
        }

        return definitions.Select(d => d.Sql).ToList();
    }

    private static Case Make(Random r, int seq, DateTime now, int days, UnitPick[] units, IReadOnlyList<ItemChoice> items, List<Account> accounts)
    {
        // More cases lately than long ago, and most in working hours.
        var ageDays = days * Math.Pow(r.NextDouble(), 1.3);
        var created = now.AddDays(-ageDays);
        var local = created.AddHours(8);
        if (local.Hour is < 8 or > 20 && r.Next(3) > 0)
        {
            created = created.AddHours(10);
            if (created > now)
            {
                created = now.AddMinutes(-r.Next(1, 600));
            }
        }

        created = created.AddTicks(-(created.Ticks % TimeSpan.TicksPerMillisecond));
        var unit = units[r.Next(units.Length)];
        var item = items[r.Next(items.Count)];
        var owner = accounts[r.Next(accounts.Count)];
        var channel = r.Next(100) switch
        {
            < 45 => CaseChannel.Phone, < 60 => CaseChannel.Visit, < 72 => CaseChannel.WeChat, < 82 => CaseChannel.Online,
            < 92 => CaseChannel.Hotline, < 95 => CaseChannel.Email, < 98 => CaseChannel.InspectionFinding, _ => CaseChannel.Api,
        };
        var priority = r.Next(100) switch { < 10 => Priority.Low, < 75 => Priority.Normal, < 93 => Priority.High, _ => Priority.Urgent };
        var recent = now - created < TimeSpan.FromDays(21);
        var roll = r.Next(100);
        var status = recent
            ? roll switch
            {
                < 15 => CaseStatus.Open, < 30 => CaseStatus.Dispatched, < 40 => CaseStatus.Accepted, < 48 => CaseStatus.OnSite,
                < 60 => CaseStatus.Completed, < 95 => CaseStatus.Closed, _ => CaseStatus.Cancelled,
            }
            : roll switch { < 1 => CaseStatus.Completed, < 95 => CaseStatus.Closed, < 99 => CaseStatus.Cancelled, _ => CaseStatus.Merged };
        var staff = unit.Staff.Length > 0 && status != CaseStatus.Open ? unit.Staff[r.Next(unit.Staff.Length)] : null;
        var limitHours = priority == Priority.Urgent ? 4 : r.Next(3) switch { 0 => 24, 1 => 48, _ => 120 };
        var due = created.AddHours(limitHours);
        var open = CaseLifecycle.IsOpen(status);
        var flag = 1;
        DateTime? nextDue = null;
        if (open && status != CaseStatus.Completed)
        {
            nextDue = due;
            flag = due <= now ? 3 : (due - now).TotalHours < limitHours * 0.2 ? 2 : 1;
        }
        else if (status is CaseStatus.Closed or CaseStatus.Completed && r.Next(100) < 8)
        {
            flag = 3; // met late
        }

        var title = $"{Objects[r.Next(Objects.Length)]}{Problems[r.Next(Problems.Length)]}";
        var dayStamp = TimeZoneInfo.ConvertTimeFromUtc(created, Shared.OrgTime.Zone);
        var done = open ? (DateTime?)null : created.AddHours(r.Next(1, limitHours * 2));
        if (done > now)
        {
            done = now;
        }

        return new Case
        {
            Id = Guid.CreateVersion7(new DateTimeOffset(created, TimeSpan.Zero)),
            Number = string.Create(CultureInfo.InvariantCulture, $"{NumberPrefix}{dayStamp:yyyyMMdd}-{seq:D7}"),
            ItemId = item.Id, ItemCode = item.Code, ItemName = item.Name, Handling = item.Handling, Channel = channel,
            ExternalNumber = channel == CaseChannel.Hotline ? string.Create(CultureInfo.InvariantCulture, $"12345-{dayStamp:yyyyMMdd}-{r.Next(1, 99999):D5}") : null,
            CallerName = Surnames[r.Next(Surnames.Length)] + Given[r.Next(Given.Length)],
            CallerPhone = string.Create(CultureInfo.InvariantCulture, $"1{r.Next(3, 10)}{r.Next(0, 1_000_000_000):D9}"),
            Address = $"{Streets[r.Next(Streets.Length)]}{r.Next(1, 300)}号 {Estates[r.Next(Estates.Length)]}{r.Next(1, 30)}栋{r.Next(1, 6)}单元{r.Next(101, 2603)}室",
            Area = Areas[r.Next(Areas.Length)],
            Title = title,
            Priority = priority, Status = status, IsPaused = open && r.Next(50) == 0,
            UnitId = unit.Id, UnitPath = unit.Path, OwnerId = owner.Id, OwnerName = owner.Name,
            AssigneeId = staff?.Id, AssigneeName = staff?.Name,
            CreatedById = owner.Id, CreatedByName = owner.Name, CreatedAt = created, UpdatedAt = done ?? created,
            DispatchedAt = status == CaseStatus.Open ? null : created.AddMinutes(r.Next(5, 120)),
            CompletedAt = status is CaseStatus.Completed or CaseStatus.Closed ? done : null,
            ClosedAt = open ? null : done,
            NextDueAt = nextDue, ClockFlag = flag, Version = 1,
        };
    }

    private static readonly string[] Columns =
    [
        "Id", "Number", "ItemId", "ItemCode", "ItemName", "Handling", "Channel", "ExternalNumber", "CallerName", "CallerPhone", "Address", "Area",
        "Title", "Priority", "Status", "IsPaused", "UnitId", "UnitPath", "OwnerId", "OwnerName", "AssigneeId", "AssigneeName", "FeeFen",
        "InvoiceRequested", "HasSignature", "CreatedById", "CreatedByName", "CreatedAt", "UpdatedAt", "DispatchedAt", "CompletedAt", "ClosedAt",
        "NextDueAt", "ClockFlag", "Version",
    ];

    private static object?[] Values(Case c) =>
    [
        c.Id, c.Number, c.ItemId, c.ItemCode, c.ItemName, (int)c.Handling, (int)c.Channel, c.ExternalNumber, c.CallerName, c.CallerPhone, c.Address, c.Area,
        c.Title, (int)c.Priority, (int)c.Status, c.IsPaused, c.UnitId, c.UnitPath, c.OwnerId, c.OwnerName, c.AssigneeId, c.AssigneeName, c.FeeFen,
        c.InvoiceRequested, c.HasSignature, c.CreatedById, c.CreatedByName, c.CreatedAt, c.UpdatedAt, c.DispatchedAt, c.CompletedAt, c.ClosedAt,
        c.NextDueAt, c.ClockFlag, c.Version,
    ];

    private static readonly NpgsqlDbType[] PgTypes =
    [
        NpgsqlDbType.Uuid, NpgsqlDbType.Varchar, NpgsqlDbType.Uuid, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Integer, NpgsqlDbType.Integer,
        NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar,
        NpgsqlDbType.Varchar, NpgsqlDbType.Integer, NpgsqlDbType.Integer, NpgsqlDbType.Boolean, NpgsqlDbType.Uuid, NpgsqlDbType.Varchar, NpgsqlDbType.Uuid,
        NpgsqlDbType.Varchar, NpgsqlDbType.Uuid, NpgsqlDbType.Varchar, NpgsqlDbType.Bigint,
        NpgsqlDbType.Boolean, NpgsqlDbType.Boolean, NpgsqlDbType.Uuid, NpgsqlDbType.Varchar, NpgsqlDbType.TimestampTz, NpgsqlDbType.TimestampTz,
        NpgsqlDbType.TimestampTz, NpgsqlDbType.TimestampTz, NpgsqlDbType.TimestampTz, NpgsqlDbType.TimestampTz, NpgsqlDbType.Integer, NpgsqlDbType.Integer,
    ];

    private static async Task<int> CopyAsync(NpgsqlConnection conn, IEnumerable<Case> cases, TextWriter output, Stopwatch watch, CancellationToken ct)
    {
        var n = 0;
        var sql = $"COPY case_cases ({string.Join(", ", Columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)";
        using var e = cases.GetEnumerator();
        var more = e.MoveNext();
        while (more)
        {
            // One COPY per 100 000 rows: progress is visible and a failure loses one batch only.
            await using (var importer = await conn.BeginBinaryImportAsync(sql, ct))
            {
                for (var i = 0; i < 10 * Batch && more; i++, more = e.MoveNext())
                {
                    await importer.StartRowAsync(ct);
                    var values = Values(e.Current);
                    for (var k = 0; k < values.Length; k++)
                    {
                        if (values[k] is null)
                        {
                            await importer.WriteNullAsync(ct);
                        }
                        else
                        {
                            await importer.WriteAsync(values[k], PgTypes[k], ct);
                        }
                    }

                    n++;
                }

                await importer.CompleteAsync(ct);
            }

            await output.WriteLineAsync($"  {n:N0} cases, {watch.Elapsed.TotalSeconds:F1} s");
        }

        return n;
    }

    private static async Task<int> InsertAsync(SqliteConnection conn, IEnumerable<Case> cases, TextWriter output, Stopwatch watch, CancellationToken ct)
    {
        var n = 0;
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = $"INSERT INTO case_cases ({string.Join(", ", Columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", Columns.Select((_, i) => $"$p{i}"))})";
        var parameters = Columns.Select((_, i) => cmd.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToArray();
        DbTransaction? tx = null;
        try
        {
            foreach (var c in cases)
            {
                if (n % Batch == 0)
                {
                    if (tx is not null)
                    {
                        await tx.CommitAsync(ct);
                        await tx.DisposeAsync();
                        await output.WriteLineAsync($"  {n:N0} cases, {watch.Elapsed.TotalSeconds:F1} s");
                    }

                    tx = await conn.BeginTransactionAsync(ct);
                    cmd.Transaction = (SqliteTransaction)tx;
                    cmd.Prepare();
                }

                var values = Values(c);
                for (var k = 0; k < values.Length; k++)
                {
                    parameters[k].Value = values[k] switch
                    {
                        null => DBNull.Value,
                        Guid g => g.ToString().ToUpperInvariant(),
                        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
                        bool b => b ? 1 : 0,
                        var v => v,
                    };
                }

                await cmd.ExecuteNonQueryAsync(ct);
                n++;
            }

            if (tx is not null)
            {
                await tx.CommitAsync(ct);
            }
        }
        finally
        {
            if (tx is not null)
            {
                await tx.DisposeAsync();
            }
        }

        return n;
    }
}
