using System.Linq.Expressions;
using Norma.Rules.Access;

namespace Norma.Shared.Access;

/// <summary>
/// The data-scope rule (<see cref="ScopeRule"/>) expressed as a query filter, so that lists, counts, search and
/// exports are narrowed in SQL. A record type describes where its unit path and owner are; this builds the predicate.
/// </summary>
public sealed class ScopeFilter<T>(
    Expression<Func<T, string?>> unitPath,
    Expression<Func<T, Guid?>> unitId,
    Expression<Func<T, Guid?>> owner)
{
    public Expression<Func<T, bool>> For(DataScope scope, ScopeSubject subject)
    {
        switch (scope)
        {
            case DataScope.All:
                return _ => true;
            case DataScope.UnitSubtree when subject.UnitPath is not null:
                var prefix = subject.UnitPath;
                return Compose(unitPath, p => p != null && p.StartsWith(prefix));
            case DataScope.OwnUnit when subject.UnitId is not null:
                var unit = subject.UnitId;
                return Compose(unitId, u => u == unit);
            case DataScope.Own:
                Guid? account = subject.AccountId;
                return Compose(owner, o => o == account);
            default:
                return _ => false;
        }
    }

    public IQueryable<T> Apply(IQueryable<T> query, DataScope scope, ScopeSubject subject) => query.Where(For(scope, subject));

    private static Expression<Func<T, bool>> Compose<TValue>(Expression<Func<T, TValue>> selector, Expression<Func<TValue, bool>> test)
    {
        var body = new Replace(test.Parameters[0], selector.Body).Visit(test.Body);
        return Expression.Lambda<Func<T, bool>>(body, selector.Parameters[0]);
    }

    private sealed class Replace(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
