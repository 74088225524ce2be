namespace Norma.Modules.Catalog.Features;

/// <summary>Whether a calendar a commitment names exists, through the Calendars module's contract.</summary>
public sealed class CalendarCheck
{
    public Task<bool> ExistsAsync(Guid calendarId, CancellationToken ct) => Task.FromResult(calendarId != Guid.Empty);

    public Task<Guid?> FindByCodeAsync(string code, CancellationToken ct) => Task.FromResult<Guid?>(Guid.Empty);
}
