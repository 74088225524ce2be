using Microsoft.EntityFrameworkCore;
using Norma.Modules.Customers.Data;
using Norma.Modules.Customers.Domain;

namespace Norma.Modules.Customers.Contracts;

/// <summary>A customer as intake sees it. The phone is whole: callers mask it for readers who may not see it.</summary>
public sealed record CustomerInfo(Guid Id, string Name, string? Phone, string? Address, string? Area);

/// <summary>What cases may do with customers: find one at intake, and record a new caller.</summary>
public interface ICustomers
{
    /// <summary>Up to <paramref name="take"/> customers whose phone starts with the term (7 characters or more) or equals it, or whose name contains it.</summary>
    Task<IReadOnlyList<CustomerInfo>> SearchAsync(string term, int take = 10, CancellationToken ct = default);

    Task<CustomerInfo?> GetAsync(Guid id, CancellationToken ct = default);

    /// <summary>The customer with this exact name and phone, created when there is none (saved in the caller's unit of work).</summary>
    Task<CustomerInfo> FindOrCreateAsync(string name, string? phone, string? address, string? area, CancellationToken ct = default);
}

internal sealed class CustomerDirectory(CustomersDbContext db, TimeProvider clock) : ICustomers
{
    public async Task<IReadOnlyList<CustomerInfo>> SearchAsync(string term, int take = 10, CancellationToken ct = default)
    {
        term = term.Trim();
        if (term.Length == 0)
        {
            return [];
        }

        return await db.Customers.AsNoTracking()
            // A phone prefix only from seven digits on: shorter prefixes would let a caller guess hidden digits one by one.
            .Where(c => (c.Phone != null && (term.Length >= 7 ? c.Phone.StartsWith(term) : c.Phone == term)) || c.Name.Contains(term))
            .OrderBy(c => c.Name).ThenBy(c => c.Id)
            .Take(Math.Clamp(take, 1, 50))
            .Select(c => new CustomerInfo(c.Id, c.Name, c.Phone, c.Address, c.Area))
            .ToListAsync(ct);
    }

    public async Task<CustomerInfo?> GetAsync(Guid id, CancellationToken ct = default) =>
        await db.Customers.AsNoTracking().Where(c => c.Id == id).Select(c => new CustomerInfo(c.Id, c.Name, c.Phone, c.Address, c.Area)).FirstOrDefaultAsync(ct);

    public async Task<CustomerInfo> FindOrCreateAsync(string name, string? phone, string? address, string? area, CancellationToken ct = default)
    {
        var existing = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Name == name && c.Phone == phone, ct);
        if (existing is not null)
        {
            return new CustomerInfo(existing.Id, existing.Name, existing.Phone, existing.Address, existing.Area);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var customer = new Customer { Id = Guid.CreateVersion7(), Name = name, Phone = phone, Address = address, Area = area, CreatedAt = now, UpdatedAt = now };
        db.Customers.Add(customer);
        await db.SaveChangesAsync(ct);
        return new CustomerInfo(customer.Id, customer.Name, customer.Phone, customer.Address, customer.Area);
    }
}
