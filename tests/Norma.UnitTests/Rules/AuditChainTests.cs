using Norma.Rules.Audit;

namespace Norma.UnitTests.Rules;

public class AuditChainTests
{
    private static readonly DateTime T0 = new(2026, 11, 23, 1, 2, 3, DateTimeKind.Utc);

    private static List<AuditRecord> Chain(int n)
    {
        var list = new List<AuditRecord>();
        var previous = AuditChain.GenesisHash;
        for (var i = 1; i <= n; i++)
        {
            var at = T0.AddSeconds(i);
            var hash = AuditChain.ComputeHash(i, at, null, "admin", "unit.created", "Unit", $"u{i}", $$"""{"Name":"单位{{i}}"}""", previous);
            list.Add(new AuditRecord(i, at, null, "admin", "unit.created", "Unit", $"u{i}", $$"""{"Name":"单位{{i}}"}""", previous, hash));
            previous = hash;
        }

        return list;
    }

    [Fact]
    public void An_untouched_chain_verifies()
    {
        AuditChain.Verify(Chain(5)).ShouldBeNull();
        AuditChain.Verify([]).ShouldBeNull();
    }

    [Fact]
    public void Altering_a_field_breaks_the_chain_at_that_entry()
    {
        var chain = Chain(5);
        chain[2] = chain[2] with { Details = """{"Name":"篡改"}""" };
        var broken = AuditChain.Verify(chain);
        broken.ShouldNotBeNull();
        broken.Sequence.ShouldBe(3);
        broken.Reason.ShouldContain("altered");
    }

    [Fact]
    public void Rehashing_an_altered_entry_is_caught_by_the_next_link()
    {
        var chain = Chain(5);
        var e = chain[2] with { ActorName = "someone-else" };
        chain[2] = e with { Hash = AuditChain.ComputeHash(e) };
        AuditChain.Verify(chain)!.Sequence.ShouldBe(4);
    }

    [Fact]
    public void Deleting_an_entry_is_reported_as_missing()
    {
        var chain = Chain(5);
        chain.RemoveAt(1);
        var broken = AuditChain.Verify(chain);
        broken!.Sequence.ShouldBe(2);
        broken.Reason.ShouldContain("missing");
    }

    [Fact]
    public void Hash_is_stable_at_microsecond_precision_and_separates_fields()
    {
        // PostgreSQL keeps microseconds: a tick-level difference below that must not change the hash.
        var a = AuditChain.ComputeHash(1, T0.AddTicks(3), null, "x", "a", "E", null, "{}", AuditChain.GenesisHash);
        var b = AuditChain.ComputeHash(1, T0, null, "x", "a", "E", null, "{}", AuditChain.GenesisHash);
        a.ShouldBe(b);
        a.Length.ShouldBe(64);

        // Moving a character between two fields yields another hash (fields are length-prefixed).
        AuditChain.ComputeHash(1, T0, null, "ab", "c", "E", null, "{}", AuditChain.GenesisHash)
            .ShouldNotBe(AuditChain.ComputeHash(1, T0, null, "a", "bc", "E", null, "{}", AuditChain.GenesisHash));
    }

    [Fact]
    public void A_segment_verifies_from_where_the_previous_one_ended()
    {
        var chain = Chain(6);
        AuditChain.Verify(chain.Skip(3), 4, chain[2].Hash).ShouldBeNull();
        AuditChain.Verify(chain.Skip(3), 4, chain[1].Hash)!.Sequence.ShouldBe(4);
    }
}
