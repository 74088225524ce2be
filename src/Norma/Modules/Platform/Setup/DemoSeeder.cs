using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Norma.Modules.Organization.Domain;
using Norma.Modules.Platform.Data;

namespace Norma.Modules.Platform.Setup;

public sealed record DemoLogin(string UserName, string FullName, string RoleKey, string UnitName);

/// <summary>
/// The demo organization, drawn from the seeds: a service company with a customer-service centre (window and
/// call centre), an engineering department with two repair teams, the 督察考评中心, and a marketing department
/// with 客户经理 / 专管员 / 送货员. One sign-in per built-in role, the demo standard system, the call centre on the 7×24 calendar, the demo service catalog and the three shipped evaluation schemes, active. Idempotent: does nothing once the company exists.
/// </summary>
public sealed class DemoSeeder(
    PlatformDbContext db, UserManager<StaffAccount> users, Standards.Setup.DemoStandardsSeeder standards, Calendars.Setup.DemoCalendarsSeeder calendars,
    Catalog.Setup.DemoCatalogSeeder catalog, Evaluation.Setup.DemoEvaluationSeeder evaluation, TimeProvider clock)
{
    public const string CompanyCode = "NORMA";

    private sealed record UnitSeed(string Code, string? Parent, string Name, string[] Positions);

    private sealed record PersonSeed(string UserName, string FullName, string Unit, string Position, string? Role, string Phone, bool PrintLogin);

    private static readonly UnitSeed[] Units =
    [
        new(CompanyCode, null, "诺玛服务有限公司", ["总经理", "副总经理"]),
        new("OFFICE", CompanyCode, "综合办公室", ["系统管理员", "标准化专员"]),
        new("CSC", CompanyCode, "客户服务中心", ["服务中心主任"]),
        new("CSC-WIN", "CSC", "服务窗口", ["窗口受理员"]),
        new("CSC-CALL", "CSC", "呼叫中心", ["话务员"]),
        new("ENG", CompanyCode, "工程部", ["服务主任"]),
        new("ENG-R1", "ENG", "维修一班", ["班长", "技术员"]),
        new("ENG-R2", "ENG", "维修二班", ["班长", "技术员"]),
        new("QIC", CompanyCode, "督察考评中心", ["质检员"]),
        new("MKT", CompanyCode, "市场营销部", ["客户经理", "专管员", "送货员"]),
        // Scored monthly by the property scheme (PROPERTY-10X10) on the 现场管理部's findings.
        new("PROP", CompanyCode, "商场物业部", ["物业主管"]),
    ];

    private static readonly PersonSeed[] People =
    [
        new("admin", "王敏", "OFFICE", "系统管理员", SystemRoles.Administrator, "13800010001", true),
        new("biaozhun", "李静", "OFFICE", "标准化专员", SystemRoles.StandardsOfficer, "13800010002", true),
        new("kefu", "张丽", "CSC-WIN", "窗口受理员", SystemRoles.FrontDesk, "13800010003", true),
        new("zhuren", "陈刚", "ENG", "服务主任", SystemRoles.Supervisor, "13800010004", true),
        new("jishu", "赵强", "ENG-R1", "技术员", SystemRoles.FieldStaff, "13800010005", true),
        new("zhijian", "孙洁", "QIC", "质检员", SystemRoles.QualityInspector, "13800010006", true),
        new("lingdao", "周建国", CompanyCode, "总经理", SystemRoles.Executive, "13800010007", true),
        new("liuyang", "刘洋", "ENG-R1", "班长", SystemRoles.FieldStaff, "13800010008", false),
        new("huanglei", "黄磊", "ENG-R2", "技术员", SystemRoles.FieldStaff, "13800010009", false),
        new("wufang", "吴芳", "CSC-CALL", "话务员", SystemRoles.FrontDesk, "13800010010", false),
        new("zhengwei", "郑伟", "MKT", "客户经理", SystemRoles.FieldStaff, "13800010011", true),
        new("hetao", "何涛", "MKT", "专管员", SystemRoles.FieldStaff, "13800010012", false),
        new("machao", "马超", "MKT", "送货员", SystemRoles.FieldStaff, "13800010013", false),
        new("fuzong1", "钱文", CompanyCode, "副总经理", SystemRoles.Executive, "13800010014", false),
        new("fuzong2", "孙立", CompanyCode, "副总经理", SystemRoles.Executive, "13800010015", false),
    ];

    /// <summary>分管领导: who oversees which department (the department assessment averages them per overseer).</summary>
    private static readonly (string Unit, string Overseer)[] Overseers =
    [
        ("CSC", "fuzong1"), ("ENG", "fuzong1"),
        ("OFFICE", "fuzong2"), ("QIC", "fuzong2"), ("MKT", "fuzong2"), ("PROP", "fuzong1"),
    ];

    /// <summary>A password that satisfies the policy: letters and digits, 14 characters.</summary>
    public static string GeneratePassword()
    {
        const string letters = "abcdefghjkmnpqrstuvwxyz";
        const string digits = "23456789";
        var chars = new char[14];
        for (var i = 0; i < chars.Length; i++)
        {
            var set = i % 3 == 2 ? digits : letters;
            chars[i] = set[RandomNumberGenerator.GetInt32(set.Length)];
        }

        return "Nm-" + new string(chars);
    }

    public async Task<bool> IsSeededAsync(CancellationToken ct = default) => await db.Units.AnyAsync(u => u.Code == CompanyCode, ct);

    /// <summary>Seeds the demo organization with the given password for every demo account; returns the printed logins, or null if already seeded.</summary>
    public async Task<IReadOnlyList<DemoLogin>?> SeedAsync(string password, CancellationToken ct = default)
    {
        if (await IsSeededAsync(ct))
        {
            return null;
        }

        await SystemRoleSeeder.EnsureAsync(db, ct);
        var roles = await db.Roles.Where(r => r.SystemKey != null).ToDictionaryAsync(r => r.SystemKey!, r => r.Id, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        var units = new Dictionary<string, Unit>();
        var positions = new Dictionary<(string, string), Position>();
        var order = 0;
        foreach (var seed in Units)
        {
            var unit = Unit.Create(seed.Parent is null ? null : units[seed.Parent], seed.Code, seed.Name, null, order++, now);
            units[seed.Code] = unit;
            db.Units.Add(unit);
            foreach (var p in seed.Positions)
            {
                var position = Position.Create(unit.Id, p, null, null);
                positions[(seed.Code, p)] = position;
                db.Positions.Add(position);
            }
        }

        await db.SaveChangesAsync(ct);

        var logins = new List<DemoLogin>();
        var accounts = new Dictionary<string, Guid>();
        foreach (var person in People)
        {
            var account = new StaffAccount
            {
                Id = Guid.CreateVersion7(),
                UserName = person.UserName,
                FullName = person.FullName,
                UnitId = units[person.Unit].Id,
                PhoneNumber = person.Phone,
                IsActive = true,
                LockoutEnabled = true,
                CreatedAt = now,
            };
            accounts[person.UserName] = account.Id;
            var result = await users.CreateAsync(account, person.PrintLogin ? password : GeneratePassword());
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
            }

            db.StaffPositions.Add(new StaffPosition { AccountId = account.Id, PositionId = positions[(person.Unit, person.Position)].Id });
            if (person.Role is not null)
            {
                db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = account.Id, RoleId = roles[person.Role] });
            }

            if (person.PrintLogin)
            {
                logins.Add(new DemoLogin(person.UserName, person.FullName, person.Role!, units[person.Unit].Name));
            }
        }

        await db.SaveChangesAsync(ct);
        foreach (var (unit, overseer) in Overseers)
        {
            units[unit].AssignOverseer(accounts[overseer]);
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await standards.SeedAsync(ct);
        await calendars.SeedAsync(units.ToDictionary(u => u.Key, u => u.Value.Id), ct);
        await catalog.SeedAsync(ct);
        await evaluation.SeedAsync(ct);
        return logins;
    }

    public static IReadOnlyList<DemoLogin> Logins() =>
        People.Where(p => p.PrintLogin).Select(p => new DemoLogin(p.UserName, p.FullName, p.Role!, Units.First(u => u.Code == p.Unit).Name)).ToList();
}

