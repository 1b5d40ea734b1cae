using Esg.Api.Scores;
using Samples.ServiceDefaults;

namespace Esg.Api;

/// <summary>
/// Builds the ESG service: environmental, social and governance scores per company under <c>/api/scores</c>. Program.cs runs
/// it; tests start it in-process on an ephemeral port (<c>--urls http://127.0.0.1:0</c>).
/// </summary>
public static class EsgApi
{
    public static readonly ServiceDescription Service = new("esg", "ESG API", "Environmental, social and governance scores per company, with the rating they imply.");

    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(EsgApi).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.AddServiceDefaults(Service);
        builder.Services.AddSingleton(_ => ScoreStore.Create());
        return builder;
    }

    public static WebApplication Build(string[] args)
    {
        var app = CreateBuilder(args).Build();
        app.MapServiceDefaults();
        app.MapScoreEndpoints();
        return app;
    }
}
