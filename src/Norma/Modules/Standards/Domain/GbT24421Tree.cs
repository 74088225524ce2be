namespace Norma.Modules.Standards.Domain;

/// <summary>The structure of a service standard system per GB/T 24421.2: where a new organization starts.</summary>
public static class GbT24421Tree
{
    public sealed record NodeSeed(string Code, string? Parent, string Name);

    public static readonly IReadOnlyList<NodeSeed> Nodes =
    [
        new("JC", null, "服务通用基础标准体系"),
        new("JC-DZ", "JC", "标准化导则"),
        new("JC-SY", "JC", "术语与缩略语标准"),
        new("JC-FH", "JC", "符号与标志标准"),
        new("JC-SL", "JC", "数值与数据标准"),
        new("JC-CL", "JC", "量、单位及计量标准"),
        new("BZ", null, "服务保障标准体系"),
        new("BZ-HJ", "BZ", "环境标准"),
        new("BZ-NY", "BZ", "能源标准"),
        new("BZ-AQ", "BZ", "安全与应急标准"),
        new("BZ-ZY", "BZ", "职业健康标准"),
        new("BZ-XX", "BZ", "信息标准"),
        new("BZ-CW", "BZ", "财务管理标准"),
        new("BZ-SS", "BZ", "设施设备及用品标准"),
        new("BZ-RL", "BZ", "人力资源标准"),
        new("BZ-HT", "BZ", "合同管理标准"),
        new("TG", null, "服务提供标准体系"),
        new("TG-FW", "TG", "服务规范"),
        new("TG-TG", "TG", "服务提供规范"),
        new("TG-YX", "TG", "服务质量控制规范"),
        new("TG-ZL", "TG", "运行管理规范"),
        new("TG-PJ", "TG", "服务评价与改进标准"),
    ];
}
