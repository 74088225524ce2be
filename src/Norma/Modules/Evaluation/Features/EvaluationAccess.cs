using Microsoft.Extensions.Localization;
using Norma.Modules.Organization.Contracts;
using Norma.Modules.Platform.Audit;
using Norma.Rules.Access;
using Norma.Shared.Access;
using Norma.Shared.Errors;

namespace Norma.Modules.Evaluation.Features;

/// <summary>
/// Schemes are organization-wide: designing needs evaluation.design; reading needs design, read or run. Entering
/// data about a staff member needs evaluation.enter with a scope that reaches that person.
/// </summary>
internal static class EvaluationAccess
{
    public static void RequireSchemeRead(this Actor actor, IStringLocalizer text)
    {
        if (!actor.Has(Permissions.EvaluationDesign) && !actor.Has(Permissions.EvaluationRead) && !actor.Has(Permissions.EvaluationRun))
        {
            throw new ForbiddenException(text["Eval.Forbidden"]);
        }
    }

    public static void RequireDesign(this Actor actor, IStringLocalizer text)
    {
        if (!actor.Has(Permissions.EvaluationDesign))
        {
            throw new ForbiddenException(text["Eval.Forbidden"]);
        }
    }

    public static void RequireEnter(this Actor actor, IStringLocalizer text)
    {
        if (!actor.Has(Permissions.EvaluationEnter))
        {
            throw new ForbiddenException(text["Eval.Forbidden"]);
        }
    }

    /// <summary>Whether the actor may enter data about a staff member of <paramref name="unit"/> (a person without a unit needs scope All).</summary>
    public static bool CanEnterFor(this Actor actor, StaffInfo staff, UnitInfo? unit) => unit is null
        ? actor.ScopeOf(Permissions.EvaluationEnter) == DataScope.All
        : actor.Reaches(Permissions.EvaluationEnter, new ScopeTarget(staff.Id, unit.Id, unit.Path));

    /// <summary>
    /// Whether the actor may open runs — drafts included, every subject in them: evaluation.run, .publish, or .read over
    /// everyone. A unit head's evaluation.read (本单位及下级) only shows their people's published results (team results).
    /// </summary>
    public static bool CanReadRuns(this Actor actor) =>
        actor.Has(Permissions.EvaluationRun) || actor.Has(Permissions.EvaluationPublish) || actor.ScopeOf(Permissions.EvaluationRead) == DataScope.All;

    public static AuditActor ForAudit(this Actor actor) => new(actor.AccountId, actor.UserName);
}
