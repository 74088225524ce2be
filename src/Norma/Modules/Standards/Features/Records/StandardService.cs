using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Norma.Modules.Standards.Data;
using Norma.Modules.Standards.Domain;
using Norma.Rules.Standards;
using Norma.Shared;
using Norma.Shared.Access;
using Norma.Shared.Errors;
using Norma.Shared.Persistence;

namespace Norma.Modules.Standards.Features.Records;

/// <summary>What a person sees as a version's state: the stored status, or 实施 / 待实施 / 被替代 derived from the dates.</summary>
public enum DisplayStatus
{
    Draft = 1,
    Consultation = 2,
    Reviewed = 3,
    Approved = 4,
    PublishedPending = 5,
    Effective = 6,
    Superseded = 7,
    Abolished = 8,
}

public sealed record StandardSummaryDto(
    Guid Id, string Number, string Title, StandardLevel Level, bool IsAdopted, Guid NodeId, string NodeCode, string NodeName,
    string Edition, DisplayStatus Status, DateOnly? IssuedOn, DateOnly? EffectiveOn, bool InForce, DateOnly? ReviewDueOn, bool ReviewDue);

public sealed record VersionDto(
    Guid Id, string Edition, string Title, StandardStatus Status, DisplayStatus DisplayStatus, string Body,
    string? ProposingUnit, string? InterpretingUnit, string? DraftedBy, string? ReviewedBy, string? ApprovedBy, string? References,
    DateOnly? IssuedOn, DateOnly? EffectiveOn, DateOnly? AbolishedOn, DateOnly? LastReviewedOn, bool Editable,
    IReadOnlyList<StandardAction> Actions, int Version);

public sealed record EventDto(Guid VersionId, string Edition, string Action, StandardStatus? FromStatus, StandardStatus ToStatus, string ActorName, DateTime At, string? Comment);

public sealed record StandardRef(Guid Id, string Number, string Title);

public sealed record StandardDetailDto(
    Guid Id, string Number, StandardLevel Level, bool IsAdopted, Guid NodeId, string NodeName, int? ReviewCycleMonths,
    StandardRef? Supersedes, IReadOnlyList<StandardRef> SupersededBy, Guid? InForceVersionId, DateOnly? ReviewDueOn, bool ReviewDue,
    bool CanRevise, bool CanEdit, IReadOnlyList<VersionDto> Versions, IReadOnlyList<EventDto> Events, int Version);

public sealed record ClauseHit(Guid StandardId, string Number, string Title, string Edition, string ClauseNumber, string ClauseHeading, string Anchor, string Snippet);

/// <summary>filter: all | inforce | drafts | reviewdue | abolished | uncited (in force, implemented by nothing yet).</summary>
public sealed record StandardQuery(Guid? NodeId = null, string? Search = null, string? Filter = null, StandardLevel? Level = null, DateOnly? OnDate = null);

public sealed record CreateStandardRequest(
    string? Number, string? Title, StandardLevel Level, bool IsAdopted, Guid NodeId, int? ReviewCycleMonths, Guid? SupersedesId,
    string? ProposingUnit, string? InterpretingUnit, string? DraftedBy, string? References, string? Body);

public sealed record UpdateStandardRequest(StandardLevel Level, bool IsAdopted, Guid NodeId, int? ReviewCycleMonths, Guid? SupersedesId, int? Version = null);

public sealed record UpdateVersionRequest(
    string? Title, string? Body, string? ProposingUnit, string? InterpretingUnit, string? DraftedBy, string? References,
    DateOnly? IssuedOn, DateOnly? EffectiveOn, int? Version = null);

public sealed record TransitionRequest(StandardAction Action, string? Comment = null, DateOnly? IssuedOn = null, DateOnly? EffectiveOn = null, DateOnly? AbolishedOn = null, int? Version = null);

/// <summary>amendment: A/0 → A/1 (修改单); otherwise a new edition A/1 → B/0 (修订).</summary>
public sealed record ReviseRequest(bool NewEdition, string? Comment = null);

