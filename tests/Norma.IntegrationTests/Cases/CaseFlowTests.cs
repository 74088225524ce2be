using System.Net;
using Norma.Modules.Cases.Domain;
using Norma.Modules.Cases.Features.Handling;
using Norma.Modules.Cases.Features.Intake;
using Norma.Modules.Cases.Features.Reading;
using Norma.Modules.Catalog.Domain;
using Norma.Modules.Catalog.Features.Items;
using Norma.Modules.Organization.Features.Staff;
using Norma.Rules.Cases;

namespace Norma.IntegrationTests.Cases;

/// <summary>The repair flow through the API on a real database, with first responsibility, idempotency and concurrency.</summary>
public sealed class CaseFlowTests(NormaFactory app) : IClassFixture<NormaFactory>
{
    /// <summary>A 1×1 transparent PNG, as a signature pad would send a (very small) signature.</summary>
    private const string Signature = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

    private async Task<Guid> ItemAsync(string code)
    {
        var client = await app.ClientAsAsync("admin");
        return (await (await client.GetAsync($"/api/v1/catalog/items/by-code/{code}")).ReadAsync<ItemDto>()).Id;
    }

    private async Task<Guid> AccountAsync(string userName)
    {
        var client = await app.ClientAsAsync("admin");
        var page = await (await client.GetAsync($"/api/v1/org/staff?search={userName}")).ReadAsync<System.Text.Json.JsonElement>();
        return page.GetProperty("items").EnumerateArray().First(s => s.GetProperty("userName").GetString() == userName).GetProperty("id").GetGuid();
    }

    private async Task<CaseDto> CreateAsync(string user, string item, string? key = null, string title = "燃气灶打不着火", Priority priority = Priority.Normal, string? area = null)
    {
        var client = await app.ClientAsAsync(user);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases")
        {
            Content = System.Net.Http.Json.JsonContent.Create(
                new CreateCaseRequest(await ItemAsync(item), CaseChannel.Phone, title, "用户报修,灶具点火困难", priority, CallerName: "周先生", CallerPhone: "13912345678",
                    Address: "幸福路 8 号 3 单元 502", Area: area), options: NormaFactory.Json),
        };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        var response = await client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var created = await response.ReadAsync<CreatedCase>();
        return await (await client.GetAsync($"/api/v1/cases/{created.Id}")).ReadAsync<CaseDto>();
    }

