using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Norma.Modules.Cases.Domain;
using Norma.Modules.Cases.Features.Clocks;
using Norma.Modules.Cases.Features.Handling;
using Norma.Modules.Catalog.Contracts;
using Norma.Modules.Catalog.Domain;
using Norma.Modules.Customers.Contracts;
using Norma.Modules.Organization.Contracts;
using Norma.Modules.Platform.Audit;
using Norma.Rules.Cases;
using Norma.Rules.Catalog;
using Norma.Shared;
using Norma.Shared.Access;
using Norma.Shared.Errors;
using Npgsql;

namespace Norma.Modules.Cases.Features.Intake;

/// <summary>
/// 来电来访登记: what the front desk records. <see cref="CloseNow"/> closes a consultation answered on the spot (即办) at once,
/// with the answer in <see cref="Resolution"/>; it is still a case and still counted.
/// </summary>
public sealed record CreateCaseRequest(
    Guid? ItemId,
    CaseChannel Channel,
    string? Title,
    string? Description = null,
    Priority Priority = Priority.Normal,
    Guid? CustomerId = null,
    string? CallerName = null,
    string? CallerPhone = null,
    string? Address = null,
    string? Area = null,
    string? ExternalNumber = null,
    bool CloseNow = false,
    string? Resolution = null,
    bool SaveCustomer = false);

/// <summary>The result of a create: the case, and whether it is the stored result of an earlier request with the same Idempotency-Key.</summary>
public sealed record CreatedCase(Guid Id, string Number, bool Replayed);

