using Norma.Modules.Calendars.Contracts;
using Norma.Modules.Catalog.Features.Items;

namespace Norma.Modules.Catalog.Features;

/// <summary>The calendars a commitment may name, through the Calendars module's contract.</summary>
public sealed class CalendarCheck(ICalendars calendars)
{
    public async Task<bool> ExistsAsync(Guid calendarId, CancellationToken ct) => (await calendars.ListAsync(ct)).Any(c => c.Id == calendarId);

    public async Task<Guid?> FindByCodeAsync(string code, CancellationToken ct) => (await calendars.ListAsync(ct)).FirstOrDefault(c => c.Code == code)?.Id;

    public async Task<IReadOnlyList<CalendarChoice>> ChoicesAsync(CancellationToken ct) =>
        (await calendars.ListAsync(ct)).Select(c => new CalendarChoice(c.Id, c.Code, c.Name)).ToList();
}
