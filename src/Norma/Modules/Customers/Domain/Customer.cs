using Norma.Shared.Persistence;

namespace Norma.Modules.Customers.Domain;

/// <summary>A customer (客户/服务对象) known by name and phone; found again at the next call.</summary>
public sealed class Customer : IVersioned
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string? Phone { get; set; }
    public string? Address { get; set; }
    public string? Area { get; set; }
    public string? Note { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }
}
