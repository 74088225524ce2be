using Microsoft.EntityFrameworkCore;
using Norma.Modules.Standards.Data;
using Norma.Modules.Standards.Domain;

namespace Norma.Modules.Standards.Setup;

/// <summary>A new organization starts from the GB/T 24421 structure; runs at every start and does nothing once any node exists.</summary>
public static class StandardTreeSeeder
{
    public static async Task EnsureAsync(StandardsDbContext db, CancellationToken ct = default)
    {
        if (await db.Nodes.AnyAsync(ct))
        {
            return;
        }

        var ids = new Dictionary<string, Guid>();
        var order = 0;
        foreach (var seed in GbT24421Tree.Nodes)
        {
            var id = Guid.CreateVersion7();
            ids[seed.Code] = id;
            db.Nodes.Add(new StandardNode { Id = id, ParentId = seed.Parent is null ? null : ids[seed.Parent], Code = seed.Code, Name = seed.Name, SortOrder = order++ });
        }

        await db.SaveChangesAsync(ct);
    }
}
