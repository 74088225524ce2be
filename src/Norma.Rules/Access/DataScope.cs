namespace Norma.Rules.Access;

/// <summary>How far a permission reaches. Ordered: a wider scope includes every narrower one.</summary>
public enum DataScope
{
    /// <summary>Only records the actor owns (for staff records: the actor's own account).</summary>
    Own = 1,

    /// <summary>Records of the actor's own unit.</summary>
    OwnUnit = 2,

    /// <summary>Records of the actor's unit and every unit below it.</summary>
    UnitSubtree = 3,

    /// <summary>Every record.</summary>
    All = 4,
}
