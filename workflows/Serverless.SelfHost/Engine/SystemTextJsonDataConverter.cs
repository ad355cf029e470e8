using System.Text.Json;
using DurableTask.Core.Serializing;

namespace Serverless.SelfHost.Engine;

/// <summary>
/// DurableTask.Core's client serialises with Newtonsoft by default, while the Microsoft.DurableTask shims use
/// System.Text.Json. One serializer on both sides keeps event payloads and inputs identical to Durable Functions.
/// </summary>
public sealed class SystemTextJsonDataConverter : DataConverter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public override string? Serialize(object? value) => Serialize(value, formatted: false);

    public override string? Serialize(object? value, bool formatted) =>
        value is null ? null : JsonSerializer.Serialize(value, value.GetType(), formatted ? Indented : JsonSerializerOptions.Default);

    public override object? Deserialize(string? data, Type objectType) =>
        data is null ? null : JsonSerializer.Deserialize(data, objectType);
}