/// <summary>Standard records, their versions and lifecycle (起草 → 征求意见 → 审核 → 批准 → 发布 → 实施 → 废止), revision and 复审.</summary>
public sealed class StandardService(StandardsDbContext db, IStringLocalizer<SharedResource> text, TimeProvider clock)
{
    private static bool IsPublic(StandardStatus s) => s is StandardStatus.Published or StandardStatus.Abolished;

    public async Task<IReadOnlyList<StandardSummaryDto>> ListAsync(Actor actor, StandardQuery query, CancellationToken ct = default)
    {
        actor.RequireRead();
        var today = query.OnDate ?? clock.Today();
        var nodes = await db.Nodes.AsNoTracking().ToListAsync(ct);
        var q = db.Standards.AsNoTracking();
        if (query.NodeId is { } nodeId)
        {
            var ids = Subtree(nodes, nodeId);
            q = q.Where(s => ids.Contains(s.NodeId));
        }

        if (query.Level is { } level)
        {
            q = q.Where(s => s.Level == level);
        }

        var seesDrafts = actor.SeesDrafts();
        if (Validation.Clean(query.Search) is { } search)
        {
            // Number, title and full text; readers only match the text of what is published.
            q = q.Where(s => s.Number.Contains(search) || s.Versions.Any(v =>
                (seesDrafts || v.Status == StandardStatus.Published || v.Status == StandardStatus.Abolished)
                && (v.Title.Contains(search) || v.Body.Contains(search))));
        }

        var byId = nodes.ToDictionary(n => n.Id);
        var cited = query.Filter == "uncited" ? (await db.Citations.Select(c => c.StandardId).Distinct().ToListAsync(ct)).ToHashSet() : [];
        var rows = new List<StandardSummaryDto>();
        foreach (var s in await WithVersionHeadersAsync(q, ct))
        {
            var versions = seesDrafts ? s.Versions : s.Versions.Where(v => IsPublic(v.Status)).ToList();
            if (versions.Count == 0)
            {
                continue;
            }

            var inForceId = InForce.On(s.Versions.Select(v => v.Dates), today);
            var shown = versions.FirstOrDefault(v => v.Id == inForceId) ?? Latest(versions);
            var latest = Latest(versions);
            var dueOn = inForceId is null ? null : ReviewDue.DueOn(shown.EffectiveOn, shown.LastReviewedOn, s.ReviewCycleMonths);
            var row = new StandardSummaryDto(s.Id, s.Number, shown.Title, s.Level, s.IsAdopted, s.NodeId, byId[s.NodeId].Code, byId[s.NodeId].Name,
                latest.Edition, Display(latest, inForceId, today), shown.IssuedOn, shown.EffectiveOn, inForceId is not null, dueOn, ReviewDue.IsDue(dueOn, today));
            var keep = query.Filter switch
            {
                "inforce" => row.InForce,
                "drafts" => StandardLifecycle.IsEditable(latest.Status) || latest.Status is StandardStatus.Reviewed or StandardStatus.Approved,
                "reviewdue" => row.ReviewDue,
                "abolished" => latest.Status == StandardStatus.Abolished,
                "uncited" => row.InForce && !cited.Contains(s.Id),
                _ => true,
            };
            if (keep)
            {
                rows.Add(row);
            }
        }

        var treeOrder = TreeOrder(nodes);
        return rows.OrderBy(r => treeOrder[r.NodeId]).ThenBy(r => r.Number, StringComparer.Ordinal).ToList();
    }

    public async Task<StandardDetailDto> GetAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        actor.RequireRead();
        var s = await db.Standards.AsNoTracking().Include(x => x.Versions).FirstOrDefaultAsync(x => x.Id == id, ct);
        var seesDrafts = actor.SeesDrafts();
        var versions = s is null ? [] : seesDrafts ? s.Versions : s.Versions.Where(v => IsPublic(v.Status)).ToList();
        if (s is null || versions.Count == 0)
        {
            throw new NotFoundException(text["Standard.NotFound"]);
        }

