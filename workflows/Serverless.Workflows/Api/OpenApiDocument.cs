namespace Serverless.Workflows.Api;

/// <summary>The API's OpenAPI 3.1 document (Api/openapi.json), served as-is by both hosts.</summary>
public static class OpenApiDocument
{
    public static string Json { get; } = Load();

    private static string Load()
    {
        using var stream = typeof(OpenApiDocument).Assembly.GetManifestResourceStream("openapi.json")
            ?? throw new InvalidOperationException("openapi.json is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
