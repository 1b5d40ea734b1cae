namespace OcelotGateway.Configuration.Loading;

/// <summary>Where one merged route or aggregate came from, so problems can name the file and the index inside it.</summary>
public sealed record ConfigurationOrigin(string File, int IndexInFile);
