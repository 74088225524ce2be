using Microsoft.Extensions.Localization;
using Norma.Modules.Platform.Audit;
using Norma.Rules.Access;
using Norma.Shared.Access;
using Norma.Shared.Errors;

namespace Norma.Modules.Calendars.Features;

/// <summary>Calendars are organization-wide: everyone signed in reads and computes; calendars.manage (scope All) edits.</summary>
internal static class CalendarsAccess
{
    public static bool CanManageCalendars(this Actor actor) => actor.ScopeOf(Permissions.CalendarsManage) == DataScope.All;

    public static void RequireManageCalendars(this Actor actor, IStringLocalizer text)
    {
        if (!actor.CanManageCalendars())
        {
            throw new ForbiddenException(text["Problem.ForbiddenDetail"]);
        }
    }

    public static AuditActor ForCalendarAudit(this Actor actor) => new(actor.AccountId, actor.UserName);
}
