using Ocelot.Configuration.File;
using Ocelot.DependencyInjection;
using Ocelot.Middleware;

// Ocelot as an operator hosts it, reading the same route folder and appsettings the gateway is given:
// fragments merged by AddOcelot(folder, env), else ocelot.json; then ocelot.{Environment}.json laid over it.
var builder = WebApplication.CreateBuilder(args);
var folder = builder.Configuration["Parity:RouteFolder"] ?? throw new InvalidOperationException("Parity:RouteFolder is required.");
var environmentFile = $"ocelot.{builder.Environment.EnvironmentName}.json";
var hasFragments = Directory.EnumerateFiles(folder, "ocelot.*.json")
    .Select(Path.GetFileName)
    .Any(name => !string.Equals(name, environmentFile, StringComparison.OrdinalIgnoreCase));
if (hasFragments)
{
    builder.Configuration.AddOcelot(folder, builder.Environment, MergeOcelotJson.ToMemory);
}
else
{
    builder.Configuration.AddJsonFile(Path.Combine(folder, "ocelot.json"), optional: false, reloadOnChange: false);
}

builder.Configuration.AddJsonFile(Path.Combine(folder, environmentFile), optional: true, reloadOnChange: false);

// The same JWT bearer schemes the gateway declares under Authentication:Schemes (bound from there by ASP.NET Core),
// with claim types kept as the token names them, as the gateway does.
var authentication = builder.Services.AddAuthentication();
foreach (var scheme in builder.Configuration.GetSection("Authentication:Schemes").GetChildren())
{
    authentication.AddJwtBearer(scheme.Key, options => options.MapInboundClaims = false);
}

var ocelot = builder.Services.AddOcelot(builder.Configuration);

// Ocelot's QoS lives in the separate Ocelot.Provider.Polly assembly; when the build folder has it, it is switched on.
var polly = Type.GetType("Ocelot.Provider.Polly.OcelotBuilderExtensions, Ocelot.Provider.Polly", throwOnError: false);
polly?.GetMethods()
    .Single(m => m.Name == "AddPolly" && !m.IsGenericMethod && m.GetParameters() is [{ ParameterType: var type }] && type == typeof(IOcelotBuilder))
    .Invoke(null, [ocelot]);
var app = builder.Build();
app.UseWebSockets();
await app.UseOcelot();
await app.RunAsync();
