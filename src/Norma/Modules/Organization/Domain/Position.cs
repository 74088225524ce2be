using Norma.Shared.Persistence;

namespace Norma.Modules.Organization.Domain;

/// <summary>A post (岗位) within a unit, e.g. 客户经理 in 市场营销部. Staff hold one or more positions.</summary>
public sealed class Position : IVersioned
{
    private Position()
    {
    }

    public Guid Id { get; private set; }
    public Guid UnitId { get; private set; }
    public Unit? Unit { get; private set; }
    public string Name { get; private set; } = "";
    public string? Code { get; private set; }
    public string? Description { get; private set; }
    public int Version { get; set; }

    public static Position Create(Guid unitId, string name, string? code, string? description) =>
        new() { Id = Guid.CreateVersion7(), UnitId = unitId, Name = name, Code = code, Description = description };

    public void Edit(string name, string? code, string? description)
    {
        Name = name;
        Code = code;
        Description = description;
    }
}

/// <summary>Which account holds which position.</summary>
public sealed class StaffPosition
{
    public Guid AccountId { get; set; }
    public Guid PositionId { get; set; }
}
