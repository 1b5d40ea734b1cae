using Finance.Api.Statements;
using Samples.ServiceDefaults;

namespace Finance.Api;

/// <summary>
/// Builds the Finance service: annual financial statements per company and fiscal year under <c>/api/statements</c>.
/// Program.cs runs it; tests start it in-process on an ephemeral port (<c>--urls http://127.0.0.1:0</c>).
/// </summary>
public static class FinanceApi
{
    public static readonly ServiceDescription Service = new("finance", "Finance API", "Annual financial statements per company and fiscal year (amounts in the statement's currency).");

    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(FinanceApi).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.AddServiceDefaults(Service);
        builder.Services.AddSingleton(_ => StatementStore.Create());
        return builder;
    }

    public static WebApplication Build(string[] args)
    {
        var app = CreateBuilder(args).Build();
        app.MapServiceDefaults();
        app.MapStatementEndpoints();
        return app;
    }
}
