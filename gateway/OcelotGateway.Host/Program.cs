using OcelotGateway.Hosting;

if (HelpCommand.IsRequested(args))
{
    await Console.Out.WriteLineAsync(HelpCommand.Text);
    return 0;
}

if (ValidateCommand.IsRequested(args))
{
    return await ValidateCommand.RunAsync(args, Console.Out);
}

if (ExplainCommand.IsRequested(args))
{
    return await ExplainCommand.RunAsync(args, Console.Out, Console.Error);
}

if (TokenCommand.IsRequested(args))
{
    return await TokenCommand.RunAsync(args, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(GatewayContentRoot.Options(args));
builder.AddOcelotGateway();
var app = builder.Build();
app.MapOcelotGateway();
return await app.RunGatewayAsync();