    private static async Task<CaseDto> ActAsync(HttpClient client, Guid id, string action, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.PostJsonAsync($"/api/v1/cases/{id}/{action}", body);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, $"{action}: {text}");
        return expected == HttpStatusCode.OK ? System.Text.Json.JsonSerializer.Deserialize<CaseDto>(text, NormaFactory.Json)! : null!;
    }

    [Fact]
    public async Task The_whole_repair_flow_runs_from_intake_to_close_with_every_step_on_the_timeline()
    {
        var c = await CreateAsync("kefu", "GAS-REPAIR");
        c.Number.ShouldMatch(@"^BX\d{8}\d{3}$");
        c.Status.ShouldBe(CaseStatus.Open);
        c.OwnerName.ShouldBe("张丽");
        c.CallerPhone.ShouldBe("139****5678");
        c.UnitName.ShouldBe("工程部");
        c.ProcessName.ShouldBe("GAS-REPAIR v1");
        c.ActiveSteps.Select(s => s.Key).ShouldBe(["accept"]);

        // 6 h to be on site and 24 h to repair, in natural hours from intake.
        c.Clocks.Select(k => (k.Metric, k.Limit)).ShouldBe([(ClockMetric.Arrival, "6h"), (ClockMetric.Resolution, "24h")]);
        c.Clocks[0].DueAt!.Value.ShouldBe(c.CreatedAt.AddHours(6), TimeSpan.FromSeconds(1));
        c.Clocks[1].DueAt!.Value.ShouldBe(c.CreatedAt.AddHours(24), TimeSpan.FromSeconds(1));
        c.Clocks.ShouldAllBe(k => k.State == ClockState.Running);

        var zhuren = await app.ClientAsAsync("zhuren");
        var jishu = await app.ClientAsAsync("jishu");
        var kefu = await app.ClientAsAsync("kefu");
        var jishuId = await AccountAsync("jishu");

        // The technician cannot see the case before it is dispatched to him (it is in 工程部, not his 维修一班).
        (await jishu.GetAsync($"/api/v1/cases/{c.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var choices = await (await zhuren.GetAsync("/api/v1/cases/dispatch-choices")).ReadAsync<List<DispatchChoice>>();
        choices.ShouldContain(x => x.Id == jishuId);
        c = await ActAsync(zhuren, c.Id, "steps/complete", new StepRequest("accept", new Dictionary<string, string> { ["fault-description"] = "点火困难", ["gas-smell"] = "no" }, Version: c.Version));
        c = await ActAsync(zhuren, c.Id, "dispatch", new DispatchRequest(jishuId, Version: c.Version));
        c.Status.ShouldBe(CaseStatus.Dispatched);
        c.AssigneeName.ShouldBe("赵强");
        c.UnitName.ShouldBe("维修一班");
        c = await ActAsync(zhuren, c.Id, "steps/complete", new StepRequest("dispatch", new Dictionary<string, string> { ["team"] = "维修一班", ["urgency"] = "一般故障" }, Version: c.Version));

        c = await ActAsync(jishu, c.Id, "take", new CaseNoteRequest(Version: c.Version));
        c.Status.ShouldBe(CaseStatus.Accepted);
        c = await ActAsync(jishu, c.Id, "check-in", new CaseNoteRequest("已到达用户家中", c.Version));
        c.Status.ShouldBe(CaseStatus.OnSite);
        c.Clocks[0].State.ShouldBe(ClockState.Met);
        c.Clocks[0].MetAt.ShouldNotBeNull();
        c = await ActAsync(jishu, c.Id, "steps/complete", new StepRequest("arrive", Version: c.Version));
        c = await ActAsync(jishu, c.Id, "work", new WorkRequest(90, ChargeType.Free, "清理点火针,更换电池", Parts: "电池 ×2", Version: c.Version));
        c = await ActAsync(jishu, c.Id, "steps/complete", new StepRequest("repair", new Dictionary<string, string>
        {
            ["fault-type"] = "点火困难", ["measures"] = "清理点火针,更换电池", ["minutes"] = "90",
        }, Version: c.Version));

        // The confirmation step needs the customer's sign-off.
        var missing = await jishu.PostJsonAsync($"/api/v1/cases/{c.Id}/steps/complete", new StepRequest("confirm", new Dictionary<string, string> { ["result"] = "已修复" }, Version: c.Version));
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await missing.Content.ReadAsStringAsync()).ShouldContain("客户");
        c = await ActAsync(jishu, c.Id, "steps/complete", new StepRequest("confirm", new Dictionary<string, string> { ["result"] = "已修复" }, ["客户"], Version: c.Version));

        // Completing field work needs the customer's confirmation: a name and a signature or code.
        var unsigned = await jishu.PostJsonAsync($"/api/v1/cases/{c.Id}/complete", new CompleteRequest("已修复", null, Version: c.Version));
        unsigned.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        c = await ActAsync(jishu, c.Id, "complete", new CompleteRequest("已修复,点火正常", "周先生", Signature, Charge: ChargeType.Free, FeeFen: 0, Version: c.Version));
        c.Status.ShouldBe(CaseStatus.Completed);
        c.HasSignature.ShouldBeTrue();
        c.Files.Single().IsSignature.ShouldBeTrue();
        c.Clocks[1].State.ShouldBe(ClockState.Met);

        // Not closable while the process still runs (回访, 归档 remain).
        (await zhuren.PostJsonAsync($"/api/v1/cases/{c.Id}/close", new CloseRequest(Version: c.Version))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        c = await ActAsync(zhuren, c.Id, "steps/complete", new StepRequest("revisit", new Dictionary<string, string> { ["satisfaction"] = "满意" }, Version: c.Version));
        c = await ActAsync(kefu, c.Id, "steps/complete", new StepRequest("archive", Version: c.Version));
        c.ProcessOutcome.ShouldBe(ProcessOutcome.Finished);
        c = await ActAsync(kefu, c.Id, "close", new CloseRequest(Version: c.Version));
        c.Status.ShouldBe(CaseStatus.Closed);

        c.Timeline.Select(e => e.Type).Where(t => t != CaseEvents.StepCompleted).ShouldBe(
            [CaseEvents.Created, CaseEvents.Dispatched, CaseEvents.Taken, CaseEvents.CheckedIn, CaseEvents.WorkRecorded, CaseEvents.Completed, CaseEvents.Closed]);
        c.Timeline.Count(e => e.Type == CaseEvents.StepCompleted).ShouldBe(7);
        c.Timeline.ShouldAllBe(e => e.ActorName != "");
        c.Timeline.First(e => e.Type == CaseEvents.Dispatched).ActorName.ShouldBe("陈刚");
        c.Work.Single().Minutes.ShouldBe(90);
        c.Steps.Count(s => s.Outcome == "completed").ShouldBe(7);
    }

    [Fact]
    public async Task A_transfer_moves_ownership_only_when_accepted_and_a_refusal_returns_it_with_the_reason()
    {
        var c = await CreateAsync("kefu", "CONSULT-ONLINE", title: "咨询开户流程");
        var kefu = await app.ClientAsAsync("kefu");
        var wufang = await app.ClientAsAsync("wufang");
        var wufangId = await AccountAsync("wufang");

        c = await ActAsync(kefu, c.Id, "transfers", new TransferRequest(wufangId, null, "呼叫中心熟悉该业务", c.Version));
        c.OwnerName.ShouldBe("张丽");
        var transfer = c.Transfers.Single();
        transfer.Status.ShouldBe(TransferStatus.Pending);

        // Someone else cannot accept it for her.
        var jishu = await app.ClientAsAsync("jishu");
        (await jishu.PostJsonAsync($"/api/v1/cases/{c.Id}/transfers/{transfer.Id}/decide", new TransferDecision(true))).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Refused without a reason: 400; with a reason: the case stays with 张丽 and the reason is on the timeline.
        (await wufang.PostJsonAsync($"/api/v1/cases/{c.Id}/transfers/{transfer.Id}/decide", new TransferDecision(false))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        c = await (await wufang.PostJsonAsync($"/api/v1/cases/{c.Id}/transfers/{transfer.Id}/decide", new TransferDecision(false, "不属于呼叫中心受理范围"))).ReadAsync<CaseDto>();
        c = await (await kefu.GetAsync($"/api/v1/cases/{c.Id}")).ReadAsync<CaseDto>();
        c.OwnerName.ShouldBe("张丽");
        c.Transfers.Single().RefusalReason.ShouldBe("不属于呼叫中心受理范围");
        c.Timeline[^1].Type.ShouldBe(CaseEvents.TransferRefused);
        c.Timeline[^1].Note.ShouldBe("不属于呼叫中心受理范围");

        c = await ActAsync(kefu, c.Id, "transfers", new TransferRequest(wufangId, null, "再次转办", c.Version));
        var second = c.Transfers.Single(t => t.Status == TransferStatus.Pending);
        var accepted = await wufang.PostJsonAsync($"/api/v1/cases/{c.Id}/transfers/{second.Id}/decide", new TransferDecision(true));
        accepted.StatusCode.ShouldBe(HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());
        c = await accepted.ReadAsync<CaseDto>();
        c.OwnerName.ShouldBe("吴芳");
        c.UnitName.ShouldBe("呼叫中心");
        c.Timeline[^1].Type.ShouldBe(CaseEvents.TransferAccepted);
    }

    [Fact]
    public async Task The_same_idempotency_key_never_creates_two_cases_and_a_different_body_under_it_is_422()
    {
        var key = Guid.NewGuid().ToString();
        var first = await CreateAsync("kefu", "GAS-REPAIR", key);
        var again = await CreateAsync("kefu", "GAS-REPAIR", key);
        again.Id.ShouldBe(first.Id);
        again.Number.ShouldBe(first.Number);

        // The retry drew no number: the next case takes the one right after the first.
        var next = await CreateAsync("kefu", "GAS-REPAIR", Guid.NewGuid().ToString());
        int Seq(string number) => int.Parse(number[^3..], System.Globalization.CultureInfo.InvariantCulture);
        Seq(next.Number).ShouldBe(Seq(first.Number) + 1);

        var client = await app.ClientAsAsync("kefu");
        var other = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new CreateCaseRequest(await ItemAsync("GAS-REPAIR"), CaseChannel.Phone, "另一件事"), options: NormaFactory.Json),
        };
        other.Headers.Add("Idempotency-Key", key);
        var response = await client.SendAsync(other);
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");

        // Under a used key, a different body is a 422 even when it would not pass validation either.
        var invalid = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new CreateCaseRequest(await ItemAsync("GAS-REPAIR"), CaseChannel.Phone, new string('长', 201)), options: NormaFactory.Json),
        };
        invalid.Headers.Add("Idempotency-Key", key);
        (await client.SendAsync(invalid)).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);

        // Ten concurrent retries of one request: one case.
        var burstKey = Guid.NewGuid().ToString();
        var ids = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => CreateAsync("kefu", "GAS-REPAIR", burstKey, "并发重试")));
        ids.Select(x => x.Id).Distinct().Count().ShouldBe(1);
        var count = await app.WithCasesAsync(db => Task.FromResult(db.Cases.Count(x => x.Title == "并发重试")));
        count.ShouldBe(1);
    }

    [Fact]
    public async Task Concurrent_intakes_get_distinct_numbers_in_sequence()
    {
        var cases = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => CreateAsync("wufang", "GAS-COMPLAINT", title: $"投诉 {i}")));
        var numbers = cases.Select(x => x.Number).ToList();
        numbers.Distinct().Count().ShouldBe(12);
        numbers.ShouldAllBe(n => n.StartsWith("TS"));
        var seqs = numbers.Select(n => int.Parse(n[^3..], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        (seqs[^1] - seqs[0]).ShouldBe(11);
    }

    [Fact]
    public async Task A_second_writer_with_a_stale_version_gets_a_conflict_never_a_silent_overwrite()
    {
        var c = await CreateAsync("kefu", "GAS-REPAIR");
        var zhuren = await app.ClientAsAsync("zhuren");
        var jishuId = await AccountAsync("jishu");
        var huangleiId = await AccountAsync("huanglei");
        var results = await Task.WhenAll(
            zhuren.PostJsonAsync($"/api/v1/cases/{c.Id}/dispatch", new DispatchRequest(jishuId, Version: c.Version)),
            zhuren.PostJsonAsync($"/api/v1/cases/{c.Id}/dispatch", new DispatchRequest(huangleiId, Version: c.Version)));
        results.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        var conflict = results.Single(r => r.StatusCode != HttpStatusCode.OK);
        conflict.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await conflict.Content.ReadAsStringAsync()).ShouldContain("他人修改");
        var now = await (await zhuren.GetAsync($"/api/v1/cases/{c.Id}")).ReadAsync<CaseDto>();
        now.Timeline.Count(e => e.Type == CaseEvents.Dispatched).ShouldBe(1);
    }

    [Fact]
    public async Task A_consultation_answered_on_the_spot_is_closed_at_once_and_counted()
    {
        var client = await app.ClientAsAsync("kefu");
        var response = await client.PostJsonAsync("/api/v1/cases", new CreateCaseRequest(
            await ItemAsync("CONSULT-POLICY"), CaseChannel.Visit, "个体户开业登记需要哪些材料", CloseNow: true, Resolution: "已当面告知材料清单并发放一次性告知单"));
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var c = await (await client.GetAsync($"/api/v1/cases/{(await response.ReadAsync<CreatedCase>()).Id}")).ReadAsync<CaseDto>();
        c.Status.ShouldBe(CaseStatus.Closed);
        c.ClosedAt.ShouldNotBeNull();
        c.Timeline.Select(e => e.Type).ShouldBe([CaseEvents.Created, CaseEvents.Closed]);
        c.Clocks.ShouldAllBe(k => k.State == ClockState.Met);

        var noAnswer = await client.PostJsonAsync("/api/v1/cases", new CreateCaseRequest(await ItemAsync("CONSULT-POLICY"), CaseChannel.Visit, "x", CloseNow: true));
        noAnswer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noAnswer.Content.ReadAsStringAsync()).ShouldContain("处理结果");
    }

    [Fact]
    public async Task Bad_intake_input_is_a_400_with_every_problem_and_nothing_is_written()
    {
        var client = await app.ClientAsAsync("kefu");
        var before = await app.WithCasesAsync(db => Task.FromResult(db.Cases.Count()));
        var response = await client.PostJsonAsync("/api/v1/cases", new CreateCaseRequest(Guid.NewGuid(), CaseChannel.Hotline, new string('长', 201), CallerPhone: "abc"));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.ReadAsync<System.Text.Json.JsonElement>();
        var errors = problem.GetProperty("errors");
        errors.TryGetProperty("ItemId", out _).ShouldBeTrue();
        errors.TryGetProperty("Title", out _).ShouldBeTrue();
        errors.TryGetProperty("CallerPhone", out _).ShouldBeTrue();
        errors.TryGetProperty("ExternalNumber", out _).ShouldBeTrue();
        (await app.WithCasesAsync(db => Task.FromResult(db.Cases.Count()))).ShouldBe(before);

        // Roles without the permission cannot register at all.
        var jishu = await app.ClientAsAsync("jishu");
        (await jishu.PostJsonAsync("/api/v1/cases", new CreateCaseRequest(await ItemAsync("GAS-REPAIR"), CaseChannel.Phone, "x"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_technician_never_reaches_another_units_case_by_id_by_number_or_through_actions()
    {
        var c = await CreateAsync("kefu", "EQUIP-SERVICE", title: "canary-R2 设备维修");   // 维修二班's item
        var jishu = await app.ClientAsAsync("jishu");
        (await jishu.GetAsync($"/api/v1/cases/{c.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await jishu.GetAsync($"/api/v1/cases/by-number/{c.Number}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await jishu.PostJsonAsync($"/api/v1/cases/{c.Id}/take", new CaseNoteRequest())).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await jishu.PostJsonAsync($"/api/v1/cases/{c.Id}/reveal-phone", new { })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var huanglei = await app.ClientAsAsync("huanglei");
        (await huanglei.GetAsync($"/api/v1/cases/{c.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The whole phone is only given by the audited reveal.
        var revealed = await (await huanglei.PostJsonAsync($"/api/v1/cases/{c.Id}/reveal-phone", new { })).ReadAsync<System.Text.Json.JsonElement>();
        revealed.GetProperty("phone").GetString().ShouldBe("13912345678");
        var audited = await app.WithDbAsync(db => Task.FromResult(db.AuditEntries.Count(a => a.Action == "case.phone_revealed" && a.EntityId == c.Id.ToString())));
        audited.ShouldBe(1);
        app.Logs.All.ShouldNotContain("13912345678");
    }

    [Fact]
    public async Task Merging_a_duplicate_stops_its_clocks_and_links_both_cases()
    {
        var original = await CreateAsync("kefu", "GAS-REPAIR", title: "原工单");
        var duplicate = await CreateAsync("wufang", "GAS-REPAIR", title: "重复来电");
        var zhuren = await app.ClientAsAsync("zhuren");
        var merged = await ActAsync(zhuren, duplicate.Id, "merge", new MergeRequest(original.Id, "同一用户重复来电", duplicate.Version));
        merged.Status.ShouldBe(CaseStatus.Merged);
        merged.MergedIntoId.ShouldBe(original.Id);
        merged.Clocks.ShouldAllBe(k => !k.IsActive);
        merged.Links.Single().Kind.ShouldBe(CaseLinkKind.Duplicate);
        var target = await (await zhuren.GetAsync($"/api/v1/cases/{original.Id}")).ReadAsync<CaseDto>();
        target.Links.Single().Number.ShouldBe(duplicate.Number);
        target.Timeline[^1].Type.ShouldBe(CaseEvents.MergedFrom);

        // A complaint linked to the repair it is about.
        var complaint = await CreateAsync("kefu", "GAS-COMPLAINT", title: "投诉维修人员迟到");
        var kefu = await app.ClientAsAsync("kefu");
        (await zhuren.PostJsonAsync($"/api/v1/cases/{complaint.Id}/links", new LinkRequest(original.Id, CaseLinkKind.ComplaintAbout)))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);   // the complaint is the call centre's, outside 工程部
        var linked = await ActAsync(kefu, complaint.Id, "links", new LinkRequest(original.Id, CaseLinkKind.ComplaintAbout));
        linked.Links.Single().Kind.ShouldBe(CaseLinkKind.ComplaintAbout);
        linked.Links.Single().Number.ShouldBe(original.Number);
    }
}
