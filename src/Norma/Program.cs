using MudBlazor.Services;
using Norma.Components;
using Norma.Components.Shared;
using Norma.Modules.Cases;
using Norma.Modules.Catalog;
using Norma.Modules.Evaluation;
using Norma.Modules.Evaluation.Features.Exports;
using Norma.Modules.Calendars;
using Norma.Modules.Customers;
using Norma.Modules.Organization;
using Norma.Modules.Platform;
using Norma.Modules.Platform.Setup;
using Norma.Modules.Standards;

// Norma: one deployable. Without a verb it serves the web app; verbs (see --help) run administrative tasks.
var cli = AdminCli.Parse(args);
if (cli.Verb == AdminVerb.Help)
{
    Console.Out.Write(AdminCli.HelpText);
    return 0;
}

if (cli.Verb == AdminVerb.Unknown)
{
    await Console.Error.WriteLineAsync(cli.Error);
    Console.Error.Write(AdminCli.HelpText);
    return 2;
}

var builder = WebApplication.CreateBuilder(cli.HostArgs);
builder.AddPlatform();
builder.Services.AddOrganization();
builder.Services.AddStandards();
builder.Services.AddCatalog();
builder.Services.AddCalendars();
builder.Services.AddCustomers();
builder.Services.AddCases();
builder.Services.AddEvaluation();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.Services.AddNormaUi();

var app = builder.Build();
app.UsePlatform();
app.MapStaticAssets();
// Our Content-Security-Policy already forbids framing; Blazor need not add a second header.
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);

var api = app.MapGroup("/api/v1").RequireAuthorization(PlatformModule.ApiPolicy);
api.MapPlatformApi();
api.MapOrganization();
api.MapStandards();
api.MapCatalog();
app.MapStandardsPages();
app.MapCatalogPages();
api.MapCalendars();
app.MapCalendarsPages();
api.MapCases();
api.MapEvaluation();
app.MapEvaluationPages();
app.MapCasesPages();

return await cli.RunAsync(app);

/// <summary>The entry point type, for WebApplicationFactory in tests.</summary>
public partial class Program;
