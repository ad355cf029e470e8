using System.Text.Json;
using Serverless.Workflows.Definitions;

namespace Serverless.Workflows.Applications;

/// <summary>A service as frontends see it in the catalogue: what it costs, what it needs, and the schema to submit.</summary>
public sealed record ServiceView(
    string ServiceId, int Version, string Name, DepartmentView Department, string IdentityLevel, int? FeePence,
    SlaView DecisionSla, JsonElement? ApplicationSchema, EvidencePolicy? Evidence)
{
    public static ServiceView From(ServiceDefinition d, bool withSchema) => new(
        d.ServiceId, d.Version, d.Name, new DepartmentView(d.Department.Id, d.Department.Name), d.IdentityLevel, d.FeePence,
        new SlaView(d.DecisionSla.Clock, d.DecisionSla.DecideWithin), withSchema ? d.ApplicationSchema : null, d.Evidence);
}

public sealed record DepartmentView(string Id, string Name);

public sealed record SlaView(string Clock, string DecideWithin);

public sealed record ServiceList(IReadOnlyList<ServiceView> Services);