        var today = clock.Today();
        var node = await db.Nodes.AsNoTracking().SingleAsync(n => n.Id == s.NodeId, ct);
        var inForceId = InForce.On(s.Versions.Select(v => v.Dates), today);
        var inForce = s.Versions.FirstOrDefault(v => v.Id == inForceId);
        var dueOn = inForce is null ? null : ReviewDue.DueOn(inForce.EffectiveOn, inForce.LastReviewedOn, s.ReviewCycleMonths);
        var supersedes = s.SupersedesId is { } sid ? await RefAsync(db.Standards.Where(x => x.Id == sid), ct) : [];
        var supersededBy = await RefAsync(db.Standards.Where(x => x.SupersedesId == id), ct);
        var versionIds = versions.Select(v => v.Id).ToHashSet();
        var editions = s.Versions.ToDictionary(v => v.Id, v => v.Edition);
        var events = (await db.Events.AsNoTracking().Where(e => e.StandardId == id).ToListAsync(ct))
            .Where(e => versionIds.Contains(e.VersionId))
            .OrderByDescending(e => e.At)
            .Select(e => new EventDto(e.VersionId, editions[e.VersionId], e.Action, e.FromStatus, e.ToStatus, e.ActorName, DateTime.SpecifyKind(e.At, DateTimeKind.Utc), e.Comment))
            .ToList();
        var latest = Latest(s.Versions);
        return new StandardDetailDto(s.Id, s.Number, s.Level, s.IsAdopted, s.NodeId, node.Name, s.ReviewCycleMonths,
            supersedes.FirstOrDefault(), supersededBy, inForceId, dueOn, ReviewDue.IsDue(dueOn, today),
            actor.CanDo(StandardDuty.Edit) && latest.Status == StandardStatus.Published,
            actor.CanDo(StandardDuty.Edit),
            versions.OrderByDescending(v => v.CreatedAt).Select(v => ToDto(actor, v, inForceId, today)).ToList(),
            events, s.Version);
    }

    public async Task<StandardDetailDto> CreateAsync(Actor actor, CreateStandardRequest r, CancellationToken ct = default)
    {
        actor.Require(StandardDuty.Edit, text["Problem.ForbiddenDetail"]);
        db.AuditActor = actor.ForAudit();
        var v = new Validation(text).Required("Number", r.Number, 64).Required("Title", r.Title, 200)
            .Optional("ProposingUnit", r.ProposingUnit, 100).Optional("InterpretingUnit", r.InterpretingUnit, 100)
            .Optional("DraftedBy", r.DraftedBy, 100).Optional("References", r.References, 2000)
            .Check(Enum.IsDefined(r.Level), "Level", text["Validation.Required", text["Field.Level"]])
            .Check(r.ReviewCycleMonths is null or (>= 1 and <= 120), "ReviewCycleMonths", text["Validation.Range", text["Field.ReviewCycleMonths"], 1, 120]);
        if (!string.IsNullOrWhiteSpace(r.Number))
        {
            var number = r.Number.Trim();
            v.Check(!await db.Standards.AnyAsync(s => s.Number == number, ct), "Number", text["Standard.NumberTaken", number]);
        }

        v.Check(await db.Nodes.AnyAsync(n => n.Id == r.NodeId && !n.IsRetired, ct), "NodeId", text["StdNode.NotFound"]);
        if (r.SupersedesId is { } sup)
        {
            v.Check(await db.Standards.AnyAsync(s => s.Id == sup, ct), "SupersedesId", text["Standard.NotFound"]);
        }

        v.ThrowIfAny();
        var now = clock.GetUtcNow().UtcDateTime;
        var standard = new Standard
        {
            Id = Guid.CreateVersion7(), Number = r.Number!.Trim(), Level = r.Level, IsAdopted = r.IsAdopted, NodeId = r.NodeId,
            ReviewCycleMonths = r.ReviewCycleMonths, SupersedesId = r.SupersedesId, CreatedAt = now,
        };
        var version = new StandardVersion
        {
            Id = Guid.CreateVersion7(), StandardId = standard.Id, Edition = Edition.First, Title = r.Title!.Trim(), Body = r.Body ?? "",
            ProposingUnit = Validation.Clean(r.ProposingUnit), InterpretingUnit = Validation.Clean(r.InterpretingUnit),
            DraftedBy = Validation.Clean(r.DraftedBy) ?? actor.DisplayName, References = Validation.Clean(r.References), CreatedAt = now,
        };
        standard.Versions.Add(version);
        db.Standards.Add(standard);
        AddEvent(actor, version, "created", null, StandardStatus.Draft, null, now);
        await db.SaveOrConflictAsync(text, ct);
        return await GetAsync(actor, standard.Id, ct);
    }

    /// <summary>The record's classification and review cycle; these are not part of a version's text.</summary>
    public async Task<StandardDetailDto> UpdateAsync(Actor actor, Guid id, UpdateStandardRequest r, CancellationToken ct = default)
    {
        actor.Require(StandardDuty.Edit, text["Problem.ForbiddenDetail"]);
        db.AuditActor = actor.ForAudit();
        var s = await db.Standards.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException(text["Standard.NotFound"]);
        new Validation(text)
            .Check(Enum.IsDefined(r.Level), "Level", text["Validation.Required", text["Field.Level"]])
            .Check(r.ReviewCycleMonths is null or (>= 1 and <= 120), "ReviewCycleMonths", text["Validation.Range", text["Field.ReviewCycleMonths"], 1, 120])
            .Check(r.NodeId == s.NodeId || await db.Nodes.AnyAsync(n => n.Id == r.NodeId && !n.IsRetired, ct), "NodeId", text["StdNode.NotFound"])
            .Check(r.SupersedesId != id && (r.SupersedesId is null || await db.Standards.AnyAsync(x => x.Id == r.SupersedesId, ct)), "SupersedesId", text["Standard.NotFound"])
            .Check(r.SupersedesId is null || !await db.Standards.AnyAsync(x => x.Id == r.SupersedesId && x.SupersedesId == id, ct), "SupersedesId", text["Standard.SupersedeLoop"])
            .ThrowIfAny();
        db.ExpectVersion(s, r.Version);
        s.Level = r.Level;
        s.IsAdopted = r.IsAdopted;
        s.NodeId = r.NodeId;
        s.ReviewCycleMonths = r.ReviewCycleMonths;
        s.SupersedesId = r.SupersedesId;
        await db.SaveOrConflictAsync(text, ct);
        return await GetAsync(actor, id, ct);
    }

    /// <summary>Edits a version's text and metadata; only drafts and versions out for comment can change.</summary>
    public async Task<StandardDetailDto> UpdateVersionAsync(Actor actor, Guid versionId, UpdateVersionRequest r, CancellationToken ct = default)
    {
        actor.Require(StandardDuty.Edit, text["Problem.ForbiddenDetail"]);
        db.AuditActor = actor.ForAudit();
        var version = await db.Versions.FirstOrDefaultAsync(v => v.Id == versionId, ct) ?? throw new NotFoundException(text["Standard.NotFound"]);
        if (!StandardLifecycle.IsEditable(version.Status))
        {
            throw new BusinessRuleException(text["Standard.NotEditable", text[$"StdStatus.{version.Status}"]]);
        }

        new Validation(text).Required("Title", r.Title, 200)
            .Optional("ProposingUnit", r.ProposingUnit, 100).Optional("InterpretingUnit", r.InterpretingUnit, 100)
            .Optional("DraftedBy", r.DraftedBy, 100).Optional("References", r.References, 2000)
            .Check(r.IssuedOn is null || r.EffectiveOn is null || r.EffectiveOn >= r.IssuedOn, "EffectiveOn", text["Standard.EffectiveBeforeIssued"])
            .ThrowIfAny();
        db.ExpectVersion(version, r.Version);
        version.Title = r.Title!.Trim();
        version.Body = r.Body ?? "";
        version.ProposingUnit = Validation.Clean(r.ProposingUnit);
        version.InterpretingUnit = Validation.Clean(r.InterpretingUnit);
        version.DraftedBy = Validation.Clean(r.DraftedBy);
        version.References = Validation.Clean(r.References);
        version.IssuedOn = r.IssuedOn;
        version.EffectiveOn = r.EffectiveOn;
        await db.SaveOrConflictAsync(text, ct);
        return await GetAsync(actor, version.StandardId, ct);
    }

    /// <summary>One lifecycle step, enforced: allowed from the current status, by the right duty, with a comment where one is required.</summary>
    public async Task<StandardDetailDto> TransitionAsync(Actor actor, Guid versionId, TransitionRequest r, CancellationToken ct = default)
    {
        actor.RequireRead();
        db.AuditActor = actor.ForAudit();
        var version = await db.Versions.FirstOrDefaultAsync(v => v.Id == versionId, ct) ?? throw new NotFoundException(text["Standard.NotFound"]);
        if (!actor.SeesDrafts() && !IsPublic(version.Status))
        {
            throw new NotFoundException(text["Standard.NotFound"]);
        }

        var t = StandardLifecycle.Find(version.Status, r.Action)
                ?? throw new BusinessRuleException(text["Standard.ActionNotAllowed", text[$"StdAction.{r.Action}"], text[$"StdStatus.{version.Status}"]]);
        actor.Require(t.Duty, text["Standard.DutyMissing", text[$"StdAction.{r.Action}"]]);
        var v = new Validation(text).Optional("Comment", r.Comment, 1000);
        v.Check(!t.NeedsComment || !string.IsNullOrWhiteSpace(r.Comment), "Comment", text["Standard.CommentRequired", text[$"StdAction.{r.Action}"]]);
        var today = clock.Today();
        if (r.Action == StandardAction.Publish)
        {
            var issued = r.IssuedOn ?? version.IssuedOn ?? today;
            var effective = r.EffectiveOn ?? version.EffectiveOn;
            v.Check(effective is not null, "EffectiveOn", text["Validation.Required", text["Field.EffectiveOn"]]);
            v.Check(effective is null || effective >= issued, "EffectiveOn", text["Standard.EffectiveBeforeIssued"]);
            version.IssuedOn = issued;
            version.EffectiveOn = effective;
        }

        v.ThrowIfAny();
        db.ExpectVersion(version, r.Version);
        var from = version.Status;
        version.Status = t.To;
        switch (r.Action)
        {
            case StandardAction.PassReview:
                version.ReviewedBy = actor.DisplayName;
                break;
            case StandardAction.Approve:
                version.ApprovedBy = actor.DisplayName;
                break;
            case StandardAction.Abolish:
                version.AbolishedOn = r.AbolishedOn ?? today;
                break;
            case StandardAction.ConfirmReview:
                version.LastReviewedOn = today;
                break;
        }

        AddEvent(actor, version, r.Action.ToString(), from, t.To, Validation.Clean(r.Comment), clock.GetUtcNow().UtcDateTime);
        await db.SaveOrConflictAsync(text, ct);
        return await GetAsync(actor, version.StandardId, ct);
    }

    /// <summary>Starts the next version from the published one. The published version stays in force until the new one's 实施日期.</summary>
    public async Task<StandardDetailDto> ReviseAsync(Actor actor, Guid standardId, ReviseRequest r, CancellationToken ct = default)
    {
        actor.Require(StandardDuty.Edit, text["Problem.ForbiddenDetail"]);
        db.AuditActor = actor.ForAudit();
        var s = await db.Standards.Include(x => x.Versions).FirstOrDefaultAsync(x => x.Id == standardId, ct) ?? throw new NotFoundException(text["Standard.NotFound"]);
        var latest = Latest(s.Versions);
        if (latest.Status != StandardStatus.Published)
        {
            throw new BusinessRuleException(text["Standard.ReviseNeedsPublished"]);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var next = new StandardVersion
        {
            Id = Guid.CreateVersion7(), StandardId = s.Id, Edition = Edition.Next(latest.Edition, r.NewEdition), Title = latest.Title, Body = latest.Body,
            ProposingUnit = latest.ProposingUnit, InterpretingUnit = latest.InterpretingUnit, DraftedBy = actor.DisplayName, References = latest.References,
            CreatedAt = now,
        };
        db.Versions.Add(next);
        AddEvent(actor, next, r.NewEdition ? "revised" : "amended", null, StandardStatus.Draft, Validation.Clean(r.Comment), now);
        await db.SaveOrConflictAsync(text, ct);
        return await GetAsync(actor, s.Id, ct);
    }

    /// <summary>Clauses that contain the words, in the version a reader would open (in force, else the latest visible).</summary>
    public async Task<IReadOnlyList<ClauseHit>> SearchClausesAsync(Actor actor, string? words, CancellationToken ct = default)
    {
        actor.RequireRead();
        if (Validation.Clean(words) is not { } term)
        {
            return [];
        }

        var seesDrafts = actor.SeesDrafts();
        var today = clock.Today();
        var matches = await db.Standards.AsNoTracking().Include(s => s.Versions)
            .Where(s => s.Versions.Any(v => (seesDrafts || v.Status == StandardStatus.Published || v.Status == StandardStatus.Abolished) && v.Body.Contains(term)))
            .ToListAsync(ct);
        var hits = new List<ClauseHit>();
        foreach (var s in matches.OrderBy(m => m.Number, StringComparer.Ordinal))
        {
            var visible = seesDrafts ? s.Versions : s.Versions.Where(v => IsPublic(v.Status)).ToList();
            var inForceId = InForce.On(s.Versions.Select(v => v.Dates), today);
            var shown = visible.FirstOrDefault(v => v.Id == inForceId) ?? Latest(visible);
            foreach (var c in Clauses.Parse(shown.Body).Where(c => c.Heading.Contains(term, StringComparison.OrdinalIgnoreCase) || c.Text.Contains(term, StringComparison.OrdinalIgnoreCase)))
            {
                hits.Add(new ClauseHit(s.Id, s.Number, shown.Title, shown.Edition, c.Number, c.Heading, c.Anchor, Snippet(c.Text.Length > 0 ? c.Text : c.Heading, term)));
            }
        }

        return hits;
    }

    /// <summary>Line differences between two versions of one standard (both must be visible to the actor).</summary>
    public async Task<IReadOnlyList<DiffLine>> DiffAsync(Actor actor, Guid standardId, Guid fromVersionId, Guid toVersionId, CancellationToken ct = default)
    {
        var detail = await GetAsync(actor, standardId, ct);
        var from = detail.Versions.FirstOrDefault(v => v.Id == fromVersionId);
        var to = detail.Versions.FirstOrDefault(v => v.Id == toVersionId);
        if (from is null || to is null)
        {
            throw new NotFoundException(text["Standard.NotFound"]);
        }

        return TextDiff.Lines(Render(from), Render(to));
    }

    /// <summary>What a comparison covers: the title and text as a reader sees them.</summary>
    private static string Render(VersionDto v) => $"# {v.Title}\n{v.Body}";

    private static string Snippet(string text, string term)
    {
        var flat = text.Replace('\n', ' ');
        var at = Math.Max(0, flat.IndexOf(term, StringComparison.OrdinalIgnoreCase));
        var start = Math.Max(0, at - 30);
        var length = Math.Min(flat.Length - start, 90);
        return string.Concat(start > 0 ? "…" : "", flat.AsSpan(start, length), start + length < flat.Length ? "…" : "");
    }

    private static StandardVersion Latest(IEnumerable<StandardVersion> versions) => versions.OrderByDescending(v => v.CreatedAt).ThenByDescending(v => v.Edition, StringComparer.Ordinal).First();

    private static DisplayStatus Display(StandardVersion v, Guid? inForceId, DateOnly today) => v.Status switch
    {
        StandardStatus.Published when v.Id == inForceId => DisplayStatus.Effective,
        StandardStatus.Published when v.EffectiveOn > today => DisplayStatus.PublishedPending,
        StandardStatus.Published => DisplayStatus.Superseded,
        StandardStatus.Abolished => DisplayStatus.Abolished,
        _ => (DisplayStatus)(int)v.Status,
    };

    private VersionDto ToDto(Actor actor, StandardVersion v, Guid? inForceId, DateOnly today) => new(
        v.Id, v.Edition, v.Title, v.Status, Display(v, inForceId, today), v.Body, v.ProposingUnit, v.InterpretingUnit, v.DraftedBy, v.ReviewedBy,
        v.ApprovedBy, v.References, v.IssuedOn, v.EffectiveOn, v.AbolishedOn, v.LastReviewedOn,
        StandardLifecycle.IsEditable(v.Status) && actor.CanDo(StandardDuty.Edit),
        StandardLifecycle.Available(v.Status).Where(a => actor.CanDo(StandardLifecycle.Of(a).Duty)).ToList(),
        v.Version);

    private void AddEvent(Actor actor, StandardVersion v, string action, StandardStatus? from, StandardStatus to, string? comment, DateTime at) =>
        db.Events.Add(new StandardEvent
        {
            Id = Guid.CreateVersion7(), StandardId = v.StandardId, VersionId = v.Id, Action = action, FromStatus = from, ToStatus = to,
            ActorId = actor.AccountId, ActorName = actor.DisplayName, At = at, Comment = comment,
        });

    private static async Task<List<StandardRef>> RefAsync(IQueryable<Standard> q, CancellationToken ct)
    {
        var rows = await q.AsNoTracking().Include(s => s.Versions).ToListAsync(ct);
        return rows.Select(s => new StandardRef(s.Id, s.Number, Latest(s.Versions).Title)).ToList();
    }

    /// <summary>
    /// The standards with their versions' dates, states and titles but not their texts: a list never needs the
    /// Markdown bodies, and a library's bodies add up (the search runs in SQL before this).
    /// </summary>
    private async Task<List<Standard>> WithVersionHeadersAsync(IQueryable<Standard> standards, CancellationToken ct)
    {
        var rows = await standards.ToListAsync(ct);
        var versions = await db.Versions.AsNoTracking()
            .Where(v => standards.Select(x => x.Id).Contains(v.StandardId))
            .Select(v => new StandardVersion
            {
                Id = v.Id, StandardId = v.StandardId, Edition = v.Edition, Title = v.Title, Status = v.Status, IssuedOn = v.IssuedOn,
                EffectiveOn = v.EffectiveOn, AbolishedOn = v.AbolishedOn, LastReviewedOn = v.LastReviewedOn, CreatedAt = v.CreatedAt,
            })
            .ToListAsync(ct);
        var byStandard = versions.ToLookup(v => v.StandardId);
        foreach (var row in rows)
        {
            row.Versions = byStandard[row.Id].ToList();
        }

        return rows;
    }

    /// <summary>Position of each node in a depth-first walk (siblings by sort order), so lists follow the tree.</summary>
    private static Dictionary<Guid, int> TreeOrder(IReadOnlyList<StandardNode> nodes)
    {
        var children = nodes.Where(n => n.ParentId is not null).ToLookup(n => n.ParentId!.Value);
        var order = new Dictionary<Guid, int>();
        void Walk(StandardNode n)
        {
            order[n.Id] = order.Count;
            foreach (var c in children[n.Id].OrderBy(c => c.SortOrder).ThenBy(c => c.Code, StringComparer.Ordinal))
            {
                Walk(c);
            }
        }

        foreach (var root in nodes.Where(n => n.ParentId is null).OrderBy(n => n.SortOrder).ThenBy(n => n.Code, StringComparer.Ordinal))
        {
            Walk(root);
        }

        return order;
    }

    private static HashSet<Guid> Subtree(IReadOnlyList<StandardNode> nodes, Guid root)
    {
        var result = new HashSet<Guid> { root };
        bool added;
        do
        {
            added = false;
            foreach (var n in nodes.Where(n => n.ParentId is { } p && result.Contains(p) && !result.Contains(n.Id)))
            {
                result.Add(n.Id);
                added = true;
            }
        }
        while (added);
        return result;
    }
}
