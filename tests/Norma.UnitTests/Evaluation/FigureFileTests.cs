using System.Text;
using Norma.Modules.Evaluation.Features;
using Norma.Modules.Evaluation.Features.Entry;
using Norma.Rules.Evaluation;

namespace Norma.UnitTests.Evaluation;

public class FigureFileTests
{
    [Fact]
    public void CSV_rows_keep_their_file_row_numbers_and_quoted_cells()
    {
        var csv = "\uFEFF对象编码,指标项,数值\r\nzhengwei,grossMargin,0.12\r\n\r\n\"he,tao\",\"say \"\"hi\"\"\", 3 \nlast,row,1";
        var (header, rows) = FigureFile.Read(Encoding.UTF8.GetBytes(csv));
        header.ShouldBe(["对象编码", "指标项", "数值"]);
        rows.Select(r => r.Number).ShouldBe([2, 4, 5]);   // the blank row 3 is dropped, numbering is the file's
        rows[1].Cells.ShouldBe(["he,tao", "say \"hi\"", "3"]);
        rows[2].Cells.ShouldBe(["last", "row", "1"]);
    }

    [Fact]
    public void A_file_that_is_not_UTF8_or_has_an_open_quote_is_unreadable()
    {
        Should.Throw<FormatException>(() => FigureFile.Read([0xB6, 0xD4, 0xCF, 0xF3, 0x2C]));
        Should.Throw<FormatException>(() => FigureFile.Read(Encoding.UTF8.GetBytes("a,b,c\n\"x,1,2")));
        Should.Throw<FormatException>(() => FigureFile.Read([(byte)'P', (byte)'K', 3, 4, 0, 0]));
    }

    [Fact]
    public void YCYC_DC_04_imports_the_metrics_of_its_import_indicators_and_their_keys()
    {
        var facts = SchemeFacts.Of(ShippedSchemes.Load("ycyc-dc-04"), []);
        facts.ImportFigureNames.ShouldContain("grossMargin");
        facts.ImportFigureNames.ShouldContain("complaints");           // complaints.justified: no capability registers it yet
        facts.ImportFigureNames.ShouldContain("satisfaction");
        facts.ImportFigureNames.ShouldContain("stock");
        facts.ImportFigureNames.ShouldContain("sales");
        facts.ImportFigureNames.ShouldContain("safety");               // a fixed rule: the count under the indicator's key
        SchemeFacts.Of(ShippedSchemes.Load("ycyc-dc-04"), [new SurveySource()]).ImportFigureNames
            .ShouldNotContain("satisfaction");                         // once a capability answers surveys.satisfaction
        facts.ImportFigureNames.ShouldNotContain("onTimeDeliveries");  // field-check
        facts.Indicators["standard"].Source.ShouldBe("field-check");
    }

    private sealed class SurveySource : Norma.Modules.Evaluation.Contracts.IEvaluationMetricSource
    {
        public IReadOnlyList<Norma.Modules.Evaluation.Contracts.MetricSourceInfo> Sources { get; } = [new("surveys.satisfaction", "满意度", "Satisfaction", [])];

        public Task<IReadOnlyDictionary<Norma.Modules.Evaluation.Contracts.MetricSubject, IReadOnlyDictionary<string, decimal>>> ReadAsync(
            string sourceKey, DateTime fromUtc, DateTime toUtc, IReadOnlyCollection<Norma.Modules.Evaluation.Contracts.MetricSubject> subjects, CancellationToken ct) =>
            throw new NotSupportedException();
    }
}
