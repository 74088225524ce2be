using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;

namespace Norma.IntegrationTests.Platform;

public sealed class HostTests(NormaFactory app) : IClassFixture<NormaFactory>
{
    [Fact]
    public async Task Health_endpoints_report_process_and_database()
    {
        var client = app.CreateClient();
        (await client.GetStringAsync("/healthz")).ShouldBe("Healthy");
        (await client.GetStringAsync("/readyz")).ShouldBe("Healthy");
    }

    [Fact]
    public async Task OpenAPI_document_and_browsable_page_describe_the_api()
    {
        var client = app.CreateClient();
        using var doc = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var paths = doc.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldContain("/api/v1/org/units");
        paths.ShouldContain("/api/v1/org/staff/{id}");
        paths.ShouldContain("/api/v1/audit/verify");
        (await client.GetAsync("/api/docs/index.html")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_login_page_is_chinese_by_default_english_on_request_and_sends_security_headers()
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync("/account/login");
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("<html lang=\"zh-CN\">");
        html.ShouldContain("请使用您的账号登录");
        html.ShouldContain("__RequestVerificationToken");
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("script-src 'self'");
        response.Headers.GetValues("X-Frame-Options").ShouldBe(["DENY"]);

        var switched = await client.GetAsync("/culture?c=en-US&returnUrl=%2Faccount%2Flogin");
        switched.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        switched.Headers.Location!.ToString().ShouldBe("/account/login");
        var cookie = switched.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Culture", StringComparison.Ordinal)).Split(';')[0];
        var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        request.Headers.Add("Cookie", cookie);
        (await (await client.SendAsync(request)).Content.ReadAsStringAsync()).ShouldContain("Sign in with your account");

        // Open redirects through the language switch are refused.
        (await client.GetAsync("/culture?c=en-US&returnUrl=%2F%2Fevil.example")).Headers.Location!.ToString().ShouldBe("/");
    }

    [Fact]
    public async Task The_rate_limiter_answers_429()
    {
        var token = (await app.ClientAsAsync("kefu")).DefaultRequestHeaders.Authorization!;
        using var limited = app.WithWebHostBuilder(b => b.UseSetting("RateLimits:ApiPerMinute", "3"));
        var client = limited.CreateClient();
        client.DefaultRequestHeaders.Authorization = token;
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            codes.Add((await client.GetAsync("/api/v1/me")).StatusCode);
        }

        codes.ShouldBe([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, (HttpStatusCode)429, (HttpStatusCode)429]);
    }

    [Fact]
    public async Task Back_office_pages_redirect_anonymous_visitors_to_the_login()
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync("/org/units");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/account/login");
    }
}