/// <summary>Makes sure the built-in roles exist (with their default grants when first created). Runs at every start.</summary>
public static class SystemRoleSeeder
{
    public static async Task EnsureAsync(PlatformDbContext db, CancellationToken ct = default)
    {
        var existing = await db.Roles.Where(r => r.SystemKey != null).Select(r => r.SystemKey!).ToListAsync(ct);
        foreach (var key in SystemRoles.All.Except(existing))
        {
            db.Roles.Add(new AppRole
            {
                Id = Guid.CreateVersion7(),
                SystemKey = key,
                Name = key,
                NormalizedName = key.ToUpperInvariant(),
                Grants = SystemRoles.DefaultGrants(key).Select(g => new RoleGrant { Permission = g.Key, Scope = g.Value }).ToList(),
            });
        }

        // New permissions added to the product reach the administrator role automatically.
        var admin = await db.Roles.Include(r => r.Grants).FirstOrDefaultAsync(r => r.SystemKey == SystemRoles.Administrator, ct);
        if (admin is not null)
        {
            foreach (var p in Norma.Shared.Access.Permissions.All.Where(p => admin.Grants.All(g => g.Permission != p)))
            {
                db.RoleGrants.Add(new RoleGrant { RoleId = admin.Id, Permission = p, Scope = Rules.Access.DataScope.All });
            }
        }

        await db.SaveChangesAsync(ct);
    }
}
