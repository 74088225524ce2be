using Microsoft.Extensions.Localization;
using Norma.Modules.Calendars.Features.Calendars;
using Norma.Modules.Calendars.Features.Definitions;
using Norma.Shared;
using Norma.Shared.Access;
using Norma.Shared.Errors;

namespace Norma.Modules.Calendars.Features.Import;

/// <summary>A problem of an imported file: where (e.g. "days[3].date") and what.</summary>
public sealed record ImportProblem(string Location, string Message);

/// <summary>
/// What a file holds (<see cref="Days"/> of <see cref="Years"/>) and its problems. Applied only when there are no
/// problems; then <see cref="VersionNumber"/> is the version created.
/// </summary>
public sealed record ImportResult(
    string Format, IReadOnlyList<int> Years, IReadOnlyList<SpecialDayDto> Days, IReadOnlyList<ImportProblem> Problems, bool Applied, int? VersionNumber);

/// <summary>Effective date of the new version (default: today, or the latest version's date if later), its note, and the calendar's concurrency token.</summary>
public sealed record ImportOptions(DateOnly? EffectiveFrom = null, string? Note = null, int? Version = null);

public sealed record ExportedFile(string FileName, byte[] Content);

/// <summary>Holiday files: import (holiday-cn per-date JSON or Norma's own export) and export of a calendar version.</summary>
public sealed class CalendarFileService(CalendarService calendars, IStringLocalizer<SharedResource> text)
{
    public const int MaxUploadBytes = 1024 * 1024;

    public const int MaxProblems = 100;

    /// <summary>Before the upload is read: the permission first (403), then the file's type and size (400).</summary>
    public void CheckUpload(Actor actor, string fileName, long length)
    {
        actor.RequireManageCalendars(text);
        CheckUpload(fileName, length);
    }

    private void CheckUpload(string fileName, long length)
    {
        if (!fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            throw ValidationFailedException.For("File", text["Calendars.Import.Type"]);
        }

        if (length is <= 0 or > MaxUploadBytes)
        {
            throw ValidationFailedException.For("File", text["Calendars.Import.Size", MaxUploadBytes / 1024]);
        }
    }

    /// <summary>Reads the file and reports what applying it would change; saves nothing.</summary>
    public async Task<ImportResult> PreviewAsync(Actor actor, Guid id, string fileName, byte[] content, CancellationToken ct = default)
    {
        actor.RequireManageCalendars(text);
        CheckUpload(fileName, content.Length);
        _ = await calendars.LoadVersionAsync(id, null, ct);
        return Read(content);
    }

    /// <summary>Replaces the special days of the years the file covers, as one new version; nothing is saved if the file has problems.</summary>
    public async Task<ImportResult> ApplyAsync(Actor actor, Guid id, string fileName, byte[] content, ImportOptions options, CancellationToken ct = default)
    {
        actor.RequireManageCalendars(text);
        CheckUpload(fileName, content.Length);
        var (calendar, _, latest) = await calendars.LoadVersionAsync(id, null, ct);
        var read = Read(content);
        if (read.Problems.Count > 0 || read.Days.Count == 0)
        {
            return read.Days.Count == 0 && read.Problems.Count == 0
                ? read with { Problems = [new ImportProblem("", text["Calendars.Import.NoDays"])] }
                : read;
        }

        var definition = DefinitionRules.ReplaceYears(latest.Definition, read.Years.ToList(), read.Days.ToList());
        var note = Validation.Clean(options.Note) ?? text["Calendars.Import.DefaultNote", fileName, string.Join("、", read.Years)].Value;
        var saved = await calendars.ReplaceDefinitionAsync(actor, calendar, latest, definition, options.EffectiveFrom, note, options.Version, ct);
        return read with { Applied = true, VersionNumber = saved.LatestVersionNumber };
    }

    public async Task<ExportedFile> ExportAsync(Actor actor, Guid id, int? version, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var (calendar, v, stored) = await calendars.LoadVersionAsync(id, version, ct);
        var content = HolidayFileAdapter.Export(calendar.Name, stored);
        return new ExportedFile($"{calendar.Code}-v{v.Number}.json", content);
    }

    private ImportResult Read(byte[] content)
    {
        var parsed = HolidayFileAdapter.Read(content, text);
        var days = parsed.Days.OrderBy(d => d.Date).ToList();

        // A broken file can have a problem per element: list the first hundred and say how many more there are.
        var problems = parsed.Problems.Count <= MaxProblems
            ? parsed.Problems
            : [.. parsed.Problems.Take(MaxProblems), new ImportProblem("", text["Calendars.Import.MoreProblems", parsed.Problems.Count - MaxProblems])];
        return new ImportResult(parsed.Format, parsed.Years.Order().ToList(), days, problems, false, null);
    }
}
