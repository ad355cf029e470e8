namespace Serverless.Functions.Tests;

/// <summary>The served OpenAPI document on its own: version, operation ids and error responses.</summary>
public sealed class OpenApiDocumentTests
{
    /// <summary>
    /// Operations with no client error to document: the public, static OpenAPI document itself cannot fail with a 4xx.
    /// </summary>
    private static readonly HashSet<string> WithoutClientErrors = new(StringComparer.Ordinal) { "getOpenApi", "healthLive", "healthReady" };

    /// <summary>
    /// Two sandboxes speak another platform's API, errors included: the Pay sandbox answers in Pay's shape (code,
    /// description) and the Notify sandbox in Notify's API v2 shape (<c>{"errors":[…],"status_code"}</c>), so that the live
    /// adapters (and Notify's official client) are the code under test. Their conformance to each platform's own OpenAPI
    /// document is tested instead.
    /// </summary>
    private static readonly HashSet<string> InAnotherApisErrorShape = new(StringComparer.Ordinal)
    {
        "sandboxPayCreatePayment", "sandboxPayGetPayment", "sandboxPayRefund", "sandboxPayListRefunds",
        "notifySandboxSendEmail", "notifySandboxSendSms", "notifySandboxGetMessage", "notifySandboxListMessages",
    };

    private static OpenApiSpec Spec => OpenApiSpec.Served;

    [Fact]
    public void The_document_is_OpenAPI_3_1_served_under_api()
    {
        Assert.StartsWith("3.1", Spec.Document["openapi"]?.GetValue<string>() ?? "", StringComparison.Ordinal);
        Assert.Equal("/api", Spec.ServerUrl);
        Assert.NotEmpty(Spec.Operations);
    }

    [Fact]
    public void Every_operation_has_a_unique_operation_id()
    {
        Assert.All(Spec.Operations, o => Assert.False(string.IsNullOrWhiteSpace(o.OperationId), $"{o} has no operationId"));
        var duplicates = Spec.Operations.GroupBy(o => o.OperationId, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key);
        Assert.Empty(duplicates);
    }

    [Fact]
    public void Every_operation_documents_a_client_error_as_problem_json()
    {
        foreach (var operation in Spec.Operations.Where(o => !WithoutClientErrors.Contains(o.OperationId!) && !InAnotherApisErrorShape.Contains(o.OperationId!)))
        {
            var clientErrors = Spec.Responses(operation).Where(r => r.Status.StartsWith('4')).ToList();
            Assert.True(clientErrors.Any(r => IsProblemJson(r.Response)), $"{operation} documents no 4xx response as application/problem+json");
        }
    }

    [Fact]
    public void Every_documented_error_response_is_problem_json()
    {
        var notProblems = Spec.Operations.Where(o => !InAnotherApisErrorShape.Contains(o.OperationId!))
            .SelectMany(o => Spec.Responses(o).Where(r => r.Status[0] is '4' or '5' && !IsProblemJson(r.Response)).Select(r => $"{o} {r.Status}"))
            .ToList();

        Assert.True(notProblems.Count == 0, $"error responses without application/problem+json: {string.Join(", ", notProblems)}");
    }

    [Fact]
    public void Operations_exempt_from_client_errors_still_exist()
    {
        var ids = Spec.Operations.Select(o => o.OperationId ?? "").ToHashSet(StringComparer.Ordinal);

        Assert.All(WithoutClientErrors, id => Assert.Contains(id, ids));
    }

    private static bool IsProblemJson(JsonObject response) =>
        response["content"]?.AsObject().ContainsKey("application/problem+json") == true;
}
