using OcelotGateway.Hosting;

if (ValidateCommand.IsRequested(args))
{
    return await ValidateCommand.RunAsync(args, Console.Out);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddOcelotGateway();
var app = builder.Build();
app.MapOcelotGateway();
return await app.RunGatewayAsync();
