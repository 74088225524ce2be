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

    /// <summary>The indicator, whose data must be entered the <paramref name="entry"/> way (400 otherwise).</summary>
    public Indicator Indicator(EntryTarget target, string? key, IndicatorEntry entry)
    {
        if (key is null || !target.Facts.Indicators.TryGetValue(key.Trim(), out var indicator))
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
