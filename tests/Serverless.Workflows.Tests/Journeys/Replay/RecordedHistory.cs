using System.Reflection;
using System.Runtime.CompilerServices;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;

namespace Serverless.Workflows.Tests.Journeys.Replay;

/// <summary>
/// A journey's history as DurableTask.AzureStorage stored it, recorded by RecordJourneyHistories through the self-host:
/// the orchestrator name it ran under, the branch it shows, the retry policy it ran with (only when not production's),
/// and the engine's own history events.
/// </summary>
public sealed record RecordedHistory(string File, string Orchestrator, string Branch, RetryPolicy? Retry, IReadOnlyList<HistoryEvent> Events)
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Histories");

    public static IReadOnlyList<string> Files => [.. System.IO.Directory.GetFiles(Directory, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    public static RecordedHistory Load(string file)
    {
        var root = JObject.Parse(System.IO.File.ReadAllText(Path.Combine(Directory, file)));
        var retry = root["retry_policy"] is JObject policy
            ? new RetryPolicy((int)policy["max_attempts"]!, TimeSpan.FromMilliseconds((double)policy["first_retry_interval_ms"]!))
            : null;
        var events = ((JArray)root["history"]!).Cast<JObject>().Select(HistoryJson.Read).ToList();
        return new RecordedHistory(file, (string)root["orchestrator"]!, (string)root["branch"]!, retry, events);
    }

    public override string ToString() => File;
}

/// <summary>
/// Reads DurableTask.Core history events from the JSON the engine wrote (no type names: the <c>EventType</c> field
/// says which class). History events have no public parameterless constructors, so they are created uninitialised
/// and their data members set, as the engine's own table converter does.
/// </summary>
internal static class HistoryJson
{
    private static readonly Dictionary<EventType, Type> Types = typeof(HistoryEvent).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(HistoryEvent)) && !t.IsAbstract)
        .ToDictionary(t => ((HistoryEvent)RuntimeHelpers.GetUninitializedObject(t)).EventType);

    private static readonly Newtonsoft.Json.JsonSerializer Serializer = Newtonsoft.Json.JsonSerializer.Create(new JsonSerializerSettings
    {
        ContractResolver = new UninitialisedHistoryEvents(),
        DateParseHandling = DateParseHandling.DateTime,
        DateTimeZoneHandling = DateTimeZoneHandling.Utc,
    });

    public static HistoryEvent Read(JObject json) =>
        (HistoryEvent)json.ToObject(Types[(EventType)(int)json["EventType"]!], Serializer)!;

    private sealed class UninitialisedHistoryEvents : DefaultContractResolver
    {
        protected override JsonObjectContract CreateObjectContract(Type objectType)
        {
            var contract = base.CreateObjectContract(objectType);
            if (objectType.IsSubclassOf(typeof(HistoryEvent)))
            {
                contract.OverrideCreator = null;
                contract.CreatorParameters.Clear();
                contract.DefaultCreator = () => RuntimeHelpers.GetUninitializedObject(objectType);
                contract.DefaultCreatorNonPublic = false;
            }
            return contract;
        }

        protected override Newtonsoft.Json.Serialization.JsonProperty CreateProperty(MemberInfo member, MemberSerialization memberSerialization)
        {
            var property = base.CreateProperty(member, memberSerialization);
            if (!property.Writable && member is PropertyInfo { SetMethod: not null })
                property.Writable = true;
            return property;
        }
    }
}
