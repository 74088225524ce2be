using Norma.Rules.Access;
using Norma.Shared.Access;

namespace Norma.Modules.Organization.Domain;

/// <summary>The built-in roles of SPEC "Users and roles" with their default grants. Organizations can edit all but the administrator's.</summary>
public static class SystemRoles
{
    public const string Administrator = "Administrator";
    public const string StandardsOfficer = "StandardsOfficer";
    public const string FrontDesk = "FrontDesk";
    public const string Supervisor = "Supervisor";
    public const string FieldStaff = "FieldStaff";
    public const string QualityInspector = "QualityInspector";
    public const string Executive = "Executive";

    public static readonly string[] All = [Administrator, StandardsOfficer, FrontDesk, Supervisor, FieldStaff, QualityInspector, Executive];

    public static IReadOnlyDictionary<string, DataScope> DefaultGrants(string key) => key switch
    {
        Administrator => Permissions.All.ToDictionary(p => p, _ => DataScope.All),
        StandardsOfficer => new Dictionary<string, DataScope>
        {
            [Permissions.OrgRead] = DataScope.All,
            [Permissions.StandardsRead] = DataScope.All,
            [Permissions.StandardsEdit] = DataScope.All,
            [Permissions.StandardsReview] = DataScope.All,
            [Permissions.CatalogRead] = DataScope.All,
            [Permissions.CatalogEdit] = DataScope.All,
            [Permissions.EvaluationDesign] = DataScope.All,
        },
        FrontDesk => new Dictionary<string, DataScope>
        {
            [Permissions.OrgRead] = DataScope.OwnUnit,
            [Permissions.StandardsRead] = DataScope.All,
            [Permissions.CatalogRead] = DataScope.All,
            [Permissions.CasesRead] = DataScope.OwnUnit,
            [Permissions.CasesCreate] = DataScope.All,
            [Permissions.CasesHandle] = DataScope.OwnUnit,
        },
        Supervisor => new Dictionary<string, DataScope>
        {
            [Permissions.OrgRead] = DataScope.UnitSubtree,
            [Permissions.OrgStaffManage] = DataScope.UnitSubtree,
            [Permissions.StandardsRead] = DataScope.All,
            [Permissions.CatalogRead] = DataScope.All,
            [Permissions.CasesRead] = DataScope.UnitSubtree,
            [Permissions.CasesCreate] = DataScope.All,
            [Permissions.CasesHandle] = DataScope.UnitSubtree,
            [Permissions.CasesDispatch] = DataScope.UnitSubtree,
            [Permissions.EvaluationRead] = DataScope.UnitSubtree,   // the unit head reads their people's published results
        },
        FieldStaff => new Dictionary<string, DataScope>
        {
            [Permissions.OrgRead] = DataScope.Own,
            [Permissions.StandardsRead] = DataScope.All,
            [Permissions.CatalogRead] = DataScope.All,
            [Permissions.CasesRead] = DataScope.OwnUnit,
            [Permissions.CasesHandle] = DataScope.OwnUnit,
        },
        QualityInspector => new Dictionary<string, DataScope>
        {
            [Permissions.OrgRead] = DataScope.All,
            [Permissions.StandardsRead] = DataScope.All,
            [Permissions.CatalogRead] = DataScope.All,
            [Permissions.CasesRead] = DataScope.All,
            [Permissions.EvaluationDesign] = DataScope.All,
            [Permissions.EvaluationEnter] = DataScope.All,
            [Permissions.EvaluationRun] = DataScope.All,
            [Permissions.EvaluationRead] = DataScope.All,
        },
        Executive => new Dictionary<string, DataScope>
        {
            [Permissions.OrgRead] = DataScope.All,
            [Permissions.StandardsRead] = DataScope.All,
            [Permissions.StandardsApprove] = DataScope.All,
            [Permissions.CatalogRead] = DataScope.All,
            [Permissions.CasesRead] = DataScope.All,
            [Permissions.EvaluationRead] = DataScope.All,
            [Permissions.EvaluationPublish] = DataScope.All,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, null),
    };
}
