namespace Norma.Shared.Access;

/// <summary>
/// Every permission in the system. A role grants a permission together with a data scope.
/// Later capabilities add their own constants here and to <see cref="All"/>.
/// </summary>
public static class Permissions
{
    public const string OrgRead = "org.read";
    public const string OrgUnitsManage = "org.units.manage";
    public const string OrgStaffManage = "org.staff.manage";
    public const string OrgRolesManage = "org.roles.manage";
    public const string AuditRead = "audit.read";

    // Standards library: read what is published; 编制 (edit drafts, the tree), 审核 (review), 批准 (approve, publish, abolish).
    public const string StandardsRead = "standards.read";
    public const string StandardsEdit = "standards.edit";
    public const string StandardsReview = "standards.review";
    public const string StandardsApprove = "standards.approve";

    // Working calendars: everyone signed in may read and compute; administrators keep them.
    public const string CalendarsManage = "calendars.manage";

    // Service catalog: items, commitments and process templates (服务事项 / 服务承诺 / 流程).
    public const string CatalogRead = "catalog.read";
    public const string CatalogEdit = "catalog.edit";

    // Cases (工单): read (lists, search, exports, by id — all scoped); register; handle (take, check in, record work,
    // complete, steps, pause, request an extension); dispatch (派工, approve extensions, merge, cancel, reopen, reports of others).
    public const string CasesRead = "cases.read";
    public const string CasesCreate = "cases.create";
    public const string CasesHandle = "cases.handle";
    public const string CasesDispatch = "cases.dispatch";

    // Quality evaluation (服务质量测评): design schemes; enter data (sampled field checks, manual scores, imported figures);
    // run a scheme for a period; publish (通报) a run; read unpublished results (confidential until published — after
    // publication staff see their own result and unit heads their unit's without this permission).
    public const string EvaluationDesign = "evaluation.design";
    public const string EvaluationEnter = "evaluation.enter";
    public const string EvaluationRun = "evaluation.run";
    public const string EvaluationPublish = "evaluation.publish";
    public const string EvaluationRead = "evaluation.read";

    public static readonly IReadOnlyList<string> All =
    [
        OrgRead, OrgUnitsManage, OrgStaffManage, OrgRolesManage, AuditRead,
        StandardsRead, StandardsEdit, StandardsReview, StandardsApprove,
        CalendarsManage, CatalogRead, CatalogEdit,
        CasesRead, CasesCreate, CasesHandle, CasesDispatch,
        EvaluationDesign, EvaluationEnter, EvaluationRun, EvaluationPublish, EvaluationRead,
    ];
}