/// <summary>
/// Intake (受理): validates, numbers the case from its item's rule (a counter advanced atomically in the same transaction,
/// unique under concurrency), starts the process and the commitment clocks, records the first event and the audit entry —
/// all in one transaction. With an Idempotency-Key the first result is stored with the case and replayed for a retry.
/// </summary>
public sealed partial class IntakeService(
    CaseUnitOfWork uow, IServiceCatalog catalog, IOrgDirectory org, ICustomers customers, CaseClocks clocks, ProcessSteps steps)
{
    [GeneratedRegex(@"^\+?[0-9][0-9\- ]{2,19}$")]
    private static partial Regex PhonePattern();

    public const int MaxIdempotencyKey = 200;

    public async Task<CreatedCase> CreateAsync(Actor actor, CreateCaseRequest r, string? idempotencyKey = null, CancellationToken ct = default)
    {
        actor.Require(Permissions.CasesCreate);
        var text = uow.Text;
        var db = uow.Db;
        string? requestHash = null;
        if (idempotencyKey is not null)
        {
            idempotencyKey = idempotencyKey.Trim();
            if (idempotencyKey.Length is 0 or > MaxIdempotencyKey)
            {
                throw ValidationFailedException.For("Idempotency-Key", text["Cases.IdempotencyKeyInvalid", MaxIdempotencyKey]);
            }

            requestHash = Hash(r);
        }

        var v = new Validation(text);
        var item = r.ItemId is { } itemId ? await catalog.ItemAsync(itemId, ct) : null;
        v.Check(r.ItemId is not null, "ItemId", text["Validation.Required", text["Field.ItemId"]]);
        v.Check(r.ItemId is null || (item is not null && !item.IsRetired), "ItemId", text["Cases.ItemUnknown"]);
        v.Check(Enum.IsDefined(r.Channel), "Channel", text["Cases.ChannelInvalid"]);
        v.Check(Enum.IsDefined(r.Priority), "Priority", text["Cases.PriorityInvalid"]);
        v.Optional("Title", r.Title, 200).Optional("Description", r.Description, 4000).Optional("CallerName", r.CallerName, 50)
            .Optional("Address", r.Address, 200).Optional("Area", r.Area, 50).Optional("ExternalNumber", r.ExternalNumber, 40)
            .Optional("Resolution", r.Resolution, 2000)
            .Pattern("CallerPhone", r.CallerPhone, PhonePattern(), "Cases.PhoneInvalid");
        v.Check(r.Channel != CaseChannel.Hotline || Validation.Clean(r.ExternalNumber) is not null, "ExternalNumber", text["Cases.ExternalNumberRequired"]);
        v.Check(!r.CloseNow || Validation.Clean(r.Resolution) is not null, "Resolution", text["Cases.ResolutionRequired"]);
        v.Check(!r.SaveCustomer || Validation.Clean(r.CallerName) is not null, "CallerName", text["Validation.Required", text["Field.CallerName"]]);
        CustomerInfo? customer = null;
        if (r.CustomerId is { } customerId)
        {
            customer = await customers.GetAsync(customerId, ct);
            v.Check(customer is not null, "CustomerId", text["Cases.CustomerUnknown"]);
        }

        // A retry is answered as the first request was, even if the same body would no longer pass (a retired item, a
        // removed unit).
        if (v.HasErrors && idempotencyKey is not null && await ReplayAsync(actor, idempotencyKey, requestHash!, ct) is { } replayed)
        {
            return replayed;
        }

        v.ThrowIfAny();
        var units = await org.UnitsAsync(ct);
        if (units.FirstOrDefault(u => u.Id == item!.UnitId) is not { } unit)
        {
            return idempotencyKey is not null && await ReplayAsync(actor, idempotencyKey, requestHash!, ct) is { } earlier
                ? earlier
                : throw new BusinessRuleException(text["Cases.ItemUnitMissing"]);
        }

        var now = uow.Now;

        // The number is drawn in its own statement, committed at once: concurrent intakes then contend on the counter
        // for a single statement, not for a whole intake. The same statement looks for an earlier request with this
        // Idempotency-Key, and draws nothing when there is one: a retry never burns a number. (Two requests with one key
        // racing each other can still cost a number, as any failed intake does.)
        if (await NextNumberAsync(item!, unit.Code, now, actor.AccountId, idempotencyKey, ct) is not { } number)
        {
            return await ReplayAsync(actor, idempotencyKey!, requestHash!, ct) ?? throw new BusinessRuleException(text["Problem.DuplicateDetail"]);
        }

        if (customer is null && r.SaveCustomer)
        {
            customer = await customers.FindOrCreateAsync(Validation.Clean(r.CallerName)!, Validation.Clean(r.CallerPhone), Validation.Clean(r.Address), Validation.Clean(r.Area), ct);
        }

        var c = new Case
        {
            Id = Guid.CreateVersion7(),
            Number = number,
            ItemId = item!.Id,
            ItemCode = item.Code,
            ItemName = item.Name,
            Handling = item.Handling,
            Channel = r.Channel,
            ExternalNumber = Validation.Clean(r.ExternalNumber),
            CustomerId = customer?.Id,
            CallerName = Validation.Clean(r.CallerName) ?? customer?.Name,
            CallerPhone = Validation.Clean(r.CallerPhone) ?? customer?.Phone,
            Address = Validation.Clean(r.Address) ?? customer?.Address,
            Area = Validation.Clean(r.Area) ?? customer?.Area,
            Title = Validation.Clean(r.Title) ?? item.Name,
            Description = Validation.Clean(r.Description),
            Priority = r.Priority,
            Status = CaseStatus.Open,
            UnitId = unit.Id,
            UnitPath = unit.Path,
            OwnerId = actor.AccountId,
            OwnerName = actor.DisplayName,
            CreatedById = actor.AccountId,
            CreatedByName = actor.DisplayName,
            CreatedAt = now,
            UpdatedAt = now,
        };

        db.AuditActor = new AuditActor(actor.AccountId, actor.UserName);
        try
        {
            db.Cases.Add(c);
            uow.Event(actor, c, CaseEvents.Created, null, new { channel = c.Channel.ToString(), item = item.Code, priority = c.Priority.ToString() }, null, CaseStatus.Open);
            var caseClocks = await clocks.CreateAsync(c, item.Commitments, ct);
            db.Clocks.AddRange(caseClocks);
            if (!r.CloseNow)
            {
                // 即办 is answered on the spot: no process runs for it.
                await steps.StartAsync(c, item, now, ct);
            }
            if (r.CloseNow)
            {
                // 即办: answered on the spot. Every promise that the answer fulfils is met now.
                c.Resolution = Validation.Clean(r.Resolution);
                foreach (var metric in new[] { ClockMetric.FirstResponse, ClockMetric.Reply, ClockMetric.Resolution })
                {
                    CaseClocks.Meet(caseClocks, metric, now);
                }

                c.Status = CaseLifecycle.Apply(CaseStatus.Open, CaseAction.Close, false, new DateTimeOffset(now, TimeSpan.Zero));
                c.ClosedAt = now;
                uow.Event(actor, c, CaseEvents.Closed, c.Resolution, null, CaseStatus.Open, CaseStatus.Closed);
            }

            await clocks.RefreshAsync(c, caseClocks, [], now, ct);
            if (idempotencyKey is not null)
            {
                db.IdempotencyKeys.Add(new IdempotencyRecord { Key = idempotencyKey, AccountId = actor.AccountId, RequestHash = requestHash!, CaseId = c.Id, CreatedAt = now });
            }

            // One save, so one transaction: the case, its clocks, first step and events, the idempotency record and the
            // audit entries commit together or not at all (on PostgreSQL one batch in one round trip).
            await db.SaveInsertsAsync(ct);
        }
        catch (DbUpdateException) when (idempotencyKey is null)
        {
            throw new BusinessRuleException(text["Problem.DuplicateDetail"]);
        }
        catch (DbUpdateException)
        {
            // A concurrent request with the same key won the insert: answer with its result.
            db.ChangeTracker.Clear();
            return await ReplayAsync(actor, idempotencyKey!, requestHash!, ct) ?? throw new BusinessRuleException(text["Problem.DuplicateDetail"]);
        }

        return new CreatedCase(c.Id, c.Number, false);
    }

    private async Task<CreatedCase?> ReplayAsync(Actor actor, string key, string hash, CancellationToken ct)
    {
        var db = uow.Db;
        var earlier = await db.IdempotencyKeys.AsNoTracking().FirstOrDefaultAsync(k => k.AccountId == actor.AccountId && k.Key == key, ct);
        if (earlier is null)
        {
            return null;
        }

        if (earlier.RequestHash != hash)
        {
            throw new UnprocessableException(uow.Text["Cases.IdempotencyKeyReused"]);
        }

        var number = await db.Cases.AsNoTracking().Where(x => x.Id == earlier.CaseId).Select(x => x.Number).FirstAsync(ct);
        return new CreatedCase(earlier.CaseId, number, true);
    }

    /// <summary>
    /// The next number of the item's rule: one counter per rendered prefix (rule, unit code, item code when used, period),
    /// advanced by one atomic upsert — concurrent intakes never share a number. Null, and no number drawn, when the
    /// account already used the Idempotency-Key (an earlier request to replay).
    /// </summary>
    private async Task<string?> NextNumberAsync(CaseItemInfo item, string unitCode, DateTime now, Guid accountId, string? idempotencyKey, CancellationToken ct)
    {
        var rule = NumberingRule.Parse(item.NumberingPattern);
        var local = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, OrgTime.Zone));
        var code = item.NumberingUnitCode ?? unitCode;
        var key = $"{rule.Pattern}|{(rule.UsesUnit ? code : "")}|{(rule.UsesItem ? item.Code : "")}|{rule.PeriodKey(local)}";
        var seq = await DrawAsync(key, accountId, idempotencyKey, ct);
        if (seq is null)
        {
            return null;
        }

        if (seq > rule.MaxSequence)
        {
            throw new BusinessRuleException(uow.Text["Cases.NumbersExhausted", rule.Pattern]);
        }

        return rule.Format(code, item.Code, local, seq.Value);
    }

    /// <summary>
    /// Advances the counter by one and returns it, unless the account already used the Idempotency-Key. A plain command
    /// on the context's connection: through EF's raw-SQL query it cost as much CPU as the whole save of the case.
    /// </summary>
    private async Task<long?> DrawAsync(string key, Guid accountId, string? idempotencyKey, CancellationToken ct)
    {
        var db = uow.Db;
        var database = db.Database;
        var connection = database.GetDbConnection();
        var transaction = database.CurrentTransaction?.GetDbTransaction();
        var postgres = connection is NpgsqlConnection;
        await database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = postgres && transaction is null
                // The counter's own commit need not wait for the disk: a case that uses the number commits durably after
                // it, which flushes the log past this commit too; losing it in a crash only re-issues numbers no case kept.
                // Only as a statement of its own (autocommit): set_config(…, true) lasts for the current transaction,
                // which inside an outer transaction would make the case's commit asynchronous too (and with NoResetOnClose
                // a session-wide setting would leak into the next user of the pooled connection).
                ? """
                  WITH s AS (SELECT set_config('synchronous_commit', 'off', true) AS c)
                  INSERT INTO case_sequences ("Key", "Value") SELECT $1, 1 FROM s
                  WHERE NOT EXISTS (SELECT 1 FROM case_idempotency i WHERE i."AccountId" = $2 AND i."Key" = $3)
                  ON CONFLICT ("Key") DO UPDATE SET "Value" = case_sequences."Value" + 1 RETURNING "Value"
                  """
                : """
                  INSERT INTO case_sequences ("Key", "Value") SELECT $1, 1
                  WHERE NOT EXISTS (SELECT 1 FROM case_idempotency i WHERE i."AccountId" = $2 AND i."Key" = $3)
                  ON CONFLICT ("Key") DO UPDATE SET "Value" = case_sequences."Value" + 1 RETURNING "Value"
                  """;

            // Typed by the model, as EF sends these columns (SQLite keeps a Guid as upper-case text); PostgreSQL's
            // parameters are positional (unnamed), SQLite's are named $1…
            var sequence = db.Model.FindEntityType(typeof(CaseSequence))!;
            var idempotency = db.Model.FindEntityType(typeof(IdempotencyRecord))!;
            (IProperty Column, object? Value)[] values =
            [
                (sequence.FindProperty(nameof(CaseSequence.Key))!, key),
                (idempotency.FindProperty(nameof(IdempotencyRecord.AccountId))!, accountId),
                (idempotency.FindProperty(nameof(IdempotencyRecord.Key))!, idempotencyKey),
            ];
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters.Add(values[i].Column.GetRelationalTypeMapping().CreateParameter(command, postgres ? "" : $"${i + 1}", values[i].Value, true));
            }

            return await command.ExecuteScalarAsync(ct) is { } drawn and not DBNull ? Convert.ToInt64(drawn, CultureInfo.InvariantCulture) : null;
        }
        finally
        {
            await database.CloseConnectionAsync();
        }
    }

    /// <summary>The request's fingerprint: a retry must send the same body (Stripe's rule: a different body under the same key is a 422).</summary>
    private static string Hash(CreateCaseRequest r) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(r, CaseUnitOfWork.Json))));
}
