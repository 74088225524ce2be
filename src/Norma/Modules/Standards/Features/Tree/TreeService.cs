using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Norma.Modules.Standards.Data;
using Norma.Modules.Standards.Domain;
using Norma.Rules.Standards;
using Norma.Shared;
using Norma.Shared.Access;
using Norma.Shared.Errors;
using Norma.Shared.Persistence;

namespace Norma.Modules.Standards.Features.Tree;

public sealed record NodeDto(Guid Id, Guid? ParentId, string Code, string Name, int SortOrder, bool IsRetired, int StandardCount, int Version);

public sealed record SaveNodeRequest(Guid? ParentId, string? Code, string? Name, int SortOrder = 0, bool IsRetired = false, int? Version = null);

/// <summary>The standard system tree (标准体系结构): add, rename, reorder and retire nodes.</summary>
public sealed partial class TreeService(StandardsDbContext db, IStringLocalizer<SharedResource> text)
{
    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    private static partial Regex CodePattern();

    public async Task<IReadOnlyList<NodeDto>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        actor.RequireRead();
        var visible = actor.SeesDrafts()
            ? db.Standards
            : db.Standards.Where(s => s.Versions.Any(v => v.Status == StandardStatus.Published || v.Status == StandardStatus.Abolished));
        var counts = await visible.GroupBy(s => s.NodeId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var nodes = await db.Nodes.AsNoTracking().OrderBy(n => n.SortOrder).ThenBy(n => n.Code).ToListAsync(ct);
        return nodes.Select(n => new NodeDto(n.Id, n.ParentId, n.Code, n.Name, n.SortOrder, n.IsRetired, counts.GetValueOrDefault(n.Id), n.Version)).ToList();
    }

    public async Task<NodeDto> CreateAsync(Actor actor, SaveNodeRequest r, CancellationToken ct = default)
    {
        actor.Require(StandardDuty.Edit, text["Problem.ForbiddenDetail"]);
        db.AuditActor = actor.ForAudit();
        await ValidateAsync(r, null, ct);
        if (r.ParentId is { } parent && !await db.Nodes.AnyAsync(n => n.Id == parent && !n.IsRetired, ct))
        {
            throw ValidationFailedException.For("ParentId", text["StdNode.NotFound"]);
        }

        var node = new StandardNode { Id = Guid.CreateVersion7(), ParentId = r.ParentId, Code = r.Code!.Trim(), Name = r.Name!.Trim(), SortOrder = r.SortOrder };
        db.Nodes.Add(node);
        await db.SaveOrConflictAsync(text, ct);
        return (await ListAsync(actor, ct)).Single(n => n.Id == node.Id);
    }

    /// <summary>Rename, renumber, reorder, retire or restore a node. A node with standards in it can be retired: they stay, new ones cannot be filed there.</summary>
    public async Task<NodeDto> UpdateAsync(Actor actor, Guid id, SaveNodeRequest r, CancellationToken ct = default)
    {
        actor.Require(StandardDuty.Edit, text["Problem.ForbiddenDetail"]);
        db.AuditActor = actor.ForAudit();
        var node = await db.Nodes.FirstOrDefaultAsync(n => n.Id == id, ct) ?? throw new NotFoundException(text["StdNode.NotFound"]);
        await ValidateAsync(r, id, ct);
        db.ExpectVersion(node, r.Version);
        node.Code = r.Code!.Trim();
        node.Name = r.Name!.Trim();
        node.SortOrder = r.SortOrder;
        node.IsRetired = r.IsRetired;
        await db.SaveOrConflictAsync(text, ct);
        return (await ListAsync(actor, ct)).Single(n => n.Id == id);
    }

    private async Task ValidateAsync(SaveNodeRequest r, Guid? self, CancellationToken ct)
    {
        var v = new Validation(text).Required("Code", r.Code, 32).Pattern("Code", r.Code, CodePattern(), "Validation.Code").Required("Name", r.Name, 100);
        if (!string.IsNullOrWhiteSpace(r.Code))
        {
            var code = r.Code.Trim();
            v.Check(!await db.Nodes.AnyAsync(n => n.Code == code && n.Id != self, ct), "Code", text["StdNode.CodeTaken", code]);
        }

        v.ThrowIfAny();
    }
}
