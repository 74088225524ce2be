namespace Norma.Shared.Errors;

/// <summary>A business rule said no (409). The message is already localized for the user.</summary>
public sealed class BusinessRuleException(string message) : Exception(message);

/// <summary>The record does not exist or lies outside the actor's data scope (404: never reveal which).</summary>
public sealed class NotFoundException(string message) : Exception(message);

/// <summary>The actor lacks the permission (403).</summary>
public sealed class ForbiddenException(string message) : Exception(message);

/// <summary>Someone else changed the record since it was read (409 with a "reload" hint).</summary>
public sealed class ConcurrencyConflictException(string message) : Exception(message);

/// <summary>Input failed validation (400). Errors are keyed by field name, messages localized.</summary>
public sealed class ValidationFailedException(IDictionary<string, string[]> errors)
    : Exception(string.Join(" ", errors.SelectMany(e => e.Value)))
{
    public IDictionary<string, string[]> Errors { get; } = errors;

    public static ValidationFailedException For(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>The request is well-formed but cannot be processed as sent (422), e.g. an Idempotency-Key reused with another body.</summary>
public sealed class UnprocessableException(string message) : Exception(message);
