using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Azure.Cosmos;

namespace Serverless.Workflows.Cases.Cosmos;

/// <summary>
/// System.Text.Json for Cosmos DB documents: honours the models' <c>[JsonPropertyName]</c> snake_case, writes every
/// timestamp in one UTC format so string comparison in queries orders correctly, and never writes Cosmos system
/// properties (<c>_etag</c>, <c>_rid</c>, <c>_ts</c>, …) back: they are read from the server, not sent to it.
/// </summary>
public static class CosmosJson
{
    /// <summary>
    /// The one timestamp format in documents and query parameters: fixed width, UTC, <c>Z</c>. Mixing <c>+00:00</c> and
    /// <c>Z</c>, or a varying number of fraction digits, would make string comparison and ORDER BY wrong.
    /// </summary>
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Formats a timestamp exactly as documents store it, for query parameters.</summary>
    public static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            // Nulls are written: queries test IS_NULL(c.retention.redacted_at), and a missing property is not null.
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { NeverWriteSystemProperties } },
        };
        options.Converters.Add(new UtcTimestampConverter());
        options.MakeReadOnly();
        return options;
    }

    private static void NeverWriteSystemProperties(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
            return;
        foreach (var property in typeInfo.Properties)
        {
            if (property.Name.StartsWith('_'))
                property.ShouldSerialize = static (_, _) => false;
        }
    }

    private sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetDateTimeOffset().ToUniversalTime();

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Timestamp(value));
    }
}

/// <summary>The Cosmos SDK's serializer hook over <see cref="CosmosJson.Options"/>.</summary>
public sealed class CosmosSystemTextJsonSerializer : CosmosSerializer
{
    public override T FromStream<T>(Stream stream)
    {
        if (typeof(Stream).IsAssignableFrom(typeof(T)))
            return (T)(object)stream;

        using (stream)
        {
            if (stream.CanSeek && stream.Length == 0)
                return default!;
            return JsonSerializer.Deserialize<T>(stream, CosmosJson.Options)!;
        }
    }

    public override Stream ToStream<T>(T input)
    {
        var stream = new MemoryStream();
        JsonSerializer.Serialize(stream, input, CosmosJson.Options);
        stream.Position = 0;
        return stream;
    }
}
