namespace Serverless.Infra.Tests.Arm;

/// <summary>
/// A value only known at deployment time (reference(), uniqueString(), subscription(), module outputs). It evaluates to
/// a string «source text», so interpolations keep their literal parts: "https://«reference(...).defaultHostName»".
/// </summary>
internal static class Opaque
{
    public static JsonNode Of(string source) => JsonValue.Create($"«{source}»");

    public static bool Is(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) && text.Contains('«', StringComparison.Ordinal);
}
