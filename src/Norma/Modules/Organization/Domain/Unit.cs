using Norma.Rules.Access;
using Norma.Shared.Persistence;

namespace Norma.Modules.Organization.Domain;

/// <summary>A node of the organization tree (company, branch, department, team; or 市/县/乡/村).</summary>
public sealed class Unit : IVersioned
{
    private Unit()
    {
    }

    public Guid Id { get; private set; }
    public Guid? ParentId { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string? Description { get; private set; }
    public int SortOrder { get; private set; }

    /// <summary>分管领导: the staff account (typically a vice-GM) who oversees this unit; null when none is named.</summary>
    public Guid? OverseerId { get; private set; }

    /// <summary>Materialized path (see <see cref="UnitPath"/>), kept in step with ParentId by <see cref="MoveUnder"/>.</summary>
    public string Path { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public int Version { get; set; }

    public static Unit Create(Unit? parent, string code, string name, string? description, int sortOrder, DateTime now, Guid? overseerId = null)
    {
        var id = Guid.CreateVersion7();
        return new Unit
        {
            Id = id,
            ParentId = parent?.Id,
            Path = parent is null ? UnitPath.Root(id) : UnitPath.Child(parent.Path, id),
            Code = code,
            Name = name,
            Description = description,
            SortOrder = sortOrder,
            OverseerId = overseerId,
            CreatedAt = now,
        };
    }

    public void Edit(string code, string name, string? description, int sortOrder, Guid? overseerId)
    {
        Code = code;
        Name = name;
        Description = description;
        SortOrder = sortOrder;
        OverseerId = overseerId;
    }

    /// <summary>Names (or, with null, clears) the unit's 分管领导. The caller checks that the account is active staff.</summary>
    public void AssignOverseer(Guid? overseerId) => OverseerId = overseerId;

    public bool IsAncestorOrSelfOf(Unit other) => UnitPath.IsWithin(other.Path, Path);

    /// <summary>Moves this unit under a new parent (null = top level) and rebases the given descendants' paths.</summary>
    public void MoveUnder(Unit? newParent, IEnumerable<Unit> descendants)
    {
        var oldPath = Path;
        var newPath = newParent is null ? UnitPath.Root(Id) : UnitPath.Child(newParent.Path, Id);
        foreach (var d in descendants)
        {
            d.Path = UnitPath.Rebase(d.Path, oldPath, newPath);
        }

        ParentId = newParent?.Id;
        Path = newPath;
    }
}
