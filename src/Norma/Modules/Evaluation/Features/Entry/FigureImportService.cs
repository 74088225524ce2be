using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Norma.Modules.Evaluation.Data;
using Norma.Modules.Evaluation.Domain;
using Norma.Modules.Organization.Contracts;
using Norma.Rules.Access;
using Norma.Rules.Evaluation;
using Norma.Shared.Access;
using Norma.Shared.Errors;
using Norma.Shared.Persistence;

namespace Norma.Modules.Evaluation.Features.Entry;

/// <summary>What is wrong with one cell of a figures file: row number in the file (header = 1), column (its header text) and why.</summary>
public sealed record FigureRowProblem(int Row, string Column, string Message);

/// <summary>The outcome of a figures import: counts when saved, or the problems (and nothing saved).</summary>
public sealed record FigureImportResult(Guid? BatchId, int Imported, int Replaced, IReadOnlyList<FigureRowProblem> Problems)
{
    public bool Succeeded => Problems.Count == 0;
}

public sealed record ImportedFigureDto(Guid Id, FigureSubjectKind SubjectKind, Guid SubjectId, string SubjectCode, string Name, decimal Value, Guid ImportBatchId, DateTime ImportedAt, string ImportedBy);

/// <summary>
/// Figures from other systems (毛利率, 破损率 …) imported from CSV or Excel for a scheme and period. Every row is
/// checked first; one bad row and nothing is saved. A figure already imported for the same subject is replaced.
/// </summary>
internal sealed class FigureImportService(
    EvaluationDbContext db, EntryContext entry, IOrgDirectory org, IStringLocalizer<SharedResource> text, TimeProvider clock)
{
    public async Task<IReadOnlyList<ImportedFigureDto>> ListAsync(Actor actor, Guid schemeId, string period, CancellationToken ct = default)
    {
        actor.RequireEnter(text);
        var target = await entry.TargetAsync(schemeId, period, ct);
        var staff = (await org.StaffAsync(ct)).ToDictionary(s => s.Id, s => s.UserName);
        var units = (await org.UnitsAsync(ct)).ToDictionary(u => u.Id, u => u.Code);
        return (await db.Figures.AsNoTracking().Where(f => f.SchemeId == target.Record.Id && f.PeriodCode == target.Period.Code).ToListAsync(ct))
            .Select(f => new ImportedFigureDto(
                f.Id, f.SubjectKind, f.SubjectId,
                (f.SubjectKind == FigureSubjectKind.Staff ? staff.GetValueOrDefault(f.SubjectId) : units.GetValueOrDefault(f.SubjectId)) ?? f.SubjectId.ToString(),
                f.Name, f.Value, f.ImportBatchId, f.ImportedAt, f.ImportedBy))
            .OrderBy(f => f.SubjectCode, StringComparer.Ordinal).ThenBy(f => f.Name, StringComparer.Ordinal).ToList();
    }

    public async Task<FigureImportResult> ImportAsync(Actor actor, Guid schemeId, string period, byte[] content, CancellationToken ct = default)
    {
        actor.RequireEnter(text);
        var target = await entry.TargetAsync(schemeId, period, ct);
        IReadOnlyList<string> header;
        IReadOnlyList<FigureFileRow> rows;
        try
        {
            (header, rows) = FigureFile.Read(content);
        }
        catch (FormatException)
        {
            throw ValidationFailedException.For("File", text["Eval.FigureFileUnreadable"]);
        }

        if (header.Count < 3 || header.Take(3).Any(h => h.Length == 0))
        {
            return Rejected(new FigureRowProblem(1, "", text["Eval.FigureHeader"]));
        }

        if (rows.Count == 0)
        {
            return Rejected(new FigureRowProblem(2, "", text["Eval.FigureFileEmpty"]));
        }

        var accepted = await CheckAsync(actor, target, header, rows, ct);
        if (accepted.Problems.Count > 0)
        {
            return new(null, 0, 0, accepted.Problems);
        }

        var batch = Guid.CreateVersion7();
        var now = clock.GetUtcNow().UtcDateTime;
        var existing = await db.Figures.Where(f => f.SchemeId == target.Record.Id && f.PeriodCode == target.Period.Code).ToListAsync(ct);
        var byKey = existing.ToDictionary(f => (f.SubjectKind, f.SubjectId, f.Name));
        var replaced = 0;
        foreach (var (kind, subject, name, value) in accepted.Figures)
        {
            if (!byKey.TryGetValue((kind, subject, name), out var figure))
            {
                figure = new ImportedFigure { Id = Guid.CreateVersion7(), SchemeId = target.Record.Id, PeriodCode = target.Period.Code, SubjectKind = kind, SubjectId = subject, Name = name };
                db.Figures.Add(figure);
            }
            else
            {
                replaced++;
            }

            figure.Value = value;
            figure.ImportBatchId = batch;
            figure.ImportedAt = now;
            figure.ImportedBy = actor.UserName;
        }

        db.AuditActor = actor.ForAudit();
        await db.SaveOrConflictAsync(text, ct);
        return new(batch, accepted.Figures.Count, replaced, []);
    }

    private static FigureImportResult Rejected(FigureRowProblem problem) => new(null, 0, 0, [problem]);

    private async Task<(List<(FigureSubjectKind Kind, Guid Subject, string Name, decimal Value)> Figures, List<FigureRowProblem> Problems)> CheckAsync(
        Actor actor, EntryTarget target, IReadOnlyList<string> header, IReadOnlyList<FigureFileRow> rows, CancellationToken ct)
    {
        var staff = (await org.StaffAsync(ct)).Where(s => s.UserName.Length > 0).GroupBy(s => s.UserName, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var unitList = await org.UnitsAsync(ct);
        var units = unitList.ToDictionary(u => u.Code, StringComparer.OrdinalIgnoreCase);
        var unitsById = unitList.ToDictionary(u => u.Id);
        var unitsFirst = target.Facts.Scheme.Subject == SubjectKind.Unit;
        var names = target.Facts.ImportFigureNames;
        var known = names.Count == 0 ? "—" : string.Join("、", names.Order(StringComparer.Ordinal));
        var figures = new List<(FigureSubjectKind, Guid, string, decimal)>();
        var problems = new List<FigureRowProblem>();
        var seen = new Dictionary<(FigureSubjectKind, Guid, string), int>();
        foreach (var row in rows)
        {
            string Cell(int i) => i < row.Cells.Count ? row.Cells[i] : "";
            var ok = true;
            void Bad(int column, string message)
            {
                problems.Add(new(row.Number, header[column], message));
                ok = false;
            }

            var code = Cell(0);
            (FigureSubjectKind Kind, Guid Id)? subject = null;
            if (code.Length == 0)
            {
                Bad(0, text["Eval.FigureSubjectMissing"]);
            }
            else
            {
                var person = staff.GetValueOrDefault(code);
                var unit = units.GetValueOrDefault(code);
                if (unitsFirst ? unit is null && person is null : person is null && unit is null)
                {
                    Bad(0, text["Eval.FigureSubjectUnknown", code]);
                }
                else if (unit is not null && (unitsFirst || person is null))
                {
                    if (!actor.Reaches(Permissions.EvaluationEnter, new ScopeTarget(null, unit.Id, unit.Path)))
                    {
                        Bad(0, text["Eval.StaffOutOfScope"]);
                    }

                    subject = (FigureSubjectKind.Unit, unit.Id);
                }
                else
                {
                    if (!actor.CanEnterFor(person!, person!.UnitId is { } u ? unitsById.GetValueOrDefault(u) : null))
                    {
                        Bad(0, text["Eval.StaffOutOfScope"]);
                    }

                    subject = (FigureSubjectKind.Staff, person.Id);
                }
            }

            var name = Cell(1);
            if (name.Length == 0)
            {
                Bad(1, text["Eval.FigureNameMissing"]);
            }
            else if (!names.Contains(name))
            {
                Bad(1, text["Eval.FigureNameUnknown", name, known]);
            }

            if (!decimal.TryParse(Cell(2), NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value))
            {
                Bad(2, text["Eval.FigureValueInvalid", Cell(2)]);
            }

            if (ok && subject is { } s)
            {
                if (seen.TryGetValue((s.Kind, s.Id, name), out var first))
                {
                    Bad(0, text["Eval.FigureDuplicate", first]);
                }
                else
                {
                    seen[(s.Kind, s.Id, name)] = row.Number;
                    figures.Add((s.Kind, s.Id, name, value));
                }
            }
        }

        return (figures, problems);
    }
}
