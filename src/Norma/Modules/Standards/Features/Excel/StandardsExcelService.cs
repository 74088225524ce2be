using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;
using Norma.Modules.Standards.Data;
using Norma.Modules.Standards.Domain;
using Norma.Modules.Standards.Features.Records;
using Norma.Modules.Standards.Features.Tree;
using Norma.Rules.Standards;
using Norma.Shared;
using Norma.Shared.Access;
using Norma.Shared.Errors;
using static Norma.Shared.ExcelCells;

namespace Norma.Modules.Standards.Features.Excel;

public sealed record ImportRowError(int Row, string Number, IReadOnlyList<string> Reasons);

public sealed record ImportResult(int Imported, IReadOnlyList<ImportRowError> Rejected);

/// <summary>The 标准明细表 and 标准体系表 as Excel, and import of a 明细表 (all rows or none).</summary>
public sealed class StandardsExcelService(
    StandardService standards, TreeService tree, StandardsDbContext db, IStringLocalizer<SharedResource> text, TimeProvider clock)
{
    // Column headers of the 标准明细表, the form the seeds use. They are Chinese in every UI language: it is a document format.
    public const string ColNo = "序号", ColNumber = "标准编号", ColTitle = "标准名称", ColLevel = "级别", ColIssued = "发布日期",
        ColEffective = "实施日期", ColStatus = "状态", ColRemark = "备注", ColNode = "体系编码";

    private static readonly Dictionary<string, StandardLevel> Levels = new()
    {
        ["国家"] = StandardLevel.National, ["国家标准"] = StandardLevel.National,
        ["行业"] = StandardLevel.Industry, ["行业标准"] = StandardLevel.Industry,
        ["地方"] = StandardLevel.Local, ["地方标准"] = StandardLevel.Local,
        ["团体"] = StandardLevel.Group, ["团体标准"] = StandardLevel.Group,
        ["企业"] = StandardLevel.Enterprise, ["企业标准"] = StandardLevel.Enterprise,
    };

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy/M/d", "yyyy.M.d", "yyyy年M月d日", "yyyy-MM-dd HH:mm:ss", "yyyy/M/d H:mm:ss"];

    /// <summary>Two sheets: 标准明细表 (every visible standard) and 标准体系表 (the tree with counts).</summary>
    public async Task<byte[]> ExportAsync(Actor actor, CancellationToken ct = default)
    {
        var rows = await standards.ListAsync(actor, new StandardQuery(), ct);
        var nodes = await tree.ListAsync(actor, ct);
        var inForce = rows.Where(r => r.InForce).GroupBy(r => r.NodeId).ToDictionary(g => g.Key, g => g.Count());
        var detail = rows.Select((r, i) => new Dictionary<string, object?>
        {
            [ColNo] = i + 1,
            [ColNumber] = Safe(r.Number),
            [ColTitle] = Safe(r.Title),
            [ColLevel] = text[$"Level.{r.Level}"].Value,
            [ColIssued] = r.IssuedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            [ColEffective] = r.EffectiveOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            [ColStatus] = text[$"StdDisplay.{r.Status}"].Value,
            [ColRemark] = Safe(string.Join(";", new[] { r.IsAdopted ? text["Std.Adopted"].Value : null, r.ReviewDue ? text["Std.ReviewDue"].Value : null }.Where(x => x is not null))),
            [ColNode] = r.NodeCode,
        }).ToList();

        var children = nodes.Where(n => n.ParentId is not null).ToLookup(n => n.ParentId!.Value);
        var system = new List<Dictionary<string, object?>>();
        void Walk(NodeDto n, int level)
        {
            system.Add(new Dictionary<string, object?>
            {
                [ColNode] = n.Code,
                ["体系名称"] = new string('　', level * 2) + Safe(n.Name),
                ["层级"] = level + 1,
                ["标准数"] = n.StandardCount,
                ["现行有效数"] = inForce.GetValueOrDefault(n.Id),
                [ColRemark] = n.IsRetired ? text["Std.NodeRetire"].Value : null,
            });
            foreach (var c in children[n.Id])
            {
                Walk(c, level + 1);
            }
        }

        foreach (var root in nodes.Where(n => n.ParentId is null))
        {
            Walk(root, 0);
        }

        using var stream = new MemoryStream();
        await stream.SaveAsAsync(new Dictionary<string, object> { ["标准明细表"] = detail, ["标准体系表"] = system }, cancellationToken: ct);
        return stream.ToArray();
    }

    /// <summary>
    /// Imports a 明细表 of standards already in force: each row becomes a published A/0 with its dates. Every row is
    /// checked first; if any is rejected, nothing is imported and the report says which rows and why.
    /// </summary>
    public async Task<ImportResult> ImportAsync(Actor actor, Stream file, CancellationToken ct = default)
    {
        if (!actor.CanDo(StandardDuty.Edit) || !actor.CanDo(StandardDuty.Approve))
        {
            throw new ForbiddenException(text["Std.ImportForbidden"]);
        }

        List<IDictionary<string, object?>> rows;
        try
        {
            using var copy = new MemoryStream();
            await file.CopyToAsync(copy, ct);
            copy.Position = 0;
            rows = copy.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw ValidationFailedException.For("File", text["Std.ImportUnreadable"]);
        }

        var required = new[] { ColNumber, ColTitle, ColLevel, ColNode, ColIssued, ColEffective };
        var missing = rows.Count == 0 ? required : required.Where(c => !rows[0].ContainsKey(c)).ToArray();
        if (rows.Count == 0 || missing.Length > 0)
        {
            throw ValidationFailedException.For("File", text["Std.ImportColumns", string.Join("、", missing.Length > 0 ? missing : required)]);
        }

        var nodes = await db.Nodes.AsNoTracking().Where(n => !n.IsRetired).ToDictionaryAsync(n => n.Code, n => n.Id, ct);
        var existing = (await db.Standards.Select(s => s.Number).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rejected = new List<ImportRowError>();
        var accepted = new List<(string Number, string Title, StandardLevel Level, Guid Node, DateOnly Issued, DateOnly Effective, string? Remark)>();
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            string Cell(string c) => Convert.ToString(r.TryGetValue(c, out var v) ? v : null, CultureInfo.InvariantCulture)?.Trim() ?? "";
            if (r.Values.All(v => string.IsNullOrWhiteSpace(Convert.ToString(v, CultureInfo.InvariantCulture))))
            {
                continue; // blank line
            }

            var reasons = new List<string>();
            var number = Cell(ColNumber);
            var title = Cell(ColTitle);
            if (number.Length == 0 || number.Length > 64)
            {
                reasons.Add(text["Std.ImportNumber"]);
            }
            else if (existing.Contains(number))
            {
                reasons.Add(text["Standard.NumberTaken", number]);
            }
            else if (!seen.Add(number))
            {
                reasons.Add(text["Std.ImportDuplicateInFile", number]);
            }

            if (title.Length == 0 || title.Length > 200)
            {
                reasons.Add(text["Validation.Required", text["Field.Title"]]);
            }

            if (!Levels.TryGetValue(Cell(ColLevel), out var level))
            {
                reasons.Add(text["Std.ImportLevel", Cell(ColLevel)]);
            }

            if (!nodes.TryGetValue(Cell(ColNode), out var node))
            {
                reasons.Add(text["Std.ImportNode", Cell(ColNode)]);
            }

            var issued = ParseDate(r.TryGetValue(ColIssued, out var iv) ? iv : null);
            var effective = ParseDate(r.TryGetValue(ColEffective, out var ev) ? ev : null);
            if (issued is null)
            {
                reasons.Add(text["Std.ImportDate", ColIssued]);
            }

            if (effective is null)
            {
                reasons.Add(text["Std.ImportDate", ColEffective]);
            }
            else if (issued is not null && effective < issued)
            {
                reasons.Add(text["Standard.EffectiveBeforeIssued"]);
            }

            if (reasons.Count > 0)
            {
                rejected.Add(new ImportRowError(i + 2, number, reasons)); // row 1 is the header
            }
            else
            {
                accepted.Add((number, title, level, node, issued!.Value, effective!.Value, Validation.Clean(Cell(ColRemark))));
            }
        }

        if (rejected.Count > 0 || accepted.Count == 0)
        {
            return new ImportResult(0, rejected);
        }

        db.AuditActor = actor.ForAudit();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var a in accepted)
        {
            var s = new Standard { Id = Guid.CreateVersion7(), Number = a.Number, Level = a.Level, NodeId = a.Node, IsAdopted = a.Level != StandardLevel.Enterprise, CreatedAt = now };
            var v = new StandardVersion
            {
                Id = Guid.CreateVersion7(), StandardId = s.Id, Title = a.Title, Status = StandardStatus.Published, IssuedOn = a.Issued, EffectiveOn = a.Effective,
                CreatedAt = now,
            };
            s.Versions.Add(v);
            db.Standards.Add(s);
            db.Events.Add(new StandardEvent
            {
                Id = Guid.CreateVersion7(), StandardId = s.Id, VersionId = v.Id, Action = "imported", ToStatus = StandardStatus.Published,
                ActorId = actor.AccountId, ActorName = actor.DisplayName, At = now, Comment = a.Remark,
            });
        }

        await db.SaveChangesAsync(ct);
        return new ImportResult(accepted.Count, []);
    }

    public const long MaxUploadBytes = 5 * 1024 * 1024;

    /// <summary>Only .xlsx files up to 5 MB are read.</summary>
    public void CheckUpload(string fileName, long length)
    {
        if (!fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            throw ValidationFailedException.For("File", text["Std.ImportType"]);
        }

        if (length is <= 0 or > MaxUploadBytes)
        {
            throw ValidationFailedException.For("File", text["Std.ImportSize", MaxUploadBytes / 1024 / 1024]);
        }
    }

    private static DateOnly? ParseDate(object? cell) => cell switch
    {
        DateTime dt => DateOnly.FromDateTime(dt),
        double serial when serial is > 0 and < 2958466 => DateOnly.FromDateTime(DateTime.FromOADate(serial)),
        _ when DateTime.TryParseExact(Convert.ToString(cell, CultureInfo.InvariantCulture)?.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) => DateOnly.FromDateTime(d),
        _ => null,
    };
}
