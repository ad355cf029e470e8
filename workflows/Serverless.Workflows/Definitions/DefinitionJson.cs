using System.Text.Json;
using System.Text.Json.Serialization;

namespace Serverless.Workflows.Definitions;

/// <summary>How definition files are read: strictly, so a typo fails startup instead of silently becoming a default.</summary>
internal static class DefinitionJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        AllowDuplicateProperties = false,
    };
}
