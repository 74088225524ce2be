using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Norma.Modules.Evaluation.Contracts;
using Norma.Modules.Evaluation.Data;
using Norma.Modules.Evaluation.Domain;
using Norma.Modules.Organization.Contracts;
using Norma.Rules.Evaluation;
using Norma.Shared.Access;
using Norma.Shared.Errors;

namespace Norma.Modules.Evaluation.Features.Entry;

/// <summary>An active scheme version and a period of its type: what every data entry is about.</summary>
internal sealed record EntryTarget(EvaluationSchemeRecord Record, SchemeFacts Facts, EvaluationPeriod Period);

/// <summary>The checks shared by the data-entry use cases: the scheme is active, the period fits it, the person is reachable.</summary>
internal sealed class EntryContext(
    EvaluationDbContext db, IOrgDirectory org, IEnumerable<IEvaluationMetricSource> sources, IStringLocalizer<SharedResource> text, TimeProvider clock)
{
    public async Task<EntryTarget> TargetAsync(Guid schemeId, string periodCode, CancellationToken ct)
    {
        var record = await db.Schemes.AsNoTracking().SingleOrDefaultAsync(s => s.Id == schemeId, ct) ?? throw new NotFoundException(text["Eval.SchemeNotFound"]);
        if (record.Status != SchemeStatus.Active)
        {
            throw new BusinessRuleException(text["Eval.SchemeNotActive"]);
        }

        var scheme = SchemeJson.Deserialize(record.Definition);
        if (!EvaluationPeriod.TryParse(periodCode, out var period) || period.Type != scheme.Period)
        {
            var example = EvaluationPeriod.Containing(scheme.Period, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)).Code;
            throw ValidationFailedException.For("Period", text["Eval.PeriodInvalid", periodCode, example]);
        }

        return new(record, SchemeFacts.Of(scheme, sources), period);
    }

    /// <summary>An active staff member the actor may enter data about (400 when unknown, 403 when out of scope).</summary>
    public async Task<StaffInfo> StaffAsync(Actor actor, Guid? staffId, CancellationToken ct)
    {
        var staff = staffId is { } id ? (await org.StaffAsync(ct)).FirstOrDefault(s => s.Id == id) : null;
        if (staff is null)
        {
            throw ValidationFailedException.For("StaffId", text["Eval.StaffUnknown"]);
        }

        var unit = staff.UnitId is { } u ? (await org.UnitsAsync(ct)).FirstOrDefault(x => x.Id == u) : null;
        if (!actor.CanEnterFor(staff, unit))
        {
            throw new ForbiddenException(text["Eval.StaffOutOfScope"]);
        }

        return staff;
    }

    /// <summary>
    /// Whom a manual score is about: in a scheme that scores units, a unit the actor's evaluation.enter scope reaches;
    /// otherwise an active staff member (as <see cref="StaffAsync"/>).
    /// </summary>
    public async Task<(FigureSubjectKind Kind, Guid Id)> SubjectAsync(Actor actor, EntryTarget target, Guid? subjectId, CancellationToken ct)
    {
        if (target.Facts.Scheme.Subject != SubjectKind.Unit)
        {
            return (FigureSubjectKind.Staff, (await StaffAsync(actor, subjectId, ct)).Id);
        }

        var unit = subjectId is { } id ? (await org.UnitsAsync(ct)).FirstOrDefault(u => u.Id == id) : null;
        if (unit is null)
        {
            throw ValidationFailedException.For("SubjectId", text["Eval.UnitUnknown"]);
        }

        if (!actor.Reaches(Norma.Shared.Access.Permissions.EvaluationEnter, new Norma.Rules.Access.ScopeTarget(null, unit.Id, unit.Path)))
        {
            throw new ForbiddenException(text["Eval.StaffOutOfScope"]);
        }

        return (FigureSubjectKind.Unit, unit.Id);
    }

    /// <summary>
    /// The scheme position that scores a subject, as a run matches them: for a person the first scheme position whose key
    /// is the code, or whose name is the name, of a position they hold; for a unit the position whose key or name is its
    /// code or name, else the first. Null when a person holds none of the scheme's positions.
    /// </summary>
    public async Task<Position?> PositionOfAsync(EntryTarget target, FigureSubjectKind kind, Guid subjectId, CancellationToken ct) =>
        (await PositionsAsync(target, ct))(kind, subjectId);

    /// <summary><see cref="PositionOfAsync"/> for many subjects: the organization is read once.</summary>
    public async Task<Func<FigureSubjectKind, Guid, Position?>> PositionsAsync(EntryTarget target, CancellationToken ct)
    {
        var scheme = target.Facts.Scheme;
        var units = (await org.UnitsAsync(ct)).ToDictionary(u => u.Id);
        var held = (await org.StaffPositionsAsync(ct)).ToLookup(h => h.StaffId);
        return (kind, subjectId) =>
        {
            if (kind == FigureSubjectKind.Unit)
            {
                return units.TryGetValue(subjectId, out var unit) ? SchemeFacts.PositionOf(scheme, unit) : null;
            }

            return SchemeFacts.PositionOf(scheme, held[subjectId]);
        };
    }

    /// <summary>Which of the given subjects the actor may enter data about (and so read the entered data of).</summary>
    public async Task<Func<FigureSubjectKind, Guid, bool>> ReachAsync(Actor actor, CancellationToken ct)
    {
        var units = (await org.UnitsAsync(ct)).ToDictionary(u => u.Id);
        var staff = (await org.StaffAsync(ct)).ToDictionary(s => s.Id);
        return (kind, id) => kind == FigureSubjectKind.Unit
            ? units.TryGetValue(id, out var unit) && actor.Reaches(Norma.Shared.Access.Permissions.EvaluationEnter, new Norma.Rules.Access.ScopeTarget(null, unit.Id, unit.Path))
            : staff.TryGetValue(id, out var person) && actor.CanEnterFor(person, person.UnitId is { } u ? units.GetValueOrDefault(u) : null);
    }

    /// <summary>
    /// The indicator of the subject's position (positions may share a key with different rules: YCYC-DC-04's 标准服务),
    /// whose data must be entered the <paramref name="entry"/> way (400 otherwise).
    /// </summary>
    public async Task<Indicator> IndicatorAsync(EntryTarget target, (FigureSubjectKind Kind, Guid Id) subject, string? key, IndicatorEntry entry, CancellationToken ct)
    {
        var position = await PositionOfAsync(target, subject.Kind, subject.Id, ct)
            ?? throw ValidationFailedException.For("SubjectId", text["Eval.SubjectNoPosition"]);
        var indicator = key is null ? null : position.Sections.SelectMany(s => s.Indicators).FirstOrDefault(i => i.Key == key.Trim());
        if (indicator is null)
        {
            throw ValidationFailedException.For("IndicatorKey", text["Eval.IndicatorUnknown", key ?? ""]);
        }

        if (target.Facts.EntryOf(indicator) != entry)
        {
            throw ValidationFailedException.For("IndicatorKey", text["Eval.IndicatorWrongSource", indicator.Key, indicator.Source]);
        }

        return indicator;
    }
}
