namespace Serverless.Functions.Tests;

/// <summary>One entry of functions.metadata: the function's name and its bindings.</summary>
public sealed record FunctionMetadata(string Name, string EntryPoint, IReadOnlyList<JsonObject> Bindings)
{
    public static FunctionMetadata From(JsonObject function) => new(
        function["name"]!.GetValue<string>(),
        function["entryPoint"]?.GetValue<string>() ?? "",
        [.. function["bindings"]!.AsArray().Select(b => b!.AsObject())]);

    /// <summary>The one binding whose type ends in "Trigger".</summary>
    public JsonObject Trigger => Assert.Single(Bindings, b => Type(b).EndsWith("Trigger", StringComparison.Ordinal));

    /// <summary>Binding types, sorted, e.g. ["durableClient", "http", "httpTrigger"].</summary>
    public IReadOnlyList<string> BindingTypes => [.. Bindings.Select(Type).Order(StringComparer.Ordinal)];

    public static string Type(JsonObject binding) => binding["type"]!.GetValue<string>();

    public static string? Text(JsonObject binding, string property) => binding[property]?.GetValue<string>();

    public static string Direction(JsonObject binding) => binding["direction"]!.GetValue<string>();

    /// <summary>An HTTP trigger's methods, upper-case.</summary>
    public IReadOnlyList<string> HttpMethods =>
        [.. Trigger["methods"]!.AsArray().Select(m => m!.GetValue<string>().ToUpperInvariant()).Order(StringComparer.Ordinal)];
}
