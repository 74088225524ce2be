using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Norma.Rules.Audit;

/// <summary>The fields of an audit entry that its hash covers.</summary>
public sealed record AuditRecord(
    long Sequence,
    DateTime AtUtc,
    Guid? ActorId,
    string ActorName,
    string Action,
    string EntityType,
    string? EntityId,
    string Details,
    string PreviousHash,
    string Hash);

/// <summary>Where verification found the chain broken, and why.</summary>
public sealed record AuditBreak(long Sequence, string Reason);

/// <summary>
/// A hash chain over audit entries: each entry's hash covers its own fields and the previous entry's hash,
/// so altering or deleting any entry breaks every link after it.
/// </summary>
public static class AuditChain
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>
    /// Timestamps are hashed at microsecond precision: PostgreSQL stores no finer, so a finer hash
    /// would not survive a round trip.
    /// </summary>
    public static DateTime Normalize(DateTime atUtc) =>
        new(atUtc.Ticks - (atUtc.Ticks % 10), DateTimeKind.Utc);

    public static string ComputeHash(
        long sequence, DateTime atUtc, Guid? actorId, string actorName, string action,
        string entityType, string? entityId, string details, string previousHash)
    {
        // Length-prefixed fields: no choice of field values can make two different entries serialize alike.
        var builder = new StringBuilder();
        void Field(string value) => builder.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append('|');
        Field(sequence.ToString(CultureInfo.InvariantCulture));
        Field(Normalize(atUtc).Ticks.ToString(CultureInfo.InvariantCulture));
        Field(actorId?.ToString("N") ?? "");
        Field(actorName);
        Field(action);
        Field(entityType);
        Field(entityId ?? "");
        Field(details);
        Field(previousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString())));
    }

    public static string ComputeHash(AuditRecord r) =>
        ComputeHash(r.Sequence, r.AtUtc, r.ActorId, r.ActorName, r.Action, r.EntityType, r.EntityId, r.Details, r.PreviousHash);

    /// <summary>Walks the entries in sequence order and returns the first broken link, or null when the chain holds.</summary>
    public static AuditBreak? Verify(IEnumerable<AuditRecord> entriesInOrder) => Verify(entriesInOrder, 1, GenesisHash);

    /// <summary>Verifies a segment of the chain that should start at <paramref name="expectedSequence"/> after <paramref name="previousHash"/>.</summary>
    public static AuditBreak? Verify(IEnumerable<AuditRecord> entriesInOrder, long expectedSequence, string previousHash)
    {
        foreach (var entry in entriesInOrder)
        {
            if (entry.Sequence != expectedSequence)
            {
                return new AuditBreak(expectedSequence, $"entry {expectedSequence} is missing (next present is {entry.Sequence})");
            }

            if (!string.Equals(entry.PreviousHash, previousHash, StringComparison.Ordinal))
            {
                return new AuditBreak(entry.Sequence, "previous-hash link does not match the preceding entry");
            }

            if (!string.Equals(ComputeHash(entry), entry.Hash, StringComparison.Ordinal))
            {
                return new AuditBreak(entry.Sequence, "content does not match its hash (the entry was altered)");
            }

            previousHash = entry.Hash;
            expectedSequence++;
        }

        return null;
    }
}
