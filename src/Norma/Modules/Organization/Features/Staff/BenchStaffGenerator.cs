using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Norma.Modules.Organization.Domain;
using Norma.Modules.Platform.Data;
using Norma.Shared.Persistence;

namespace Norma.Modules.Organization.Features.Staff;

/// <summary>
/// Benchmark staff: accounts BENCH-00001 … (全名 基准员工00001) holding one generated position in generated units of
/// 1,000 people each (BENCH-U01 …, under the top unit). Written straight into the tables (<see cref="BulkInsert"/>: no
/// audit) without a password, so they cannot sign in. Idempotent: only the missing accounts are added.
/// </summary>
public sealed class BenchStaffGenerator(PlatformDbContext db, TimeProvider clock)
{
    public const string UserNamePrefix = "BENCH-";
    public const int PerUnit = 1000;

    /// <summary>Makes sure there are at least <paramref name="count"/> benchmark accounts holding the position; returns how many were added.</summary>
    public async Task<int> EnsureAsync(int count, string positionCode, string positionName, CancellationToken ct = default)
    {
        var existing = await db.Users.CountAsync(u => u.UserName!.StartsWith(UserNamePrefix), ct);
        if (existing >= count)
        {
            return 0;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var top = await db.Units.Where(u => u.ParentId == null).OrderBy(u => u.SortOrder).FirstOrDefaultAsync(ct)
                  ?? throw new InvalidOperationException("The organization is empty: run seed-demo first.");
        var positions = new Dictionary<int, Guid>();
        var unitIds = new Dictionary<int, Guid>();
        for (var u = 0; u <= (count - 1) / PerUnit; u++)
        {
            var code = string.Create(CultureInfo.InvariantCulture, $"BENCH-U{u + 1:D2}");
            var unit = await db.Units.FirstOrDefaultAsync(x => x.Code == code, ct);
            if (unit is null)
            {
                unit = Unit.Create(top, code, string.Create(CultureInfo.InvariantCulture, $"基准测试{u + 1:D2}部"), "bench-evaluation 生成", 900 + u, now);
                db.Units.Add(unit);
            }

            var position = await db.Positions.FirstOrDefaultAsync(p => p.UnitId == unit.Id && p.Code == positionCode, ct);
            if (position is null)
            {
                position = Position.Create(unit.Id, positionName, positionCode, "bench-evaluation 生成");
                db.Positions.Add(position);
            }

            unitIds[u] = unit.Id;
            positions[u] = position.Id;
        }

        await db.SaveChangesAsync(ct);

        var accounts = Enumerable.Range(existing + 1, count - existing).Select(n =>
        {
            var userName = string.Create(CultureInfo.InvariantCulture, $"{UserNamePrefix}{n:D5}");
            return new StaffAccount
            {
                Id = Guid.CreateVersion7(), UserName = userName, NormalizedUserName = userName.ToUpperInvariant(),
                FullName = string.Create(CultureInfo.InvariantCulture, $"基准员工{n:D5}"), UnitId = unitIds[(n - 1) / PerUnit],
                SecurityStamp = Guid.NewGuid().ToString("N"), ConcurrencyStamp = Guid.NewGuid().ToString(), LockoutEnabled = true,
                IsActive = true, CreatedAt = now, Version = 1,
            };
        }).ToList();
        await BulkInsert.RunAsync(db, accounts, ct);
        await BulkInsert.RunAsync(db, accounts.Select(a => new StaffPosition { AccountId = a.Id, PositionId = positions[(int.Parse(a.UserName![UserNamePrefix.Length..], CultureInfo.InvariantCulture) - 1) / PerUnit] }), ct);
        ReferenceCache.Changed(db);
        return accounts.Count;
    }
}
