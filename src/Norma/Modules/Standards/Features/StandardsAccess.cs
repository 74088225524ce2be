using Norma.Modules.Platform.Audit;
using Norma.Rules.Access;
using Norma.Rules.Standards;
using Norma.Shared;
using Norma.Shared.Access;
using Norma.Shared.Errors;

namespace Norma.Modules.Standards.Features;

/// <summary>
/// The standards library is organization-wide: reading needs standards.read (any scope) and sees what is published;
/// the duties 编制 / 审核 / 批准 need their permission with scope All, and only those who hold one see drafts.
/// </summary>
internal static class StandardsAccess
{
    public static string PermissionFor(StandardDuty duty) => duty switch
    {
        StandardDuty.Edit => Permissions.StandardsEdit,
        StandardDuty.Review => Permissions.StandardsReview,
        _ => Permissions.StandardsApprove,
    };

    public static bool CanDo(this Actor actor, StandardDuty duty) => actor.ScopeOf(PermissionFor(duty)) == DataScope.All;

    public static bool SeesDrafts(this Actor actor) =>
        actor.CanDo(StandardDuty.Edit) || actor.CanDo(StandardDuty.Review) || actor.CanDo(StandardDuty.Approve);

    public static void RequireRead(this Actor actor) => actor.Require(Permissions.StandardsRead);

    public static void Require(this Actor actor, StandardDuty duty, string message)
    {
        if (!actor.CanDo(duty))
        {
            throw new ForbiddenException(message);
        }
    }

    public static AuditActor ForAudit(this Actor actor) => new(actor.AccountId, actor.UserName);

    /// <summary>"Today" for 实施日期 and 复审 is the organization's calendar day, not UTC's.</summary>
    public static DateOnly Today(this TimeProvider clock) => OrgTime.Today(clock);
}
