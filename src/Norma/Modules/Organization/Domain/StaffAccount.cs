using Microsoft.AspNetCore.Identity;
using Norma.Shared.Persistence;

namespace Norma.Modules.Organization.Domain;

/// <summary>A staff member and their sign-in account (one record: in this field every staff member signs in).</summary>
public sealed class StaffAccount : IdentityUser<Guid>, IVersioned
{
    public string FullName { get; set; } = "";
    public Guid? UnitId { get; set; }
    public Unit? Unit { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTime CreatedAt { get; set; }
    public DateTime? LastSignInAt { get; set; }
    public int Version { get; set; }
    public List<StaffPosition> Positions { get; set; } = [];
}

/// <summary>A role. System roles (Key set) come with the product; organizations may add their own.</summary>
public sealed class AppRole : IdentityRole<Guid>, IVersioned
{
    /// <summary>Stable key of a built-in role (e.g. "Administrator"); null for roles an organization created.</summary>
    public string? SystemKey { get; set; }
    public string? Description { get; set; }
    public int Version { get; set; }
    public List<RoleGrant> Grants { get; set; } = [];
}

/// <summary>A permission granted by a role, with how far it reaches.</summary>
public sealed class RoleGrant
{
    public Guid RoleId { get; set; }
    public string Permission { get; set; } = "";
    public Norma.Rules.Access.DataScope Scope { get; set; }
}
