using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Norma.Modules.Platform.Audit;

/// <summary>
/// Turns tracked changes of audited entity types into audit events, so that no service can forget to audit.
/// Secrets are never written; personal data is written as "***" (what changed, not the value).
/// </summary>
public static class AuditCollector
{
    /// <summary>Properties never worth a line: derived, bookkeeping, or counted elsewhere (sign-in events).</summary>
    private static readonly HashSet<string> Skipped =
    [
        "Version", "ConcurrencyStamp", "NormalizedUserName", "NormalizedEmail", "NormalizedName",
        "AccessFailedCount", "LastSignInAt", "LastUsedAt", "LockoutEnabled",
        "Content", // file bytes: the hash (Sha256) is recorded instead
    ];

    /// <summary>Written as "***": the audit chain must not hold secrets, nor personal data a deletion request would need to erase.</summary>
    private static readonly HashSet<string> Redacted =
    [
        "PasswordHash", "SecurityStamp", "TokenHash", "PhoneNumber", "Email", "TwoFactorEnabled",
        "CallerName", "CallerPhone", "Address", "Phone", "ConfirmedBy",
    ];

    /// <summary>
    /// Large documents kept in full on their own row (an evaluation run's inputs and result: about 60 and 130 MB for
    /// 10,000 staff): the audit entry records their SHA-256 and length, which proves the row unchanged, not a copy.
    /// </summary>
    private static readonly HashSet<string> Digested = ["InputsJson", "ResultJson"];

    internal static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    public static List<AuditEvent> Collect(ChangeTracker tracker, IReadOnlyDictionary<Type, string> audited)
    {
        var events = new List<AuditEvent>();
        foreach (var entry in tracker.Entries())
        {
            if (!audited.TryGetValue(entry.Metadata.ClrType, out var name)
                || entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            var details = new SortedDictionary<string, object?>(StringComparer.Ordinal);
            foreach (var property in entry.Properties)
            {
                var prop = property.Metadata.Name;
                if (Skipped.Contains(prop))
                {
                    continue;
                }

                var isKey = property.Metadata.IsKey() || property.Metadata.IsForeignKey();
                switch (entry.State)
                {
                    case EntityState.Added when property.CurrentValue is string text && Digested.Contains(prop):
                        details[prop] = Digest(text);
                        break;
                    case EntityState.Added when property.CurrentValue is not null:
                        details[prop] = Redacted.Contains(prop) ? "***" : property.CurrentValue;
                        break;
                    case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue) && Digested.Contains(prop):
                        details[prop] = new object?[] { Digest(property.OriginalValue as string), Digest(property.CurrentValue as string) };
                        break;
                    case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue):
                        details[prop] = Redacted.Contains(prop)
                            ? "***"
                            : new object?[] { property.OriginalValue, property.CurrentValue };
                        break;
                    case EntityState.Deleted when isKey || prop is "Name" or "Code" or "FullName" or "UserName":
                        details[prop] = property.OriginalValue;
                        break;
                }
            }

            if (entry.State == EntityState.Modified && details.Count == 0)
            {
                continue;
            }

            var action = entry.State switch
            {
                EntityState.Added => "created",
                EntityState.Deleted => "deleted",
                _ => "updated",
            };
            var key = entry.Metadata.FindPrimaryKey()!.Properties
                .Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, System.Globalization.CultureInfo.InvariantCulture));
            events.Add(new AuditEvent($"{name}.{action}", entry.Metadata.ClrType.Name, string.Join(",", key),
                JsonSerializer.Serialize(details, Json)));
        }

        return events;
    }

    /// <summary>SHA-256 of the UTF-8 text, encoded in slices (no second copy of a 100 MB document), and its length.</summary>
    private static string? Digest(string? text)
    {
        if (text is null)
        {
            return null;
        }

        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        var encoder = System.Text.Encoding.UTF8.GetEncoder();
        var buffer = new byte[System.Text.Encoding.UTF8.GetMaxByteCount(64 * 1024)];
        for (var i = 0; i < text.Length; i += 64 * 1024)
        {
            var slice = text.AsSpan(i, Math.Min(64 * 1024, text.Length - i));
            var n = encoder.GetBytes(slice, buffer, flush: i + slice.Length == text.Length);
            hash.AppendData(buffer, 0, n);
        }

        if (text.Length == 0)
        {
            encoder.GetBytes([], buffer, flush: true);
        }

        return $"sha256:{Convert.ToHexStringLower(hash.GetHashAndReset())} ({text.Length} chars)";
    }
}
